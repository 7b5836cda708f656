#include "refrain/report.h"

#include <catch2/catch.hpp>
#include <sstream>

namespace refrain {
namespace {

Corpus OneStatement(std::string text) {
  Corpus corpus;
  Document doc;
  doc.path = "2021/readout.md";
  doc.date = {2021, 7, 15, Date::Precision::kDay};
  doc.metadata = {{"title", "Talks in Tashkent"}, {"date", "2021-07-15"}};
  corpus.documents.push_back(std::move(doc));
  corpus.statements.push_back({7, 0, 10, 10 + text.size(), std::move(text)});
  return corpus;
}

TEST_CASE("a statement in JSON has the core fields and its document's metadata", "[report]") {
  Corpus corpus = OneStatement("Russia supports China, \"he said\".");
  nlohmann::json j = StatementJson(corpus, corpus.statements[0]);
  CHECK(j["id"] == 7);
  CHECK(j["doc"] == "2021/readout.md");
  CHECK(j["date"] == "2021-07-15");
  CHECK(j["start"] == 10);
  CHECK(j["title"] == "Talks in Tashkent");
  CHECK(j.size() == 7);  // the metadata's own "date" does not shadow the core field
}

TEST_CASE("JSON output survives invalid UTF-8 instead of throwing", "[report]") {
  Corpus corpus = OneStatement("bad \xff byte");
  std::ostringstream out;
  REQUIRE_NOTHROW(WriteSegments(out, corpus, Format::kJson, false));
  nlohmann::json j = nlohmann::json::parse(out.str());
  CHECK(j["statements"][0]["text"] == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("CSV fields are quoted only when they must be", "[report]") {
  CHECK(CsvField("plain") == "plain");
  CHECK(CsvField("a, b") == "\"a, b\"");
  CHECK(CsvField("say \"no\"") == "\"say \"\"no\"\"\"");
  CHECK(CsvField("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("formats are parsed against what a command allows", "[report]") {
  CHECK(*ParseFormat("csv", {Format::kText, Format::kCsv}) == Format::kCsv);
  Result<Format> bad = ParseFormat("html", {Format::kText, Format::kJson});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == Status::Code::kBadUsage);
  CHECK_THAT(bad.status().message(), Catch::Contains("text, json"));
}

}  // namespace
}  // namespace refrain
