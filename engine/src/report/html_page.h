// What the HTML reports share: escaping and the page around them. Each page is standalone
// (one file, its style inline, no script, nothing fetched), so that it can be mailed or
// archived as it is.
#ifndef REFRAIN_REPORT_HTML_PAGE_H_
#define REFRAIN_REPORT_HTML_PAGE_H_

#include <ostream>
#include <string>
#include <string_view>

namespace refrain {

// `text` with & < > " ' as character references: safe in element content and in a quoted
// attribute value.
std::string HtmlEscape(std::string_view text);

// Writes the doctype, <head> (charset, viewport, `title` escaped, the shared base style and
// then `style`, CSS rules of the page's own) and opens <body>.
void WriteHtmlHead(std::ostream& out, std::string_view title, std::string_view style);

// Closes what WriteHtmlHead opened.
void WriteHtmlEnd(std::ostream& out);

}  // namespace refrain

#endif  // REFRAIN_REPORT_HTML_PAGE_H_
