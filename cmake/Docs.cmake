# The API reference: `cmake --build build --target docs` runs Doxygen over the public C
# headers (fastlinalg.h, fastlinalg_mpi.h) into build/docs/html. Every function, enum, value
# and parameter must be documented: a missing @param or @return, or any other warning, fails
# the target (.ci/stage-doxygen.sh).
find_package(Doxygen QUIET)
if(NOT DOXYGEN_FOUND)
  message(STATUS "Doxygen not found: no `docs` target (apt-get install doxygen)")
  return()
endif()
set(DOXYGEN_PROJECT_NAME "fastlinalg")
set(DOXYGEN_PROJECT_BRIEF "Factor once, solve many times: the C API")
set(DOXYGEN_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/docs)
set(DOXYGEN_GENERATE_HTML YES)
set(DOXYGEN_GENERATE_LATEX NO)
set(DOXYGEN_OPTIMIZE_OUTPUT_FOR_C YES)
set(DOXYGEN_JAVADOC_AUTOBRIEF YES)
set(DOXYGEN_EXTRACT_ALL NO)
set(DOXYGEN_WARN_IF_UNDOCUMENTED YES)
set(DOXYGEN_WARN_IF_DOC_ERROR YES)
set(DOXYGEN_WARN_NO_PARAMDOC YES)
set(DOXYGEN_WARN_AS_ERROR FAIL_ON_WARNINGS)
set(DOXYGEN_QUIET YES)
set(DOXYGEN_FULL_PATH_NAMES NO)
set(DOXYGEN_TYPEDEF_HIDES_STRUCT YES)
# The export and enum-type macros are noise on every line of the reference.
set(DOXYGEN_ENABLE_PREPROCESSING YES)
set(DOXYGEN_MACRO_EXPANSION YES)
set(DOXYGEN_EXPAND_ONLY_PREDEF YES)
set(DOXYGEN_PREDEFINED "FL_API=" "FL_ENUM_TYPE=")
# The MPI component's header too: it is public whether or not this build makes the library.
doxygen_add_docs(docs ${PROJECT_SOURCE_DIR}/include/fastlinalg/fastlinalg.h
  ${PROJECT_SOURCE_DIR}/include/fastlinalg/fastlinalg_mpi.h
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
  COMMENT "Doxygen: the API reference of fastlinalg.h and fastlinalg_mpi.h into ${PROJECT_BINARY_DIR}/docs/html")
