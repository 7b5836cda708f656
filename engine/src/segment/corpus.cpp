#include "refrain/corpus.h"

#include <fmt/format.h>

#include "refrain/speakers.h"

namespace refrain {

Result<Corpus> LoadCorpus(const std::vector<std::filesystem::path>& inputs,
                          const CorpusOptions& options) {
  Result<Corpus> read = ReadCorpus(inputs, options.reader);
  if (!read.ok()) return read.status();
  Corpus corpus = std::move(read).value();
  if (!options.reader.lines) {
    REFRAIN_RETURN_IF_ERROR(Clean(corpus, options.cleaner));
    REFRAIN_RETURN_IF_ERROR(Segment(corpus, options.segmenter));
  }
  if (!options.speaker.empty()) {
    Result<size_t> kept = KeepSpeaker(corpus, options.speaker);
    if (!kept.ok()) return kept.status();
  }
  return corpus;
}

Result<uint32_t> FindDocument(const Corpus& corpus, std::string_view name) {
  std::vector<uint32_t> by_name, by_stem;
  for (uint32_t d = 0; d < corpus.documents.size(); ++d) {
    std::filesystem::path path(corpus.documents[d].path);
    if (path == name) return d;  // an exact path wins over any file-name match
    if (path.filename() == name) by_name.push_back(d);
    if (path.stem() == name) by_stem.push_back(d);
  }
  const std::vector<uint32_t>& matches = by_name.empty() ? by_stem : by_name;
  if (matches.size() == 1) return matches.front();
  if (matches.empty())
    return Status::BadUsage(fmt::format("no document named '{}' in the corpus", name));
  std::string candidates;
  for (uint32_t d : matches) candidates += "\n  " + corpus.documents[d].path;
  return Status::BadUsage(
      fmt::format("'{}' names {} documents; give the path:{}", name, matches.size(), candidates));
}

}  // namespace refrain
