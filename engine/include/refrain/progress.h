// How long-running stages report progress without printing: the engine calls
// a caller-supplied function; the CLI decides whether and how to show it.
#ifndef REFRAIN_PROGRESS_H_
#define REFRAIN_PROGRESS_H_

#include <cstdint>
#include <functional>
#include <string_view>

namespace refrain {

// Called with the stage's name ("reading", "pairs"), units done and units in all
// (0 when unknown). May be called from any thread, but never concurrently.
using ProgressFn = std::function<void(std::string_view stage, uint64_t done, uint64_t total)>;

}  // namespace refrain

#endif  // REFRAIN_PROGRESS_H_
