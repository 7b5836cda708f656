// Corpora built in memory from lines of text, for tests of the stages after reading: what
// the reader and segmenter would leave of files holding one statement per line.
#ifndef REFRAIN_TESTS_TEST_CORPUS_H_
#define REFRAIN_TESTS_TEST_CORPUS_H_

#include <string>
#include <utility>
#include <vector>

#include "refrain/corpus.h"

namespace refrain::testing {

struct DocSpec {
  std::string path;
  std::string event;  // "" = the path, as the reader does without a manifest column
  std::string date;   // YYYY-MM-DD
  std::vector<std::string> statements;
};

// Each document's bytes are its statements, one per line; the source is the path's folder.
inline Corpus MakeCorpus(const std::vector<DocSpec>& docs) {
  Corpus corpus;
  corpus.root = "/virtual";
  for (const DocSpec& spec : docs) {
    Document doc;
    doc.path = spec.path;
    const size_t slash = spec.path.rfind('/');
    doc.source = slash == std::string::npos ? "" : spec.path.substr(0, slash);
    doc.event = spec.event.empty() ? spec.path : spec.event;
    doc.date = *Date::Parse(spec.date);
    const uint32_t index = static_cast<uint32_t>(corpus.documents.size());
    for (const std::string& text : spec.statements) {
      Statement s;
      s.id = corpus.statements.size();
      s.doc = index;
      s.start = doc.bytes.size();
      doc.bytes += text;
      s.end = doc.bytes.size();
      doc.bytes += '\n';
      s.text = text;
      corpus.statements.push_back(std::move(s));
    }
    corpus.documents.push_back(std::move(doc));
  }
  return corpus;
}

}  // namespace refrain::testing

#endif  // REFRAIN_TESTS_TEST_CORPUS_H_
