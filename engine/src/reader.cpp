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
    corpus.documents.push_back(std::move(doc));
  }
  return corpus;
}

}  // namespace refrain
