// The vectorizer: statements cut into contiguous ranges, one per thread; each thread
// tokenizes and counts its range with its own term table, sorts its terms; the
// sorted lists are merged into the vocabulary, and each thread then writes its rows
// of the CSR arrays in place. Every number in a row depends only on that row and on
// the vocabulary, so the matrix is the same whatever the number of threads.
#include "refrain/vectorizer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <fstream>
#include <limits>
#include <unsupported/Eigen/SparseExtra>

#include "fit.h"
#include "term_table.h"
#include "util/parallel.h"

namespace refrain {

using internal::TermTable;

Result<DfBound> DfBound::Parse(std::string_view text, std::string_view flag) {
  std::string s(text);
  bool is_float = s.find_first_of(".eE") != std::string::npos;
  try {
    size_t used = 0;
    if (is_float) {
      double v = std::stod(s, &used);
      if (used == s.size()) return Proportion(v);
    } else {
      long long v = std::stoll(s, &used);
      if (used == s.size()) return Count(v);
    }
  } catch (const std::exception&) {
  }
  return Status::BadUsage(fmt::format(
      "{} takes a count of statements (2) or a proportion of them (0.5), not '{}'", flag, text));
}

std::string DfBound::ToString() const {
  if (!proportion) return fmt::format("{}", static_cast<int64_t>(value));
  std::string s = fmt::format("{}", value);
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

std::string_view NormName(Norm norm) {
  switch (norm) {
    case Norm::kL2:
      return "l2";
    case Norm::kL1:
      return "l1";
    case Norm::kNone:
      return "none";
  }
  return "l2";
}

Status Validate(const VectorizerOptions& options) {
  if (options.ngram_min < 1 || options.ngram_max < options.ngram_min)
    return Status::BadUsage(fmt::format("ngram range ({}, {}) is not 1 <= min <= max",
                                        options.ngram_min, options.ngram_max));
  const std::pair<const DfBound*, const char*> bounds[] = {{&options.min_df, "min_df"},
                                                           {&options.max_df, "max_df"}};
  for (auto [bound, name] : bounds) {
    if (bound->proportion ? !(bound->value >= 0 && bound->value <= 1) : bound->value < 1)
      return Status::BadUsage(
          fmt::format("{} must be a count >= 1 or a proportion in [0.0, 1.0], not {}", name,
                      bound->ToString()));
  }
  if (options.threads < 0) return Status::BadUsage("threads must be >= 0 (0 = one per core)");
  return Status::Ok();
}

std::optional<int32_t> Vocabulary::Find(std::string_view term) const {
  auto it = std::lower_bound(terms_.begin(), terms_.end(), term,
                             [](const std::string& a, std::string_view b) { return a < b; });
  if (it == terms_.end() || *it != term) return std::nullopt;
  return static_cast<int32_t>(it - terms_.begin());
}

namespace {

// One thread's share of the statements: its term table, each statement's distinct
// terms with their counts, and each term's document frequency.
struct Shard {
  size_t begin = 0;  // statements [begin, end)
  size_t end = 0;
  TermTable table;
  std::vector<uint32_t> row_end;  // entries of statement begin + i end at row_end[i]
  std::vector<std::pair<uint32_t, uint32_t>> entries;  // (term id, count)
  std::vector<int64_t> df;                             // by term id; 0 = not a feature
  std::vector<uint32_t> sorted;  // feature term ids in byte order of their text
  std::vector<int32_t> column;   // by term id: its column, or -1 when pruned
  Status status;
};

int ThreadCount(int requested, size_t statements) {
  // With fewer than ~512 statements per thread, starting it costs more than it saves.
  return static_cast<int>(parallel::Workers(requested, statements / 512));
}

// Splits the statements into `count` contiguous ranges of about equal bytes.
std::vector<Shard> MakeShards(std::span<const std::string_view> texts, size_t count) {
  size_t total = 0;
  for (std::string_view t : texts) total += t.size() + 1;
  std::vector<Shard> shards(count);
  size_t at = 0, bytes = 0;
  for (size_t s = 0; s < count; ++s) {
    shards[s].begin = at;
    size_t goal = total * (s + 1) / count;
    while (at < texts.size() && (s + 1 == count || bytes < goal)) bytes += texts[at++].size() + 1;
    shards[s].end = at;
  }
  return shards;
}

// 1 + ln(count) for the small counts that make up nearly all entries.
struct SublinearTable {
  std::array<double, 64> tf;
  SublinearTable() {
    for (size_t c = 0; c < tf.size(); ++c) tf[c] = 1.0 + std::log(static_cast<double>(c));
  }
};
const SublinearTable kSublinear;

// Turns counts into the weights of one row, in place: tf, idf, norm.
void WeighRow(const VectorizerOptions& options, const std::vector<double>& idf, int32_t* columns,
              float* values, double* scratch, size_t nnz) {
  // Options copied to locals: the stores to `values` could alias them otherwise, and
  // the compiler would reload them for every entry.
  const bool sublinear = options.sublinear_tf;
  const bool use_idf = options.use_idf;
  const Norm kind = options.norm;
  const double* const idf_of = idf.data();
  double norm = 0;
  for (size_t k = 0; k < nnz; ++k) {
    const uint32_t count = static_cast<uint32_t>(values[k]);
    double tf = count;
    if (sublinear) tf = count < kSublinear.tf.size() ? kSublinear.tf[count] : 1.0 + std::log(tf);
    const double w = use_idf ? tf * idf_of[columns[k]] : tf;
    scratch[k] = w;
    norm += kind == Norm::kL2 ? w * w : std::abs(w);
  }
  if (kind == Norm::kL2) norm = std::sqrt(norm);
  // scikit-learn leaves an all-zero row as it is.
  if (kind == Norm::kNone || norm == 0) norm = 1;
  for (size_t k = 0; k < nnz; ++k) values[k] = static_cast<float>(scratch[k] / norm);
}

// The n-gram ids of `tokens` for n in [ngram_min, ngram_max], appended to `out`.
// `grams` is scratch: the ids of the current n's grams, one per start position.
void CountTerms(const TokenList& tokens, const VectorizerOptions& options, TermTable& table,
                std::vector<uint32_t>& grams, std::vector<uint32_t>& words,
                std::vector<uint32_t>& out) {
  words.resize(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) words[i] = table.Word(tokens[i]);
  grams.assign(words.begin(), words.end());
  if (options.ngram_min <= 1) out.insert(out.end(), words.begin(), words.end());
  for (int n = 2; n <= options.ngram_max && static_cast<size_t>(n) <= words.size(); ++n) {
    // grams[i] holds the (n-1)-gram starting at i; extend it by word i + n - 1.
    size_t count = words.size() - n + 1;
    for (size_t i = 0; i < count; ++i) grams[i] = table.Gram(grams[i], words[i + n - 1]);
    grams.resize(count);
    if (n >= options.ngram_min) out.insert(out.end(), grams.begin(), grams.end());
  }
}

// Pass 1 over one shard: tokenize, count, and sort the shard's terms.
void CountShard(Shard& shard, std::span<const std::string_view> texts,
                const VectorizerOptions& options, std::atomic<size_t>& done,
                const ProgressFn* progress) {
  Result<Tokenizer> tokenizer = Tokenizer::Create(options.tokenizer);
  if (!tokenizer.ok()) {
    shard.status = tokenizer.status();
    return;
  }
  TokenList tokens;
  std::vector<uint32_t> grams, words, terms;
  // Counting a statement's terms without sorting them: `seen` holds, per term id, the
  // last statement it was counted in (+1), and `slot` where its count went.
  std::vector<uint32_t> seen, slot;
  size_t bytes = 0;
  for (size_t i = shard.begin; i < shard.end; ++i) bytes += texts[i].size();
  shard.entries.reserve(bytes / 3);  // about one distinct term per 3 bytes of English
  shard.row_end.reserve(shard.end - shard.begin);
  for (size_t i = shard.begin; i < shard.end; ++i) {
    tokenizer->Tokenize(texts[i], &tokens);
    terms.clear();
    CountTerms(tokens, options, shard.table, grams, words, terms);
    if (seen.size() < shard.table.size()) {
      size_t grown = std::max<size_t>(shard.table.size() * 2, 1024);
      seen.resize(grown, 0);
      slot.resize(grown, 0);
      shard.df.resize(grown, 0);
    }
    const uint32_t mark = static_cast<uint32_t>(i - shard.begin + 1);
    for (uint32_t term : terms) {
      if (seen[term] == mark) {
        ++shard.entries[slot[term]].second;
        continue;
      }
      seen[term] = mark;
      slot[term] = static_cast<uint32_t>(shard.entries.size());
      shard.entries.emplace_back(term, 1);
      ++shard.df[term];
    }
    shard.row_end.push_back(static_cast<uint32_t>(shard.entries.size()));
    if (((i - shard.begin) & 1023) == 1023) {
      size_t now = done.fetch_add(1024) + 1024;
      if (progress && *progress) (*progress)("vectorizing", now, texts.size());
    }
  }
  done.fetch_add((shard.end - shard.begin) & 1023);
  shard.df.resize(shard.table.size(), 0);
  shard.table.Spell();
  for (uint32_t id = 0; id < shard.table.size(); ++id)
    if (shard.df[id] > 0) shard.sorted.push_back(id);
  const TermTable& table = shard.table;
  std::sort(shard.sorted.begin(), shard.sorted.end(),
            [&table](uint32_t a, uint32_t b) { return table.Text(a) < table.Text(b); });
}

}  // namespace

Vectorizer::Vectorizer(VectorizerOptions options) : options_(std::move(options)) {}

namespace {
std::vector<std::string_view> Texts(const std::vector<Statement>& statements) {
  std::vector<std::string_view> texts;
  texts.reserve(statements.size());
  for (const Statement& s : statements) texts.push_back(s.text);
  return texts;
}
}  // namespace

Result<TfidfMatrix> Vectorizer::FitTransform(const std::vector<Statement>& statements) {
  return FitTransform(Texts(statements));
}

Status Vectorizer::FitTransform(const std::vector<Statement>& statements, TfidfMatrix* matrix) {
  return FitTransform(Texts(statements), matrix);
}

Result<TfidfMatrix> Vectorizer::FitTransform(std::span<const std::string_view> texts) {
  TfidfMatrix matrix;
  REFRAIN_RETURN_IF_ERROR(FitTransform(texts, &matrix));
  // Eigen 3.4's SparseMatrix has no move constructor, but its copy swaps from a matrix
  // marked as an rvalue: this saves one of the two copies Result's constructor makes.
  matrix.markAsRValue();
  return matrix;
}

Status Vectorizer::FitTransform(std::span<const std::string_view> texts, TfidfMatrix* result) {
  fitted_ = false;
  vocabulary_ = Vocabulary();
  internal::FitOutput fit;
  REFRAIN_RETURN_IF_ERROR(internal::FitRows(texts, options_, nullptr, result, &fit));
  vocabulary_.terms_ = std::move(fit.terms);
  vocabulary_.df_ = std::move(fit.df);
  vocabulary_.idf_ = std::move(fit.idf);
  fitted_ = true;
  return Status::Ok();
}

namespace internal {

Status FitRows(std::span<const std::string_view> texts, const VectorizerOptions& options,
               const CountReduction& reduce, TfidfMatrix* result, FitOutput* vocab) {
  REFRAIN_RETURN_IF_ERROR(Validate(options));
  *vocab = FitOutput();
  const size_t local_rows = texts.size();
  const ProgressFn* progress = options.progress ? &options.progress : nullptr;
  std::vector<Shard> shards = MakeShards(texts, ThreadCount(options.threads, local_rows));
  std::atomic<size_t> done{0};
  parallel::RunWorkers(shards.size(), [&](size_t s) {
    CountShard(shards[s], texts, options, done, s == 0 ? progress : nullptr);
  });
  for (const Shard& shard : shards) REFRAIN_RETURN_IF_ERROR(shard.status);

  // Merge the shards' sorted term lists into one sorted list of candidates; a shard's term
  // holds its candidate's index in `column` until the kept terms are numbered.
  std::vector<size_t> head(shards.size(), 0);
  size_t most = 0;
  for (Shard& shard : shards) {
    shard.column.assign(shard.table.size(), -1);
    most = std::max(most, shard.sorted.size());
  }
  std::vector<std::string_view> candidates;
  std::vector<int64_t> candidate_df;
  candidates.reserve(most);
  candidate_df.reserve(most);
  std::vector<size_t> holders;
  for (;;) {
    std::string_view least;
    holders.clear();
    for (size_t s = 0; s < shards.size(); ++s) {
      if (head[s] == shards[s].sorted.size()) continue;
      std::string_view text = shards[s].table.Text(shards[s].sorted[head[s]]);
      if (holders.empty() || text < least) {
        least = text;
        holders.assign(1, s);
      } else if (text == least) {
        holders.push_back(s);
      }
    }
    if (holders.empty()) break;
    int64_t df = 0;
    for (size_t s : holders) df += shards[s].df[shards[s].sorted[head[s]]];
    if (candidates.size() >= static_cast<size_t>(std::numeric_limits<int32_t>::max()))
      return Status::BadInput("more than 2^31 terms: raise min_df or lower the n-gram range");
    for (size_t s : holders)
      shards[s].column[shards[s].sorted[head[s]]] = static_cast<int32_t>(candidates.size());
    for (size_t s : holders) ++head[s];
    candidates.push_back(least);
    candidate_df.push_back(df);
  }

  // The counts min_df and max_df see: these statements', or the whole corpus's.
  TermCounts whole;
  std::vector<int64_t> index_in_whole;
  if (reduce) {
    REFRAIN_RETURN_IF_ERROR(reduce(candidates, candidate_df, static_cast<int64_t>(local_rows),
                                   &whole, &index_in_whole));
  } else {
    whole.statements = static_cast<int64_t>(local_rows);
  }
  const size_t whole_terms = reduce ? whole.terms.size() : candidates.size();
  const auto whole_df = [&](size_t k) { return reduce ? whole.df[k] : candidate_df[k]; };
  const size_t n = static_cast<size_t>(whole.statements);
  if (whole_terms == 0)
    return Status::BadInput("no terms in the statements (empty, or only stop words)");

  // Keep the terms inside [min_df, max_df] (compared unrounded, as scikit-learn does).
  const double low = options.min_df.Resolve(n);
  const double high = options.max_df.Resolve(n);
  if (high < low)
    return Status::BadUsage(fmt::format("max_df ({}) keeps fewer statements than min_df ({})",
                                        options.max_df.ToString(), options.min_df.ToString()));
  std::vector<int32_t> column_of(whole_terms, -1);
  for (size_t k = 0; k < whole_terms; ++k) {
    const double df = static_cast<double>(whole_df(k));
    if (df < low || df > high) continue;
    column_of[k] = static_cast<int32_t>(vocab->terms.size());
    vocab->terms.emplace_back(reduce ? std::string_view(whole.terms[k]) : candidates[k]);
    vocab->df.push_back(whole_df(k));
  }
  // When no term was dropped, every entry is kept.
  const bool pruned = vocab->terms.size() < whole_terms;
  for (Shard& shard : shards)
    for (int32_t& c : shard.column)
      if (c >= 0) c = column_of[reduce ? static_cast<size_t>(index_in_whole[c]) : c];
  if (vocab->terms.empty())
    return Status::BadInput(fmt::format(
        "no term is in at least min_df ({}) and at most max_df ({}) of the {} statements",
        options.min_df.ToString(), options.max_df.ToString(), n));
  if (options.use_idf) {
    // scikit-learn: idf = ln(n / df) + 1, with n and df both one larger under smooth_idf.
    const double smooth = options.smooth_idf ? 1.0 : 0.0;
    vocab->idf.resize(vocab->terms.size());
    for (size_t c = 0; c < vocab->terms.size(); ++c)
      vocab->idf[c] = std::log((static_cast<double>(n) + smooth) /
                               (static_cast<double>(vocab->df[c]) + smooth)) +
                      1.0;
  }

  // Pass 2: each shard counts its rows' kept entries, then writes them in place.
  const size_t rows = local_rows;
  std::vector<int64_t> row_start(rows + 1, 0);
  parallel::RunWorkers(shards.size(), [&](size_t s) {
    const Shard& shard = shards[s];
    uint32_t from = 0;
    for (size_t r = shard.begin; r < shard.end; ++r) {
      uint32_t to = shard.row_end[r - shard.begin];
      int64_t kept = 0;
      if (pruned) {
        for (uint32_t k = from; k < to; ++k) kept += shard.column[shard.entries[k].first] >= 0;
      } else {
        kept = to - from;
      }
      row_start[r + 1] = kept;
      from = to;
    }
  });
  for (size_t r = 0; r < rows; ++r) row_start[r + 1] += row_start[r];
  const int64_t nnz = row_start[rows];
  if (nnz > std::numeric_limits<int32_t>::max())
    return Status::BadInput(fmt::format(
        "{} non-zeros do not fit the matrix's 32-bit indices: raise min_df or use fewer n-grams",
        nnz));
  TfidfMatrix matrix(static_cast<Eigen::Index>(rows),
                     static_cast<Eigen::Index>(vocab->terms.size()));
  matrix.resizeNonZeros(static_cast<Eigen::Index>(nnz));
  int32_t* outer = matrix.outerIndexPtr();
  for (size_t r = 0; r <= rows; ++r) outer[r] = static_cast<int32_t>(row_start[r]);
  int32_t* inner = matrix.innerIndexPtr();
  float* values = matrix.valuePtr();
  parallel::RunWorkers(shards.size(), [&](size_t s) {
    const Shard& shard = shards[s];
    // (column << 32 | count): sorting plain integers is much cheaper than pairs.
    std::vector<uint64_t> row;
    std::vector<double> scratch;
    uint32_t from = 0;
    for (size_t r = shard.begin; r < shard.end; ++r) {
      uint32_t to = shard.row_end[r - shard.begin];
      row.clear();
      for (uint32_t k = from; k < to; ++k) {
        int32_t c = shard.column[shard.entries[k].first];
        if (c >= 0) row.push_back(static_cast<uint64_t>(c) << 32 | shard.entries[k].second);
      }
      from = to;
      std::sort(row.begin(), row.end());
      int64_t at = row_start[r];
      for (size_t k = 0; k < row.size(); ++k) {
        inner[at + k] = static_cast<int32_t>(row[k] >> 32);
        values[at + k] = static_cast<float>(static_cast<uint32_t>(row[k]));
      }
      scratch.resize(row.size());
      WeighRow(options, vocab->idf, inner + at, values + at, scratch.data(), row.size());
    }
  });
  if (progress) (*progress)("vectorizing", rows, rows);
  result->swap(matrix);
  return Status::Ok();
}

}  // namespace internal

Result<TfidfMatrix> Vectorizer::Transform(std::span<const std::string_view> texts) const {
  if (!fitted_) return Status::BadUsage("Transform before FitTransform: no vocabulary yet");
  Result<Tokenizer> tokenizer = Tokenizer::Create(options_.tokenizer);
  if (!tokenizer.ok()) return tokenizer.status();
  TokenList tokens;
  std::string gram;
  std::vector<std::pair<int32_t, uint32_t>> row;
  std::vector<int32_t> outer{0}, inner;
  std::vector<float> values;
  std::vector<double> scratch;
  for (std::string_view text : texts) {
    tokenizer->Tokenize(text, &tokens);
    row.clear();
    for (size_t i = 0; i < tokens.size(); ++i) {
      gram.clear();
      for (int len = 1; len <= options_.ngram_max && i + len <= tokens.size(); ++len) {
        if (len > 1) gram.push_back(' ');
        gram.append(tokens[i + len - 1]);
        if (len < options_.ngram_min) continue;
        if (std::optional<int32_t> c = vocabulary_.Find(gram)) row.emplace_back(*c, 1);
      }
    }
    std::sort(row.begin(), row.end());
    size_t at = inner.size();
    for (size_t k = 0; k < row.size();) {
      size_t run = k + 1;
      while (run < row.size() && row[run].first == row[k].first) ++run;
      inner.push_back(row[k].first);
      values.push_back(static_cast<float>(run - k));
      k = run;
    }
    scratch.resize(inner.size() - at);
    WeighRow(options_, vocabulary_.idf_, inner.data() + at, values.data() + at, scratch.data(),
             inner.size() - at);
    if (inner.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max()))
      return Status::BadInput("too many non-zeros for the matrix's 32-bit indices");
    outer.push_back(static_cast<int32_t>(inner.size()));
  }
  TfidfMatrix matrix(static_cast<Eigen::Index>(texts.size()),
                     static_cast<Eigen::Index>(vocabulary_.size()));
  matrix.resizeNonZeros(static_cast<Eigen::Index>(inner.size()));
  std::copy(outer.begin(), outer.end(), matrix.outerIndexPtr());
  std::copy(inner.begin(), inner.end(), matrix.innerIndexPtr());
  std::copy(values.begin(), values.end(), matrix.valuePtr());
  matrix.markAsRValue();  // one copy into the Result instead of two (see FitTransform)
  return matrix;
}

Status SaveMatrixMarket(const TfidfMatrix& matrix, const std::filesystem::path& file) {
  // Eigen::saveMarket's loop with its header and element writers, but with the stream
  // checked: saveMarket returns true whatever the writes did (a full disk, /dev/full).
  using Scalar = TfidfMatrix::Scalar;
  std::ofstream out(file);
  out.flags(std::ios_base::scientific);
  out.precision(std::numeric_limits<Scalar>::digits10 + 2);
  std::string header;
  Eigen::internal::putMarketHeader<Scalar>(header, 0);
  out << header << std::endl;
  out << matrix.rows() << " " << matrix.cols() << " " << matrix.nonZeros() << "\n";
  for (Eigen::Index j = 0; j < matrix.outerSize() && out; ++j)
    for (TfidfMatrix::InnerIterator it(matrix, j); it; ++it)
      Eigen::internal::PutMatrixElt(it.value(), it.row() + 1, it.col() + 1, out);
  out.close();
  if (!out) return Status::IoError(fmt::format("{}: cannot write the matrix", file.string()));
  return Status::Ok();
}

Status SaveVocabulary(const Vocabulary& vocabulary, const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary);
  std::string buffer;
  for (size_t c = 0; c < vocabulary.size(); ++c) {
    const int32_t column = static_cast<int32_t>(c);
    if (vocabulary.idfs().empty())
      fmt::format_to(std::back_inserter(buffer), "{}\t{}\t\n", vocabulary.term(column),
                     vocabulary.df(column));
    else
      fmt::format_to(std::back_inserter(buffer), "{}\t{}\t{}\n", vocabulary.term(column),
                     vocabulary.df(column), vocabulary.idf(column));
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.close();
  if (!out) return Status::IoError(fmt::format("{}: cannot write the vocabulary", file.string()));
  return Status::Ok();
}

}  // namespace refrain
