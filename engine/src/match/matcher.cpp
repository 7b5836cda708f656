// The matcher: statements cut into clauses (units), each unit's text rewritten
// through the alias table, then vectorised with stemming and stop words over
// the corpus's own idf; an exact similarity index over the unit rows answers
// "which units make the same point", and Explain takes a score apart term by term.
#include "refrain/matcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>

#include "clauses.h"
#include "util/parallel.h"
#include "util/text.h"

namespace refrain {
namespace {

using text::AsciiLower;

Result<std::vector<std::string>> LoadExcludeFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("{}: cannot read the exclude file", file.string()));
  std::vector<std::string> phrases;
  std::string line;
  while (std::getline(in, line)) {
    if (size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::string phrase = AsciiLower(text::Normalise(line));
    if (!phrase.empty()) phrases.push_back(std::move(phrase));
  }
  if (in.bad()) return Status::IoError(fmt::format("{}: read error", file.string()));
  return phrases;
}

}  // namespace

struct Matcher::Impl {
  MatchOptions options;
  AliasTable aliases;
  std::vector<std::string> excluded;  // phrases, lower case, spaces collapsed
  internal::ClauseOptions clause_options;
  std::vector<Unit> units;
  std::vector<uint32_t> first_unit;  // statement s has units [first_unit[s], first_unit[s+1])
  Vectorizer vectorizer;
  TfidfMatrix matrix;
  // Built on first use by index().
  mutable std::once_flag index_once;
  mutable std::unique_ptr<SimilarityIndex> index;
  // Per vocabulary column: a proper noun (see MatchOptions::proper_noun_share).
  std::vector<uint8_t> proper;
  std::map<std::string, std::string, std::less<>> display;  // alias token -> readable form

  bool IsExcluded(std::string_view text) const {
    if (excluded.empty()) return false;
    const std::string lower = AsciiLower(text);
    return std::any_of(excluded.begin(), excluded.end(), [&](const std::string& phrase) {
      return lower.find(phrase) != std::string::npos;
    });
  }
  // What the vectorizer reads for a unit: aliases rewritten; "" when excluded.
  std::string Prepare(std::string_view text) const {
    if (IsExcluded(text)) return {};
    return aliases.Rewrite(text);
  }
  // The clauses of a normalised text, or the whole text.
  std::vector<std::pair<size_t, size_t>> Pieces(std::string_view text) const {
    if (options.clauses) return internal::CutClauses(text, clause_options);
    const auto [b, e] = text::TrimSpace(text, 0, text.size());
    if (b >= e) return {};
    return {{b, e}};
  }
  const Vocabulary& vocabulary() const { return vectorizer.vocabulary(); }
  std::string ReadableTerm(std::string_view term) const {
    std::string out;
    size_t begin = 0;
    while (begin <= term.size()) {
      size_t space = term.find(' ', begin);
      std::string_view word = term.substr(begin, space - begin);
      if (!out.empty()) out += ' ';
      auto it = display.find(word);
      out += it == display.end() ? std::string(word) : it->second;
      if (space == std::string_view::npos) break;
      begin = space + 1;
    }
    return out;
  }
  Status MarkProperNouns(const Corpus& corpus, const TokenizerOptions& tokenizer_options);
  bool IsProper(int32_t column) const {
    return static_cast<size_t>(column) < proper.size() && proper[column];
  }
  Explanation ExplainRows(const TfidfMatrix& a, int32_t row_a, const TfidfMatrix& b,
                          int32_t row_b) const {
    Explanation out;
    std::vector<std::string> only_a, only_b;
    TfidfMatrix::InnerIterator ia(a, row_a), ib(b, row_b);
    while (ia || ib) {
      if (ia && (!ib || ia.index() < ib.index())) {
        if (IsProper(ia.index())) only_a.push_back(ReadableTerm(vocabulary().term(ia.index())));
        ++ia;
      } else if (ib && (!ia || ib.index() < ia.index())) {
        if (IsProper(ib.index())) only_b.push_back(ReadableTerm(vocabulary().term(ib.index())));
        ++ib;
      } else {
        const double c = static_cast<double>(ia.value()) * static_cast<double>(ib.value());
        out.shared.push_back({ReadableTerm(vocabulary().term(ia.index())), c});
        out.cosine += c;
        ++ia;
        ++ib;
      }
    }
    // Rounding can take the cosine of equal rows a hair above 1.
    if (out.cosine > 1) {
      for (TermContribution& t : out.shared) t.contribution /= out.cosine;
      out.cosine = 1;
    }
    if (!only_a.empty() && !only_b.empty() && !out.shared.empty()) {
      out.factor = options.object_mismatch_factor;
      out.different = std::move(only_a);
      out.different.insert(out.different.end(), only_b.begin(), only_b.end());
      for (TermContribution& t : out.shared) t.contribution *= out.factor;
    }
    out.score = out.cosine * out.factor;
    std::stable_sort(out.shared.begin(), out.shared.end(),
                     [](const TermContribution& x, const TermContribution& y) {
                       return x.contribution > y.contribution;
                     });
    return out;
  }
};

namespace {

struct CaseCount {
  uint32_t capitalised = 0, total = 0;
};

// Per tokenizer term (one word), how often `corpus` writes it capitalised inside a sentence
// (not first, not after a colon or a quote) and how often in all there.
Result<std::unordered_map<std::string, CaseCount>> CountCapitals(
    const Corpus& corpus, const TokenizerOptions& tokenizer_options) {
  std::unordered_map<std::string, CaseCount> words;
  std::string word;
  for (const Statement& s : corpus.statements) {
    const std::string_view text = s.text;
    bool first = true;
    size_t i = 0;
    while (i < text.size()) {
      const auto part = [&](size_t k) {
        const unsigned char c = static_cast<unsigned char>(text[k]);
        return std::isalnum(c) || c >= 0x80 || (c == '\'' && k > i);
      };
      if (!part(i)) {
        const char c = text[i];
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"') first = true;
        ++i;
        continue;
      }
      size_t e = i;
      while (e < text.size() && part(e)) ++e;
      if (!first) {
        word.assign(text.substr(i, e - i));
        const bool capitalised = word[0] >= 'A' && word[0] <= 'Z';
        text::AsciiLowerInPlace(word);
        CaseCount& count = words[word];
        count.capitalised += capitalised;
        ++count.total;
      }
      first = false;
      i = e;
    }
  }
  Result<Tokenizer> tokenizer = Tokenizer::Create(tokenizer_options);
  if (!tokenizer.ok()) return tokenizer.status();
  std::unordered_map<std::string, CaseCount> by_term;
  for (const auto& [w, count] : words) {
    std::vector<std::string> tokens = tokenizer->Tokenize(w);
    if (tokens.size() != 1) continue;
    CaseCount& c = by_term[tokens.front()];
    c.capitalised += count.capitalised;
    c.total += count.total;
  }
  return by_term;
}

}  // namespace

// Which vocabulary columns are proper nouns: words the corpus writes capitalised at least
// options.proper_noun_share of the times they occur inside a sentence (not first, not
// after a colon or a quote), and the alias terms (acronyms).
Status Matcher::Impl::MarkProperNouns(const Corpus& corpus,
                                      const TokenizerOptions& tokenizer_options) {
  Impl& impl = *this;
  impl.proper.assign(impl.vocabulary().size(), 0);
  if (impl.options.object_mismatch_factor >= 1) return Status::Ok();
  Result<std::unordered_map<std::string, CaseCount>> counts =
      CountCapitals(corpus, tokenizer_options);
  if (!counts.ok()) return counts.status();
  for (size_t c = 0; c < impl.proper.size(); ++c) {
    const std::string& term = impl.vocabulary().term(static_cast<int32_t>(c));
    if (term.find(' ') != std::string::npos) continue;  // n-grams: their words decide
    if (!term.empty() && term.back() == '_') {          // an alias term: an acronym's group
      impl.proper[c] = 1;
      continue;
    }
    auto it = counts->find(term);
    if (it == counts->end()) continue;
    const CaseCount& count = it->second;
    impl.proper[c] = count.total > 0 && count.capitalised >= impl.options.proper_noun_share *
                                                                 static_cast<double>(count.total);
  }
  return Status::Ok();
}

Result<std::set<std::string>> Matcher::ProperNouns(const Corpus& corpus,
                                                   const MatchOptions& options) {
  Result<std::unordered_map<std::string, CaseCount>> counts =
      CountCapitals(corpus, UnitVectorizerOptions(options).tokenizer);
  if (!counts.ok()) return counts.status();
  std::set<std::string> out;
  for (const auto& [term, count] : *counts)
    if (count.total > 0 &&
        count.capitalised >= options.proper_noun_share * static_cast<double>(count.total))
      out.insert(term);
  return out;
}

VectorizerOptions UnitVectorizerOptions(const MatchOptions& options) {
  VectorizerOptions vectorizer_options;
  vectorizer_options.tokenizer.stem = options.stem;
  vectorizer_options.tokenizer.stop_words = options.stop_words;
  vectorizer_options.ngram_min = 1;
  vectorizer_options.ngram_max = options.ngram_max;
  vectorizer_options.threads = options.threads;
  vectorizer_options.progress = options.progress;
  return vectorizer_options;
}

std::vector<Unit> Matcher::CutUnits(const Corpus& corpus, const MatchOptions& options) {
  Impl cutter;
  cutter.options = options;
  std::vector<Unit> units;
  // Units: the clauses of every statement, mapped back onto the file.
  for (uint32_t s = 0; s < corpus.statements.size(); ++s) {
    const Statement& statement = corpus.statements[s];
    const Document& document = corpus.documents[statement.doc];
    const auto pieces = cutter.Pieces(statement.text);
    std::vector<Unit> mapped;
    // One piece that is the whole text needs no mapping.
    bool aligned = !pieces.empty() && !(pieces.size() == 1 && pieces[0].first == 0 &&
                                        pieces[0].second == statement.text.size());
    for (const auto& [b, e] : pieces) {
      if (!aligned) break;
      Unit unit{s, statement.doc, 0, 0, statement.text.substr(b, e - b)};
      aligned = internal::MapToOriginal(document, statement, b, e, &unit.start, &unit.end);
      mapped.push_back(std::move(unit));
    }
    if (aligned) {
      for (Unit& u : mapped) units.push_back(std::move(u));
    } else {
      units.push_back({s, statement.doc, statement.start, statement.end, statement.text});
    }
  }
  return units;
}

Result<Matcher> Matcher::Build(const Corpus& corpus, const MatchOptions& options) {
  return Build(corpus, CutUnits(corpus, options), options);
}

Result<Matcher> Matcher::Build(const Corpus& corpus, std::vector<Unit> units,
                               const MatchOptions& options) {
  REFRAIN_RETURN_IF_ERROR(CheckThreshold(options.threshold, "threshold"));
  if (!(options.object_mismatch_factor >= 0 && options.object_mismatch_factor <= 1))
    return Status::BadUsage(fmt::format("object_mismatch_factor must be in [0, 1], not {}",
                                        options.object_mismatch_factor));
  if (options.ngram_max < 1)
    return Status::BadUsage(fmt::format("ngram_max must be >= 1, not {}", options.ngram_max));
  auto impl = std::make_shared<Impl>();
  impl->options = options;
  if (options.builtin_aliases) impl->aliases = AliasTable::Builtin();
  if (options.learn_aliases) impl->aliases.Merge(AliasTable::Learn(corpus));
  if (!options.aliases_file.empty()) {
    Result<AliasTable> user = AliasTable::Load(options.aliases_file);
    if (!user.ok()) return user.status();
    impl->aliases.Merge(*user);
  }
  if (!options.exclude_file.empty()) {
    Result<std::vector<std::string>> phrases = LoadExcludeFile(options.exclude_file);
    if (!phrases.ok()) return phrases.status();
    impl->excluded = std::move(*phrases);
  }

  // Statement s has units [first_unit[s], first_unit[s + 1]): each at least one, in order.
  impl->first_unit.reserve(corpus.statements.size() + 1);
  for (uint32_t u = 0; u < units.size(); ++u) {
    const uint32_t s = units[u].statement;
    const bool next = s == impl->first_unit.size();
    if (!next && !(u > 0 && s + 1 == impl->first_unit.size()))
      return Status::BadUsage(fmt::format(
          "unit {} (of statement {}) is out of statement order, or a statement has no unit", u, s));
    if (next) impl->first_unit.push_back(u);
  }
  if (impl->first_unit.size() != corpus.statements.size())
    return Status::BadUsage(fmt::format("the units cover {} of {} statements",
                                        impl->first_unit.size(), corpus.statements.size()));
  impl->units = std::move(units);
  impl->first_unit.push_back(static_cast<uint32_t>(impl->units.size()));

  // On the workers: rewriting every unit's aliases is seconds of a large corpus's run.
  std::vector<std::string> prepared(impl->units.size());
  parallel::For(impl->units.size(), options.threads, [&](size_t i, size_t) {
    Unit& u = impl->units[i];
    u.excluded = impl->IsExcluded(u.text);
    if (!u.excluded) prepared[i] = impl->aliases.Rewrite(u.text);
  });
  std::vector<std::string_view> views(prepared.begin(), prepared.end());

  const VectorizerOptions vectorizer_options = UnitVectorizerOptions(options);
  impl->vectorizer = Vectorizer(vectorizer_options);
  REFRAIN_RETURN_IF_ERROR(impl->vectorizer.FitTransform(views, &impl->matrix));

  // Alias terms read as their long form in explanations ("sco" -> "shanghai cooperation
  // organization"): map each group's term, as the tokenizer turns it, to its display form.
  if (impl->aliases.size() > 0) {
    Result<Tokenizer> tokenizer = Tokenizer::Create(vectorizer_options.tokenizer);
    if (!tokenizer.ok()) return tokenizer.status();
    for (const auto& forms : impl->aliases.Groups()) {
      const std::string term = impl->aliases.Rewrite(forms.front());
      std::vector<std::string> tokens = tokenizer->Tokenize(term);
      if (tokens.size() != 1) continue;
      std::string readable = impl->aliases.Display(text::Normalise(term));
      if (!readable.empty()) impl->display.emplace(tokens.front(), std::move(readable));
    }
  }

  REFRAIN_RETURN_IF_ERROR(impl->MarkProperNouns(corpus, vectorizer_options.tokenizer));

  Matcher matcher;
  matcher.impl_ = std::move(impl);
  return matcher;
}

const MatchOptions& Matcher::options() const { return impl_->options; }
const std::vector<Unit>& Matcher::units() const { return impl_->units; }
std::pair<uint32_t, uint32_t> Matcher::UnitsOf(uint32_t statement) const {
  return {impl_->first_unit[statement], impl_->first_unit[statement + 1]};
}
const TfidfMatrix& Matcher::matrix() const { return impl_->matrix; }
const Vocabulary& Matcher::vocabulary() const { return impl_->vectorizer.vocabulary(); }
const AliasTable& Matcher::aliases() const { return impl_->aliases; }
bool Matcher::IsProperNoun(int32_t column) const { return impl_->IsProper(column); }
const SimilarityIndex& Matcher::index() const {
  std::call_once(impl_->index_once, [&] {
    SimilarityOptions similarity;
    similarity.min_threshold = impl_->options.threshold / 2;
    similarity.threads = impl_->options.threads;
    Result<std::unique_ptr<SimilarityIndex>> index =
        BuildSimilarityIndex(impl_->matrix, similarity);
    // Only bad options fail, and Build checked the threshold: fall back to the exhaustive
    // kernel, which takes any threshold, rather than leave the index empty.
    if (!index.ok()) {
      similarity.kernel = SimilarityKernel::kExhaustive;
      index = BuildSimilarityIndex(impl_->matrix, similarity);
    }
    impl_->index = std::move(*index);
  });
  return *impl_->index;
}

Explanation Matcher::Explain(uint32_t unit_a, uint32_t unit_b) const {
  return impl_->ExplainRows(impl_->matrix, static_cast<int32_t>(unit_a), impl_->matrix,
                            static_cast<int32_t>(unit_b));
}

Explanation Matcher::Compare(std::string_view text_a, std::string_view text_b) const {
  const std::string a = text::Normalise(text_a), b = text::Normalise(text_b);
  const auto pieces_a = impl_->Pieces(a), pieces_b = impl_->Pieces(b);
  if (pieces_a.empty() || pieces_b.empty()) return {};
  std::vector<std::string> prepared;
  for (const auto& [s, e] : pieces_a) prepared.push_back(impl_->Prepare(a.substr(s, e - s)));
  for (const auto& [s, e] : pieces_b) prepared.push_back(impl_->Prepare(b.substr(s, e - s)));
  std::vector<std::string_view> views(prepared.begin(), prepared.end());
  Result<TfidfMatrix> rows = impl_->vectorizer.Transform(views);
  if (!rows.ok()) return {};
  Explanation best;
  bool any = false;
  const int32_t na = static_cast<int32_t>(pieces_a.size());
  for (int32_t i = 0; i < na; ++i)
    for (int32_t j = na; j < rows->rows(); ++j) {
      Explanation e = impl_->ExplainRows(*rows, i, *rows, j);
      if (!any || e.score > best.score) {
        best = std::move(e);
        any = true;
      }
    }
  return best;
}

}  // namespace refrain
