#include "refrain/corpus.h"

namespace refrain {

Result<Corpus> LoadCorpus(const std::vector<std::filesystem::path>& inputs,
                          const CorpusOptions& options) {
  Result<Corpus> read = ReadCorpus(inputs, options.reader);
  if (!read.ok()) return read.status();
  Corpus corpus = std::move(read).value();
  if (options.reader.lines) return corpus;
  REFRAIN_RETURN_IF_ERROR(Clean(corpus, options.cleaner));
  REFRAIN_RETURN_IF_ERROR(Segment(corpus, options.segmenter));
  return corpus;
}

}  // namespace refrain
