// What the HTML reports share (compare's side-by-side page, shifts' timelines): escaping and
// the head of a standalone page, so that every page reads alike and none needs the network.
#ifndef REFRAIN_REPORT_HTML_H_
#define REFRAIN_REPORT_HTML_H_

#include <ostream>
#include <string>
#include <string_view>

namespace refrain {

// `text` with &, <, >, " and ' as entities: safe in element content and in quoted attributes.
std::string HtmlEscape(std::string_view text);

// Writes a standalone page's opening up to and including <body>: doctype, UTF-8, viewport,
// `title` (escaped here), and a <style> of the shared body rule followed by `css` (rules, one
// per line, each ending in a newline).
void WriteHtmlHead(std::ostream& out, std::string_view title, std::string_view css);

// Closes what WriteHtmlHead opened.
void WriteHtmlTail(std::ostream& out);

}  // namespace refrain

#endif  // REFRAIN_REPORT_HTML_H_
