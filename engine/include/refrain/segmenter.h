// Stage segment (src/segment/): blocks into statements. Cuts each kept block into sentences with
// ICU's sentence break iterator (abbreviations such as "U.S.", "Mr.", "Jan."
// do not end a sentence) and records each with byte offsets into its file.
#ifndef REFRAIN_SEGMENTER_H_
#define REFRAIN_SEGMENTER_H_

#include <string>
#include <vector>

#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

struct SegmenterOptions {
  // ICU locale of the sentence break iterator; "@ss=standard" turns on CLDR's list of
  // abbreviations after which a full stop does not end a sentence ("Mr.", "U.S.", "Jan.").
  std::string locale = "en@ss=standard";
  // Abbreviations added to CLDR's list (ICU's FilteredBreakIteratorBuilder): honorifics in
  // either case ("Ms.", "MS." of a transcript), titles, months and citation parts ("86 Fed.
  // Reg. 7009", "Pub. L."; "Fed." itself only before "Reg.", or "the Fed." would glue). Each
  // one glues a sentence that really ends with it to the next: add only such forms.
  std::vector<std::string> extra_abbreviations = {
      "No.",  "Nos.",  "Art.",  "Para.", "Vol.", "Dr.",    "Mr.",   "Mrs.",  "Ms.",   "Messrs.",
      "Mme.", "Prof.", "Amb.",  "Gen.",  "Lt.",  "Col.",   "Maj.",  "Capt.", "Adm.",  "Sgt.",
      "MR.",  "MRS.",  "MS.",   "DR.",   "Reg.", "Stat.",  "Cong.", "Doc.",  "Exec.", "Pub.",
      "Gov.", "Sen.",  "Rep.",  "Hon.",  "H.E.", "Pres.",  "Sec.",  "Dept.", "St.",   "Jr.",
      "Sr.",  "Inc.",  "Ltd.",  "Corp.", "Jan.", "Feb.",   "Mar.",  "Apr.",  "Jun.",  "Jul.",
      "Aug.", "Sep.",  "Sept.", "Oct.",  "Nov.", "Dec.",   "U.S.",  "U.N.",  "U.K.",  "E.U.",
      "D.C.", "e.g.",  "i.e.",  "cf.",   "vs.",  "approx."};
  // A capital letter and a full stop after a space is a middle initial ("Robert E. Leslie,
  // Nominee for..."), not a sentence end; costs a split after "...Plan B." and the like.
  bool initials_do_not_end = true;
  // A dotted acronym ("U.S.", "U.N.", "D.C.") ends a sentence only before a word that opens
  // one ("...in the U.S. We will..."; a documented list: pronouns, articles, conjunctions,
  // sentence adverbs), never before a name ("the U.S. Government"). Off: never ends one.
  bool acronym_ends_before_opener = true;
  // Drop sentences with no terminal punctuation (headlines, menu items, bylines, captions'
  // credits) as "heading or fragment"...
  bool require_terminal_punctuation = true;
  // ...unless they read as prose, not as a title: at least this many words in a paragraph
  // (a sentence whose full stop was lost), or in a list item or table cell (fact-sheet bullets
  // often end without one). Lower keeps more bullets and more headlines.
  int min_words_unpunctuated = 20;
  int min_words_unpunctuated_item = 6;
  // Share of capitalised words at or above which an unpunctuated sentence reads as a title.
  double max_capitalised_share = 0.4;
  // A block that is one sentence ending in an ellipsis glued to a word cut short ("...in
  // international relatio…": elsewhere in the document that word only starts longer ones) is
  // a teaser for another page. Speakers trailing off ("...and instability…") are kept.
  bool drop_truncated_teasers = true;
  // A paragraph's last sentence with no end, followed by a block that starts lower case, is one
  // sentence cut by a page break ("...limited military" / "strikes to deter..."): keep it as one
  // statement whose bytes span both blocks (and whatever page furniture lies between).
  bool join_across_blocks = true;
  // Worker threads (0 = one per core). The output is identical for any value.
  int threads = 0;
};

// Fills corpus.statements from the kept blocks of every document, ids 0-based in
// (document, offset) order, replacing any statements already there. Sentences that are
// not statements (fragments, a lone e-mail address or URL, a cut teaser) are appended to
// corpus.dropped with their reason; corpus.dropped ends sorted by (doc, start).
// Errors: the ICU locale or an abbreviation cannot be used (kBadUsage).
Status Segment(Corpus& corpus, const SegmenterOptions& options);

}  // namespace refrain

#endif  // REFRAIN_SEGMENTER_H_
