#include "refrain/corpus.h"

#include <catch2/catch.hpp>

namespace refrain {
namespace {

Corpus WithPaths(std::initializer_list<const char*> paths) {
  Corpus corpus;
  for (const char* p : paths) {
    Document doc;
    doc.path = p;
    corpus.documents.push_back(std::move(doc));
  }
  return corpus;
}

TEST_CASE("documents are found by path, unique file name or unique stem", "[corpus]") {
  Corpus corpus = WithPaths({"2021/readout.md", "2024/readout.md", "2024/CHN_79_2024.txt",
                             "html/t1558711.html", "t1558711.txt"});
  CHECK(*FindDocument(corpus, "2024/readout.md") == 1);
  CHECK(*FindDocument(corpus, "CHN_79_2024.txt") == 2);
  CHECK(*FindDocument(corpus, "CHN_79_2024") == 2);
  CHECK(*FindDocument(corpus, "t1558711.html") == 3);  // the file name is unique, the stem is not

  Result<uint32_t> ambiguous = FindDocument(corpus, "readout.md");
  REQUIRE_FALSE(ambiguous.ok());
  CHECK(ambiguous.status().code() == Status::Code::kBadUsage);
  CHECK_THAT(ambiguous.status().message(),
             Catch::Contains("2021/readout.md") && Catch::Contains("2024/readout.md"));
  CHECK_FALSE(FindDocument(corpus, "t1558711").ok());  // two stems
  CHECK_THAT(FindDocument(corpus, "nothing").status().message(), Catch::Contains("no document"));
}

}  // namespace
}  // namespace refrain
