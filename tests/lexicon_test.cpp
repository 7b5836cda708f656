// The meaning stage: Lexicon on real words, WordNet 3.0 (Debian's wordnet-base) and the GloVe
// vectors scripts/install-deps converts: lemmas, each relation, vector closeness, the order the
// relations are tried in, thread safety, and the errors for a missing or corrupt vectors file.
#include "refrain/lexicon.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

namespace refrain {
namespace {

namespace fs = std::filesystem;

const Lexicon& Shared() {
  static Result<Lexicon> lexicon = Lexicon::Open({});
  if (!lexicon.ok()) FAIL(lexicon.status().message());
  return *lexicon;
}

TEST_CASE("lemmas are WordNet's base forms, exceptions first", "[lexicon]") {
  struct Case {
    const char* word;
    WordClass word_class;
    const char* lemma;
  };
  const Case cases[] = {
      {"talks", WordClass::kNoun, "talk"},
      {"talks", WordClass::kVerb, "talk"},
      {"Talks", WordClass::kAny, "talk"},
      {"supported", WordClass::kVerb, "support"},
      {"supports", WordClass::kAny, "support"},
      {"better", WordClass::kAdjective, "good"},  // adj.exc
      {"went", WordClass::kVerb, "go"},           // verb.exc
      {"countries", WordClass::kNoun, "country"},
      {"crises", WordClass::kNoun, "crisis"},
      {"negotiations", WordClass::kNoun, "negotiation"},
      {"support", WordClass::kVerb, "support"},  // already a base form
      {"Russia", WordClass::kNoun, "russia"},
      {"supported", WordClass::kNoun, "supported"},  // not a noun: the word itself
      {"xqzvbrm", WordClass::kAny, "xqzvbrm"},       // unknown: the word itself, lower case
  };
  for (const Case& c : cases) {
    CAPTURE(c.word, static_cast<int>(c.word_class));
    CHECK(Shared().Lemma(c.word, c.word_class) == c.lemma);
  }
  // A token longer than libwordnet's buffers (WORDBUF, 256 bytes) is never handed to it: it is
  // its own lemma and relates to nothing, and the words after it are read as before.
  const std::string run(300, 'a');
  CHECK(Shared().Lemma(run + "s", WordClass::kNoun) == run + "s");
  CHECK(Shared().Relate(run + "s", run + "es", WordClass::kAny).relation == WordRelation::kNone);
  CHECK(Shared().Lemma("countries", WordClass::kNoun) == "country");
}

// TermLemma: one form per word without a class, for theme terms (themes.h). Regressions of
// issue 17: stems made "goods" (of "originating goods") the term "good" (of "good-paying jobs").
TEST_CASE("term lemmas: a noun of its own stays, inflections join, unknown words stay",
          "[lexicon]") {
  struct Case {
    const char* word;
    const char* lemma;
  };
  const Case cases[] = {
      {"goods", "goods"},         // the plural of a mostly-adjective base: a noun of its own
      {"good", "good"},           // ... apart from the adjective
      {"rights", "rights"},       // "human rights" is not "the right thing"
      {"supports", "support"},    // inflections of one verb join
      {"supported", "support"},   // though WordNet lists "supported" as an adjective too
      {"support", "support"},     //
      {"opposes", "oppose"},      //
      {"countries", "country"},   // regular plural
      {"Countries", "country"},   // case folded
      {"crises", "crisis"},       // noun.exc
      {"better", "better"},       // a noun of its own: not forced into "good"
      {"greater", "great"},       // a comparative that is no noun
      {"arms", "arms"},           // WordNet's own noun: weapons, not limbs
      {"talks", "talks"},         // ... negotiations
      {"sessions", "session"},    // WordNet's "Sessions" is a name: not a noun of its own
      {"sanctions", "sanction"},  //
      {"went", "go"},             // verb.exc
      {"firmly", "firmly"},       // an adverb with no other base
      {"covid", "covid"},         // unknown: the word itself
      {"lijian", "lijian"},       // a name
      {"xqzvbrm", "xqzvbrm"},     //
  };
  for (const Case& c : cases) {
    CAPTURE(c.word);
    CHECK(Shared().TermLemma(c.word) == c.lemma);
  }
  // A token longer than libwordnet's buffers is its own lemma, and leaves the others as they were.
  const std::string run(300, 'a');
  CHECK(Shared().TermLemma(run + "s") == run + "s");
  CHECK(Shared().TermLemma("countries") == "country");
}

// The weight LexiconOptions gives each relation but kVector (whose weight is the cosine's).
double WeightOf(WordRelation relation, const LexiconOptions& options) {
  switch (relation) {
    case WordRelation::kSame:
    case WordRelation::kLemma:
      return 1.0;
    case WordRelation::kDerivation:
      return options.derivation_weight;
    case WordRelation::kSynonym:
      return options.synonym_weight;
    case WordRelation::kHypernym:
      return options.hypernym_weight;
    case WordRelation::kAntonym:
      return options.antonym_weight;
    case WordRelation::kVector:
    case WordRelation::kNone:
      break;
  }
  return 0.0;
}

TEST_CASE("Relate names the relation WordNet or the vectors give, with its weight", "[lexicon]") {
  struct Case {
    const char* a;
    const char* b;
    WordClass word_class;
    WordRelation relation;
  };
  const Case cases[] = {
      {"Support", "support", WordClass::kAny, WordRelation::kSame},
      {"supports", "supported", WordClass::kVerb, WordRelation::kLemma},
      {"talks", "talk", WordClass::kNoun, WordRelation::kLemma},
      {"better", "good", WordClass::kAdjective, WordRelation::kLemma},
      {"protect", "protection", WordClass::kAny, WordRelation::kDerivation},
      {"protection", "protects", WordClass::kNoun, WordRelation::kDerivation},  // any class
      {"settle", "settlement", WordClass::kAny, WordRelation::kDerivation},
      {"cooperate", "cooperation", WordClass::kAny, WordRelation::kDerivation},
      {"cooperation", "cooperating", WordClass::kAny, WordRelation::kDerivation},
      {"aid", "help", WordClass::kNoun, WordRelation::kSynonym},
      {"origin", "source", WordClass::kNoun, WordRelation::kSynonym},
      {"talks", "negotiations", WordClass::kNoun, WordRelation::kSynonym},
      {"back", "support", WordClass::kVerb, WordRelation::kSynonym},
      {"increase", "decrease", WordClass::kVerb, WordRelation::kAntonym},
      {"increases", "decreased", WordClass::kAny, WordRelation::kAntonym},
      {"increase", "lessen", WordClass::kVerb, WordRelation::kAntonym},  // in decrease's synset
      {"war", "military action", WordClass::kNoun, WordRelation::kHypernym},
      {"wars", "action", WordClass::kNoun, WordRelation::kHypernym},
      {"Beijing", "national capital", WordClass::kNoun, WordRelation::kHypernym},  // instance
      {"dog", "canine", WordClass::kNoun, WordRelation::kHypernym},
      {"internet", "indo-pacific", WordClass::kAny, WordRelation::kNone},
      {"olympics", "tariffs", WordClass::kAny, WordRelation::kNone},
      {"russia", "china", WordClass::kAny, WordRelation::kNone},  // cosine 0.67
      {"xqzvbrm", "support", WordClass::kAny, WordRelation::kNone},
      {"", "support", WordClass::kAny, WordRelation::kNone},
  };
  for (const Case& c : cases) {
    CAPTURE(c.a, c.b, WordRelationName(c.relation));
    WordLink link = Shared().Relate(c.a, c.b, c.word_class);
    CHECK(WordRelationName(link.relation) == WordRelationName(c.relation));
    CHECK(link.weight == Approx(WeightOf(c.relation, LexiconOptions{})));
    // The relation is symmetric.
    CHECK(Shared().Relate(c.b, c.a, c.word_class).relation == link.relation);
  }
}

TEST_CASE("WordNet's word classes are kept apart unless kAny", "[lexicon]") {
  // "talks" is a noun synonym of "negotiations", never a verb one.
  CHECK(Shared().Relate("talks", "negotiations", WordClass::kVerb).relation !=
        WordRelation::kSynonym);
  // "good" is a noun too, but "better" -> "good" is the adjective's exception list.
  CHECK(Shared().Relate("better", "good", WordClass::kNoun).relation != WordRelation::kLemma);
}

TEST_CASE("support / oppose is no WordNet antonym pair", "[lexicon]") {
  // WordNet 3.0 gives "support" no antonym (the one ANTPTR in its synsets is "affirm" / "deny");
  // the aligner has to treat "oppose" as a negative predicate itself.
  WordLink link = Shared().Relate("support", "oppose", WordClass::kVerb);
  CHECK(link.relation != WordRelation::kAntonym);
  CHECK(link.relation != WordRelation::kSynonym);
}

TEST_CASE("vector closeness: GloVe cosines on real words", "[lexicon]") {
  struct Case {
    const char* a;
    const char* b;
    double at_least, at_most;  // the cosine's bounds
  };
  const Case cases[] = {
      {"origin", "source", 0.55, 1.0},
      {"china", "beijing", 0.6, 1.0},
      {"increase", "decrease", 0.6, 1.0},  // opposites sit close: why antonyms come first
      {"sanctions", "tariffs", 0.4, 0.9},
      {"internet", "pacific", -1.0, 0.35},
      {"internet", "indo-pacific", -1.0, 0.2},
      {"russia", "china", 0.6, 0.7},  // related, not the same: below the default threshold
      {"olympics", "tariffs", -1.0, 0.3},
      {"Origin", "sources", 0.5, 1.0},  // case folded; "sources" by its own vector
  };
  for (const Case& c : cases) {
    CAPTURE(c.a, c.b);
    std::optional<double> cosine = Shared().Cosine(c.a, c.b);
    REQUIRE(cosine.has_value());
    CHECK(*cosine >= c.at_least);
    CHECK(*cosine <= c.at_most);
  }
  CHECK(Shared().Cosine("origin", "origin").value() == Approx(1.0));
  CHECK_FALSE(Shared().Cosine("xqzvbrm", "origin").has_value());
  CHECK(Shared().vector_words() > 300000);
}

TEST_CASE("a close vector is kVector when WordNet does not relate the words", "[lexicon]") {
  const LexiconOptions defaults;
  // Neither shares a synset nor is a hypernym of the other; GloVe puts them close.
  const std::pair<const char*, const char*> close[] = {{"beijing", "shanghai"},
                                                       {"russia", "ukraine"},
                                                       {"sanctions", "embargo"},
                                                       {"strengthen", "enhance"},
                                                       {"terrorism", "extremism"}};
  for (auto [a, b] : close) {
    CAPTURE(a, b);
    WordLink link = Shared().Relate(a, b, WordClass::kAny);
    REQUIRE(link.relation == WordRelation::kVector);
    CHECK(link.weight == Approx(*Shared().Cosine(a, b) * defaults.vector_weight));
    CHECK(*Shared().Cosine(a, b) >= defaults.vector_threshold);
  }
  // A threshold above their cosine leaves them unrelated.
  LexiconOptions strict;
  strict.vector_threshold = 0.99;
  Result<Lexicon> lexicon = Lexicon::Open(strict);
  REQUIRE(lexicon.ok());
  CHECK(lexicon->Relate("beijing", "shanghai", WordClass::kAny).relation == WordRelation::kNone);
}

TEST_CASE("Relate gives the same answers from several threads at once", "[lexicon]") {
  Result<Lexicon> fresh = Lexicon::Open({});  // an empty cache: threads race to fill it
  REQUIRE(fresh.ok());
  const char* words[] = {"support",  "supported", "protect",  "protection", "increase",
                         "decrease", "war",       "conflict", "aid",        "help",
                         "origin",   "source",    "talks",    "talk"};
  std::vector<WordRelation> expected;
  for (const char* a : words)
    for (const char* b : words) expected.push_back(Shared().Relate(a, b, WordClass::kAny).relation);
  std::vector<std::vector<WordRelation>> seen(4);
  std::vector<std::thread> threads;
  for (auto& out : seen) {
    threads.emplace_back([&fresh, &words, &out] {
      for (const char* a : words)
        for (const char* b : words) out.push_back(fresh->Relate(a, b, WordClass::kAny).relation);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const auto& out : seen) CHECK(out == expected);
  CHECK(fresh->cached_words() == std::size(words));
}

// A folder of its own under the system's temporary folder, removed afterwards.
struct TempDir {
  fs::path path;
  explicit TempDir(const char* name) : path(fs::temp_directory_path() / name) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

TEST_CASE("a missing or corrupt vectors file is an error naming it and install-deps", "[lexicon]") {
  TempDir dir("refrain_lexicon_test");
  LexiconOptions options;
  options.data_dir = dir.path.string();
  const std::string file = (dir.path / "glove-6b-100d.rvec").string();
  CHECK(LexiconVectorsPath(options) == file);

  Result<Lexicon> missing = Lexicon::Open(options);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == Status::Code::kIoError);
  CHECK_THAT(missing.status().message(), Catch::Contains(file));
  CHECK_THAT(missing.status().message(), Catch::Contains("scripts/install-deps"));

  // The real file cut short, or with its magic or version changed: each is refused.
  std::ifstream real(Shared().vectors_path(), std::ios::binary);
  std::string head(4096, '\0');
  real.read(head.data(), static_cast<std::streamsize>(head.size()));
  struct Case {
    const char* what;
    std::string bytes;
  };
  std::string bad_magic = head, bad_version = head;
  bad_magic[0] = 'X';
  bad_version[8] = 2;
  const Case cases[] = {
      {"empty", ""},
      {"header only", head.substr(0, 64)},
      {"truncated", head},
      {"bad magic", bad_magic},
      {"version 2", bad_version},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << c.bytes;
    Result<Lexicon> corrupt = Lexicon::Open(options);
    REQUIRE_FALSE(corrupt.ok());
    CHECK(corrupt.status().code() == Status::Code::kBadInput);
    CHECK_THAT(corrupt.status().message(), Catch::Contains(file));
    CHECK_THAT(corrupt.status().message(), Catch::Contains("scripts/install-deps"));
  }
}

}  // namespace
}  // namespace refrain
