#include "refrain/cleaner.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clutter_rules.h"
#include "util/parallel.h"
#include "util/text.h"

namespace refrain {
namespace {

using clutter::Shape;
using clutter::ShapeOf;

std::string_view TextOf(const Document& doc, size_t begin, size_t end) {
  return std::string_view(doc.text.text()).substr(begin, end - begin);
}

void Drop(const Document& doc, uint32_t d, size_t begin, size_t end, std::string_view reason,
          std::vector<DroppedSpan>& out) {
  auto [b, e] = text::TrimSpace(doc.text.text(), begin, end);
  if (b >= e) return;
  out.push_back({d, doc.text.OriginalBegin(b), doc.text.OriginalEnd(e), std::string(reason),
                 text::Normalise(TextOf(doc, b, e))});
}

// How many documents of each source hold each (short) block, to find page furniture.
// Blocks are compared by a 64-bit hash of source and normalised text: a collision
// needs ~2^32 distinct blocks.
class RepeatCounter {
 public:
  RepeatCounter(const Corpus& corpus, const CleanerOptions& options) : options_(options) {
    const size_t n = corpus.documents.size();
    hashes_.resize(n);
    parallel::For(n, options.threads, [&](size_t d, size_t) {
      const Document& doc = corpus.documents[d];
      std::string key;
      hashes_[d].reserve(doc.blocks.size());
      for (const Block& b : doc.blocks) hashes_[d].push_back(Hash(doc, b, key));
    });
    for (uint32_t d = 0; d < n; ++d) {
      ++docs_in_source_[corpus.documents[d].source];
      for (uint64_t h : hashes_[d]) {
        if (h == 0) continue;
        Count& c = counts_[h];
        if (c.docs == 0 || c.last_doc != d) ++c.docs;
        c.last_doc = d;
      }
    }
  }

  // True when block `b` of document `d` is furniture repeated across its source.
  bool Repeated(const Document& doc, uint32_t d, size_t b, const Shape& shape) const {
    const uint64_t h = hashes_[d][b];
    if (h == 0) return false;
    auto it = counts_.find(h);
    if (it == counts_.end() || it->second.docs < options_.repeated_min_docs) return false;
    const double share =
        static_cast<double>(it->second.docs) / static_cast<double>(docs_in_source_.at(doc.source));
    return share >=
           (shape.terminal ? options_.repeated_sentence_min_share : options_.repeated_min_share);
  }

 private:
  struct Count {
    uint32_t docs = 0;
    uint32_t last_doc = 0;
  };
  // Hash of source and normalised text; 0 for blocks too long to count or blank.
  uint64_t Hash(const Document& doc, const Block& b, std::string& key) const {
    if (b.end <= b.begin || b.end - b.begin > options_.repeated_max_bytes) return 0;
    key = doc.source;
    key += '\x1f';
    const size_t prefix = key.size();
    text::NormaliseInto(TextOf(doc, b.begin, b.end), key);
    if (key.size() == prefix) return 0;
    const uint64_t h = std::hash<std::string>{}(key);
    return h == 0 ? 1 : h;
  }

  const CleanerOptions& options_;
  std::vector<std::vector<uint64_t>> hashes_;  // per document, per block
  std::unordered_map<std::string, size_t> docs_in_source_;
  std::unordered_map<uint64_t, Count> counts_;
};

// The reason a whole block is clutter, or "" when it is (so far) text.
std::string_view BlockVerdict(const Document& doc, uint32_t d, size_t index,
                              const RepeatCounter& repeats, const CleanerOptions& o) {
  const Block& b = doc.blocks[index];
  const std::string_view text = TextOf(doc, b.begin, b.end);
  const size_t size = b.end - b.begin;
  if (o.drop_chrome && b.in_chrome) return "navigation";
  if (size > 0 && static_cast<double>(b.link_bytes) >= o.max_link_share * static_cast<double>(size))
    return "navigation";
  const int word_limit = std::max({o.max_ui_block_words, o.max_contact_block_words,
                                   o.max_bare_contact_words, o.max_counter_words});
  const Shape shape = ShapeOf(text, word_limit);
  if (repeats.Repeated(doc, d, index, shape)) return "repeated across source";
  if (clutter::IsImageFileName(text)) return "image file name";
  if (shape.words <= o.max_contact_block_words && clutter::HasEmail(text) &&
      (shape.words <= o.max_bare_contact_words || clutter::AddressesReader(text)))
    return "e-mail/contact";
  if (shape.words <= o.max_counter_words && !shape.terminal && shape.numeric > 0 &&
      shape.numeric * 3 >= shape.words)
    return "date or counter";
  if (shape.words <= o.max_ui_block_words && clutter::UiScore(text) >= o.min_ui_score)
    return "form or call to action";
  return {};
}

// Cleans one document: the blocks it keeps (stray tags cut out) and what it drops.
void CleanDocument(const Document& doc, uint32_t d, const RepeatCounter& repeats,
                   const CleanerOptions& o, std::vector<Block>& kept,
                   std::vector<DroppedSpan>& dropped) {
  std::vector<std::pair<size_t, size_t>> tags;
  for (size_t index = 0; index < doc.blocks.size(); ++index) {
    const Block& b = doc.blocks[index];
    if (b.end <= b.begin) continue;
    std::string_view reason = BlockVerdict(doc, d, index, repeats, o);
    if (!reason.empty()) {
      Drop(doc, d, b.begin, b.end, reason, dropped);
      continue;
    }
    tags.clear();
    if (o.strip_stray_tags) clutter::FindStrayTags(TextOf(doc, b.begin, b.end), tags);
    size_t from = b.begin;
    for (auto [tb, te] : tags) {
      Drop(doc, d, b.begin + tb, b.begin + te, "markup", dropped);
      if (b.begin + tb > from) {
        Block piece = b;
        piece.begin = from;
        piece.end = b.begin + tb;
        kept.push_back(piece);
      }
      from = b.begin + te;
    }
    if (from < b.end) {
      Block piece = b;
      piece.begin = from;
      kept.push_back(piece);
    }
  }

  // Visible text no block holds is recorded, never silently lost.
  std::vector<std::pair<size_t, size_t>> spans;
  spans.reserve(doc.blocks.size());
  for (const Block& b : doc.blocks) spans.emplace_back(b.begin, b.end);
  std::sort(spans.begin(), spans.end());
  size_t covered = 0;
  for (auto [b, e] : spans) {
    if (b > covered) Drop(doc, d, covered, b, "outside blocks", dropped);
    covered = std::max(covered, e);
  }
  if (covered < doc.text.size()) Drop(doc, d, covered, doc.text.size(), "outside blocks", dropped);

  std::stable_sort(dropped.begin(), dropped.end(),
                   [](const DroppedSpan& a, const DroppedSpan& b) { return a.start < b.start; });
}

}  // namespace

Status Clean(Corpus& corpus, const CleanerOptions& options) {
  const RepeatCounter repeats(corpus, options);
  const size_t n = corpus.documents.size();
  std::vector<std::vector<Block>> kept(n);
  std::vector<std::vector<DroppedSpan>> dropped(n);
  parallel::For(n, options.threads, [&](size_t d, size_t) {
    CleanDocument(corpus.documents[d], static_cast<uint32_t>(d), repeats, options, kept[d],
                  dropped[d]);
  });
  for (size_t d = 0; d < n; ++d) {
    corpus.documents[d].blocks = std::move(kept[d]);
    for (DroppedSpan& span : dropped[d]) corpus.dropped.push_back(std::move(span));
  }
  return Status::Ok();
}

}  // namespace refrain
