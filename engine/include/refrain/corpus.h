// Stages read, clean and segment run together: files -> documents -> clean blocks ->
// statements. What every command that reads a corpus calls.
#ifndef REFRAIN_CORPUS_H_
#define REFRAIN_CORPUS_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/cleaner.h"
#include "refrain/reader.h"
#include "refrain/segmenter.h"
#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

struct CorpusOptions {
  ReaderOptions reader;
  CleanerOptions cleaner;
  SegmenterOptions segmenter;
  // Keep only the statements this speaker says (KeepSpeaker: the exact label, any case, or a
  // surname: "Zhao Lijian", "zhao", "MS. LEAVITT", "Leavitt"); "" keeps every statement.
  std::string speaker;
};

// Reads, cleans and segments the corpus named by `inputs` (see ReadCorpus).
// With options.reader.lines the statements are the lines and nothing is cleaned.
Result<Corpus> LoadCorpus(const std::vector<std::filesystem::path>& inputs,
                          const CorpusOptions& options);

// The index of the document named `name`: its path relative to the root, or a
// file name or file stem that only one document has. A name that matches none,
// or several, is a usage error that lists the candidates.
Result<uint32_t> FindDocument(const Corpus& corpus, std::string_view name);

}  // namespace refrain

#endif  // REFRAIN_CORPUS_H_
