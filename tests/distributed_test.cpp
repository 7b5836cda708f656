// The pieces `mpirun refrain pairs` (src/distributed/) is made of, in one process: a fit split
// into shares whose dfs are reduced gives the rows and vocabulary of the whole fit; the pruned
// kernel's probe ranges, concatenated, give the whole join's pairs; and the predicted work
// splits rows unevenly, as the kernel's cost is. tests/mpi_pairs_test.sh runs the real thing.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "refrain/corpus.h"
#include "refrain/similarity.h"
#include "refrain/vectorizer.h"
#include "similarity/similarity_kernels.h"
#include "vectorize/fit.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

std::vector<std::string_view> Texts(const Corpus& corpus) {
  std::vector<std::string_view> texts;
  for (const Statement& s : corpus.statements) texts.push_back(s.text);
  return texts;
}

Corpus Seed() {
  Result<Corpus> corpus = LoadCorpus({fs::path(REFRAIN_SOURCE_DIR) / "corpus" / "seed"}, {});
  REQUIRE(corpus.ok());
  return std::move(corpus).value();
}

// Every 20th wh-briefings document: a few thousand statements of real briefings.
Corpus Briefings() {
  const fs::path root =
      fs::path(REFRAIN_SOURCE_DIR).parent_path() / "shared" / "corpora" / "wh-briefings";
  REQUIRE(fs::exists(root));
  std::vector<fs::path> all;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.path().extension() == ".md") all.push_back(entry.path());
  std::sort(all.begin(), all.end());
  std::vector<fs::path> files;
  for (size_t i = 0; i < all.size(); i += 20) files.push_back(all[i]);
  CorpusOptions options;
  options.reader.undated = ReaderOptions::Undated::kKeep;
  Result<Corpus> corpus = LoadCorpus(files, options);
  REQUIRE(corpus.ok());
  return std::move(corpus).value();
}

// Fits `texts` in `shares` contiguous shares as the ranks do: first each share's own counts,
// then each share again with a reduction that merges all of them; the shares' rows stacked.
TfidfMatrix FitInShares(std::span<const std::string_view> texts, const VectorizerOptions& options,
                        int shares, internal::FitOutput* vocabulary) {
  std::vector<size_t> bounds(shares + 1);
  for (int s = 0; s <= shares; ++s) bounds[s] = texts.size() * s / shares;
  // Pass 1: what each share would send (its terms and dfs), caught by a reduction that stops.
  std::vector<std::map<std::string, int64_t>> counts(shares);
  std::vector<int64_t> statements(shares);
  for (int s = 0; s < shares; ++s) {
    const internal::CountReduction record = [&, s](std::span<const std::string_view> terms,
                                                   std::span<const int64_t> df, int64_t n,
                                                   internal::TermCounts*, std::vector<int64_t>*) {
      for (size_t k = 0; k < terms.size(); ++k) counts[s][std::string(terms[k])] = df[k];
      statements[s] = n;
      return Status::IoError("recorded");
    };
    TfidfMatrix unused;
    internal::FitOutput ignored;
    const auto share = texts.subspan(bounds[s], bounds[s + 1] - bounds[s]);
    REQUIRE(internal::FitRows(share, options, record, &unused, &ignored).message() == "recorded");
  }
  std::map<std::string, int64_t> whole_counts;
  for (const auto& share : counts)
    for (const auto& [term, df] : share) whole_counts[term] += df;
  const int64_t n = std::accumulate(statements.begin(), statements.end(), int64_t{0});
  // Pass 2: each share weighed with the whole corpus's counts.
  std::vector<Eigen::Triplet<float, int32_t>> triplets;
  int64_t columns = 0;
  for (int s = 0; s < shares; ++s) {
    const internal::CountReduction reduce = [&](std::span<const std::string_view> terms,
                                                std::span<const int64_t>, int64_t,
                                                internal::TermCounts* whole,
                                                std::vector<int64_t>* index_in_whole) {
      *whole = internal::TermCounts();
      whole->statements = n;
      for (const auto& [term, df] : whole_counts) {
        whole->terms.push_back(term);
        whole->df.push_back(df);
      }
      index_in_whole->clear();
      for (std::string_view t : terms)
        index_in_whole->push_back(std::lower_bound(whole->terms.begin(), whole->terms.end(), t) -
                                  whole->terms.begin());
      return Status::Ok();
    };
    TfidfMatrix rows;
    const auto share = texts.subspan(bounds[s], bounds[s + 1] - bounds[s]);
    Status status = internal::FitRows(share, options, reduce, &rows, vocabulary);
    INFO(status.message());
    REQUIRE(status.ok());
    columns = rows.cols();
    for (int32_t r = 0; r < rows.rows(); ++r)
      for (TfidfMatrix::InnerIterator it(rows, r); it; ++it)
        triplets.emplace_back(static_cast<int32_t>(bounds[s] + r), it.col(), it.value());
  }
  TfidfMatrix stacked(static_cast<Eigen::Index>(texts.size()), columns);
  stacked.setFromTriplets(triplets.begin(), triplets.end());
  return stacked;
}

void RequireSameMatrix(const TfidfMatrix& a, const TfidfMatrix& b) {
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.cols() == b.cols());
  REQUIRE(a.nonZeros() == b.nonZeros());
  for (int32_t r = 0; r < a.rows(); ++r) {
    TfidfMatrix::InnerIterator x(a, r), y(b, r);
    for (; x && y; ++x, ++y) {
      REQUIRE(x.col() == y.col());
      REQUIRE(x.value() == y.value());  // the same float, not a close one
    }
    REQUIRE(!x);
    REQUIRE(!y);
  }
}

TEST_CASE("a fit in shares with reduced dfs is the whole fit", "[distributed]") {
  const Corpus corpus = Seed();
  const std::vector<std::string_view> texts = Texts(corpus);
  struct Case {
    int shares;
    DfBound min_df;
    DfBound max_df;
  };
  // min_df 2 keeps a term seen once in each of two shares: only the reduced df knows it.
  const Case cases[] = {{2, DfBound::Count(1), DfBound::Proportion(1.0)},
                        {3, DfBound::Count(2), DfBound::Proportion(1.0)},
                        {5, DfBound::Count(2), DfBound::Proportion(0.2)},
                        {1, DfBound::Count(1), DfBound::Proportion(1.0)}};
  for (const Case& c : cases) {
    INFO("shares " << c.shares << " min_df " << c.min_df.ToString() << " max_df "
                   << c.max_df.ToString());
    VectorizerOptions options;
    options.min_df = c.min_df;
    options.max_df = c.max_df;
    Vectorizer whole(options);
    Result<TfidfMatrix> expected = whole.FitTransform(texts);
    REQUIRE(expected.ok());
    internal::FitOutput vocabulary;
    RequireSameMatrix(FitInShares(texts, options, c.shares, &vocabulary), *expected);
    REQUIRE(vocabulary.terms == whole.vocabulary().terms());
    REQUIRE(vocabulary.df == whole.vocabulary().dfs());
    REQUIRE(vocabulary.idf == whole.vocabulary().idfs());
  }
}

std::vector<ScoredPair> Collect(const SimilarityIndex& index, double threshold) {
  std::vector<ScoredPair> pairs;
  Status status = index.AllPairs(threshold, [&pairs](std::span<const ScoredPair> batch) {
    pairs.insert(pairs.end(), batch.begin(), batch.end());
    return Status::Ok();
  });
  REQUIRE(status.ok());
  return pairs;
}

// The pairs of probe ranges cut at `bounds`, one index per range, concatenated.
std::vector<ScoredPair> JoinInRanges(const TfidfMatrix& matrix, double threshold,
                                     const std::vector<int32_t>& bounds) {
  SimilarityOptions options;
  options.min_threshold = threshold;
  std::vector<ScoredPair> pairs;
  for (size_t r = 0; r + 1 < bounds.size(); ++r) {
    auto index = internal::BuildPrunedIndex(matrix, options, {bounds[r], bounds[r + 1]});
    REQUIRE(index.ok());
    std::vector<ScoredPair> part = Collect(**index, threshold);
    for (const ScoredPair& p : part) {
      REQUIRE(p.a >= bounds[r]);
      REQUIRE(p.a < bounds[r + 1]);
    }
    pairs.insert(pairs.end(), part.begin(), part.end());
  }
  return pairs;
}

// Cut points where the running predicted work reaches 1/k, 2/k, ... of the total.
std::vector<int32_t> SplitByPrediction(const std::vector<int64_t>& cost, int k) {
  const double total = std::accumulate(cost.begin(), cost.end(), 0.0);
  std::vector<int32_t> bounds{0};
  double sum = 0;
  for (size_t row = 0; row < cost.size() && static_cast<int>(bounds.size()) < k; ++row) {
    sum += static_cast<double>(cost[row]);
    if (sum >= total * static_cast<double>(bounds.size()) / k)
      bounds.push_back(static_cast<int32_t>(row + 1));
  }
  while (static_cast<int>(bounds.size()) <= k) bounds.push_back(static_cast<int32_t>(cost.size()));
  bounds.back() = static_cast<int32_t>(cost.size());
  return bounds;
}

void RequireRangesJoinAsOne(const TfidfMatrix& matrix) {
  const int32_t rows = static_cast<int32_t>(matrix.rows());
  for (double threshold : {0.3, 0.5, 0.8}) {
    INFO("threshold " << threshold);
    SimilarityOptions options;
    options.min_threshold = threshold;
    options.collapse_identical = false;
    auto whole = internal::BuildPrunedIndex(matrix, options);
    REQUIRE(whole.ok());
    const std::vector<ScoredPair> expected = Collect(**whole, threshold);
    REQUIRE(!expected.empty());
    const std::vector<int64_t> cost = internal::PredictProbeCost(matrix, threshold);
    const std::vector<std::vector<int32_t>> splits = {{0, rows},
                                                      {0, rows / 2, rows},
                                                      {0, 1, rows / 3, rows - 1, rows},
                                                      SplitByPrediction(cost, 2),
                                                      SplitByPrediction(cost, 4)};
    for (const auto& bounds : splits) REQUIRE(JoinInRanges(matrix, threshold, bounds) == expected);
  }
}

TEST_CASE("probe ranges joined one after another are the whole join", "[distributed]") {
  Vectorizer vectorizer;
  Result<TfidfMatrix> matrix = vectorizer.FitTransform(Seed().statements);
  REQUIRE(matrix.ok());
  RequireRangesJoinAsOne(*matrix);
}

TEST_CASE("probe ranges joined one after another are the whole join on wh-briefings",
          "[distributed][shared]") {
  Vectorizer vectorizer;
  Result<TfidfMatrix> matrix = vectorizer.FitTransform(Briefings().statements);
  REQUIRE(matrix.ok());
  REQUIRE(matrix->rows() > 2000);
  RequireRangesJoinAsOne(*matrix);
  // The first rows probe the most later rows: by predicted work, the first half of the work
  // ends well before the middle row.
  const std::vector<int64_t> cost = internal::PredictProbeCost(*matrix, 0.5);
  const std::vector<int32_t> halves = SplitByPrediction(cost, 2);
  CHECK(halves[1] < matrix->rows() * 45 / 100);
  // A row's predicted work is the postings its probe walks: the last row walks none.
  REQUIRE(cost.back() == static_cast<int64_t>(matrix->row(matrix->rows() - 1).nonZeros()) + 1);
}

}  // namespace
}  // namespace refrain
