# refrain_find_library(NAME LIBRARY HEADER): finds a C library that Debian ships with neither a
# CMake config nor a pkg-config file (libstemmer, libwordnet) as the imported target NAME::NAME,
# for the find module Find<NAME>.cmake that calls it. Installed with refrain's package beside them.
macro(refrain_find_library name library header)
  string(TOUPPER ${name} refrain_upper_)
  find_library(${refrain_upper_}_LIBRARY NAMES ${library})
  find_path(${refrain_upper_}_INCLUDE_DIR NAMES ${header})
  include(FindPackageHandleStandardArgs)
  find_package_handle_standard_args(${name}
    REQUIRED_VARS ${refrain_upper_}_LIBRARY ${refrain_upper_}_INCLUDE_DIR)
  if(${name}_FOUND AND NOT TARGET ${name}::${name})
    add_library(${name}::${name} UNKNOWN IMPORTED)
    set_target_properties(${name}::${name} PROPERTIES
      IMPORTED_LOCATION "${${refrain_upper_}_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${${refrain_upper_}_INCLUDE_DIR}")
  endif()
  mark_as_advanced(${refrain_upper_}_LIBRARY ${refrain_upper_}_INCLUDE_DIR)
  unset(refrain_upper_)
endmacro()
