// Internal to the reader: the shape of a line's text (does it end a sentence,
// start lower case, end with a word hyphen), used to rejoin hard-wrapped lines.
#ifndef REFRAIN_SRC_TEXT_SHAPE_H_
#define REFRAIN_SRC_TEXT_SHAPE_H_

#include <string_view>

namespace refrain::internal {

// Space or tab (a line's content is what lies between them).
inline bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// True when `text` ends with . ! ? or an ellipsis, closing quotes and brackets allowed after it.
bool EndsSentence(std::string_view text);

// True when the first character of `text` after blanks and opening quotes or
// brackets is a lower-case letter (any script).
bool StartsLowercase(std::string_view text);

// True when the last word of `text` is all lowercase ASCII letters or digits with
// nothing after it ("within the", "among 26"): not how a heading or a name ends.
bool EndsWithLowercaseWord(std::string_view text);

// True when `text` ends with a letter followed by '-' (a word broken across lines).
bool EndsWithWordHyphen(std::string_view text);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_TEXT_SHAPE_H_
