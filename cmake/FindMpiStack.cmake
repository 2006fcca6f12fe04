# The libraries under libfastlinalg_mpi, all from Debian's packages: openmpi-bin and
# libopenmpi-dev (MPI), libscalapack-openmpi-dev (BLACS + ScaLAPACK), libmumps-dev
# (dmumps_c). Sets FL_MPI_STACK_FOUND and, when found, the imported target FL::MpiStack.
# Nothing here is required: without them the MPI component is simply not built.
set(FL_MPI_STACK_FOUND OFF)
find_package(MPI QUIET COMPONENTS C)
pkg_check_modules(SCALAPACK QUIET IMPORTED_TARGET scalapack-openmpi)
if(NOT SCALAPACK_FOUND)
  pkg_check_modules(SCALAPACK QUIET IMPORTED_TARGET scalapack)
endif()
find_path(FL_MUMPS_INCLUDE_DIR dmumps_c.h)
find_library(FL_DMUMPS_LIBRARY dmumps)
find_library(FL_MUMPS_COMMON_LIBRARY mumps_common)
if(MPI_C_FOUND AND SCALAPACK_FOUND AND FL_MUMPS_INCLUDE_DIR AND FL_DMUMPS_LIBRARY AND FL_MUMPS_COMMON_LIBRARY)
  set(FL_MPI_STACK_FOUND ON)
  add_library(FL::MpiStack INTERFACE IMPORTED)
  set_target_properties(FL::MpiStack PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${FL_MUMPS_INCLUDE_DIR}"
    # mpi.h's C++ bindings are deprecated and need libmpi_cxx: C++ code uses the C API.
    INTERFACE_COMPILE_DEFINITIONS "OMPI_SKIP_MPICXX=1;MPICH_SKIP_MPICXX=1"
    INTERFACE_LINK_LIBRARIES "${FL_DMUMPS_LIBRARY};${FL_MUMPS_COMMON_LIBRARY};PkgConfig::SCALAPACK;MPI::MPI_C")
  message(STATUS "MPI stack: ${MPI_C_LIBRARIES}; ScaLAPACK ${SCALAPACK_LINK_LIBRARIES}; MUMPS ${FL_DMUMPS_LIBRARY}")
else()
  message(STATUS "MPI stack incomplete (MPI ${MPI_C_FOUND}, ScaLAPACK ${SCALAPACK_FOUND}, MUMPS ${FL_DMUMPS_LIBRARY}): libfastlinalg_mpi is not built")
endif()
