#include "html_text.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "util/text.h"

namespace refrain::internal {

namespace {

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Elements whose content is never visible text.
bool IsInvisible(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
      return true;
    default:
      return false;
  }
}

// Elements that start and end a block of text.
bool IsBlockLevel(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_HTML:
      return true;
    default:
      return false;
  }
}

bool IsChromeTag(GumboTag tag) {
  return tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_FOOTER ||
         tag == GUMBO_TAG_ASIDE || tag == GUMBO_TAG_FORM || tag == GUMBO_TAG_MENU;
}

// An id or class naming page furniture: its words ("subNav", "main-menu",
// "footer", "sidebar", "breadcrumb") say so on most sites.
bool NamesChrome(const GumboElement& element) {
  for (const char* name : {"id", "class"}) {
    const GumboAttribute* attr = gumbo_get_attribute(&element.attributes, name);
    if (!attr) continue;
    const std::string value = text::AsciiLower(attr->value);
    size_t pos = 0;
    while (pos < value.size()) {
      size_t end = value.find_first_of(" \t\n", pos);
      if (end == std::string::npos) end = value.size();
      std::string_view token(value.data() + pos, end - pos);
      for (std::string_view word : {"nav", "menu", "footer", "sidebar", "breadcrumb"})
        if (token.find(word) != std::string_view::npos) return true;
      if (token == "header" || token == "masthead") return true;
      pos = end + 1;
    }
  }
  return false;
}

// Hidden as served: the `hidden` attribute or an inline display:none.
bool IsHidden(const GumboElement& element) {
  if (gumbo_get_attribute(&element.attributes, "hidden")) return true;
  const GumboAttribute* style = gumbo_get_attribute(&element.attributes, "style");
  if (!style) return false;
  std::string value;
  for (const char* p = style->value; *p; ++p)
    if (!IsHtmlSpace(*p)) value += text::AsciiLower(*p);
  return value.find("display:none") != std::string::npos;
}

Block::Kind KindOf(GumboTag tag, Block::Kind parent) {
  switch (tag) {
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return Block::Kind::kHeading;
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
      return Block::Kind::kListItem;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      return Block::Kind::kTableCell;
    case GUMBO_TAG_BLOCKQUOTE:
      return Block::Kind::kQuote;
    case GUMBO_TAG_PRE:
      return Block::Kind::kCode;
    default:
      return parent;
  }
}

class HtmlBlocks {
 public:
  HtmlBlocks(const SourceText& source, Document& doc) : source_(source), doc_(doc) {}

  void Walk(const GumboNode* root) {
    // Iterative, so that deeply nested (or broken) markup cannot overflow the stack.
    struct Frame {
      const GumboNode* node;
      size_t next_child;
      Block::Kind kind;
      bool block, chrome, link;
    };
    std::vector<Frame> stack;
    stack.push_back({root, 0, Block::Kind::kParagraph, false, false, false});
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const GumboNode* node = frame.node;
      const GumboVector* children = nullptr;
      if (node->type == GUMBO_NODE_DOCUMENT) children = &node->v.document.children;
      if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE)
        children = &node->v.element.children;
      if (!children || frame.next_child >= children->length) {
        if (frame.block) EndBlock();
        if (frame.chrome) --chrome_;
        if (frame.link) --link_;
        stack.pop_back();
        continue;
      }
      const auto* child = static_cast<const GumboNode*>(children->data[frame.next_child++]);
      const Block::Kind kind = frame.kind;
      switch (child->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE:
          Text(child->v.text, kind);
          break;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: {
          const GumboElement& e = child->v.element;
          if (e.tag == GUMBO_TAG_TITLE && title_.empty()) Title(child);
          if (e.tag == GUMBO_TAG_HEAD) {
            for (unsigned k = 0; k < e.children.length && title_.empty(); ++k) {
              const auto* h = static_cast<const GumboNode*>(e.children.data[k]);
              if (h->type == GUMBO_NODE_ELEMENT && h->v.element.tag == GUMBO_TAG_TITLE) Title(h);
            }
          }
          if (IsInvisible(e.tag) || child->type == GUMBO_NODE_TEMPLATE) break;
          Frame f{child, 0, KindOf(e.tag, kind), IsBlockLevel(e.tag), false, false};
          if (f.block) EndBlock();
          if (IsChromeTag(e.tag) || IsHidden(e) || (f.block && NamesChrome(e))) {
            f.chrome = true;
            ++chrome_;
          }
          if (e.tag == GUMBO_TAG_A && gumbo_get_attribute(&e.attributes, "href")) {
            f.link = true;
            ++link_;
          }
          stack.push_back(f);
          break;
        }
        default:
          break;  // comments
      }
    }
    EndBlock();
  }

  const std::string& title() const { return title_; }
  uint64_t unaligned() const { return unaligned_; }

 private:
  uint64_t OffsetOf(const char* p) const {
    return static_cast<uint64_t>(p - source_.bytes().data());
  }

  void Title(const GumboNode* node) {
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* c = static_cast<const GumboNode*>(children.data[i]);
      if (c->type != GUMBO_NODE_TEXT && c->type != GUMBO_NODE_WHITESPACE) continue;
      bool space = !title_.empty();
      for (const char* p = c->v.text.text; *p; ++p) {
        if (IsHtmlSpace(*p)) {
          space = !title_.empty();
          continue;
        }
        if (space) title_ += ' ';
        space = false;
        title_ += *p;
      }
    }
  }

  // Aligns a text node's decoded text with its source, so each decoded byte maps
  // to the bytes it came from: copies where they agree, replacements for entities,
  // carriage returns and repaired bytes.
  void Align(const GumboText& t, PieceText& out) {
    std::string_view o(t.original_text.data, t.original_text.length);
    std::string_view d(t.text);
    const uint64_t base = OffsetOf(t.original_text.data);
    size_t i = 0, j = 0;
    while (i < o.size() && j < d.size()) {
      if (o[i] == '&') {
        size_t e = i + 1;
        if (e < o.size() && o[e] == '#') {
          ++e;
          const bool hex = e < o.size() && (o[e] == 'x' || o[e] == 'X');
          if (hex) ++e;
          while (e < o.size() && (hex ? std::isxdigit(static_cast<unsigned char>(o[e]))
                                      : std::isdigit(static_cast<unsigned char>(o[e]))))
            ++e;
        } else {
          while (e < o.size() && std::isalnum(static_cast<unsigned char>(o[e]))) ++e;
        }
        if (e < o.size() && o[e] == ';') ++e;
        if (e - i > 1 && d.substr(j, e - i) != o.substr(i, e - i)) {
          // Decoded: the entity stands for the decoded bytes up to where the texts
          // meet again; most entities are one character, so try its length first.
          size_t one = 1;
          const unsigned char lead = static_cast<unsigned char>(d[j]);
          if (lead >= 0xF0)
            one = 4;
          else if (lead >= 0xE0)
            one = 3;
          else if (lead >= 0xC0)
            one = 2;
          auto meets = [&](size_t k) {
            if (j + k > d.size()) return false;
            if (e == o.size()) return j + k == d.size();
            if (o[e] == '&' || o[e] == '\r' || o[e] == '<') return true;
            return j + k < d.size() && d[j + k] == o[e];
          };
          size_t k = meets(one) ? one : 0;
          for (size_t t = 1; !k && t <= 8; ++t)
            if (meets(t)) k = t;
          if (k) {
            out.AppendReplacement(d.substr(j, k), base + i, base + e);
            i = e;
            j += k;
            continue;
          }
          break;  // cannot align: the rest as one replacement below
        }
      }
      if (o[i] == '\r') {
        if (d[j] == '\n' && !(i + 1 < o.size() && o[i + 1] == '\n')) {
          out.AppendReplacement("\n", base + i, base + i + 1);
          ++j;
        }
        ++i;  // CR of CR LF: the LF that follows is copied
        continue;
      }
      if (o[i] == d[j]) {
        size_t n = 0;
        while (i + n < o.size() && j + n < d.size() && o[i + n] == d[j + n] && o[i + n] != '&' &&
               o[i + n] != '\r')
          ++n;
        if (n == 0) n = 1;  // a literal '&'
        out.AppendCopy(o.substr(i, n), base + i);
        i += n;
        j += n;
        continue;
      }
      if (o[i] == '<') {
        // Markup inside a text node's span (an end tag the parser ignored): not text.
        const size_t close = o.find('>', i);
        if (close != std::string_view::npos) {
          i = close + 1;
          continue;
        }
      }
      if (d.substr(j, 3) == kReplacementChar) {
        // Invalid UTF-8 (or a NUL) that gumbo replaced: as long as our scan says.
        uint64_t at = base + i, len = 1;
        const auto& bad = source_.invalid();
        auto it = std::lower_bound(bad.begin(), bad.end(), std::pair<uint64_t, uint32_t>{at, 0});
        if (it != bad.end() && it->first == at) len = it->second;
        out.AppendReplacement(kReplacementChar, at, at + len);
        i += len;
        j += 3;
        continue;
      }
      break;
    }
    if (j < d.size() || i < o.size()) {
      if (d.find_first_not_of(" \t\n\r\f", j) != std::string_view::npos) ++unaligned_;
      out.AppendReplacement(d.substr(j), base + i, base + o.size());
    }
  }

  void Text(const GumboText& t, Block::Kind kind) {
    node_.Clear();
    Align(t, node_);
    const std::string& s = node_.text();
    size_t i = 0;
    while (i < s.size()) {
      if (IsHtmlSpace(s[i])) {
        size_t k = i;
        while (k < s.size() && IsHtmlSpace(s[k])) ++k;
        if (!space_) {
          space_begin_ = node_.OriginalBegin(i);
          space_in_link_ = link_ > 0;
        }
        space_end_ = node_.OriginalEnd(k - 1);
        space_ = true;
        i = k;
        continue;
      }
      size_t k = i;
      while (k < s.size() && !IsHtmlSpace(s[k])) ++k;
      if (!open_) {
        SeparateBlocks(doc_.text);
        Block block;
        block.begin = doc_.text.size();
        block.kind = kind;
        block.in_chrome = chrome_ > 0;
        doc_.blocks.push_back(block);
        open_ = true;
      } else if (space_) {
        // A run of white space shows as one space.
        if (space_end_ - space_begin_ == 1 && source_.bytes()[space_begin_] == ' ')
          doc_.text.AppendCopy(" ", space_begin_);
        else
          doc_.text.AppendReplacement(" ", space_begin_, space_end_);
        if (space_in_link_ && link_ > 0) ++doc_.blocks.back().link_bytes;
      }
      space_ = false;
      const size_t before = doc_.text.size();
      node_.EmitTo(doc_.text, i, k);
      if (link_ > 0)
        doc_.blocks.back().link_bytes += static_cast<uint32_t>(doc_.text.size() - before);
      i = k;
    }
  }

  void EndBlock() {
    if (open_) doc_.blocks.back().end = doc_.text.size();
    open_ = false;
    space_ = false;
  }

  const SourceText& source_;
  Document& doc_;
  PieceText node_;
  std::string title_;
  int chrome_ = 0;
  int link_ = 0;
  bool open_ = false;
  bool space_ = false;          // white space seen since the last visible text
  bool space_in_link_ = false;  // ... and it began inside a link
  uint64_t space_begin_ = 0, space_end_ = 0;
  uint64_t unaligned_ = 0;
};

// Elements that never hold others (void), or whose end tag the parser supplies when a
// sibling starts (<p>, <li>, <td> ...): neither deepens the tree however many there are.
bool NeverNests(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "area",    "base",     "br",     "col",   "embed", "hr",    "img",   "input", "link",
      "meta",    "param",    "source", "track", "wbr",   "p",     "li",    "dt",    "dd",
      "option",  "optgroup", "tr",     "td",    "th",    "thead", "tbody", "tfoot", "colgroup",
      "caption", "rb",       "rt",     "rtc",   "rp",    "html",  "head",  "body"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

// The deepest nesting of elements that start and end tags in `html` reach, without
// parsing: start tags less end tags, void and self-closing elements and those with
// optional end tags not counted, comments and the text of script, style and the like
// skipped. An upper bound on the parser's open elements for the pages this reads.
size_t TagDepth(std::string_view html) {
  size_t depth = 0, deepest = 0;
  size_t i = 0;
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      const size_t close = html.find("-->", i + 4);
      if (close == std::string_view::npos) break;
      i = close + 3;
      continue;
    }
    const bool end_tag = i + 1 < html.size() && html[i + 1] == '/';
    size_t n = i + 1 + end_tag;
    std::string name;
    while (n < html.size() && std::isalnum(static_cast<unsigned char>(html[n])) && name.size() < 16)
      name += lower(html[n++]);
    const size_t gt = html.find('>', n);
    if (name.empty() || gt == std::string_view::npos) {
      ++i;
      continue;
    }
    i = gt + 1;
    if (NeverNests(name)) continue;
    if (end_tag) {
      if (depth > 0) --depth;
      continue;
    }
    if (html[gt - 1] == '/') continue;  // <x/>
    if (name == "script" || name == "style" || name == "textarea" || name == "title" ||
        name == "xmp" || name == "iframe" || name == "noembed" || name == "noframes") {
      // Raw text: no tags inside until its own end tag.
      const std::string close = "</" + name;
      size_t at = i;
      while ((at = html.find("</", at)) != std::string_view::npos) {
        size_t k = 0;
        while (k < close.size() && at + k < html.size() && lower(html[at + k]) == close[k]) ++k;
        if (k == close.size()) break;
        at += 2;
      }
      if (at == std::string_view::npos) break;
      i = at;
      continue;
    }
    deepest = std::max(deepest, ++depth);
  }
  return deepest;
}

}  // namespace

HtmlPage ReadHtml(const SourceText& source, Document& doc) {
  const std::string_view bytes = source.bytes();
  const uint64_t begin = source.body_begin();
  // Gumbo's tree building is worse than quadratic in the depth of open elements (100k
  // nested <div> took minutes), and Debian's gumbo has no max_tree_depth: a page nested
  // deeper than any real one is not parsed.
  if (const size_t depth = TagDepth(bytes.substr(begin)); depth > kMaxHtmlDepth) {
    HtmlPage page;
    page.too_deep = depth;
    return page;
  }
  GumboOutput* output =
      gumbo_parse_with_options(&kGumboDefaultOptions, bytes.data() + begin, bytes.size() - begin);
  HtmlBlocks blocks(source, doc);
  blocks.Walk(output->document);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  for (Block& block : doc.blocks) block.line = source.LineAt(doc.text.OriginalBegin(block.begin));
  return {blocks.title(), blocks.unaligned()};
}

}  // namespace refrain::internal
