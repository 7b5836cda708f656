// Stage similarity across processes (src/distributed/): the exact join of `refrain pairs` split
// over the ranks mpirun starts, with the output of one process. Names no MPI type: a build
// without MPI (REFRAIN_WITH_MPI off) has the same header, and every run is one process.
#ifndef REFRAIN_DISTRIBUTED_H_
#define REFRAIN_DISTRIBUTED_H_

#include <functional>
#include <span>
#include <string_view>

#include "refrain/similarity.h"
#include "refrain/status.h"
#include "refrain/vectorizer.h"

namespace refrain {

// Whether this build runs across MPI ranks (the REFRAIN_WITH_MPI CMake option).
bool BuiltWithMpi();

// Whether this process is one of two or more that mpirun started, in a build with MPI. Read
// from the environment mpirun sets (before any MPI call), so a plain run stays one process.
bool UnderMpirun();

struct DistributedPairsOptions {
  // How every rank vectorizes its share; the vocabulary and dfs are the whole corpus's.
  VectorizerOptions vectorizer;
  // The index each rank builds; only the pruned kernel splits (kExhaustive: a usage error).
  // `threads` is per rank: ranks x threads should not exceed the cores.
  SimilarityOptions similarity;
  // Pairs with cosine >= this, in (0, 1]; the index is built for it (min_threshold).
  double threshold = 0.5;
  // Each rank prints one line to stderr at the end: its rows, share of the predicted work,
  // seconds per stage, pairs and bytes sent. For measuring the split, off for users.
  bool report_ranks = false;
};

// Called on rank 0 only, once, when the first pair is near: where the pairs go.
using PairSinkOpener = std::function<Result<PairSink>()>;

// Every pair of `texts` with cosine >= options.threshold, exactly as Vectorizer::FitTransform
// then BuildSimilarityIndex(...)->AllPairs give them in one process (same pairs, scores and
// order), handed to rank 0's sink. Each rank vectorizes a share of the texts (by bytes), the
// terms' dfs are reduced once across ranks, the rows are split by predicted work
// (PredictProbeCost), and each rank joins its rows against the index of the rows after them.
// Requires: called once per process, on every rank, with the same texts and options (MPI is
// started and finished inside). `rank` gets this process's rank (0 in one process). An error
// after the ranks have started talking ends every rank (MPI_Abort) with exit code 1.
Status DistributedAllPairs(std::span<const std::string_view> texts,
                           const DistributedPairsOptions& options, const PairSinkOpener& open_sink,
                           int* rank);

}  // namespace refrain

#endif  // REFRAIN_DISTRIBUTED_H_
