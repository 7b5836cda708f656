# Finds gumbo, the HTML5 parser, through pkg-config (Debian's libgumbo-dev ships no CMake
# config), as the imported target gumbo::gumbo. Used by refrain's build and installed with its
# package so that a consumer's find_package(refrain) finds gumbo the same way.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_GUMBO QUIET IMPORTED_TARGET gumbo)
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(gumbo REQUIRED_VARS PC_GUMBO_FOUND PC_GUMBO_LINK_LIBRARIES
                                  VERSION_VAR PC_GUMBO_VERSION)
if(gumbo_FOUND AND NOT TARGET gumbo::gumbo)
  add_library(gumbo::gumbo INTERFACE IMPORTED)
  target_link_libraries(gumbo::gumbo INTERFACE PkgConfig::PC_GUMBO)
endif()
