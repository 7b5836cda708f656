// Stage read (src/read/): from files to documents. Finds the documents of a corpus (a folder
// walked recursively, or a list of files), reads each one's bytes, date and
// metadata, and turns its format (.txt, .md with front matter, .html) into
// visible text cut into blocks, mapped back onto the original bytes.
#ifndef REFRAIN_READER_H_
#define REFRAIN_READER_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "refrain/progress.h"
#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

struct ReaderOptions {
  // What to do with a document that has no date: fail naming it, skip it (counted), or keep it.
  enum class Undated { kError, kSkip, kKeep };
  Undated undated = Undated::kError;
  // Read each line of each file as one statement: no cleaning, no sentences, no dates needed.
  // Documents then keep only their bytes (text and blocks stay empty): the fast path.
  bool lines = false;
  // Keep only documents dated on or after `from` / on or before `to` (compared at the coarser
  // precision); a `from` after `to` is bad usage.
  std::optional<Date> from;
  std::optional<Date> to;
  // Keep only documents whose metadata has every KEY=VALUE given here.
  std::vector<MetadataEntry> where;
  // Keep only documents whose path relative to the root, or whose file name alone, matches
  // this shell pattern (fnmatch; '*' also matches '/'). "" = all.
  std::string glob;
  // Files read at once (0 = one per core): more is faster; the corpus is the same for any value.
  int threads = 0;
  // Called as files are read (from the reading threads, one call at a time).
  ProgressFn progress;
};

// Reads the corpus named by `inputs`: one folder (walked recursively), or one or
// more files (their common folder is the root); documents in relative-path order.
// A manifest.csv / MANIFEST.tsv at the root defines the document set; without one,
// README*, SOURCE*, LICENSE* and non-text files are skipped. Fills
// Corpus::documents (and, with `lines`, Corpus::statements), skipped files (every
// file is a document or a SkippedFile) and warnings (invalid UTF-8, binary, empty).
// Errors (kBadInput, kIoError) name the file, and the manifest line where there is one.
Result<Corpus> ReadCorpus(const std::vector<std::filesystem::path>& inputs,
                          const ReaderOptions& options);

}  // namespace refrain

#endif  // REFRAIN_READER_H_
