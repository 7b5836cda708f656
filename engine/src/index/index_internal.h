// What index.cpp and match.cpp share inside the index stage: re-rooting read documents, and
// the stored similarity index (a unit's terms, the vocabulary with document frequencies as
// counts, postings per term) searched for the units that make the same point as a new one.
#ifndef REFRAIN_INDEX_INDEX_INTERNAL_H_
#define REFRAIN_INDEX_INDEX_INTERNAL_H_

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/sqlite.h"
#include "refrain/matcher.h"
#include "refrain/tokenizer.h"
#include "refrain/types.h"

namespace refrain::index_internal {

// Re-roots the documents of `corpus` at `root` where they lie under it, so that a file added
// or matched later has the path (and source, and default event) it would have had in the
// corpus the index was built from.
void Reroot(Corpus& corpus, const std::filesystem::path& root);

// A unit's terms as the matcher counts them (aliases rewritten, stemmed, stop words out,
// unigrams): term id (vocabulary.id) and count, by id. Stored in units.terms as packed
// little-endian uint32 pairs.
using TermCounts = std::vector<std::pair<uint32_t, uint32_t>>;
std::string PackTerms(const TermCounts& terms);
TermCounts UnpackTerms(std::string_view bytes);

// The vocabulary table through a cache: ids, document frequencies (units holding the term)
// and the matcher's proper-noun flag. Deltas are written by Flush.
class Vocabulary {
 public:
  explicit Vocabulary(Database* db) : db_(db) {}
  struct Term {
    int64_t df = 0;
    bool proper = false;
    // The df the stored units' norm sums (in their postings) use for this term: its df when its
    // first units were written, fixed after (0 until then).
    int64_t df_base = 0;
    // The largest count of the term in any stored unit (not lowered when units go).
    int64_t max_tf = 0;
  };
  // The id of `term`; with `create`, a new term gets one (df 0), else -1 when unknown.
  Result<int64_t> Id(std::string_view term, bool create, bool proper = false);
  Result<Term> Get(int64_t id);
  void AddDf(int64_t id, int64_t delta);
  // A unit written holds the term `tf` times (max_tf, written by Flush).
  void RaiseMaxTf(int64_t id, int64_t tf);
  // Writes the df deltas and the new terms, sets df_base where unset, and raises
  // meta.norm_drift to the largest |ln(1+df) - ln(1+df_base)| of the terms changed.
  Status Flush();
  // meta.norm_drift: no stored term's ln(1+df) is further than this from its ln(1+df_base).
  Result<double> Drift();

 private:
  Database* db_;
  std::unordered_map<std::string, int64_t> ids_;
  std::unordered_map<int64_t, Term> terms_;
  std::unordered_map<int64_t, int64_t> deltas_, max_tf_;
  std::vector<std::pair<int64_t, std::string>> created_;
  std::vector<bool> created_proper_;
  int64_t next_id_ = -1;
  double drift_ = -1;  // meta.norm_drift once read
};

// |ln(1+df) - ln(1+df_base)|: how far a term's idf has moved from the one the stored norm
// sums were taken at (0 while df_base is unset).
double NormBaseDrift(int64_t df, int64_t df_base);

// A unit's norm sums (held by each of its postings), with s = (1 + ln tf)^2 and b = ln(1 + df_base)
// per term: at any N (c = ln(1+N) + 1) the unit's TF-IDF norm with the df_base idfs is sqrt(c^2 s0
// - 2c s1 + s2) exactly, and the true norm (idf from today's df) is at most sqrt(s0) * drift away
// from it (drift: the largest |b - ln(1+df)| of its terms).
struct UnitNorm {
  double s0 = 0, s1 = 0, s2 = 0;
};
// The sums of a unit's `terms` (ids with counts) at the vocabulary's df_base; a failed
// lookup sets `status`.
UnitNorm NormSums(const TermCounts& terms, Vocabulary& vocabulary, Status* status);

// Turns unit texts into term counts as the matcher does (its alias table, its tokenizer).
class UnitTerms {
 public:
  UnitTerms(AliasTable aliases, Tokenizer tokenizer)
      : aliases_(std::move(aliases)), tokenizer_(std::move(tokenizer)) {}
  // The distinct terms of `text` with their counts, in first-seen order.
  std::vector<std::pair<std::string, uint32_t>> Count(std::string_view text);

 private:
  AliasTable aliases_;
  Tokenizer tokenizer_;
  TokenList tokens_;
};

// One indexed unit found within the threshold of a query unit.
struct Neighbour {
  int64_t unit = 0;
  int64_t doc = 0;
  int64_t statement = 0;
  double score = 0;  // cosine * the matcher's object-mismatch factor
};

// Scores query units against the stored units exactly as the matcher over the whole would:
// TF-IDF with sublinear tf, smoothed idf from the stored counts plus `df_delta` (the query
// document's own units, less a replaced version's), l2 norm, and Explain's proper-noun factor.
class UnitSearch {
 public:
  UnitSearch(Database* db, Vocabulary* vocabulary, double threshold, double mismatch_factor)
      : db_(db), vocabulary_(vocabulary), threshold_(threshold), factor_(mismatch_factor) {}
  // The units of the corpus scored against: stored units plus the query document's, less a
  // replaced document's.
  int64_t total_units = 0;
  // Per term id: units of the query document holding it, less those of a replaced version.
  // Requires: total_units and df_delta are set before the first Search and not changed after
  // (each term's idf is computed once per UnitSearch and cached).
  std::unordered_map<int64_t, int64_t> df_delta;
  // Terms only the query document has (not in the vocabulary): by text, how many of its units.
  std::unordered_map<std::string, int64_t> new_terms;
  // Those of new_terms the query document writes as proper nouns (Matcher::ProperNouns).
  std::set<std::string> new_proper;
  // Read and score only the candidates whose score bound (the postings and the norm sums they
  // hold) reaches the
  // threshold; false scores them all (the same neighbours: for tests).
  bool bound_candidates = true;

  // The stored units (of documents other than `skip_doc`) scoring at least the threshold
  // with a query unit whose terms are `known` (ids and counts) and `unknown` (not in the
  // vocabulary, with counts; `unknown_proper` those the matcher would call proper nouns).
  Result<std::vector<Neighbour>> Search(
      const TermCounts& known, const std::vector<std::pair<std::string, uint32_t>>& unknown,
      int64_t skip_doc);
  // The score of the last Search's query against stored unit `unit` (0 when below the
  // threshold or not a candidate).
  double ScoreOf(int64_t unit) const;

 private:
  // A term's idf over the corpus matched in, its df there and the proper-noun flag: looked up
  // once per term (not once per candidate unit holding it), by id.
  struct TermWeight {
    double idf = 0;
    double max_weight = 0;  // (1 + ln max_tf) * idf: the most a stored unit weighs it
    int64_t df = 0;
    bool proper = false;
    bool known = false;
  };
  Result<const TermWeight*> Weight(int64_t id);
  struct Partial {
    double dot = 0, shared2 = 0;
    UnitNorm norm;  // the unit's norm sums, as every posting of it holds them
  };
  // The candidates whose score can reach the threshold (see unit_search.cpp).
  Result<std::vector<int64_t>> Bound(const std::unordered_map<int64_t, Partial>& candidates,
                                     double skipped, double cap);
  // The largest |ln(1+df) - ln(1+df_base)| over the terms of the corpus matched in.
  Result<double> Drift();
  double drift_ = -1;
  std::vector<TermWeight> weights_;  // by term id
  Database* db_;
  Vocabulary* vocabulary_;
  double threshold_, factor_;
  std::unordered_map<int64_t, double> scores_;
};

// Where a new unit goes among the stored points, as the grouping would put it: into the
// stored point whose core it matches best (at least the threshold, and no other unit of its
// statement there yet), else, when the unassigned units it matches (the best per statement)
// and it span min_events events, into a new point around it; else nowhere (new).
struct Choice {
  int64_t point = 0;               // a stored point, 0 for none
  double score = 0;                // against that point's core
  std::vector<Neighbour> forming;  // a new point's other units, when point is 0
};
class PointChooser {
 public:
  PointChooser(Database* db, int min_events) : db_(db), min_events_(min_events) {}
  // `event` is the new unit's document's event, `statement` a key of its statement.
  Result<Choice> Choose(const UnitSearch& search, const std::vector<Neighbour>& neighbours,
                        const std::string& event, int64_t statement);
  // Records a new point (its core's statement and its other units) made of a Choice.
  void Formed(int64_t point, int64_t statement, const std::vector<Neighbour>& members);
  Result<int64_t> PointOf(int64_t unit);  // 0 when in none
  // Every stored point holding the unit, in rank order: a unit making two claims is in two.
  Result<std::vector<int64_t>> PointsOf(int64_t unit);
  Result<int64_t> CoreOf(int64_t point);
  Result<std::string> EventOf(int64_t doc);

 private:
  Database* db_;
  int min_events_;
  std::unordered_map<int64_t, int64_t> point_of_, core_of_;
  std::unordered_map<int64_t, std::string> event_of_;
  std::set<std::pair<int64_t, int64_t>> taken_;  // (point, statement) joined here
};

}  // namespace refrain::index_internal

#endif  // REFRAIN_INDEX_INDEX_INTERNAL_H_
