// Internal to the reader: a corpus's manifest.csv / MANIFEST.tsv, the rows that define its
// document set (file, date, event, and every other column as metadata). Apart from reader.cpp
// so that its parser can be driven from bytes in memory (tests/fuzz/).
#ifndef REFRAIN_SRC_MANIFEST_H_
#define REFRAIN_SRC_MANIFEST_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain::internal {

struct ManifestRow {
  uint64_t line = 0;
  std::optional<Date> date;
  std::string event;
  std::vector<MetadataEntry> metadata;
};

struct Manifest {
  std::string name;                         // file name, for messages
  std::map<std::string, ManifestRow> rows;  // by relative path
};

// Reads the manifest `text` called `name` (tab-separated when it ends in ".tsv", else
// comma-separated; RFC 4180 quoting) whose rows name files under `root`. Errors (kBadInput)
// name the manifest and line: an unclosed quote, a row with the wrong number of fields, a bad
// file, a file that is not there or listed twice, a bad date.
Result<Manifest> ParseManifest(std::string_view text, const std::filesystem::path& root,
                               const std::string& name);
// The same from the file `file` (kIoError when it cannot be read).
Result<Manifest> ReadManifest(const std::filesystem::path& file, const std::filesystem::path& root,
                              const std::string& name);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_MANIFEST_H_
