// CoNLL-U (universaldependencies.org/format.html): ten tab-separated columns per word, a blank
// line after each sentence, comments starting with '#'.
#include <fmt/format.h>

#include <charconv>
#include <fstream>

#include "refrain/parser.h"

namespace refrain {

Result<std::vector<TreebankSentence>> ReadConllu(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("{}: cannot read the treebank", path));
  std::vector<TreebankSentence> sentences;
  TreebankSentence current;
  auto finish = [&](uint64_t line) -> Status {
    if (current.words.empty()) return Status::Ok();
    for (int32_t head : current.heads)
      if (head < 0 || head > static_cast<int32_t>(current.words.size()))
        return Status::BadInput(
            fmt::format("{}:{}: a head outside the sentence ending here", path, line));
    sentences.push_back(std::move(current));
    current = {};
    return Status::Ok();
  };
  std::string line;
  uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      REFRAIN_RETURN_IF_ERROR(finish(number));
      continue;
    }
    if (line[0] == '#') {
      if (line.starts_with("# text = ")) current.text = line.substr(9);
      continue;
    }
    std::string_view cols[10];
    size_t begin = 0;
    int n = 0;
    for (; n < 10; ++n) {
      size_t tab = line.find('\t', begin);
      cols[n] = std::string_view(line).substr(begin, tab == std::string::npos ? tab : tab - begin);
      if (tab == std::string::npos) break;
      begin = tab + 1;
    }
    if (n != 9)
      return Status::BadInput(
          fmt::format("{}:{}: expected 10 tab-separated columns", path, number));
    // Multiword tokens ("1-2") and empty nodes ("8.1") are not words of the basic tree.
    if (cols[0].find_first_of("-.") != std::string_view::npos) continue;
    int32_t head = 0;
    auto [end, error] = std::from_chars(cols[6].data(), cols[6].data() + cols[6].size(), head);
    if (error != std::errc() || end != cols[6].data() + cols[6].size())
      return Status::BadInput(
          fmt::format("{}:{}: the head '{}' is not a number", path, number, cols[6]));
    current.words.emplace_back(cols[1]);
    current.upos.emplace_back(cols[3]);
    current.xpos.emplace_back(cols[4]);
    current.heads.push_back(head);
    current.labels.emplace_back(cols[7]);
  }
  REFRAIN_RETURN_IF_ERROR(finish(number));
  return sentences;
}

}  // namespace refrain
