// `refrain pairs` over MPI ranks. Each rank tokenizes and counts a share of the statements
// (contiguous, about equal bytes); the shares' sorted term lists and dfs are gathered once
// (MPI_Allgatherv) and merged the same way on every rank, so all hold the vocabulary, dfs
// and idfs of the single-process fit, and weigh their rows with them. The rows are gathered so
// that every rank holds the matrix (each row depends only on itself and the vocabulary: the
// same bytes as one process makes). The rows, or one row per group of identical rows, are
// then cut into K contiguous ranges of about equal predicted work (PredictProbeCost: a probe
// walks the postings of the rows after it, so the first rows cost most), and each rank indexes
// the rows from its range on and streams its range's pairs to a temporary file. Rank 0 writes
// its own pairs as it finds them, then each rank's file in rank order: pairs are ordered by
// their first row, so the result is the single-process stream, byte for byte.
#include <fmt/format.h>
// The C API only: MPI's deprecated C++ bindings warn under -Wextra (-Wcast-function-type).
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "refrain/distributed.h"
#include "similarity/similarity_kernels.h"
#include "vectorize/fit.h"

namespace refrain {
namespace {

constexpr int kPairsTag = 20;
// Pairs per message from a rank's file to rank 0.
constexpr size_t kChunkPairs = size_t{1} << 16;

// Ends every rank: past the first collective call, a rank that returned alone would leave the
// others waiting for it.
[[noreturn]] void Abort(int rank, const Status& status) {
  std::cerr << "refrain: rank " << rank << ": " << status.message() << std::endl;
  MPI_Abort(MPI_COMM_WORLD, 1);
  std::abort();
}

void Check(int rank, int code, const char* what) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  Abort(rank, Status::IoError(fmt::format("{}: {}", what, std::string(text, length))));
}

// MPI counts are ints: a larger share is an error, not a silent wrap.
int Count(int rank, size_t n, const char* what) {
  if (n > static_cast<size_t>(INT_MAX))
    Abort(rank, Status::BadInput(fmt::format("{}: {} items do not fit one MPI message", what, n)));
  return static_cast<int>(n);
}

// Gathers every rank's `mine` on every rank, rank by rank; `offsets` gets where each starts.
template <typename T>
std::vector<T> AllGather(int rank, int ranks, const std::vector<T>& mine, MPI_Datatype type,
                         std::vector<int>* offsets, const char* what) {
  int count = Count(rank, mine.size(), what);
  std::vector<int> counts(ranks);
  Check(rank, MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD), what);
  offsets->assign(ranks + 1, 0);
  for (int r = 0; r < ranks; ++r) {
    if (static_cast<int64_t>((*offsets)[r]) + counts[r] > INT_MAX)
      Abort(rank, Status::BadInput(fmt::format("{}: more than 2^31 items in all", what)));
    (*offsets)[r + 1] = (*offsets)[r] + counts[r];
  }
  std::vector<T> all((*offsets)[ranks]);
  Check(rank,
        MPI_Allgatherv(mine.data(), count, type, all.data(), counts.data(), offsets->data(), type,
                       MPI_COMM_WORLD),
        what);
  return all;
}

// The reduction of the dfs: every rank's sorted terms merged as the vectorizer merges its
// threads' lists, dfs of equal terms summed.
internal::CountReduction ReduceOverRanks(int rank, int ranks) {
  return [rank, ranks](std::span<const std::string_view> terms, std::span<const int64_t> df,
                       int64_t statements, internal::TermCounts* whole,
                       std::vector<int64_t>* index_in_whole) -> Status {
    std::vector<char> bytes;
    std::vector<int32_t> lengths;
    lengths.reserve(terms.size());
    for (std::string_view t : terms) {
      bytes.insert(bytes.end(), t.begin(), t.end());
      lengths.push_back(static_cast<int32_t>(t.size()));
    }
    std::vector<int64_t> dfs(df.begin(), df.end());
    std::vector<int> byte_at, term_at, df_at;
    const std::vector<char> all_bytes =
        AllGather(rank, ranks, bytes, MPI_CHAR, &byte_at, "gathering the terms");
    const std::vector<int32_t> all_lengths =
        AllGather(rank, ranks, lengths, MPI_INT32_T, &term_at, "gathering the terms' lengths");
    const std::vector<int64_t> all_df =
        AllGather(rank, ranks, dfs, MPI_INT64_T, &df_at, "gathering the dfs");
    int64_t total = 0;
    Check(rank, MPI_Allreduce(&statements, &total, 1, MPI_INT64_T, MPI_SUM, MPI_COMM_WORLD),
          "counting the statements");
    // Each rank's terms as views into the gathered bytes.
    std::vector<std::string_view> all_terms(all_lengths.size());
    for (int r = 0; r < ranks; ++r) {
      size_t at = byte_at[r];
      for (int k = term_at[r]; k < term_at[r + 1]; ++k) {
        all_terms[k] = std::string_view(all_bytes.data() + at, all_lengths[k]);
        at += all_lengths[k];
      }
    }
    *whole = internal::TermCounts();
    whole->statements = total;
    index_in_whole->assign(terms.size(), -1);
    std::vector<int> head(term_at.begin(), term_at.end() - 1);
    std::vector<int> holders;
    for (;;) {
      std::string_view least;
      holders.clear();
      for (int r = 0; r < ranks; ++r) {
        if (head[r] == term_at[r + 1]) continue;
        std::string_view text = all_terms[head[r]];
        if (holders.empty() || text < least) {
          least = text;
          holders.assign(1, r);
        } else if (text == least) {
          holders.push_back(r);
        }
      }
      if (holders.empty()) break;
      int64_t sum = 0;
      for (int r : holders) sum += all_df[head[r]];
      for (int r : holders) {
        if (r == rank) (*index_in_whole)[head[r] - term_at[r]] = whole->df.size();
        ++head[r];
      }
      whole->terms.emplace_back(least);
      whole->df.push_back(sum);
    }
    return Status::Ok();
  };
}

// The kernel of this rank's range: AllPairs on rank 0 streams every rank's pairs in order (its
// own as found, then each other rank's as sent); on another rank it sends its own to rank 0
// and hands none to its sink.
class RankKernel final : public SimilarityIndex {
 public:
  RankKernel(int rank, int ranks, std::unique_ptr<SimilarityIndex> local)
      : rank_(rank), ranks_(ranks), local_(std::move(local)) {}

  // This rank's pairs (of the kernel's rows) and the bytes it sent, once AllPairs is done.
  uint64_t pairs() const { return pairs_; }
  uint64_t bytes_sent() const { return bytes_sent_; }
  double join_seconds() const { return join_seconds_; }

  int32_t rows() const override { return local_->rows(); }

  Status AllPairs(double threshold, const PairSink& sink) const override {
    const auto start = std::chrono::steady_clock::now();
    const auto seconds = [&start] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    if (rank_ == 0) {
      REFRAIN_RETURN_IF_ERROR(local_->AllPairs(threshold, [&](std::span<const ScoredPair> pairs) {
        pairs_ += pairs.size();
        return sink(pairs);
      }));
      join_seconds_ = seconds();
      std::vector<ScoredPair> chunk;
      for (int from = 1; from < ranks_; ++from) {
        for (;;) {
          MPI_Status probe;
          Check(rank_, MPI_Probe(from, kPairsTag, MPI_COMM_WORLD, &probe), "receiving pairs");
          int bytes = 0;
          MPI_Get_count(&probe, MPI_BYTE, &bytes);
          chunk.resize(static_cast<size_t>(bytes) / sizeof(ScoredPair));
          Check(rank_,
                MPI_Recv(chunk.data(), bytes, MPI_BYTE, from, kPairsTag, MPI_COMM_WORLD,
                         MPI_STATUS_IGNORE),
                "receiving pairs");
          if (chunk.empty()) break;
          REFRAIN_RETURN_IF_ERROR(sink(std::span<const ScoredPair>(chunk)));
        }
      }
      return Status::Ok();
    }
    // Another rank: its pairs wait in a file until rank 0 has written the ranks before it.
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::tmpfile(), &std::fclose);
    if (!file) return Status::IoError("cannot create a temporary file for this rank's pairs");
    Status status = local_->AllPairs(threshold, [&](std::span<const ScoredPair> pairs) {
      pairs_ += pairs.size();
      if (std::fwrite(pairs.data(), sizeof(ScoredPair), pairs.size(), file.get()) != pairs.size())
        return Status::IoError("cannot write this rank's pairs to a temporary file");
      return Status::Ok();
    });
    REFRAIN_RETURN_IF_ERROR(status);
    join_seconds_ = seconds();
    std::rewind(file.get());
    std::vector<ScoredPair> chunk(kChunkPairs);
    for (;;) {
      const size_t got = std::fread(chunk.data(), sizeof(ScoredPair), kChunkPairs, file.get());
      Check(rank_,
            MPI_Send(chunk.data(), static_cast<int>(got * sizeof(ScoredPair)), MPI_BYTE, 0,
                     kPairsTag, MPI_COMM_WORLD),
            "sending pairs");
      bytes_sent_ += got * sizeof(ScoredPair);
      if (got == 0) break;
    }
    if (std::ferror(file.get())) return Status::IoError("cannot read back this rank's pairs");
    return Status::Ok();
  }

  Result<std::vector<Neighbor>> Near(const QueryVector&, double, size_t) const override {
    return Status::BadUsage("a rank's share of the index answers no Near query");
  }

 private:
  int rank_;
  int ranks_;
  std::unique_ptr<SimilarityIndex> local_;
  // Written by AllPairs, which runs once per rank.
  mutable uint64_t pairs_ = 0;
  mutable uint64_t bytes_sent_ = 0;
  mutable double join_seconds_ = 0;
};

// Cuts rows into `ranks` contiguous ranges of about equal summed cost: range r ends at the
// first row where the running sum reaches (r + 1) / ranks of the total.
std::vector<int32_t> SplitByCost(const std::vector<int64_t>& cost, int ranks) {
  std::vector<int32_t> bounds(ranks + 1, static_cast<int32_t>(cost.size()));
  bounds[0] = 0;
  const long double total = std::accumulate(cost.begin(), cost.end(), int64_t{0});
  int64_t sum = 0;
  int r = 1;
  for (size_t row = 0; row < cost.size() && r < ranks; ++row) {
    sum += cost[row];
    while (r < ranks && sum >= total * r / ranks) bounds[r++] = static_cast<int32_t>(row + 1);
  }
  return bounds;
}

// This rank's share of the texts: contiguous, about equal bytes (as the vectorizer splits its
// threads' shares).
std::pair<size_t, size_t> Share(std::span<const std::string_view> texts, int rank, int ranks) {
  size_t total = 0;
  for (std::string_view t : texts) total += t.size() + 1;
  size_t at = 0, bytes = 0, begin = 0;
  for (int r = 0; r <= rank; ++r) {
    begin = at;
    const size_t goal = total * (r + 1) / ranks;
    while (at < texts.size() && (r + 1 == ranks || bytes < goal)) bytes += texts[at++].size() + 1;
  }
  return {begin, at};
}

}  // namespace

bool BuiltWithMpi() { return true; }

bool UnderMpirun() {
  // Open MPI's, then MPICH's and the PMI standard's, names for the world's size.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"}) {
    if (const char* value = std::getenv(name)) return std::atoi(value) > 1;
  }
  return false;
}

Status DistributedAllPairs(std::span<const std::string_view> texts,
                           const DistributedPairsOptions& options, const PairSinkOpener& open_sink,
                           int* rank_out) {
  if (options.similarity.kernel != SimilarityKernel::kPruned)
    return Status::BadUsage("--exhaustive runs in one process, not under mpirun");
  REFRAIN_RETURN_IF_ERROR(CheckThreshold(options.threshold, "--threshold"));
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized && MPI_Init(nullptr, nullptr) != MPI_SUCCESS)
    return Status::IoError("MPI_Init failed");
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  if (rank_out) *rank_out = rank;
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);

  // Wall and CPU seconds (this process's, all its threads) since the start, as "W s (C CPU-s)":
  // on a shared machine the CPU seconds are the figure that does not depend on the load.
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  const auto seconds = [&] {
    return fmt::format(
        "{:.2f} s ({:.2f} CPU-s)",
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
        static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
  };
  // The vocabulary of the whole corpus, the rows of this rank's share.
  const auto [begin, end] = Share(texts, rank, ranks);
  TfidfMatrix share;
  internal::FitOutput vocabulary;
  Status status = internal::FitRows(texts.subspan(begin, end - begin), options.vectorizer,
                                    ReduceOverRanks(rank, ranks), &share, &vocabulary);
  // The same error on every rank when it comes from the whole corpus's counts (no term left):
  // each returns it, as one process would.
  if (!status.ok()) {
    MPI_Finalize();
    return status;
  }

  const std::string vectorized = seconds();
  // Every rank gets every row.
  TfidfMatrix matrix(static_cast<Eigen::Index>(texts.size()),
                     static_cast<Eigen::Index>(vocabulary.terms.size()));
  {
    std::vector<int32_t> lengths(share.rows());
    for (Eigen::Index r = 0; r < share.rows(); ++r)
      lengths[r] = share.outerIndexPtr()[r + 1] - share.outerIndexPtr()[r];
    std::vector<int32_t> inner(share.innerIndexPtr(), share.innerIndexPtr() + share.nonZeros());
    std::vector<float> values(share.valuePtr(), share.valuePtr() + share.nonZeros());
    share = TfidfMatrix();
    std::vector<int> at;
    const std::vector<int32_t> all_lengths =
        AllGather(rank, ranks, lengths, MPI_INT32_T, &at, "gathering the rows");
    std::vector<int32_t>().swap(lengths);
    const std::vector<int32_t> all_inner =
        AllGather(rank, ranks, inner, MPI_INT32_T, &at, "gathering the rows' columns");
    std::vector<int32_t>().swap(inner);
    const std::vector<float> all_values =
        AllGather(rank, ranks, values, MPI_FLOAT, &at, "gathering the rows' weights");
    std::vector<float>().swap(values);
    matrix.resizeNonZeros(static_cast<Eigen::Index>(all_inner.size()));
    int32_t* outer = matrix.outerIndexPtr();
    outer[0] = 0;
    for (size_t r = 0; r < all_lengths.size(); ++r) outer[r + 1] = outer[r] + all_lengths[r];
    std::copy(all_inner.begin(), all_inner.end(), matrix.innerIndexPtr());
    std::copy(all_values.begin(), all_values.end(), matrix.valuePtr());
  }

  // The kernel over the rows (or one row per group of identical rows), this rank's range.
  SimilarityOptions similarity = options.similarity;
  similarity.min_threshold = options.threshold;
  similarity.progress = nullptr;
  const std::string gathered = seconds();
  const RankKernel* kernel = nullptr;
  int32_t kernel_rows = 0, first_row = 0, end_row = 0;
  double work_share = 0;
  const internal::KernelBuilder build =
      [&](const TfidfMatrix& rows) -> Result<std::unique_ptr<SimilarityIndex>> {
    const std::vector<int64_t> cost = internal::PredictProbeCost(rows, similarity.min_threshold);
    const std::vector<int32_t> bounds = SplitByCost(cost, ranks);
    kernel_rows = static_cast<int32_t>(rows.rows());
    first_row = bounds[rank];
    end_row = bounds[rank + 1];
    const double total = std::accumulate(cost.begin(), cost.end(), 0.0);
    work_share = std::accumulate(cost.begin() + first_row, cost.begin() + end_row, 0.0) /
                 std::max(total, 1.0);
    Result<std::unique_ptr<SimilarityIndex>> local =
        internal::BuildPrunedIndex(rows, similarity, {first_row, end_row});
    if (!local.ok()) return local.status();
    auto made = std::make_unique<RankKernel>(rank, ranks, std::move(local).value());
    kernel = made.get();
    return std::unique_ptr<SimilarityIndex>(std::move(made));
  };
  Result<std::unique_ptr<SimilarityIndex>> index =
      similarity.collapse_identical ? internal::BuildCollapsedIndex(matrix, build) : build(matrix);
  if (!index.ok()) Abort(rank, index.status());
  matrix = TfidfMatrix();
  const std::string indexed = seconds();

  if (rank == 0) {
    Result<PairSink> sink = open_sink();
    if (!sink.ok()) Abort(rank, sink.status());
    // Identical rows' copies are expanded here, from the groups' pairs every rank sends.
    status = (*index)->AllPairs(options.threshold, *sink);
  } else {
    status = (*index)->AllGroupPairs(options.threshold,
                                     [](std::span<const ScoredPair>) { return Status::Ok(); });
  }
  if (!status.ok()) Abort(rank, status);
  if (options.report_ranks && kernel) {
    std::cerr << fmt::format(
        "refrain: rank {}/{}: statements [{}, {}) vectorized by {}; rows gathered by {}; "
        "kernel rows [{}, {}) of {}, {:.1f}% of the predicted work; index built by {}; join "
        "{:.2f} s, {} pairs, {:.1f} MB sent; done at {}\n",
        rank, ranks, begin, end, vectorized, gathered, first_row, end_row, kernel_rows,
        100 * work_share, indexed, kernel->join_seconds(), kernel->pairs(),
        kernel->bytes_sent() / 1e6, seconds());
  }
  MPI_Finalize();
  return Status::Ok();
}

}  // namespace refrain
