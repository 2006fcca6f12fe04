# The libraries underneath fastlinalg, all from Debian's packages:
#   libopenblas-dev (BLAS + LAPACK + the OpenBLAS run-time controls), liblapacke-dev.
# SuiteSparse (libsuitesparse-dev) is looked for too, for the sparse layer to come;
# nothing links it yet. Debian 12 ships no .pc files for it, hence find_path/find_library.
find_package(PkgConfig REQUIRED)
pkg_check_modules(OPENBLAS REQUIRED IMPORTED_TARGET openblas)
pkg_check_modules(LAPACKE REQUIRED IMPORTED_TARGET lapacke)
find_path(FL_SUITESPARSE_INCLUDE_DIR cholmod.h PATH_SUFFIXES suitesparse)
find_library(FL_CHOLMOD_LIBRARY cholmod)
if(FL_SUITESPARSE_INCLUDE_DIR AND FL_CHOLMOD_LIBRARY)
  message(STATUS "SuiteSparse: ${FL_SUITESPARSE_INCLUDE_DIR}, ${FL_CHOLMOD_LIBRARY}")
endif()

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
