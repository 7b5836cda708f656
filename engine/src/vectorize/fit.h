// The vectorizer's fit with its one step that can cross processes made replaceable: the
// document frequencies of the statements at hand become those of the whole corpus before
// min_df, max_df and idf are applied (src/distributed/ reduces them over MPI ranks). With no
// reduction it is Vectorizer::FitTransform.
#ifndef REFRAIN_VECTORIZE_FIT_H_
#define REFRAIN_VECTORIZE_FIT_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/matrix.h"
#include "refrain/status.h"
#include "refrain/vectorizer.h"

namespace refrain::internal {

// Terms in byte order with their document frequencies, over `statements` statements, before
// min_df and max_df.
struct TermCounts {
  std::vector<std::string> terms;
  std::vector<int64_t> df;
  int64_t statements = 0;
};

// Given this process's terms (byte order), their dfs and its statement count, fills `whole`
// with the counts over every process and `index_in_whole[k]` with local term k's index in
// `whole.terms`. The views live only during the call. Must give every process the same `whole`.
using CountReduction = std::function<Status(
    std::span<const std::string_view> terms, std::span<const int64_t> df, int64_t statements,
    TermCounts* whole, std::vector<int64_t>* index_in_whole)>;

// The vocabulary and rows of a fit.
struct FitOutput {
  std::vector<std::string> terms;
  std::vector<int64_t> df;
  std::vector<double> idf;  // empty without use_idf
};

// Vectorizer::FitTransform over `texts` (rows in order), its vocabulary into `vocabulary`.
// With `reduce`, the vocabulary, dfs and idfs are those of the reduced counts (the whole
// corpus), and the rows, `texts` only, are weighed with them. `rows` replaced on success only.
Status FitRows(std::span<const std::string_view> texts, const VectorizerOptions& options,
               const CountReduction& reduce, TfidfMatrix* rows, FitOutput* vocabulary);

}  // namespace refrain::internal

#endif  // REFRAIN_VECTORIZE_FIT_H_
