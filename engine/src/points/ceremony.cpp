#include "ceremony.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>

#include "no_point.h"
#include "util/text.h"

namespace refrain::internal {
namespace {

// Predicates (lemmas, lower case) whose claims are the ceremony of diplomacy and briefings
// rather than a position: protocol (meet, visit, host, attend, accompany, hold talks), thanks
// and pleasantries (thank, congratulate, greet, welcome someone), biography and nomination
// (serve, work as, graduate, nominate, appoint), sign-offs and a spokesman's deflections
// (refer you to, note reports). General English of the genre, not any corpus's phrases.
constexpr std::string_view kCeremonyPredicates[] = {
    "accompany",    "appoint",    "attend",   "congratulate", "congratulation",
    "graduate",     "greet",      "greeting", "gratitude",    "nominate",
    "nomination",   "refer",      "thank",    "thanks",       "visit",
    "conversation", "condolence", "farewell", "goodbye",
};

// Phrases (lower case) that make a unit ceremony whatever its parse, by what they do:
// protocol (a call, talks, a visit scheduled, gifts), pleasantries and thanks, biography
// templates, sign-offs, and deflections (referring the question on, noting reports, having
// no information, having answered before).
constexpr std::string_view kCeremonyPhrases[] = {
    // protocol
    "held talks",
    "hold talks",
    "holds talks",
    "holding talks",
    "telephone conversation",
    "phone conversation",
    "phone call",
    "telephone call",
    "video call",
    "video conference",
    "videoconference",
    "spoke by phone",
    "spoke on the phone",
    "exchanged gifts",
    "exchange of gifts",
    "state visit",
    "official visit",
    "working visit",
    "pay a visit",
    "paid a visit",
    "will visit",
    "will travel to",
    "bilateral meeting",
    "met with",
    "will meet with",
    "held a meeting",
    "during the meeting",
    "the meeting with",
    "during the call",
    "on the call",
    "the two sides met",
    "photo op",
    "family photo",
    "at the invitation of",
    "exchanged views",
    "exchange views",
    "exchanged pleasantries",
    // pleasantries and thanks
    "thank you",
    "we thank",
    "i thank",
    "also thank",
    "want to thank",
    "like to thank",
    "grateful",
    "gratitude",
    "pleased to",
    "happy to",
    "delighted",
    "honored to",
    "honoured to",
    "glad to",
    "good friend",
    "dear friend",
    "warm welcome",
    "warmly welcome",
    "welcome you",
    "look forward",
    "looking forward",
    "looks forward",
    "congratulat",
    "greetings",
    "best wishes",
    "condolences",
    "good morning",
    "good afternoon",
    "good evening",
    "ladies and gentlemen",
    "my pleasure",
    "it's great to",
    "it is great to",
    "great to be",
    "great to see",
    "nice to see",
    // biography and nomination templates
    "has worked in",
    "has worked at",
    "has worked as",
    "has served as",
    "served as",
    "serves as",
    "previously served",
    "currently serves",
    "previously worked",
    "currently works",
    "earned a",
    "earned her",
    "earned his",
    "received a b",
    "received her",
    "received his",
    "graduated",
    "graduate of",
    "holds a b",
    "bachelor",
    "master's degree",
    "j.d.",
    "law degree",
    "is a native of",
    "was born",
    "nominee",
    "nominated",
    "intent to nominate",
    "to appoint",
    "appointed",
    "her career",
    "his career",
    "resides in",
    "lives in",
    "prior to joining",
    "before joining",
    "prior to her",
    "prior to his",
    // sign-offs
    "see you",
    "goodbye",
    "that concludes",
    "that's all",
    "that is all",
    "thanks, everybody",
    "thanks, everyone",
    "take care",
    // deflections
    "relevant reports",
    "refer you to",
    "would refer you",
    "i'd refer you",
    "refer to the",
    "competent authorities",
    "relevant authorities",
    "competent department",
    "relevant department",
    "released the relevant information",
    "released relevant",
    "answered many similar",
    "answered similar",
    "answered this question",
    "answered the question",
    "not aware of",
    "no information",
    "have nothing to",
    "nothing to share",
    "nothing to announce",
    "no update",
    "get back to you",
    "not going to get ahead",
    "won't get ahead",
    "not going to preview",
    "stay tuned",
    "more to share",
    "no announcements",
    "i don't have anything",
    "i don't have any",
    "take your question",
    "you may refer",
    "we have noted",
    "we noted",
    "we note",
    "noted the reports",
    "noted reports",
};

bool HasCeremonyPhrase(std::string_view text) {
  std::string lower = text::AsciiLower(text);
  // Typographic apostrophes read as ASCII ones (UTF-8 of U+2019 is E2 80 99).
  for (size_t at = 0; (at = lower.find("\xE2\x80\x99", at)) != std::string::npos;)
    lower.replace(at, 3, "'");
  for (std::string_view phrase : kCeremonyPhrases) {
    for (size_t at = lower.find(phrase); at != std::string::npos; at = lower.find(phrase, at + 1)) {
      // A whole word (or words) at the start: "we note" is not in "we noted"; a phrase that
      // ends in a stem ("congratulat", "received a b") matches any ending.
      const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
      if (starts) return true;
    }
  }
  return false;
}

// The same predicates as Snowball stems: what is compared when the reader has no lexicon
// (its lemmas are then the words as written, "thanked").
constexpr std::string_view kCeremonyStems[] = {
    "accompani", "appoint", "attend", "congratul", "graduat", "greet",   "gratitud", "nomin",
    "refer",     "thank",   "visit",  "convers",   "condol",  "farewel", "goodby",
};

bool IsCeremonyPredicate(const Claim& claim) {
  const std::string& lemma = claim.predicate.lemma;
  const std::string& stem = claim.predicate.stem;
  return std::find(std::begin(kCeremonyPredicates), std::end(kCeremonyPredicates), lemma) !=
             std::end(kCeremonyPredicates) ||
         std::find(std::begin(kCeremonyStems), std::end(kCeremonyStems), stem) !=
             std::end(kCeremonyStems);
}

}  // namespace

UnitReading ReadUnit(std::string_view text, const ClaimReader* reader) {
  if (reader) return ReadUnit(text, reader->Analyze(text));
  UnitReading reading;
  reading.claim_words = static_cast<size_t>(CountContentWords(text));
  reading.kind = HasCeremonyPhrase(text) ? UnitKind::kCeremony : UnitKind::kClaim;
  return reading;
}

UnitReading ReadUnit(std::string_view text, const UnitClaims& claims) {
  UnitReading reading;
  const bool phrase = HasCeremonyPhrase(text);
  for (const Claim& c : claims.claims) reading.claim_words += c.words.size();
  if (claims.claims.empty()) {
    reading.kind = claims.no_claim_reason == "courtesy" ? UnitKind::kCeremony : UnitKind::kNoClaim;
    return reading;
  }
  // A claim of its own: a verb (not a noun carrying one: "the protection of human rights.")
  // with its subject, or a verb opening a sentence (a passive, an imperative). Else the unit is
  // a topic-only fragment or the tail of a cut sentence ("was reflected in our joint
  // statement", "invest in clean energy.").
  const size_t first = text.find_first_not_of(" \"'(\xE2\x80\x9C\x9D\x98\x99");
  const bool opens =
      first != std::string_view::npos && std::isupper(static_cast<unsigned char>(text[first]));
  const bool stands = std::any_of(claims.claims.begin(), claims.claims.end(), [&](const Claim& c) {
    if (c.nominal) return false;
    // A gerund or participle opening a phrase ("Expanding access to health care.",
    // "Promoting labor rights") names a topic; an imperative or a passive makes a claim.
    const std::string& verb = c.predicate.text;
    const bool gerund = verb.size() > 4 && verb.ends_with("ing");
    return (opens && !gerund) ||
           std::any_of(c.arguments.begin(), c.arguments.end(),
                       [](const ClaimArgument& a) { return a.role == ArgumentRole::kSubject; });
  });
  if (!stands) {
    reading.kind = phrase ? UnitKind::kCeremony : UnitKind::kNoClaim;
    return reading;
  }
  const bool all_ceremony =
      std::all_of(claims.claims.begin(), claims.claims.end(), IsCeremonyPredicate);
  reading.kind = phrase || all_ceremony ? UnitKind::kCeremony : UnitKind::kClaim;
  return reading;
}

}  // namespace refrain::internal
