#include "parse/features.h"

#include <algorithm>
#include <string>

#include "parse/linear_model.h"
#include "util/text.h"

namespace refrain::parse {
namespace {

const uint64_t kRootKey = HashString("<ROOT>");
const uint64_t kNoneKey = HashString("<NONE>");
const uint64_t kPadKey = HashString("<PAD>");
const uint64_t kCommaKey = HashString(",");

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

uint32_t WordClusters::Of(std::string_view word) const {
  if (path.empty()) return kNoCluster;
  auto it = path.find(HashString(text::AsciiLower(word)));
  return it == path.end() ? kNoCluster : it->second;
}

std::vector<WordKeys> KeysOf(std::span<const std::string_view> words,
                             const WordClusters& clusters) {
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
    uint32_t path = clusters.Of(words[i]);
    if (path != kNoCluster) {
      k.cluster[0] = path >> 8;
      k.cluster[1] = path >> 4;
      k.cluster[2] = path;
    }
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
  add(26, w.cluster[2]);
  add(27, w.cluster[1]);
  add(28, w.cluster[0]);
  add(29, p1.cluster[1]);
  add(30, n1.cluster[1]);
  add(31, tag_1, w.cluster[1]);
  add(32, w.cluster[1], n1.cluster[1]);
  add(33, w.suffix[2], w.cluster[1]);
}

Configuration::Configuration(int words)
    : n(words),
      stack{0},
      head(words + 1, -1),
      label(words + 1, kNoLabel),
      left1(words + 1, -1),
      left2(words + 1, -1),
      right1(words + 1, -1),
      right2(words + 1, -1),
      left_count(words + 1, 0),
      right_count(words + 1, 0),
      left_labels(words + 1, 0),
      right_labels(words + 1, 0),
      in_stack(words + 1, false) {
  in_stack[0] = true;
}

void Configuration::AddArc(int h, int d) {
  head[d] = h;
  last_dependent = d;
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

void Configuration::SetLabel(int d, int relation) {
  label[d] = relation;
  int h = head[d];
  (d < h ? left_labels : right_labels)[h] |= uint64_t{1} << (relation & 63);
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
  int s0h2 = s0h > 0 ? c.head[s0h] : -1;
  auto relation = [&](int w) -> uint64_t { return w <= 0 ? kNoLabel : c.label[w]; };
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
  add(63, s0p, b0p, tag(s0h2));
  add(64, s0w, b0p, b1p);
  // Zhang and Nivre (2011): the relations of words already attached, the label sets of s0's and
  // b0's children, and third-order words (s0's grandparent, second children).
  uint64_t s0lab = relation(s0), s0ll = relation(s0l), s0rl = relation(s0r), b0ll = relation(b0l);
  add(65, s0lab);
  add(66, s0ll);
  add(67, s0rl);
  add(68, b0ll);
  add(69, relation(s0l2));
  add(70, relation(s0r2));
  add(71, relation(b0l2));
  add(72, relation(s0h));
  add(73, word(s0h2));
  add(74, tag(s0h2));
  add(75, word(s0l2));
  add(76, word(s0r2));
  add(77, word(b0l2));
  add(78, s0p, tag(s0h), tag(s0h2));
  uint64_t s0sl = c.left_labels[s0], s0sr = c.right_labels[s0];
  uint64_t b0sl = b0 >= 0 ? c.left_labels[b0] : 0;
  add(79, s0w, s0sr);
  add(80, s0p, s0sr);
  add(81, s0w, s0sl);
  add(82, s0p, s0sl);
  add(83, b0w, b0sl);
  add(84, b0p, b0sl);
  add(85, s0p, s0lab, b0p);
  add(86, s0p, s0ll, b0p);
  add(87, s0p, s0rl, b0p);
  add(88, s0p, b0p, b0ll);
  // Word clusters (Koo, Carreras and Collins 2008): coarse and fine paths in place of words.
  auto cluster = [&](int w, int level) -> uint64_t {
    return w < 0 ? kNoneKey : w == 0 ? kRootKey : keys[w + 1].cluster[level];
  };
  uint64_t s0c = cluster(s0, 2), s0m = cluster(s0, 1), b0c = cluster(b0, 2), b0m = cluster(b0, 1);
  add(89, s0c);
  add(90, s0m);
  add(91, b0c);
  add(92, b0m);
  add(93, cluster(b1, 1));
  add(94, s0m, b0m);
  add(95, s0c, b0p);
  add(96, s0p, b0c);
  add(97, s0m, b0m, dist);
  add(98, cluster(s0h, 1), s0p, b0p);
  add(99, s0p, b0m, b1p);
  add(100, cluster(s0l, 1), s0p, b0p);
  add(101, s0p, b0p, cluster(b0l, 1));
  add(102, cluster(s1, 1), s0p);
  add(103, s0m, b0p, b1p);
  add(104, cluster(s0, 0), cluster(b0, 0), b0p);
  // Punctuation between s0 and b0 (a comma there usually closes s0's phrase: coordination,
  // appositions, clauses), and a third word of lookahead.
  uint64_t commas = 0;
  if (s0 > 0 && b0 > 0)
    for (int w = s0 + 1; w < b0 && commas < 2; ++w) commas += keys[w + 1].form == kCommaKey;
  int b3 = b0 >= 0 && b0 + 3 <= c.n ? b0 + 3 : -1;
  add(105, s0p, b0p, commas);
  add(106, s0w, b0p, commas);
  add(107, s0p, b0w, commas);
  add(108, b1p, b2p, tag(b3));
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

template <typename Shape>
void LabelFeatures(std::span<const WordKeys> keys, std::span<const uint8_t> tags,
                   std::span<const int32_t> heads, const Shape& shape, int d,
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
  uint64_t hc = h > 0 ? keys[h + 1].cluster[1] : kRootKey;
  add(28, dk.cluster[2], dp);
  add(29, dk.cluster[1], hp, dir);
  add(30, dp, hc, dir);
  add(31, dk.cluster[1], hc);
}

template void LabelFeatures(std::span<const WordKeys>, std::span<const uint8_t>,
                            std::span<const int32_t>, const TreeShape&, int,
                            std::vector<uint64_t>*);
template void LabelFeatures(std::span<const WordKeys>, std::span<const uint8_t>,
                            std::span<const int32_t>, const Configuration&, int,
                            std::vector<uint64_t>*);

}  // namespace refrain::parse
