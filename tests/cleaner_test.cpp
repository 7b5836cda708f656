#include "refrain/cleaner.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "refrain/corpus.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

// Whitespace (ASCII and NBSP) collapsed to one space, ends trimmed: how the
// expectation table and the statements compare.
std::string Collapse(std::string_view text) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool nbsp =
        c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || nbsp) {
      space = true;
      if (nbsp) ++i;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::vector<fs::path> SeedFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(REFRAIN_SOURCE_DIR) / "corpus/seed"))
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

Corpus LoadSeed() {
  CorpusOptions options;
  options.reader.undated = ReaderOptions::Undated::kKeep;
  Result<Corpus> corpus = LoadCorpus(SeedFiles(), options);
  REQUIRE(corpus.ok());
  return std::move(corpus).value();
}

struct Expectation {
  std::string file;
  bool keep;
  std::string text;
};

std::vector<Expectation> SeedExpectations() {
  std::ifstream in(fs::path(REFRAIN_SOURCE_DIR) / "tests/data/cleaner/seed_expectations.tsv");
  REQUIRE(in);
  std::vector<Expectation> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t a = line.find('\t'), b = line.find('\t', a + 1);
    REQUIRE(b != std::string::npos);
    rows.push_back(
        {line.substr(0, a), line.substr(a + 1, b - a - 1) == "keep", Collapse(line.substr(b + 1))});
  }
  return rows;
}

int DocIndex(const Corpus& corpus, std::string_view file) {
  for (size_t d = 0; d < corpus.documents.size(); ++d)
    if (fs::path(corpus.documents[d].path).filename() == file) return static_cast<int>(d);
  return -1;
}

// Bytes of the whitespace character at text[p] (ASCII, NBSP, U+2000..U+200A, U+2028,
// U+2029, U+202F, U+205F, U+3000), 0 when there is none: blanks need not be covered.
size_t UnicodeSpace(const std::string& text, size_t p) {
  const auto at = [&](size_t k) {
    return p + k < text.size() ? static_cast<unsigned char>(text[p + k]) : 0;
  };
  const unsigned char c = at(0);
  if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return 1;
  if (c == 0xC2 && (at(1) == 0xA0 || at(1) == 0x85)) return 2;
  if (c == 0xE2 && at(1) == 0x80 &&
      ((at(2) >= 0x80 && at(2) <= 0x8A) || at(2) == 0xA8 || at(2) == 0xA9 || at(2) == 0xAF))
    return 3;
  if (c == 0xE2 && at(1) == 0x81 && at(2) == 0x9F) return 3;
  if (c == 0xE3 && at(1) == 0x80 && at(2) == 0x80) return 3;
  return 0;
}

// Every non-blank byte of a document's visible text must lie in a statement or a
// dropped span (mapped back to original offsets): nothing is lost silently.
// Returns the visible text of the first byte that is in neither, or "".
std::string FirstLostText(const Corpus& corpus, uint32_t d) {
  const Document& doc = corpus.documents[d];
  std::vector<std::pair<uint64_t, uint64_t>> spans;
  for (const Statement& s : corpus.statements)
    if (s.doc == d) spans.emplace_back(s.start, s.end);
  for (const DroppedSpan& s : corpus.dropped)
    if (s.doc == d) spans.emplace_back(s.start, s.end);
  std::sort(spans.begin(), spans.end());
  const std::string& text = doc.text.text();
  for (size_t p = 0; p < text.size(); ++p) {
    if (size_t n = UnicodeSpace(text, p)) {
      p += n - 1;
      continue;
    }
    const uint64_t at = doc.text.OriginalBegin(p);
    auto it = std::upper_bound(spans.begin(), spans.end(), std::make_pair(at, UINT64_MAX));
    bool covered = false;
    // Spans may overlap at most a little; look back over the few that start before `at`.
    for (int back = 0; back < 4 && it != spans.begin(); ++back) {
      --it;
      if (it->first <= at && at < it->second) {
        covered = true;
        break;
      }
    }
    if (!covered) return text.substr(p, 60);
  }
  return {};
}

TEST_CASE("seed: every report sentence survives, no listed clutter does", "[cleaner]") {
  const Corpus corpus = LoadSeed();
  REQUIRE(corpus.documents.size() == 5);
  const std::vector<Expectation> rows = SeedExpectations();
  REQUIRE(rows.size() > 100);
  for (const Expectation& row : rows) {
    const int d = DocIndex(corpus, row.file);
    REQUIRE(d >= 0);
    const Document& doc = corpus.documents[d];
    bool in_statement = false, in_dropped = false;
    for (const Statement& s : corpus.statements) {
      if (s.doc != static_cast<uint32_t>(d) || s.text.find(row.text) == std::string::npos) continue;
      in_statement = true;
      // The statement quotes the original file: its bytes hold the sentence too.
      CHECK(Collapse(doc.bytes.substr(s.start, s.end - s.start)).find(row.text) !=
            std::string::npos);
    }
    for (const DroppedSpan& s : corpus.dropped)
      if (s.doc == static_cast<uint32_t>(d) && Collapse(s.text).find(row.text) != std::string::npos)
        in_dropped = true;
    INFO(row.file << (row.keep ? " keep: " : " drop: ") << row.text);
    if (row.keep) {
      CHECK(in_statement);
    } else {
      CHECK_FALSE(in_statement);
      CHECK(in_dropped);
    }
  }
}

TEST_CASE("seed: a report sentence repeated within a document is kept twice", "[cleaner]") {
  // 004 gives its abstract and lead twice; both copies are report text.
  const Corpus corpus = LoadSeed();
  const int d = DocIndex(corpus, "004_c404e962366cc024.txt");
  REQUIRE(d >= 0);
  const std::string lead =
      "held talks with his Russian counterpart Sergey Lavrov here on Thursday.";
  const std::string uphold = "China is ready to work with Russia to uphold the ASEAN-centered";
  int leads = 0, upholds = 0;
  for (const Statement& s : corpus.statements) {
    if (s.doc != static_cast<uint32_t>(d)) continue;
    if (s.text.find(lead) != std::string::npos) ++leads;
    if (s.text.find(uphold) != std::string::npos) ++upholds;
  }
  CHECK(leads == 2);
  CHECK(upholds == 2);
}

TEST_CASE("seed: stray markup is cut and the sentence after it starts past it", "[cleaner]") {
  const Corpus corpus = LoadSeed();
  const int d = DocIndex(corpus, "000_0f0b367ac9a6d8a8.txt");
  REQUIRE(d >= 0);
  const Document& doc = corpus.documents[d];
  const size_t tag = doc.bytes.find("< br>");
  REQUIRE(tag != std::string::npos);
  const std::string sentence = "Russia supports China in hosting the Winter Olympics in Beijing";
  bool found = false;
  for (const Statement& s : corpus.statements) {
    if (s.doc != static_cast<uint32_t>(d) || s.text.find(sentence) == std::string::npos) continue;
    found = true;
    CHECK(s.text.rfind("Russia supports", 0) == 0);
    CHECK(s.start == doc.bytes.find("Russia supports China in hosting"));
    CHECK(s.text.find('<') == std::string::npos);
  }
  CHECK(found);
  bool markup = false;
  for (const DroppedSpan& s : corpus.dropped)
    if (s.doc == static_cast<uint32_t>(d) && s.reason == "markup") {
      markup = true;
      CHECK(s.start == tag);
      CHECK(s.end == tag + 5);
    }
  CHECK(markup);
}

TEST_CASE("seed: nothing is lost, statements quote their bytes, ids run in order", "[cleaner]") {
  const Corpus corpus = LoadSeed();
  for (uint32_t d = 0; d < corpus.documents.size(); ++d) {
    INFO(corpus.documents[d].path);
    CHECK(FirstLostText(corpus, d) == "");
  }
  for (size_t i = 0; i < corpus.statements.size(); ++i) {
    const Statement& s = corpus.statements[i];
    CHECK(s.id == i);
    if (i > 0) {
      const Statement& p = corpus.statements[i - 1];
      CHECK(std::make_pair(p.doc, p.start) < std::make_pair(s.doc, s.start));
    }
    // Seed files are plain text: the normalised text is the original bytes, whitespace collapsed.
    const Document& doc = corpus.documents[s.doc];
    CHECK(Collapse(doc.bytes.substr(s.start, s.end - s.start)) == s.text);
  }
  for (const DroppedSpan& s : corpus.dropped) {
    CHECK(s.start < s.end);
    CHECK_FALSE(s.reason.empty());
  }
}

// Hand-built documents: one block per line of `lines`, the given source.
Document MakeDocument(std::string path, std::string source, const std::vector<std::string>& lines) {
  Document doc;
  doc.path = std::move(path);
  doc.source = std::move(source);
  for (size_t i = 0; i < lines.size(); ++i) {
    const size_t begin = doc.bytes.size();
    doc.bytes += lines[i];
    doc.blocks.push_back(
        {begin, doc.bytes.size(), Block::Kind::kParagraph, static_cast<uint32_t>(i + 1), 0, false});
    doc.bytes += '\n';
  }
  doc.text.AppendCopy(doc.bytes, 0);
  return doc;
}

std::vector<std::string> KeptTexts(const Corpus& corpus, uint32_t d) {
  std::vector<std::string> out;
  for (const Block& b : corpus.documents[d].blocks)
    out.push_back(corpus.documents[d].text.text().substr(b.begin, b.end - b.begin));
  return out;
}

TEST_CASE("blocks repeated across many documents of a source go, report formulas stay",
          "[cleaner]") {
  // Eight documents of one source share a footer and a menu line; a formula sentence
  // recurs in half of them (as spokespeople repeat answers) and must stay.
  const std::string footer = "Copyright 1998-2014 Ministry of Foreign Affairs";
  const std::string menu = "Home Press and Media Service Spokesperson's Remarks";
  const std::string formula =
      "China and Russia should firmly uphold the principles of the UN Charter and genuine "
      "multilateralism, Wang noted.";
  Corpus corpus;
  for (int i = 0; i < 8; ++i) {
    std::vector<std::string> lines = {menu, "Report number " + std::to_string(i) + " follows."};
    if (i % 2 == 0) lines.push_back(formula);
    lines.push_back(footer);
    corpus.documents.push_back(MakeDocument("d" + std::to_string(i), "src", lines));
  }
  // The same footer once in another source is not furniture there.
  corpus.documents.push_back(MakeDocument("other", "elsewhere", {footer + "."}));
  REQUIRE(Clean(corpus, CleanerOptions{}).ok());
  for (uint32_t d = 0; d < 8; ++d) {
    const std::vector<std::string> kept = KeptTexts(corpus, d);
    CHECK(std::find(kept.begin(), kept.end(), footer) == kept.end());
    CHECK(std::find(kept.begin(), kept.end(), menu) == kept.end());
    CHECK(std::count(kept.begin(), kept.end(), formula) == (d % 2 == 0 ? 1 : 0));
  }
  CHECK(KeptTexts(corpus, 8).size() == 1);
  size_t repeated = 0;
  for (const DroppedSpan& s : corpus.dropped) repeated += s.reason == "repeated across source";
  CHECK(repeated == 16);
}

TEST_CASE("link-dense and chrome blocks are navigation", "[cleaner]") {
  Corpus corpus;
  corpus.documents.push_back(
      MakeDocument("page", "",
                   {"Home The Ministry Main Functions Departments",
                    "This is Lavrov's first visit to China since the outbreak of the pandemic.",
                    "Related Agencies Tour the Ministry"}));
  Document& doc = corpus.documents[0];
  doc.blocks[0].link_bytes = static_cast<uint32_t>(doc.blocks[0].end - doc.blocks[0].begin - 5);
  doc.blocks[2].in_chrome = true;
  REQUIRE(Clean(corpus, CleanerOptions{}).ok());
  REQUIRE(corpus.documents[0].blocks.size() == 1);
  REQUIRE(corpus.dropped.size() == 2);
  CHECK(corpus.dropped[0].reason == "navigation");
  CHECK(corpus.dropped[1].reason == "navigation");
  CHECK(corpus.dropped[1].text == "Related Agencies Tour the Ministry");
}

TEST_CASE("web-UI, contact, image and counter blocks are judged by shape", "[cleaner]") {
  struct Case {
    std::string line;
    std::string reason;  // "" = kept
  };
  // Real lines: the seed's clutter, and report sentences that share its words.
  const std::vector<Case> cases = {
      {"Your email address will not be published. Required fields are marked *",
       "form or call to action"},
      {"If you have any questions, please enter them in the box below.", "form or call to action"},
      {"Click on the button below to create your account and get immediate access to thousands "
       "of articles.",
       "form or call to action"},
      {"Editor at TDI and GNP | mashraf12.ma@gmail.com", "e-mail/contact"},
      {"c45b0ee9932a43a28a293bb439b911c4.JPEG", "image file name"},
      {"19.09.2021 93 просмотров", "date or counter"},
      {"Xinhua) 14:19, July 16, 2021", "date or counter"},
      // Report text with words a naive list would catch ("subscribe", "views", "share").
      {"We fully subscribe to the view that the Council must share its burden.", ""},
      {"The two sides also exchanged views on major issues concerning peace and security.", ""},
      {"Lavrov said Russia fully supports China in assuming the rotating presidency of the SCO.",
       ""},
      {"Embrace it!", ""},
  };
  for (const Case& c : cases) {
    Corpus corpus;
    corpus.documents.push_back(MakeDocument("doc", "", {c.line}));
    REQUIRE(Clean(corpus, CleanerOptions{}).ok());
    INFO(c.line);
    if (c.reason.empty()) {
      CHECK(corpus.documents[0].blocks.size() == 1);
      CHECK(corpus.dropped.empty());
    } else {
      CHECK(corpus.documents[0].blocks.empty());
      REQUIRE(corpus.dropped.size() == 1);
      CHECK(corpus.dropped[0].reason == c.reason);
      CHECK(corpus.dropped[0].start == 0);
      CHECK(corpus.dropped[0].end == c.line.size());
    }
  }
}

// ---- china-mfa-presscon (../shared only; never copied into the repository) ----

fs::path SharedCorpus(const char* name) {
  return fs::path(REFRAIN_SOURCE_DIR).parent_path() / "shared" / "corpora" / name;
}

// The [open, close) byte ranges of <a ...>...</a> elements in `html` (any case).
std::vector<std::pair<size_t, size_t>> LinkRanges(const std::string& html) {
  std::string lower(html);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<std::pair<size_t, size_t>> ranges;
  for (size_t at = lower.find("<a"); at != std::string::npos; at = lower.find("<a", at + 2)) {
    if (at + 2 >= lower.size() || (lower[at + 2] != ' ' && lower[at + 2] != '>')) continue;
    const size_t close = lower.find("</a>", at);
    ranges.emplace_back(at, close == std::string::npos ? lower.size() : close);
  }
  return ranges;
}

bool InsideLink(const std::vector<std::pair<size_t, size_t>>& links, uint64_t offset) {
  auto it = std::upper_bound(links.begin(), links.end(), std::make_pair(offset, SIZE_MAX));
  return it != links.begin() && offset < std::prev(it)->second;
}

TEST_CASE("china-mfa-presscon: page chrome goes, the Q&A stays", "[cleaner][shared]") {
  const fs::path root = SharedCorpus("china-mfa-presscon");
  REQUIRE(fs::exists(root));
  CorpusOptions options;
  Result<Corpus> loaded = LoadCorpus({root}, options);
  REQUIRE(loaded.ok());
  const Corpus& corpus = loaded.value();
  REQUIRE(corpus.documents.size() == 472);

  std::vector<size_t> per_doc(corpus.documents.size());
  std::vector<std::vector<uint64_t>> starts(corpus.documents.size());
  std::vector<std::vector<std::pair<size_t, size_t>>> links(corpus.documents.size());
  for (size_t d = 0; d < corpus.documents.size(); ++d)
    links[d] = LinkRanges(corpus.documents[d].bytes);
  size_t in_links = 0;
  std::string example_in_link;
  for (const Statement& s : corpus.statements) {
    ++per_doc[s.doc];
    starts[s.doc].push_back(s.start);
    if (InsideLink(links[s.doc], s.start)) {
      ++in_links;
      if (example_in_link.empty())
        example_in_link = corpus.documents[s.doc].path + ":" + std::to_string(s.start);
    }
  }
  // Menu items, "Related News" titles and breadcrumbs are links: no statement is one.
  INFO("first statement inside a link: " << example_in_link);
  CHECK(in_links * 1000 <= corpus.statements.size());

  // Every question and answer marker in the page body ("Q:" / "A:" right after a tag)
  // starts a turn: a statement, or the speaker label (dropped as such) before one.
  for (const DroppedSpan& span : corpus.dropped)
    if (span.reason == "speaker label") starts[span.doc].push_back(span.start);
  for (auto& list : starts) std::sort(list.begin(), list.end());
  size_t markers = 0, started = 0;
  std::string example_lost;
  for (uint32_t d = 0; d < corpus.documents.size(); ++d) {
    const Document& doc = corpus.documents[d];
    for (const char* marker : {">Q:", ">A:"})
      for (size_t at = doc.bytes.find(marker); at != std::string::npos;
           at = doc.bytes.find(marker, at + 1)) {
        ++markers;
        if (std::binary_search(starts[d].begin(), starts[d].end(), at + 1))
          ++started;
        else if (example_lost.empty())
          example_lost = doc.path + ":" + std::to_string(at + 1);
      }
  }
  INFO("first Q/A marker not starting a statement: " << example_lost);
  CHECK(markers > 5000);
  CHECK(started * 100 >= markers * 99);

  // Each page is a transcript (the shortest has five statements), and its chrome is dropped.
  size_t thin = 0;
  for (size_t n : per_doc) thin += n < 3;
  CHECK(thin == 0);
  std::map<std::string, size_t> by_reason;
  for (const DroppedSpan& s : corpus.dropped) ++by_reason[s.reason];
  CHECK(by_reason["repeated across source"] + by_reason["navigation"] >= corpus.documents.size());

  for (uint32_t d = 0; d < corpus.documents.size(); d += 47) {
    INFO(corpus.documents[d].path);
    CHECK(FirstLostText(corpus, d) == "");
  }
}

TEST_CASE("wh-briefings and ungdc samples: nothing is lost, statements are one clean line",
          "[cleaner][shared]") {
  const fs::path wh = SharedCorpus("wh-briefings") / "statements-releases" / "2022-02";
  const fs::path un = SharedCorpus("ungdc") / "TXT" / "Session 63 - 2008";
  REQUIRE(fs::exists(wh));
  REQUIRE(fs::exists(un));
  for (const fs::path& folder : {wh, un}) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    Result<Corpus> loaded = LoadCorpus(files, CorpusOptions{});
    REQUIRE(loaded.ok());
    const Corpus& corpus = loaded.value();
    REQUIRE(corpus.documents.size() > 100);
    REQUIRE(corpus.statements.size() > corpus.documents.size() * 10);
    for (uint32_t d = 0; d < corpus.documents.size(); ++d) {
      INFO(corpus.documents[d].path);
      CHECK(FirstLostText(corpus, d) == "");
    }
    for (const Statement& s : corpus.statements) {
      INFO(corpus.documents[s.doc].path << ":" << s.start);
      CHECK(s.start < s.end);
      CHECK(s.end <= corpus.documents[s.doc].bytes.size());
      CHECK(s.text.find('\n') == std::string::npos);
      CHECK(s.text.find("  ") == std::string::npos);
      CHECK_FALSE(s.text.empty());
    }
  }
}

}  // namespace
}  // namespace refrain
