// Stage parse, training: the tagger, the transition classifier and the labeller of parser.h
// learnt from a CoNLL-U treebank (UD English EWT), each pass scored on a dev set and the best
// pass kept. Deterministic: the same data, options and seed write the same model file.
#ifndef REFRAIN_PARSER_TRAINING_H_
#define REFRAIN_PARSER_TRAINING_H_

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/parser.h"
#include "refrain/status.h"

namespace refrain {

struct ParserTrainingOptions {
  // Most passes over the training set for the tagger; the pass best on dev is kept.
  int tagger_epochs = 8;
  // Most passes for the transition classifier (dynamic oracle); the best on dev UAS is kept.
  int parser_epochs = 24;
  // Most passes for the labeller; the best on dev LAS is kept.
  int labeller_epochs = 8;
  // The parser learns from tags a tagger gave text it had not seen: the training set is cut in
  // this many parts, each tagged by a tagger trained on the others (0 or 1: gold tags, faster
  // to train but a point or so of UAS lost on predicted tags).
  int jackknife_folds = 5;
  // The tags the parser and the labeller see: XPOS (Penn) tags joined with UPOS ("VBZ|AUX"
  // against "VBZ|VERB": Penn tags do not tell an auxiliary from a main verb), or XPOS alone.
  bool parser_tags_with_upos = true;
  // Word clusters for the features, "word<TAB>path" lines as scripts/parser-clusters writes them
  // (kept in the model file); empty: no cluster features.
  std::string clusters_path;
  // Non-projective training trees are made projective by lifting arcs (Nivre and Nilsson 2005)
  // for the parser's oracle, which can follow only projective trees; false: they are skipped.
  bool lift_nonprojective = true;
  // Seeds the order of sentences in each pass and the oracle's exploration.
  uint64_t seed = 1;
  // Averaged weights smaller than this (in perceptron updates) are dropped from the parser's
  // and the labeller's tables: a smaller file and table for a little accuracy.
  double prune = 1.5;
  // The same for the tagger, whose table is small and loses more from pruning.
  double tagger_prune = 0.25;
};

// One pass's dev score, as the trainer saw it.
struct TrainingEpoch {
  std::string stage;  // "tagger", "parser", "labeller"
  int epoch = 0;      // 1-based
  double score = 0;   // dev UPOS, UAS or LAS
  double seconds = 0;
};

struct ParserTrainingReport {
  std::vector<TrainingEpoch> epochs;
  int tagger_epoch = 0, parser_epoch = 0, labeller_epoch = 0;        // the passes kept
  uint64_t tagger_rows = 0, transition_rows = 0, labeller_rows = 0;  // features kept
  uint64_t nonprojective = 0;          // non-projective training sentences
  uint64_t skipped_nonprojective = 0;  // of those, the ones the parser did not learn from
  ParseScores dev;
};

// Trains on `train`, chooses passes on `dev`, and writes the model to `output_path`. `log`
// (may be empty) gets one line per pass.
Result<ParserTrainingReport> TrainParser(std::span<const TreebankSentence> train,
                                         std::span<const TreebankSentence> dev,
                                         const ParserTrainingOptions& options,
                                         const std::string& output_path,
                                         const std::function<void(std::string_view)>& log = {});

}  // namespace refrain

#endif  // REFRAIN_PARSER_TRAINING_H_
