// The parser's model: the tag and relation names and the three classifiers, with the file form
// `refrain train-parser` writes and Parser::Load reads.
#ifndef REFRAIN_PARSE_MODEL_H_
#define REFRAIN_PARSE_MODEL_H_

#include <string>
#include <vector>

#include "parse/features.h"
#include "parse/linear_model.h"
#include "refrain/parser.h"

namespace refrain {

struct Parser::Model {
  std::vector<std::string> upos;    // the tagger's classes
  std::vector<std::string> xpos;    // the fine tagger's classes, which the parser and the
                                    // labeller see: Penn tags, finer than UPOS (VBN, VBD; IN,
                                    // TO), joined with UPOS by default ("VBZ|AUX")
  std::vector<std::string> labels;  // the labeller's classes; "root" is not among them
  parse::WordClusters clusters;     // empty when trained without --clusters
  parse::FrozenLinear tagger, xpos_tagger, transitions, labeller;
  int beam = 1;  // ParserOptions::beam (not in the file)

  // Decoding, shared by Parser and the trainer's dev scores. `tags` are XPOS ids below.
  std::vector<uint8_t> TagIds(std::span<const parse::WordKeys> keys,
                              const parse::FrozenLinear& table) const;
  std::vector<int32_t> Heads(std::span<const parse::WordKeys> keys,
                             std::span<const uint8_t> tags) const;
  std::vector<int> LabelIds(std::span<const parse::WordKeys> keys, std::span<const uint8_t> tags,
                            std::span<const int32_t> heads) const;  // -1 for the root word
};

namespace parse {
// Applies `move` and, when it made an arc, gives the new dependent its relation from the
// labeller (kRootLabel for the root's dependent). `features` and `scores` are scratch space.
void ApplyLabelled(const FrozenLinear& labeller, std::span<const WordKeys> keys,
                   std::span<const uint8_t> tags, int move, Configuration* c,
                   std::vector<uint64_t>* features, std::vector<int32_t>* scores);

// Makes the tree whole once the buffer is empty: the root's one dependent heads every word
// still without a head (if the root has none, the first such word becomes it).
void AttachLeftovers(Configuration* c);

Status WriteModel(const Parser::Model& model, const std::string& path);
Status ReadModel(const std::string& path, Parser::Model* model);
}  // namespace parse

}  // namespace refrain

#endif  // REFRAIN_PARSE_MODEL_H_
