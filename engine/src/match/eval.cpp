// The matcher against labelled pairs (refrain/eval.h): labels parsed, each span's corpus
// found and loaded once, every pair scored by its corpus's matcher and counted.
#include "refrain/eval.h"

#include <fmt/format.h>

#include <array>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "refrain/corpus.h"
#include "refrain/similarity.h"
#include "util/parallel.h"
#include "util/text.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

Result<uint64_t> ParseOffset(std::string_view text, const std::string& where) {
  uint64_t value = 0;
  if (text.empty()) return Status::BadInput(where + ": an empty offset");
  for (char c : text) {
    if (c < '0' || c > '9')
      return Status::BadInput(fmt::format("{}: '{}' is not a byte offset", where, text));
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

// The visible text of [start, end) of a document: what a reader sees of those bytes
// (HTML tags and entities, Markdown marks resolved), white space collapsed.
std::string VisibleText(const Document& doc, uint64_t start, uint64_t end) {
  const MappedText& mapped = doc.text;
  const auto first_at_or_after = [&](uint64_t offset) {
    size_t lo = 0, hi = mapped.size();
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (mapped.OriginalBegin(mid) < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  };
  const size_t b = first_at_or_after(start), e = first_at_or_after(end);
  if (e <= b) return {};
  return mapped.text().substr(b, e - b);
}

// `file`'s path relative to `corpus`, '/'-separated: how the corpus names its document.
std::string PathIn(const fs::path& file, const fs::path& corpus) {
  return fs::absolute(file).lexically_normal().lexically_relative(corpus).generic_string();
}

// What the claims scorer reads with: the parser, the built-in aliases and the claim reader that
// points into both (so it is made once, in place, and never moved).
// `align` is options.align with the learned model filled in (ScoringOptions::claim_model).
struct ClaimScoring {
  ClaimScoring(Parser loaded, const WordRelations* relations, AlignOptions align_options)
      : parser(std::move(loaded)),
        reader(&parser, relations, ClaimOptions{.aliases = &aliases}),
        align(align_options) {}
  Parser parser;
  AliasTable aliases = AliasTable::Builtin();
  ClaimReader reader;
  AlignOptions align;
};

// The claims scorer of `options`, loaded once per run: the parser model is megabytes.
// `text_pairs`: for EvaluateTextPairs (ClaimModelUse::kAuto uses the model there only).
Result<std::unique_ptr<const ClaimScoring>> LoadClaimScoring(const ScoringOptions& options,
                                                             bool text_pairs) {
  Result<Parser> parser = Parser::Load(options.parser);
  if (!parser.ok()) return parser.status();
  AlignOptions align = options.align;
  using Use = ScoringOptions::ClaimModelUse;
  const bool use_model =
      options.claim_model == Use::kOn || (options.claim_model == Use::kAuto && text_pairs);
  if (use_model && !align.model) {
    Result<const ClaimModel*> model = DefaultClaimModel();
    if (!model.ok()) return model.status();
    align.model = *model;
  }
  return std::unique_ptr<const ClaimScoring>(
      new ClaimScoring(std::move(parser).value(), options.relations, align));
}

// Fills the texts and the explanation of every pair whose first span is in `corpus_root`.
// `claims` is the claims scorer (options.scorer is kClaims), else nullptr.
Status ScoreCorpus(const Labels& labels, const EvalOptions& options, const ClaimScoring* claims,
                   const fs::path& corpus_root,
                   const std::vector<std::array<fs::path, 2>>& corpus_of,
                   std::vector<EvalPair>& pairs) {
  if (options.loading) options.loading(corpus_root);
  CorpusOptions corpus_options;
  corpus_options.reader.undated = ReaderOptions::Undated::kKeep;
  corpus_options.reader.progress = options.progress;
  Result<Corpus> corpus = LoadCorpus({corpus_root}, corpus_options);
  if (!corpus.ok()) return corpus.status();
  std::optional<Matcher> matcher;
  if (!claims) {
    Result<Matcher> built = Matcher::Build(*corpus, options.match);
    if (!built.ok()) return built.status();
    matcher.emplace(std::move(built).value());
  }
  for (size_t i = 0; i < pairs.size(); ++i) {
    EvalPair& scored = pairs[i];
    const LabelledPair& row = scored.pair;
    if (scored.skipped || corpus_of[i][0] != corpus_root) continue;
    for (int side = 0; side < 2; ++side) {
      const fs::path file = options.root / row.doc[side];
      const auto past_end = [&](size_t size) {
        return Status::BadInput(
            fmt::format("{}:{}: span [{}, {}) ends past the end of {} ({} bytes)", labels.name,
                        row.line, row.start[side], row.end[side], row.doc[side], size));
      };
      if (corpus_of[i][side] != corpus_root) {
        // A span of another corpus: its own bytes, read as they are.
        std::ifstream in(file, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        if (row.end[side] > bytes.size()) return past_end(bytes.size());
        scored.text[side] = bytes.substr(row.start[side], row.end[side] - row.start[side]);
        continue;
      }
      Result<uint32_t> d = FindDocument(*corpus, PathIn(file, corpus_root));
      if (!d.ok())
        return Status::BadInput(fmt::format("{}:{}: {} is not a document of corpus {}: {}",
                                            labels.name, row.line, row.doc[side],
                                            corpus_root.string(), d.status().message()));
      const Document& doc = corpus->documents[*d];
      if (row.end[side] > doc.bytes.size()) return past_end(doc.bytes.size());
      scored.text[side] = VisibleText(doc, row.start[side], row.end[side]);
      if (scored.text[side].empty())
        return Status::BadInput(fmt::format("{}:{}: span [{}, {}) of {} has no visible text",
                                            labels.name, row.line, row.start[side], row.end[side],
                                            row.doc[side]));
    }
    if (claims) {
      scored.alignment = AlignClaims(claims->reader.Analyze(text::Normalise(scored.text[0])),
                                     claims->reader.Analyze(text::Normalise(scored.text[1])),
                                     options.relations, claims->align);
      scored.score = scored.alignment.score;
    } else {
      scored.explanation = matcher->Compare(scored.text[0], scored.text[1]);
      scored.score = scored.explanation.score;
    }
  }
  return Status::Ok();
}

// The tab-separated columns of `line` (a trailing CR dropped first).
std::vector<std::string> TabColumns(std::string& line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  std::vector<std::string> cols;
  for (size_t begin = 0;;) {
    size_t tab = line.find('\t', begin);
    cols.push_back(line.substr(begin, tab - begin));
    if (tab == std::string::npos) break;
    begin = tab + 1;
  }
  return cols;
}

}  // namespace

Result<Labels> ParseLabels(std::istream& in, const std::string& name) {
  const std::vector<std::string> header = {"doc_a",   "start_a", "end_a", "doc_b",
                                           "start_b", "end_b",   "label"};
  Labels labels;
  labels.name = name;
  std::string line;
  for (uint64_t number = 1; std::getline(in, line); ++number) {
    const std::vector<std::string> cols = TabColumns(line);
    const std::string where = fmt::format("{}:{}", name, number);
    if (number == 1) {
      if (cols != header)
        return Status::BadInput(fmt::format("{}: the header must be the tab-separated columns {}",
                                            where, fmt::join(header, " ")));
      continue;
    }
    if (line.empty()) continue;
    if (cols.size() != 7)
      return Status::BadInput(fmt::format("{}: {} columns, want 7", where, cols.size()));
    LabelledPair row;
    row.line = number;
    for (int side = 0; side < 2; ++side) {
      row.doc[side] = cols[side * 3];
      Result<uint64_t> start = ParseOffset(cols[side * 3 + 1], where);
      if (!start.ok()) return start.status();
      Result<uint64_t> end = ParseOffset(cols[side * 3 + 2], where);
      if (!end.ok()) return end.status();
      if (*end <= *start)
        return Status::BadInput(fmt::format("{}: span [{}, {}) is empty", where, *start, *end));
      row.start[side] = *start;
      row.end[side] = *end;
    }
    if (cols[6] != "0" && cols[6] != "1")
      return Status::BadInput(fmt::format("{}: label must be 0 or 1, not '{}'", where, cols[6]));
    row.same = cols[6] == "1";
    labels.pairs.push_back(std::move(row));
  }
  if (in.bad()) return Status::IoError(fmt::format("{}: read error", name));
  if (labels.pairs.empty()) return Status::BadInput(fmt::format("{}: no labelled pairs", name));
  return labels;
}

Result<Labels> ReadLabels(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("{}: cannot read the labels file", file.string()));
  return ParseLabels(in, file.string());
}

fs::path EvalCorpusOf(const fs::path& file) {
  const fs::path absolute = fs::absolute(file).lexically_normal();
  for (fs::path dir = absolute.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    std::error_code ec;
    if (fs::exists(dir / "manifest.csv", ec) || fs::exists(dir / "MANIFEST.tsv", ec)) return dir;
    if (dir == dir.parent_path()) break;
  }
  for (fs::path dir = absolute.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (dir.parent_path().filename() == "corpora") return dir;
    if (dir == dir.parent_path()) break;
  }
  return absolute.parent_path();
}

void Confusion::Add(bool predicted, bool same) {
  if (predicted && same) ++tp;
  if (predicted && !same) ++fp;
  if (!predicted && same) ++fn;
  if (!predicted && !same) ++tn;
}
double Confusion::precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 0; }
double Confusion::recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 0; }
double Confusion::f1() const {
  const double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}
double Confusion::accuracy() const { return total() ? static_cast<double>(tp + tn) / total() : 0; }

Result<EvalResult> Evaluate(const Labels& labels, const EvalOptions& options) {
  EvalResult result;
  result.threshold = options.threshold();
  REFRAIN_RETURN_IF_ERROR(CheckThreshold(result.threshold, "the threshold"));
  result.pairs.reserve(labels.pairs.size());
  // Which corpus each span's document belongs to; missing files fail or are skipped.
  std::vector<std::array<fs::path, 2>> corpus_of(labels.pairs.size());
  std::map<fs::path, int> corpora;  // in path order: the order they are loaded
  for (size_t i = 0; i < labels.pairs.size(); ++i) {
    const LabelledPair& row = labels.pairs[i];
    EvalPair& scored = result.pairs.emplace_back();
    scored.pair = row;
    for (int side = 0; side < 2 && !scored.skipped; ++side) {
      const fs::path file = options.root / row.doc[side];
      std::error_code ec;
      if (!fs::is_regular_file(file, ec)) {
        if (!options.skip_missing)
          return Status::BadInput(
              fmt::format("{}:{}: {}: no such file (--skip-missing skips such pairs)", labels.name,
                          row.line, file.string()));
        scored.skipped = true;
        break;
      }
      corpus_of[i][side] = EvalCorpusOf(file);
    }
    if (scored.skipped) {
      ++result.skipped;
      continue;
    }
    if (corpus_of[i][0] != corpus_of[i][1])
      result.warnings.push_back(
          {labels.name, row.line, 0,
           fmt::format("the two documents are in different corpora ({} and {}); scored with the "
                       "first's",
                       corpus_of[i][0].string(), corpus_of[i][1].string())});
    corpora[corpus_of[i][0]] = 0;
  }
  // One corpus, one matcher at a time: the whole corpus is read (its idf is the corpus's),
  // then its pairs are scored and it is let go.
  std::unique_ptr<const ClaimScoring> claims;
  if (options.scorer == PairScorer::kClaims && !corpora.empty()) {
    Result<std::unique_ptr<const ClaimScoring>> loaded = LoadClaimScoring(options, false);
    if (!loaded.ok()) return loaded.status();
    claims = std::move(loaded).value();
  }
  for (const auto& [corpus_root, unused] : corpora)
    REFRAIN_RETURN_IF_ERROR(
        ScoreCorpus(labels, options, claims.get(), corpus_root, corpus_of, result.pairs));

  for (EvalPair& scored : result.pairs) {
    if (scored.skipped) continue;
    scored.predicted = scored.score >= result.threshold - kScoreSlack;
    result.Add(scored.predicted, scored.pair.same);
  }
  return result;
}

Result<TextPairs> ParseTextPairs(std::istream& in, const std::string& name) {
  const std::vector<std::string> mrpc_header = {"Quality", "#1 ID", "#2 ID", "#1 String",
                                                "#2 String"};
  TextPairs pairs;
  pairs.name = name;
  // MRPC's layout: label, two ids, two sentences; the plain one: label, two sentences.
  size_t columns = 3, first = 1;
  std::string line;
  for (uint64_t number = 1; std::getline(in, line); ++number) {
    const std::vector<std::string> cols = TabColumns(line);
    const std::string where = fmt::format("{}:{}", name, number);
    if (number == 1 && cols[0] == mrpc_header[0]) {
      if (cols != mrpc_header)
        return Status::BadInput(fmt::format("{}: MRPC's header is the tab-separated columns {}",
                                            where, fmt::join(mrpc_header, ", ")));
      columns = 5, first = 3;
      continue;
    }
    if (number == 1 && cols[0] != "0" && cols[0] != "1") {
      if (cols.size() != 3)
        return Status::BadInput(fmt::format(
            "{}: a header of {} columns; want label, sentence1, sentence2 (or MRPC's header)",
            where, cols.size()));
      continue;
    }
    if (line.empty()) continue;
    if (cols.size() != columns)
      return Status::BadInput(
          fmt::format("{}: {} columns, want {} ({})", where, cols.size(), columns,
                      columns == 5 ? fmt::format("{}", fmt::join(mrpc_header, ", "))
                                   : "label, sentence1, sentence2"));
    if (cols[0] != "0" && cols[0] != "1")
      return Status::BadInput(fmt::format("{}: label must be 0 or 1, not '{}'", where, cols[0]));
    TextPair pair;
    pair.line = number;
    pair.same = cols[0] == "1";
    for (int side = 0; side < 2; ++side) {
      pair.text[side] = text::Normalise(cols[first + side]);
      if (pair.text[side].empty())
        return Status::BadInput(fmt::format("{}: sentence {} is empty", where, side + 1));
    }
    pairs.pairs.push_back(std::move(pair));
  }
  if (in.bad()) return Status::IoError(fmt::format("{}: read error", name));
  if (pairs.pairs.empty()) return Status::BadInput(fmt::format("{}: no sentence pairs", name));
  return pairs;
}

Result<TextPairs> ReadTextPairs(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return Status::IoError(fmt::format("{}: cannot read the text-pairs file", file.string()));
  return ParseTextPairs(in, file.string());
}

std::string_view PairScorerName(PairScorer scorer) {
  switch (scorer) {
    case PairScorer::kTfidf:
      return "tfidf";
    case PairScorer::kClaims:
      return "claims";
  }
  return "tfidf";
}

Result<PairScorer> ParsePairScorer(std::string_view name) {
  for (PairScorer scorer : {PairScorer::kTfidf, PairScorer::kClaims})
    if (name == PairScorerName(scorer)) return scorer;
  return Status::BadUsage(fmt::format("unknown scorer '{}': tfidf or claims", name));
}

namespace {

// The file's distinct sentences as a corpus of one document, one statement each: what the
// TF-IDF matcher's idf and learned aliases come from.
Corpus SentenceCorpus(const TextPairs& pairs) {
  Corpus corpus;
  Document& doc = corpus.documents.emplace_back();
  doc.path = pairs.name;
  std::set<std::string_view> seen;
  std::vector<std::pair<uint64_t, uint64_t>> spans;
  for (const TextPair& pair : pairs.pairs)
    for (const std::string& text : pair.text) {
      if (!seen.insert(text).second) continue;
      spans.emplace_back(doc.bytes.size(), doc.bytes.size() + text.size());
      doc.bytes += text;
      doc.bytes += '\n';
    }
  doc.text.AppendCopy(doc.bytes, 0);
  for (const auto& [start, end] : spans) {
    Statement& s = corpus.statements.emplace_back();
    s.id = corpus.statements.size() - 1;
    s.start = start;
    s.end = end;
    s.text = doc.bytes.substr(start, end - start);
  }
  return corpus;
}

// Scores every pair by aligning the claims of its sentences, each parsed once.
Status AlignTextPairs(const TextPairs& pairs, const TextPairsOptions& options,
                      TextPairsResult& result) {
  Result<std::unique_ptr<const ClaimScoring>> scoring = LoadClaimScoring(options, true);
  if (!scoring.ok()) return scoring.status();
  const ClaimReader& reader = (*scoring)->reader;
  // Each distinct sentence parsed once, then the pairs scored, both on every core.
  std::map<std::string_view, size_t> index;
  std::vector<std::string_view> texts;
  for (const TextPair& pair : pairs.pairs)
    for (const std::string& text : pair.text)
      if (index.emplace(text, texts.size()).second) texts.push_back(text);
  std::vector<UnitClaims> claims(texts.size());
  parallel::For(texts.size(), options.threads,
                [&](size_t i, size_t) { claims[i] = reader.Analyze(texts[i]); });
  result.pairs.resize(pairs.pairs.size());
  parallel::For(pairs.pairs.size(), options.threads, [&](size_t i, size_t) {
    const TextPair& pair = pairs.pairs[i];
    ScoredTextPair& scored = result.pairs[i];
    scored.pair = pair;
    scored.alignment = AlignClaims(claims[index.at(pair.text[0])], claims[index.at(pair.text[1])],
                                   options.relations, (*scoring)->align);
    scored.score = scored.alignment.score;
    scored.predicted = scored.score >= result.threshold - kScoreSlack;
  });
  for (const ScoredTextPair& scored : result.pairs) result.Add(scored.predicted, scored.pair.same);
  return Status::Ok();
}

}  // namespace

Result<TextPairsResult> EvaluateTextPairs(const TextPairs& pairs, const TextPairsOptions& options) {
  TextPairsResult result;
  result.scorer = options.scorer;
  result.threshold = options.threshold();
  REFRAIN_RETURN_IF_ERROR(CheckThreshold(result.threshold, "the threshold"));
  result.pairs.reserve(pairs.pairs.size());
  if (options.scorer == PairScorer::kClaims) {
    REFRAIN_RETURN_IF_ERROR(AlignTextPairs(pairs, options, result));
    return result;
  }
  const Corpus corpus = SentenceCorpus(pairs);
  Result<Matcher> matcher = Matcher::Build(corpus, options.match);
  if (!matcher.ok()) return matcher.status();
  for (const TextPair& pair : pairs.pairs) {
    ScoredTextPair& scored = result.pairs.emplace_back();
    scored.pair = pair;
    scored.explanation = matcher->Compare(pair.text[0], pair.text[1]);
    scored.score = scored.explanation.score;
    scored.predicted = scored.score >= result.threshold - kScoreSlack;
    result.Add(scored.predicted, pair.same);
  }
  return result;
}

}  // namespace refrain
