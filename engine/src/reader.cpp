// Placeholder: reads .txt files as one block per line. The real reader replaces this.
#include "refrain/reader.h"

#include <fstream>
#include <sstream>

namespace refrain {

Result<Corpus> ReadCorpus(const std::vector<std::filesystem::path>& inputs,
                          const ReaderOptions&) {
  Corpus corpus;
  for (const auto& input : inputs) {
    Document doc;
    doc.file = input;
    doc.path = input.filename().string();
    std::ifstream in(input, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    doc.bytes = ss.str();
    doc.text.AppendCopy(doc.bytes, 0);
    uint32_t line = 1;
    for (size_t pos = 0; pos < doc.bytes.size(); ++line) {
      size_t nl = doc.bytes.find('\n', pos);
      if (nl == std::string::npos) nl = doc.bytes.size();
      if (nl > pos) doc.blocks.push_back({pos, nl, Block::Kind::kParagraph, line, 0, false});
      pos = nl + 1;
    }
    corpus.documents.push_back(std::move(doc));
  }
  return corpus;
}

}  // namespace refrain
