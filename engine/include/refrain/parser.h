// Stage parse (src/parse/): English sentences into Universal Dependencies trees, for the claims
// stage (who does what to whom). Greedy averaged-perceptron UPOS and XPOS taggers and a greedy
// arc-eager dependency parser trained with a dynamic oracle, over hashed sparse features (with
// the relations of words already attached and word clusters), optionally decoded with a beam
// (ParserOptions::beam); the model is trained on UD English EWT by `refrain train-parser`
// (parser_training.h) and shipped in models/.
#ifndef REFRAIN_PARSER_H_
#define REFRAIN_PARSER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/status.h"

namespace refrain {

// Where the model the build ships is looked up, in order: models/en_ewt.parser in the source
// tree it was built from, share/refrain/en_ewt.parser under the install prefix it was built
// for, and share/refrain/en_ewt.parser beside the running program's bin/ (a moved prefix).
std::vector<std::string> ParserModelSearchPaths();
// The first of ParserModelSearchPaths() that exists; the installed one if none does.
std::string DefaultParserModelPath();

struct ParserOptions {
  // The model file written by `refrain train-parser`; empty means DefaultParserModelPath(),
  // and an error naming every path tried when there is none.
  std::string model_path;
  // Transition sequences kept while parsing (beam search over summed move scores); 1 is the
  // greedy parse the model was trained for.
  int beam = 1;
};

// One word as UD English cuts text ("don't" is "do" + "n't", "China's" is "China" + "'s"),
// with its byte offsets in the text it came from.
struct UdWord {
  std::string_view text;  // a view into the text given to SplitUdWords
  uint32_t start = 0, end = 0;
};

// Cuts one sentence of raw text into UD English (EWT) words: whitespace, then punctuation off
// both ends (keeping abbreviations such as "Mr." and "U.S."), then the clitics n't 's 're 've
// 'll 'd 'm. Views point into `text`, which must outlive them.
std::vector<UdWord> SplitUdWords(std::string_view text);

// The parse of one sentence; index i is word i of the input. Views point into the Parser's
// tables and live as long as it does.
struct DependencyParse {
  std::vector<std::string_view> upos;    // UD part of speech: NOUN, VERB, PROPN, ...
  std::vector<int32_t> heads;            // 1-based index of each word's head; 0 for the root
  std::vector<std::string_view> labels;  // UD relation to the head: nsubj, obj, advmod, root, ...
};

// A loaded model. Thread-safe after Load: Parse is const and keeps no state between calls.
// Cheap to move, not copyable.
class Parser {
 public:
  // Reads the model. A missing or corrupt file is an error naming the file and the command
  // that makes it.
  static Result<Parser> Load(const ParserOptions& options = {});

  Parser(Parser&& other) noexcept;
  Parser& operator=(Parser&& other) noexcept;
  ~Parser();

  // Tags and parses one sentence of words (as SplitUdWords cuts them). Every word gets exactly
  // one head; exactly one word has head 0. An empty input gives an empty parse.
  DependencyParse Parse(std::span<const std::string_view> words) const;
  DependencyParse Parse(std::span<const std::string> words) const;
  // Tags only (the first step of Parse).
  std::vector<std::string_view> Tag(std::span<const std::string_view> words) const;

  // The tables the parse's views point into.
  std::span<const std::string> upos_names() const;
  std::span<const std::string> label_names() const;

  struct Model;  // the three linear models and their tables (src/parse/model.h)

 private:
  explicit Parser(std::unique_ptr<Model> model);
  std::unique_ptr<Model> model_;
};

// A sentence of a CoNLL-U treebank: its words (multiword-token lines and empty nodes left out),
// their UPOS and language-specific tags (XPOS: Penn tags in EWT), heads (1-based, 0 = root) and
// relations.
struct TreebankSentence {
  std::string text;  // the "# text = " comment: the sentence as written
  std::vector<std::string> words, upos, xpos, labels;
  std::vector<int32_t> heads;
};

// Reads a CoNLL-U file. A malformed line is an error naming the file and line.
Result<std::vector<TreebankSentence>> ReadConllu(const std::string& path);

// Scores against gold trees as UD's evaluation script does on gold tokenisation: every word
// counts, punctuation included; LAS compares the full relation (with subtype, "obl:tmod").
struct ParseScores {
  uint64_t sentences = 0, words = 0;
  uint64_t upos_correct = 0, heads_correct = 0, labelled_correct = 0;
  double upos() const { return words ? double(upos_correct) / double(words) : 0; }
  double uas() const { return words ? double(heads_correct) / double(words) : 0; }
  double las() const { return words ? double(labelled_correct) / double(words) : 0; }
};
ParseScores Evaluate(const Parser& parser, std::span<const TreebankSentence> gold);

}  // namespace refrain

#endif  // REFRAIN_PARSER_H_
