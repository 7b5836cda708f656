// Identical rows scored once: a corpus that repeats a statement 100,000 times (a boilerplate
// line, a scraped page saved over and over) would otherwise make either kernel score every copy
// against every other before the first pair is streamed. The kernel is built over one row per
// group of identical rows (same columns, same float weights), and its pairs are expanded back
// into the pairs of the original rows, in the order and with the scores the kernel gives over
// the original matrix: every copy is still in every pair it is in.
//
// Memory: the groups (a few bytes a row), and for each repeated row the kernel's pairs that
// touch it until its last copy has been written; a batch of at most kBatch pairs is written at a
// time however many copies there are. A corpus without identical rows gets the kernel itself.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <new>
#include <queue>
#include <unordered_map>

#include "similarity_kernels.h"

namespace refrain::internal {
namespace {

// Pairs handed to the sink at a time.
constexpr size_t kBatch = size_t{1} << 16;

// The rows of `matrix` grouped by identity: rows with no weight are never grouped (they have no
// pairs), every other row joins the first row equal to it.
using Groups = IdenticalRows;

bool SameRow(const TfidfMatrix& matrix, int32_t x, int32_t y) {
  TfidfMatrix::InnerIterator a(matrix, x), b(matrix, y);
  for (; a && b; ++a, ++b)
    if (a.index() != b.index() || a.value() != b.value()) return false;
  return !a && !b;
}

size_t RowHash(const TfidfMatrix& matrix, int32_t row) {
  size_t h = 0x9e3779b97f4a7c15ULL;
  for (TfidfMatrix::InnerIterator it(matrix, row); it; ++it) {
    h ^= std::hash<int32_t>{}(it.index()) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h ^= std::hash<float>{}(it.value()) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  }
  return h;
}

Groups GroupRows(const TfidfMatrix& matrix) {
  const int32_t rows = static_cast<int32_t>(matrix.rows());
  Groups groups;
  groups.group_of.assign(rows, -1);
  // hash -> the groups' first rows with that hash (a collision is checked, never trusted).
  std::unordered_multimap<size_t, int32_t> seen;
  seen.reserve(static_cast<size_t>(rows));
  for (int32_t row = 0; row < rows; ++row) {
    if (matrix.row(row).nonZeros() > 0) {
      const size_t h = RowHash(matrix, row);
      const auto [from, to] = seen.equal_range(h);
      for (auto it = from; it != to; ++it) {
        if (SameRow(matrix, it->second, row)) {
          groups.group_of[row] = groups.group_of[it->second];
          break;
        }
      }
      if (groups.group_of[row] < 0) seen.emplace(h, row);
    }
    if (groups.group_of[row] < 0) {
      groups.group_of[row] = static_cast<int32_t>(groups.first.size());
      groups.first.push_back(row);
    }
  }
  const size_t count = groups.first.size();
  groups.begin.assign(count + 1, 0);
  for (int32_t g : groups.group_of) ++groups.begin[g + 1];
  for (size_t g = 0; g < count; ++g) groups.begin[g + 1] += groups.begin[g];
  groups.members.resize(static_cast<size_t>(rows));
  std::vector<int64_t> at(groups.begin.begin(), groups.begin.end() - 1);
  for (int32_t row = 0; row < rows; ++row) groups.members[at[groups.group_of[row]]++] = row;
  return groups;
}

class CollapsedIndex final : public SimilarityIndex {
 public:
  CollapsedIndex(Groups groups, std::unique_ptr<SimilarityIndex> kernel, const TfidfMatrix& matrix)
      : groups_(std::move(groups)), kernel_(std::move(kernel)) {
    groups_.self.assign(groups_.first.size(), 0);
    // A copy's cosine with another copy, as the kernels compute a cosine: in double from the
    // float weights, capped at 1.
    for (size_t g = 0; g < groups_.first.size(); ++g) {
      if (Size(static_cast<int32_t>(g)) < 2) continue;
      double squares = 0;
      for (TfidfMatrix::InnerIterator it(matrix, groups_.first[g]); it; ++it)
        squares += static_cast<double>(it.value()) * it.value();
      const double norm = std::sqrt(squares);
      groups_.self[g] = norm == 0 ? 0 : std::min(1.0, squares / (norm * norm));
    }
  }

  int32_t rows() const override { return static_cast<int32_t>(groups_.group_of.size()); }

  Status AllPairs(double threshold, const PairSink& sink) const override;

  const IdenticalRows* identical_rows() const override { return &groups_; }

  Status AllGroupPairs(double threshold, const PairSink& sink) const override {
    REFRAIN_RETURN_IF_ERROR(CheckThreshold(threshold, "the threshold"));
    return kernel_->AllPairs(threshold, sink);
  }

  Result<std::vector<Neighbor>> Near(const QueryVector& query, double threshold,
                                     size_t top_k) const override {
    // The kernel's best top_k groups hold the best top_k rows: a row ranks behind its group's
    // first row, so a group outside them has top_k rows ahead of each of its copies.
    Result<std::vector<Neighbor>> found = kernel_->Near(query, threshold, top_k);
    if (!found.ok()) return found.status();
    std::vector<Neighbor> rows;
    for (const Neighbor& n : *found)
      for (int64_t m = groups_.begin[n.row]; m < groups_.begin[n.row + 1]; ++m)
        rows.push_back({groups_.members[m], n.score});
    std::sort(rows.begin(), rows.end(), [](const Neighbor& a, const Neighbor& b) {
      return a.score != b.score ? a.score > b.score : a.row < b.row;
    });
    if (top_k > 0 && rows.size() > top_k) rows.resize(top_k);
    return rows;
  }

 private:
  int64_t Size(int32_t group) const { return groups_.begin[group + 1] - groups_.begin[group]; }
  int32_t Last(int32_t group) const { return groups_.members[groups_.begin[group + 1] - 1]; }

  Groups groups_;
  std::unique_ptr<SimilarityIndex> kernel_;  // over one row per group, group g = its row g
};

// The kernel streams group pairs (g < h, so first[g] < first[h]) by g. A row's pairs are all
// known once the stream has passed its group: a group's pairs with earlier groups came before,
// its own came with it. So rows are written in order up to the first row of each group the
// stream reaches, and the rest at the end. Pairs a repeated group will need for its later copies
// are kept under it (and, for a group that reaches past a later group's first row, under that
// group too) until its last copy is written.
Status CollapsedIndex::AllPairs(double threshold, const PairSink& sink) const {
  REFRAIN_RETURN_IF_ERROR(CheckThreshold(threshold, "the threshold"));
  struct Partner {
    int32_t group;
    double score;
  };
  const int32_t rows = this->rows();
  std::vector<std::vector<Partner>> partners(
      groups_.first.size());  // repeated groups, and groups reached back
  // The pairs of the group the stream is on when it has one row (a repeated group keeps its own
  // under `partners`).
  std::vector<Partner> current;
  int32_t current_group = -1;
  int32_t next_row = 0;  // rows before it are written
  std::vector<ScoredPair> batch;
  batch.reserve(kBatch);
  Status failed;

  const auto flush = [&]() {
    if (batch.empty() || !failed.ok()) return;
    failed = sink(std::span<const ScoredPair>(batch));
    batch.clear();
  };
  // Writes row a's pairs with every later row, b ascending: its copies after it, and the copies
  // after it of each partner group (a k-way merge over the groups' member lists).
  const auto write_row = [&](int32_t a) {
    const int32_t g = groups_.group_of[a];
    struct Cursor {
      int64_t at, end;
      double score;
    };
    std::vector<Cursor> cursors;
    const auto add = [&](int32_t group, double score) {
      const auto b = groups_.members.begin() + groups_.begin[group];
      const auto e = groups_.members.begin() + groups_.begin[group + 1];
      const int64_t at = std::upper_bound(b, e, a) - groups_.members.begin();
      if (at < groups_.begin[group + 1]) cursors.push_back({at, groups_.begin[group + 1], score});
    };
    if (Size(g) > 1 && groups_.self[g] >= threshold - kScoreSlack) add(g, groups_.self[g]);
    for (const Partner& p : partners[g]) add(p.group, p.score);
    if (g == current_group)
      for (const Partner& p : current) add(p.group, p.score);
    const auto later = [&](size_t x, size_t y) {
      return groups_.members[cursors[x].at] > groups_.members[cursors[y].at];
    };
    std::priority_queue<size_t, std::vector<size_t>, decltype(later)> heap(later);
    for (size_t c = 0; c < cursors.size(); ++c) heap.push(c);
    while (!heap.empty() && failed.ok()) {
      const size_t c = heap.top();
      heap.pop();
      batch.push_back({a, groups_.members[cursors[c].at], cursors[c].score});
      if (batch.size() >= kBatch) flush();
      if (++cursors[c].at < cursors[c].end) heap.push(c);
    }
    // The group's pairs are no longer needed once its last copy is written.
    if (a == Last(g)) std::vector<Partner>().swap(partners[g]);
  };
  const auto write_up_to = [&](int32_t end) {
    for (; next_row < end && failed.ok(); ++next_row) write_row(next_row);
  };
  // The stream moves on to group g: rows before its first row have all their pairs.
  const auto reach = [&](int32_t g) {
    if (g == current_group) return;
    if (current_group >= 0) write_up_to(groups_.first[current_group] + 1);
    current.clear();
    current_group = g;
    write_up_to(groups_.first[g]);
  };

  Status status = kernel_->AllPairs(threshold, [&](std::span<const ScoredPair> pairs) -> Status {
    try {
      for (const ScoredPair& p : pairs) {
        reach(p.a);
        if (!failed.ok()) return failed;
        // Group p.a's pair with p.b: for p.a's first row now, its later copies, and p.b's
        // copies when p.a has copies after p.b's first row.
        if (Size(p.a) > 1) {
          partners[p.a].push_back({p.b, p.score});
          if (Last(p.a) > groups_.first[p.b]) partners[p.b].push_back({p.a, p.score});
        } else {
          current.push_back({p.b, p.score});
        }
      }
      // What is written goes on as the kernel's batch does: streamed as the kernel streams.
      flush();
    } catch (const std::bad_alloc&) {
      return Status::IoError("similarity: out of memory expanding identical statements");
    }
    return failed;
  });
  REFRAIN_RETURN_IF_ERROR(status);
  try {
    if (current_group >= 0) write_up_to(groups_.first[current_group] + 1);
    current.clear();
    current_group = -1;
    write_up_to(rows);
    flush();
  } catch (const std::bad_alloc&) {
    return Status::IoError("similarity: out of memory expanding identical statements");
  }
  return failed;
}

}  // namespace

Result<std::unique_ptr<SimilarityIndex>> BuildCollapsedIndex(const TfidfMatrix& matrix,
                                                             const KernelBuilder& build_kernel) {
  Groups groups = GroupRows(matrix);
  if (groups.first.size() == static_cast<size_t>(matrix.rows())) return build_kernel(matrix);
  TfidfMatrix unique(static_cast<Eigen::Index>(groups.first.size()), matrix.cols());
  {
    std::vector<Eigen::Triplet<float, int32_t>> entries;
    for (size_t g = 0; g < groups.first.size(); ++g)
      for (TfidfMatrix::InnerIterator it(matrix, groups.first[g]); it; ++it)
        entries.emplace_back(static_cast<int32_t>(g), static_cast<int32_t>(it.index()), it.value());
    unique.setFromTriplets(entries.begin(), entries.end());
  }
  Result<std::unique_ptr<SimilarityIndex>> kernel = build_kernel(unique);
  if (!kernel.ok()) return kernel.status();
  return std::unique_ptr<SimilarityIndex>(
      new CollapsedIndex(std::move(groups), std::move(kernel).value(), matrix));
}

}  // namespace refrain::internal
