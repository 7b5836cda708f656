// What index.cpp and match.cpp share inside the index stage.
#ifndef REFRAIN_INDEX_INDEX_INTERNAL_H_
#define REFRAIN_INDEX_INDEX_INTERNAL_H_

#include <filesystem>

#include "refrain/types.h"

namespace refrain::index_internal {

// Re-roots the documents of `corpus` at `root` where they lie under it, so that a file added
// or matched later has the path (and source, and default event) it would have had in the
// corpus the index was built from.
void Reroot(Corpus& corpus, const std::filesystem::path& root);

}  // namespace refrain::index_internal

#endif  // REFRAIN_INDEX_INDEX_INTERNAL_H_
