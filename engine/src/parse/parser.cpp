#include "refrain/parser.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>

#include "parse/features.h"
#include "parse/model.h"

namespace refrain {

std::vector<std::string> ParserModelSearchPaths() {
  std::vector<std::string> paths = {REFRAIN_PARSER_MODEL, REFRAIN_INSTALLED_PARSER_MODEL};
  std::error_code error;
  std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    std::string beside =
        (program.parent_path().parent_path() / "share" / "refrain" / "en_ewt.parser").string();
    if (std::find(paths.begin(), paths.end(), beside) == paths.end()) paths.push_back(beside);
  }
  return paths;
}

std::string DefaultParserModelPath() {
  std::vector<std::string> paths = ParserModelSearchPaths();
  for (const std::string& path : paths) {
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error)) return path;
  }
  return paths[1];
}

Result<Parser> Parser::Load(const ParserOptions& options) {
  std::string path = options.model_path.empty() ? DefaultParserModelPath() : options.model_path;
  std::error_code error;
  if (options.model_path.empty() && !std::filesystem::is_regular_file(path, error))
    return Status::IoError(fmt::format(
        "no parser model: tried {}; install refrain (`cmake --install`, which puts it in "
        "share/refrain/) or make one with `refrain train-parser` (see models/README.md) and "
        "pass its path",
        fmt::join(ParserModelSearchPaths(), ", ")));
  auto model = std::make_unique<Model>();
  Status status = parse::ReadModel(path, model.get());
  if (!status.ok()) return status;
  if (options.beam < 1) return Status::BadUsage("the parser's beam must be at least 1");
  model->beam = options.beam;
  return Parser(std::move(model));
}

Parser::Parser(std::unique_ptr<Model> model) : model_(std::move(model)) {}
Parser::Parser(Parser&& other) noexcept = default;
Parser& Parser::operator=(Parser&& other) noexcept = default;
Parser::~Parser() = default;

std::span<const std::string> Parser::upos_names() const { return model_->upos; }
std::span<const std::string> Parser::label_names() const { return model_->labels; }

std::vector<std::string_view> Parser::Tag(std::span<const std::string_view> words) const {
  std::vector<parse::WordKeys> keys = parse::KeysOf(words, model_->clusters);
  std::vector<uint8_t> tags = model_->TagIds(keys, model_->tagger);
  std::vector<std::string_view> upos;
  upos.reserve(tags.size());
  for (uint8_t t : tags) upos.push_back(model_->upos[t]);
  return upos;
}

DependencyParse Parser::Parse(std::span<const std::string_view> words) const {
  static constexpr std::string_view kRoot = "root";
  DependencyParse parse;
  if (words.empty()) return parse;
  std::vector<parse::WordKeys> keys = parse::KeysOf(words, model_->clusters);
  std::vector<uint8_t> tags = model_->TagIds(keys, model_->tagger);
  std::vector<uint8_t> fine = model_->TagIds(keys, model_->xpos_tagger);
  parse.heads = model_->Heads(keys, fine);
  std::vector<int> labels = model_->LabelIds(keys, fine, parse.heads);
  parse.upos.reserve(words.size());
  parse.labels.reserve(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    parse.upos.push_back(model_->upos[tags[i]]);
    parse.labels.push_back(labels[i] < 0 ? kRoot : std::string_view(model_->labels[labels[i]]));
  }
  return parse;
}

DependencyParse Parser::Parse(std::span<const std::string> words) const {
  std::vector<std::string_view> views(words.begin(), words.end());
  return Parse(std::span<const std::string_view>(views));
}

ParseScores Evaluate(const Parser& parser, std::span<const TreebankSentence> gold) {
  ParseScores scores;
  for (const TreebankSentence& sentence : gold) {
    DependencyParse parse = parser.Parse(std::span<const std::string>(sentence.words));
    ++scores.sentences;
    for (size_t i = 0; i < sentence.words.size(); ++i) {
      ++scores.words;
      scores.upos_correct += parse.upos[i] == sentence.upos[i];
      bool head = parse.heads[i] == sentence.heads[i];
      scores.heads_correct += head;
      scores.labelled_correct += head && parse.labels[i] == sentence.labels[i];
    }
  }
  return scores;
}

}  // namespace refrain
