// Internal to the matcher: cuts a statement into point-sized clauses and maps
// each clause back onto the bytes of its file.
#ifndef REFRAIN_SRC_CLAUSES_H_
#define REFRAIN_SRC_CLAUSES_H_

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "refrain/types.h"

namespace refrain::internal {

struct ClauseOptions {
  // A piece with fewer words than this is not a point on its own: it joins a neighbour.
  int min_words = 5;
};

// The clauses of `text` (one line, as Statement::text is): [begin, end) byte ranges,
// trimmed, in order. Cuts after ';' and ':' and before a conjunction or relative
// word that starts a new point after a comma (", and", ", while", ", which") or a
// verb phrase that starts one ("and is willing to"). A text with no cut is one clause.
std::vector<std::pair<size_t, size_t>> CutClauses(std::string_view text,
                                                  const ClauseOptions& options);

// Maps [begin, end) of `statement.text` to byte offsets into `document.bytes`. The
// statement's text is its visible text with white space collapsed; the mapping walks
// both. Returns false (and leaves the out-params alone) when the two cannot be aligned
// (a statement joined across blocks, a repaired byte): callers keep the whole statement.
bool MapToOriginal(const Document& document, const Statement& statement, size_t begin, size_t end,
                   uint64_t* original_begin, uint64_t* original_end);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_CLAUSES_H_
