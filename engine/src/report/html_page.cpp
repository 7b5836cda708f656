#include "report/html_page.h"

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

void WriteHtmlHead(std::ostream& out, std::string_view title, std::string_view style) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << HtmlEscape(title) << "</title>\n"
      << "<style>\n"
         "body{font-family:system-ui,sans-serif;margin:1.5em;line-height:1.4;color:#222}\n"
         "h2{margin-top:1.5em;font-size:1.1em}\n"
      << style << "</style>\n</head>\n<body>\n";
}

void WriteHtmlEnd(std::ostream& out) { out << "</body>\n</html>\n"; }

}  // namespace refrain
