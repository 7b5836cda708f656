// Stage claims (src/claims/): what a unit claims, read from its dependency parse (parser.h), and
// whether two units make the same point, decided by aligning their claims word by word through
// WordRelations (lexicon.h) rather than by the words they happen to share.
//
// A claim is a predicate (a verb, or a noun that carries one: "support", "protection"), its
// arguments (who; what; to, for, against, on whom or what; where), polarity, modality and the
// figures it states. A unit without a claim (a question, a salutation, a name list, a topic-only
// noun phrase) makes no point.
#ifndef REFRAIN_CLAIMS_H_
#define REFRAIN_CLAIMS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/lexicon.h"
#include "refrain/parser.h"
#include "refrain/status.h"

namespace refrain {

// A word of a unit as the claims read it.
struct ClaimWord {
  std::string text;   // as written
  std::string lemma;  // WordRelations::Lemma when a lexicon is given, else the lower-cased word
  std::string stem;   // Snowball stem of the lower-cased word: matching without a lexicon
  std::string upos;   // UD part of speech
  WordClass word_class = WordClass::kAny;
  uint32_t index = 0;  // the word's index in the unit's parse
  // For the last word of a name (a proper noun not under another: "Sullivan", "States"): the
  // whole name lower-cased, through ClaimOptions::aliases when given ("u.s." and "united
  // states" one name); else "".
  std::string name;
};

// What an argument is to its predicate.
enum class ArgumentRole {
  kSubject,  // nsubj, a passive's "by" agent, a nominal predicate's possessor ("Russia's support")
  kObject,   // obj, a passive's subject, a nominal predicate's "of" ("protection of rights")
  kTo,       // to, towards, iobj
  kFor,
  kAgainst,
  kOn,  // on, upon, over, about, regarding
  kWith,
  kWhere,  // in, at, within, across, throughout
  kOther,  // any other preposition
};
// "subject", "object", "to", "for", "against", "on", "with", "where", "other".
std::string_view ArgumentRoleName(ArgumentRole role);

struct ClaimArgument {
  ArgumentRole role = ArgumentRole::kOther;
  std::string preposition;  // the case word as written, "" for subject and object
  ClaimWord head;
  std::vector<ClaimWord> modifiers;  // the content words under the head, in text order
};

// How the claim is asserted.
enum class Modality {
  kAsserted,    // plain statement of fact or position
  kFuture,      // will, shall, would, 'll
  kIntention,   // is ready / willing / prepared to, hopes, wants, intends, plans, seeks to
  kObligation,  // should, must, ought to, need to
  kPossible,    // can, could, may, might
};
// "asserted", "future", "intention", "obligation", "possible".
std::string_view ModalityName(Modality modality);

// A number the unit states, normalised so that restatements compare equal: "$5 billion" and
// "5 billion dollars" are both {kMoney, 5e9, "usd"}; "12%" and "12 per cent" {kPercent, 12}.
struct Figure {
  enum class Kind { kMoney, kPercent, kYear, kDate, kNumber };
  Kind kind = Kind::kNumber;
  double value = 0;      // scaled (thousand, million, billion, trillion); a date is month*100+day
  std::string currency;  // kMoney: "usd", "eur", "gbp", "cny", "rub", "jpy", or "" unknown
  std::string text;      // the words it was read from
  uint32_t index = 0;    // its first word's index in the parse
  uint32_t size = 1;     // how many words it spans
};

struct Claim {
  ClaimWord predicate;
  bool nominal = false;  // the predicate is a noun ("support for", "the protection of")
  bool negated = false;  // not, n't, never, no, without
  Modality modality = Modality::kAsserted;
  std::vector<ClaimArgument> arguments;
  std::vector<Figure> figures;  // the unit's figures inside the predicate's words
  // Every content word of the claim (predicate, arguments, the rest of its subtree; not the
  // words of a coordinated predicate, which is a claim of its own), in text order.
  std::vector<ClaimWord> words;
};

// A unit read into its claims.
struct UnitClaims {
  std::vector<Claim> claims;  // empty: the unit makes no point
  // When `claims` is empty: "question", "courtesy", "name list", "no predicate", "empty".
  std::string no_claim_reason;
  std::vector<Figure> figures;  // every figure of the unit
  // Every word of the unit as read (empty when the unit was not read: "empty", "question",
  // "name list"): what PairFeatures compares beyond the paired claims.
  std::vector<ClaimWord> words;
};

class AliasTable;  // matcher.h

struct ClaimOptions {
  // Names that are one ("Moscow" = "Russia", "U.S." = "United States"), or nullptr; must
  // outlive the reader.
  const AliasTable* aliases = nullptr;
  // Questions make no point (a reporter's "Q So you don't expect to bring up human rights?").
  bool questions_make_no_point = true;
};

// Reads units into claims with a loaded parser. Thread-safe: Analyze is const.
class ClaimReader {
 public:
  // `parser` and `relations` (nullptr: lemmas are lower-cased words) must outlive the reader.
  ClaimReader(const Parser* parser, const WordRelations* relations, ClaimOptions options = {});

  // The claims of one unit of text (a clause or a sentence).
  UnitClaims Analyze(std::string_view unit) const;
  // The same from a parse already made of `words` (as SplitUdWords cut the unit).
  UnitClaims Analyze(std::string_view unit, std::span<const std::string_view> words,
                     const DependencyParse& parse) const;

  const WordRelations* relations() const { return relations_; }

 private:
  const Parser* parser_;
  const WordRelations* relations_;
  ClaimOptions options_;
};

class ClaimModel;  // below

// How rare each word is, from the document frequencies of a set of sentences (the MRPC fit part's,
// written by scripts/train-claims-model into the model file): what PairFeatures' IDF-weighted
// overlaps weigh words by. A word is a lower-cased run of a-z and 0-9 ("U.S." is "u" and "s";
// IdfWords cuts a unit so). Immutable; thread-safe.
class WordIdf {
 public:
  WordIdf() = default;  // empty: every word weighs 0
  // `documents` sentences, `df` the number of them each word is in (each at least 1).
  WordIdf(double documents, std::map<std::string, double, std::less<>> df);
  // Reads the "word_idf" object ({"documents": N, "df": {word: count}}) of a JSON file: a model
  // file or the table alone. A missing file or table is an error naming the file.
  static Result<WordIdf> Load(const std::string& path);

  // log(documents / (1 + df)); a word the table does not have gets the table's largest idf
  // (it is at least as rare as the rarest counted).
  double Idf(std::string_view word) const;
  bool empty() const { return idf_.empty(); }
  size_t size() const { return idf_.size(); }

 private:
  std::map<std::string, double, std::less<>> idf_;
  double max_idf_ = 0;
};

// The words WordIdf weighs in `text`, in order: lower-cased runs of a-z and 0-9.
std::vector<std::string> IdfWords(std::string_view text);

// Scores two units' claims. The defaults were chosen on the MRPC fit part (scripts/mrpc-split)
// and tests/data/eval/labels-tune.tsv; tests/data/eval/TUNING.md has the numbers.
struct AlignOptions {
  // Two units make the same point when their score is at least this (chosen with the Lexicon on
  // MRPC fit and labels-tune; without a lexicon 0.45 was best: tests/data/eval/TUNING.md).
  double threshold = 0.5;
  // Weight of a word in a claim, by its slot: what the score's coverage is counted in.
  double predicate_weight = 2;
  double head_weight = 1.5;
  double other_weight = 1;
  // Coverage of the smaller claim against that of the larger: 1 scores a short claim inside a
  // long unit on the shared claim alone; 0.5 counts what the longer one adds as much.
  double containment = 0.7;
  // A word pair aligns when its relation's weight reaches this.
  double min_word_weight = 0.5;
  // Factors for failed slot checks (1 turns a check off).
  double predicate_mismatch = 0.8;  // the predicates do not align
  double argument_mismatch = 0.35;  // both claims have an object (or a first argument) and
                                    // their heads do not align ("internet" / "Indo-Pacific")
  double names_mismatch = 0.25;     // each names a proper noun the other does not
                                    // ("the defense of the Philippines" / "of Japan")
  double polarity_mismatch = 0.1;   // one negated or opposed, the other not
  double figure_mismatch = 0.4;     // both state figures of a kind and none agrees
  // The learned score (a logistic regression over PairFeatures, models/claims-paraphrase.json)
  // that replaces the rule score above, which becomes one of its features; nullptr: the rule
  // score. Must outlive the call. `refrain eval --scorer claims --text-pairs` loads
  // DefaultClaimModel() (eval.h ScoringOptions::claim_model); labelled spans, compare and talking
  // points keep the rule score (the model measured worse on labels-tune: TUNING.md).
  const ClaimModel* model = nullptr;
  // The word table PairFeatures' IDF overlaps weigh by; nullptr: the model's (ClaimModel::idf()),
  // and with no model either those features are 0. Must outlive the call.
  const WordIdf* idf = nullptr;
  // Fill ClaimMatch::features without a model too (what scripts/train-claims-model reads).
  bool want_features = false;
};

// One aligned word pair.
struct WordAlignment {
  std::string a, b;  // as written
  std::string slot;  // side A's slot: "predicate", "subject head", "object modifier", ...
  WordRelation relation = WordRelation::kNone;
  double weight = 0;
};

// A slot check and its factor (1 when passed).
struct SlotCheck {
  std::string name;  // "predicate", "main argument", "names", "polarity", "figures"
  bool passed = true;
  double factor = 1;
  std::string detail;
};

// A named part of the score; the parts sum to the score.
struct ScorePart {
  std::string name;
  double value = 0;
};

// The alignment behind a score: the claims paired, the words aligned, the checks, the parts.
struct ClaimMatch {
  double score = 0;
  int claim_a = -1, claim_b = -1;  // the claims of each unit that were paired; -1: none
  std::string predicate_a, predicate_b;
  std::vector<WordAlignment> words;
  std::vector<SlotCheck> checks;
  std::vector<ScorePart> parts;
  std::string no_claim;  // why no claim pair was scored ("A: question"), else ""
  // With AlignOptions::model: the rule score the model read as a feature; else the score.
  double rule_score = 0;
  // PairFeatures of the pair (named by PairFeatureNames()); empty when no claim pair was scored.
  std::vector<double> features;
};

// The best-scoring pair of claims of two units. `relations` may be nullptr (same word, lower
// case and stem only).
ClaimMatch AlignClaims(const UnitClaims& a, const UnitClaims& b, const WordRelations* relations,
                       const AlignOptions& options = {});

// Paraphrase evidence about two units beyond the rule score, the features ClaimModel weighs:
// the rule score, its coverages and failed checks (of `rules`, AlignClaims' match without a
// model); the share of each unit's content words the other aligns, by relation (same word or
// lemma; WordNet; GloVe vector), the weakest and strongest direction; unaligned content words
// and names; 1-3-gram overlap of the words; lengths; figures and numbers that disagree;
// negation mismatch; the cosine of the content lemmas; the ratio of the units' claim counts.
// Added for MRPC (MT metrics, Madnani, Tetreault, Chodorow 2012), one line each:
//   4-gram overlap min/max: clipped 4-gram precision of the words, each direction (BLEU-like);
//   word edit rate: word edit distance (no shifts) over the longer unit's length (TER-like);
//   char trigram overlap min/max: clipped overlap of character 3-grams, each direction.
// Added for MRPC (issue 15), over the word types of IdfWords, weighted by WordIdf::Idf:
//   idf shared share min/max: the idf mass of a unit's words the other has too over its own;
//   idf unshared max/min: the idf mass of the words a unit has and the other does not.
// All are finite.
std::vector<double> PairFeatures(const UnitClaims& a, const UnitClaims& b, const ClaimMatch& rules,
                                 const WordRelations* relations, const AlignOptions& options = {});
// The names of PairFeatures' values, in order ("rule score", "aligned share min", ...).
const std::vector<std::string>& PairFeatureNames();

// The shipped model's path: models/claims-paraphrase.json in the source tree, else where `cmake
// --install` puts it (share/refrain/claims-paraphrase.json).
std::string DefaultClaimModelPath();

// A logistic regression over PairFeatures, trained on the MRPC fit part by
// scripts/train-claims-model (models/README.md): score = logistic(bias + sum of weight *
// (feature - mean) / scale). Immutable after Load; thread-safe.
class ClaimModel {
 public:
  // Reads a model file (JSON, "format" 2: with the word table "word_idf"). A missing or corrupt
  // file, one of another format (1: before the word table) or whose features are not
  // PairFeatureNames(), is an error naming the file and scripts/train-claims-model.
  static Result<ClaimModel> Load(const std::string& path);

  // The model's probability that the units say the same thing. `parts` (may be nullptr) gets
  // "bias" and one part per feature (weight * standardised value: what it adds to the logit),
  // which sum to the logit, and "logistic" (score - logit), so that all the parts sum to the
  // score.
  double Score(std::span<const double> features, std::vector<ScorePart>* parts) const;

  const std::string& path() const { return path_; }
  // The word table the model's IDF features were trained with.
  const WordIdf& idf() const { return idf_; }

  // The model file format Load reads.
  static constexpr int kFormat = 2;

 private:
  std::string path_;
  WordIdf idf_;
  double bias_ = 0;
  std::vector<double> mean_, scale_, weight_;
};

// The model at DefaultClaimModelPath(), loaded once per process (later calls return the same
// model or the same error).
Result<const ClaimModel*> DefaultClaimModel();

}  // namespace refrain

#endif  // REFRAIN_CLAIMS_H_
