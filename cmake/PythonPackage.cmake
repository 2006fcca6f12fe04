# What `pip install ./bindings/python` (scikit-build-core, which sets SKBUILD) puts into the
# package: the component "python" only (bindings/python/pyproject.toml).
#
#  - By default the library just built, as the one file fastlinalg/libfastlinalg.so.0 (a wheel
#    stores no symlinks, so the SONAME links would be full copies). fastlinalg/_lib.py loads
#    it before anything on the system.
#  - With -C cmake.define.FL_PYTHON_LIBRARY=<path or soname>, nothing is compiled: the package
#    records that library in fastlinalg/_configured_library.py and loads it (an installed
#    /usr/local/lib/libfastlinalg.so.0, a custom prefix's, or "libfastlinalg.so.0" for the
#    dynamic loader's search).
if(NOT SKBUILD)
  return()
endif()
# The licence, with its notice on the GPL parts of SuiteSparse, travels inside the package
# (a wheel that auditwheel fills with those libraries must carry it).
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION fastlinalg COMPONENT python)
if(FL_PYTHON_LIBRARY)
  if(IS_ABSOLUTE "${FL_PYTHON_LIBRARY}" AND NOT EXISTS "${FL_PYTHON_LIBRARY}")
    message(FATAL_ERROR "FL_PYTHON_LIBRARY=${FL_PYTHON_LIBRARY}: no such file")
  endif()
  file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/_configured_library.py CONTENT
"\"\"\"Written by pip install with FL_PYTHON_LIBRARY: the libfastlinalg this package loads.\"\"\"
LIBRARY = \"@FL_PYTHON_LIBRARY@\"
" @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/_configured_library.py DESTINATION fastlinalg COMPONENT python)
else()
  install(FILES $<TARGET_FILE:fastlinalg>
          DESTINATION fastlinalg
          RENAME libfastlinalg.so.${PROJECT_VERSION_MAJOR}
          COMPONENT python)
endif()
