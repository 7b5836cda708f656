// The corpora the microbenches run on: the bundled seed corpus, and the ones in
// ../shared/corpora when that folder is there.
#ifndef REFRAIN_BENCH_BENCH_CORPORA_H_
#define REFRAIN_BENCH_BENCH_CORPORA_H_

#include <filesystem>
#include <map>
#include <string>
#include <utility>

#include "refrain/reader.h"

namespace refrain::bench {

// "seed" is corpus/seed; any other name, that folder of ../shared/corpora.
inline std::filesystem::path CorpusRoot(const std::string& name) {
  const std::filesystem::path source(REFRAIN_SOURCE_DIR);
  return name == "seed" ? source / "corpus/seed" : source / "../shared/corpora" / name;
}

// The corpus as read (undated documents kept), read once per process; empty when absent
// or unreadable.
inline const Corpus& ReadOnce(const std::string& name) {
  static std::map<std::string, Corpus> cache;
  if (auto it = cache.find(name); it != cache.end()) return it->second;
  const std::filesystem::path root = CorpusRoot(name);
  Corpus corpus;
  if (std::filesystem::exists(root)) {
    ReaderOptions options;
    options.undated = ReaderOptions::Undated::kKeep;
    Result<Corpus> read = ReadCorpus({root}, options);
    if (read.ok()) corpus = std::move(read).value();
  }
  return cache.emplace(name, std::move(corpus)).first->second;
}

}  // namespace refrain::bench

#endif  // REFRAIN_BENCH_BENCH_CORPORA_H_
