# Finds libstemmer, the Snowball stemmers (Debian's libstemmer-dev ships neither a CMake config
# nor a pkg-config file), as the imported target stemmer::stemmer. Used by refrain's build and
# installed with its package.
include(${CMAKE_CURRENT_LIST_DIR}/RefrainFindLibrary.cmake)
refrain_find_library(stemmer stemmer libstemmer.h)
