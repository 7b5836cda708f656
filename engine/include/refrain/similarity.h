// Stage similarity (src/similarity/): exact cosine similarity over a TF-IDF matrix: an index built
// once over the rows, then asked for every pair at or above a threshold (streamed, in order, never
// held whole) or for the rows near one new vector.
#ifndef REFRAIN_SIMILARITY_H_
#define REFRAIN_SIMILARITY_H_

#include <Eigen/SparseCore>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "refrain/matrix.h"
#include "refrain/progress.h"
#include "refrain/status.h"

namespace refrain {

// How the index finds pairs. Both kernels return the same pairs with the same
// scores (see kScoreSlack); the exhaustive one exists to prove it.
enum class SimilarityKernel {
  // Inverted index over each row's rare terms, pruned by prefix and l2-norm bounds
  // (AllPairs, Bayardo et al. 2007; L2AP, Anastasiu and Karypis 2014). Near-linear
  // on text: frequent terms ("the", "of") are never scanned as posting lists.
  kPruned,
  // A plain Eigen sparse product in row blocks: quadratic, the reference.
  kExhaustive,
};

struct SimilarityOptions {
  // Which algorithm; kExhaustive is for tests and small corpora only.
  SimilarityKernel kernel = SimilarityKernel::kPruned;
  // Lowest threshold the index can answer (in (0, 1]). Lower indexes more of every row:
  // a bigger index and slower queries; queries above it are exact but slower than an
  // index built for their own threshold.
  double min_threshold = 0.5;
  // Worker threads for AllPairs; 0 = one per core. The output is identical for any value.
  int threads = 0;
  // Rows per unit of work: smaller balances threads better, larger costs less coordination.
  int block_rows = 256;
  // Called as ("pairs", rows done, rows) from the thread that called AllPairs.
  ProgressFn progress;
  // Score identical rows (same columns, same weights: the same statement repeated) once, and
  // expand their pairs back to every copy: the same pairs, order and scores, in memory that
  // grows with the distinct rows' pairs rather than with copies x copies. Off for the check.
  bool collapse_identical = true;
};

// Scores are cosines computed in double from the matrix's float weights,
// dot(a, b) / (|a| |b|), capped at 1. A pair is kept when its score is at least
// threshold - kScoreSlack: both kernels compute a pair's score to within ~1e-15
// of each other, so only a pair within that of the cutoff could be decided
// differently, and a threshold of 1 keeps rows that are equal up to rounding.
inline constexpr double kScoreSlack = 1e-9;

// Rows `a` < `b` of the matrix and their cosine.
struct ScoredPair {
  int32_t a = 0;
  int32_t b = 0;
  double score = 0;
  bool operator==(const ScoredPair&) const = default;
};

// A row of the matrix near a query, and its cosine with the query.
struct Neighbor {
  int32_t row = 0;
  double score = 0;
};

// Receives the pairs of AllPairs in order (a ascending, then b ascending), a
// batch at a time (of at most 65,536 pairs for identical rows' copies), always on the thread that
// called AllPairs. The span is valid only during the call. A non-ok return stops the search;
// AllPairs returns it.
using PairSink = std::function<Status(std::span<const ScoredPair> pairs)>;

// A query in the matrix's column space (e.g. one new statement vectorised with
// the same vocabulary). Need not be normalised; columns past the matrix's count
// only lower the cosine.
using QueryVector = Eigen::SparseVector<float, Eigen::RowMajor, int32_t>;

// Identical rows (same columns, same weights) as an index scores them: once per group.
struct IdenticalRows {
  std::vector<int32_t> group_of;  // row -> group; groups numbered by their first row
  std::vector<int32_t> first;     // group -> its first row
  std::vector<int64_t> begin;     // group -> its rows, [begin[g], begin[g + 1]) of `members`
  std::vector<int32_t> members;   // each group's rows, ascending
  std::vector<double> self;       // group -> a copy's cosine with another copy (0: one row)

  int64_t size(int32_t group) const { return begin[group + 1] - begin[group]; }
  std::span<const int32_t> rows_of(int32_t group) const {
    return {members.data() + begin[group], static_cast<size_t>(size(group))};
  }
};

// Built once over a matrix (whose rows it copies: the matrix may go away).
// Thread safety: const methods may be called concurrently.
class SimilarityIndex {
 public:
  virtual ~SimilarityIndex() = default;

  virtual int32_t rows() const = 0;

  // Streams every pair of rows a < b with cosine >= threshold to `sink`.
  // Rows with no weight have no pairs. Requires: min_threshold <= threshold <= 1
  // (the exhaustive kernel takes any threshold in (0, 1]); else a usage error.
  virtual Status AllPairs(double threshold, const PairSink& sink) const = 0;

  // The rows whose cosine with `query` is >= threshold, best first (ties by row),
  // at most `top_k` of them (0 = all). Same threshold rules as AllPairs.
  virtual Result<std::vector<Neighbor>> Near(const QueryVector& query, double threshold,
                                             size_t top_k) const = 0;

  // The groups of identical rows the index scores once (collapse_identical), or null when
  // it scores every row apart (no two rows identical, or collapse_identical off).
  virtual const IdenticalRows* identical_rows() const { return nullptr; }

  // With identical_rows(): streams every pair of groups g < h (numbered as there) whose rows'
  // cosine is >= threshold, as AllPairs does rows; a group's copies with each other are
  // not pairs here (see IdenticalRows::self). Without: AllPairs.
  virtual Status AllGroupPairs(double threshold, const PairSink& sink) const {
    return AllPairs(threshold, sink);
  }
};

// Builds the index `options.kernel` names over `matrix`. Requires: no negative
// weights (TF-IDF has none); a bad option is a usage error.
Result<std::unique_ptr<SimilarityIndex>> BuildSimilarityIndex(const TfidfMatrix& matrix,
                                                              const SimilarityOptions& options);

// A usage error unless 0 < threshold <= 1, naming `what` ("--threshold").
Status CheckThreshold(double threshold, const char* what);

}  // namespace refrain

#endif  // REFRAIN_SIMILARITY_H_
