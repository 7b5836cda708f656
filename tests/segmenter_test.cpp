#include "refrain/segmenter.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "refrain/corpus.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

// A document as the reader makes one from hard-wrapped text: each line copied,
// each line feed replaced by a space, the whole paragraph one block of `kind`.
// `replace` maps original bytes to stand-ins (a repaired byte -> U+FFFD).
Document WrappedDocument(const std::string& bytes, Block::Kind kind = Block::Kind::kParagraph,
                         std::vector<std::pair<std::string, std::string>> replace = {}) {
  Document doc;
  doc.path = "doc.md";
  doc.bytes = bytes;
  size_t i = 0;
  while (i < bytes.size()) {
    bool replaced = false;
    for (const auto& [from, to] : replace)
      if (bytes.compare(i, from.size(), from) == 0) {
        doc.text.AppendReplacement(to, i, i + from.size());
        i += from.size();
        replaced = true;
        break;
      }
    if (replaced) continue;
    if (bytes[i] == '\n') {
      doc.text.AppendReplacement(" ", i, i + 1);
      ++i;
      continue;
    }
    size_t j = i;
    while (j < bytes.size() && bytes[j] != '\n') {
      bool stop = false;
      for (const auto& [from, to] : replace) stop |= bytes.compare(j, from.size(), from) == 0;
      if (stop) break;
      ++j;
    }
    doc.text.AppendCopy(std::string_view(bytes).substr(i, j - i), i);
    i = j;
  }
  doc.blocks.push_back({0, doc.text.size(), kind, 1, 0, false});
  return doc;
}

Corpus CorpusOf(std::vector<Document> docs) {
  Corpus corpus;
  corpus.documents = std::move(docs);
  return corpus;
}

std::string Original(const Corpus& corpus, const Statement& s) {
  return corpus.documents[s.doc].bytes.substr(s.start, s.end - s.start);
}

// A White House readout (wh-briefings, CC0), hard-wrapped as published, with the
// NBSP after two full stops: "Dr.", "Feb." and "Mr." must not end sentences.
const std::string kReadout =
    "National Security Advisor Jake Sullivan hosted Israeli National Security\n"
    "Advisor Dr. Eyal Hulata at the White House on Feb. 9 to consult on a\n"
    "range of global and issues of mutual concern.\xC2\xA0 They underscored their\n"
    "shared determination to address security challenges impacting the Middle\n"
    "East, including the threats posed by Iran and its proxies. Mr. Sullivan\n"
    "reiterated President Biden\xE2\x80\x99s unwavering support to Israel\xE2\x80\x99s "
    "security and\n"
    "to ensuring Iran never obtains a nuclear weapon.";

TEST_CASE("abbreviations do not end sentences; offsets quote the wrapped original", "[segmenter]") {
  Corpus corpus = CorpusOf({WrappedDocument(kReadout)});
  REQUIRE(Segment(corpus, SegmenterOptions{}).ok());
  REQUIRE(corpus.statements.size() == 3);
  const std::vector<std::string> expected = {
      "National Security Advisor Jake Sullivan hosted Israeli National Security Advisor Dr. "
      "Eyal Hulata at the White House on Feb. 9 to consult on a range of global and issues of "
      "mutual concern.",
      "They underscored their shared determination to address security challenges impacting "
      "the Middle East, including the threats posed by Iran and its proxies.",
      "Mr. Sullivan reiterated President Biden\xE2\x80\x99s unwavering support to "
      "Israel\xE2\x80\x99s security and to ensuring Iran never obtains a nuclear weapon."};
  for (size_t i = 0; i < expected.size(); ++i) {
    const Statement& s = corpus.statements[i];
    CHECK(s.id == i);
    CHECK(s.text == expected[i]);
    std::string original = Original(corpus, s);
    std::replace(original.begin(), original.end(), '\n', ' ');
    CHECK(original == expected[i]);
  }
  CHECK(corpus.statements[0].start == 0);
  CHECK(corpus.statements[1].start == kReadout.find("They underscored"));
  CHECK(corpus.statements[2].start == kReadout.find("Mr. Sullivan"));
  CHECK(corpus.statements[2].end == kReadout.size());
  CHECK(corpus.dropped.empty());
}

TEST_CASE("\"U.S.\" at a line end stays inside its sentence", "[segmenter]") {
  // President Biden's statement of 2021-05-26 on the origins of COVID-19 (wh-briefings).
  const std::string bytes =
      "or from a laboratory accident. I received that report earlier this\n"
      "month, and asked for additional follow-up. As of today, the U.S.\n"
      "Intelligence Community has \xE2\x80\x9C"
      "coalesced around two likely scenarios\xE2\x80\x9D but\n"
      "has not reached a definitive conclusion on this question.";
  Corpus corpus = CorpusOf({WrappedDocument(bytes)});
  REQUIRE(Segment(corpus, SegmenterOptions{}).ok());
  std::vector<std::string> texts;
  for (const Statement& s : corpus.statements) texts.push_back(s.text);
  // "or from a laboratory accident." starts lower case: a fragment cut by the excerpt, but it
  // has its full stop, so it stays a statement.
  REQUIRE(texts.size() == 3);
  CHECK(texts[0] == "or from a laboratory accident.");
  CHECK(texts[1] ==
        "I received that report earlier this month, and asked for additional "
        "follow-up.");
  CHECK(texts[2] ==
        "As of today, the U.S. Intelligence Community has \xE2\x80\x9C"
        "coalesced around two likely scenarios\xE2\x80\x9D but has not reached a definitive "
        "conclusion on this question.");
  CHECK(corpus.dropped.empty());
}

TEST_CASE("common abbreviations keep their sentence whole", "[segmenter]") {
  struct Case {
    std::string text;
    size_t sentences;
  };
  const std::vector<Case> cases = {
      // ungdc QAT_63_2008.txt
      {"I should like also to thank your predecessor, Mr. Srgjan Kerim, for all of his efforts "
       "in the previous session. I should further like to thank the Secretary-General.",
       2},
      // wh-briefings phrases: "the No. 2 role", "(Jan. 20, 2021)", "Dr. Hulata"
      {"Governor Philip Jefferson is elevated to the No. 2 role. He is an economist.", 2},
      {"The order was signed on Jan. 20, 2021. It took effect at once.", 2},
      {"Mr. Sullivan and Dr. Hulata agreed to maintain the close coordination between their "
       "interagency teams.",
       1},
      {"Mrs. Biden met Gen. Milley and Sen. Warner in Washington, D.C. on Tuesday.", 1},
      // wh-briefings 2022-02-11 (Vice President Harris): NBSP and a space after "Ms.".
      {"Let us think of this as an issue that is, yes, Ms.\xC2\xA0 Carter, about education.", 1},
      // wh-briefings nominations: a middle initial.
      {"President Biden announced his intent to nominate Robert E. Leslie, Jr. as a Member of "
       "the Board.",
       1},
      // A real sentence end still ends a sentence.
      {"Lavrov said Russia fully supports China. Wang Yi thanked him.", 2},
      // Transcripts set honorifics in capitals: "MS. JEAN-PIERRE", "MR. KIRBY", "DR. JHA".
      {"I will turn it over to MS. JEAN-PIERRE and MR. KIRBY, then DR. JHA.", 1},
      // Federal Register citations (wh-briefings executive orders).
      {"See 86 Fed. Reg. 7009 (Jan. 25, 2021) for the rule. It took effect at once.", 2},
      {"The order was published at 86 Fed. Reg. 7009. We then acted.", 2},
      {"The rate was set by the Fed. The markets rose.", 2},
      {"Consistent with Pub. L. 117-58, the Secretary shall report.", 1},
      // A dotted acronym before a word that opens a sentence ends one; before a name, not.
      {"We have sanctioned entities in the U.S. We will do more.", 2},
      {"The meeting was held in Washington, D.C. The talks went well.", 2},
      {"The U.S. Government and the U.N. Secretary-General spoke.", 1},
      {"The U.S. Intelligence Community briefed the U.S. House of Representatives.", 1},
  };
  for (const Case& c : cases) {
    Corpus corpus = CorpusOf({WrappedDocument(c.text)});
    REQUIRE(Segment(corpus, SegmenterOptions{}).ok());
    INFO(c.text);
    CHECK(corpus.statements.size() == c.sentences);
  }
}

TEST_CASE("stage directions and list numbers are dropped with their reason", "[segmenter]") {
  Corpus corpus = CorpusOf({WrappedDocument(
      "Thank you all for coming. (Applause.) We have work to do. 1. We will lower costs. "
      "(Laughter.) And (a) first, and (b) second. [Inaudible.] It was 2021.")});
  REQUIRE(Segment(corpus, SegmenterOptions{}).ok());
  std::vector<std::string> kept, reasons;
  for (const Statement& s : corpus.statements) kept.push_back(s.text);
  for (const DroppedSpan& d : corpus.dropped) reasons.push_back(d.reason + " " + d.text);
  CHECK(kept == std::vector<std::string>{"Thank you all for coming.", "We have work to do.",
                                         "We will lower costs.", "And (a) first, and (b) second.",
                                         "It was 2021."});
  CHECK(reasons == std::vector<std::string>{"stage direction (Applause.)", "list number 1.",
                                            "stage direction (Laughter.)",
                                            "stage direction [Inaudible.]"});
}

TEST_CASE("non-ASCII text and repaired bytes keep true byte offsets", "[segmenter]") {
  // Cyrillic (seed 000's widget title), curly quotes (seed 001), and an invalid byte the
  // reader repaired as U+FFFD: ICU works in UTF-16, offsets must come back as UTF-8 bytes.
  const std::string bytes =
      "\xD0\x9D\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8 "
      "\xD0\xBF\xD0\xB0\xD1\x80\xD1\x82\xD0\xBD\xD1\x91\xD1\x80\xD0\xBE\xD0\xB2 is a widget "
      "title, he said.\n"
      "This is Lavrov\xE2\x80\x99s first visit to China since the outbreak of the "
      "\xE2\x80\x9C"
      "COVID-19\xE2\x80\x9D pandemic. The \xFF sides met.";
  Corpus corpus =
      CorpusOf({WrappedDocument(bytes, Block::Kind::kParagraph, {{"\xFF", "\xEF\xBF\xBD"}})});
  REQUIRE(Segment(corpus, SegmenterOptions{}).ok());
  REQUIRE(corpus.statements.size() == 3);
  const Statement& first = corpus.statements[0];
  const Statement& second = corpus.statements[1];
  const Statement& third = corpus.statements[2];
  CHECK(first.start == 0);
  CHECK(Original(corpus, first) == bytes.substr(0, bytes.find('\n')));
  CHECK(second.start == bytes.find("This is Lavrov"));
  CHECK(Original(corpus, second).back() == '.');
  CHECK(second.text ==
        "This is Lavrov\xE2\x80\x99s first visit to China since the outbreak of the "
        "\xE2\x80\x9C"
        "COVID-19\xE2\x80\x9D pandemic.");
  CHECK(Original(corpus, third) == "The \xFF sides met.");
  CHECK(third.text == "The \xEF\xBF\xBD sides met.");
}

TEST_CASE("fragments, headings and lone addresses are dropped with a reason", "[segmenter]") {
  struct Case {
    std::string text;
    Block::Kind kind;
    std::string reason;  // "" = a statement
  };
  const std::vector<Case> cases = {
      {"China, Russia discuss strategic regional, global issues", Block::Kind::kHeading, "heading"},
      {"Mehwish Ashraf", Block::Kind::kParagraph, "heading or fragment"},
      {"Foreign Ministers of Russia and China had telephone contact", Block::Kind::kParagraph,
       "heading or fragment"},
      {"silkroadweekly@xinhua.org", Block::Kind::kParagraph, "e-mail/contact"},
      {"http://img.silkroad.news.cn/templates/silkroad/en2017te", Block::Kind::kParagraph, "link"},
      {"c45b0ee9932a43a28a293bb439b911c4.JPEG", Block::Kind::kParagraph, "image file name"},
      // A fact-sheet bullet without its full stop is still a statement.
      {"Expanding access to affordable child care for working families", Block::Kind::kListItem,
       ""},
      // Speech cut off in a transcript, and a speaker trailing off, are statements.
      {"Q So we don\xE2\x80\x99t know whether it was \xE2\x80\x94", Block::Kind::kParagraph, ""},
      {"An age of polarization, impunity, instability\xE2\x80\xA6", Block::Kind::kParagraph, ""},
      {"Embrace it!", Block::Kind::kParagraph, ""},
  };
  for (const Case& c : cases) {
    Corpus corpus = CorpusOf({WrappedDocument(c.text, c.kind)});
    REQUIRE(Segment(corpus, SegmenterOptions{}).ok());
    INFO(c.text);
    if (c.reason.empty()) {
      CHECK(corpus.statements.size() == 1);
      CHECK(corpus.dropped.empty());
    } else {
      CHECK(corpus.statements.empty());
      REQUIRE(corpus.dropped.size() == 1);
      CHECK(corpus.dropped[0].reason == c.reason);
      CHECK(corpus.dropped[0].start == 0);
      CHECK(corpus.dropped[0].end == c.text.size());
    }
  }
}

TEST_CASE("a teaser cut mid-word is dropped, a whole word before an ellipsis is not",
          "[segmenter]") {
  // Seed 001's "Check Also" teaser: "relatio" elsewhere only starts "relations".
  Document doc;
  doc.path = "001";
  doc.bytes =
      "They discussed international relations.\n"
      "BY UME HABIBA This article delves into the importance of religion in international "
      "relatio\xE2\x80\xA6";
  doc.text.AppendCopy(doc.bytes, 0);
  const size_t nl = doc.bytes.find('\n');
  doc.blocks.push_back({0, nl, Block::Kind::kParagraph, 1, 0, false});
  doc.blocks.push_back({nl + 1, doc.bytes.size(), Block::Kind::kParagraph, 2, 0, false});
  Corpus corpus = CorpusOf({doc});
  REQUIRE(Segment(corpus, SegmenterOptions{}).ok());
  CHECK(corpus.statements.size() == 1);
  REQUIRE(corpus.dropped.size() == 1);
  CHECK(corpus.dropped[0].reason == "truncated teaser");
}

TEST_CASE("a sentence cut by a page break is one statement over both blocks", "[segmenter]") {
  // ungdc USA_68_2013.txt: a page break (form feed) falls inside a sentence.
  Document doc;
  doc.path = "USA_68_2013.txt";
  doc.bytes =
      "Others have suggested that my willingness to direct even limited military \n\n\n\f\n"
      "strikes to deter the further use of chemical weapons shows that we have learned "
      "nothing from Iraq.\n\nMr President\n\nthank you.";
  doc.text.AppendCopy(doc.bytes, 0);
  const size_t first_end = doc.bytes.find(" \n");
  const size_t second = doc.bytes.find("strikes");
  const size_t second_end = doc.bytes.find("Iraq.") + 5;
  const size_t third = doc.bytes.find("Mr President");
  const size_t fourth = doc.bytes.find("thank you.");
  doc.blocks.push_back({0, first_end, Block::Kind::kParagraph, 1, 0, false});
  doc.blocks.push_back({second, second_end, Block::Kind::kParagraph, 5, 0, false});
  // Two words before a lower-case block: a salutation, not a cut sentence.
  doc.blocks.push_back({third, third + 12, Block::Kind::kParagraph, 7, 0, false});
  doc.blocks.push_back({fourth, doc.bytes.size(), Block::Kind::kParagraph, 9, 0, false});
  Corpus corpus = CorpusOf({doc});
  REQUIRE(Segment(corpus, SegmenterOptions{}).ok());
  REQUIRE(corpus.statements.size() == 2);
  const Statement& s = corpus.statements[0];
  CHECK(s.start == 0);
  CHECK(s.end == second_end);
  CHECK(s.text ==
        "Others have suggested that my willingness to direct even limited military strikes to "
        "deter the further use of chemical weapons shows that we have learned nothing from "
        "Iraq.");
  CHECK(corpus.statements[1].text == "thank you.");
  REQUIRE(corpus.dropped.size() == 1);
  CHECK(corpus.dropped[0].text == "Mr President");

  SegmenterOptions apart;
  apart.join_across_blocks = false;
  Corpus separate = CorpusOf({doc});
  REQUIRE(Segment(separate, apart).ok());
  CHECK(separate.statements.size() == 2);
  CHECK(separate.dropped.size() == 2);
}

TEST_CASE("ids are global in (doc, offset) order and the same for any thread count",
          "[segmenter]") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(REFRAIN_SOURCE_DIR) / "corpus/seed"))
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  CorpusOptions options;
  options.reader.undated = ReaderOptions::Undated::kKeep;
  options.cleaner.threads = options.segmenter.threads = 1;
  Result<Corpus> one = LoadCorpus(files, options);
  options.cleaner.threads = options.segmenter.threads = 3;
  Result<Corpus> three = LoadCorpus(files, options);
  REQUIRE(one.ok());
  REQUIRE(three.ok());
  REQUIRE(one->statements.size() > 50);
  REQUIRE(one->statements.size() == three->statements.size());
  for (size_t i = 0; i < one->statements.size(); ++i) {
    const Statement& a = one->statements[i];
    const Statement& b = three->statements[i];
    CHECK(a.id == i);
    CHECK(std::tie(a.id, a.doc, a.start, a.end, a.text) ==
          std::tie(b.id, b.doc, b.start, b.end, b.text));
    if (i > 0)
      CHECK(std::tie(one->statements[i - 1].doc, one->statements[i - 1].start) <
            std::tie(a.doc, a.start));
  }
  REQUIRE(one->dropped.size() == three->dropped.size());
  for (size_t i = 0; i < one->dropped.size(); ++i) {
    const DroppedSpan& a = one->dropped[i];
    const DroppedSpan& b = three->dropped[i];
    CHECK(std::tie(a.doc, a.start, a.end, a.reason, a.text) ==
          std::tie(b.doc, b.start, b.end, b.reason, b.text));
  }
}

TEST_CASE("wh-briefings: \"U.S.\", \"Mr.\" and \"Dr.\" sentences stay whole",
          "[segmenter][shared]") {
  const fs::path month = fs::path(REFRAIN_SOURCE_DIR).parent_path() /
                         "shared/corpora/wh-briefings/statements-releases/2022-02";
  REQUIRE(fs::exists(month));
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(month)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  Result<Corpus> loaded = LoadCorpus(files, CorpusOptions{});
  REQUIRE(loaded.ok());
  const Corpus& corpus = loaded.value();
  REQUIRE(corpus.documents.size() == files.size());
  size_t us_inside = 0, titles_inside = 0;
  for (const Statement& s : corpus.statements) {
    INFO(corpus.documents[s.doc].path << ":" << s.start << " " << s.text);
    for (const char* title : {" Mr.", " Mrs.", " Ms.", " Dr."}) {
      const std::string_view t(title);
      CHECK_FALSE((s.text.size() >= t.size() &&
                   s.text.compare(s.text.size() - t.size(), t.size(), t) == 0));
    }
    for (size_t at = s.text.find("U.S. "); at != std::string::npos;
         at = s.text.find("U.S. ", at + 1))
      us_inside += at + 5 < s.text.size() && s.text[at + 5] >= 'A' && s.text[at + 5] <= 'Z';
    titles_inside +=
        s.text.find("Mr. ") != std::string::npos || s.text.find("Dr. ") != std::string::npos;
    // A statement ending in "U.S." must end its paragraph, not stop before "U.S. Officials".
    if (s.text.size() >= 4 && s.text.compare(s.text.size() - 4, 4, "U.S.") == 0) {
      const std::string& bytes = corpus.documents[s.doc].bytes;
      size_t next = s.end;
      while (next < bytes.size() && bytes[next] == ' ') ++next;
      CHECK((next >= bytes.size() || bytes[next] == '\n' || bytes[next] == '\r'));
    }
  }
  // The month has dozens of each: the checks above did run on real cases.
  CHECK(us_inside >= 20);
  CHECK(titles_inside >= 10);
}

}  // namespace
}  // namespace refrain

namespace refrain {
namespace {

TEST_CASE("hostile input: a run of paragraph separators segments in linear time", "[segmenter]") {
  // ICU breaks after each U+2029 or NEL; the white space at each break was stripped again back
  // to the last word, and forward to the next: 130 KB took 72 s. 1.3 MB of each (10x) now.
  for (const std::string separator : {"\xE2\x80\xA9", "\xC2\x85"}) {
    INFO("separator bytes " << separator.size());
    std::string bytes = "The talks went well in the U.S.";
    while (bytes.size() < (1300u << 10)) bytes += separator;
    bytes += "We will meet again next year.";
    Corpus corpus = CorpusOf({WrappedDocument(bytes)});
    SegmenterOptions options;
    options.threads = 1;
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(Segment(corpus, options).ok());
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 2);
    // "U.S." before the separators and a sentence opener after them ends the sentence, as the
    // abbreviation rule says, however much white space lies between.
    REQUIRE(corpus.statements.size() == 2);
    CHECK(corpus.statements[0].text == "The talks went well in the U.S.");
    CHECK(corpus.statements[1].text == "We will meet again next year.");
  }
}

}  // namespace
}  // namespace refrain
