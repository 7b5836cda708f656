// The index: what Build stores is the corpus (statements, units, term counts), Add keeps the
// counts exact and replaces a changed file, a killed Add leaves the file as it was, a bad file
// is refused clearly, and Match finds for a document what talking-points finds for it over
// the whole corpus.
#include "refrain/index.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "refrain/claims.h"
#include "refrain/corpus.h"
#include "refrain/match_report.h"
#include "refrain/matcher.h"
#include "refrain/parser.h"
#include "refrain/talking_points.h"
#include "refrain/tokenizer.h"
#include "refrain/version.h"
#include "run_command.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;
using testing::CommandRun;
using testing::RunRefrain;

// A fresh folder, removed with what it holds at the end of the scope.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "refrain-index-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code error;
    fs::remove_all(path_, error);
  }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

const fs::path kSeed = fs::path(REFRAIN_SOURCE_DIR) / "corpus" / "seed";

std::vector<fs::path> SeedFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kSeed))
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void WriteFile(const fs::path& file, std::string_view bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// Every term of every unit of `corpus` (as the matcher over it counts them: aliases
// rewritten, stemmed, stop words out) with the number of units holding it. The aliases are
// those of a matcher over `aliases_of` when given: an index keeps the alias table of the
// corpus it was built from.
std::map<std::string, size_t> TermCounts(const Corpus& corpus, const Corpus* aliases_of = nullptr) {
  std::map<std::string, size_t> counts;
  MatchOptions options;
  const fs::path alias_file =
      fs::temp_directory_path() / fmt::format("refrain-aliases-{}.txt", getpid());
  if (aliases_of) {
    Result<Matcher> built = Matcher::Build(*aliases_of, {});
    REQUIRE(built.ok());
    std::ofstream out(alias_file);
    for (const auto& forms : built->aliases().Groups()) {
      // A one-form group (an acronym with no long form) is written "X<TAB>X": one form.
      for (size_t i = 0; i < forms.size(); ++i) out << (i ? "\t" : "") << forms[i];
      if (forms.size() == 1) out << "\t" << forms[0];
      out << "\n";
    }
    options.learn_aliases = false;
    options.builtin_aliases = false;
    options.aliases_file = alias_file;
  }
  Result<Matcher> matcher = Matcher::Build(corpus, options);
  fs::remove(alias_file);
  REQUIRE(matcher.ok());
  const Vocabulary& vocabulary = matcher->vocabulary();
  for (int32_t c = 0; c < static_cast<int32_t>(vocabulary.size()); ++c)
    counts[vocabulary.term(c)] = static_cast<size_t>(vocabulary.df(c));
  return counts;
}

TEST_CASE("index build holds the corpus: statements, units and exact term counts", "[index]") {
  TempDir dir;
  Result<Corpus> corpus = LoadCorpus({kSeed}, {});
  REQUIRE(corpus.ok());
  Result<Index> index = Index::Build({kSeed}, dir / "seed.refrain", {});
  REQUIRE(index.ok());
  CHECK(index->documents() == corpus->documents.size());
  CHECK(index->statements() == corpus->statements.size());
  CHECK(index->units() == Matcher::CutUnits(*corpus, {}).size());

  std::vector<Unit> units;
  Result<Corpus> stored = index->LoadCorpus(&units);
  REQUIRE(stored.ok());
  REQUIRE(stored->statements.size() == corpus->statements.size());
  for (size_t s = 0; s < corpus->statements.size(); ++s) {
    CHECK(stored->statements[s].text == corpus->statements[s].text);
    CHECK(stored->statements[s].start == corpus->statements[s].start);
    CHECK(stored->documents[stored->statements[s].doc].path ==
          corpus->documents[corpus->statements[s].doc].path);
  }
  const std::vector<Unit> cut = Matcher::CutUnits(*corpus, {});
  REQUIRE(units.size() == cut.size());
  for (size_t u = 0; u < cut.size(); ++u) {
    CHECK(units[u].text == cut[u].text);
    CHECK(units[u].start == cut[u].start);
    CHECK(units[u].end == cut[u].end);
  }
  for (const auto& [term, df] : TermCounts(*corpus)) {
    INFO(term);
    CHECK(index->DocumentFrequency(term) == df);
  }
  CHECK(index->DocumentFrequency("no-such-term") == 0);
}

TEST_CASE("index add: counts exact, a changed file replaced, an unchanged one left", "[index]") {
  TempDir dir;
  // A corpus of four seed documents, then the fifth added.
  const std::vector<fs::path> files = SeedFiles();
  REQUIRE(files.size() == 5);
  // The seed's manifest (dates) comes along; the build reads four of the files.
  const fs::path corpus_dir = dir / "corpus";
  fs::create_directories(corpus_dir);
  fs::copy_file(kSeed / "manifest.csv", corpus_dir / "manifest.csv");
  std::vector<fs::path> four;
  for (const fs::path& f : files) {
    fs::copy_file(f, corpus_dir / f.filename());
    if (f != files.back()) four.push_back(corpus_dir / f.filename());
  }
  const fs::path last = corpus_dir / files.back().filename();
  const std::string last_bytes = ReadFile(last);

  Result<Index> index = Index::Build(four, dir / "i.refrain", {});
  REQUIRE(index.ok());
  CHECK(index->documents() == 4);
  Result<IndexUpdate> update = index->Add({last}, {});
  REQUIRE(update.ok());
  CHECK(update->added == 1);
  CHECK(update->replaced == 0);

  // Exactly what a build over all five holds.
  Result<Corpus> whole = LoadCorpus({corpus_dir}, {});
  REQUIRE(whole.ok());
  CHECK(index->documents() == 5);
  CHECK(index->statements() == whole->statements.size());
  Result<Corpus> built_from = LoadCorpus(four, {});
  REQUIRE(built_from.ok());
  const std::map<std::string, size_t> counts = TermCounts(*whole, &*built_from);
  for (const auto& [term, df] : counts) {
    INFO(term);
    CHECK(index->DocumentFrequency(term) == df);
  }

  // The same file again: nothing changes.
  update = index->Add({last}, {});
  REQUIRE(update.ok());
  CHECK(update->unchanged == 1);
  CHECK(update->added + update->replaced == 0);
  CHECK(index->statements() == whole->statements.size());

  // The file changed: its old statements go, the new ones come, once.
  WriteFile(last, last_bytes + "\nThe two sides agreed to hold a glacier observation week.\n");
  update = index->Add({last}, {});
  REQUIRE(update.ok());
  CHECK(update->replaced == 1);
  CHECK(index->documents() == 5);
  Result<Corpus> changed = LoadCorpus({corpus_dir}, {});
  REQUIRE(changed.ok());
  CHECK(index->statements() == changed->statements.size());
  CHECK(index->DocumentFrequency("glacier") == 1);
  for (const auto& [term, df] : TermCounts(*changed, &*built_from)) {
    INFO(term);
    CHECK(index->DocumentFrequency(term) == df);
  }
  // Reopened, the file says the same.
  Result<Index> reopened = Index::Open(dir / "i.refrain");
  REQUIRE(reopened.ok());
  CHECK(reopened->statements() == changed->statements.size());
  CHECK(reopened->DocumentFrequency("glacier") == 1);
}

// The (doc, start, end) of a point's phrasings outside `doc`, per unit of `doc` it holds.
using PhrasingKey = std::tuple<std::string, uint64_t, uint64_t>;
using PointsOfDoc = std::map<std::pair<uint64_t, uint64_t>, std::set<PhrasingKey>>;

PointsOfDoc FromTalkingPoints(const Corpus& corpus, const TalkingPoints& points,
                              const std::string& doc) {
  PointsOfDoc out;
  for (const auto* list : {&points.points, &points.ceremony, &points.stock_phrases})
    for (const TalkingPoint& p : *list)
      for (const PointVariant& v : p.variants) {
        if (corpus.documents[v.unit.doc].path != doc) continue;
        auto& others = out[{v.unit.start, v.unit.end}];
        for (const PointVariant& w : p.variants)
          if (corpus.documents[w.unit.doc].path != doc)
            others.insert({corpus.documents[w.unit.doc].path, w.unit.start, w.unit.end});
      }
  return out;
}

PointsOfDoc FromMatch(const IndexMatch& match) {
  PointsOfDoc out;
  for (const MatchedStatement& s : match.statements)
    for (const MatchedUnit& u : s.units)
      for (const RepeatedPoint& r : u.repeats) {
        auto& others = out[{u.start, u.end}];
        for (const PointPhrasing& p : r.phrasings) others.insert({p.doc, p.start, p.end});
      }
  return out;
}

TEST_CASE("match of an indexed document finds what talking-points finds for it", "[index]") {
  // The same FindTalkingPoints options at Build as over the whole corpus: without the claims
  // reader (the engine's default), and with it, its variants verified or not. The claims
  // change the seed's points (5 without, 3 with: the parser's cores, two variants rejected),
  // so an index built without them would be caught here.
  Result<Parser> parser = Parser::Load();
  REQUIRE(parser.ok());
  const AliasTable aliases = AliasTable::Builtin();
  const ClaimReader reader(&*parser, nullptr, ClaimOptions{.aliases = &aliases});
  struct Case {
    const char* name;
    bool claims, verify;
    size_t points, repeated;  // talking points over the seed; units of the seed in one
  };
  const Case cases[] = {
      {"no claims", false, true, 5, 13},  // the 5 points' 14 variants are 13 units (one in two)
      {"claims, variants verified", true, true, 3, 7},
      {"claims, no verify", true, false, 4, 10},
  };
  Result<Corpus> whole = LoadCorpus({kSeed}, {});
  REQUIRE(whole.ok());
  Result<Matcher> matcher = Matcher::Build(*whole, {});
  REQUIRE(matcher.ok());
  for (const Case& c : cases) {
    INFO(c.name);
    IndexOptions options;
    if (c.claims) options.points.claims = &reader;
    options.points.verify_variants = c.verify;
    Result<TalkingPoints> points = FindTalkingPoints(*whole, *matcher, options.points);
    REQUIRE(points.ok());
    CHECK(points->points.size() == c.points);

    TempDir dir;
    Result<Index> index = Index::Build({kSeed}, dir / "seed.refrain", options);
    REQUIRE(index.ok());
    size_t repeated = 0;
    for (const fs::path& file : SeedFiles()) {
      const std::string doc = file.filename().string();
      INFO(doc);
      Result<IndexMatch> match = index->Match(file, {}, {});
      REQUIRE(match.ok());
      CHECK(match->indexed_documents == 4);
      const PointsOfDoc expected = FromTalkingPoints(*whole, *points, doc);
      CHECK(FromMatch(*match) == expected);
      CHECK(match->repeated_units == expected.size());
      repeated += expected.size();
    }
    CHECK(repeated == c.repeated);
  }
}

// Per unit (start, end) of `doc`: each point holding it, as its core's text and the (doc,
// start, end) of its phrasings in other documents; points with none there are left out, as
// match leaves them. From `refrain talking-points --format json` and `refrain match --format
// json`, so that the commands' own flags and defaults are what is compared.
using PointKey = std::pair<std::string, std::set<PhrasingKey>>;
using JsonPointsOfDoc = std::map<std::pair<uint64_t, uint64_t>, std::set<PointKey>>;

PhrasingKey KeyOf(const nlohmann::json& phrasing) {
  return {phrasing.at("doc").get<std::string>(), phrasing.at("start").get<uint64_t>(),
          phrasing.at("end").get<uint64_t>()};
}

std::pair<uint64_t, uint64_t> SpanOf(const nlohmann::json& unit) {
  return {unit.at("start").get<uint64_t>(), unit.at("end").get<uint64_t>()};
}

JsonPointsOfDoc FromTalkingPointsJson(const nlohmann::json& points, const std::string& doc) {
  JsonPointsOfDoc out;
  for (const char* list : {"talking_points", "stock_phrases", "ceremony"})
    for (const auto& p : points.at(list)) {
      std::set<PhrasingKey> others;
      for (const auto& s : p.at("statements"))
        if (s.at("doc") != doc) others.insert(KeyOf(s));
      if (others.empty()) continue;
      for (const auto& s : p.at("statements"))
        if (s.at("doc") == doc)
          out[SpanOf(s)].insert({p.at("representative").get<std::string>(), others});
    }
  return out;
}

JsonPointsOfDoc FromMatchJson(const nlohmann::json& match) {
  JsonPointsOfDoc out;
  for (const auto& s : match.at("statements"))
    for (const auto& u : s.at("units"))
      for (const auto& r : u.at("repeats")) {
        std::set<PhrasingKey> others;
        for (const auto& p : r.at("phrasings")) others.insert(KeyOf(p));
        out[SpanOf(u)].insert({r.at("point").get<std::string>(), others});
      }
  return out;
}

TEST_CASE("index build stores what talking-points finds with the same flags", "[index]") {
  // Through the commands: talking-points at its defaults runs the claims parser and verifies
  // every variant; index build with the same flags must store the same points, so match of
  // an indexed document repeats exactly the points talking-points puts its units in.
  struct Case {
    const char* flags;
    const char* doc;
    size_t repeated;  // units of the document in a point with a phrasing elsewhere
  };
  const Case cases[] = {
      {"", "000_0f0b367ac9a6d8a8.txt", 4},
      {"", "003_58374e1ec3d5b376.txt", 3},
      {"", "004_c404e962366cc024.txt", 0},
      {"--no-claims --no-verify", "000_0f0b367ac9a6d8a8.txt", 5},
      {"--no-claims --no-verify", "003_58374e1ec3d5b376.txt", 5},
      {"--no-claims --no-verify", "004_c404e962366cc024.txt", 3},
      {"--min-events 3", "000_0f0b367ac9a6d8a8.txt", 0},
  };
  TempDir dir;
  std::map<std::string, nlohmann::json> points_by_flags;
  std::map<std::string, fs::path> index_by_flags;
  for (const Case& c : cases) {
    INFO(c.flags << " " << c.doc);
    if (!points_by_flags.count(c.flags)) {
      CommandRun points =
          RunRefrain(fmt::format("talking-points {} --format json {}", kSeed.string(), c.flags));
      REQUIRE(points.exit_code == 0);
      points_by_flags[c.flags] = nlohmann::json::parse(points.out);
      const fs::path file = dir / fmt::format("i{}.refrain", index_by_flags.size());
      CommandRun build = RunRefrain(
          fmt::format("index build {} -o {} {}", kSeed.string(), file.string(), c.flags));
      REQUIRE(build.exit_code == 0);
      index_by_flags[c.flags] = file;
    }
    CommandRun match = RunRefrain(fmt::format(
        "match {} {} --format json", index_by_flags[c.flags].string(), (kSeed / c.doc).string()));
    REQUIRE(match.exit_code == 0);
    const nlohmann::json matched = nlohmann::json::parse(match.out);
    const JsonPointsOfDoc expected = FromTalkingPointsJson(points_by_flags[c.flags], c.doc);
    CHECK(FromMatchJson(matched) == expected);
    CHECK(matched.at("repeated_units").get<size_t>() == expected.size());
    CHECK(expected.size() == c.repeated);
  }
}

TEST_CASE("match of a new document against an index of the rest", "[index]") {
  // Not regrouped: each unit joins the stored point whose core it matches, or forms one with
  // the unmatched units it matches. 001's dateline matches 000's at cosine 0.43, but each
  // names a city the other does not (Guilin, Dushanbe): the object-mismatch factor makes it
  // no match, as the matcher over the whole corpus scores it.
  std::vector<fs::path> rest;
  for (const fs::path& f : SeedFiles())
    if (f.filename().string().rfind("001_", 0) != 0) rest.push_back(f);
  TempDir dir;
  Result<Index> index = Index::Build(rest, dir / "rest.refrain", {});
  REQUIRE(index.ok());
  Result<IndexMatch> match = index->Match(kSeed / "001_45977d61efef57f5.txt", {}, {});
  REQUIRE(match.ok());
  CHECK(match->indexed_documents == 4);
  CHECK(match->repeated_units == 0);
  CHECK(match->new_units == 21);

  // 000 against the rest: its peace clause joins the stored peace point (003 and 004); its
  // Olympics sentence forms a new point around itself with 003's phrasing, alone in one
  // event in the rest and so in no point there.
  rest.clear();
  for (const fs::path& f : SeedFiles())
    if (f.filename().string().rfind("000_", 0) != 0) rest.push_back(f);
  index = Index::Build(rest, dir / "rest0.refrain", {});
  REQUIRE(index.ok());
  match = index->Match(kSeed / "000_0f0b367ac9a6d8a8.txt", {}, {});
  REQUIRE(match.ok());
  std::map<std::string, std::string> repeats;  // unit -> point label
  for (const MatchedStatement& s : match->statements)
    for (const MatchedUnit& u : s.units)
      for (const RepeatedPoint& r : u.repeats) repeats[u.text] = r.label;
  CHECK(repeats["Russia supports China in hosting the Winter Olympics in Beijing"] ==
        "Russia supports China in hosting the Winter Olympics in Beijing");
  CHECK(repeats["jointly maintain peace and stability in the region."] ==
        "promote regional peace, stability and prosperity");
  CHECK(match->repeated_units == 5);
}

// Match's whole JSON report with the candidates bounded before they are read, and with every
// candidate scored: the bound may only skip units that score under the threshold.
void CheckBoundChangesNothing(const Index& index, const fs::path& file) {
  INFO(file.string());
  IndexMatchOptions all;
  all.bound_candidates = false;
  std::ostringstream bounded, scored;
  Result<IndexMatch> fast = index.Match(file, {}, {});
  Result<IndexMatch> slow = index.Match(file, {}, all);
  INFO((fast.ok() ? std::string() : fast.status().message()));
  REQUIRE(fast.ok());
  REQUIRE(slow.ok());
  REQUIRE(WriteIndexMatch(bounded, *fast, ReportFormat::kJson).ok());
  REQUIRE(WriteIndexMatch(scored, *slow, ReportFormat::kJson).ok());
  CHECK(fast->repeated_units == slow->repeated_units);
  CHECK(bounded.str() == scored.str());
}

TEST_CASE("match: the candidate bound gives what scoring every candidate gives", "[index]") {
  TempDir dir;
  for (const fs::path& held_out : SeedFiles()) {
    std::vector<fs::path> rest;
    for (const fs::path& f : SeedFiles())
      if (f != held_out) rest.push_back(f);
    Result<Index> index = Index::Build(rest, dir / "rest.refrain", {});
    REQUIRE(index.ok());
    CheckBoundChangesNothing(*index, held_out);
  }
  // After Add the dfs have moved from those the stored norm sums were taken at.
  std::vector<fs::path> files = SeedFiles();
  Result<Index> index = Index::Build({files[0], files[1]}, dir / "grown.refrain", {});
  REQUIRE(index.ok());
  REQUIRE(index->Add({files[2], files[3]}, {}).ok());
  for (size_t f = 0; f < files.size(); ++f) {
    // A copy under another path is a new document (its indexed twin scores 1).
    const fs::path copy = dir / fmt::format("2022-01-0{}-copy.txt", f + 1);
    WriteFile(copy, ReadFile(files[f]));
    CheckBoundChangesNothing(*index, copy);
  }
}

TEST_CASE("match: first seen, events, what is new, what is no longer said", "[index]") {
  TempDir dir;
  Result<Index> index = Index::Build({kSeed}, dir / "seed.refrain", {});
  REQUIRE(index.ok());
  // The 2024 report against the four before it (an indexed path is matched against the rest).
  IndexMatchOptions options;
  options.recent_events = 2;
  Result<IndexMatch> match = index->Match(kSeed / "004_c404e962366cc024.txt", {}, options);
  REQUIRE(match.ok());
  CHECK(match->indexed_documents == 4);
  CHECK(match->document.date.ToString() == "2024-07-25");
  bool peace = false;
  for (const MatchedStatement& s : match->statements)
    for (const MatchedUnit& u : s.units)
      for (const RepeatedPoint& r : u.repeats)
        if (u.text == "promote regional peace, stability and prosperity") {
          peace = true;
          CHECK(r.first_seen.ToString() == "2021-07-15");
          CHECK(r.events == 3);
          CHECK(r.phrasings.size() == 3);
        }
  CHECK(peace);
  CHECK(match->new_units > 0);
  CHECK(match->recent_events.size() == 2);
  // Olympics support (2021) is not in the 2024 report, but neither of its last two events.
  for (const DroppedPoint& d : match->no_longer_said) CHECK(d.last_seen.year < 2024);

  CommandRun run =
      RunRefrain(fmt::format("match {} {} --format json", (dir / "seed.refrain").string(),
                             (kSeed / "004_c404e962366cc024.txt").string()));
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::Contains("\"first_seen\": \"2021-07-15\""));
}

// Occurrences of `needle` in `text`.
size_t Count(std::string_view text, std::string_view needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + needle.size()))
    ++n;
  return n;
}

TEST_CASE("match --format html: one standalone page, every unit marked, every phrasing there",
          "[index]") {
  TempDir dir;
  Result<Index> index = Index::Build({kSeed}, dir / "seed.refrain", {});
  REQUIRE(index.ok());
  IndexMatchOptions options;
  options.recent_events = 4;
  Result<IndexMatch> match = index->Match(kSeed / "003_58374e1ec3d5b376.txt", {}, options);
  REQUIRE(match.ok());
  std::ostringstream page;
  REQUIRE(WriteIndexMatch(page, *match, ReportFormat::kHtml).ok());
  const std::string html = page.str();
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.ends_with("</body>\n</html>\n"));
  CHECK(Count(html, "<script") == 0);  // standalone: nothing runs, nothing is fetched
  CHECK(Count(html, "<div class=\"stmt\"") == match->statements.size());
  size_t units = 0, repeats = 0, phrasings = 0;
  for (const MatchedStatement& s : match->statements)
    for (const MatchedUnit& u : s.units) {
      ++units;
      // Each unit is marked once, by its bytes, with its text escaped ("China's" -> &#39;).
      const std::string bytes = fmt::format("title=\"bytes {}-{}\">", u.start, u.end);
      CHECK(Count(html, bytes) >= 1);
      if (u.text.find('\'') != std::string::npos) CHECK(Count(html, u.text) == 0);
      for (const RepeatedPoint& r : u.repeats) {
        ++repeats;
        for (const PointPhrasing& p : r.phrasings) {
          ++phrasings;
          CHECK(Count(html, fmt::format("<code>{}</code> bytes {}-{}", p.doc, p.start, p.end)) >=
                1);
        }
      }
    }
  REQUIRE(repeats > 0);  // the July 2021 meeting repeats points of the others (Olympics, ...)
  CHECK(Count(html, "<mark class=\"repeat\" title=") + Count(html, "<mark class=\"stock\" title=") +
            Count(html, "<span class=\"new\" title=") ==
        units);
  CHECK(Count(html, "<details>") == repeats + match->no_longer_said.size());
  CHECK(Count(html, "<tr>") >= phrasings);
  CHECK(Count(html, "<div") == Count(html, "</div>"));
  CHECK(Count(html, "<details>") == Count(html, "</details>"));
  CHECK(Count(html, "<table>") == Count(html, "</table>"));
}

// The header fields SQLite keeps user_version (format version) and application_id in.
void PokeBigEndian(const fs::path& file, size_t offset, uint32_t value) {
  std::string bytes = ReadFile(file);
  for (int i = 0; i < 4; ++i) bytes[offset + i] = static_cast<char>(value >> (24 - 8 * i));
  WriteFile(file, bytes);
}

TEST_CASE("a corrupt, truncated or foreign file, or another version, is refused", "[index]") {
  TempDir dir;
  const fs::path good = dir / "seed.refrain";
  REQUIRE(Index::Build({kSeed}, good, {}).ok());
  const std::string bytes = ReadFile(good);
  const fs::path doc = kSeed / "000_0f0b367ac9a6d8a8.txt";

  struct Case {
    const char* name;
    std::function<void(const fs::path&)> spoil;
    std::string message;
  };
  const Case cases[] = {
      {"text", [](const fs::path& f) { WriteFile(f, "date,file\n2021-01-01,a.txt\n"); },
       "not a refrain index"},
      {"empty", [](const fs::path& f) { WriteFile(f, ""); }, "not a refrain index"},
      {"another program's SQLite", [](const fs::path& f) { PokeBigEndian(f, 68, 0x12345678); },
       "another program"},
      {"version 99", [](const fs::path& f) { PokeBigEndian(f, 60, 99); },
       "index format version 99"},
      // A version-3 file (its points found without the claims parser, its norm sums in a
      // table of their own): rebuilt, not read.
      {"version 3", [](const fs::path& f) { PokeBigEndian(f, 60, 3); },
       fmt::format("index format version 3, this refrain ({}) reads version {}: rebuild", kVersion,
                   kIndexFormatVersion)},
      {"truncated",
       [&](const fs::path& f) {
         WriteFile(f, std::string_view(bytes).substr(0, bytes.size() / 2));
       },
       "truncated"},
      {"pages overwritten",
       [&](const fs::path& f) {
         std::string spoilt = bytes;
         for (size_t i = 4096; i < spoilt.size(); i += 7) spoilt[i] = '\x5a';
         WriteFile(f, spoilt);
       },
       "corrupt"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const fs::path file = dir / "spoilt.refrain";
    fs::copy_file(good, file, fs::copy_options::overwrite_existing);
    c.spoil(file);
    Result<Index> index = Index::Open(file);
    Status status = index.ok() ? Status::Ok() : index.status();
    if (index.ok()) {
      Result<IndexMatch> match = index->Match(doc, {}, {});
      if (!match.ok()) status = match.status();
    }
    REQUIRE(!status.ok());
    CHECK(status.code() == Status::Code::kBadInput);
    CHECK_THAT(status.message(), Catch::Contains(file.string()));
    CHECK_THAT(status.message(), Catch::Contains(c.message));
    // The command says so in one line and exits 1.
    CommandRun run = RunRefrain(fmt::format("match {} {}", file.string(), doc.string()));
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::Contains(c.message));
    CHECK(run.out.empty());
  }
  CHECK(RunRefrain(fmt::format("match {} {}", (dir / "absent").string(), doc.string())).exit_code ==
        1);
}

TEST_CASE("index add killed with SIGKILL mid-way leaves the index as it was", "[index]") {
  TempDir dir;
  const fs::path file = dir / "seed.refrain";
  REQUIRE(Index::Build({kSeed}, file, {}).ok());
  const std::string before = ReadFile(file);
  // Enough documents that the transaction lasts long enough to be caught in flight.
  const fs::path batch = dir / "batch";
  fs::create_directories(batch);
  const std::vector<fs::path> seed = SeedFiles();
  for (int i = 0; i < 400; ++i) {
    const fs::path& f = seed[i % seed.size()];
    // Dated by file name: the batch has no manifest.
    WriteFile(
        batch / fmt::format("2021-07-{:02}-copy-{:03}.txt", 1 + i % 28, i),
        ReadFile(f) + fmt::format("\nThis is quokkaberry copy number {} of the report.\n", i));
  }
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const std::string index_arg = file.string(), batch_arg = batch.string();
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl(REFRAIN_CLI, REFRAIN_CLI, "index", "add", index_arg.c_str(), batch_arg.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // The rollback journal exists from the transaction's first write to its commit.
  const fs::path journal = file.string() + "-journal";
  bool caught = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  int wstatus = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(journal)) {
      kill(child, SIGKILL);
      caught = true;
      break;
    }
    if (waitpid(child, &wstatus, WNOHANG) == child) break;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  if (caught) waitpid(child, &wstatus, 0);
  REQUIRE(caught);
  CHECK(WIFSIGNALED(wstatus));
  CHECK(fs::exists(journal));  // the interrupted transaction's journal is still there

  // Opening rolls the journal back: the same documents, statements and counts as before.
  Result<Index> index = Index::Open(file);
  REQUIRE(index.ok());
  Result<Corpus> corpus = LoadCorpus({kSeed}, {});
  REQUIRE(corpus.ok());
  CHECK(index->documents() == corpus->documents.size());
  CHECK(index->statements() == corpus->statements.size());
  Result<Corpus> stored = index->LoadCorpus();
  REQUIRE(stored.ok());
  CHECK(stored->documents.size() == 5);
  CHECK(stored->statements.size() == corpus->statements.size());
  Result<Tokenizer> tokenizer = Tokenizer::Create({.stop_words = true, .stem = true});
  REQUIRE(tokenizer.ok());
  const std::string marker = tokenizer->Tokenize("quokkaberry").front();
  CHECK(index->DocumentFrequency(marker) == 0);  // no copy got in
  CHECK(ReadFile(file) == before);
  // And a later add goes through whole.
  Result<IndexUpdate> update = index->Add({batch}, {});
  REQUIRE(update.ok());
  CHECK(index->documents() == 405);
  CHECK(index->DocumentFrequency(marker) == 400);
}

TEST_CASE("a command given the index in place of the corpus prints the same", "[index]") {
  TempDir dir;
  const fs::path file = dir / "seed.refrain";
  REQUIRE(Index::Build({kSeed}, file, {}).ok());
  // stats is left out: the index keeps no account of the clutter dropped and files skipped.
  for (const char* command :
       {"segments", "talking-points", "themes", "shifts", "pairs", "near --query peace",
        "compare 000_0f0b367ac9a6d8a8.txt 004_c404e962366cc024.txt", "segments --format json",
        "talking-points --format json", "segments --speaker nobody"}) {
    INFO(command);
    const std::string name(command);
    const size_t space = name.find(' ');
    const std::string verb = name.substr(0, space),
                      rest = space == std::string::npos ? "" : name.substr(space);
    CommandRun corpus = RunRefrain(fmt::format("{} {}{}", verb, kSeed.string(), rest));
    CommandRun index = RunRefrain(fmt::format("{} {}{}", verb, file.string(), rest));
    CHECK(index.exit_code == corpus.exit_code);
    CHECK(index.out == corpus.out);
  }
  CHECK(RunRefrain(fmt::format("segments {}", file.string())).out.size() > 1000);
}

}  // namespace
}  // namespace refrain
