# Checks the ABI surface of the built libfastlinalg:
#   1. the dynamic symbols it defines are exactly tests/abi/exported_symbols.txt;
#   2. that list is exactly the functions the public header declares (FL_API ... fl_x(...));
#   3. its SONAME is libfastlinalg.so.<FL_VERSION_MAJOR>.
# Run as:  cmake -DLIB=<file> -DNM=<nm> -DREADELF=<readelf> -DSYMBOLS=<list> -DHEADER=<h>
#                -DSONAME=<expected soname> -P check_abi.cmake
foreach(var LIB NM READELF SYMBOLS HEADER SONAME)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check_abi.cmake: ${var} is not set")
  endif()
endforeach()

function(report_difference what want got)
  set(missing ${want})
  list(REMOVE_ITEM missing ${got})
  set(extra ${got})
  list(REMOVE_ITEM extra ${want})
  message(SEND_ERROR "${what}\n  missing: ${missing}\n  unexpected: ${extra}")
endfunction()

# The expected list, one name per line, sorted.
file(STRINGS "${SYMBOLS}" expected REGEX "^[A-Za-z_]")
set(sorted ${expected})
list(SORT sorted)
if(NOT expected STREQUAL sorted)
  message(SEND_ERROR "${SYMBOLS} is not sorted")
endif()

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
if(NOT exported STREQUAL expected)
  report_difference("the exported symbols of ${LIB} differ from ${SYMBOLS}" "${expected}" "${exported}")
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
if(NOT declared STREQUAL expected)
  report_difference("the functions declared in ${HEADER} differ from ${SYMBOLS}" "${expected}" "${declared}")
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

list(LENGTH expected count)
message(STATUS "ABI ok: ${count} exported fl_* symbols, SONAME ${soname}")
