#include "parse/features.h"

#include <algorithm>
#include <string>

#include "parse/linear_model.h"

namespace refrain::parse {
namespace {

const uint64_t kRootKey = HashString("<ROOT>");
const uint64_t kNoneKey = HashString("<NONE>");
const uint64_t kPadKey = HashString("<PAD>");

std::string Normalised(std::string_view word) {
  bool digits = !word.empty(),
       starts_with_digit = !word.empty() && word[0] >= '0' && word[0] <= '9';
  for (char ch : word) digits = digits && ch >= '0' && ch <= '9';
  if (digits && word.size() == 4) return "!YEAR";
  if (starts_with_digit) return "!DIGITS";
  std::string lower(word);
  for (char& ch : lower)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return lower;
}

uint64_t ShapeKey(std::string_view word) {
  std::string shape;
  for (unsigned char ch : word) {
    char s = ch >= 'A' && ch <= 'Z'   ? 'X'
             : ch >= 'a' && ch <= 'z' ? 'x'
             : ch >= '0' && ch <= '9' ? 'd'
             : ch >= 0x80             ? 'u'
                                      : static_cast<char>(ch);
    size_t n = shape.size();
    if (n >= 2 && shape[n - 1] == s && shape[n - 2] == s) continue;
    shape.push_back(s);
  }
  return HashString(shape);
}

}  // namespace

std::vector<WordKeys> KeysOf(std::span<const std::string_view> words) {
  std::vector<WordKeys> keys(words.size() + 4);
  for (WordKeys* pad : {&keys[0], &keys[1], &keys[words.size() + 2], &keys[words.size() + 3]}) {
    pad->form = pad->lower = pad->shape = kPadKey;
    std::fill(std::begin(pad->prefix), std::end(pad->prefix), kPadKey);
    std::fill(std::begin(pad->suffix), std::end(pad->suffix), kPadKey);
  }
  for (size_t i = 0; i < words.size(); ++i) {
    WordKeys& k = keys[i + 2];
    std::string lower = Normalised(words[i]);
    std::string_view view(lower);
    k.form = HashString(words[i]);
    k.lower = HashString(view);
    for (size_t n = 1; n <= 3; ++n) k.prefix[n - 1] = HashString(view.substr(0, n));
    for (size_t n = 1; n <= 4; ++n)
      k.suffix[n - 1] = HashString(view.substr(view.size() > n ? view.size() - n : 0));
    k.shape = ShapeKey(words[i]);
  }
  return keys;
}

void TaggerFeatures(std::span<const WordKeys> keys, int i, int tag_1, int tag_2,
                    std::vector<uint64_t>* out) {
  out->clear();
  const WordKeys& w = keys[i + 2];
  const WordKeys& p1 = keys[i + 1];
  const WordKeys& p2 = keys[i];
  const WordKeys& n1 = keys[i + 3];
  const WordKeys& n2 = keys[i + 4];
  auto add = [&](uint64_t t, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
    out->push_back(FeatureKey(t, a, b, c));
  };
  add(0, 0);
  add(1, w.lower);
  add(2, w.form);
  add(3, w.shape);
  for (int n = 0; n < 4; ++n) add(4 + n, w.suffix[n]);
  for (int n = 0; n < 3; ++n) add(8 + n, w.prefix[n]);
  add(11, tag_1);
  add(12, tag_1, tag_2);
  add(13, tag_1, w.lower);
  add(14, p1.lower);
  add(15, p1.suffix[2]);
  add(16, p2.lower);
  add(17, n1.lower);
  add(18, n1.suffix[2]);
  add(19, n2.lower);
  add(20, p1.lower, w.lower);
  add(21, w.lower, n1.lower);
  add(22, n1.shape);
  add(23, tag_1, w.suffix[2]);
  add(24, w.shape, n1.lower);
  add(25, tag_1, n1.lower);
}

Configuration::Configuration(int words)
    : n(words),
      stack{0},
      head(words + 1, -1),
      left1(words + 1, -1),
      left2(words + 1, -1),
      right1(words + 1, -1),
      right2(words + 1, -1),
      left_count(words + 1, 0),
      right_count(words + 1, 0),
      in_stack(words + 1, false) {
  in_stack[0] = true;
}

void Configuration::AddArc(int h, int d) {
  head[d] = h;
  if (h == 0) ++root_children;
  if (d < h) {
    ++left_count[h];
    if (left1[h] == -1 || d < left1[h]) {
      left2[h] = left1[h];
      left1[h] = d;
    } else if (left2[h] == -1 || d < left2[h]) {
      left2[h] = d;
    }
  } else {
    ++right_count[h];
    if (right1[h] == -1 || d > right1[h]) {
      right2[h] = right1[h];
      right1[h] = d;
    } else if (right2[h] == -1 || d > right2[h]) {
      right2[h] = d;
    }
  }
}

bool Allowed(const Configuration& c, int move) {
  int s0 = c.stack.back();
  switch (move) {
    case kShift:
      return !c.terminal();
    case kReduce:
      return s0 != 0 && c.head[s0] != -1;
    case kLeftArc:
      return !c.terminal() && s0 != 0 && c.head[s0] == -1;
    case kRightArc:
      return !c.terminal() && (s0 != 0 || c.root_children == 0);
  }
  return false;
}

void Apply(Configuration* c, int move) {
  int s0 = c->stack.back();
  switch (move) {
    case kShift:
      c->stack.push_back(c->buffer);
      c->in_stack[c->buffer] = true;
      ++c->buffer;
      break;
    case kReduce:
      c->stack.pop_back();
      c->in_stack[s0] = false;
      break;
    case kLeftArc:
      c->AddArc(c->buffer, s0);
      c->stack.pop_back();
      c->in_stack[s0] = false;
      break;
    case kRightArc:
      c->AddArc(s0, c->buffer);
      c->stack.push_back(c->buffer);
      c->in_stack[c->buffer] = true;
      ++c->buffer;
      break;
  }
}

void ParserFeatures(const Configuration& c, std::span<const WordKeys> keys,
                    std::span<const uint8_t> tags, std::vector<uint64_t>* out) {
  out->clear();
  auto word = [&](int w) -> uint64_t {
    return w < 0 ? kNoneKey : w == 0 ? kRootKey : keys[w + 1].lower;
  };
  auto tag = [&](int w) -> uint64_t {
    return w < 0 ? kNoTag : w == 0 ? kRootTag : tags[static_cast<size_t>(w - 1)];
  };
  auto at = [&](const std::vector<int>& v, int w) { return w < 0 ? -1 : v[w]; };
  int s0 = c.stack.back();
  int s1 = c.stack.size() >= 2 ? c.stack[c.stack.size() - 2] : -1;
  int b0 = c.terminal() ? -1 : c.buffer;
  int b1 = b0 >= 0 && b0 + 1 <= c.n ? b0 + 1 : -1;
  int b2 = b0 >= 0 && b0 + 2 <= c.n ? b0 + 2 : -1;
  int s0h = s0 > 0 ? c.head[s0] : -1;
  int s0l = at(c.left1, s0), s0r = at(c.right1, s0), b0l = at(c.left1, b0);
  int s0l2 = at(c.left2, s0), s0r2 = at(c.right2, s0), b0l2 = at(c.left2, b0);
  uint64_t dist = b0 >= 0 && s0 > 0 ? std::min(b0 - s0, 5) : 0;
  uint64_t s0vl = std::min(c.left_count[s0], 4), s0vr = std::min(c.right_count[s0], 4);
  uint64_t b0vl = b0 >= 0 ? std::min(c.left_count[b0], 4) : 9;
  uint64_t s0w = word(s0), s0p = tag(s0), b0w = word(b0), b0p = tag(b0);
  uint64_t b1w = word(b1), b1p = tag(b1), b2w = word(b2), b2p = tag(b2);
  uint64_t s0wp = FeatureKey(99, s0w, s0p), b0wp = FeatureKey(99, b0w, b0p);
  uint64_t s0has = s0h >= 0 ? 1 : 0;
  auto add = [&](uint64_t t, uint64_t a, uint64_t b = 0, uint64_t d = 0) {
    out->push_back(FeatureKey(t, a, b, d));
  };
  add(0, 0);
  add(1, s0w);
  add(2, s0p);
  add(3, s0wp);
  add(4, b0w);
  add(5, b0p);
  add(6, b0wp);
  add(7, b1w);
  add(8, b1p);
  add(9, b1w, b1p);
  add(10, b2w);
  add(11, b2p);
  add(12, s0wp, b0wp);
  add(13, s0wp, b0w);
  add(14, s0w, b0wp);
  add(15, s0wp, b0p);
  add(16, s0p, b0wp);
  add(17, s0w, b0w);
  add(18, s0p, b0p);
  add(19, b0p, b1p);
  add(20, b0p, b1p, b2p);
  add(21, s0p, b0p, b1p);
  add(22, tag(s0h), s0p, b0p);
  add(23, s0p, tag(s0l), b0p);
  add(24, s0p, tag(s0r), b0p);
  add(25, s0p, b0p, tag(b0l));
  add(26, s0w, dist);
  add(27, s0p, dist);
  add(28, b0w, dist);
  add(29, b0p, dist);
  add(30, s0w, b0w, dist);
  add(31, s0p, b0p, dist);
  add(32, s0w, s0vr);
  add(33, s0p, s0vr);
  add(34, s0w, s0vl);
  add(35, s0p, s0vl);
  add(36, b0w, b0vl);
  add(37, b0p, b0vl);
  add(38, word(s0h));
  add(39, tag(s0h));
  add(40, word(s0l));
  add(41, tag(s0l));
  add(42, word(s0r));
  add(43, tag(s0r));
  add(44, word(b0l));
  add(45, tag(b0l));
  add(46, tag(s0l2));
  add(47, tag(s0r2));
  add(48, tag(b0l2));
  add(49, s0p, tag(s0l), tag(s0l2));
  add(50, s0p, tag(s0r), tag(s0r2));
  add(51, b0p, tag(b0l), tag(b0l2));
  add(52, tag(s1));
  add(53, word(s1));
  add(54, tag(s1), s0p, b0p);
  add(55, s0has, s0p, b0p);
  add(56, s0has);
  add(57, tag(s1), s0p);
  add(58, s0has, s0p, b0w);
  add(59, tag(s0h), s0p, b0w);
  add(60, b0w, b1w);
  add(61, tag(s1), b0p);
  add(62, word(s1), s0w);
  add(63, s0p, b0p, tag(s0h > 0 ? c.head[s0h] : -1));
  add(64, s0w, b0p, b1p);
}

TreeShape::TreeShape(std::span<const int32_t> heads)
    : left1(heads.size() + 1, -1),
      right1(heads.size() + 1, -1),
      left_count(heads.size() + 1, 0),
      right_count(heads.size() + 1, 0) {
  for (int d = 1; d <= static_cast<int>(heads.size()); ++d) {
    int h = heads[d - 1];
    if (d < h) {
      ++left_count[h];
      if (left1[h] == -1) left1[h] = d;
    } else {
      ++right_count[h];
      right1[h] = d;
    }
  }
}

void LabelFeatures(std::span<const WordKeys> keys, std::span<const uint8_t> tags,
                   std::span<const int32_t> heads, const TreeShape& shape, int d,
                   std::vector<uint64_t>* out) {
  out->clear();
  int n = static_cast<int>(tags.size());
  int h = heads[d - 1];
  auto tag = [&](int w) -> uint64_t {
    return w < 0 || w > n ? kNoTag : w == 0 ? kRootTag : tags[static_cast<size_t>(w - 1)];
  };
  auto word = [&](int w) -> uint64_t {
    return w < 0 || w > n ? kNoneKey : w == 0 ? kRootKey : keys[w + 1].lower;
  };
  const WordKeys& dk = keys[d + 1];
  uint64_t dw = dk.lower, dp = tag(d), hw = word(h), hp = tag(h);
  uint64_t dir = d < h ? 1 : 2;
  int gap = d < h ? h - d : d - h;
  uint64_t dist = gap <= 3 ? gap : gap <= 6 ? 4 : 5;
  int hh = h > 0 ? heads[h - 1] : -1;
  int dl = shape.left1[d], dr = shape.right1[d];
  auto add = [&](uint64_t t, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
    out->push_back(FeatureKey(1000 + t, a, b, c));
  };
  add(0, 0);
  add(1, dw);
  add(2, dp);
  add(3, hw);
  add(4, hp);
  add(5, dp, hp);
  add(6, dw, hp);
  add(7, dp, hw);
  add(8, dw, hw);
  add(9, dp, hp, dir);
  add(10, dp, hp, dist);
  add(11, dp, dir);
  add(12, dw, dir);
  add(13, dk.suffix[2], dp);
  add(14, tag(dl), dp);
  add(15, tag(dr), dp);
  add(16, dp, shape.left_count[d] > 0, shape.right_count[d] > 0);
  add(17, tag(hh), dp, hp);
  add(18, tag(d - 1), dp);
  add(19, tag(d + 1), dp);
  add(20, word(dl), dp, hp);
  add(21, dk.shape, dp);
  add(22, dp, dir, hw);
  add(23, hh == 0, dp, dir);
  add(24, word(dl), dir);
  add(25, dp, hp, word(h - 1));
  add(26, dw, dp, dir);
  add(27, tag(dl), dp, hp);
}

}  // namespace refrain::parse
