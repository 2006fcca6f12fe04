# The libraries underneath fastlinalg, all from Debian's packages:
#   libopenblas-dev (BLAS + LAPACK + the OpenBLAS run-time controls), liblapacke-dev.
# SuiteSparse (libsuitesparse-dev) is looked for here too, for the sparse layer to come;
# nothing needs it yet.
find_package(PkgConfig REQUIRED)
pkg_check_modules(OPENBLAS REQUIRED IMPORTED_TARGET openblas)
pkg_check_modules(LAPACKE REQUIRED IMPORTED_TARGET lapacke)
pkg_check_modules(CHOLMOD QUIET IMPORTED_TARGET cholmod)

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
