// The report stage's shared parts: the JSON stream writer (checked against nlohmann::json,
// whose layout every JSON output had before the writer), the statement object, the format
// names, and the cells of text tables.
#include "refrain/report.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report/json_writer.h"
#include "report/report_internal.h"

namespace refrain {
namespace {

Corpus OneStatement(std::string text) {
  Corpus corpus;
  Document doc;
  doc.path = "2021/readout.md";
  doc.date = {2021, 7, 15, Date::Precision::kDay};
  doc.metadata = {{"title", "Talks in Tashkent"}, {"date", "2021-07-15"}};
  corpus.documents.push_back(std::move(doc));
  corpus.statements.push_back({7, 0, 10, 10 + text.size(), std::move(text), {}, TurnKind::kNone});
  return corpus;
}

// What nlohmann::json writes for `value`, as every JSON output did before JsonWriter.
std::string NlohmannDump(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Written(const std::function<void(JsonWriter&)>& write,
                    JsonWriter::Style style = JsonWriter::Style::kIndented) {
  std::ostringstream out;
  {
    JsonWriter json(out, style);
    write(json);
  }
  return out.str();
}

TEST_CASE("strings are escaped as nlohmann::json escapes them", "[report]") {
  struct Case {
    const char* name;
    std::string text;
    std::string json;  // as written
  };
  const Case cases[] = {
      {"plain", "Russia supports China", R"("Russia supports China")"},
      {"quotes", "he said \"no\"", R"("he said \"no\"")"},
      {"backslash", R"(C:\path)", R"("C:\\path")"},
      {"slash stays", "and/or", R"("and/or")"},
      {"short escapes", "a\tb\nc\rd\be\ff", R"("a\tb\nc\rd\be\ff")"},
      {"other control characters", std::string("nul\0, \x01, \x1f", 10),
       R"("nul\u0000, \u0001, \u001f")"},
      {"DEL stays", "del\x7f", "\"del\x7f\""},
      {"two-byte UTF-8", "Lavrov — Лавров", "\"Lavrov — Лавров\""},
      {"three-byte UTF-8", "王毅", "\"王毅\""},
      {"four-byte UTF-8", "\xF0\x9F\x98\x80", "\"\xF0\x9F\x98\x80\""},
      {"empty", "", R"("")"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    std::string out;
    AppendJsonString(out, c.text);
    CHECK(out == c.json);
    CHECK(out == NlohmannDump(c.text, -1));
  }
}

TEST_CASE("invalid UTF-8 never reaches the output: each bad sequence is one U+FFFD", "[report]") {
  const std::string kBad = "\xEF\xBF\xBD";
  struct Case {
    const char* name;
    std::string text;
    std::string json;
  };
  const Case cases[] = {
      {"stray byte", "bad \xff byte", "\"bad " + kBad + " byte\""},
      {"lone continuation byte", "a\x80z", "\"a" + kBad + "z\""},
      {"truncated at the end", "euro \xE2\x82", "\"euro " + kBad + "\""},
      {"truncated before ASCII",
       "\xE2\x82"
       "A",
       "\"" + kBad + "A\""},
      {"truncated before a quote", "\xE2\"", "\"" + kBad + "\\\"\""},
      {"encoded surrogate", "\xED\xA0\x80", "\"" + kBad + kBad + kBad + "\""},
      {"overlong slash", "\xC0\xAF", "\"" + kBad + kBad + "\""},
      {"beyond U+10FFFF", "\xF4\x90\x80\x80", "\"" + kBad + kBad + kBad + kBad + "\""},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    std::string out;
    AppendJsonString(out, c.text);
    CHECK(out == c.json);
    CHECK_NOTHROW(nlohmann::json::parse(out));  // strict: throws on invalid UTF-8
  }
}

TEST_CASE("nested objects and arrays are laid out as nlohmann::json dump(2)", "[report]") {
  struct Case {
    const char* name;
    nlohmann::json expected;
    std::function<void(JsonWriter&)> write;
  };
  const Case cases[] = {
      {"empty object", nlohmann::json::object(),
       [](JsonWriter& j) { j.BeginObject().EndObject(); }},
      {"empty array", nlohmann::json::array(), [](JsonWriter& j) { j.BeginArray().EndArray(); }},
      {"scalars",
       {{"a", 1}, {"b", -2}, {"c", true}, {"d", "x"}, {"e", 0.25}},
       [](JsonWriter& j) {
         j.BeginObject().Field("a", 1).Field("b", -2).Field("c", true).Field("d", "x");
         j.Field("e", 0.25).EndObject();
       }},
      {"empty containers inside",
       {{"list", nlohmann::json::array()}, {"map", nlohmann::json::object()}},
       [](JsonWriter& j) {
         j.BeginObject().Key("list").BeginArray().EndArray();
         j.Key("map").BeginObject().EndObject().EndObject();
       }},
      {"objects in arrays in objects",
       {{"points",
         {{{"id", 1}, {"terms", {"sco", "brics"}}},
          {{"id", 2}, {"terms", nlohmann::json::array()}}}},
        {"schema", 1}},
       [](JsonWriter& j) {
         const std::vector<std::string> terms = {"sco", "brics"};
         j.BeginObject().Key("points").BeginArray();
         j.BeginObject().Field("id", 1).Field("terms", terms).EndObject();
         j.BeginObject().Field("id", 2).Field("terms", std::vector<std::string>{}).EndObject();
         j.EndArray().Field("schema", 1).EndObject();
       }},
      {"arrays of arrays",
       {{1, 2}, nlohmann::json::array(), {{3}}},
       [](JsonWriter& j) {
         j.BeginArray().BeginArray().Int(1).Int(2).EndArray().BeginArray().EndArray();
         j.BeginArray().BeginArray().Int(3).EndArray().EndArray().EndArray();
       }},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(Written(c.write) == NlohmannDump(c.expected, 2));
  }
}

TEST_CASE("one-line style: ', ' and ': ' between items, optionally an element per line",
          "[report]") {
  auto write = [](JsonWriter& j) {
    j.BeginObject().Field("schema", 1).Key("pairs").BeginArray(/*element_per_line=*/true);
    j.BeginObject().Field("a", 1).Key("b").BeginArray().Int(2).Int(3).EndArray().EndObject();
    j.BeginObject().Field("a", 4).Key("b").BeginArray().EndArray().EndObject();
    j.EndArray().EndObject();
  };
  CHECK(Written(write, JsonWriter::Style::kOneLine) ==
        "{\"schema\": 1, \"pairs\": [\n{\"a\": 1, \"b\": [2, 3]},\n{\"a\": 4, \"b\": []}\n]}");
  auto empty = [](JsonWriter& j) {
    j.BeginObject().Key("pairs").BeginArray(true).EndArray().EndObject();
  };
  CHECK(Written(empty, JsonWriter::Style::kOneLine) == "{\"pairs\": [\n]}");
  // In the indented style the flag changes nothing.
  CHECK(Written(empty) == NlohmannDump({{"pairs", nlohmann::json::array()}}, 2));
}

TEST_CASE("numbers are written as nlohmann::json writes them", "[report]") {
  const double doubles[] = {0.5,  1.0,  0.1 + 0.2, 1e-5,     1e-4,    123456.789, 1e15,
                            1e16, -0.0, 1e300,     0.787666, 2.0 / 3, 5e-324,     -17.25};
  for (double d : doubles) {
    INFO(d);
    CHECK(Written([d](JsonWriter& j) { j.Double(d); }) == NlohmannDump(d, -1));
  }
  CHECK(Written([](JsonWriter& j) { j.Double(std::nan("")); }) == "null");
  CHECK(Written([](JsonWriter& j) { j.Double(std::numeric_limits<double>::infinity()); }) ==
        "null");
  CHECK(Written([](JsonWriter& j) { j.Uint(std::numeric_limits<uint64_t>::max()); }) ==
        "18446744073709551615");
  CHECK(Written([](JsonWriter& j) { j.Int(std::numeric_limits<int64_t>::min()); }) ==
        "-9223372036854775808");
  CHECK(Written([](JsonWriter& j) { j.Number("0.787666"); }) == "0.787666");
}

TEST_CASE("a writer on a failed stream reports it", "[report]") {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  JsonWriter json(out);
  json.BeginObject().Field("a", 1).EndObject();
  Status s = json.Finish();
  CHECK(s.code() == Status::Code::kIoError);
}

TEST_CASE("a long document reaches the stream in pieces, whole", "[report]") {
  std::ostringstream out;
  JsonWriter json(out, JsonWriter::Style::kOneLine);
  json.BeginArray();
  for (int i = 0; i < 100000; ++i) json.String("statement");
  json.EndArray();
  CHECK(out.str().size() > 0);  // flushed before the end
  REQUIRE(json.Finish().ok());
  nlohmann::json parsed = nlohmann::json::parse(out.str());
  CHECK(parsed.size() == 100000);
}

TEST_CASE("a statement in JSON has the core fields and its document's metadata", "[report]") {
  Corpus corpus = OneStatement("Russia supports China, \"he said\".");
  std::ostringstream out;
  REQUIRE(WriteStatementJson(out, corpus, corpus.statements[0]).ok());
  CHECK(out.str() ==
        R"({"date": "2021-07-15", "doc": "2021/readout.md", "end": 43, "id": 7, "start": 10, )"
        R"("text": "Russia supports China, \"he said\".", "title": "Talks in Tashkent"})");
  nlohmann::json j = nlohmann::json::parse(out.str());
  CHECK(j.size() == 7);  // the metadata's own "date" does not shadow the core field
}

TEST_CASE("a statement's object: keys in byte order, extras over metadata, last value wins",
          "[report]") {
  Corpus corpus = OneStatement("The SCO summit in Astana, and the BRICS summit in Kazan.");
  corpus.documents[0].metadata = {{"title", "first"},  {"place", "Astana"}, {"id", "shadow"},
                                  {"title", "second"}, {"Zone", "upper"},   {"speaker", "m"},
                                  {"core", "meta"},    {"score", "meta"}};
  struct Case {
    const char* name;
    StatementJsonExtras extras;
    std::string json;
  };
  StatementJsonExtras point;
  point.part = StatementJsonExtras::Part{10, 35, "The SCO summit in Astana"};
  point.score = 0.75;
  point.core = true;
  StatementJsonExtras speaker;
  speaker.speaker = "Wang Yi";
  const Case cases[] = {
      {"no extras",
       {},
       R"({"Zone": "upper", "core": "meta", "date": "2021-07-15", "doc": "2021/readout.md", )"
       R"("end": 66, "id": 7, "place": "Astana", "speaker": "m", "start": 10, )"
       R"("text": "The SCO summit in Astana, and the BRICS summit in Kazan.", )"
       R"("title": "second"})"},
      {"a point's clause", point,
       R"({"Zone": "upper", "core": true, "date": "2021-07-15", "doc": "2021/readout.md", )"
       R"("end": 35, "id": 7, "place": "Astana", "score": 0.75, "speaker": "m", "start": 10, )"
       R"("statement_end": 66, "statement_start": 10, "text": "The SCO summit in Astana", )"
       R"("title": "second"})"},
      {"a speaker", speaker,
       R"({"Zone": "upper", "core": "meta", "date": "2021-07-15", "doc": "2021/readout.md", )"
       R"("end": 66, "id": 7, "place": "Astana", "speaker": "Wang Yi", "start": 10, )"
       R"("text": "The SCO summit in Astana, and the BRICS summit in Kazan.", )"
       R"("title": "second"})"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    std::string out = Written(
        [&](JsonWriter& j) { WriteStatementJson(j, corpus, corpus.statements[0], c.extras); },
        JsonWriter::Style::kOneLine);
    CHECK(out == c.json);
  }
}

TEST_CASE("JSON output survives invalid UTF-8 instead of throwing", "[report]") {
  Corpus corpus = OneStatement("bad \xff byte");
  std::ostringstream out;
  REQUIRE(WriteSegments(out, corpus, ReportFormat::kJson, false).ok());
  nlohmann::json j = nlohmann::json::parse(out.str());
  CHECK(j["statements"][0]["text"] == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("CSV fields are quoted only when they must be", "[report]") {
  CHECK(CsvField("plain") == "plain");
  CHECK(CsvField("a, b") == "\"a, b\"");
  CHECK(CsvField("say \"no\"") == "\"say \"\"no\"\"\"");
  CHECK(CsvField("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("format names: each parses back, in what a command supports", "[report]") {
  constexpr ReportFormat kAll[] = {ReportFormat::kText,     ReportFormat::kJson,
                                   ReportFormat::kCsv,      ReportFormat::kTsv,
                                   ReportFormat::kMarkdown, ReportFormat::kHtml};
  const char* kNames[] = {"text", "json", "csv", "tsv", "md", "html"};
  for (size_t i = 0; i < std::size(kAll); ++i) {
    INFO(kNames[i]);
    CHECK(ReportFormatName(kAll[i]) == kNames[i]);
    Result<ReportFormat> parsed = ParseReportFormat(kNames[i], kAll);
    REQUIRE(parsed.ok());
    CHECK(*parsed == kAll[i]);
  }
  struct Bad {
    const char* name;
    std::vector<ReportFormat> supported;
    const char* listed;
  };
  const Bad bad[] = {
      {"html", {ReportFormat::kText, ReportFormat::kJson}, "use one of: text, json"},
      {"yaml",
       {ReportFormat::kText, ReportFormat::kJson, ReportFormat::kCsv},
       "use one of: text, json, csv"},
      {"JSON", {ReportFormat::kJson}, "use one of: json"},  // names are lower case
      {"markdown", {ReportFormat::kMarkdown}, "use one of: md"},
      {"", {ReportFormat::kTsv}, "use one of: tsv"},
  };
  for (const Bad& b : bad) {
    INFO(b.name);
    Result<ReportFormat> parsed = ParseReportFormat(b.name, b.supported);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().code() == Status::Code::kBadUsage);
    CHECK_THAT(parsed.status().message(),
               Catch::Contains("unknown format '" + std::string(b.name)));
    CHECK_THAT(parsed.status().message(), Catch::Contains(b.listed));
  }
  CHECK(*ParseReportFormat("csv", {ReportFormat::kText, ReportFormat::kCsv}) == ReportFormat::kCsv);
}

TEST_CASE("a writer asked for a format its result lacks says so and writes nothing", "[report]") {
  Corpus corpus = OneStatement("Russia supports China.");
  std::ostringstream out;
  Status s = WriteStats(out, corpus, ReportFormat::kHtml);
  CHECK(s.code() == Status::Code::kBadUsage);
  CHECK_THAT(s.message(), Catch::Contains("stats has no html output (it writes text, json)"));
  s = WriteSegments(out, corpus, ReportFormat::kMarkdown, false);
  CHECK(s.code() == Status::Code::kBadUsage);
  CHECK_THAT(s.message(), Catch::Contains("segments has no md output"));
  CHECK(out.str().empty());
}

}  // namespace
}  // namespace refrain
