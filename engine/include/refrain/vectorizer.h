// Stage vectorize (src/vectorize/), second half: statements into TF-IDF vectors. Tokens become
// n-gram terms, terms become the columns of a sparse row-major matrix with one row per statement,
// weighted as scikit-learn's TfidfVectorizer weighs them (same option names,
// same meaning), so that a user can check refrain against scikit-learn.
#ifndef REFRAIN_VECTORIZER_H_
#define REFRAIN_VECTORIZER_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/matrix.h"
#include "refrain/progress.h"
#include "refrain/status.h"
#include "refrain/tokenizer.h"
#include "refrain/types.h"

namespace refrain {

// A document-frequency bound as scikit-learn's min_df / max_df take it: an integer
// counts statements, a float in [0, 1] is a proportion of them. Python tells the two
// apart by type; here the constructor says which.
struct DfBound {
  double value = 1;
  bool proportion = false;

  static DfBound Count(int64_t statements) { return {static_cast<double>(statements), false}; }
  static DfBound Proportion(double share) { return {share, true}; }
  // The bound in statements for a corpus of `statements` rows (scikit-learn: the count,
  // or share * statements, compared with df unrounded).
  double Resolve(size_t statements) const {
    return proportion ? value * static_cast<double>(statements) : value;
  }
  // Parses "2" as a count and "0.5" or "1.0" (anything with '.', 'e') as a proportion,
  // as Python would read the literal. A usage error names the flag.
  static Result<DfBound> Parse(std::string_view text, std::string_view flag);
  // "2" or "0.5": the form Parse reads back.
  std::string ToString() const;
};

enum class Norm { kL2, kL1, kNone };
// "l2", "l1", "none": scikit-learn's names for the norms.
std::string_view NormName(Norm norm);

struct VectorizerOptions {
  // How statements become words.
  TokenizerOptions tokenizer;
  // Shortest and longest n-grams (scikit-learn's ngram_range): longer n-grams catch
  // set phrases but multiply the vocabulary.
  int ngram_min = 1;
  int ngram_max = 2;
  // Drop terms in fewer statements than this: a smaller vocabulary, blind to rare words.
  DfBound min_df = DfBound::Count(1);
  // Drop terms in more statements than this: removes corpus-specific stop words.
  DfBound max_df = DfBound::Proportion(1.0);
  // Weight terms by inverse document frequency: rare terms count more than common ones.
  bool use_idf = true;
  // idf = ln((1 + n) / (1 + df)) + 1, as if one more statement held every term; avoids
  // division by zero in Transform and flattens the idf of rare terms slightly.
  bool smooth_idf = true;
  // tf = 1 + ln(count) instead of count: a word repeated in a statement counts less.
  bool sublinear_tf = true;
  // Row normalisation; kL2 makes the dot product of two rows their cosine.
  Norm norm = Norm::kL2;
  // Worker threads; 0 = one per core. The matrix is byte-identical for any value.
  int threads = 0;
  // Called as ("vectorizing", statements done, statements) from the calling thread.
  ProgressFn progress;
};

// Checks the options (ngram range, df bounds, threads); the message names the option.
Status Validate(const VectorizerOptions& options);

// The columns of a TF-IDF matrix: terms in byte order (UTF-8 byte order is code point
// order, so this is scikit-learn's sorted vocabulary), with their document frequency
// and idf. N-grams are their words joined by one space.
class Vocabulary {
 public:
  size_t size() const { return terms_.size(); }
  // Requires: column < size().
  const std::string& term(int32_t column) const { return terms_[column]; }
  int64_t df(int32_t column) const { return df_[column]; }
  double idf(int32_t column) const { return idf_[column]; }
  // The column of `term`, or nullopt if it is not in the vocabulary. O(log size).
  std::optional<int32_t> Find(std::string_view term) const;

  const std::vector<std::string>& terms() const { return terms_; }
  const std::vector<int64_t>& dfs() const { return df_; }
  // Empty when use_idf is off.
  const std::vector<double>& idfs() const { return idf_; }

 private:
  friend class Vectorizer;
  std::vector<std::string> terms_;
  std::vector<int64_t> df_;
  std::vector<double> idf_;
};

// Learns a vocabulary and idf from statements (Fit), and turns statements into rows.
// FitTransform runs options.threads threads; Transform runs on the calling thread and
// is safe to call from several threads at once on a fitted Vectorizer.
class Vectorizer {
 public:
  explicit Vectorizer(VectorizerOptions options = {});

  // scikit-learn's fit_transform: rows are `texts` in order. `texts` need only live for
  // the call. Errors: bad options (usage), no term left after min_df/max_df (input).
  Result<TfidfMatrix> FitTransform(std::span<const std::string_view> texts);
  // The same over statements' text.
  Result<TfidfMatrix> FitTransform(const std::vector<Statement>& statements);
  // The same into `matrix` (replaced; untouched on error). Eigen 3.4's SparseMatrix has
  // no move constructor, so returning a Result<TfidfMatrix> deep-copies the matrix once
  // (8 bytes per non-zero): large corpora should use these.
  Status FitTransform(std::span<const std::string_view> texts, TfidfMatrix* matrix);
  Status FitTransform(const std::vector<Statement>& statements, TfidfMatrix* matrix);

  // Rows for new texts over the fitted vocabulary; terms not in it are ignored.
  // Requires: fitted() (a usage error otherwise).
  Result<TfidfMatrix> Transform(std::span<const std::string_view> texts) const;

  bool fitted() const { return fitted_; }
  const Vocabulary& vocabulary() const { return vocabulary_; }
  const VectorizerOptions& options() const { return options_; }

 private:
  VectorizerOptions options_;
  Vocabulary vocabulary_;
  bool fitted_ = false;
};

// Writes `matrix` in Matrix Market coordinate format (1-based "row column value"
// lines, 8 significant digits), as Eigen's saveMarket writes it. A failed write (a full
// disk) is an I/O error naming the file.
Status SaveMatrixMarket(const TfidfMatrix& matrix, const std::filesystem::path& file);

// Writes the vocabulary as tab-separated "term<TAB>df<TAB>idf" lines, line k for
// column k (the idf field is empty when use_idf is off). Terms never contain a tab
// or a line break: tokens are words, n-grams join them with one space.
Status SaveVocabulary(const Vocabulary& vocabulary, const std::filesystem::path& file);

}  // namespace refrain

#endif  // REFRAIN_VECTORIZER_H_
