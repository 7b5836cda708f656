// The pruned kernel against the exhaustive product on real vectors from the shared
// corpora (../shared/corpora beside the repo): a few hundred White House
// documents, cut into sentences and vectorised as `refrain pairs` does. Tagged [shared]:
// skipped when the corpora are absent.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <vector>

#include "refrain/corpus.h"
#include "refrain/similarity.h"
#include "refrain/vectorizer.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

std::vector<ScoredPair> AllPairs(const TfidfMatrix& matrix, SimilarityOptions options,
                                 double threshold) {
  options.min_threshold = threshold;
  Result<std::unique_ptr<SimilarityIndex>> index = BuildSimilarityIndex(matrix, options);
  REQUIRE(index.ok());
  std::vector<ScoredPair> pairs;
  Status status = (*index)->AllPairs(threshold, [&pairs](std::span<const ScoredPair> batch) {
    pairs.insert(pairs.end(), batch.begin(), batch.end());
    return Status::Ok();
  });
  REQUIRE(status.ok());
  return pairs;
}

TEST_CASE("pruned pairs equal the exhaustive product on wh-briefings", "[similarity][shared]") {
  const fs::path root =
      fs::path(REFRAIN_SOURCE_DIR).parent_path() / "shared" / "corpora" / "wh-briefings";
  REQUIRE(fs::exists(root));
  // Every 20th document in path order: a few hundred, spread over the years.
  std::vector<fs::path> all;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.path().extension() == ".md") all.push_back(entry.path());
  std::sort(all.begin(), all.end());
  std::vector<fs::path> files;
  for (size_t i = 0; i < all.size(); i += 20) files.push_back(all[i]);
  REQUIRE(files.size() >= 200);
  CorpusOptions corpus_options;
  corpus_options.reader.undated = ReaderOptions::Undated::kKeep;
  Result<Corpus> corpus = LoadCorpus(files, corpus_options);
  INFO((corpus.ok() ? "" : corpus.status().message()));
  REQUIRE(corpus.ok());
  Vectorizer vectorizer;
  Result<TfidfMatrix> matrix = vectorizer.FitTransform(corpus->statements);
  REQUIRE(matrix.ok());
  REQUIRE(matrix->rows() > 2000);
  SimilarityOptions exhaustive;
  exhaustive.kernel = SimilarityKernel::kExhaustive;
  // The product once, at the lowest threshold; the others keep what clears them.
  const std::vector<ScoredPair> lowest = AllPairs(*matrix, exhaustive, 0.3);
  for (double threshold : {0.3, 0.5, 0.8, 0.95}) {
    INFO("threshold " << threshold);
    std::vector<ScoredPair> slow;
    std::copy_if(lowest.begin(), lowest.end(), std::back_inserter(slow),
                 [threshold](const ScoredPair& p) { return p.score >= threshold - kScoreSlack; });
    std::vector<ScoredPair> fast = AllPairs(*matrix, SimilarityOptions{}, threshold);
    REQUIRE(fast.size() == slow.size());
    for (size_t i = 0; i < fast.size(); ++i) {
      REQUIRE(fast[i].a == slow[i].a);
      REQUIRE(fast[i].b == slow[i].b);
      REQUIRE(std::abs(fast[i].score - slow[i].score) <= 1e-5);
    }
    // Readouts repeat boilerplate: even at 0.95 there are pairs.
    REQUIRE(!slow.empty());
  }
}

}  // namespace
}  // namespace refrain
