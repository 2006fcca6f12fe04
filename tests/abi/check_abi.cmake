# Checks what the built libfastlinalg exports:
#   1. every dynamic symbol it defines is an fl_* name;
#   2. those are exactly the functions the public header declares (FL_API ... fl_x(...)), so
#      that nothing declared is missing and nothing exported is undocumented;
#   3. its SONAME is libfastlinalg.so.<FL_VERSION_MAJOR>.
# Compatibility with the last release (a removed function, a changed signature, a renumbered
# enumerator) is abidiff's job against tests/abi/libfastlinalg-<version>.abi: .ci/stage-abi.sh.
# Run as:  cmake -DLIB=<file> -DNM=<nm> -DREADELF=<readelf> -DHEADER=<h>
#                -DSONAME=<expected soname> -P check_abi.cmake
foreach(var LIB NM READELF HEADER SONAME)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check_abi.cmake: ${var} is not set")
  endif()
endforeach()

# 1. What the shared object exports.
execute_process(COMMAND "${NM}" -D --defined-only "${LIB}"
                OUTPUT_VARIABLE nm_out RESULT_VARIABLE nm_rc ERROR_VARIABLE nm_err)
if(NOT nm_rc EQUAL 0)
  message(FATAL_ERROR "nm failed (${nm_rc}): ${nm_err}")
endif()
string(REPLACE "\n" ";" nm_lines "${nm_out}")
set(exported)
foreach(line IN LISTS nm_lines)
  # "<address> <type> <name>[@version]"
  if(line MATCHES "^[0-9a-fA-F]* *[A-Za-z] ([^ @]+)")
    list(APPEND exported "${CMAKE_MATCH_1}")
  endif()
endforeach()
list(REMOVE_DUPLICATES exported)
list(SORT exported)
set(stray ${exported})
list(FILTER stray EXCLUDE REGEX "^fl_")
if(stray)
  message(SEND_ERROR "${LIB} exports symbols other than fl_*: ${stray}")
endif()

# 2. What the header declares.
file(READ "${HEADER}" header_text)
string(REGEX MATCHALL "FL_API[^;(]*[ *]fl_[a-z0-9_]+[ ]*\\(" decls "${header_text}")
set(declared)
foreach(d IN LISTS decls)
  string(REGEX MATCH "fl_[a-z0-9_]+[ ]*\\($" name "${d}")
  string(REGEX REPLACE "[ ]*\\($" "" name "${name}")
  list(APPEND declared "${name}")
endforeach()
list(SORT declared)
if(NOT declared STREQUAL exported)
  set(missing ${declared})
  list(REMOVE_ITEM missing ${exported})
  set(extra ${exported})
  list(REMOVE_ITEM extra ${declared})
  message(SEND_ERROR "the functions ${LIB} exports differ from those ${HEADER} declares\n"
                     "  declared, not exported: ${missing}\n  exported, not declared: ${extra}")
endif()

# 3. The SONAME.
execute_process(COMMAND "${READELF}" -d "${LIB}"
                OUTPUT_VARIABLE re_out RESULT_VARIABLE re_rc ERROR_VARIABLE re_err)
if(NOT re_rc EQUAL 0)
  message(FATAL_ERROR "readelf failed (${re_rc}): ${re_err}")
endif()
if(re_out MATCHES "\\(SONAME\\)[^\n]*\\[([^]\n]+)\\]")
  set(soname "${CMAKE_MATCH_1}")
else()
  set(soname "<none>")
endif()
if(NOT soname STREQUAL SONAME)
  message(SEND_ERROR "SONAME of ${LIB} is ${soname}, expected ${SONAME}")
endif()

list(LENGTH exported count)
message(STATUS "ABI ok: ${count} exported fl_* symbols, all declared in the header; SONAME ${soname}")
