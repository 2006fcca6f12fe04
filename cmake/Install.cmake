# cmake --install: the header, the library with its SONAME links, fastlinalg.pc for
# pkg-config, and a CMake package so that find_package(fastlinalg) gives
# fastlinalg::fastlinalg.
include(CMakePackageConfigHelpers)

install(TARGETS fastlinalg EXPORT fastlinalgTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/fastlinalg DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(FL_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/fastlinalg)
install(EXPORT fastlinalgTargets NAMESPACE fastlinalg:: DESTINATION ${FL_CMAKE_DIR})
configure_package_config_file(cmake/fastlinalgConfig.cmake.in
  ${PROJECT_BINARY_DIR}/fastlinalgConfig.cmake INSTALL_DESTINATION ${FL_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/fastlinalgConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)  # 0.x: a minor release may break the ABI
install(FILES ${PROJECT_BINARY_DIR}/fastlinalgConfig.cmake
              ${PROJECT_BINARY_DIR}/fastlinalgConfigVersion.cmake
        DESTINATION ${FL_CMAKE_DIR})

# Installed programs find the library through a RUNPATH relative to themselves ($ORIGIN), so
# neither LD_LIBRARY_PATH nor ldconfig is needed for any prefix, and the tree may be moved.
file(RELATIVE_PATH FL_BIN_TO_LIBDIR "/root/${CMAKE_INSTALL_BINDIR}" "/root/${CMAKE_INSTALL_LIBDIR}")
# The library's own RUNPATH is $ORIGIN: dependencies shipped next to it in a relocated bundle
# are found before the system's.
set_target_properties(fastlinalg PROPERTIES INSTALL_RPATH "$ORIGIN")
if(TARGET fastlinalg-demo)
  set_target_properties(fastlinalg-demo PROPERTIES INSTALL_RPATH "$ORIGIN/${FL_BIN_TO_LIBDIR}")
  install(TARGETS fastlinalg-demo RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

# The .pc file finds its prefix from where it lies (pkg-config's ${pcfiledir}), so the
# installed tree can be moved or installed with --prefix anywhere.
file(RELATIVE_PATH FL_PC_TO_PREFIX "/root/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/root")
string(REGEX REPLACE "/$" "" FL_PC_TO_PREFIX "${FL_PC_TO_PREFIX}")
# Its Libs carry -Wl,-rpath,${libdir}: a program linked through pkg-config runs without
# LD_LIBRARY_PATH from a custom prefix too (and a /usr/local install needs no ldconfig).
configure_file(cmake/fastlinalg.pc.in ${PROJECT_BINARY_DIR}/fastlinalg.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/fastlinalg.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
