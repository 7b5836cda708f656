// Who said it: the speaker a statement attributes its words to ("Wang Yi
// said", "said Wang", "Lavrov, in turn, noted", "the Russian side"), so that
// shifts can be asked per speaker. Pattern-based, for English news reports and
// readouts; a statement that names no one has no speaker.
#ifndef REFRAIN_SPEAKERS_H_
#define REFRAIN_SPEAKERS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/status.h"
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
// `documents` only (all when empty): the statement's own speaker when it is a transcript's
// turn (Statement::speaker), else FindSpeaker, with pronouns resolved to the last
// speaker named earlier in the same document. Sentences with no reporting verb
// are not matched at all, which keeps this cheap on speeches.
std::vector<std::string> AttributeSpeakers(const Corpus& corpus,
                                           std::span<const uint32_t> documents = {});

// The names of the people `corpus` quotes ("Wang Yi", "Lavrov"): speakers that
// FindSpeaker names in sentences with "said", "noted", "added" or "told", without
// pronouns and roles. Sorted, distinct.
std::vector<std::string> QuotedSpeakerNames(const Corpus& corpus);

// A speaker label opening a paragraph of a transcript or press conference: "MS. LEAVITT:",
// "THE PRESIDENT:", "Q" (the White House's, without a colon), "Q:", "A:", "Zhao Lijian:",
// "Bloomberg News:". Either all capitals, or words that each open with a capital ("of",
// "the", "and" allowed inside), at most 6 words and 60 bytes, text after it.
struct SpeakerLabel {
  size_t length = 0;    // bytes from the paragraph's start to the text after the label
  std::string speaker;  // as written, without the colon or spaces: "MS. LEAVITT", "Q", "A"
};
// The label that opens `paragraph`, or nullopt. "Note:", "Source:" and other editorial
// prefixes (a documented list) are not labels; "Question:" / "Answer:" are "Q" / "A".
std::optional<SpeakerLabel> FindSpeakerLabel(std::string_view paragraph);

// The spokesperson of a press conference: metadata "speaker" or "spokesperson", else the
// name after "Spokesperson" in the title ("Foreign Ministry Spokesperson Zhao Lijian's
// Regular Press Conference on ..." gives "Zhao Lijian"). Answers "A:" and unlabelled
// opening remarks are theirs. "" when the document names none.
std::string Spokesperson(const Document& doc);

// The turn each block of `doc` starts or continues: the label to leave out of its text,
// who speaks and the turn's kind. Empty when `doc` reads as no transcript: fewer than
// three paragraphs open with a label, or no label opens two, unless a "Q" and an "A" label
// both open one (a single question and its answer). A label "Q" (or "Question")
// starts a question; "A" an answer by the spokesperson; in a document with a spokesperson
// any other label than theirs is a questioner (a reporter's outlet); elsewhere a label
// starts an answer once a question was asked, a statement before.
struct BlockTurn {
  size_t label_length = 0;  // bytes of the label at the block's start (0 when none)
  std::string speaker;      // "" when unknown (text before the first label, no spokesperson)
  TurnKind kind = TurnKind::kNone;
};
std::vector<BlockTurn> FindTurns(const Document& doc);

// Whether `speaker` is the one asked for by `name`: case-insensitive, every word of
// `name` is a word of `speaker` ("Lavrov" matches "Sergey Lavrov" and "Lavrov";
// "Russian side" matches "the Russian side"; "leavitt" and "ms. leavitt" match "MS. LEAVITT").
// Never matches an empty speaker.
bool SpeakerMatches(std::string_view speaker, std::string_view name);

// Keeps only the statements of `corpus` that `name` speaks: SpeakerMatches on the speaker
// AttributeSpeakers gives (a transcript turn's own, else the one the sentence names), read on
// the whole corpus first so that "he said" still finds its name. The kept statements are
// renumbered in order (ids stay indices, as after --glob). Returns how many were kept; bad
// input, and `corpus` untouched, when no statement matches. What every command's --speaker
// calls (through CorpusOptions::speaker).
Result<size_t> KeepSpeaker(Corpus& corpus, std::string_view name);

}  // namespace refrain

#endif  // REFRAIN_SPEAKERS_H_
