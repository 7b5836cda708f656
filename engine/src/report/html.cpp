// Escaping and the page frame of refrain's HTML reports.
#include "report/html.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace refrain {

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void WriteHtmlHead(std::ostream& out, std::string_view title, std::string_view css) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  fmt::print(out, "<title>{}</title>\n", HtmlEscape(title));
  out << "<style>\n"
         "body{font-family:system-ui,sans-serif;margin:1.5em;line-height:1.4;color:#222}\n"
      << css << "</style>\n</head>\n<body>\n";
}

void WriteHtmlTail(std::ostream& out) { out << "</body>\n</html>\n"; }

}  // namespace refrain
