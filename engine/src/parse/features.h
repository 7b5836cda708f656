// What the tagger, the transition classifier and the labeller look at, shared by decoding and
// training so that both see exactly the same features.
#ifndef REFRAIN_PARSE_FEATURES_H_
#define REFRAIN_PARSE_FEATURES_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace refrain::parse {

// Word clusters (scripts/parser-clusters: a three-level k-means tree over GloVe vectors), which
// let the features generalise from a word seen in training to words used alike: a cluster's
// path is 256 * level1 + 16 * level2 + level3.
constexpr uint32_t kNoCluster = 0xffff;
struct WordClusters {
  std::unordered_map<uint64_t, uint16_t> path;  // HashString(lower-cased word) -> path
  // The path of `word` (lower-cased first), kNoCluster when it has none.
  uint32_t Of(std::string_view word) const;
};

// The hashed views of one word the features use.
struct WordKeys {
  uint64_t form = 0;                  // as written
  uint64_t lower = 0;                 // lower-cased, digits normalised ("!YEAR", "!DIGITS")
  uint64_t prefix[3] = {0, 0, 0};     // first 1..3 bytes of lower
  uint64_t suffix[4] = {0, 0, 0, 0};  // last 1..4 bytes of lower
  uint64_t shape = 0;                 // "Xxxx", "dd", "X.X." with runs cut to 2
  uint64_t cluster[3] = {kNoCluster, kNoCluster, kNoCluster};  // 16, 256 and 4096 clusters
};

// Keys for `words`, with two padding words on each side: result[i + 2] is word i.
std::vector<WordKeys> KeysOf(std::span<const std::string_view> words, const WordClusters& clusters);

// The root's and the absent word's keys and tags in parser features.
constexpr int kNoTag = 254;
constexpr int kRootTag = 255;
// Relation ids in the configuration: the labeller's classes (below 250), the root word's
// relation, and none (no arc yet).
constexpr int kRootLabel = 250;
constexpr int kNoLabel = 251;

// Features of word i (0-based) for the tagger, given the tags of the two words before it
// (kNoTag before the start). `keys` as KeysOf returns it.
void TaggerFeatures(std::span<const WordKeys> keys, int i, int tag_1, int tag_2,
                    std::vector<uint64_t>* out);

// The arc-eager parser's configuration over words 1..n (0 is the root): a stack, the front of
// the buffer, and the arcs made so far with their relations (given by the labeller as each arc
// is made, so that the parser's features can see the relations of words already attached:
// Zhang and Nivre 2011).
struct Configuration {
  explicit Configuration(int n);
  int n;
  std::vector<int> stack;                         // stack.back() is the top; starts as {0}
  int buffer = 1;                                 // the buffer is buffer..n
  std::vector<int> head;                          // -1 while a word has none
  std::vector<int> label;                         // relation to the head; kNoLabel while none
  std::vector<int> left1, left2, right1, right2;  // two leftmost / rightmost children, -1 if none
  std::vector<int> left_count, right_count;
  std::vector<uint64_t> left_labels, right_labels;  // the set of the children's relations (bits)
  std::vector<bool> in_stack;
  int root_children = 0;
  int last_dependent = -1;  // the dependent of the latest arc
  bool terminal() const { return buffer > n; }
  void AddArc(int h, int d);
  // Gives word d (which has a head) its relation.
  void SetLabel(int d, int relation);
};

enum Move { kShift = 0, kReduce = 1, kLeftArc = 2, kRightArc = 3, kMoves = 4 };

// Whether `move` is allowed. The root takes one dependent: the sentence has one root word.
bool Allowed(const Configuration& c, int move);
void Apply(Configuration* c, int move);

// Features of a configuration. `tags` are the words' tags, 0-based (word w is tags[w - 1]).
void ParserFeatures(const Configuration& c, std::span<const WordKeys> keys,
                    std::span<const uint8_t> tags, std::vector<uint64_t>* out);

// Features for the relation of word d (1-based) to its head heads[d - 1] (never 0 here), over
// the unlabelled tree.
struct TreeShape {
  explicit TreeShape(std::span<const int32_t> heads);
  std::vector<int> left1, right1, left_count, right_count;
};
// `heads` is 0-based (heads[d - 1], -1 for no head yet); `Shape` is TreeShape over a finished
// tree or the Configuration of a parse under way (the arc to d just made).
template <typename Shape>
void LabelFeatures(std::span<const WordKeys> keys, std::span<const uint8_t> tags,
                   std::span<const int32_t> heads, const Shape& shape, int d,
                   std::vector<uint64_t>* out);

}  // namespace refrain::parse

#endif  // REFRAIN_PARSE_FEATURES_H_
