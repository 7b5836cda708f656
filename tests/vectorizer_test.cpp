#include "refrain/vectorizer.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unsupported/Eigen/SparseExtra>

namespace refrain {
namespace {

const std::filesystem::path kData =
    std::filesystem::path(REFRAIN_SOURCE_DIR) / "tests/data/vectorizer";

std::vector<std::string> ReadLines(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE(in);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string_view> Views(const std::vector<std::string>& strings) {
  return {strings.begin(), strings.end()};
}

TokenizerOptions TokenizerNamed(const std::string& name) {
  TokenizerOptions options;
  if (name == "stop_stem")
    options.stop_words = options.stem = true;
  else
    REQUIRE(name == "plain");
  return options;
}

// scikit-learn's keyword arguments (as make_golden.py wrote them) as refrain's options.
VectorizerOptions OptionsFromSklearn(const nlohmann::json& kwargs, const std::string& tokens) {
  VectorizerOptions options;
  options.tokenizer = TokenizerNamed(tokens);
  // refrain's defaults are scikit-learn's except these two, which every config sets.
  options.ngram_min = kwargs.at("ngram_range")[0];
  options.ngram_max = kwargs.at("ngram_range")[1];
  options.sublinear_tf = kwargs.at("sublinear_tf");
  for (auto [key, bound] :
       {std::pair{"min_df", &options.min_df}, std::pair{"max_df", &options.max_df}}) {
    if (!kwargs.contains(key)) continue;
    const nlohmann::json& v = kwargs.at(key);
    *bound = v.is_number_integer() ? DfBound::Count(v.get<int64_t>())
                                   : DfBound::Proportion(v.get<double>());
  }
  if (kwargs.contains("smooth_idf")) options.smooth_idf = kwargs.at("smooth_idf");
  if (kwargs.contains("use_idf")) options.use_idf = kwargs.at("use_idf");
  if (kwargs.contains("norm")) {
    const nlohmann::json& norm = kwargs.at("norm");
    options.norm = norm.is_null() ? Norm::kNone : norm == "l1" ? Norm::kL1 : Norm::kL2;
  }
  return options;
}

std::string JoinTokens(const std::vector<std::string>& tokens) {
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) out += (i ? "\t" : "") + tokens[i];
  return out;
}

// Not a test: writes refrain's tokens of statements.txt for make_golden.py.
TEST_CASE("dump tokens for make_golden.py", "[.dump-tokens]") {
  const char* out = std::getenv("REFRAIN_TOKENS_OUT");
  REQUIRE(out != nullptr);
  std::vector<std::string> statements = ReadLines(kData / "statements.txt");
  for (std::string name : {"plain", "stop_stem"}) {
    Result<Tokenizer> tokenizer = Tokenizer::Create(TokenizerNamed(name));
    REQUIRE(tokenizer.ok());
    std::ofstream file(std::filesystem::path(out) / ("tokens_" + name + ".txt"), std::ios::binary);
    for (const std::string& s : statements) file << JoinTokens(tokenizer->Tokenize(s)) << "\n";
  }
}

TEST_CASE("the golden files were made from refrain's current tokens", "[vectorizer]") {
  // If this fails the tokenizer changed: rerun tests/data/vectorizer/make_golden.py.
  std::vector<std::string> statements = ReadLines(kData / "statements.txt");
  REQUIRE(statements.size() > 80);
  for (std::string name : {"plain", "stop_stem"}) {
    std::vector<std::string> golden = ReadLines(kData / ("tokens_" + name + ".txt"));
    REQUIRE(golden.size() == statements.size());
    Result<Tokenizer> tokenizer = Tokenizer::Create(TokenizerNamed(name));
    REQUIRE(tokenizer.ok());
    for (size_t i = 0; i < statements.size(); ++i) {
      INFO(name << " statement " << i + 1 << ": " << statements[i]);
      CHECK(JoinTokens(tokenizer->Tokenize(statements[i])) == golden[i]);
    }
  }
}

TEST_CASE("weights equal scikit-learn's given refrain's tokens", "[vectorizer]") {
  std::ifstream in(kData / "golden.json");
  REQUIRE(in);
  nlohmann::json golden = nlohmann::json::parse(in);
  std::vector<std::string> statements = ReadLines(kData / "statements.txt");
  REQUIRE(golden.at("statements") == statements.size());
  REQUIRE(golden.at("configs").size() >= 5);
  for (const nlohmann::json& config : golden.at("configs")) {
    const std::string name = config.at("name");
    SECTION(name) {
      VectorizerOptions options = OptionsFromSklearn(config.at("options"), config.at("tokens"));
      Vectorizer vectorizer(options);
      Result<TfidfMatrix> matrix = vectorizer.FitTransform(Views(statements));
      REQUIRE(matrix.ok());
      const Vocabulary& vocab = vectorizer.vocabulary();
      REQUIRE(vocab.terms() == config.at("terms").get<std::vector<std::string>>());
      std::vector<double> idf = config.at("idf");
      REQUIRE(vocab.idfs().size() == idf.size());
      for (size_t c = 0; c < idf.size(); ++c) CHECK(vocab.idfs()[c] == Approx(idf[c]).margin(1e-6));

      std::vector<int64_t> indptr = config.at("indptr"), indices = config.at("indices");
      std::vector<double> data = config.at("data");
      REQUIRE(matrix->rows() == static_cast<Eigen::Index>(statements.size()));
      REQUIRE(matrix->cols() == static_cast<Eigen::Index>(vocab.size()));
      REQUIRE(matrix->nonZeros() == static_cast<Eigen::Index>(data.size()));
      REQUIRE(matrix->isCompressed());
      size_t off = 0;
      for (Eigen::Index r = 0; r < matrix->rows(); ++r) {
        CHECK(matrix->outerIndexPtr()[r + 1] == indptr[r + 1]);
        for (int32_t k = matrix->outerIndexPtr()[r]; k < matrix->outerIndexPtr()[r + 1]; ++k) {
          INFO(name << " row " << r << " term '" << vocab.term(matrix->innerIndexPtr()[k]) << "'");
          REQUIRE(matrix->innerIndexPtr()[k] == indices[k]);
          CHECK(std::abs(matrix->valuePtr()[k] - data[k]) <= 1e-6);
          ++off;
        }
      }
      CHECK(off == data.size());
    }
  }
}

// Real text, enough statements for several threads: the seed's lines, 40 times over,
// each copy with its own number so that copies are not identical.
std::vector<std::string> ManyStatements() {
  std::vector<std::string> base = ReadLines(kData / "statements.txt"), out;
  for (int copy = 0; copy < 40; ++copy)
    for (const std::string& s : base) out.push_back(fmt::format("{} ({})", s, copy));
  return out;
}

TEST_CASE("the matrix is byte-identical for any thread count", "[vectorizer]") {
  std::vector<std::string> statements = ManyStatements();
  VectorizerOptions options;
  options.threads = 1;
  Vectorizer one(options);
  Result<TfidfMatrix> reference = one.FitTransform(Views(statements));
  REQUIRE(reference.ok());
  for (int threads : {2, 3, 7, 0}) {
    INFO("threads " << threads);
    options.threads = threads;
    Vectorizer many(options);
    Result<TfidfMatrix> matrix = many.FitTransform(Views(statements));
    REQUIRE(matrix.ok());
    REQUIRE(matrix->nonZeros() == reference->nonZeros());
    CHECK(many.vocabulary().terms() == one.vocabulary().terms());
    CHECK(many.vocabulary().dfs() == one.vocabulary().dfs());
    const auto bytes = [](const auto* p, Eigen::Index n) {
      return std::string(reinterpret_cast<const char*>(p), n * sizeof(*p));
    };
    CHECK(bytes(matrix->outerIndexPtr(), matrix->rows() + 1) ==
          bytes(reference->outerIndexPtr(), reference->rows() + 1));
    CHECK(bytes(matrix->innerIndexPtr(), matrix->nonZeros()) ==
          bytes(reference->innerIndexPtr(), reference->nonZeros()));
    CHECK(bytes(matrix->valuePtr(), matrix->nonZeros()) ==
          bytes(reference->valuePtr(), reference->nonZeros()));
  }
}

TEST_CASE("rows are l2-normalised, columns sorted, df counts statements", "[vectorizer]") {
  std::vector<std::string> statements = ReadLines(kData / "statements.txt");
  Vectorizer vectorizer;
  Result<TfidfMatrix> matrix = vectorizer.FitTransform(Views(statements));
  REQUIRE(matrix.ok());
  const Vocabulary& vocab = vectorizer.vocabulary();
  for (Eigen::Index r = 0; r < matrix->rows(); ++r) {
    if (matrix->row(r).nonZeros() == 0) continue;
    CHECK(matrix->row(r).norm() == Approx(1.0).margin(1e-6));
  }
  for (size_t c = 1; c < vocab.size(); ++c) CHECK(vocab.terms()[c - 1] < vocab.terms()[c]);
  // "wang yi" is a bigram of the seed; its df is the number of statements that hold it.
  std::optional<int32_t> column = vocab.Find("wang yi");
  REQUIRE(column);
  int64_t holding = 0;
  Result<Tokenizer> tokenizer = Tokenizer::Create();
  REQUIRE(tokenizer.ok());
  for (const std::string& s : statements) {
    // (Appended, not "a" + b + "c": GCC 12 warns falsely on that, -Wrestrict.)
    std::string joined(1, ' ');
    joined += JoinTokens(tokenizer->Tokenize(s));
    joined += ' ';
    std::replace(joined.begin(), joined.end(), '\t', ' ');
    holding += joined.find(" wang yi ") != std::string::npos;
  }
  CHECK(holding > 3);
  CHECK(vocab.df(*column) == holding);
  CHECK_FALSE(vocab.Find("wang yi said that"));  // a 4-gram: not in a (1, 2) vocabulary
}

TEST_CASE("Transform gives FitTransform's rows and ignores unknown terms", "[vectorizer]") {
  std::vector<std::string> statements = ReadLines(kData / "statements.txt");
  Vectorizer vectorizer;
  REQUIRE_FALSE(vectorizer.Transform(Views(statements)).ok());  // not fitted yet
  Result<TfidfMatrix> fitted = vectorizer.FitTransform(Views(statements));
  REQUIRE(fitted.ok());
  Result<TfidfMatrix> again = vectorizer.Transform(Views(statements));
  REQUIRE(again.ok());
  CHECK((*fitted - *again).norm() < 1e-6);
  std::vector<std::string_view> unknown = {"zyxxy qwertz", ""};
  Result<TfidfMatrix> none = vectorizer.Transform(unknown);
  REQUIRE(none.ok());
  CHECK(none->rows() == 2);
  CHECK(none->nonZeros() == 0);
}

TEST_CASE("options are checked as scikit-learn checks them", "[vectorizer]") {
  std::vector<std::string> statements = ReadLines(kData / "statements.txt");
  struct Case {
    const char* what;
    VectorizerOptions options;
    Status::Code code;
  };
  std::vector<Case> cases;
  auto add = [&](const char* what, auto edit, Status::Code code) {
    VectorizerOptions o;
    edit(o);
    cases.push_back({what, o, code});
  };
  add(
      "ngram_min 0", [](auto& o) { o.ngram_min = 0; }, Status::Code::kBadUsage);
  add(
      "ngram_max < min", [](auto& o) { o.ngram_min = 3; }, Status::Code::kBadUsage);
  add(
      "max_df proportion > 1", [](auto& o) { o.max_df = DfBound::Proportion(1.5); },
      Status::Code::kBadUsage);
  add(
      "min_df count 0", [](auto& o) { o.min_df = DfBound::Count(0); }, Status::Code::kBadUsage);
  add(
      "max_df below min_df",
      [](auto& o) { o.min_df = DfBound::Count(5), o.max_df = DfBound::Count(2); },
      Status::Code::kBadUsage);
  // 102 statements: no term can be in 103 of them (scikit-learn: "no terms remain").
  add(
      "nothing survives pruning",
      [](auto& o) { o.min_df = DfBound::Count(103), o.max_df = DfBound::Count(1000); },
      Status::Code::kBadInput);
  add(
      "negative threads", [](auto& o) { o.threads = -1; }, Status::Code::kBadUsage);
  for (const Case& c : cases) {
    INFO(c.what);
    Vectorizer vectorizer(c.options);
    Result<TfidfMatrix> matrix = vectorizer.FitTransform(Views(statements));
    REQUIRE_FALSE(matrix.ok());
    CHECK(matrix.status().code() == c.code);
  }
  std::vector<std::string_view> stop_only = {"the of and", "", "it is"};
  VectorizerOptions stop;
  stop.tokenizer.stop_words = true;
  Vectorizer vectorizer(stop);
  Result<TfidfMatrix> empty = vectorizer.FitTransform(stop_only);
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().code() == Status::Code::kBadInput);
}

TEST_CASE("df bounds parse as Python reads the literal", "[vectorizer]") {
  struct Case {
    const char* text;
    bool ok;
    double value;
    bool proportion;
  };
  const Case cases[] = {{"2", true, 2, false},      {"1", true, 1, false},
                        {"0.5", true, 0.5, true},   {"1.0", true, 1.0, true},
                        {"1e-2", true, 0.01, true}, {"x", false, 0, false},
                        {"2x", false, 0, false},    {"", false, 0, false}};
  for (const Case& c : cases) {
    INFO(c.text);
    Result<DfBound> bound = DfBound::Parse(c.text, "--min-df");
    REQUIRE(bound.ok() == c.ok);
    if (!c.ok) continue;
    CHECK(bound->value == c.value);
    CHECK(bound->proportion == c.proportion);
    CHECK(DfBound::Parse(bound->ToString(), "--min-df")->proportion == c.proportion);
  }
}

TEST_CASE("refrain vectorize writes Matrix Market and the vocabulary", "[vectorizer]") {
  const std::filesystem::path out =
      std::filesystem::temp_directory_path() / fmt::format("refrain_vectorize_{}.mtx", ::getpid());
  const std::string command =
      fmt::format("{} vectorize --lines {} -o {} --min-df 2 > {}.stdout", REFRAIN_CLI,
                  (kData / "statements.txt").string(), out.string(), out.string());
  REQUIRE(std::system(command.c_str()) == 0);
  std::vector<std::string> statements = ReadLines(kData / "statements.txt");
  VectorizerOptions options;
  options.min_df = DfBound::Count(2);
  Vectorizer vectorizer(options);
  Result<TfidfMatrix> matrix = vectorizer.FitTransform(Views(statements));
  REQUIRE(matrix.ok());
  std::vector<std::string> printed = ReadLines(out.string() + ".stdout");
  REQUIRE(printed.size() >= 3);
  CHECK(printed[0] == fmt::format("shape       {} x {}", matrix->rows(), matrix->cols()));
  CHECK(printed[1] == fmt::format("non-zeros   {}", matrix->nonZeros()));
  CHECK(printed[2] == fmt::format("vocabulary  {} terms", vectorizer.vocabulary().size()));
  TfidfMatrix loaded;
  REQUIRE(Eigen::loadMarket(loaded, out.string()));
  REQUIRE(loaded.rows() == matrix->rows());
  REQUIRE(loaded.cols() == matrix->cols());
  CHECK(loaded.nonZeros() == matrix->nonZeros());
  CHECK((loaded - *matrix).norm() < 1e-5);
  std::vector<std::string> vocab = ReadLines(out.string() + ".vocab");
  REQUIRE(vocab.size() == vectorizer.vocabulary().size());
  for (size_t c = 0; c < vocab.size(); ++c) {
    const int32_t col = static_cast<int32_t>(c);
    CHECK(vocab[c].substr(0, vocab[c].find('\t')) == vectorizer.vocabulary().term(col));
  }
  for (const std::string suffix : {"", ".vocab", ".stdout"})
    std::filesystem::remove(out.string() + suffix);
}

}  // namespace
}  // namespace refrain
