// Themes from term co-occurrence. Why this model:
// - Statements are short; a statement mentions a subject through a few telling
//   words ("taliban", "afghan issue"), so a theme is a set of terms, and a
//   statement mentions every theme one of whose terms it contains. Counts of
//   statements per period are then plain integers, which is what the shift
//   tests (G^2) need, and a statement can mention several themes.
// - Terms are grouped by average-linkage clustering of the Ochiai similarity of
//   their statement sets (shared / sqrt(product): the cosine of their binary
//   statement vectors), from the co-occurrence counts of an Eigen sparse product
//   B^T B. Merging stops when no two groups are cohesive enough, so the number of
//   themes comes from the data; the threshold means the same thing on five
//   reports and on 4,793 speeches, which a fixed k would not.
// - Words in a large share of all statements ("china" in China-Russia readouts)
//   are left out as candidates: they link everything to everything.
#include "refrain/themes.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <yaml-cpp/yaml.h>

#include <Eigen/SparseCore>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <queue>
#include <sstream>
#include <unordered_map>

#include "meaning/wordnet.h"
#include "points/ceremony.h"
#include "refrain/speakers.h"
#include "refrain/tokenizer.h"
#include "util/parallel.h"
#include "util/text.h"

namespace refrain {
namespace {

// A field of a pinned-themes file without the white space and quotes around it.
std::string TrimField(std::string_view s) { return std::string(text::TrimChars(s, " \t\r\n\"'")); }

std::vector<std::string> SplitCommas(std::string_view s) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin <= s.size()) {
    size_t comma = s.find(',', begin);
    if (comma == std::string_view::npos) comma = s.size();
    std::string field = TrimField(s.substr(begin, comma - begin));
    if (!field.empty()) out.push_back(std::move(field));
    begin = comma + 1;
  }
  return out;
}

// Average-linkage agglomerative clustering of `m` items over a sparse similarity
// graph (absent edges are 0). Two clusters merge while the mean similarity over all
// their member pairs is at least `threshold`; ties go to the lower indices, so the
// result is deterministic. Returns the clusters' members.
std::vector<std::vector<int>> AverageLinkage(int m,
                                             const std::vector<std::tuple<int, int, double>>& edges,
                                             double threshold) {
  std::vector<std::unordered_map<int, double>> links(m);  // sum of pair similarities
  std::vector<std::vector<int>> members(m);
  std::vector<int> version(m, 0);
  std::vector<bool> alive(m, true);
  for (int i = 0; i < m; ++i) members[i] = {i};
  struct Candidate {
    double average;
    int a, b, version_a, version_b;
    bool operator<(const Candidate& o) const {
      if (average != o.average) return average < o.average;
      return std::tie(a, b) > std::tie(o.a, o.b);
    }
  };
  std::priority_queue<Candidate> heap;
  for (const auto& [i, j, s] : edges) {
    links[i][j] += s;
    links[j][i] += s;
  }
  for (int i = 0; i < m; ++i)
    for (const auto& [j, s] : links[i])
      if (i < j && s >= threshold) heap.push({s, i, j, 0, 0});
  while (!heap.empty()) {
    Candidate c = heap.top();
    heap.pop();
    if (c.average < threshold) break;
    if (!alive[c.a] || !alive[c.b] || version[c.a] != c.version_a || version[c.b] != c.version_b)
      continue;
    const int a = c.a, b = c.b;  // b joins a
    alive[b] = false;
    members[a].insert(members[a].end(), members[b].begin(), members[b].end());
    members[b].clear();
    for (const auto& [k, s] : links[b]) {
      if (k == a) continue;
      links[a][k] += s;
      links[k].erase(b);
      links[k][a] += s;
    }
    links[a].erase(b);
    links[b].clear();
    ++version[a];
    const double size_a = static_cast<double>(members[a].size());
    for (const auto& [k, s] : links[a]) {
      const double average = s / (size_a * static_cast<double>(members[k].size()));
      if (average < threshold) continue;
      int x = std::min(a, k), y = std::max(a, k);
      heap.push({average, x, y, version[x], version[y]});
    }
  }
  std::vector<std::vector<int>> clusters;
  for (int i = 0; i < m; ++i)
    if (alive[i]) clusters.push_back(std::move(members[i]));
  return clusters;
}

// Whether the sorted columns of row `row` include `column`.
bool RowHas(const TfidfMatrix& matrix, int64_t row, int32_t column) {
  const int32_t* begin = matrix.innerIndexPtr() + matrix.outerIndexPtr()[row];
  const int32_t* end = matrix.innerIndexPtr() + matrix.outerIndexPtr()[row + 1];
  return std::binary_search(begin, end, column);
}

// Words that frame a statement rather than say what it is about: the verbs of stance and
// action (support, oppose, urge, resist, promote, work...). What is said *about* a subject is
// what reframing compares, so these must stay context, not become a theme of their own: they
// are never theme terms, but stay context words for shifts.
constexpr std::string_view kFrameWords[] = {
    "support",  "supports",  "supported",  "oppose",  "opposes",   "opposed",    "urge",
    "urges",    "resist",    "resists",    "reject",  "rejects",   "condemn",    "welcome",
    "call",     "calls",     "uphold",     "promote", "safeguard", "strengthen", "deepen",
    "maintain", "enhance",   "expand",     "advance", "ensure",    "work",       "build",
    "help",     "continue",  "ready",      "willing", "firmly",    "jointly",    "further",
    "achieve",  "make",      "take",       "need",    "needs",     "hope",       "hopes",
    "believe",  "believes",  "important",  "new",     "fully",     "actively",   "stand",
    "stands",   "committed", "commitment", "efforts", "effort",    "play",       "role",
    "side",     "sides"};

// The prefixes English writes with a hyphen ("non-profit", "anti-terrorist"), which the
// tokenizer splits off: alone they join every word they prefix, so they are never a one-word
// theme term (ThemeOptions::nouns_only); "non proliferation" is one.
constexpr std::string_view kPrefixes[] = {"anti",  "co",    "counter", "cross", "ex",
                                          "inter", "multi", "non",     "post",  "pre",
                                          "pro",   "semi",  "sub"};

// Words that say who speaks, when, and under which procedure, never what about: reporting
// verbs, months, weekdays and words of time ("years ago"), the forms of address and the
// procedure of a debate or briefing (sessions, the election of officers, agenda items,
// "Mr. President", "distinguished delegates"), ceremony (congratulations, thanks) and numbers
// written as words ("the seventy-fifth session"). They are neither theme terms nor the terms
// gained or lost in a reframing. Corpus-specific procedure is found from the corpus itself
// (BoilerplateColumns); this list holds what a few documents cannot show.
constexpr std::string_view kNeverTermWords[] = {
    // reporting
    "said", "says", "say", "noted", "note", "added", "add", "stressed", "stated", "told",
    "remarked", "mentioned", "pointed", "according", "saying", "highlighted", "emphasized",
    "emphasised", "underlined", "underscored", "expressed", "reaffirmed", "recalled",
    // dates and time
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "today", "yesterday", "tomorrow", "week", "weeks", "month", "months",
    "year", "years", "ago", "day", "days", "decade", "decades", "century", "time", "times",
    // address, office and procedure
    "minister", "ministers", "foreign", "counterpart", "talks", "meeting", "met", "meets",
    "councilor", "councillor", "mr", "mrs", "ms", "madam", "sir", "excellency", "excellencies",
    "president", "presidents", "presidency", "vice", "chair", "chairman", "chairperson",
    "secretary", "general", "assembly", "session", "sessions", "election", "elected", "elect",
    "item", "items", "delegation", "delegations", "delegate", "delegates", "distinguished",
    "colleagues", "ladies", "gentlemen", "podium", "rostrum", "debate", "outgoing", "predecessor",
    "briefing", "briefings", "q", "question", "questions",
    // ceremony
    "congratulate", "congratulations", "congratulating", "thank", "thanks", "gratitude",
    "appreciation", "pleasure", "honour", "honor",
    // numbers as words
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "thousand", "million", "billion", "first", "second", "third", "fourth", "fifth", "sixth",
    "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
    "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth",
    "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth", "hundredth",
    "thousandth"};

// The terms (sorted, distinct) of `words` plus, when `speakers` is set, the names of the people
// the corpus quotes ("Wang Yi said") and its transcripts' speaker labels ("MS. LEAVITT"), in the
// form the model's terms take (`tokenizer_options`: lemmas or stems), so that "sessions" meets
// "session" and "goods" does not meet "good".
Result<std::vector<std::string>> TermsOf(std::span<const std::string_view> words,
                                         const Corpus* speakers,
                                         const TokenizerOptions& tokenizer_options) {
  Result<Tokenizer> tokenizer = Tokenizer::Create(tokenizer_options);
  if (!tokenizer.ok()) return tokenizer.status();
  std::string text;
  for (std::string_view w : words) text += std::string(w) + " ";
  if (speakers) {
    for (const std::string& name : QuotedSpeakerNames(*speakers)) text += name + " ";
    std::vector<std::string_view> labels;
    for (const Statement& s : speakers->statements)
      if (!s.speaker.empty() && (labels.empty() || labels.back() != s.speaker))
        labels.push_back(s.speaker);
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    for (std::string_view label : labels) text += std::string(label) + " ";
  }
  std::vector<std::string> stems = tokenizer->Tokenize(text);
  std::sort(stems.begin(), stems.end());
  stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
  return stems;
}

bool HasWordOf(const std::string& term, const std::vector<std::string>& words) {
  size_t begin = 0;
  while (begin <= term.size()) {
    size_t space = term.find(' ', begin);
    if (space == std::string::npos) space = term.size();
    if (std::binary_search(words.begin(), words.end(), term.substr(begin, space - begin)))
      return true;
    begin = space + 1;
  }
  return false;
}

// A token without a letter ("19", "2011", "1.5"): a number or a date, never a subject.
bool IsNumber(std::string_view token) {
  return std::none_of(token.begin(), token.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
}

// Whether `term` is a number or a date: a bare number ("19", "2011"), or a number followed by a
// word unless the number is a year ("2030 agenda" names something, "19 reminds" of "COVID-19
// reminds" and "1 october" do not). "covid 19" and "resolution 2254" name something too.
bool IsNumberTerm(const std::string& term) {
  const size_t space = term.find(' ');
  const std::string_view first = std::string_view(term).substr(0, space);
  if (!IsNumber(first)) return false;
  return space == std::string::npos || first.size() != 4;
}

}  // namespace

bool Theme::recurring() const {
  int present = 0;
  for (int64_t c : counts) present += c > 0;
  return present >= 2;
}

Result<std::vector<PinnedTheme>> LoadPinnedThemes(const std::filesystem::path& file) {
  std::vector<PinnedTheme> themes;
  const std::string ext = file.extension().string();
  if (ext == ".yaml" || ext == ".yml") {
    try {
      YAML::Node root = YAML::LoadFile(file.string());
      if (!root.IsMap())
        return Status::BadInput(
            fmt::format("{}: expected a mapping of theme name -> terms", file.string()));
      for (const auto& entry : root) {
        PinnedTheme theme;
        theme.name = entry.first.as<std::string>();
        const YAML::Node& terms = entry.second;
        if (terms.IsSequence()) {
          for (const auto& t : terms) theme.terms.push_back(TrimField(t.as<std::string>()));
        } else if (terms.IsScalar()) {
          theme.terms = SplitCommas(terms.as<std::string>());
        } else {
          return Status::BadInput(fmt::format("{}:{}: theme '{}' needs a list of terms",
                                              file.string(), entry.first.Mark().line + 1,
                                              theme.name));
        }
        std::erase(theme.terms, "");
        if (theme.terms.empty())
          return Status::BadInput(fmt::format("{}:{}: theme '{}' has no terms", file.string(),
                                              entry.first.Mark().line + 1, theme.name));
        themes.push_back(std::move(theme));
      }
    } catch (const YAML::BadFile&) {
      return Status::IoError(fmt::format("{}: cannot read", file.string()));
    } catch (const YAML::Exception& e) {
      return Status::BadInput(fmt::format("{}:{}: {}", file.string(), e.mark.line + 1, e.msg));
    }
  } else {
    std::ifstream in(file);
    if (!in) return Status::IoError(fmt::format("{}: cannot read", file.string()));
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      std::string trimmed = TrimField(line);
      if (trimmed.empty() || trimmed[0] == '#') continue;
      std::vector<std::string> fields = SplitCommas(trimmed);
      if (number == 1 && !fields.empty() && fields[0] == "name") continue;  // header
      if (fields.size() < 2)
        return Status::BadInput(
            fmt::format("{}:{}: expected name,term[,term...]", file.string(), number));
      // The same name on several lines adds to one theme.
      auto it = std::find_if(themes.begin(), themes.end(),
                             [&](const PinnedTheme& t) { return t.name == fields[0]; });
      if (it == themes.end()) {
        themes.push_back({fields[0], {}});
        it = themes.end() - 1;
      }
      it->terms.insert(it->terms.end(), fields.begin() + 1, fields.end());
    }
  }
  if (themes.empty()) return Status::BadInput(fmt::format("{}: no themes", file.string()));
  return themes;
}

std::vector<std::string> SurfaceForms(const Corpus& corpus, const ThemeModel& model,
                                      std::span<const int32_t> columns) {
  std::vector<std::string> out(columns.size());
  if (columns.empty()) return out;
  std::unordered_map<std::string, size_t> wanted;  // stemmed term -> index in out
  std::vector<bool> wanted_column(model.vocabulary.size(), false);
  for (size_t i = 0; i < columns.size(); ++i) {
    wanted.emplace(model.vocabulary.term(columns[i]), i);
    wanted_column[columns[i]] = true;
  }
  TokenizerOptions surface_options;
  surface_options.stop_words = true;
  TokenizerOptions stem_options = model.tokenizer;  // lemmas or stems, as the model's terms
  stem_options.stop_words = false;
  Result<Tokenizer> surface = Tokenizer::Create(surface_options);
  Result<Tokenizer> stemmer = Tokenizer::Create(stem_options);
  if (!surface.ok() || !stemmer.ok()) {
    for (size_t i = 0; i < columns.size(); ++i) out[i] = model.vocabulary.term(columns[i]);
    return out;
  }
  // The model's tokenizer drops stop words before stemming (or lemmatising), so bringing each
  // kept word alone to its form gives the model's tokens one for one.
  std::unordered_map<std::string, std::string> stem_of;
  std::vector<std::unordered_map<std::string, int64_t>> counts(columns.size());
  TokenList words, one;
  std::vector<std::string> stems;
  const TfidfMatrix& m = model.matrix;
  for (int64_t row = 0; row < m.rows() && row < static_cast<int64_t>(corpus.statements.size());
       ++row) {
    bool any = false;
    for (TfidfMatrix::InnerIterator it(m, row); it && !any; ++it) any = wanted_column[it.col()];
    if (!any) continue;
    surface->Tokenize(corpus.statements[row].text, &words);
    stems.resize(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
      std::string word(words[i]);
      auto found = stem_of.find(word);
      if (found == stem_of.end()) {
        stemmer->Tokenize(word, &one);
        found = stem_of.emplace(word, one.size() == 1 ? std::string(one[0]) : word).first;
      }
      stems[i] = found->second;
    }
    for (size_t i = 0; i < words.size(); ++i) {
      if (auto w = wanted.find(stems[i]); w != wanted.end())
        ++counts[w->second][std::string(words[i])];
      if (i + 1 < words.size()) {
        if (auto w = wanted.find(stems[i] + " " + stems[i + 1]); w != wanted.end())
          ++counts[w->second][std::string(words[i]) + " " + std::string(words[i + 1])];
      }
    }
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string* best = nullptr;
    int64_t best_count = 0;
    for (const auto& [form, count] : counts[i])
      if (count > best_count || (count == best_count && best && form < *best)) {
        best = &form;
        best_count = count;
      }
    out[i] = best ? *best : model.vocabulary.term(columns[i]);
  }
  return out;
}

namespace {

// The steps of FindThemes, in order.

Status CheckThemeOptions(const Corpus& corpus, const Periods& periods,
                         const ThemeOptions& options) {
  if (!(options.cohesion > 0 && options.cohesion <= 1))
    return Status::BadUsage(fmt::format("--cohesion must be in (0, 1], not {}", options.cohesion));
  if (!(options.max_df > 0 && options.max_df <= 1))
    return Status::BadUsage(fmt::format("--max-df must be in (0, 1], not {}", options.max_df));
  if (options.min_df < 1 || options.max_terms < 1 || options.min_cooccurrence < 1 ||
      options.min_terms < 1 || options.min_statements < 1 || options.top_terms < 1 ||
      !(options.min_share >= 0 && options.min_share < 1))
    return Status::BadUsage("theme counts (--min-df, --max-terms, ...) must be at least 1");
  if (periods.of_document.size() != corpus.documents.size())
    return Status::BadUsage("periods do not belong to this corpus");
  return Status::Ok();
}

// Each statement's period (-1 when its document is in none); `period_statements` is set to
// the number of statements in each period that take part (TakesPartInThemes).
std::vector<int32_t> PeriodOfStatements(const Corpus& corpus, const Periods& periods,
                                        bool include_questions,
                                        std::vector<int64_t>* period_statements) {
  const size_t n = corpus.statements.size();
  period_statements->assign(periods.labels.size(), 0);
  std::vector<int32_t> period_of(n);
  for (size_t i = 0; i < n; ++i) {
    period_of[i] = periods.of_document[corpus.statements[i].doc];
    if (period_of[i] >= 0 && TakesPartInThemes(corpus.statements[i], include_questions))
      ++(*period_statements)[period_of[i]];
  }
  return period_of;
}

// Stop words out and lemmas (or stems without a lexicon) on: "supports" and "supported" are one
// term, "the" none.
// Terms in a single statement are kept on small corpora (pinned terms may be rare
// there) and dropped on large ones, where they are most of the vocabulary's memory.
VectorizerOptions ThemeVectorizerOptions(size_t statements, const ThemeOptions& options) {
  VectorizerOptions vectorizer_options;
  vectorizer_options.tokenizer.stop_words = true;
  vectorizer_options.tokenizer.stem = true;
  vectorizer_options.tokenizer.lemmas = options.lemmas;
  vectorizer_options.ngram_max = 2;
  vectorizer_options.min_df = DfBound::Count(statements < 50000 ? 1 : 2);
  vectorizer_options.threads = options.threads;
  vectorizer_options.progress = options.progress;
  return vectorizer_options;
}

}  // namespace

bool TakesPartInThemes(const Statement& statement, bool include_questions) {
  return include_questions || statement.turn != TurnKind::kQuestion;
}

namespace {

// A sentence repeated within one document (a report's abstract and its body) is
// one mention: true for its copies, which are left out of co-occurrence and counts. A
// transcript's questions are the questioner's: left out too, unless `include_questions`; and
// so is ceremony (points/ceremony.h: thanks, congratulations on an election, protocol,
// deflections) when `drop_ceremony`: it names people and offices, not subjects.
std::vector<bool> RepeatedCopies(const Corpus& corpus, const ThemeOptions& options) {
  const size_t n = corpus.statements.size();
  std::vector<char> ceremony(n, 0);
  if (options.drop_ceremony)
    parallel::For(n, options.threads, [&](size_t i, size_t) {
      ceremony[i] = internal::ReadUnit(corpus.statements[i].text, nullptr).kind ==
                    internal::UnitKind::kCeremony;
    });
  std::vector<bool> copy(n, false);
  std::unordered_map<std::string_view, uint32_t> first;  // text -> doc, per document run
  uint32_t doc = UINT32_MAX;
  for (size_t i = 0; i < n; ++i) {
    const Statement& s = corpus.statements[i];
    if (s.doc != doc) first.clear(), doc = s.doc;
    copy[i] = !first.emplace(s.text, s.doc).second;
    if (!TakesPartInThemes(s, options.include_questions) || ceremony[i]) copy[i] = true;
  }
  return copy;
}

// Columns in at least `share` of the documents of every source that has enough documents to
// tell (20 or more: in five reports a real subject can be in each; the documents of smaller
// sources are pooled as one more source): a
// debate's "session" and "united nations", a briefing's "president", a speaker's "international
// community" in each of 25 speeches. Present everywhere, they say nothing about what a
// document is about. Sorted; empty when `share` is 0 or no source has 20 documents.
std::vector<int32_t> BoilerplateColumns(const Corpus& corpus, const TfidfMatrix& matrix,
                                        const Vocabulary& vocab, double share) {
  std::vector<int32_t> out;
  if (share <= 0) return out;
  constexpr size_t kMinDocuments = 20;
  std::map<std::string_view, size_t> source_docs;
  for (const Document& d : corpus.documents) ++source_docs[d.source];
  std::map<std::string_view, int> group_of_source;  // small sources: group 0
  std::vector<size_t> group_docs(1, 0);
  for (const auto& [source, docs] : source_docs) {
    if (docs >= kMinDocuments) {
      group_of_source[source] = static_cast<int>(group_docs.size());
      group_docs.push_back(docs);
    } else {
      group_of_source[source] = 0;
      group_docs[0] += docs;
    }
  }
  std::vector<int> group_of_doc(corpus.documents.size());
  size_t smallest = SIZE_MAX, counted = 0;
  for (size_t g = 0; g < group_docs.size(); ++g)
    if (group_docs[g] >= kMinDocuments) smallest = std::min(smallest, group_docs[g]), ++counted;
  if (counted == 0) return out;
  for (size_t d = 0; d < corpus.documents.size(); ++d)
    group_of_doc[d] = group_of_source[corpus.documents[d].source];
  // A column needs at least `share` of the smallest group's documents in statements: few do.
  const double need = share * static_cast<double>(smallest);
  std::vector<int32_t> index_of(vocab.size(), -1);
  std::vector<int32_t> columns;
  for (int32_t c = 0; c < static_cast<int32_t>(vocab.size()); ++c)
    if (static_cast<double>(vocab.df(c)) >= need) {
      index_of[c] = static_cast<int32_t>(columns.size());
      columns.push_back(c);
    }
  if (columns.empty()) return out;
  const size_t groups = group_docs.size();
  std::vector<int64_t> docs_with(columns.size() * groups, 0);
  std::vector<int64_t> last_doc(columns.size(), -1);
  const int64_t rows =
      std::min<int64_t>(matrix.rows(), static_cast<int64_t>(corpus.statements.size()));
  for (int64_t row = 0; row < rows; ++row) {
    const int64_t doc = corpus.statements[row].doc;
    for (TfidfMatrix::InnerIterator it(matrix, row); it; ++it) {
      const int32_t k = index_of[it.col()];
      if (k < 0 || last_doc[k] == doc) continue;
      last_doc[k] = doc;
      ++docs_with[k * groups + group_of_doc[doc]];
    }
  }
  for (size_t k = 0; k < columns.size(); ++k) {
    bool everywhere = true;
    for (size_t g = 0; g < groups && everywhere; ++g)
      if (group_docs[g] >= kMinDocuments)
        everywhere = static_cast<double>(docs_with[k * groups + g]) >=
                     share * static_cast<double>(group_docs[g]);
    if (everywhere) out.push_back(columns[k]);
  }
  return out;
}

// Per column of `vocab`: never a theme term nor a term gained or lost (ThemeModel::
// never_terms): a number or date (IsNumberTerm), has a word of kNeverTermWords or a speaker's
// name, or is boilerplate (BoilerplateColumns).
Result<std::vector<bool>> NeverTerms(const Corpus& corpus, const TfidfMatrix& matrix,
                                     const Vocabulary& vocab, const TokenizerOptions& tokenizer,
                                     const ThemeOptions& options) {
  std::vector<bool> never(vocab.size(), false);
  for (int32_t c = 0; c < static_cast<int32_t>(vocab.size()); ++c)
    never[c] = IsNumberTerm(vocab.term(c));
  if (!options.drop_frame_words) return never;
  Result<std::vector<std::string>> words = TermsOf(kNeverTermWords, &corpus, tokenizer);
  if (!words.ok()) return words.status();
  for (int32_t c = 0; c < static_cast<int32_t>(vocab.size()); ++c)
    if (!never[c] && HasWordOf(vocab.term(c), *words)) never[c] = true;
  for (int32_t c : BoilerplateColumns(corpus, matrix, vocab, options.boilerplate_share))
    never[c] = true;
  return never;
}

// Candidate terms (columns of `vocab`): within the df bounds, neither never-terms nor frame
// words, most frequent first, at most options.max_terms.
Result<std::vector<int32_t>> CandidateTerms(const Corpus& corpus, const Vocabulary& vocab,
                                            const std::vector<bool>& never,
                                            const TokenizerOptions& tokenizer,
                                            const ThemeOptions& options) {
  std::vector<std::string> frame;
  if (options.drop_frame_words) {
    Result<std::vector<std::string>> words = TermsOf(kFrameWords, nullptr, tokenizer);
    if (!words.ok()) return words.status();
    frame = std::move(*words);
  }
  const double max_count = options.max_df * static_cast<double>(corpus.statements.size());
  std::vector<int32_t> candidates;
  for (int32_t c = 0; c < static_cast<int32_t>(vocab.size()); ++c)
    if (vocab.df(c) >= options.min_df && static_cast<double>(vocab.df(c)) <= max_count &&
        !never[c] && !HasWordOf(vocab.term(c), frame))
      candidates.push_back(c);
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](int32_t a, int32_t b) { return vocab.df(a) > vocab.df(b); });
  // The terms are lemmas only through a lexicon, and then WordNet is open; asked of the most
  // frequent candidates only, until max_terms are kept.
  const bool nouns_only = options.drop_frame_words && options.nouns_only && options.lemmas &&
                          meaning::OpenWordNet().ok();
  std::vector<int32_t> kept;
  for (int32_t c : candidates) {
    if (kept.size() >= static_cast<size_t>(options.max_terms)) break;
    const std::string& term = vocab.term(c);
    if (nouns_only && term.find(' ') == std::string::npos &&
        (std::find(std::begin(kPrefixes), std::end(kPrefixes), term) != std::end(kPrefixes) ||
         meaning::ReadMostlyNotNoun(term)))
      continue;
    kept.push_back(c);
  }
  return kept;
}

// The candidates grouped by average linkage (AverageLinkage) of the Ochiai similarity of
// their statements, from the co-occurrence counts B^T B over the binary statement-term
// matrix (copies left out); each cluster holds indices into `candidates`.
std::vector<std::vector<int>> ClusterCandidates(const TfidfMatrix& matrix,
                                                const std::vector<bool>& copy,
                                                const std::vector<int32_t>& candidates,
                                                size_t vocabulary_size,
                                                const ThemeOptions& options) {
  const int m = static_cast<int>(candidates.size());
  std::vector<int32_t> candidate_of(vocabulary_size, -1);
  for (int i = 0; i < m; ++i) candidate_of[candidates[i]] = i;
  std::vector<Eigen::Triplet<float, int32_t>> entries;
  for (int64_t row = 0; row < matrix.rows(); ++row)
    for (TfidfMatrix::InnerIterator it(matrix, row); it && !copy[row]; ++it)
      if (candidate_of[it.col()] >= 0) entries.emplace_back(row, candidate_of[it.col()], 1.0f);
  Eigen::SparseMatrix<float, Eigen::ColMajor, int32_t> present(matrix.rows(), m);
  present.setFromTriplets(entries.begin(), entries.end());
  entries.clear();
  entries.shrink_to_fit();
  Eigen::SparseMatrix<float, Eigen::ColMajor, int32_t> transposed = present.transpose();
  Eigen::SparseMatrix<float, Eigen::ColMajor, int32_t> cooccurrence = transposed * present;
  std::vector<double> statements_with(m, 0);  // df without copies: the diagonal
  for (int j = 0; j < cooccurrence.outerSize(); ++j)
    for (decltype(cooccurrence)::InnerIterator it(cooccurrence, j); it; ++it)
      if (it.row() == j) statements_with[j] = it.value();
  std::vector<std::tuple<int, int, double>> edges;
  for (int j = 0; j < cooccurrence.outerSize(); ++j)
    for (decltype(cooccurrence)::InnerIterator it(cooccurrence, j); it; ++it) {
      const int i = static_cast<int>(it.row());
      if (i >= j || it.value() < options.min_cooccurrence) continue;
      const double similarity = it.value() / std::sqrt(statements_with[i] * statements_with[j]);
      edges.emplace_back(i, j, similarity);
    }
  return AverageLinkage(m, edges, options.cohesion);
}

// Themes from clusters with enough terms (each term belongs to one), with the statements
// that mention them (copies left out); those mentioned too rarely dropped, the rest by
// statements, most first. Terms, id and label are not set yet.
std::vector<Theme> ThemesOfClusters(const std::vector<std::vector<int>>& clusters,
                                    const std::vector<int32_t>& candidates, const ThemeModel& model,
                                    const std::vector<bool>& copy, const ThemeOptions& options) {
  const Vocabulary& vocab = model.vocabulary;
  const TfidfMatrix& matrix = model.matrix;
  std::vector<Theme> found;
  std::vector<int32_t> theme_of(vocab.size(), -1);
  for (const std::vector<int>& cluster : clusters) {
    if (static_cast<int>(cluster.size()) < options.min_terms) continue;
    Theme theme;
    for (int i : cluster) theme.columns.push_back(candidates[i]);
    std::sort(theme.columns.begin(), theme.columns.end(), [&](int32_t a, int32_t b) {
      return vocab.df(a) != vocab.df(b) ? vocab.df(a) > vocab.df(b) : a < b;
    });
    for (int32_t c : theme.columns) theme_of[c] = static_cast<int32_t>(found.size());
    found.push_back(std::move(theme));
  }
  std::vector<int32_t> last_row(found.size(), -1);
  for (int64_t row = 0; row < matrix.rows(); ++row)
    for (TfidfMatrix::InnerIterator it(matrix, row); it && !copy[row]; ++it) {
      const int32_t t = theme_of[it.col()];
      if (t < 0 || last_row[t] == row) continue;
      last_row[t] = static_cast<int32_t>(row);
      found[t].statements.push_back(static_cast<uint32_t>(row));
    }
  const double statements = static_cast<double>(copy.size());  // one flag per statement
  const double min_statements =
      std::max(static_cast<double>(options.min_statements), options.min_share * statements);
  std::erase_if(found, [&](const Theme& t) {
    return static_cast<double>(t.statements.size()) < min_statements;
  });
  std::stable_sort(found.begin(), found.end(), [](const Theme& a, const Theme& b) {
    return a.statements.size() > b.statements.size();
  });
  return found;
}

// The first `count` one-word terms of `theme` (its columns are by df, most first).
std::vector<std::string_view> HeadWords(const Theme& theme, const Vocabulary& vocab, size_t count) {
  std::vector<std::string_view> out;
  for (int32_t c : theme.columns) {
    if (out.size() >= count) break;
    if (vocab.term(c).find(' ') == std::string::npos) out.push_back(vocab.term(c));
  }
  return out;
}

// Whether two Snowball stems are one word in two forms: one starts with the other, at least six
// letters long ("terror" of "terrorism" and "terrorist"), where Snowball leaves them apart.
// Stems, even when the terms are lemmas: lemmas keep the two words apart altogether.
bool SameWordFamily(std::string_view a, std::string_view b) {
  constexpr size_t kMinShared = 6;
  if (a.size() > b.size()) std::swap(a, b);
  return a.size() >= kMinShared && b.compare(0, a.size(), a) == 0;
}

// Near-duplicate themes merged: two themes are one when they are mentioned by mostly the same
// statements (Ochiai: shared / sqrt(product of their statements) at least `overlap`; the
// overlap with the smaller one alone would let a broad theme swallow every small one), or when
// their head words are one word family ("terrorism, international terrorism" and "terrorist, anti
// terrorist"). Merged themes keep all terms (by df) and the union of their statements; the result
// is by statements, most first.
void MergeNearDuplicates(const Vocabulary& vocab, double overlap, std::vector<Theme>* themes) {
  if (overlap <= 0 || themes->size() < 2) return;
  const size_t n = themes->size();
  std::vector<size_t> parent(n);
  for (size_t i = 0; i < n; ++i) parent[i] = i;
  auto root = [&](size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  Result<Tokenizer> stemmer = Tokenizer::Create({.stem = true});
  std::vector<std::vector<std::string>> heads(n);
  for (size_t i = 0; i < n; ++i)
    for (std::string_view word : HeadWords((*themes)[i], vocab, 2)) {
      std::vector<std::string> stem;
      if (stemmer.ok()) stem = stemmer->Tokenize(word);
      heads[i].push_back(stem.size() == 1 ? stem[0] : std::string(word));
    }
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j) {
      const std::vector<uint32_t>& a = (*themes)[i].statements;
      const std::vector<uint32_t>& b = (*themes)[j].statements;
      bool same = false;
      for (std::string_view x : heads[i])
        for (std::string_view y : heads[j]) same = same || SameWordFamily(x, y);
      if (!same) {
        size_t shared = 0;
        for (size_t x = 0, y = 0; x < a.size() && y < b.size();) {
          if (a[x] < b[y])
            ++x;
          else if (b[y] < a[x])
            ++y;
          else
            ++shared, ++x, ++y;
        }
        const double product = static_cast<double>(a.size()) * static_cast<double>(b.size());
        same = product > 0 && static_cast<double>(shared) >= overlap * std::sqrt(product);
      }
      if (same) parent[root(j)] = root(i);
    }
  std::vector<Theme> merged;
  std::vector<int64_t> merged_of(n, -1);
  for (size_t i = 0; i < n; ++i) {
    const size_t r = root(i);
    if (merged_of[r] < 0) {
      merged_of[r] = static_cast<int64_t>(merged.size());
      merged.push_back(std::move((*themes)[i]));
      continue;
    }
    Theme& into = merged[merged_of[r]];
    Theme& from = (*themes)[i];
    into.columns.insert(into.columns.end(), from.columns.begin(), from.columns.end());
    std::vector<uint32_t> statements;
    std::set_union(into.statements.begin(), into.statements.end(), from.statements.begin(),
                   from.statements.end(), std::back_inserter(statements));
    into.statements = std::move(statements);
  }
  for (Theme& t : merged)
    std::stable_sort(t.columns.begin(), t.columns.end(), [&](int32_t a, int32_t b) {
      return vocab.df(a) != vocab.df(b) ? vocab.df(a) > vocab.df(b) : a < b;
    });
  std::stable_sort(merged.begin(), merged.end(), [](const Theme& a, const Theme& b) {
    return a.statements.size() > b.statements.size();
  });
  *themes = std::move(merged);
}

// Sets the id ("t1", ...) and reported terms of each found theme: most frequent first, a
// word replaced by the bigram that carries most of its uses ("climate" by "climate
// change" when half its statements have it), as the corpus writes them (SurfaceForms).
void NameFoundThemes(const Corpus& corpus, const ThemeModel& model, const ThemeOptions& options,
                     std::vector<Theme>* found) {
  const Vocabulary& vocab = model.vocabulary;
  std::vector<int32_t> shown_columns;
  std::vector<std::vector<int32_t>> shown(found->size());
  for (size_t t = 0; t < found->size(); ++t) {
    const std::vector<int32_t>& cols = (*found)[t].columns;
    for (int32_t c : cols) {
      if (static_cast<int>(shown[t].size()) >= options.top_terms) break;
      int32_t emit = c;
      const std::string& term = vocab.term(c);
      if (term.find(' ') == std::string::npos) {
        for (int32_t b : cols) {
          const std::string& bigram = vocab.term(b);
          size_t space = bigram.find(' ');
          if (space == std::string::npos || 2 * vocab.df(b) < vocab.df(c)) continue;
          if (bigram.compare(0, space, term) == 0 ||
              bigram.compare(space + 1, std::string::npos, term) == 0) {
            emit = b;  // columns are by df, so the first is the most used
            break;
          }
        }
      }
      if (std::find(shown[t].begin(), shown[t].end(), emit) == shown[t].end())
        shown[t].push_back(emit);
    }
    shown_columns.insert(shown_columns.end(), shown[t].begin(), shown[t].end());
  }
  std::vector<std::string> surfaces = SurfaceForms(corpus, model, shown_columns);
  size_t next = 0;
  for (size_t t = 0; t < found->size(); ++t) {
    (*found)[t].id = fmt::format("t{}", t + 1);
    for (size_t k = 0; k < shown[t].size(); ++k) (*found)[t].terms.push_back(surfaces[next++]);
  }
}

// The user's pinned themes: each term is its stemmed n-grams (by `tokenizer_options`, the
// model's); a statement mentions the term when it has all of its bigrams (or its one
// word). A term that never occurs is a warning, not an error.
Result<std::vector<Theme>> PinnedThemes(const ThemeOptions& options,
                                        const TokenizerOptions& tokenizer_options,
                                        const ThemeModel& model, const std::vector<bool>& copy,
                                        std::vector<std::string>* warnings) {
  std::vector<Theme> pinned;
  if (options.pinned.empty()) return pinned;
  const Vocabulary& vocab = model.vocabulary;
  const TfidfMatrix& matrix = model.matrix;
  Result<Tokenizer> tokenizer = Tokenizer::Create(tokenizer_options);
  if (!tokenizer.ok()) return tokenizer.status();
  for (const PinnedTheme& p : options.pinned) {
    Theme theme;
    theme.id = p.name;
    theme.label = p.name;
    theme.pinned = true;
    theme.terms = p.terms;
    std::vector<std::vector<int32_t>> needs;  // per term: columns that must all be present
    for (const std::string& term : p.terms) {
      std::vector<std::string> tokens = tokenizer->Tokenize(term);
      std::vector<std::string> grams;
      if (tokens.size() == 1) grams.push_back(tokens[0]);
      for (size_t i = 0; i + 1 < tokens.size(); ++i)
        grams.push_back(tokens[i] + " " + tokens[i + 1]);
      std::vector<int32_t> cols;
      bool all = !grams.empty();
      for (const std::string& g : grams) {
        std::optional<int32_t> c = vocab.Find(g);
        if (!c) {
          all = false;
          break;
        }
        cols.push_back(*c);
      }
      if (!all) {
        warnings->push_back(
            fmt::format("pinned theme '{}': '{}' does not occur in the corpus", p.name, term));
        continue;
      }
      theme.columns.insert(theme.columns.end(), cols.begin(), cols.end());
      needs.push_back(std::move(cols));
    }
    for (int64_t row = 0; row < matrix.rows(); ++row) {
      if (copy[row]) continue;
      for (const std::vector<int32_t>& cols : needs) {
        if (std::all_of(cols.begin(), cols.end(),
                        [&](int32_t c) { return RowHas(matrix, row, c); })) {
          theme.statements.push_back(static_cast<uint32_t>(row));
          break;
        }
      }
    }
    pinned.push_back(std::move(theme));
  }
  return pinned;
}

// Each theme's label (a found theme's first three terms), statements per period, weight
// per period (its share of the period's statements) and documents.
void WeighThemes(const Corpus& corpus, const std::vector<int32_t>& period_of,
                 const std::vector<int64_t>& period_statements, std::vector<Theme>* themes) {
  const size_t period_count = period_statements.size();
  for (Theme& theme : *themes) {
    if (!theme.pinned) {
      std::string label;
      for (size_t k = 0; k < theme.terms.size() && k < 3; ++k)
        label += (k ? ", " : "") + theme.terms[k];
      theme.label = label;
    }
    theme.counts.assign(period_count, 0);
    theme.weights.assign(period_count, 0);
    for (uint32_t s : theme.statements) {
      if (period_of[s] >= 0) ++theme.counts[period_of[s]];
      theme.docs.push_back(corpus.statements[s].doc);
    }
    std::sort(theme.docs.begin(), theme.docs.end());
    theme.docs.erase(std::unique(theme.docs.begin(), theme.docs.end()), theme.docs.end());
    for (size_t p = 0; p < period_count; ++p)
      if (period_statements[p] > 0)
        theme.weights[p] =
            static_cast<double>(theme.counts[p]) / static_cast<double>(period_statements[p]);
  }
}

}  // namespace

Status FindThemes(const Corpus& corpus, const Periods& periods, const ThemeOptions& options,
                  ThemeModel* model) {
  REFRAIN_RETURN_IF_ERROR(CheckThemeOptions(corpus, periods, options));
  ThemeModel result;
  result.periods = periods;
  result.include_questions = options.include_questions;
  const std::vector<int32_t> period_of =
      PeriodOfStatements(corpus, periods, options.include_questions, &result.period_statements);

  const VectorizerOptions vectorizer_options =
      ThemeVectorizerOptions(corpus.statements.size(), options);
  Vectorizer vectorizer(vectorizer_options);
  REFRAIN_RETURN_IF_ERROR(vectorizer.FitTransform(corpus.statements, &result.matrix));
  result.vocabulary = vectorizer.vocabulary();
  result.tokenizer = vectorizer_options.tokenizer;
  const std::vector<bool> copy = RepeatedCopies(corpus, options);
  Result<std::vector<bool>> never =
      NeverTerms(corpus, result.matrix, result.vocabulary, result.tokenizer, options);
  if (!never.ok()) return never.status();
  result.never_terms = std::move(*never);

  Result<std::vector<int32_t>> candidates =
      CandidateTerms(corpus, result.vocabulary, result.never_terms, result.tokenizer, options);
  if (!candidates.ok()) return candidates.status();
  const std::vector<std::vector<int>> clusters =
      ClusterCandidates(result.matrix, copy, *candidates, result.vocabulary.size(), options);
  std::vector<Theme> found = ThemesOfClusters(clusters, *candidates, result, copy, options);
  MergeNearDuplicates(result.vocabulary, options.merge_overlap, &found);
  NameFoundThemes(corpus, result, options, &found);

  Result<std::vector<Theme>> pinned =
      PinnedThemes(options, vectorizer_options.tokenizer, result, copy, &result.warnings);
  if (!pinned.ok()) return pinned.status();
  result.themes = std::move(*pinned);
  for (Theme& t : found) result.themes.push_back(std::move(t));
  WeighThemes(corpus, period_of, result.period_statements, &result.themes);
  *model = std::move(result);
  return Status::Ok();
}

}  // namespace refrain
