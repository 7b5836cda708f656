// Themes, periods and speakers: on the synthetic corpus of tests/data/themes
// (planted themes, see make_corpus.py), on the seed corpus, and on China's UN
// General Debate speeches (../shared; tagged [shared], skipped when absent).
#include "refrain/themes.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "refrain/corpus.h"
#include "refrain/lexicon.h"
#include "refrain/periods.h"
#include "refrain/speakers.h"
#include "refrain/themes_report.h"
#include "test_corpus.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

Corpus Load(const fs::path& path, const std::string& glob = "") {
  CorpusOptions options;
  options.reader.glob = glob;
  Result<Corpus> corpus = LoadCorpus({path}, options);
  REQUIRE(corpus.ok());
  return std::move(corpus).value();
}

const fs::path kSynthetic = fs::path(REFRAIN_SOURCE_DIR) / "tests" / "data" / "themes";
const fs::path kSeed = fs::path(REFRAIN_SOURCE_DIR) / "corpus" / "seed";

ThemeModel Model(const Corpus& corpus, PeriodBy by, ThemeOptions options = {}) {
  ThemeModel model;
  options.threads = 1;
  Status s = FindThemes(corpus, GroupByPeriod(corpus, by), options, &model);
  INFO(s.message());
  REQUIRE(s.ok());
  return model;
}

// The theme one of whose terms is `term`, or nullptr.
const Theme* ThemeWith(const ThemeModel& model, const std::string& term) {
  for (const Theme& t : model.themes)
    if (std::find(t.terms.begin(), t.terms.end(), term) != t.terms.end()) return &t;
  return nullptr;
}

int64_t CountIn(const ThemeModel& model, const Theme& theme, const std::string& period) {
  const auto& labels = model.periods.labels;
  auto it = std::find(labels.begin(), labels.end(), period);
  REQUIRE(it != labels.end());
  return theme.counts[it - labels.begin()];
}

TEST_CASE("periods: year, quarter, month, event labels and documents left out", "[themes]") {
  Corpus corpus = Load(kSeed);
  Periods year = GroupByPeriod(corpus, PeriodBy::kYear);
  CHECK(year.labels == std::vector<std::string>{"2021", "2024"});
  Periods quarter = GroupByPeriod(corpus, PeriodBy::kQuarter);
  CHECK(quarter.labels == std::vector<std::string>{"2021-Q1", "2021-Q3", "2024-Q3"});
  Periods month = GroupByPeriod(corpus, PeriodBy::kMonth);
  CHECK(month.labels ==
        std::vector<std::string>{"2021-03", "2021-07", "2021-08", "2021-09", "2024-07"});
  Periods event = GroupByPeriod(corpus, PeriodBy::kEvent);
  REQUIRE(event.labels.size() == 5);  // no event column: one per document, by date
  CHECK(event.labels.front() == "001_45977d61efef57f5.txt");
  CHECK(event.labels.back() == "004_c404e962366cc024.txt");

  // A year-only date cannot be placed in a month; a split inside its year neither.
  corpus.documents[0].date = *Date::Parse("2021");
  Periods coarse = GroupByPeriod(corpus, PeriodBy::kMonth);
  CHECK(coarse.too_coarse == 1);
  CHECK(coarse.of_document[0] == -1);
  Periods split = SplitAt(corpus, *Date::Parse("2021-08"));
  CHECK(split.labels == std::vector<std::string>{"before 2021-08", "from 2021-08"});
  CHECK(split.too_coarse == 1);
  Periods split_year = SplitAt(corpus, *Date::Parse("2022"));
  CHECK(split_year.too_coarse == 0);
  CHECK(split_year.of_document[0] == 0);
  corpus.documents[1].date = Date();
  CHECK(GroupByPeriod(corpus, PeriodBy::kYear).undated == 1);
  CHECK(ParsePeriodBy("week").status().code() == Status::Code::kBadUsage);
}

TEST_CASE("speakers: who a sentence attributes its words to", "[themes][speakers]") {
  struct Case {
    const char* sentence;
    const char* speaker;
  };
  // Sentences from corpus/seed, and the forms around them.
  const Case cases[] = {
      {"Wang Yi noted that the Chinese side is ready to strengthen coordination.", "Wang Yi"},
      {"China highly appreciates the activities of the Russian side, which opposes the "
       "politicization of human rights issues, Wang Yi said.",
       "Wang Yi"},
      {"Sergey Lavrov, in turn, noted that Russia and China should further develop cooperation.",
       "Sergey Lavrov"},
      {"China and Russia should further elevate their bilateral relations, Chinese State "
       "Councilor and Foreign Minister Wang Yi said here on Thursday.",
       "Wang Yi"},
      {"Guided by the spirit of the treaty, China and Russia should deepen coordination, said "
       "Wang.",
       "Wang"},
      {"Lavrov in response reaffirmed Russia's support for China.", "Lavrov"},
      {"He added that China and Russia should maintain coordination.", kPronounSpeaker.data()},
      {"According to him, the Russian side strongly supports China's position.",
       kPronounSpeaker.data()},
      {"The Russian side strongly supports China's position on Xinjiang.", "the Russian side"},
      {"The two sides also coordinated their positions on such hot issues as UN reform.", ""},
      {"This is Lavrov's first visit to China since the outbreak of the pandemic.", ""},
  };
  for (const Case& c : cases) {
    INFO(c.sentence);
    CHECK(FindSpeaker(c.sentence) == c.speaker);
  }
  CHECK(SpeakerMatches("Sergey Lavrov", "lavrov"));
  CHECK(SpeakerMatches("the Russian side", "Russian side"));
  CHECK_FALSE(SpeakerMatches("Wang Yi", "Lavrov"));
  CHECK_FALSE(SpeakerMatches("", "Lavrov"));

  // Pronouns take the last speaker named in the same document.
  Corpus seed = Load(kSeed);
  std::vector<std::string> speakers = AttributeSpeakers(seed);
  bool checked = false;
  for (size_t i = 0; i < seed.statements.size(); ++i)
    if (seed.statements[i].text.rfind("According to him, the Russian side", 0) == 0) {
      CHECK(speakers[i] == "Sergey Lavrov");
      checked = true;
    }
  CHECK(checked);
}

TEST_CASE("themes: planted themes are found, with surface terms and weights", "[themes]") {
  Corpus corpus = Load(kSynthetic);
  ThemeModel model = Model(corpus, PeriodBy::kYear);
  REQUIRE(model.periods.labels == std::vector<std::string>{"2019", "2023"});

  const Theme* space = ThemeWith(model, "space station");
  const Theme* rail = ThemeWith(model, "railway corridor");
  const Theme* fish = ThemeWith(model, "fish stocks");  // stem "fish stock": surface form
  const Theme* water = ThemeWith(model, "water treaty");
  REQUIRE(space);
  REQUIRE(rail);
  REQUIRE(fish);
  REQUIRE(water);
  // Distinct subjects are distinct themes.
  CHECK(space != rail);
  CHECK(fish != water);
  CHECK(space != fish);
  CHECK(CountIn(model, *space, "2019") == 12);  // three statements in each 2019 readout
  CHECK(CountIn(model, *space, "2023") == 0);
  CHECK(CountIn(model, *rail, "2019") == 0);
  CHECK(CountIn(model, *rail, "2023") == 12);
  CHECK_FALSE(space->recurring());
  CHECK(fish->recurring());
  CHECK(water->recurring());
  // Twelve fishing statements a year (a chance word of other sentences may join them).
  CHECK(CountIn(model, *fish, "2019") >= 12);
  CHECK(CountIn(model, *fish, "2023") >= 12);
  CHECK(space->docs.size() == 4);
  // Weight = share of the period's statements.
  const int64_t all2019 = model.period_statements[0];
  CHECK(space->weights[0] == Approx(12.0 / static_cast<double>(all2019)));
  // Frame words ("said", stance verbs) are never theme terms.
  for (const Theme& t : model.themes)
    for (const std::string& term : t.terms) {
      INFO(term);
      CHECK(term.find("support") == std::string::npos);
      CHECK(term.find("oppos") == std::string::npos);
    }
}

// Issue 17: with stems, "originating goods" and "good-paying jobs" shared the term "good".
// Lemmas keep them apart and still join inflections; the never-term list ("sessions") and the
// surface forms are brought to the same form as the terms. Excerpts of wh-briefings.
TEST_CASE("themes: lemmas keep goods apart from good and join inflections", "[themes]") {
  Result<Lexicon> lexicon = Lexicon::Open({});
  if (!lexicon.ok()) FAIL(lexicon.status().message());
  const Corpus corpus = testing::MakeCorpus({
      {"wh/2023-01.txt",
       "",
       "2023-01-10",
       {"Jordan shall allow U.S. originating goods that comply with the rules of origin.",
        "The plan is creating good-paying jobs, many of them union jobs.",
        "Both countries agreed at the session to lower the tariff on goods."}},
      {"wh/2024-01.txt",
       "",
       "2024-01-10",
       {"These commitments will expand pathways into these good-paying jobs.",
        "The agreement covers a range of originating goods of the United States.",
        "The country supported the agreement in two sessions."}},
  });
  ThemeOptions options;
  options.lemmas = &*lexicon;
  ThemeModel model = Model(corpus, PeriodBy::kYear, options);
  const Vocabulary& vocab = model.vocabulary;
  struct Case {
    const char* term;
    bool present;
  };
  const Case cases[] = {
      {"goods", true},   {"good", true},       {"job", true},     {"jobs", false},
      {"country", true}, {"countries", false}, {"support", true}, {"supported", false},
      {"session", true}, {"sessions", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.term);
    CHECK(vocab.Find(c.term).has_value() == c.present);
  }
  REQUIRE(vocab.Find("goods"));
  REQUIRE(vocab.Find("session"));
  CHECK(model.never_terms[*vocab.Find("session")]);  // "sessions" in the list, lemmatised
  CHECK_FALSE(model.never_terms[*vocab.Find("goods")]);
  const std::vector<int32_t> columns = {*vocab.Find("goods"), *vocab.Find("country")};
  std::vector<std::string> surfaces = SurfaceForms(corpus, model, columns);
  CHECK(surfaces == std::vector<std::string>{"goods", "countries"});  // on ties, alphabetical

  // Without a lexicon: Snowball stems, which join them.
  ThemeModel stems = Model(corpus, PeriodBy::kYear);
  CHECK_FALSE(stems.vocabulary.Find("goods"));
  CHECK(stems.vocabulary.Find("good"));
}

// Regression (issue 17 rating): "COVID-19 reminds us ..." made the verb a theme term of the
// COVID theme, and "Staying committed to ..." a theme "stay, china stay". With lemmas, a one-word
// term is a noun (ThemeOptions::nouns_only); the verb stays context, and bigrams stay terms.
TEST_CASE("themes: with lemmas, one-word terms are nouns, not verbs", "[themes]") {
  Result<Lexicon> lexicon = Lexicon::Open({});
  if (!lexicon.ok()) FAIL(lexicon.status().message());
  const Corpus corpus = testing::MakeCorpus({
      {"ungdc/CHN_75_2020.txt",
       "",
       "2020-09-22",
       {"First, COVID-19 reminds us that we are living in an interconnected global village with a "
        "common stake.",
        "Second, COVID-19 reminds us that economic globalization is an indisputable reality and "
        "a historical trend.",
        "Fourth, COVID-19 reminds us that the global governance system calls for reform and "
        "improvement."}},
      {"ungdc/CHN_76_2021.txt",
       "",
       "2021-09-21",
       {"Staying committed to development as a priority.",
        "Staying committed to a people-centred approach.", "Staying committed to benefits for all.",
        "Staying committed to innovation-driven development."}},
  });
  ThemeOptions options;
  options.lemmas = &*lexicon;
  options.min_share = 0;
  options.max_df = 1;  // seven statements: every term is in a large share
  auto theme_terms = [&](const ThemeOptions& o) {
    ThemeModel model = Model(corpus, PeriodBy::kYear, o);
    std::set<std::string> terms;
    for (const Theme& t : model.themes)
      for (int32_t c : t.columns) terms.insert(model.vocabulary.term(c));
    return terms;
  };
  const std::set<std::string> nouns = theme_terms(options);
  CHECK(nouns.count("covid 19") == 1);
  CHECK(nouns.count("remind") == 0);
  CHECK(nouns.count("stay") == 0);
  // Off, the verbs are theme terms: the rule is what keeps them out.
  options.nouns_only = false;
  const std::set<std::string> all = theme_terms(options);
  CHECK(all.count("remind") == 1);
  CHECK(all.count("stay") == 1);
}

TEST_CASE("themes: the number of themes follows the data and --cohesion", "[themes]") {
  Corpus corpus = Load(kSynthetic);
  ThemeOptions loose;
  loose.cohesion = 0.05;
  const size_t default_count = Model(corpus, PeriodBy::kYear).themes.size();
  CHECK(Model(corpus, PeriodBy::kYear, loose).themes.size() < default_count);
  // Half the corpus (2019 only) has fewer subjects, so fewer themes.
  Corpus half = Load(kSynthetic, "2019-*");
  CHECK(Model(half, PeriodBy::kYear).themes.size() < default_count);
}

TEST_CASE("themes: pinned themes from YAML and CSV are reported first", "[themes]") {
  const fs::path dir =
      fs::temp_directory_path() / ("refrain_themes_test_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "pinned.yaml") << "dams:\n  - upstream dam\n  - arbitration\n"
                                        "ghosts: [haunted castle]\n";
  std::ofstream(dir / "pinned.csv") << "name,terms\ndams,upstream dam on the river,arbitration\n";
  std::ofstream(dir / "bad.yaml") << "- just\n- a list\n";
  Corpus corpus = Load(kSynthetic);
  // YAML: "upstream dam" or "arbitration", three statements per 2023 readout. CSV: a
  // phrase of three words after stop words ("upstream dam river": both its bigrams must
  // be there, only in the third water sentence) or "arbitration" (second and third).
  const std::pair<const char*, int64_t> files[] = {{"pinned.yaml", 12}, {"pinned.csv", 8}};
  for (const auto& [file, in2023] : files) {
    INFO(file);
    Result<std::vector<PinnedTheme>> pinned = LoadPinnedThemes(dir / file);
    REQUIRE(pinned.ok());
    ThemeOptions options;
    options.pinned = *pinned;
    ThemeModel model = Model(corpus, PeriodBy::kYear, options);
    REQUIRE(model.themes.size() > 1);
    const Theme& dams = model.themes[0];
    CHECK(dams.id == "dams");
    CHECK(dams.pinned);
    CHECK(dams.counts == std::vector<int64_t>{0, in2023});
  }
  Result<std::vector<PinnedTheme>> yaml = LoadPinnedThemes(dir / "pinned.yaml");
  ThemeOptions options;
  options.pinned = *yaml;
  ThemeModel model = Model(corpus, PeriodBy::kYear, options);
  CHECK(model.themes[1].id == "ghosts");  // never in the corpus: reported, with a warning
  CHECK(model.themes[1].statements.empty());
  CHECK(model.warnings.size() == 1);
  CHECK(LoadPinnedThemes(dir / "bad.yaml").status().code() == Status::Code::kBadInput);
  CHECK(LoadPinnedThemes(dir / "missing.yaml").status().code() == Status::Code::kIoError);
  fs::remove_all(dir);
}

TEST_CASE("themes: the seed corpus's subjects", "[themes]") {
  Corpus corpus = Load(kSeed);
  ThemeModel model = Model(corpus, PeriodBy::kYear);
  // Afghanistan and COVID-19 are 2021 subjects; the SCO is in both years.
  const Theme* afghan = ThemeWith(model, "afghan issue");
  const Theme* sco = ThemeWith(model, "sco");
  REQUIRE(afghan);
  REQUIRE(sco);
  CHECK(CountIn(model, *afghan, "2021") >= 4);
  CHECK(CountIn(model, *afghan, "2024") == 0);
  CHECK(sco->recurring());
  std::ostringstream json;
  REQUIRE(WriteThemes(json, corpus, model, "year", ReportFormat::kJson).ok());
  auto j = nlohmann::json::parse(json.str());
  REQUIRE(j["themes"].size() == model.themes.size());
  for (const auto& t : j["themes"]) {
    CHECK(t.contains("id"));
    CHECK(t.contains("label"));
    CHECK(t["terms"].is_array());
    CHECK(t["periods"].contains("2021"));
    CHECK(t["periods"].contains("2024"));
    CHECK(t["docs"].is_array());
  }
}

TEST_CASE("themes: China's General Debate speeches, 2000-2024", "[themes][shared]") {
  const fs::path ungdc =
      fs::path(REFRAIN_SOURCE_DIR).parent_path() / "shared" / "corpora" / "ungdc";
  REQUIRE(fs::exists(ungdc));
  Corpus corpus = Load(ungdc, "CHN_*");
  REQUIRE(corpus.documents.size() == 25);
  ThemeModel model = Model(corpus, PeriodBy::kYear);
  REQUIRE(model.periods.labels.size() == 25);
  // Checked against the speeches: COVID-19 is named in 2020 and 2021 (a little in 2022);
  // the Millennium Development Goals theme peaks before 2015, the 2030 Agenda theme
  // (adopted in September 2015) after.
  auto sum = [&](const Theme& t, int from, int to) {
    int64_t n = 0;
    for (int y = from; y <= to; ++y) n += CountIn(model, t, std::to_string(y));
    return n;
  };
  const Theme* covid = ThemeWith(model, "covid 19");
  REQUIRE(covid);
  CHECK(sum(*covid, 2020, 2021) >= 10);
  CHECK(sum(*covid, 2000, 2019) <= 1);
  auto peak = [&](const Theme& t) {
    return std::stoi(model.periods.labels[std::max_element(t.weights.begin(), t.weights.end()) -
                                          t.weights.begin()]);
  };
  const Theme* agenda = ThemeWith(model, "2030 agenda");
  REQUIRE(agenda);
  CHECK(peak(*agenda) >= 2015);
  const Theme* mdgs = ThemeWith(model, "millennium development");
  REQUIRE(mdgs);
  CHECK(peak(*mdgs) < 2015);

  // Numbers, dates and procedure are never terms; what a number names is. (Stemmed terms of
  // these speeches' vocabulary.)
  auto never = [&](const std::string& term) {
    std::optional<int32_t> column = model.vocabulary.Find(term);
    INFO(term);
    REQUIRE(column);
    return static_cast<bool>(model.never_terms[*column]);
  };
  CHECK(never("19"));
  CHECK(never("2011"));
  CHECK(never("session"));
  CHECK(never("mr"));
  CHECK(never("elect"));
  CHECK_FALSE(never("covid 19"));
  CHECK_FALSE(never("2030 agenda"));
  CHECK_FALSE(never("terror"));
  for (const Theme& t : model.themes)
    for (const std::string& term : t.terms) {
      INFO(term);
      CHECK(std::any_of(term.begin(), term.end(), [](char c) { return std::isalpha(c); }));
      CHECK(term.find("session") == std::string::npos);
      CHECK(term != "mr");
    }
}

}  // namespace
}  // namespace refrain
