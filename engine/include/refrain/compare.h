// Stage points (src/points/): what one meeting repeated, added or dropped against another. The
// statements of two documents are matched one to one (best score first), each
// match with its shared terms and a word-level diff of the two phrasings.
#ifndef REFRAIN_COMPARE_H_
#define REFRAIN_COMPARE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/claims.h"
#include "refrain/matcher.h"
#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

// A run of words of one side of a word diff: words the other side also has, or not.
struct DiffRun {
  std::string text;  // the words as written, one space between them (and before, but for
                     // the first run)
  bool changed = false;
};

// Both sides of a word diff. Concatenating the runs of a side gives that text with every
// run of white space made one space and none at either end.
struct WordDiff {
  std::vector<DiffRun> a, b;
  // The texts differ in a middle too long to diff word by word (over kMaxWordDiffCells
  // between their common first and last words): that middle is marked changed whole.
  bool whole_middle_changed = false;
};

// The most cells (words of a times words of b) of a word diff's table: 16M, 64 MB. Past it
// the common first and last words are matched first, in linear time, and the table is
// built for the middle between them only when that fits.
inline constexpr size_t kMaxWordDiffCells = size_t{1} << 24;

// The word-level diff of `a` and `b`: the longest common subsequence of their words,
// compared without case and without punctuation at either end of a word ("Beijing," is
// "beijing"); the words outside it are changed. Quadratic in words, for sentences; bounded
// by kMaxWordDiffCells (see WordDiff::whole_middle_changed).
WordDiff DiffWords(std::string_view a, std::string_view b);

// Two statements that make the same point: indices into Corpus::statements.
struct MatchedStatements {
  uint32_t a = 0;
  uint32_t b = 0;
  double score = 0;                      // the best score of a unit of `a` with a unit of `b`
  uint32_t unit_a = 0, unit_b = 0;       // that best pair, indices into Matcher::units()
  std::vector<TermContribution> shared;  // that pair's shared terms, largest first
  WordDiff diff;                         // of the two statements' texts
};

struct Comparison {
  uint32_t doc_a = 0, doc_b = 0;  // indices into Corpus::documents
  double threshold = 0;
  std::vector<MatchedStatements> matched;  // in the order of `a`'s statements
  std::vector<uint32_t> only_a, only_b;    // statements without a match, in document order
  // Ceremony (protocol, thanks, greetings, biography, sign-offs, deflections; see
  // TalkingPointsOptions::claims): matched pairs of which either side's best unit is
  // ceremony, and unmatched ceremony statements of each side. Never also in the lists above.
  std::vector<MatchedStatements> ceremony_matched;
  std::vector<uint32_t> ceremony_a, ceremony_b;
};

// Matches the statements of documents `doc_a` and `doc_b` of `corpus` (over which
// `matcher` was built): every pair scoring at least the matcher's threshold, taken best
// first (ties by position in `a`, then `b`) while neither statement is taken. Ceremony is
// then set apart, told by `claims` (nullptr: the built-in ceremony phrases only).
Result<Comparison> CompareDocuments(const Corpus& corpus, const Matcher& matcher, uint32_t doc_a,
                                    uint32_t doc_b, const ClaimReader* claims = nullptr);

}  // namespace refrain

#endif  // REFRAIN_COMPARE_H_
