# Finds libwordnet, WordNet 3.0's C library (Debian's wordnet-dev ships neither a CMake config
# nor a pkg-config file), as the imported target wordnet::wordnet. Its database is Debian's
# wordnet-base (/usr/share/wordnet), read at run time. Used by refrain's build and installed with
# its package.
include(${CMAKE_CURRENT_LIST_DIR}/RefrainFindLibrary.cmake)
refrain_find_library(wordnet wordnet wn.h)
