// What the tagger, the transition classifier and the labeller look at, shared by decoding and
// training so that both see exactly the same features.
#ifndef REFRAIN_PARSE_FEATURES_H_
#define REFRAIN_PARSE_FEATURES_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace refrain::parse {

// The hashed views of one word the features use.
struct WordKeys {
  uint64_t form = 0;                  // as written
  uint64_t lower = 0;                 // lower-cased, digits normalised ("!YEAR", "!DIGITS")
  uint64_t prefix[3] = {0, 0, 0};     // first 1..3 bytes of lower
  uint64_t suffix[4] = {0, 0, 0, 0};  // last 1..4 bytes of lower
  uint64_t shape = 0;                 // "Xxxx", "dd", "X.X." with runs cut to 2
};

// Keys for `words`, with two padding words on each side: result[i + 2] is word i.
std::vector<WordKeys> KeysOf(std::span<const std::string_view> words);

// The root's and the absent word's keys and tags in parser features.
constexpr int kNoTag = 254;
constexpr int kRootTag = 255;

// Features of word i (0-based) for the tagger, given the tags of the two words before it
// (kNoTag before the start). `keys` as KeysOf returns it.
void TaggerFeatures(std::span<const WordKeys> keys, int i, int tag_1, int tag_2,
                    std::vector<uint64_t>* out);

// The arc-eager parser's configuration over words 1..n (0 is the root): a stack, the front of
// the buffer, and the arcs made so far.
struct Configuration {
  explicit Configuration(int n);
  int n;
  std::vector<int> stack;                         // stack.back() is the top; starts as {0}
  int buffer = 1;                                 // the buffer is buffer..n
  std::vector<int> head;                          // -1 while a word has none
  std::vector<int> left1, left2, right1, right2;  // two leftmost / rightmost children, -1 if none
  std::vector<int> left_count, right_count;
  std::vector<bool> in_stack;
  int root_children = 0;
  bool terminal() const { return buffer > n; }
  void AddArc(int h, int d);
};

enum Move { kShift = 0, kReduce = 1, kLeftArc = 2, kRightArc = 3, kMoves = 4 };

// Whether `move` is allowed. The root takes one dependent: the sentence has one root word.
bool Allowed(const Configuration& c, int move);
void Apply(Configuration* c, int move);

// Features of a configuration. `tags` are the words' tags, 0-based (word w is tags[w - 1]).
void ParserFeatures(const Configuration& c, std::span<const WordKeys> keys,
                    std::span<const uint8_t> tags, std::vector<uint64_t>* out);

// Features for the relation of word d (1-based) to its head heads[d - 1] (never 0 here), over
// the finished unlabelled tree.
struct TreeShape {
  explicit TreeShape(std::span<const int32_t> heads);
  std::vector<int> left1, right1, left_count, right_count;
};
void LabelFeatures(std::span<const WordKeys> keys, std::span<const uint8_t> tags,
                   std::span<const int32_t> heads, const TreeShape& shape, int d,
                   std::vector<uint64_t>* out);

}  // namespace refrain::parse

#endif  // REFRAIN_PARSE_FEATURES_H_
