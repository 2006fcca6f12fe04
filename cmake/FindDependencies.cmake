# The libraries underneath fastlinalg, all from Debian's packages:
#   libopenblas-dev (BLAS + LAPACK + the OpenBLAS run-time controls), liblapacke-dev.
#   libsuitesparse-dev (CHOLMOD, UMFPACK, SPQR: the sparse kinds in src/sparse/).
# Debian 12 ships no .pc files for SuiteSparse, hence find_path/find_library; the result
# is one imported target, FL::SuiteSparse.
find_package(PkgConfig REQUIRED)
pkg_check_modules(OPENBLAS REQUIRED IMPORTED_TARGET openblas)
pkg_check_modules(LAPACKE REQUIRED IMPORTED_TARGET lapacke)
find_path(FL_SUITESPARSE_INCLUDE_DIR cholmod.h PATH_SUFFIXES suitesparse)
set(_fl_suitesparse_libraries "")
foreach(_fl_lib IN ITEMS spqr umfpack cholmod suitesparseconfig)
  string(TOUPPER ${_fl_lib} _fl_upper)
  find_library(FL_${_fl_upper}_LIBRARY ${_fl_lib})
  if(NOT FL_${_fl_upper}_LIBRARY)
    message(FATAL_ERROR "SuiteSparse's lib${_fl_lib} not found: install libsuitesparse-dev")
  endif()
  list(APPEND _fl_suitesparse_libraries ${FL_${_fl_upper}_LIBRARY})
endforeach()
if(NOT FL_SUITESPARSE_INCLUDE_DIR)
  message(FATAL_ERROR "SuiteSparse's cholmod.h not found: install libsuitesparse-dev")
endif()
add_library(FL::SuiteSparse INTERFACE IMPORTED)
set_target_properties(FL::SuiteSparse PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${FL_SUITESPARSE_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES "${_fl_suitesparse_libraries}")
message(STATUS "SuiteSparse: ${FL_SUITESPARSE_INCLUDE_DIR}, ${_fl_suitesparse_libraries}")

if(FL_BUILD_TESTS)
  find_package(GTest REQUIRED)
  find_package(Python3 COMPONENTS Interpreter)
endif()
if(FL_BUILD_BENCH)
  find_package(benchmark QUIET)
  if(NOT benchmark_FOUND)
    message(STATUS "Google Benchmark not found: the benchmarks are not built")
    set(FL_BUILD_BENCH OFF)
  endif()
endif()
