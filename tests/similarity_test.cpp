// The pruned kernel against the exhaustive one: the same pairs, the same scores,
// in the same order, whatever the threads, on synthetic matrices built to be
// hard for it (Zipf-like term frequencies, so stop-word-like columns exist;
// planted near-duplicates and exact duplicates; empty rows); then on the seed
// corpus's real vectors, and the pairs and near commands end to end.
#include "refrain/similarity.h"

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "refrain/corpus.h"
#include "refrain/vectorizer.h"
#include "run_command.h"

namespace refrain {
namespace {

struct Synthetic {
  TfidfMatrix matrix;
  std::vector<std::pair<int32_t, int32_t>> planted;  // (source, copy), source < copy
};

// `rows` rows over `cols` columns drawn with Zipf-like frequencies (column c with
// weight 1 / (c + 1)), 3..40 terms each; a `dup` fraction copies an earlier row
// with 1-3 edits (a term dropped, added or reweighted), some copies exact; a few
// rows are empty. Weights look like tf-idf: rare columns weigh more. Rows are
// l2-normalised in float, as the vectorizer leaves them.
Synthetic MakeSynthetic(int32_t rows, int32_t cols, double dup, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<double> zipf(cols);
  for (int32_t c = 0; c < cols; ++c) zipf[c] = 1.0 / (c + 1);
  std::discrete_distribution<int32_t> column(zipf.begin(), zipf.end());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<std::vector<std::pair<int32_t, float>>> terms(rows);
  Synthetic out;
  for (int32_t r = 0; r < rows; ++r) {
    auto& row = terms[r];
    if (unit(rng) < 0.01) continue;  // a statement with no tokens left
    if (r > 0 && unit(rng) < dup) {
      int32_t source = std::uniform_int_distribution<int32_t>(0, r - 1)(rng);
      row = terms[source];
      if (row.empty()) continue;
      out.planted.emplace_back(source, r);
      if (unit(rng) < 0.2) continue;  // an exact duplicate
      int edits = std::uniform_int_distribution<int>(1, 3)(rng);
      for (int e = 0; e < edits; ++e) {
        double kind = unit(rng);
        if (kind < 0.33 && row.size() > 1) {
          row.erase(row.begin() + std::uniform_int_distribution<size_t>(0, row.size() - 1)(rng));
        } else if (kind < 0.66) {
          row.emplace_back(column(rng), 1.0f);
        } else {
          row[std::uniform_int_distribution<size_t>(0, row.size() - 1)(rng)].second *= 1.5f;
        }
      }
    } else {
      int size = std::uniform_int_distribution<int>(3, 40)(rng);
      for (int t = 0; t < size; ++t) row.emplace_back(column(rng), 1.0f);
    }
  }
  std::vector<Eigen::Triplet<float, int32_t>> triplets;
  for (int32_t r = 0; r < rows; ++r) {
    std::sort(terms[r].begin(), terms[r].end());
    std::vector<std::pair<int32_t, float>> merged;  // repeated terms: tf adds up
    for (auto [c, w] : terms[r]) {
      if (!merged.empty() && merged.back().first == c)
        merged.back().second += w;
      else
        merged.emplace_back(c, w);
    }
    double squares = 0;
    for (auto& [c, w] : merged) {
      w = static_cast<float>((1.0 + std::log(w)) * (1.0 + std::log(1.0 + c)));
      squares += double{w} * w;
    }
    for (auto [c, w] : merged)
      triplets.emplace_back(r, c, static_cast<float>(w / std::sqrt(squares)));
    terms[r] = std::move(merged);
  }
  out.matrix.resize(rows, cols);
  out.matrix.setFromTriplets(triplets.begin(), triplets.end());
  return out;
}

std::unique_ptr<SimilarityIndex> Build(const TfidfMatrix& matrix, SimilarityOptions options) {
  Result<std::unique_ptr<SimilarityIndex>> index = BuildSimilarityIndex(matrix, options);
  REQUIRE(index.ok());
  return std::move(index).value();
}

std::vector<ScoredPair> AllPairs(const SimilarityIndex& index, double threshold) {
  std::vector<ScoredPair> pairs;
  Status status = index.AllPairs(threshold, [&pairs](std::span<const ScoredPair> batch) {
    pairs.insert(pairs.end(), batch.begin(), batch.end());
    return Status::Ok();
  });
  INFO(status.message());
  REQUIRE(status.ok());
  return pairs;
}

// The reference: every row against every row, identical rows included.
SimilarityOptions Exhaustive() {
  SimilarityOptions options;
  options.kernel = SimilarityKernel::kExhaustive;
  options.collapse_identical = false;
  return options;
}

// Same pair set, scores within 1e-5, and both in (a, b) order.
void RequireSamePairs(const std::vector<ScoredPair>& fast, const std::vector<ScoredPair>& slow) {
  auto ordered = [](const ScoredPair& x, const ScoredPair& y) {
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  };
  REQUIRE(std::is_sorted(fast.begin(), fast.end(), ordered));
  REQUIRE(std::is_sorted(slow.begin(), slow.end(), ordered));
  std::set<std::pair<int32_t, int32_t>> fast_set, slow_set;
  for (const ScoredPair& p : fast) fast_set.emplace(p.a, p.b);
  for (const ScoredPair& p : slow) slow_set.emplace(p.a, p.b);
  std::vector<std::pair<int32_t, int32_t>> missing, extra;
  std::set_difference(slow_set.begin(), slow_set.end(), fast_set.begin(), fast_set.end(),
                      std::back_inserter(missing));
  std::set_difference(fast_set.begin(), fast_set.end(), slow_set.begin(), slow_set.end(),
                      std::back_inserter(extra));
  CHECK(missing.empty());
  CHECK(extra.empty());
  REQUIRE(fast.size() == slow.size());
  for (size_t i = 0; i < fast.size(); ++i) {
    REQUIRE(fast[i].a < fast[i].b);
    REQUIRE(std::abs(fast[i].score - slow[i].score) <= 1e-5);
  }
}

TEST_CASE("pruned pairs equal the exhaustive product on synthetic data", "[similarity]") {
  const double threshold = GENERATE(0.3, 0.5, 0.8, 0.95, 1.0);
  const uint32_t seed = GENERATE(1u, 2u);
  Synthetic data = MakeSynthetic(3000, 4000, 0.2, seed);
  INFO("threshold " << threshold << " seed " << seed);
  std::vector<ScoredPair> slow = AllPairs(*Build(data.matrix, Exhaustive()), threshold);
  SimilarityOptions options;
  options.min_threshold = threshold;
  std::vector<ScoredPair> fast = AllPairs(*Build(data.matrix, options), threshold);
  RequireSamePairs(fast, slow);
  // Not vacuous: the exact duplicates alone reach every threshold.
  REQUIRE(slow.size() >= data.planted.size() / 10);
  if (threshold <= 0.5) REQUIRE(slow.size() > data.planted.size() / 2);
}

// Rows of `base` repeated: row r of the result is base row pattern[r], so that identical rows
// come in groups of many copies, interleaved with each other and with rows of their own.
TfidfMatrix Repeated(const TfidfMatrix& base, const std::vector<int32_t>& pattern) {
  std::vector<Eigen::Triplet<float, int32_t>> triplets;
  for (size_t r = 0; r < pattern.size(); ++r)
    for (TfidfMatrix::InnerIterator it(base, pattern[r]); it; ++it)
      triplets.emplace_back(static_cast<int32_t>(r), static_cast<int32_t>(it.index()), it.value());
  TfidfMatrix out(static_cast<Eigen::Index>(pattern.size()), base.cols());
  out.setFromTriplets(triplets.begin(), triplets.end());
  return out;
}

TEST_CASE("identical rows collapsed give the uncollapsed exhaustive pairs and neighbours",
          "[similarity]") {
  const Synthetic data = MakeSynthetic(300, 400, 0.3, 11);
  // 1,500 rows: a few base rows copied hundreds of times each, interleaved (one of them about
  // 450 times: about 100,000 pairs among its copies, more than one batch), the rest once or twice,
  // and the empty rows MakeSynthetic leaves among them.
  std::mt19937 rng(5);
  std::vector<int32_t> pattern;
  for (int32_t r = 0; r < 1500; ++r) {
    const int draw = std::uniform_int_distribution<int>(0, 9)(rng);
    if (draw < 3)
      pattern.push_back(7);
    else if (draw < 5)
      pattern.push_back(std::uniform_int_distribution<int>(0, 3)(rng));
    else
      pattern.push_back(std::uniform_int_distribution<int32_t>(0, 299)(rng));
  }
  const TfidfMatrix matrix = Repeated(data.matrix, pattern);
  for (double threshold : {0.5, 0.7, 0.9, 1.0}) {
    INFO("threshold " << threshold);
    const std::vector<ScoredPair> slow = AllPairs(*Build(matrix, Exhaustive()), threshold);
    REQUIRE(slow.size() > 65536);
    for (SimilarityKernel kernel : {SimilarityKernel::kPruned, SimilarityKernel::kExhaustive}) {
      SimilarityOptions collapsed;
      collapsed.kernel = kernel;
      collapsed.min_threshold = 0.5;
      REQUIRE(collapsed.collapse_identical);  // the default
      const std::vector<ScoredPair> fast = AllPairs(*Build(matrix, collapsed), threshold);
      RequireSamePairs(fast, slow);
      for (size_t i = 0; i < fast.size(); ++i)
        REQUIRE(std::abs(fast[i].score - slow[i].score) <= 1e-12);
    }
  }
  // Neighbours: the same rows, best first, cut at top k, copies included.
  auto slow = Build(matrix, Exhaustive());
  auto fast = Build(matrix, SimilarityOptions{});
  for (int32_t probe : {7, 2, 150}) {
    QueryVector query = data.matrix.row(probe);
    for (size_t top : {size_t{0}, size_t{5}, size_t{40}}) {
      Result<std::vector<Neighbor>> a = fast->Near(query, 0.5, top);
      Result<std::vector<Neighbor>> b = slow->Near(query, 0.5, top);
      REQUIRE(a.ok());
      REQUIRE(b.ok());
      REQUIRE(a->size() == b->size());
      for (size_t i = 0; i < a->size(); ++i) {
        CHECK((*a)[i].row == (*b)[i].row);
        CHECK(std::abs((*a)[i].score - (*b)[i].score) <= 1e-9);
      }
    }
  }
}

TEST_CASE("an index built for a lower threshold answers higher ones exactly", "[similarity]") {
  Synthetic data = MakeSynthetic(2000, 3000, 0.2, 7);
  SimilarityOptions options;
  options.min_threshold = 0.3;
  auto fast = Build(data.matrix, options);
  auto slow = Build(data.matrix, Exhaustive());
  for (double threshold : {0.3, 0.45, 0.8, 0.99}) {
    INFO("threshold " << threshold);
    RequireSamePairs(AllPairs(*fast, threshold), AllPairs(*slow, threshold));
  }
}

TEST_CASE("the output is identical whatever the threads and blocks", "[similarity]") {
  Synthetic data = MakeSynthetic(3000, 2000, 0.3, 3);
  SimilarityOptions options;
  options.min_threshold = 0.5;
  options.threads = 1;
  std::vector<ScoredPair> reference = AllPairs(*Build(data.matrix, options), 0.5);
  REQUIRE(!reference.empty());
  for (auto [threads, block] : {std::pair{2, 1}, {2, 7}, {3, 256}, {2, 100000}, {0, 64}}) {
    INFO("threads " << threads << " block " << block);
    options.threads = threads;
    options.block_rows = block;
    REQUIRE(AllPairs(*Build(data.matrix, options), 0.5) == reference);
  }
}

TEST_CASE("planted near-duplicates are found with their cosine", "[similarity]") {
  Synthetic data = MakeSynthetic(2000, 3000, 0.2, 11);
  SimilarityOptions options;
  options.min_threshold = 0.3;
  std::vector<ScoredPair> pairs = AllPairs(*Build(data.matrix, options), 0.3);
  std::set<std::pair<int32_t, int32_t>> found;
  for (const ScoredPair& p : pairs) found.emplace(p.a, p.b);
  int checked = 0;
  for (auto [a, b] : data.planted) {
    double dot = data.matrix.row(a).dot(data.matrix.row(b));
    if (a == b || dot < 0.31) continue;
    ++checked;
    INFO("planted " << a << " " << b << " cosine " << dot);
    CHECK(found.count({a, b}) == 1);
  }
  REQUIRE(checked > 100);
}

TEST_CASE("near equals the exhaustive scan, best first, cut at top k", "[similarity]") {
  Synthetic data = MakeSynthetic(2000, 3000, 0.2, 5);
  SimilarityOptions options;
  options.min_threshold = 0.4;
  auto fast = Build(data.matrix, options);
  auto slow = Build(data.matrix, Exhaustive());
  std::mt19937 rng(9);
  int non_empty = 0;
  for (int q = 0; q < 50; ++q) {
    // A row, lightly edited, with a column the matrix does not have.
    int32_t row = std::uniform_int_distribution<int32_t>(0, 1999)(rng);
    QueryVector query(data.matrix.cols() + 10);
    for (TfidfMatrix::InnerIterator it(data.matrix, row); it; ++it)
      if (it.col() % 7 != q % 7) query.insert(it.col()) = it.value();
    query.insert(data.matrix.cols() + 3) = 0.05f;
    for (double threshold : {0.4, 0.7}) {
      Result<std::vector<Neighbor>> a = fast->Near(query, threshold, 0);
      Result<std::vector<Neighbor>> b = slow->Near(query, threshold, 0);
      REQUIRE(a.ok());
      REQUIRE(b.ok());
      REQUIRE(a->size() == b->size());
      for (size_t i = 0; i < a->size(); ++i) {
        REQUIRE((*a)[i].row == (*b)[i].row);
        REQUIRE(std::abs((*a)[i].score - (*b)[i].score) <= 1e-5);
        if (i > 0) REQUIRE((*a)[i - 1].score >= (*a)[i].score);
      }
      non_empty += !a->empty();
      Result<std::vector<Neighbor>> top = fast->Near(query, threshold, 2);
      REQUIRE(top.ok());
      REQUIRE(top->size() == std::min<size_t>(2, a->size()));
    }
  }
  REQUIRE(non_empty > 50);
}

TEST_CASE("bad thresholds and weights are errors, not crashes", "[similarity]") {
  Synthetic data = MakeSynthetic(100, 200, 0.2, 1);
  SimilarityOptions options;
  options.min_threshold = 0.5;
  auto index = Build(data.matrix, options);
  auto ignore = [](std::span<const ScoredPair>) { return Status::Ok(); };
  for (double bad : {0.0, -0.5, 1.5, std::nan(""), 0.4}) {
    INFO("threshold " << bad);
    Status status = index->AllPairs(bad, ignore);
    REQUIRE(status.code() == Status::Code::kBadUsage);
    REQUIRE(index->Near(QueryVector(200), bad, 5).status().code() == Status::Code::kBadUsage);
  }
  options.min_threshold = 0;
  REQUIRE(BuildSimilarityIndex(data.matrix, options).status().code() == Status::Code::kBadUsage);
  TfidfMatrix negative(2, 2);
  negative.insert(0, 1) = -0.5f;
  REQUIRE(BuildSimilarityIndex(negative, SimilarityOptions{}).status().code() ==
          Status::Code::kBadInput);
}

TEST_CASE("empty, single-row and all-empty matrices have no pairs", "[similarity]") {
  TfidfMatrix one(1, 3);
  one.insert(0, 1) = 1.0f;
  TfidfMatrix blank(4, 3);  // statements with no tokens left
  TfidfMatrix none(0, 0);
  for (const TfidfMatrix* m : {&one, &blank, &none}) {
    for (SimilarityOptions options : {SimilarityOptions{}, Exhaustive()}) {
      REQUIRE(AllPairs(*Build(*m, options), 0.5).empty());
      QueryVector query(3);
      query.insert(1) = 1.0f;
      Result<std::vector<Neighbor>> near = Build(*m, options)->Near(query, 0.5, 10);
      REQUIRE(near.ok());
      REQUIRE(near->size() == (m == &one ? 1u : 0u));
    }
  }
}

TEST_CASE("a failing sink stops the search and its status comes back", "[similarity]") {
  Synthetic data = MakeSynthetic(3000, 2000, 0.3, 4);
  SimilarityOptions options;
  options.block_rows = 16;
  options.threads = 2;
  auto index = Build(data.matrix, options);
  int calls = 0;
  Status status = index->AllPairs(0.5, [&calls](std::span<const ScoredPair>) {
    return ++calls == 3 ? Status::IoError("disk full") : Status::Ok();
  });
  REQUIRE(status.code() == Status::Code::kIoError);
  REQUIRE(status.message() == "disk full");
  REQUIRE(calls == 3);
}

TfidfMatrix SeedMatrix() {
  Result<Corpus> corpus =
      LoadCorpus({std::filesystem::path(REFRAIN_SOURCE_DIR) / "corpus" / "seed"}, {});
  REQUIRE(corpus.ok());
  Vectorizer vectorizer;  // pairs' vectors: no stemming, no stop words, 1-2 grams
  Result<TfidfMatrix> matrix = vectorizer.FitTransform(corpus->statements);
  REQUIRE(matrix.ok());
  return std::move(matrix).value();
}

TEST_CASE("pruned pairs equal the exhaustive product on the seed corpus", "[similarity]") {
  TfidfMatrix matrix = SeedMatrix();
  REQUIRE(matrix.rows() > 50);
  auto slow = Build(matrix, Exhaustive());
  size_t previous = SIZE_MAX;
  for (double threshold : {0.1, 0.2, 0.3, 0.5, 0.8, 0.95}) {
    INFO("threshold " << threshold);
    SimilarityOptions options;
    options.min_threshold = threshold;
    std::vector<ScoredPair> expected = AllPairs(*slow, threshold);
    RequireSamePairs(AllPairs(*Build(matrix, options), threshold), expected);
    REQUIRE(expected.size() <= previous);
    previous = expected.size();
  }
  // The seed's reports retell the same talks: there are pairs to find at 0.3.
  REQUIRE(AllPairs(*slow, 0.3).size() >= 5);
}

using testing::CommandRun;
using testing::RunRefrain;

TEST_CASE("refrain pairs: the same bytes for any threads, the exhaustive pairs", "[similarity]") {
  const std::string seed = std::string(REFRAIN_SOURCE_DIR) + "/corpus/seed";
  CommandRun one = RunRefrain("pairs " + seed + " --threshold 0.3 --threads 1");
  REQUIRE(one.exit_code == 0);
  CommandRun two = RunRefrain("pairs " + seed + " --threshold 0.3 --threads 2");
  REQUIRE(two.exit_code == 0);
  REQUIRE(one.out == two.out);
  CommandRun slow = RunRefrain("pairs " + seed + " --threshold 0.3 --exhaustive");
  REQUIRE(slow.exit_code == 0);
  // Same rows, scores printed to 6 places agree to within one unit of the last.
  std::istringstream fast_lines(one.out), slow_lines(slow.out);
  std::string fast_line, slow_line;
  int rows = 0;
  while (std::getline(fast_lines, fast_line)) {
    REQUIRE(std::getline(slow_lines, slow_line));
    if (rows++ == 0) {
      REQUIRE(fast_line == "id_a\tid_b\tscore\tdoc_a\tdate_a\tdoc_b\tdate_b");
      REQUIRE(slow_line == fast_line);
      continue;
    }
    std::istringstream f(fast_line), s(slow_line);
    uint64_t fa, fb, sa, sb;
    double fs, ss;
    f >> fa >> fb >> fs;
    s >> sa >> sb >> ss;
    REQUIRE(fa == sa);
    REQUIRE(fb == sb);
    REQUIRE(fa < fb);
    REQUIRE(std::abs(fs - ss) <= 1.5e-6);
  }
  REQUIRE(!std::getline(slow_lines, slow_line));
  REQUIRE(rows > 5);
  CommandRun json = RunRefrain("pairs " + seed + " --threshold 0.3 --format json");
  REQUIRE(json.exit_code == 0);
  REQUIRE(json.out.rfind("{\"schema\": 1,", 0) == 0);
  REQUIRE(std::count(json.out.begin(), json.out.end(), '\n') == rows + 1);
}

TEST_CASE("refrain pairs and near: bad input and usage", "[similarity]") {
  const std::string seed = std::string(REFRAIN_SOURCE_DIR) + "/corpus/seed";
  for (const char* threshold : {"0", "-1", "1.01", "x"}) {
    INFO("threshold " << threshold);
    REQUIRE(RunRefrain("pairs " + seed + " --threshold " + threshold).exit_code == 2);
    REQUIRE(RunRefrain("near " + seed + " some text --threshold " + threshold).exit_code == 2);
  }
  REQUIRE(RunRefrain("pairs " + seed).exit_code == 2);  // no threshold
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("similarity_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto write = [&dir](const char* name, const char* text) {
    std::string path = (dir / name).string();
    FILE* f = fopen(path.c_str(), "w");
    fputs(text, f);
    fclose(f);
    return path;
  };
  // One statement cannot pair: bad input, said. Statements with no tokens: an error when
  // all are so, no pairs for them otherwise.
  CommandRun one =
      RunRefrain("pairs --lines " + write("one.txt", "A single statement.\n") + " -t 0.5");
  REQUIRE(one.exit_code == 1);
  REQUIRE(one.out.empty());
  REQUIRE(RunRefrain("pairs --lines " + write("none.txt", "!!!\n...\n") + " -t 0.5").exit_code ==
          1);
  REQUIRE(RunRefrain("pairs --lines " + write("empty.txt", "") + " -t 0.5").exit_code == 1);
  CommandRun mixed = RunRefrain(
      "pairs --lines " + write("mixed.txt", "The talks went well.\n???\nThe talks went well.\n") +
      " -t 0.9");
  REQUIRE(mixed.exit_code == 0);
  REQUIRE(mixed.out.find("\n0\t2\t1.000000\t") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("refrain near finds the seed's retold sentence first", "[similarity]") {
  const std::string seed = std::string(REFRAIN_SOURCE_DIR) + "/corpus/seed";
  CommandRun near =
      RunRefrain("near " + seed +
                 " 'Russia supports China in hosting the Winter Olympics' -t 0.2 --format tsv");
  REQUIRE(near.exit_code == 0);
  std::istringstream lines(near.out);
  std::string header, first;
  REQUIRE(std::getline(lines, header));
  REQUIRE(std::getline(lines, first));
  REQUIRE(first.find("Russia supports China in hosting the Winter Olympics") != std::string::npos);
}

}  // namespace
}  // namespace refrain
