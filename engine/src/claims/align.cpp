// Two units' claims aligned word by word (refrain/claims.h's AlignClaims): coverage of each
// claim's words by the other's, weighted by slot, then the slot checks as factors.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "claims/figures.h"
#include "refrain/claims.h"
#include "util/text.h"

namespace refrain {
namespace {

WordLink Link(const ClaimWord& a, const ClaimWord& b, const WordRelations* relations) {
  if (text::EqualsIgnoreAsciiCase(a.text, b.text)) return {WordRelation::kSame, 1};
  if (a.lemma == b.lemma) return {WordRelation::kLemma, 1};
  // Without a lexicon the stem stands for the lemma ("supports" / "support").
  if (a.stem == b.stem) return {WordRelation::kLemma, 0.9};
  if (!relations) return {};
  const WordClass c = a.word_class == b.word_class ? a.word_class : WordClass::kAny;
  return relations->Relate(a.lemma, b.lemma, c);
}

// The slot of each word of a claim, by word index.
std::map<uint32_t, std::string> Slots(const Claim& claim) {
  std::map<uint32_t, std::string> slots;
  for (const ClaimArgument& arg : claim.arguments) {
    const std::string role(ArgumentRoleName(arg.role));
    for (const ClaimWord& m : arg.modifiers) slots.emplace(m.index, role + " modifier");
    slots[arg.head.index] = role + " head";
  }
  slots[claim.predicate.index] = "predicate";
  return slots;
}

struct Coverage {
  double covered = 0, total = 0;
  std::vector<WordAlignment> words;
  double share() const { return total > 0 ? covered / total : 0; }
};

// How much of `from`'s words (weighted by slot) `to`'s words cover.
Coverage Cover(const Claim& from, const Claim& to, const WordRelations* relations,
               const AlignOptions& options) {
  Coverage c;
  const std::map<uint32_t, std::string> slots = Slots(from);
  std::vector<const ClaimWord*> words;
  for (const ClaimWord& w : from.words) words.push_back(&w);
  if (std::none_of(words.begin(), words.end(),
                   [&](const ClaimWord* w) { return w->index == from.predicate.index; }))
    words.push_back(&from.predicate);
  // The words of a figure the other claim states too are covered by it.
  std::map<uint32_t, const Figure*> restated;
  for (const Figure& f : from.figures) {
    if (f.kind == Figure::Kind::kNumber) continue;
    for (const Figure& g : to.figures)
      if (SameFigure(f, g))
        for (uint32_t k = f.index; k < f.index + f.size; ++k) restated[k] = &g;
  }
  for (const ClaimWord* w : words) {
    auto slot = slots.find(w->index);
    const std::string name = slot == slots.end() ? "other" : slot->second;
    const double weight = name == "predicate"       ? options.predicate_weight
                          : name.ends_with(" head") ? options.head_weight
                                                    : options.other_weight;
    c.total += weight;
    if (auto r = restated.find(w->index); r != restated.end()) {
      c.covered += weight;
      c.words.push_back({w->text, r->second->text, name + " (figure)", WordRelation::kSame, 1});
      continue;
    }
    WordLink best;
    const ClaimWord* match = nullptr;
    std::vector<const ClaimWord*> targets;
    for (const ClaimWord& t : to.words) targets.push_back(&t);
    targets.push_back(&to.predicate);
    for (const ClaimWord* t : targets) {
      WordLink link = Link(*w, *t, relations);
      if (link.relation == WordRelation::kAntonym) continue;
      if (link.weight > best.weight) best = link, match = t;
    }
    if (match && best.weight >= options.min_word_weight) {
      c.covered += weight * best.weight;
      c.words.push_back({w->text, match->text, name, best.relation, best.weight});
    }
  }
  return c;
}

const ClaimArgument* MainArgument(const Claim& claim) {
  for (const ClaimArgument& arg : claim.arguments)
    if (arg.role == ArgumentRole::kObject) return &arg;
  return nullptr;
}

ClaimMatch AlignPair(const Claim& a, const Claim& b, const WordRelations* relations,
                     const AlignOptions& options) {
  ClaimMatch m;
  m.predicate_a = a.predicate.text;
  m.predicate_b = b.predicate.text;
  Coverage ab = Cover(a, b, relations, options), ba = Cover(b, a, relations, options);
  const bool a_smaller = ab.total <= ba.total;
  const Coverage& small = a_smaller ? ab : ba;
  const Coverage& large = a_smaller ? ba : ab;
  m.words = ab.words;

  double factor = 1;
  const auto check = [&](std::string name, bool passed, double fail_factor, std::string detail) {
    const double f = passed ? 1 : fail_factor;
    factor *= f;
    m.checks.push_back({std::move(name), passed, f, std::move(detail)});
  };
  const WordLink predicate = Link(a.predicate, b.predicate, relations);
  const bool opposed = predicate.relation == WordRelation::kAntonym;
  // A money or percentage figure both state stands for the predicate ("trade will reach a
  // record $X billion" / "trade hit a historical high, exceeding our goal of $X billion").
  const Figure* shared_figure = nullptr;
  for (const Figure& fa : a.figures)
    for (const Figure& fb : b.figures)
      if ((fa.kind == Figure::Kind::kMoney || fa.kind == Figure::Kind::kPercent) &&
          SameFigure(fa, fb))
        shared_figure = &fa;
  check("predicate", opposed || predicate.weight >= options.min_word_weight || shared_figure,
        options.predicate_mismatch,
        fmt::format("{} / {}: {} {:.2f}{}", a.predicate.text, b.predicate.text,
                    WordRelationName(predicate.relation), predicate.weight,
                    shared_figure ? ", the same figure " + shared_figure->text : ""));
  const ClaimArgument *main_a = MainArgument(a), *main_b = MainArgument(b);
  if (main_a && main_b) {
    double best = 0;
    std::vector<const ClaimWord*> targets = {&main_b->head};
    for (const ClaimWord& w : main_b->modifiers) targets.push_back(&w);
    for (const ClaimWord* t : targets) {
      WordLink link = Link(main_a->head, *t, relations);
      if (link.relation != WordRelation::kAntonym) best = std::max(best, link.weight);
    }
    for (const ClaimWord& w : main_a->modifiers) {
      WordLink link = Link(w, main_b->head, relations);
      if (link.relation != WordRelation::kAntonym) best = std::max(best, link.weight);
    }
    check("main argument", best >= options.min_word_weight, options.argument_mismatch,
          fmt::format("object {} / {}", main_a->head.text, main_b->head.text));
  }
  // Names: each claim names someone or something (a proper noun) the other does not: a claim
  // about another object ("the defense of the Philippines" / "of Japan").
  const auto unnamed = [&](const Claim& from, const Claim& to) {
    std::string missing;
    for (const ClaimWord& w : from.words) {
      if (w.name.empty()) continue;
      bool found = false;
      for (const ClaimWord& t : to.words)
        found = found || (!t.name.empty() && t.name == w.name) ||
                Link(w, t, relations).weight >= options.min_word_weight;
      if (!found) missing += (missing.empty() ? "" : " ") + w.text;
    }
    return missing;
  };
  const std::string names_a = unnamed(a, b), names_b = unnamed(b, a);
  check("names", names_a.empty() || names_b.empty(), options.names_mismatch,
        names_a.empty() || names_b.empty() ? "" : names_a + " / " + names_b);
  const bool polarity_agrees = (a.negated != b.negated) == opposed;
  check("polarity", polarity_agrees, options.polarity_mismatch,
        fmt::format("{}{} / {}{}", a.negated ? "negated " : "", a.predicate.text,
                    b.negated ? "negated " : "", b.predicate.text));
  // Figures: for each kind both state, at least one the same.
  const std::vector<const Figure*> contradicted = FiguresContradicted(a.figures, b.figures);
  const bool figures_agree = contradicted.empty();
  std::string figure_detail;
  for (const Figure* fa : contradicted)
    figure_detail += (figure_detail.empty() ? "" : ", ") + fa->text + " not in B";
  if (!a.figures.empty() && !b.figures.empty())
    check("figures", figures_agree, options.figure_mismatch,
          figures_agree ? "agree" : figure_detail);

  const double c = options.containment;
  m.parts.push_back({"smaller claim covered", c * small.share() * factor});
  m.parts.push_back({"larger claim covered", (1 - c) * large.share() * factor});
  m.score = m.parts[0].value + m.parts[1].value;
  return m;
}

bool ContentTag(std::string_view upos) {
  return upos == "NOUN" || upos == "PROPN" || upos == "VERB" || upos == "ADJ" || upos == "ADV" ||
         upos == "NUM";
}

std::string Lower(std::string_view word) {
  std::string lower(word);
  for (char& ch : lower)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return lower;
}

// One unit as PairFeatures reads it.
struct UnitView {
  std::vector<const ClaimWord*> content;  // content words
  std::vector<std::string> lower;         // every word but punctuation, lower-cased
  std::set<std::string> numbers;          // the words with a digit, commas dropped
  int negations = 0;
  std::map<std::string, double> lemmas;  // content lemmas and their counts
  std::set<std::string> idf_words;       // IdfWords of every word
};

UnitView View(const UnitClaims& unit) {
  UnitView v;
  for (const ClaimWord& w : unit.words) {
    if (w.upos == "PUNCT") continue;
    std::string lower = Lower(w.text);
    if (lower == "not" || lower == "n't" || lower == "never" || lower == "no" || lower == "nor" ||
        lower == "without" || lower == "cannot")
      ++v.negations;
    if (std::any_of(lower.begin(), lower.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      std::string number;
      for (char ch : lower)
        if (ch != ',') number += ch;
      v.numbers.insert(number);
    }
    if (ContentTag(w.upos)) {
      v.content.push_back(&w);
      v.lemmas[w.lemma] += 1;
    }
    for (std::string& word : IdfWords(lower)) v.idf_words.insert(std::move(word));
    v.lower.push_back(std::move(lower));
  }
  return v;
}

// The idf mass of `from`'s word types that `to` has too, and of those it does not.
struct IdfOverlap {
  double shared = 0, unshared = 0;
};

IdfOverlap OverlapByIdf(const std::set<std::string>& from, const std::set<std::string>& to,
                        const WordIdf& idf) {
  IdfOverlap out;
  for (const std::string& w : from) (to.contains(w) ? out.shared : out.unshared) += idf.Idf(w);
  return out;
}

// How much of one unit's content words the other's align, by relation.
struct WordsAligned {
  double aligned = 0, exact = 0, wordnet = 0, vector = 0;  // shares of the content words
  int unaligned = 0, unaligned_names = 0;
};

WordsAligned AlignWords(const UnitView& from, const UnitView& to, const WordRelations* relations,
                        const AlignOptions& options) {
  WordsAligned out;
  for (const ClaimWord* w : from.content) {
    WordLink best;
    for (const ClaimWord* t : to.content) {
      WordLink link = Link(*w, *t, relations);
      if (link.relation != WordRelation::kAntonym && link.weight > best.weight) best = link;
    }
    if (best.weight < options.min_word_weight) {
      ++out.unaligned;
      if (w->upos == "PROPN") ++out.unaligned_names;
      continue;
    }
    out.aligned += best.weight;
    switch (best.relation) {
      case WordRelation::kSame:
      case WordRelation::kLemma:
        out.exact += 1;
        break;
      case WordRelation::kDerivation:
      case WordRelation::kSynonym:
      case WordRelation::kHypernym:
        out.wordnet += 1;
        break;
      default:
        out.vector += 1;
    }
  }
  if (!from.content.empty()) {
    const double n = static_cast<double>(from.content.size());
    out.aligned /= n, out.exact /= n, out.wordnet /= n, out.vector /= n;
  }
  return out;
}

// The share of `from`'s n-grams (clipped counts) that `to` has too; 0 when `from` has none.
double NgramOverlap(const std::vector<std::string>& from, const std::vector<std::string>& to,
                    size_t n) {
  const auto grams = [n](const std::vector<std::string>& words) {
    std::map<std::string, int> counts;
    for (size_t i = 0; i + n <= words.size(); ++i) {
      std::string gram;
      for (size_t k = 0; k < n; ++k) gram += words[i + k] + ' ';
      ++counts[gram];
    }
    return counts;
  };
  const std::map<std::string, int> f = grams(from), t = grams(to);
  int total = 0, shared = 0;
  for (const auto& [gram, count] : f) {
    total += count;
    if (auto it = t.find(gram); it != t.end()) shared += std::min(count, it->second);
  }
  return total > 0 ? static_cast<double>(shared) / total : 0;
}

// Word-level edit distance (insert, delete, substitute; TER without shifts) over the longer
// length: Madnani et al. 2012 found TER-like rates among the best MT metrics for paraphrase.
double WordEditRate(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() && b.empty()) return 0;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return static_cast<double>(row[b.size()]) / static_cast<double>(std::max(a.size(), b.size()));
}

// The words as one string of characters (one space between words), cut into 3-character
// strings, so that "tracing"/"traced" and "$5.2"/"5.2" still share something.
std::vector<std::string> CharTrigrams(const std::vector<std::string>& words) {
  std::string joined;
  for (const std::string& w : words) joined += (joined.empty() ? "" : " ") + w;
  std::vector<std::string> grams;
  for (size_t i = 0; i + 3 <= joined.size(); ++i) grams.push_back(joined.substr(i, 3));
  return grams;
}

double CheckFailed(const ClaimMatch& m, std::string_view name) {
  for (const SlotCheck& c : m.checks)
    if (c.name == name) return c.passed ? 0 : 1;
  return 0;
}

}  // namespace

const std::vector<std::string>& PairFeatureNames() {
  static const std::vector<std::string> names = {"rule score",
                                                 "rule smaller covered",
                                                 "rule larger covered",
                                                 "predicate mismatch",
                                                 "main argument mismatch",
                                                 "names mismatch",
                                                 "polarity mismatch",
                                                 "figures mismatch",
                                                 "aligned share min",
                                                 "aligned share max",
                                                 "exact share min",
                                                 "exact share max",
                                                 "wordnet share min",
                                                 "wordnet share max",
                                                 "vector share min",
                                                 "vector share max",
                                                 "unaligned words max",
                                                 "unaligned words min",
                                                 "unaligned names",
                                                 "unigram overlap min",
                                                 "unigram overlap max",
                                                 "bigram overlap min",
                                                 "bigram overlap max",
                                                 "trigram overlap min",
                                                 "trigram overlap max",
                                                 "length ratio",
                                                 "length difference",
                                                 "unit figures disagree",
                                                 "numbers unmatched",
                                                 "negation mismatch",
                                                 "lemma cosine",
                                                 "claims ratio",
                                                 "4-gram overlap min",
                                                 "4-gram overlap max",
                                                 "word edit rate",
                                                 "char trigram overlap min",
                                                 "char trigram overlap max",
                                                 "idf shared share min",
                                                 "idf shared share max",
                                                 "idf unshared max",
                                                 "idf unshared min"};
  return names;
}

std::vector<double> PairFeatures(const UnitClaims& a, const UnitClaims& b, const ClaimMatch& rules,
                                 const WordRelations* relations, const AlignOptions& options) {
  std::vector<double> f;
  f.reserve(PairFeatureNames().size());
  // The rule score's coverages, recovered from its parts (each is a coverage times its
  // containment weight times the product of the checks' factors).
  double factor = 1;
  for (const SlotCheck& c : rules.checks) factor *= c.factor;
  const double c = options.containment;
  const auto part = [&](size_t i, double weight) {
    return i < rules.parts.size() && weight > 0 && factor > 0
               ? rules.parts[i].value / (weight * factor)
               : 0;
  };
  f.push_back(rules.rule_score);
  f.push_back(part(0, c));
  f.push_back(part(1, 1 - c));
  for (std::string_view check : {"predicate", "main argument", "names", "polarity", "figures"})
    f.push_back(CheckFailed(rules, check));

  const UnitView va = View(a), vb = View(b);
  const WordsAligned ab = AlignWords(va, vb, relations, options),
                     ba = AlignWords(vb, va, relations, options);
  for (auto share : {&WordsAligned::aligned, &WordsAligned::exact, &WordsAligned::wordnet,
                     &WordsAligned::vector}) {
    f.push_back(std::min(ab.*share, ba.*share));
    f.push_back(std::max(ab.*share, ba.*share));
  }
  f.push_back(std::log1p(std::max(ab.unaligned, ba.unaligned)));
  f.push_back(std::log1p(std::min(ab.unaligned, ba.unaligned)));
  f.push_back(std::log1p(ab.unaligned_names + ba.unaligned_names));
  for (size_t n = 1; n <= 3; ++n) {
    const double x = NgramOverlap(va.lower, vb.lower, n), y = NgramOverlap(vb.lower, va.lower, n);
    f.push_back(std::min(x, y));
    f.push_back(std::max(x, y));
  }
  const double la = static_cast<double>(va.lower.size()), lb = static_cast<double>(vb.lower.size());
  f.push_back(std::max(la, lb) > 0 ? std::min(la, lb) / std::max(la, lb) : 0);
  f.push_back(std::log1p(std::abs(la - lb)));
  // Figures of a kind both units state, none the same.
  f.push_back(FiguresContradicted(a.figures, b.figures).empty() ? 0 : 1);
  int unmatched = 0;
  for (const std::string& n : va.numbers) unmatched += vb.numbers.contains(n) ? 0 : 1;
  for (const std::string& n : vb.numbers) unmatched += va.numbers.contains(n) ? 0 : 1;
  f.push_back(std::log1p(unmatched));
  f.push_back((va.negations > 0) != (vb.negations > 0) ? 1 : 0);
  double dot = 0, na = 0, nb = 0;
  for (const auto& [lemma, count] : va.lemmas) {
    na += count * count;
    if (auto it = vb.lemmas.find(lemma); it != vb.lemmas.end()) dot += count * it->second;
  }
  for (const auto& [lemma, count] : vb.lemmas) nb += count * count;
  f.push_back(na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0);
  const double ca = static_cast<double>(a.claims.size()), cb = static_cast<double>(b.claims.size());
  f.push_back(std::max(ca, cb) > 0 ? std::min(ca, cb) / std::max(ca, cb) : 0);
  {
    const double x = NgramOverlap(va.lower, vb.lower, 4), y = NgramOverlap(vb.lower, va.lower, 4);
    f.push_back(std::min(x, y));
    f.push_back(std::max(x, y));
  }
  f.push_back(WordEditRate(va.lower, vb.lower));
  {
    const std::vector<std::string> ga = CharTrigrams(va.lower), gb = CharTrigrams(vb.lower);
    const double x = NgramOverlap(ga, gb, 1), y = NgramOverlap(gb, ga, 1);
    f.push_back(std::min(x, y));
    f.push_back(std::max(x, y));
  }
  {
    static const WordIdf kNoTable;
    const WordIdf& idf = options.idf     ? *options.idf
                         : options.model ? options.model->idf()
                                         : kNoTable;
    const IdfOverlap x = OverlapByIdf(va.idf_words, vb.idf_words, idf),
                     y = OverlapByIdf(vb.idf_words, va.idf_words, idf);
    const auto share = [](const IdfOverlap& o) {
      const double total = o.shared + o.unshared;
      return total > 0 ? o.shared / total : 0;
    };
    f.push_back(std::min(share(x), share(y)));
    f.push_back(std::max(share(x), share(y)));
    f.push_back(std::max(x.unshared, y.unshared));
    f.push_back(std::min(x.unshared, y.unshared));
  }
  return f;
}

WordIdf::WordIdf(double documents, std::map<std::string, double, std::less<>> df) {
  for (auto& [word, count] : df) {
    const double idf = std::log(documents / (1 + count));
    max_idf_ = idf_.empty() ? idf : std::max(max_idf_, idf);
    idf_.emplace(word, idf);
  }
}

double WordIdf::Idf(std::string_view word) const {
  auto it = idf_.find(word);
  return it != idf_.end() ? it->second : max_idf_;
}

std::vector<std::string> IdfWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char ch : text) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      word += ch;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

namespace {

// The "word_idf" object of a model (or table) file; `bad` makes the error naming the file.
Result<WordIdf> ParseWordIdf(const nlohmann::json& json,
                             const std::function<Status(std::string)>& bad) {
  if (!json.contains("word_idf")) return bad("it has no word table (\"word_idf\")");
  try {
    const nlohmann::json& table = json.at("word_idf");
    const double documents = table.at("documents").get<double>();
    if (!(documents >= 1) || !std::isfinite(documents))
      return bad("word_idf.documents must be at least 1");
    std::map<std::string, double, std::less<>> df;
    for (const auto& [word, count] : table.at("df").items()) {
      const double n = count.get<double>();
      if (!(n >= 1) || !(n <= documents))
        return bad(fmt::format("word_idf.df of '{}' must be in [1, documents]", word));
      df.emplace(word, n);
    }
    if (df.empty()) return bad("word_idf.df is empty");
    return WordIdf(documents, std::move(df));
  } catch (const nlohmann::json::exception& e) {
    return bad(e.what());
  }
}

}  // namespace

Result<WordIdf> WordIdf::Load(const std::string& path) {
  const auto bad = [&](std::string why) {
    return Status::BadInput(fmt::format(
        "{}: {}; scripts/train-claims-model writes the word table (models/README.md)", path, why));
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("{}: cannot read the word table", path));
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return bad("not a JSON object");
  return ParseWordIdf(json, bad);
}

std::string DefaultClaimModelPath() {
  std::error_code error;
  if (std::filesystem::is_regular_file(REFRAIN_CLAIMS_MODEL, error)) return REFRAIN_CLAIMS_MODEL;
  return REFRAIN_INSTALLED_CLAIMS_MODEL;
}

Result<ClaimModel> ClaimModel::Load(const std::string& path) {
  const auto bad = [&](std::string why) {
    return Status::BadInput(
        fmt::format("{}: {}; scripts/train-claims-model writes the claims model (models/README.md)",
                    path, why));
  };
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status::IoError(
        fmt::format("{}: cannot read the claims model; scripts/train-claims-model writes it "
                    "(models/README.md)",
                    path));
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return bad("not a JSON object");
  ClaimModel model;
  model.path_ = path;
  // Format 1 files (before the word table) have no "format".
  const nlohmann::json& format = json.contains("format") ? json.at("format") : nlohmann::json(1);
  if (format != kFormat)
    return bad(
        fmt::format("it is of format {}, this build reads format {} (with the word table); "
                    "retrain it",
                    format.dump(), kFormat));
  Result<WordIdf> idf = ParseWordIdf(json, bad);
  if (!idf.ok()) return idf.status();
  model.idf_ = std::move(idf).value();
  try {
    if (json.at("features").get<std::vector<std::string>>() != PairFeatureNames())
      return bad("its features are not this build's PairFeatureNames()");
    model.bias_ = json.at("bias").get<double>();
    model.mean_ = json.at("mean").get<std::vector<double>>();
    model.scale_ = json.at("scale").get<std::vector<double>>();
    model.weight_ = json.at("weight").get<std::vector<double>>();
  } catch (const nlohmann::json::exception& e) {
    return bad(e.what());
  }
  const size_t n = PairFeatureNames().size();
  if (model.mean_.size() != n || model.scale_.size() != n || model.weight_.size() != n)
    return bad(fmt::format("mean, scale and weight must each have {} values", n));
  for (size_t i = 0; i < n; ++i)
    if (!(model.scale_[i] > 0) || !std::isfinite(model.mean_[i]) ||
        !std::isfinite(model.weight_[i]))
      return bad(
          fmt::format("feature '{}' has a bad mean, scale or weight", PairFeatureNames()[i]));
  if (!std::isfinite(model.bias_)) return bad("the bias is not finite");
  return model;
}

double ClaimModel::Score(std::span<const double> features, std::vector<ScorePart>* parts) const {
  double logit = bias_;
  if (parts) parts->push_back({"bias", bias_});
  for (size_t i = 0; i < weight_.size() && i < features.size(); ++i) {
    const double value = weight_[i] * (features[i] - mean_[i]) / scale_[i];
    logit += value;
    if (parts) parts->push_back({PairFeatureNames()[i], value});
  }
  const double score = 1 / (1 + std::exp(-logit));
  if (parts) parts->push_back({"logistic", score - logit});
  return score;
}

Result<const ClaimModel*> DefaultClaimModel() {
  static const Result<ClaimModel> model = ClaimModel::Load(DefaultClaimModelPath());
  if (!model.ok()) return model.status();
  return &*model;
}

ClaimMatch AlignClaims(const UnitClaims& a, const UnitClaims& b, const WordRelations* relations,
                       const AlignOptions& options) {
  ClaimMatch best;
  if (a.claims.empty() || b.claims.empty()) {
    best.no_claim = a.claims.empty() ? "A: " + a.no_claim_reason : "B: " + b.no_claim_reason;
    // Units read but without a claim ("no predicate", "courtesy") still have their words, which
    // the model weighs (MRPC fit has 73 such pairs); the rule score stays 0.
    if (a.words.empty() || b.words.empty() || !(options.model || options.want_features))
      return best;
  }
  for (size_t i = 0; i < a.claims.size(); ++i)
    for (size_t j = 0; j < b.claims.size(); ++j) {
      ClaimMatch m = AlignPair(a.claims[i], b.claims[j], relations, options);
      if (best.claim_a < 0 || m.score > best.score) {
        best = std::move(m);
        best.claim_a = static_cast<int>(i);
        best.claim_b = static_cast<int>(j);
      }
    }
  best.rule_score = best.score;
  if (options.model || options.want_features)
    best.features = PairFeatures(a, b, best, relations, options);
  if (options.model) {
    std::vector<ScorePart> parts;
    best.score = options.model->Score(best.features, &parts);
    best.parts = std::move(parts);
  }
  return best;
}

}  // namespace refrain
