# Finds libstemmer, the Snowball stemmers (Debian's libstemmer-dev ships neither a CMake config
# nor a pkg-config file), as the imported target stemmer::stemmer. Used by refrain's build and
# installed with its package.
find_library(STEMMER_LIBRARY NAMES stemmer)
find_path(STEMMER_INCLUDE_DIR NAMES libstemmer.h)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(stemmer REQUIRED_VARS STEMMER_LIBRARY STEMMER_INCLUDE_DIR)
if(stemmer_FOUND AND NOT TARGET stemmer::stemmer)
  add_library(stemmer::stemmer UNKNOWN IMPORTED)
  set_target_properties(stemmer::stemmer PROPERTIES
    IMPORTED_LOCATION "${STEMMER_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${STEMMER_INCLUDE_DIR}")
endif()
mark_as_advanced(STEMMER_LIBRARY STEMMER_INCLUDE_DIR)
