# Finds libwordnet, WordNet 3.0's C library (Debian's wordnet-dev ships neither a CMake config
# nor a pkg-config file), as the imported target wordnet::wordnet. Its database is Debian's
# wordnet-base (/usr/share/wordnet), read at run time. Used by refrain's build and installed with
# its package.
find_library(WORDNET_LIBRARY NAMES wordnet)
find_path(WORDNET_INCLUDE_DIR NAMES wn.h)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(wordnet REQUIRED_VARS WORDNET_LIBRARY WORDNET_INCLUDE_DIR)
if(wordnet_FOUND AND NOT TARGET wordnet::wordnet)
  add_library(wordnet::wordnet UNKNOWN IMPORTED)
  set_target_properties(wordnet::wordnet PROPERTIES
    IMPORTED_LOCATION "${WORDNET_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${WORDNET_INCLUDE_DIR}")
endif()
mark_as_advanced(WORDNET_LIBRARY WORDNET_INCLUDE_DIR)
