#include "refrain/corpus.h"

#include <fmt/format.h>

#include <fstream>
#include <string_view>

#include "refrain/index.h"
#include "refrain/speakers.h"

namespace refrain {

namespace {

// Whether `file` is an SQLite database (a refrain index or a foreign one: Index::Open tells).
bool IsSqliteFile(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return false;
  std::ifstream in(file, std::ios::binary);
  char magic[16] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == sizeof magic &&
         std::string_view(magic, sizeof magic) == std::string_view("SQLite format 3\0", 16);
}

}  // namespace

Result<Corpus> LoadCorpus(const std::vector<std::filesystem::path>& inputs,
                          const CorpusOptions& options) {
  // An index stands for the corpus it was built from: its documents and statements are read
  // from it, nothing re-read, re-cleaned or re-segmented.
  if (inputs.size() == 1 && !options.reader.lines && IsSqliteFile(inputs.front())) {
    Result<Index> index = Index::Open(inputs.front());
    if (!index.ok()) return index.status();
    Result<Corpus> stored = index->LoadCorpus();
    if (!stored.ok()) return stored.status();
    if (!options.speaker.empty()) {
      Result<size_t> kept = KeepSpeaker(*stored, options.speaker);
      if (!kept.ok()) return kept.status();
    }
    return stored;
  }
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
