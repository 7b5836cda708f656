// Stage themes (src/themes/): the subjects a corpus keeps coming back to, found from the corpus
// itself. Terms (words and bigrams as lemmas or stems, stop words, procedure, names and numbers
// out; ThemeOptions::drop_frame_words) that tend to occur in the same statements are grouped by
// average-linkage clustering of their co-occurrence graph; the number of themes is not set in
// advance but follows from how cohesive the groups are (ThemeOptions::cohesion); near-duplicate
// groups are merged (ThemeOptions::merge_overlap). Each theme has its terms as people write them,
// its weight in every period, and its documents.
#ifndef REFRAIN_THEMES_H_
#define REFRAIN_THEMES_H_

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "refrain/lexicon.h"
#include "refrain/matrix.h"
#include "refrain/periods.h"
#include "refrain/progress.h"
#include "refrain/status.h"
#include "refrain/types.h"
#include "refrain/vectorizer.h"

namespace refrain {

// A theme the user asks for by name (--themes FILE): reported whether or not the
// corpus would have found it. A statement mentions it when it contains one of the
// terms (words or phrases, matched after folding, stop words and stemming).
struct PinnedTheme {
  std::string name;
  std::vector<std::string> terms;
};

// Reads pinned themes from YAML (.yaml/.yml: a mapping name -> list of terms, or
// name -> "comma, separated") or CSV (any other name: "name,term,term..." per line,
// '#' comments, a first line "name,terms..." is a header). Errors name file and line.
Result<std::vector<PinnedTheme>> LoadPinnedThemes(const std::filesystem::path& file);

struct ThemeOptions {
  // Terms in fewer statements than this are not theme terms (too rare to recur).
  int min_df = 2;
  // Terms in more than this share of the statements are not theme terms: in a corpus
  // about China and Russia, "china" says nothing about the subject.
  double max_df = 0.2;
  // At most this many candidate terms (the most frequent within the df bounds): bounds
  // the clustering's cost on large corpora; rarer terms cannot start a theme.
  int max_terms = 2000;
  // Two terms are linked only if they share at least this many statements: one shared
  // sentence is chance.
  int min_cooccurrence = 2;
  // Groups of terms merge while the average Ochiai similarity of their terms (shared
  // statements / sqrt(product of their statements)) is at least this. Lower: fewer,
  // broader themes.
  double cohesion = 0.3;
  // A theme has at least this many terms (a bigram and its words count separately).
  int min_terms = 2;
  // A theme is mentioned by at least this many statements in all, and by at least
  // this share of all statements: a few sentences of 4,793 speeches are no theme.
  int min_statements = 3;
  double min_share = 0.004;
  // Terms reported per theme (surface forms, a word covered by a reported bigram left
  // out); the label is the first three.
  int top_terms = 8;
  // Leave frame words out of theme terms (stance verbs: support, oppose; they stay context for
  // reframing), and never-terms out of themes and reframings alike: reporting verbs, dates,
  // words of time, address and procedure (session, election, Mr, agenda item), ceremony,
  // numbers written as words, the names of quoted speakers ("Wang Yi said") and the
  // transcripts' speaker labels. Numbers and dates ("19", "1 october"; not "2030 agenda" or
  // "covid 19") are out always.
  bool drop_frame_words = true;
  // With drop_frame_words and lemmas: a one-word term is a noun or a word WordNet does not know
  // (a name, "covid"), never a word it knows more as a verb, adjective or adverb ("remind",
  // "stay", "high", "global"): those say what is said about a subject, not which one, and a
  // theme they join takes in their every other use ("high quality" / "high tariffs"). They stay
  // context for reframing, and bigrams ("economic growth") are kept.
  bool nouns_only = true;
  // With drop_frame_words: a term in at least this share of the documents of every source (of
  // 20 documents or more; smaller sources pooled) is boilerplate, never a term ("session" in
  // a debate's speeches). 0 = off.
  double boilerplate_share = 0.9;
  // Statements that are ceremony (points/ceremony.h: thanks, congratulations on an election,
  // protocol, a spokesman's deflections) take no part in themes. Off by default: without a
  // claims reader the phrase detector also marks a readout's "the two sides exchanged views on
  // the Asia-Pacific", which carries its subjects (the seed's shifts are lost with it on).
  bool drop_ceremony = false;
  // Two themes merge when the Ochiai similarity of their statements (shared / sqrt(product))
  // is at least this, or when their head words are one word family ("terrorism" /
  // "terrorist"). 0 = off.
  double merge_overlap = 0.5;
  // A transcript's questions (TurnKind::kQuestion) take no part in themes unless this is set:
  // they are the questioner's words, not the answering side's.
  bool include_questions = false;
  // Themes the user pins (--themes); reported first, in the file's order.
  std::vector<PinnedTheme> pinned;
  // Terms are lemmas through this lexicon ("countries" -> "country", "goods" stays apart from
  // "good"; WordRelations::TermLemma), and so are the never-term and frame word lists; nullptr:
  // Snowball stems, which need no lexicon. Must outlive the ThemeModel (shifts read it).
  const WordRelations* lemmas = nullptr;
  // Worker threads for tokenizing; 0 = one per core. Results do not depend on it.
  int threads = 0;
  ProgressFn progress;
};

struct Theme {
  std::string id;     // "t1", "t2" ... by statements, most first; a pinned theme's name
  std::string label;  // its first terms, ", "-separated
  bool pinned = false;
  std::vector<std::string> terms;    // surface forms, n-grams joined by a space
  std::vector<int32_t> columns;      // all its terms' columns in ThemeModel::vocabulary
  std::vector<uint32_t> statements;  // indices into Corpus::statements mentioning it, ascending
  std::vector<uint32_t> docs;        // indices into Corpus::documents of those statements
  std::vector<int64_t> counts;       // statements mentioning it, per period
  std::vector<double> weights;       // counts / statements of the period (0 when empty)

  // In at least two periods.
  bool recurring() const;
};

// Everything shifts need: the periods, the themes, and the statement-term matrix
// (rows = Corpus::statements, columns = lemmatised or stemmed terms) they were found in.
struct ThemeModel {
  Periods periods;
  std::vector<int64_t> period_statements;  // statements per period
  std::vector<Theme> themes;               // pinned first, then found, most statements first
  TfidfMatrix matrix;
  Vocabulary vocabulary;
  std::vector<std::string> warnings;  // pinned terms that never occur, and the like
  // Per column of `vocabulary`: never a theme term nor a term gained or lost in a shift
  // (numbers, dates, procedure, speakers' names, boilerplate; ThemeOptions::drop_frame_words).
  std::vector<bool> never_terms;
  // ThemeOptions::include_questions as found: shifts count the statements themes count.
  bool include_questions = false;
  // How the terms of `vocabulary` were made (stems, or lemmas through ThemeOptions::lemmas):
  // shifts and SurfaceForms bring other words to the same form with it.
  TokenizerOptions tokenizer;
};

// Whether `statement` takes part in themes and shifts and counts in its period's total: a
// transcript's question is the questioner's words, and does only with `include_questions`.
bool TakesPartInThemes(const Statement& statement, bool include_questions);

// Finds the themes of `corpus` over `periods` (from GroupByPeriod or SplitAt) into
// `model` (replaced). Statements of documents left out of every period take part in
// finding themes but are counted in no period. Errors: bad options (usage), no term
// in the corpus (input).
Status FindThemes(const Corpus& corpus, const Periods& periods, const ThemeOptions& options,
                  ThemeModel* model);

// The surface form of each column (a term of model.vocabulary, a lemma or a stem): the most
// frequent way the corpus writes it, folded ("asia pacific" for "asia pacif").
std::vector<std::string> SurfaceForms(const Corpus& corpus, const ThemeModel& model,
                                      std::span<const int32_t> columns);

}  // namespace refrain

#endif  // REFRAIN_THEMES_H_
