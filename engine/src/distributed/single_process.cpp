// A build without MPI (REFRAIN_WITH_MPI off): every run is one process.
#include <fmt/format.h>

#include "refrain/distributed.h"

namespace refrain {

bool BuiltWithMpi() { return false; }

bool UnderMpirun() { return false; }

Status DistributedAllPairs(std::span<const std::string_view>, const DistributedPairsOptions&,
                           const PairSinkOpener&, int* rank) {
  if (rank) *rank = 0;
  return Status::BadUsage("this refrain is built without MPI (cmake -DREFRAIN_WITH_MPI=ON)");
}

}  // namespace refrain
