// Stage match (src/match/): how well the matcher tells "same point" from "not" on pairs of
// spans a person labelled, what `refrain eval` reports. Each span's corpus is found from
// its path and loaded whole (its idf is that corpus's), each pair is scored by the
// matcher of its first span's corpus, and the predictions are counted against the labels.
#ifndef REFRAIN_EVAL_H_
#define REFRAIN_EVAL_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "refrain/claims.h"
#include "refrain/matcher.h"
#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

// One labelled pair: [start, end) byte offsets into two documents, and the label.
struct LabelledPair {
  uint64_t line = 0;  // its line in the labels file, for messages
  // Side 0 is A, side 1 is B. Paths as the labels file gives them (see EvalOptions::root).
  std::string doc[2];
  uint64_t start[2] = {0, 0};
  uint64_t end[2] = {0, 0};
  bool same = false;  // label 1: a person judged the two spans the same point
};

// A labels file: a header line of the tab-separated columns doc_a start_a end_a doc_b
// start_b end_b label, then one pair per line (label 0 or 1; blank lines are skipped).
struct Labels {
  std::string name;  // the file as named in messages ("FILE:LINE: ...")
  std::vector<LabelledPair> pairs;
};

// Parses a labels file read from `in`; errors name `name` and the line. No pair at all is
// an error.
Result<Labels> ParseLabels(std::istream& in, const std::string& name);
// Reads and parses the labels file `file` (its name in messages is file.string()).
Result<Labels> ReadLabels(const std::filesystem::path& file);

// How a pair is scored (`--scorer`).
enum class PairScorer {
  kTfidf,   // Matcher::Compare: best clause pair's TF-IDF cosine (match.threshold decides)
  kClaims,  // AlignClaims (claims.h) on each sentence's parse (align.threshold decides)
};
// "tfidf", "claims"; ParsePairScorer reads those names (another is kBadUsage).
std::string_view PairScorerName(PairScorer scorer);
Result<PairScorer> ParsePairScorer(std::string_view name);

// How pairs are scored, for labelled spans and text pairs alike.
struct ScoringOptions {
  PairScorer scorer = PairScorer::kTfidf;
  // kTfidf: the matcher evaluated; match.threshold decides "same point" (score >= threshold).
  MatchOptions match;
  // kClaims: the parser each distinct text is parsed with, the word relations the aligner
  // uses (nullptr: same word, lower case and stem only; must outlive the call) and the
  // aligner, whose threshold decides.
  ParserOptions parser;
  const WordRelations* relations = nullptr;
  AlignOptions align;
  // kClaims, when align.model is nullptr: whether to score with the learned model
  // (DefaultClaimModel(), claims.h; a missing model is then an error) or the aligner's rule
  // score. kAuto: the model for text pairs (it was trained on MRPC), the rule score for
  // labelled spans (the model measured worse there: tests/data/eval/TUNING.md).
  enum class ClaimModelUse { kAuto, kOn, kOff };
  ClaimModelUse claim_model = ClaimModelUse::kAuto;
  // kClaims on text pairs: threads parsing and scoring (0 = one per core).
  int threads = 0;

  // The threshold of the scorer chosen: match.threshold or align.threshold.
  double threshold() const {
    return scorer == PairScorer::kClaims ? align.threshold : match.threshold;
  }
};

struct EvalOptions : ScoringOptions {
  // Folder the labels' document paths are relative to.
  std::filesystem::path root = ".";
  // A pair whose file is missing is skipped and counted instead of failing the run.
  bool skip_missing = false;
  // Called before each corpus is read (a corpus can take minutes); may be empty.
  std::function<void(const std::filesystem::path& corpus)> loading;
  // Reading progress of each corpus (ReaderOptions::progress); may be empty.
  ProgressFn progress;
};

// A labelled pair with what the matcher made of it.
struct EvalPair {
  LabelledPair pair;
  // A file of the pair is missing (EvalOptions::skip_missing): nothing below is filled.
  bool skipped = false;
  // What a reader sees of each span: HTML and Markdown resolved, white space collapsed.
  std::string text[2];
  double score = 0;
  Explanation explanation;  // kTfidf: the shared terms behind the score
  ClaimMatch alignment;     // kClaims: the claims aligned behind the score
  // The verdict: score reaches the threshold (within kScoreSlack).
  bool predicted = false;
};

// Predictions counted against labels: what every evaluation reports.
struct Confusion {
  int tp = 0, fp = 0, fn = 0, tn = 0;

  // Counts one prediction against its label.
  void Add(bool predicted, bool same);
  int total() const { return tp + fp + fn + tn; }
  // 0 when undefined (no positive prediction, no positive label, no pair).
  double precision() const;
  double recall() const;
  double f1() const;
  double accuracy() const;
};

struct EvalResult : Confusion {
  double threshold = 0;         // the threshold the pairs were judged at
  std::vector<EvalPair> pairs;  // in the labels file's order
  int skipped = 0;              // pairs skipped for a missing file
  // Two spans of different corpora (scored with the first's corpus), one warning a pair.
  std::vector<Diagnostic> warnings;
};

// The corpus a document belongs to: the nearest folder above it that holds a manifest
// (manifest.csv or MANIFEST.tsv); else the folder right under a folder named "corpora"
// (corpora/ungdc/TXT/Session 57 - 2002/x.txt -> corpora/ungdc); else its own folder.
// Absolute and normalised.
std::filesystem::path EvalCorpusOf(const std::filesystem::path& file);

// Scores every pair of `labels`. Errors (kBadInput) name the labels file and line: a missing
// file (unless skip_missing), a span past its document's end or with no visible text, a
// document its corpus leaves out; a corpus that does not load fails with its own error.
Result<EvalResult> Evaluate(const Labels& labels, const EvalOptions& options);

// A general paraphrase check (`refrain eval --text-pairs`): pairs of sentences, each labelled
// paraphrase or not, scored by the matcher without any corpus behind them.

// One pair of sentences and its label.
struct TextPair {
  uint64_t line = 0;  // its line in the file, for messages
  std::string text[2];
  bool same = false;  // label 1: the two sentences say the same thing
};

// A text-pairs file: tab-separated rows of a label (0 or 1) and two sentences. Two layouts:
// MRPC's (header "Quality #1 ID #2 ID #1 String #2 String", five columns) and the plain
// `label sentence1 sentence2` (three columns; a header line whose first column is not a label
// is allowed). Blank lines are skipped.
struct TextPairs {
  std::string name;  // the file as named in messages ("FILE:LINE: ...")
  std::vector<TextPair> pairs;
};

// Parses a text-pairs file read from `in`; a bad row (columns, label, an empty sentence) is
// an error naming `name` and the line. No pair at all is an error.
Result<TextPairs> ParseTextPairs(std::istream& in, const std::string& name);
// Reads and parses the text-pairs file `file`.
Result<TextPairs> ReadTextPairs(const std::filesystem::path& file);

// kTfidf builds the matcher over every distinct sentence of the file as one statement each
// (the file is the corpus: its idf is the sentences'); kClaims parses each distinct sentence
// once.
struct TextPairsOptions : ScoringOptions {};

struct ScoredTextPair {
  TextPair pair;
  double score = 0;
  bool predicted = false;   // score reaches the threshold (within kScoreSlack)
  Explanation explanation;  // kTfidf: the shared terms behind the score
  ClaimMatch alignment;     // kClaims: the claims aligned behind the score
};

struct TextPairsResult : Confusion {
  PairScorer scorer = PairScorer::kTfidf;
  double threshold = 0;               // the scorer's: match.threshold or align.threshold
  std::vector<ScoredTextPair> pairs;  // in the file's order
};

// Scores every pair of `pairs` with options.scorer and counts the predictions.
Result<TextPairsResult> EvaluateTextPairs(const TextPairs& pairs, const TextPairsOptions& options);

}  // namespace refrain

#endif  // REFRAIN_EVAL_H_
