// Placeholder: keeps everything. The real cleaner replaces this.
#include "refrain/cleaner.h"

namespace refrain {

Status Clean(Corpus&, const CleanerOptions&) { return Status::Ok(); }

}  // namespace refrain
