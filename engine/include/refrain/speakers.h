// Who said it: the speaker a statement attributes its words to ("Wang Yi
// said", "said Wang", "Lavrov, in turn, noted", "the Russian side"), so that
// shifts can be asked per speaker. Pattern-based, for English news reports and
// readouts; a statement that names no one has no speaker.
#ifndef REFRAIN_SPEAKERS_H_
#define REFRAIN_SPEAKERS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/types.h"

namespace refrain {

// What FindSpeaker returns for "he said", "she added", "according to him": the
// speaker is whoever was named last in the same document.
inline constexpr std::string_view kPronounSpeaker = "<pronoun>";

// The speaker one sentence names for its own words, in this order of trust:
// "..., said NAME." / "NAME [, aside,] [also] VERB" (VERB a reporting verb: said,
// noted, added, stressed, urged ...; leading titles such as "Foreign Minister" are
// dropped, so "Foreign Minister Wang Yi said" gives "Wang Yi"); "he/she VERB" and
// "according to him/her" (kPronounSpeaker); "the Russian side", "the Chinese foreign
// minister" as written. "" when the sentence names no speaker, or is over 2,000 bytes.
std::string FindSpeaker(std::string_view sentence);

// One speaker per statement of `corpus` ("" when none), for the statements of
// `documents` only (all when empty): FindSpeaker, with pronouns resolved to the last
// speaker named earlier in the same document. Sentences with no reporting verb
// are not matched at all, which keeps this cheap on speeches.
std::vector<std::string> AttributeSpeakers(const Corpus& corpus,
                                           std::span<const uint32_t> documents = {});

// The names of the people `corpus` quotes ("Wang Yi", "Lavrov"): speakers that
// FindSpeaker names in sentences with "said", "noted", "added" or "told", without
// pronouns and roles. Sorted, distinct.
std::vector<std::string> QuotedSpeakerNames(const Corpus& corpus);

// Whether `speaker` is the one asked for by `name`: case-insensitive, every word of
// `name` is a word of `speaker` ("Lavrov" matches "Sergey Lavrov" and "Lavrov";
// "Russian side" matches "the Russian side"). Never matches an empty speaker.
bool SpeakerMatches(std::string_view speaker, std::string_view name);

}  // namespace refrain

#endif  // REFRAIN_SPEAKERS_H_
