// The fast kernel: exact all-pairs cosine with an inverted index over each
// row's rare terms. Terms are ranked by document frequency, most frequent
// first; each row leaves out of the index its longest prefix of frequent terms
// whose l2 norm stays below the threshold (no pair can reach the threshold on
// that prefix alone), so the posting lists of "the" or "of" hold only the few
// rows where those terms carry real weight. A query walks its own terms from
// the rarest and admits new candidates only while its remaining norm, and the
// candidate's norm before that term, could still reach the threshold (the
// l2 bounds of L2AP, Anastasiu and Karypis 2014); survivors are scored exactly
// by merging the two rows. Threads take blocks of rows; the calling thread hands
// the blocks' pairs to the sink in order, so the output never depends on them.
#include <fmt/format.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <new>
#include <numeric>
#include <utility>

#include "similarity_kernels.h"
#include "util/parallel.h"

namespace refrain::internal {
namespace {

// Bounds are computed from float weights; they prune with this much room so
// that rounding can only make them looser, never lose a pair. (A float sum of a
// few hundred products is off by ~1e-5 at worst; in practice by ~1e-7.)
constexpr double kPruneSlack = 1e-4;

struct Posting {
  int32_t row;
  float weight;       // the row's weight on this term, the row normalised
  float norm_before;  // l2 norm of the row's normalised weights on the terms ranked before
  float prefix_norm;  // the row's RowInfo::prefix_norm, here to spare a trip to it
};

// A candidate as the scan leaves it.
struct Candidate {
  float dot;   // > 0: partial dot with the row's indexed terms; < 0: pruned
  float rest;  // bound on what the row's unindexed prefix can add
};

// A row seen from the query side: term ranks ascending, weights as given.
struct QueryRow {
  const int32_t* rank = nullptr;
  const float* weight = nullptr;
  int32_t size = 0;
  double norm = 0;  // of the whole vector, including terms the index does not know
};

// Per-thread buffers, reused from one query to the next.
struct Scratch {
  Scratch(int32_t rows, int32_t cols) : acc(rows), seen((rows + 63) / 64, 0), dense(cols, 0.0f) {}
  std::vector<Candidate> acc;  // by row, valid where `seen`
  // One bit per row, set once it is a candidate: small enough to stay in cache,
  // so the many postings of rows that never become candidates cost no trip to `acc`.
  std::vector<uint64_t> seen;
  std::vector<float> dense;  // the query's weights by term rank, zero elsewhere
  std::vector<int32_t> touched;
  std::vector<float> weight;       // the query's normalised weights
  std::vector<float> norm_before;  // l2 norm of the query's weights before each term
  std::vector<Neighbor> found;
};

// Column -> rank by document frequency over the matrix's rows, most frequent first (ties by
// column). Also the positive weights per row into `row_terms` (row_terms[r + 1]: terms of rows
// up to r) when given.
std::vector<int32_t> RankByDf(const TfidfMatrix& matrix, std::vector<int64_t>* row_terms) {
  const int32_t rows = static_cast<int32_t>(matrix.rows());
  const int32_t cols = static_cast<int32_t>(matrix.cols());
  std::vector<int64_t> df(cols, 0);
  if (row_terms) row_terms->assign(rows + 1, 0);
  for (int32_t row = 0; row < rows; ++row) {
    for (TfidfMatrix::InnerIterator it(matrix, row); it; ++it) {
      if (it.value() > 0.0f) {
        ++df[it.col()];
        if (row_terms) ++(*row_terms)[row + 1];
      }
    }
  }
  if (row_terms) std::partial_sum(row_terms->begin(), row_terms->end(), row_terms->begin());
  std::vector<int32_t> order(cols);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&df](int32_t a, int32_t b) { return df[a] > df[b]; });
  std::vector<int32_t> rank(cols);
  for (int32_t r = 0; r < cols; ++r) rank[order[r]] = r;
  return rank;
}

// A row's (rank, weight) terms, ranks ascending, and their squared norm.
double RankedTerms(const TfidfMatrix& matrix, int32_t row, const std::vector<int32_t>& rank,
                   std::vector<std::pair<int32_t, float>>* terms) {
  terms->clear();
  for (TfidfMatrix::InnerIterator it(matrix, row); it; ++it)
    if (it.value() > 0.0f) terms->emplace_back(rank[it.col()], it.value());
  std::sort(terms->begin(), terms->end());
  double squares = 0;
  for (const auto& term : *terms) squares += static_cast<double>(term.second) * term.second;
  return squares;
}

// The prefix a row leaves out of the index: the longest run of frequent terms whose norm
// stays below the threshold, since no pair reaches it on those alone. Returns its length and
// its squared normalised norm in `prefix_squares`.
int32_t UnindexedPrefix(const std::vector<std::pair<int32_t, float>>& terms, double norm,
                        double index_threshold, double* prefix_squares) {
  const double inv = 1.0 / norm;
  double prefix = 0;
  int32_t k = 0;
  for (; k < static_cast<int32_t>(terms.size()); ++k) {
    double w = terms[k].second * inv;
    if (std::sqrt(prefix + w * w) >= index_threshold) break;
    prefix += w * w;
  }
  *prefix_squares = prefix;
  return k;
}

class PrunedIndex final : public SimilarityIndex {
 public:
  PrunedIndex(const TfidfMatrix& matrix, const SimilarityOptions& options, ProbeRows probe);

  int32_t rows() const override { return rows_; }
  Status AllPairs(double threshold, const PairSink& sink) const override;
  Result<std::vector<Neighbor>> Near(const QueryVector& query, double threshold,
                                     size_t top_k) const override;

 private:
  Status CheckQueryThreshold(double threshold) const;
  QueryRow Row(int32_t row) const {
    const RowInfo& info = info_[row];
    return {row_rank_.data() + info.begin, row_weight_.data() + info.begin, info.size, info.norm};
  }
  // Appends to scratch.found every row y > `after` whose cosine with `x` is at
  // least threshold - kScoreSlack, in no particular order.
  void Probe(const QueryRow& x, int32_t after, double threshold, Scratch& scratch) const;
  void FindBlock(int64_t begin, int64_t end, double threshold, Scratch& scratch,
                 std::vector<ScoredPair>& out) const;

  SimilarityOptions options_;
  int32_t rows_ = 0;
  int32_t cols_ = 0;
  int32_t probe_begin_ = 0;  // AllPairs streams the pairs of rows [probe_begin_, probe_end_)
  int32_t probe_end_ = 0;
  std::vector<int32_t> rank_;  // column -> rank by document frequency, most frequent first
  // The rows with columns replaced by ranks, sorted by rank; weights as in the matrix.
  std::vector<int32_t> row_rank_;
  std::vector<float> row_weight_;
  // What verifying a candidate needs to know of it, in one cache line's half.
  struct RowInfo {
    int64_t begin = 0;  // into row_rank_ and row_weight_
    double norm = 0;
    float prefix_norm = 0;    // normalised norm of the unindexed prefix, rounded up
    int32_t size = 0;         // terms
    int32_t prefix_size = 0;  // terms in the unindexed prefix
    int32_t first_indexed_rank = 0;
  };
  std::vector<RowInfo> info_;
  // Postings of rank r: [list_begin_[r], list_begin_[r + 1]), rows ascending.
  std::vector<int64_t> list_begin_;
  std::vector<Posting> postings_;
};

PrunedIndex::PrunedIndex(const TfidfMatrix& matrix, const SimilarityOptions& options,
                         ProbeRows probe)
    : options_(options),
      rows_(static_cast<int32_t>(matrix.rows())),
      cols_(static_cast<int32_t>(matrix.cols())),
      probe_begin_(std::clamp(probe.begin, 0, rows_)),
      probe_end_(probe.end < 0 ? rows_ : std::clamp(probe.end, probe_begin_, rows_)) {
  std::vector<int64_t> row_begin;
  rank_ = RankByDf(matrix, &row_begin);

  const int64_t nnz = row_begin[rows_];
  row_rank_.resize(nnz);
  row_weight_.resize(nnz);
  info_.resize(rows_);
  std::vector<int64_t> list_size(cols_ + 1, 0);
  std::vector<std::pair<int32_t, float>> terms;
  const double index_threshold = options_.min_threshold - kPruneSlack;
  for (int32_t row = 0; row < rows_; ++row) {
    const double squares = RankedTerms(matrix, row, rank_, &terms);
    int64_t at = row_begin[row];
    for (const auto& [rank, weight] : terms) {
      row_rank_[at] = rank;
      row_weight_[at++] = weight;
    }
    RowInfo& info = info_[row];
    info.begin = row_begin[row];
    info.size = static_cast<int32_t>(terms.size());
    info.norm = std::sqrt(squares);
    if (terms.empty()) continue;
    double prefix = 0;
    int32_t k = UnindexedPrefix(terms, info.norm, index_threshold, &prefix);
    info.prefix_norm = std::nextafter(static_cast<float>(std::sqrt(prefix)), 1.0f);
    info.prefix_size = k;
    info.first_indexed_rank = k < info.size ? terms[k].first : cols_;
    // A probe of row x reads only the postings of rows after x: rows before the probed range
    // are never read.
    if (row < probe_begin_) continue;
    for (; k < static_cast<int32_t>(terms.size()); ++k) ++list_size[terms[k].first + 1];
  }
  std::partial_sum(list_size.begin(), list_size.end(), list_size.begin());
  list_begin_ = list_size;
  postings_.resize(list_begin_[cols_]);
  std::vector<int64_t> fill(list_begin_.begin(), list_begin_.end() - 1);
  for (int32_t row = probe_begin_; row < rows_; ++row) {
    const QueryRow r = Row(row);
    if (r.size == 0) continue;
    const double inv = 1.0 / r.norm;
    double before = 0;
    for (int32_t k = 0; k < r.size; ++k) {
      double w = r.weight[k] * inv;
      if (k >= info_[row].prefix_size)
        postings_[fill[r.rank[k]]++] = {row, static_cast<float>(w),
                                        static_cast<float>(std::sqrt(before)),
                                        info_[row].prefix_norm};
      before += w * w;
    }
  }
}

Status PrunedIndex::CheckQueryThreshold(double threshold) const {
  REFRAIN_RETURN_IF_ERROR(CheckThreshold(threshold, "the threshold"));
  if (threshold < options_.min_threshold)
    return Status::BadUsage(
        fmt::format("threshold {} is below the index's minimum {}; build the index for it",
                    threshold, options_.min_threshold));
  return Status::Ok();
}

void PrunedIndex::Probe(const QueryRow& x, int32_t after, double threshold,
                        Scratch& scratch) const {
  if (x.size == 0 || x.norm == 0) return;
  const float prune = static_cast<float>(threshold - kPruneSlack);
  const double inv = 1.0 / x.norm;
  scratch.weight.resize(x.size);
  scratch.norm_before.resize(x.size + 1);
  double before = 0;
  for (int32_t k = 0; k < x.size; ++k) {
    double w = x.weight[k] * inv;
    scratch.weight[k] = static_cast<float>(w);
    scratch.norm_before[k] = static_cast<float>(std::sqrt(before));
    before += w * w;
  }
  scratch.norm_before[x.size] = static_cast<float>(std::sqrt(before));
  std::vector<Candidate>& acc = scratch.acc;
  std::vector<int32_t>& touched = scratch.touched;
  std::vector<uint64_t>& seen = scratch.seen;
  for (int32_t k = x.size - 1; k >= 0; --k) {
    const float xk = scratch.weight[k];
    const float x_before = scratch.norm_before[k];
    // A row not yet a candidate shares no indexed term with x after k, so all of
    // its overlap with x lies at ranks <= k: bounded by x's norm up to k.
    const bool admit = scratch.norm_before[k + 1] >= prune;
    if (!admit && touched.empty()) break;
    const Posting* begin = postings_.data() + list_begin_[x.rank[k]];
    const Posting* e = postings_.data() + list_begin_[x.rank[k] + 1];
    while (e != begin) {
      --e;
      const int32_t y = e->row;
      if (y <= after) break;
      uint64_t& word = seen[y >> 6];
      const uint64_t bit = uint64_t{1} << (y & 63);
      if (!(word & bit)) {
        if (!admit) continue;
        const float s = xk * e->weight;
        if (s + x_before * e->norm_before < prune) continue;
        word |= bit;
        // The row's prefix ranks before this term, so it meets x only before k.
        acc[y] = {std::max(s, FLT_MIN), x_before * e->prefix_norm};
        touched.push_back(y);
      } else {
        float& a = acc[y].dot;
        if (a < 0.0f) continue;
        a += xk * e->weight;
        // What is left lies at ranks < k on both sides (this term is indexed for
        // the row, so its whole unindexed prefix ranks before it).
        if (a + x_before * e->norm_before < prune) a = -1.0f;
      }
    }
  }
  // Verification gathers from x laid out densely: no merge, no branches.
  std::vector<float>& dense = scratch.dense;
  for (int32_t k = 0; k < x.size; ++k) dense[x.rank[k]] = x.weight[k];
  for (int32_t y : touched) {
    const float a = acc[y].dot;
    seen[y >> 6] = 0;
    // a is x's dot with the row's indexed terms, `rest` bounds what its prefix adds.
    if (a < 0.0f || a + acc[y].rest < prune) continue;
    const RowInfo& info = info_[y];
    // Tighter: the prefix meets only x's terms ranked before the row's first indexed one.
    const int32_t before =
        std::lower_bound(x.rank, x.rank + x.size, info.first_indexed_rank) - x.rank;
    if (a + scratch.norm_before[before] * info.prefix_norm < prune) continue;
    const QueryRow row = Row(y);
    float rest = 0;
    for (int32_t i = 0; i < info.prefix_size; ++i) rest += dense[row.rank[i]] * row.weight[i];
    if (a + rest * inv / row.norm < prune) continue;
    // The score itself in double (float products are exact in it), from scratch.
    double dot = 0;
    for (int32_t i = 0; i < row.size; ++i)
      dot += static_cast<double>(dense[row.rank[i]]) * row.weight[i];
    const double score = std::min(1.0, dot / (x.norm * row.norm));
    if (score >= threshold - kScoreSlack) scratch.found.push_back({y, score});
  }
  for (int32_t k = 0; k < x.size; ++k) dense[x.rank[k]] = 0.0f;
  touched.clear();
}

void PrunedIndex::FindBlock(int64_t begin, int64_t end, double threshold, Scratch& scratch,
                            std::vector<ScoredPair>& out) const {
  for (int64_t x = begin; x < end; ++x) {
    scratch.found.clear();
    Probe(Row(static_cast<int32_t>(x)), static_cast<int32_t>(x), threshold, scratch);
    std::sort(scratch.found.begin(), scratch.found.end(),
              [](const Neighbor& a, const Neighbor& b) { return a.row < b.row; });
    for (const Neighbor& n : scratch.found)
      out.push_back({static_cast<int32_t>(x), n.row, n.score});
  }
}

Status PrunedIndex::AllPairs(double threshold, const PairSink& sink) const {
  REFRAIN_RETURN_IF_ERROR(CheckQueryThreshold(threshold));
  const int64_t block = options_.block_rows;
  const int64_t first = probe_begin_;
  const int64_t probed = probe_end_ - probe_begin_;
  const int64_t blocks = (probed + block - 1) / block;
  if (blocks == 0) return Status::Ok();
  const int64_t threads =
      static_cast<int64_t>(parallel::Workers(options_.threads, static_cast<size_t>(blocks)));
  // Blocks finished ahead of the writer wait in a ring of this many slots, which
  // bounds the memory held by pairs not yet written.
  const int64_t window = 4 * threads;
  struct Slot {
    std::vector<ScoredPair> pairs;
    bool ready = false;
  };
  std::vector<Slot> slots(window);
  std::mutex mu;
  std::condition_variable cv;
  int64_t next = 0;     // next block to compute
  int64_t written = 0;  // blocks handed to the sink
  bool stop = false;
  Status failure;

  auto work = [&] {
    try {
      Scratch scratch(rows_, cols_);
      std::vector<ScoredPair> out;
      for (;;) {
        int64_t k;
        {
          std::unique_lock lock(mu);
          cv.wait(lock, [&] { return stop || next >= blocks || next < written + window; });
          if (stop || next >= blocks) return;
          k = next++;
        }
        out.clear();
        FindBlock(first + k * block, first + std::min<int64_t>(probed, (k + 1) * block), threshold,
                  scratch, out);
        std::lock_guard lock(mu);
        Slot& slot = slots[k % window];
        slot.pairs.swap(out);
        slot.ready = true;
        cv.notify_all();
      }
    } catch (const std::bad_alloc&) {
      std::lock_guard lock(mu);
      if (failure.ok()) failure = Status::IoError("similarity: out of memory finding pairs");
      stop = true;
      cv.notify_all();
    }
  };
  // The calling thread writes while the pool computes.
  parallel::BackgroundWorkers pool(static_cast<size_t>(threads), [&](size_t) { work(); });
  if (pool.started() == 0) return Status::IoError("similarity: cannot start a thread");

  std::vector<ScoredPair> pairs;
  for (int64_t k = 0; k < blocks; ++k) {
    {
      std::unique_lock lock(mu);
      Slot& slot = slots[k % window];
      cv.wait(lock, [&] { return stop || slot.ready; });
      if (stop) break;
      pairs.swap(slot.pairs);
      slot.ready = false;
      written = k + 1;
      cv.notify_all();
    }
    Status status = pairs.empty() ? Status::Ok() : sink(std::span<const ScoredPair>(pairs));
    pairs.clear();
    if (!status.ok()) {
      std::lock_guard lock(mu);
      if (failure.ok()) failure = status;
      stop = true;
      cv.notify_all();
      break;
    }
    if (options_.progress)
      options_.progress("pairs", std::min<uint64_t>(probed, (k + 1) * block), probed);
  }
  pool.Join();
  return failure;
}

Result<std::vector<Neighbor>> PrunedIndex::Near(const QueryVector& query, double threshold,
                                                size_t top_k) const {
  REFRAIN_RETURN_IF_ERROR(CheckQueryThreshold(threshold));
  std::vector<std::pair<int32_t, float>> terms;
  double squares = 0;
  for (QueryVector::InnerIterator it(query); it; ++it) {
    const float w = it.value();
    if (!(w >= 0.0f) || std::isinf(w))
      return Status::BadInput(
          fmt::format("similarity: query column {} has weight {}; weights must be finite and >= 0",
                      it.index(), w));
    if (w == 0.0f) continue;
    squares += static_cast<double>(w) * w;
    if (it.index() < cols_) terms.emplace_back(rank_[it.index()], w);
  }
  std::sort(terms.begin(), terms.end());
  std::vector<int32_t> ranks(terms.size());
  std::vector<float> weights(terms.size());
  for (size_t k = 0; k < terms.size(); ++k) std::tie(ranks[k], weights[k]) = terms[k];
  QueryRow x{ranks.data(), weights.data(), static_cast<int32_t>(terms.size()), std::sqrt(squares)};
  try {
    Scratch scratch(rows_, cols_);
    Probe(x, -1, threshold, scratch);
    std::vector<Neighbor> found = std::move(scratch.found);
    std::sort(found.begin(), found.end(), [](const Neighbor& a, const Neighbor& b) {
      return a.score != b.score ? a.score > b.score : a.row < b.row;
    });
    if (top_k > 0 && found.size() > top_k) found.resize(top_k);
    return found;
  } catch (const std::bad_alloc&) {
    return Status::IoError("similarity: out of memory answering a query");
  }
}

}  // namespace

std::vector<int64_t> PredictProbeCost(const TfidfMatrix& matrix, double min_threshold) {
  const int32_t rows = static_cast<int32_t>(matrix.rows());
  const std::vector<int32_t> rank = RankByDf(matrix, nullptr);
  const double index_threshold = min_threshold - kPruneSlack;
  // The index holds a row's terms from its first indexed rank on (the PrunedIndex
  // constructor's rule); count, per term, the rows that index it.
  std::vector<int64_t> indexed_rows(matrix.cols(), 0);
  std::vector<int32_t> first_indexed(rows, 0);
  std::vector<std::pair<int32_t, float>> terms;
  for (int32_t row = 0; row < rows; ++row) {
    const double squares = RankedTerms(matrix, row, rank, &terms);
    if (terms.empty()) continue;
    double prefix = 0;
    const size_t k = UnindexedPrefix(terms, std::sqrt(squares), index_threshold, &prefix);
    first_indexed[row] = k < terms.size() ? terms[k].first : static_cast<int32_t>(matrix.cols());
    for (TfidfMatrix::InnerIterator it(matrix, row); it; ++it)
      if (it.value() > 0.0f && rank[it.col()] >= first_indexed[row]) ++indexed_rows[it.col()];
  }
  // A probe of row x walks, for each of its terms, the term's postings of the rows after x;
  // then verifies what survives (its own length, once per probe, stands for that).
  std::vector<int64_t> cost(rows, 0);
  for (int32_t row = 0; row < rows; ++row) {
    int64_t walked = 1;
    for (TfidfMatrix::InnerIterator it(matrix, row); it; ++it) {
      if (!(it.value() > 0.0f)) continue;
      if (rank[it.col()] >= first_indexed[row]) --indexed_rows[it.col()];
      walked += 1 + indexed_rows[it.col()];
    }
    cost[row] = walked;
  }
  return cost;
}

Result<std::unique_ptr<SimilarityIndex>> BuildPrunedIndex(const TfidfMatrix& matrix,
                                                          const SimilarityOptions& options,
                                                          ProbeRows probe) {
  try {
    return std::unique_ptr<SimilarityIndex>(std::make_unique<PrunedIndex>(matrix, options, probe));
  } catch (const std::bad_alloc&) {
    return Status::IoError(fmt::format("similarity: out of memory indexing {} rows, {} weights",
                                       matrix.rows(), matrix.nonZeros()));
  }
}

}  // namespace refrain::internal
