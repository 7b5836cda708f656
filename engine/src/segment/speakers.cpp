// Speaker attribution with std::regex. The patterns are anchored on reporting
// verbs; a cheap substring check keeps sentences without one away from the
// regex engine, which is slow (speeches have hundreds of thousands of sentences).
#include "refrain/speakers.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>

#include "util/text.h"

namespace refrain {
namespace {

// Reporting verbs, as regex alternatives and as substrings for the pre-check.
constexpr std::string_view kVerbs =
    "said|says|noted|notes|added|adds|stressed|stresses|stated|states|emphasized|emphasised|"
    "urged|pointed out|highlighted|mentioned|told|remarked|expressed|reaffirmed|recalled|"
    "congratulated|underlined|underscored|hoped|believes|proposed|called|agreed|welcomed|"
    "appreciated|affirmed|insisted|warned|explained";
constexpr std::string_view kCues[] = {
    "said",    "says",     "note",    "add",       "stress",    "stated",   "states",
    "emphasi", "urged",    "pointed", "highlight", "mention",   "told",     "remark",
    "express", "reaffirm", "recall",  "congrat",   "underline", "undersc",  "hoped",
    "believe", "propos",   "called",  "agreed",    "welcom",    "apprecia", "affirm",
    "insist",  "warned",   "explain", "ccording",  " side",     "inister",  " FM "};

// Words that open a name but are titles, dropped from the front of a name.
constexpr std::string_view kTitles[] = {
    "Chinese",     "Russian",      "State",     "Councilor", "Councillor", "Foreign", "Minister",
    "President",   "Premier",      "Prime",     "Vice",      "Secretary",  "General", "Deputy",
    "Ambassador",  "Spokesperson", "Spokesman", "Mr",        "Ms",         "Mrs",     "Dr",
    "Counterpart", "FM",           "Then",      "And",       "The",        "For",     "But",
    "In",          "On",           "At",        "During",    "Meanwhile",  "Also",    "Moreover",
    "However",     "Besides",      "He",        "She",       "It",         "We",      "They",
    "I",           "This",         "That",      "These",     "Both"};

struct Patterns {
  std::regex said_name;  // ", said Wang." at the end of the sentence
  std::regex name_verb;  // "Wang Yi said", "Lavrov, in turn, noted"
  std::regex pronoun;    // "he said", "according to him"
  std::regex role;       // "the Russian side", "the Chinese foreign minister"
};

const Patterns& GetPatterns() {
  static const Patterns* patterns = [] {
    const std::string verbs(kVerbs);
    const std::string name =
        "((?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?\\s+){0,2}[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)";
    const std::string aside = "(?:\\s*,[^,]{1,60},)?";
    const std::string adverb =
        "(?:\\s+(?:also|further|then|again|in turn|in response|firmly|"
        "strongly|fully|once again))?";
    auto* p = new Patterns;
    p->said_name = std::regex(",\\s*(?:" + verbs + ")\\s+" + name + "\\s*[.!]?[\"”']?\\s*$");
    p->name_verb = std::regex(name + aside + adverb + "\\s+(?:" + verbs + ")\\b");
    p->pronoun = std::regex("(?:\\b(?:[Hh]e|[Ss]he)" + aside + adverb + "\\s+(?:" + verbs +
                            ")\\b|\\b[Aa]ccording to (?:him|her)\\b)");
    p->role = std::regex(
        "\\b[Tt]he ((?:[A-Z][a-z]+ )(?:side|[Ff]oreign [Mm]inister|[Mm]inister|FM|"
        "[Pp]resident|[Ll]eader)\\b)");
    return p;
  }();
  return *patterns;
}

bool HasCue(std::string_view sentence) {
  for (std::string_view cue : kCues)
    if (sentence.find(cue) != std::string_view::npos) return true;
  return false;
}

// `name` without the title words at its front; "" when nothing else is left.
std::string StripTitles(const std::string& name) {
  std::istringstream words(name);
  std::vector<std::string> kept;
  std::string word;
  while (words >> word) {
    if (kept.empty() &&
        std::find(std::begin(kTitles), std::end(kTitles), word) != std::end(kTitles))
      continue;
    kept.push_back(word);
  }
  std::string out;
  for (const std::string& w : kept) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<std::string> LowerWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
      word += text::AsciiLower(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace

std::string FindSpeaker(std::string_view sentence) {
  // libstdc++'s regex matcher recurses per character: a run-on "sentence" of pages
  // (tables, lists without stops) could exhaust the stack, and names no one anyway.
  constexpr size_t kLongest = 2000;
  if (sentence.size() > kLongest || !HasCue(sentence)) return "";
  const Patterns& p = GetPatterns();
  const std::string text(sentence);
  std::smatch m;
  if (std::regex_search(text, m, p.said_name)) {
    std::string name = StripTitles(m[1].str());
    if (!name.empty()) return name;
  }
  // The last "NAME VERB" in the sentence: the attribution usually closes it
  // ("China ... supports X, Wang Yi said").
  std::string found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), p.name_verb);
       it != std::sregex_iterator(); ++it) {
    std::string name = StripTitles((*it)[1].str());
    if (!name.empty()) found = name;
  }
  if (!found.empty()) return found;
  if (std::regex_search(text, m, p.pronoun)) return std::string(kPronounSpeaker);
  if (std::regex_search(text, m, p.role)) return "the " + m[1].str();
  return "";
}

std::vector<std::string> AttributeSpeakers(const Corpus& corpus,
                                           std::span<const uint32_t> documents) {
  std::vector<std::string> speakers(corpus.statements.size());
  std::vector<bool> wanted(corpus.documents.size(), documents.empty());
  for (uint32_t d : documents)
    if (d < wanted.size()) wanted[d] = true;
  std::string last;  // last named speaker in the current document
  uint32_t current_doc = UINT32_MAX;
  for (size_t i = 0; i < corpus.statements.size(); ++i) {
    const Statement& s = corpus.statements[i];
    if (!wanted[s.doc]) continue;
    if (s.doc != current_doc) {
      current_doc = s.doc;
      last.clear();
    }
    if (s.turn != TurnKind::kNone && !s.speaker.empty()) {
      speakers[i] = s.speaker;  // a transcript's turn says who speaks
      continue;
    }
    std::string speaker = FindSpeaker(s.text);
    if (speaker == kPronounSpeaker) {
      speaker = last;
    } else if (!speaker.empty() && speaker.rfind("the ", 0) != 0) {
      last = speaker;  // roles ("the Russian side") are not what "he" refers to
    }
    speakers[i] = std::move(speaker);
  }
  return speakers;
}

Result<size_t> KeepSpeaker(Corpus& corpus, std::string_view name) {
  const std::vector<std::string> speakers = AttributeSpeakers(corpus);
  std::vector<Statement> kept;
  for (size_t i = 0; i < corpus.statements.size(); ++i)
    if (SpeakerMatches(speakers[i], name)) kept.push_back(std::move(corpus.statements[i]));
  if (kept.empty())
    return Status::BadInput(
        fmt::format("no statement is attributed to a speaker matching '{}'", name));
  for (size_t i = 0; i < kept.size(); ++i) kept[i].id = i;
  corpus.statements = std::move(kept);
  return corpus.statements.size();
}

std::vector<std::string> QuotedSpeakerNames(const Corpus& corpus) {
  static constexpr std::string_view kStrong[] = {" said", " noted", " added", " told"};
  std::vector<std::string> names;
  for (const Statement& s : corpus.statements) {
    const std::string_view text = s.text;
    if (std::none_of(std::begin(kStrong), std::end(kStrong), [&](std::string_view cue) {
          return text.find(cue) != std::string_view::npos;
        }))
      continue;
    std::string speaker = FindSpeaker(text);
    if (speaker.empty() || speaker == kPronounSpeaker || speaker.rfind("the ", 0) == 0) continue;
    names.push_back(std::move(speaker));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

bool SpeakerMatches(std::string_view speaker, std::string_view name) {
  if (speaker.empty()) return false;
  const std::vector<std::string> have = LowerWords(speaker);
  const std::vector<std::string> want = LowerWords(name);
  if (want.empty()) return false;
  for (const std::string& w : want)
    if (std::find(have.begin(), have.end(), w) == have.end()) return false;
  return true;
}

}  // namespace refrain
