#include "markdown_text.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "text_shape.h"

namespace refrain::internal {

namespace {

bool IsAsciiPunct(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n'; }
bool IsAlnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || (static_cast<unsigned char>(c) & 0x80);
}

// yaml-cpp 0.7 writes the YAML escapes "\_" (no-break space) and "\N" (next line) as
// the single Latin-1 bytes 0xA0 and 0x85, not UTF-8 (wh-briefings titles are full of
// "\_"). Any byte that is not valid UTF-8 is taken as Latin-1 and re-encoded.
std::string FixYamlScalar(std::string text) {
  std::vector<std::pair<uint64_t, uint32_t>> invalid;
  FindInvalidUtf8(text, invalid);
  if (invalid.empty()) return text;
  std::string out;
  size_t pos = 0;
  for (const auto& [at, length] : invalid) {
    out.append(text, pos, at - pos);
    for (size_t i = at; i < at + length; ++i) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
    pos = at + length;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

// Reads the front matter ("---" line, YAML, "---" or "..." line) at `begin`.
// Returns the offset where the body starts (== begin when there is none).
uint64_t ReadFrontMatter(const SourceText& source, uint64_t begin, const std::string& path,
                         MarkdownFrontMatter& out) {
  std::string_view bytes = source.bytes();
  auto line_end = [&](uint64_t pos) {
    size_t nl = bytes.find('\n', pos);
    return nl == std::string_view::npos ? bytes.size() : nl;
  };
  auto trimmed = [&](uint64_t b, uint64_t e) {
    std::string_view s = bytes.substr(b, e - b);
    while (!s.empty() && (s.back() == '\r' || IsBlank(s.back()))) s.remove_suffix(1);
    return s;
  };
  uint64_t first_end = line_end(begin);
  if (trimmed(begin, first_end) != "---" || first_end >= bytes.size()) return begin;
  const uint64_t yaml_begin = first_end + 1;
  for (uint64_t pos = yaml_begin; pos < bytes.size();) {
    uint64_t end = line_end(pos);
    std::string_view line = trimmed(pos, end);
    if (line == "---" || line == "...") {
      std::string yaml(bytes.substr(yaml_begin, pos - yaml_begin));
      try {
        YAML::Node root = YAML::Load(yaml);
        if (root.IsMap()) {
          for (const auto& entry : root) {
            std::string key = entry.first.as<std::string>();
            const YAML::Node& value = entry.second;
            std::string text;
            if (value.IsScalar()) {
              text = value.Scalar();
            } else if (value.IsSequence()) {
              for (const auto& item : value) {
                if (!item.IsScalar()) continue;
                if (!text.empty()) text += ", ";
                text += item.Scalar();
              }
            } else {
              continue;
            }
            text = FixYamlScalar(std::move(text));
            if (key == "date")
              out.date = text;
            else
              out.metadata.emplace_back(FixYamlScalar(std::move(key)), std::move(text));
          }
        }
      } catch (const YAML::Exception& e) {
        Diagnostic d;
        d.file = path;
        d.line = source.LineAt(yaml_begin) + (e.mark.line >= 0 ? e.mark.line : 0);
        d.offset = yaml_begin;
        d.message = fmt::format("front matter is not valid YAML ({}); its keys are ignored", e.msg);
        out.problem = std::move(d);
      }
      return end < bytes.size() ? end + 1 : end;
    }
    pos = end + 1;
  }
  return begin;  // no closing line: not front matter
}

// For each position k of `s` below `end`, the first position after k where the running
// balance of opens minus closes (as `delta` counts them) falls below its value after k,
// or `end`. A scan from an opening character at k that stops where its depth returns to
// zero stops there: the matching close, found for every k in one pass instead of one scan
// each (a block of 100k '[' would otherwise take 100k scans of the block).
template <typename Delta>
std::vector<size_t> NextDrop(std::string_view s, size_t end, Delta delta) {
  std::vector<int64_t> balance(end);
  int64_t running = 0;
  for (size_t k = 0; k < end;) {
    const size_t step = delta(s, k, running);
    for (size_t i = k; i < k + step && i < end; ++i) balance[i] = running;
    k += step;
  }
  // Next smaller value, with a stack of positions whose drop is not yet found.
  std::vector<size_t> next(end, end);
  std::vector<size_t> waiting;
  for (size_t k = 0; k < end; ++k) {
    while (!waiting.empty() && balance[k] < balance[waiting.back()]) {
      next[waiting.back()] = k;
      waiting.pop_back();
    }
    waiting.push_back(k);
  }
  return next;
}

// Removes inline Markdown from a block's joined text and appends the rest to `out`.
// Linear in the block's length: every look-ahead (a link's brackets, a comment's end, a
// code span's closing run) is answered from tables built once per block.
class InlineStripper {
 public:
  InlineStripper(const PieceText& raw, MappedText& out) : raw_(raw), s_(raw.text()), out_(out) {}

  // Returns the link bytes emitted.
  uint32_t Run(size_t begin, size_t end) {
    end_ = end;
    from_ = begin;
    size_t i = begin;
    while (i < end_) {
      if (!drops_.empty() && drops_.begin()->first == i) {
        const size_t drop_end = drops_.begin()->second;
        Drop(i, drop_end);
        i = drop_end;
        drops_.erase(drops_.begin());
        continue;
      }
      const char c = s_[i];
      if (c == '\\' && i + 1 < end_ && IsAsciiPunct(s_[i + 1])) {
        Drop(i, i + 1);
        i += 2;
      } else if (c == '`') {
        i = CodeSpan(i);
      } else if (c == '!' && i + 1 < end_ && s_[i + 1] == '[') {
        size_t link_end = LinkEnd(i + 1, nullptr);
        if (link_end) {
          Drop(i, link_end);  // an image: its alt text is not visible text
          i = link_end;
        } else {
          ++i;
        }
      } else if (c == '[') {
        size_t close = 0;
        size_t link_end = LinkEnd(i, &close);
        if (link_end) {
          Drop(i, i + 1);
          links_.emplace_back(i + 1, close);
          AddDrop(close, link_end);
        }
        ++i;
      } else if (c == '<') {
        i = AngleBracket(i);
      } else if (c == '&') {
        i = Entity(i);
      } else if (c == '*' || c == '_') {
        i = Emphasis(i);
      } else {
        ++i;
      }
    }
    Emit(from_, end_);
    return LinkBytes();
  }

 private:
  void Emit(size_t a, size_t b) {
    if (a >= b) return;
    raw_.EmitTo(out_, a, b);
    emitted_.emplace_back(a, b);
  }
  // The emitted bytes inside link text. Emitted ranges are disjoint and in order, so each
  // link's share is the emitted length below its end less that below its start.
  uint32_t LinkBytes() const {
    std::vector<size_t> below(emitted_.size() + 1, 0);  // emitted length in ranges [0, r)
    for (size_t r = 0; r < emitted_.size(); ++r)
      below[r + 1] = below[r] + (emitted_[r].second - emitted_[r].first);
    auto emitted_below = [&](size_t x) {
      const size_t r = std::partition_point(emitted_.begin(), emitted_.end(),
                                            [x](const auto& e) { return e.second <= x; }) -
                       emitted_.begin();
      size_t n = below[r];
      if (r < emitted_.size() && emitted_[r].first < x) n += x - emitted_[r].first;
      return n;
    };
    uint64_t bytes = 0;
    for (const auto& [lo, hi] : links_) bytes += emitted_below(hi) - emitted_below(lo);
    return static_cast<uint32_t>(bytes);
  }
  void Drop(size_t a, size_t b) {
    Emit(from_, a);
    from_ = std::max(from_, b);
  }
  // Starts are distinct (each is a ']' or a '>' met once), so a set keeps them in order.
  void AddDrop(size_t a, size_t b) { drops_.emplace(a, b); }

  size_t CodeSpan(size_t i) {
    size_t n = 0;
    while (i + n < end_ && s_[i + n] == '`') ++n;
    // The closing run is the first whole run of exactly n backticks after this one.
    if (!backtick_runs_) {
      backtick_runs_.emplace();
      for (size_t j = 0; j < end_;) {
        if (s_[j] != '`') {
          ++j;
          continue;
        }
        size_t m = 0;
        while (j + m < end_ && s_[j + m] == '`') ++m;
        (*backtick_runs_)[m].push_back(j);
        j += m;
      }
    }
    const auto runs = backtick_runs_->find(n);
    if (runs != backtick_runs_->end()) {
      const auto close = std::lower_bound(runs->second.begin(), runs->second.end(), i + n);
      if (close != runs->second.end()) {
        const size_t j = *close;
        Drop(i, i + n);
        Emit(from_, j);
        from_ = j + n;
        return j + n;
      }
    }
    return i + n;  // no closing run: literal backticks
  }

  // For "[text](url)" starting at `open`: the offset after ')', and `*close` = the ']'.
  // 0 when it is not a link.
  // The ']' is where the bracket depth from `open` (escaped brackets not counted) returns
  // to zero; the ')' where the parenthesis depth from the '(' does (no escapes in URLs).
  size_t LinkEnd(size_t open, size_t* close) {
    if (bracket_close_.empty()) {
      bracket_close_ = NextDrop(s_, end_, [](std::string_view s, size_t k, int64_t& balance) {
        if (s[k] == '\\') return size_t{2};  // the escaped character is not counted
        balance += s[k] == '[' ? 1 : s[k] == ']' ? -1 : 0;
        return size_t{1};
      });
      paren_close_ = NextDrop(s_, end_, [](std::string_view s, size_t k, int64_t& balance) {
        balance += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
        return size_t{1};
      });
    }
    // The table's balance at `open` leaves out `open` itself when a backslash came before it,
    // but the drop after it is the same: the scan's depth at j is 1 + balance[j] - balance[open].
    const size_t j = bracket_close_[open];
    if (j >= end_ || j + 1 >= end_ || s_[j + 1] != '(') return 0;
    if (close) *close = j;
    const size_t k = paren_close_[j + 1];
    return k < end_ ? k + 1 : 0;
  }
  // "<https://...>" and "<a@b.c>" keep their text; inline HTML tags and comments go.
  size_t AngleBracket(size_t i) {
    if (s_.compare(i, 4, "<!--") == 0) {
      // The first "-->" after i + 4, remembered: i only grows, so one search serves every
      // "<!--" before it (a run of "<!--" would otherwise search the rest of the block each).
      if (comment_close_ != std::string::npos && comment_close_ < i + 4)
        comment_close_ = s_.find("-->", i + 4);
      const size_t close = comment_close_;
      if (close != std::string::npos && close + 3 <= end_) {
        Drop(i, close + 3);
        return close + 3;
      }
    }
    size_t j = i + 1;
    while (j < end_ && s_[j] != '>' && s_[j] != '<' && s_[j] != '\n') ++j;
    if (j >= end_ || s_[j] != '>' || j == i + 1) return i + 1;
    std::string_view inner(s_.data() + i + 1, j - i - 1);
    const bool spaced = inner.find(' ') != std::string_view::npos;
    if (!spaced &&
        (inner.find(':') != std::string_view::npos || inner.find('@') != std::string_view::npos)) {
      Drop(i, i + 1);
      links_.emplace_back(i + 1, j);
      AddDrop(j, j + 1);
      return i + 1;
    }
    size_t k = inner.front() == '/' ? 1 : 0;
    if (k < inner.size() && std::isalpha(static_cast<unsigned char>(inner[k]))) {
      Drop(i, j + 1);  // a tag such as <sup> or </u>
      return j + 1;
    }
    return i + 1;
  }

  // The few character references Markdown converters write: &amp; &lt; &gt; &quot;
  // &#39; &nbsp; and numeric ones.
  size_t Entity(size_t i) {
    // Only a ';' within the longest name counts: no search to the block's end for each '&'.
    const size_t limit = std::min(end_, i + 11);
    size_t semi = i + 1;
    while (semi < limit && s_[semi] != ';') ++semi;
    if (semi >= limit) return i + 1;
    std::string_view name(s_.data() + i + 1, semi - i - 1);
    std::string value;
    if (name == "amp")
      value = "&";
    else if (name == "lt")
      value = "<";
    else if (name == "gt")
      value = ">";
    else if (name == "quot")
      value = "\"";
    else if (name == "nbsp")
      value = "\xC2\xA0";
    else if (name.size() > 1 && name[0] == '#') {
      unsigned long code = 0;
      bool ok = true;
      const bool hex = name[1] == 'x' || name[1] == 'X';
      for (char ch : name.substr(hex ? 2 : 1)) {
        int d = std::isdigit(static_cast<unsigned char>(ch)) ? ch - '0'
                : hex && std::isxdigit(static_cast<unsigned char>(ch))
                    ? (std::tolower(static_cast<unsigned char>(ch)) - 'a' + 10)
                    : -1;
        if (d < 0 || code > 0x10FFFF) ok = false;
        code = code * (hex ? 16 : 10) + (d < 0 ? 0 : d);
      }
      if (!ok || code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i + 1;
      if (code < 0x80)
        value = std::string(1, static_cast<char>(code));
      else if (code < 0x800)
        value = {static_cast<char>(0xC0 | (code >> 6)), static_cast<char>(0x80 | (code & 0x3F))};
      else if (code < 0x10000)
        value = {static_cast<char>(0xE0 | (code >> 12)),
                 static_cast<char>(0x80 | ((code >> 6) & 0x3F)),
                 static_cast<char>(0x80 | (code & 0x3F))};
      else
        value = {static_cast<char>(0xF0 | (code >> 18)),
                 static_cast<char>(0x80 | ((code >> 12) & 0x3F)),
                 static_cast<char>(0x80 | ((code >> 6) & 0x3F)),
                 static_cast<char>(0x80 | (code & 0x3F))};
    } else {
      return i + 1;
    }
    Emit(from_, i);
    // The decoded character stands for the entity's whole source span.
    out_.AppendReplacement(value, raw_.OriginalBegin(i), raw_.OriginalEnd(semi));
    from_ = semi + 1;
    return semi + 1;
  }

  // A run of '*' or '_' next to a word is emphasis markup; alone between spaces, or
  // '_' inside a word (snake_case), it is text.
  size_t Emphasis(size_t i) {
    const char c = s_[i];
    size_t n = 0;
    while (i + n < end_ && s_[i + n] == c) ++n;
    const bool space_before = i == 0 || IsSpace(s_[i - 1]);
    const bool space_after = i + n >= end_ || IsSpace(s_[i + n]);
    // "**" and longer runs of '*' are markup even between spaces (an empty emphasis
    // that converters leave, "Trends** ****"); a lone '*' between spaces is text.
    if (space_before && space_after && !(c == '*' && n >= 2)) return i + n;
    if (c == '_' && i > 0 && IsAlnum(s_[i - 1]) && i + n < end_ && IsAlnum(s_[i + n])) return i + n;
    Drop(i, i + n);
    return i + n;
  }

  const PieceText& raw_;
  const std::string& s_;
  MappedText& out_;
  size_t end_ = 0;
  size_t from_ = 0;                                  // start of the text not yet emitted
  std::set<std::pair<size_t, size_t>> drops_;        // pending [a, b) to drop, by start
  std::vector<std::pair<size_t, size_t>> links_;     // link text ranges
  std::vector<std::pair<size_t, size_t>> emitted_;   // ranges emitted, in order
  std::vector<size_t> bracket_close_, paren_close_;  // NextDrop tables, built at the first '['
  std::optional<std::map<size_t, std::vector<size_t>>> backtick_runs_;  // starts by length
  size_t comment_close_ = 0;  // the last "-->" found (npos: none left)
};

struct LineInfo {
  uint64_t begin;  // content after indentation and block markers
  uint64_t end;    // trimmed, hard-break markers removed
  bool hard_break;
};

class MarkdownBlocks {
 public:
  MarkdownBlocks(const SourceText& source, Document& doc) : source_(source), doc_(doc) {}

  void Read(uint64_t body_begin) {
    std::string_view bytes = source_.bytes();
    for (const Line& line : source_.Lines(body_begin)) {
      std::string_view s = bytes.substr(line.begin, line.end - line.begin);
      size_t indent = 0;
      while (indent < s.size() && IsBlank(s[indent])) ++indent;
      std::string_view t = s.substr(indent);
      while (!t.empty() && IsBlank(t.back())) t.remove_suffix(1);
      const uint64_t t_begin = line.begin + indent;
      if (fence_) {
        if (t.substr(0, 3) == fence_marker_) {
          fence_ = false;
        } else if (!t.empty()) {
          Start(Block::Kind::kCode, line.number, t_begin, t_begin + t.size(), false);
          Flush();
        }
        continue;
      }
      if (t.empty()) {
        // Kept open: a sentence may go on after the blank line (see `continues`).
        if (open_) blank_before_ = true;
        continue;
      }
      if (t.substr(0, 3) == "```" || t.substr(0, 3) == "~~~") {
        Flush();
        fence_ = true;
        fence_marker_ = std::string(t.substr(0, 3));
        continue;
      }
      if (IsRule(t, '=') || IsRule(t, '-')) {
        if (open_ && !blank_before_ && kind_ == Block::Kind::kParagraph &&
            t.find(' ') == std::string_view::npos)
          kind_ = Block::Kind::kHeading;  // setext underline
        Flush();
        continue;
      }
      if (IsRule(t, '*') || IsRule(t, '_')) {
        Flush();
        continue;
      }
      if (t[0] == '#') {
        size_t n = 0;
        while (n < t.size() && t[n] == '#') ++n;
        if (n <= 6 && (n == t.size() || IsBlank(t[n]))) {
          Flush();
          std::string_view rest = t.substr(n);
          size_t lead = 0;
          while (lead < rest.size() && IsBlank(rest[lead])) ++lead;
          rest.remove_prefix(lead);
          // A closing run of #s is markup too.
          size_t stop = rest.size();
          while (stop > 0 && rest[stop - 1] == '#') --stop;
          if (stop < rest.size() && (stop == 0 || IsBlank(rest[stop - 1])))
            rest = rest.substr(0, stop);
          while (!rest.empty() && IsBlank(rest.back())) rest.remove_suffix(1);
          const uint64_t b = t_begin + n + lead;
          Start(Block::Kind::kHeading, line.number, b, b + rest.size(), false);
          Flush();
          continue;
        }
      }
      if (t[0] == '|') {
        Flush();
        TableRow(t, t_begin, line.number);
        continue;
      }
      Block::Kind kind = Block::Kind::kParagraph;
      size_t marker = 0;
      if (t[0] == '>') {
        while (marker < t.size() && (t[marker] == '>' || IsBlank(t[marker]))) ++marker;
        kind = Block::Kind::kQuote;
      } else {
        marker = ListMarker(t);
        // As in CommonMark, only "1." or "1)" may interrupt a paragraph: a wrapped
        // line that starts "2024. The year..." goes on with its sentence.
        const bool in_paragraph =
            open_ && !blank_before_ && kind_ == Block::Kind::kParagraph && !hard_break_;
        if (marker && in_paragraph && std::isdigit(static_cast<unsigned char>(t[0])) &&
            !(t[0] == '1' && (t[1] == '.' || t[1] == ')')))
          marker = 0;
        if (marker) kind = Block::Kind::kListItem;
      }
      std::string_view content = t.substr(marker);
      bool hard_break = s.size() >= indent + t.size() + 2 &&
                        s.substr(indent + t.size()).find("  ") != std::string_view::npos;
      if (!content.empty() && content.back() == '\\') {
        content.remove_suffix(1);
        hard_break = true;
      }
      while (!content.empty() && IsBlank(content.back())) content.remove_suffix(1);
      const uint64_t b = t_begin + marker;
      const uint64_t e = b + content.size();
      const bool starts_item = kind == Block::Kind::kListItem;
      // A paragraph goes on across a hard break, or across a blank line (a page or
      // <p> break inside a sentence, common in converted pages), when it has not
      // ended a sentence and the next line starts in lowercase.
      const bool cut_sentence = !EndsSentence(raw_.text()) && StartsLowercase(content);
      bool continues = open_ && !starts_item;
      if (blank_before_)
        continues = continues && kind == Block::Kind::kParagraph &&
                    kind_ != Block::Kind::kHeading && kind_ != Block::Kind::kCode && cut_sentence;
      else
        continues = continues && (kind != Block::Kind::kQuote || kind_ == Block::Kind::kQuote) &&
                    (!hard_break_ || cut_sentence);
      if (continues) {
        raw_.AppendReplacement(" ", last_end_, b);
        source_.Append(raw_, b, e);
        last_end_ = e;
        hard_break_ = hard_break;
        blank_before_ = false;
      } else {
        Block::Kind next = kind;
        if (open_ && !blank_before_ && !starts_item && kind == Block::Kind::kParagraph &&
            kind_ != Block::Kind::kHeading)
          next = kind_;  // a hard break inside a list item or quote: its next line
        Flush();
        Start(next, line.number, b, e, hard_break);
      }
    }
    Flush();
  }

 private:
  static bool IsRule(std::string_view t, char c) {
    size_t n = 0;
    for (char x : t) {
      if (x == c)
        ++n;
      else if (!IsBlank(x))
        return false;
    }
    return n >= (c == '=' ? 1 : 3);
  }
  // Length of a list marker ("- ", "* ", "+ ", "12. ", "3) ") at the start of `t`, or 0.
  static size_t ListMarker(std::string_view t) {
    size_t n = 0;
    if (t[0] == '-' || t[0] == '*' || t[0] == '+') {
      n = 1;
    } else {
      while (n < t.size() && n < 9 && std::isdigit(static_cast<unsigned char>(t[n]))) ++n;
      if (n == 0 || n >= t.size() || (t[n] != '.' && t[n] != ')')) return 0;
      ++n;
    }
    if (n < t.size() && !IsBlank(t[n])) return 0;
    while (n < t.size() && IsBlank(t[n])) ++n;
    return n;
  }

  void TableRow(std::string_view t, uint64_t t_begin, uint32_t line) {
    bool separator = true;
    for (char c : t)
      if (c != '|' && c != '-' && c != ':' && !IsBlank(c)) separator = false;
    if (separator) return;
    size_t cell = 1;
    for (size_t j = 1; j <= t.size(); ++j) {
      if (j < t.size() && t[j] == '\\') {
        ++j;
        continue;
      }
      if (j == t.size() || t[j] == '|') {
        size_t b = cell, e = j;
        while (b < e && IsBlank(t[b])) ++b;
        while (e > b && IsBlank(t[e - 1])) --e;
        if (b < e) {
          Start(Block::Kind::kTableCell, line, t_begin + b, t_begin + e, false);
          Flush();
        }
        cell = j + 1;
      }
    }
  }

  void Start(Block::Kind kind, uint32_t line, uint64_t b, uint64_t e, bool hard_break) {
    open_ = true;
    kind_ = kind;
    line_ = line;
    raw_.Clear();
    source_.Append(raw_, b, e);
    last_end_ = e;
    hard_break_ = hard_break;
  }

  void Flush() {
    blank_before_ = false;
    if (!open_) return;
    open_ = false;
    const std::string& s = raw_.text();
    size_t b = 0, e = s.size();
    while (b < e && IsSpace(s[b])) ++b;
    while (e > b && IsSpace(s[e - 1])) --e;
    if (b == e) return;
    SeparateBlocks(doc_.text);
    Block block;
    block.kind = kind_;
    block.line = line_;
    block.begin = doc_.text.size();
    if (kind_ == Block::Kind::kCode) {
      raw_.EmitTo(doc_.text, b, e);
    } else {
      InlineStripper stripper(raw_, doc_.text);
      block.link_bytes = stripper.Run(b, e);
    }
    block.end = doc_.text.size();
    const std::string& out = doc_.text.text();
    while (block.end > block.begin && IsSpace(out[block.end - 1])) --block.end;
    while (block.begin < block.end && IsSpace(out[block.begin])) ++block.begin;
    // Markup alone (an image, an empty link) leaves nothing visible: no block.
    if (block.begin < block.end) doc_.blocks.push_back(block);
  }

  const SourceText& source_;
  Document& doc_;
  PieceText raw_;
  bool open_ = false;
  Block::Kind kind_ = Block::Kind::kParagraph;
  uint32_t line_ = 0;
  uint64_t last_end_ = 0;
  bool hard_break_ = false;
  bool blank_before_ = false;  // blank lines since the open block's last line
  bool fence_ = false;
  std::string fence_marker_;
};

}  // namespace

MarkdownFrontMatter ReadMarkdown(const SourceText& source, Document& doc) {
  MarkdownFrontMatter front;
  const uint64_t body = ReadFrontMatter(source, source.body_begin(), doc.path, front);
  MarkdownBlocks(source, doc).Read(body);
  return front;
}

}  // namespace refrain::internal
