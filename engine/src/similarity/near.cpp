#include "refrain/near.h"

#include <fmt/format.h>

#include <memory>

namespace refrain {

Status Validate(const NearOptions& options) {
  if (!(options.threshold > 0 && options.threshold <= 1))
    return Status::BadUsage(
        fmt::format("the threshold must be in (0, 1], not {}", options.threshold));
  return Validate(options.vectorizer);
}

Result<NearResult> FindNear(const Corpus& corpus, std::string_view query,
                            const NearOptions& options) {
  REFRAIN_RETURN_IF_ERROR(Validate(options));
  if (corpus.statements.empty()) return Status::BadInput("the corpus has no statements");
  Vectorizer vectorizer(options.vectorizer);
  TfidfMatrix matrix;
  REFRAIN_RETURN_IF_ERROR(vectorizer.FitTransform(corpus.statements, &matrix));
  std::string_view texts[] = {query};
  Result<TfidfMatrix> query_matrix = vectorizer.Transform(texts);
  if (!query_matrix.ok()) return query_matrix.status();
  const QueryVector query_vector = query_matrix->row(0);

  SimilarityOptions similarity;
  similarity.min_threshold = options.threshold;
  Result<std::unique_ptr<SimilarityIndex>> index = BuildSimilarityIndex(matrix, similarity);
  if (!index.ok()) return index.status();
  Result<std::vector<Neighbor>> found =
      (*index)->Near(query_vector, options.threshold, options.top);
  if (!found.ok()) return found.status();
  NearResult result;
  result.query = std::string(query);
  result.threshold = options.threshold;
  result.neighbors = std::move(*found);
  result.query_has_known_word = query_vector.nonZeros() > 0;
  return result;
}

}  // namespace refrain
