// The reader on the three shared corpora (../shared/corpora beside the repo):
// each loads in full with its dates, and the format readers' promises hold on
// real files. Tagged [shared]: skipped when the corpora are absent. china-mfa-presscon
// has no licence: its text is never written here, only properties of it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>

#include "refrain/reader.h"
#include "shared_corpora.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

using testing::Corpora;

std::string BlockText(const Document& doc, const Block& block) {
  return doc.text.text().substr(block.begin, block.end - block.begin);
}

// Letters and digits of the text are the bytes they map to, and a block's
// positions map monotonically into the file.
void CheckOffsets(const Document& doc) {
  const std::string& t = doc.text.text();
  for (const Block& b : doc.blocks) {
    uint64_t previous = doc.text.OriginalBegin(b.begin);
    for (size_t i = b.begin; i < b.end; ++i) {
      const uint64_t o = doc.text.OriginalBegin(i);
      if (o < previous ||
          (std::isalnum(static_cast<unsigned char>(t[i])) && doc.bytes[o] != t[i])) {
        FAIL(doc.path << ": text position " << i << " maps to byte " << o);
      }
      previous = o;
    }
  }
}

bool EndsSentence(const std::string& s) {
  size_t e = s.size();
  while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '"' || s[e - 1] == ')' || s[e - 1] == '\'')) --e;
  if (e >= 3 && s.compare(e - 3, 3, "\xE2\x80\x9D") == 0) e -= 3;       // closing quote
  if (e >= 3 && s.compare(e - 3, 3, "\xE2\x80\xA6") == 0) return true;  // ellipsis
  return e > 0 && (s[e - 1] == '.' || s[e - 1] == '!' || s[e - 1] == '?' || s[e - 1] == ':' ||
                   s[e - 1] == ';');
}

// Block boundaries that cut a sentence: the block does not end one and the next
// starts in lowercase.
size_t CutSentences(const Corpus& corpus, size_t* boundaries) {
  size_t cuts = 0;
  *boundaries = 0;
  for (const Document& d : corpus.documents) {
    for (size_t i = 0; i + 1 < d.blocks.size(); ++i) {
      ++*boundaries;
      const std::string a = BlockText(d, d.blocks[i]);
      const std::string b = BlockText(d, d.blocks[i + 1]);
      if (!EndsSentence(a) && !b.empty() && std::islower(static_cast<unsigned char>(b[0]))) {
        UNSCOPED_INFO("cut in " << d.path << " at line " << d.blocks[i + 1].line);
        ++cuts;
      }
    }
  }
  return cuts;
}

TEST_CASE("wh-briefings loads in full, dated from the front matter", "[reader][shared]") {
  Result<Corpus> corpus = ReadCorpus({Corpora("wh-briefings")}, {});
  REQUIRE(corpus.ok());
  CHECK(corpus->documents.size() == 6919);
  CHECK(corpus->skipped.size() == 3);  // README_upstream.md, SOURCE.md, LICENSE_upstream
  CHECK(corpus->warnings.empty());
  for (const Document& d : corpus->documents) {
    REQUIRE(d.date_origin == "front matter");
    REQUIRE(d.date.precision == Date::Precision::kDay);
    REQUIRE(!d.Meta("title").empty());
  }
  for (size_t i = 0; i < corpus->documents.size(); i += 97) CheckOffsets(corpus->documents[i]);
  size_t boundaries = 0;
  const size_t cuts = CutSentences(*corpus, &boundaries);
  CHECK(cuts * 1000 < boundaries);  // fewer than one boundary in a thousand cuts a sentence

  const std::string path =
      "statements-releases/2024-10/2024-10-10-statement-from-vice-president-kamala-harris-on-the-"
      "passing-of-former-u-s-senator-tim-johnson.md";
  auto doc = std::find_if(corpus->documents.begin(), corpus->documents.end(),
                          [&](const Document& d) { return d.path == path; });
  REQUIRE(doc != corpus->documents.end());
  CHECK(doc->date.ToString() == "2024-10-10");
  // YAML's "\_" is a no-break space, in UTF-8.
  CHECK(doc->Meta("title") ==
        "Statement from Vice President Kamala\xC2\xA0Harris on the Passing of Former U.S. Senator "
        "Tim\xC2\xA0Johnson");
  REQUIRE(!doc->blocks.empty());
  CHECK(BlockText(*doc, doc->blocks[0]) ==
        "Senator Tim Johnson was a tenacious fighter for the people of South Dakota.");
}

TEST_CASE("ungdc loads in full, the year from the file name; wraps are undone",
          "[reader][shared]") {
  Result<Corpus> corpus = ReadCorpus({Corpora("ungdc")}, {});
  REQUIRE(corpus.ok());
  CHECK(corpus->documents.size() == 4793);
  CHECK(corpus->skipped.size() == 2);  // README_upstream.txt, SOURCE.md
  for (const Document& d : corpus->documents) {
    REQUIRE(d.date_origin == "file name");
    REQUIRE(d.date.ToString() == d.path.substr(d.path.size() - 8, 4));  // .../XXX_NN_YYYY.txt
  }
  for (size_t i = 0; i < corpus->documents.size(); i += 61) CheckOffsets(corpus->documents[i]);
  size_t boundaries = 0;
  const size_t cuts = CutSentences(*corpus, &boundaries);
  CHECK(cuts * 10000 < boundaries);

  auto doc = std::find_if(
      corpus->documents.begin(), corpus->documents.end(),
      [](const Document& d) { return d.path == "TXT/Session 79 - 2024/CHN_79_2024.txt"; });
  REQUIRE(doc != corpus->documents.end());
  std::vector<std::string> blocks;
  for (const Block& b : doc->blocks) blocks.push_back(BlockText(*doc, b));
  REQUIRE(blocks.size() >= 3);
  CHECK(blocks[0] == "Mr. President,");
  CHECK(blocks[1] == "Colleagues,");
  // Wrapped at ~100 columns, with a page break (blank line) inside this sentence.
  CHECK(blocks[2].find("keep emerging. The future of this planet is becoming a cause for growing "
                       "concern. Meanwhile, we are also embracing a world full of hope.") !=
        std::string::npos);
  // ...and the paragraph ends where the file's does.
  CHECK(blocks[2].ends_with("Our stride toward modernization has never been more steadfast."));
}

TEST_CASE("china-mfa-presscon loads in full from its manifest; chrome flagged, text once",
          "[reader][shared]") {
  Result<Corpus> corpus = ReadCorpus({Corpora("china-mfa-presscon")}, {});
  REQUIRE(corpus.ok());
  CHECK(corpus->documents.size() == 472);
  CHECK(corpus->warnings.empty());  // every text node aligned byte for byte
  std::map<int, int> years;
  for (const Document& d : corpus->documents) {
    REQUIRE(d.date_origin == "manifest");
    ++years[d.date.year];
  }
  CHECK(years == std::map<int, int>{{2018, 145}, {2019, 223}, {2020, 104}});
  for (size_t i = 0; i < corpus->documents.size(); i += 7) {
    const Document& d = corpus->documents[i];
    INFO(d.path);
    CheckOffsets(d);
    size_t content = 0, repeats = 0;
    bool heading_is_title = false;
    std::set<std::string> seen;
    for (const Block& b : d.blocks) {
      const std::string text = BlockText(d, b);
      // No markup, style sheet or script leaks into the text.
      CHECK(text.find("function(") == std::string::npos);
      CHECK(text.find("{") == std::string::npos);
      for (size_t p = text.find('<'); p != std::string::npos; p = text.find('<', p + 1))
        CHECK(!(p + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[p + 1]))));
      if (b.in_chrome) continue;
      if (b.kind == Block::Kind::kHeading && text == d.Meta("title")) heading_is_title = true;
      if (text.size() > 100) {
        ++content;
        if (!seen.insert(text).second) ++repeats;
      }
    }
    CHECK(heading_is_title);
    CHECK(content >= 2);
    // The article is in the page once: no hidden second copy (a spokesperson may
    // repeat an answer, t1599752 does, but never half the transcript).
    CHECK(repeats * 3 < content);
  }
}

}  // namespace
}  // namespace refrain
