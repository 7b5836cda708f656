// Stage index (src/index/): the persistent form of a corpus, one SQLite file, so that today's
// readout can be matched against years of statements without re-reading them. It holds every
// document (metadata, date, original bytes), its statements and the matcher's units with their
// byte offsets, and the units' vocabulary with document frequencies as counts (exact after
// Add). Match answers "what in this document have they said before, since when, and what is
// new" with the matcher's and talking points' own notion of "the same point".
#ifndef REFRAIN_INDEX_H_
#define REFRAIN_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "refrain/corpus.h"
#include "refrain/matcher.h"
#include "refrain/report.h"
#include "refrain/status.h"
#include "refrain/talking_points.h"
#include "refrain/types.h"

namespace refrain {

// The index file's format version, stored in it (PRAGMA user_version). A file of another
// version is refused with a message naming both, never read half-right. Version 2 adds the
// similarity index (vocabulary, postings, each unit's terms) and the talking points; version 3
// each posting's term count and each unit's norm sums (to bound a candidate's score before
// reading it); version 4 the talking points' settings (meta `points`: whether the claims
// parser read the cores and the variants were verified, and the other TalkingPointsOptions),
// the points then being what talking-points finds with them; version 5 moves each unit's norm
// sums into its postings (no unit_norms table: a candidate is bounded without a row lookup);
// claims (issue 15) will come as a `claims` table keyed by unit with version 6.
inline constexpr int kIndexFormatVersion = 5;

struct IndexOptions {
  // How documents are read, cleaned and cut into statements (Build and Add).
  CorpusOptions corpus;
  // Cut statements into clauses, as MatchOptions::clauses; fixed when the index is built,
  // since the stored units depend on it (Match then uses the stored value).
  bool clauses = true;
  // "The same point" (threshold, aliases, object-mismatch factor; clauses above) and which
  // groups count as points: the talking points are found once, at Build, by FindTalkingPoints
  // with `points` as given (the same call `refrain talking-points` makes), and stored; Add
  // and Match use these stored settings. Only unigrams, stemmed, stop words out. `points`
  // defaults to no claims reader: give `points.claims` (a ClaimReader over the parser, as
  // the CLI does unless --no-claims) for the points talking-points finds at its defaults,
  // where the parser reads the cores and every variant is verified against its core.
  MatchOptions match;
  TalkingPointsOptions points;
};

// What Build or Add changed.
struct IndexUpdate {
  size_t added = 0;       // documents new to the index
  size_t replaced = 0;    // documents whose path was there with other bytes
  size_t unchanged = 0;   // documents whose path was there with the same bytes: left alone
  size_t statements = 0;  // statements written
  size_t units = 0;       // units written
  std::vector<Diagnostic> warnings;  // from reading the new files
};

// How Match reads the index. "The same point" (threshold, aliases, clauses) and which groups
// count as points are not here: they are the index's, fixed by IndexOptions at Build.
struct IndexMatchOptions {
  // "No longer says": points carried by any of the source's (Document::source) last this many
  // events before the document's date that the document does not carry.
  int recent_events = 3;
  // Skip the stored units whose score an upper bound (from the postings and the norm sums
  // they hold) puts under the threshold before reading them: the same result, read from fewer
  // rows. false scores every candidate (for tests comparing the two).
  bool bound_candidates = true;
};

// One earlier (or later) phrasing of a point, in another document.
struct PointPhrasing {
  std::string doc;  // path relative to the corpus root
  Date date;
  uint64_t start = 0;  // [start, end): byte offsets into that document's file
  uint64_t end = 0;
  std::string text;  // the unit's text
  double score = 0;  // against the point's core
};

// A talking point the document repeats, as one of its units carries it.
struct RepeatedPoint {
  std::string label;                     // the point's core phrasing
  Date first_seen;                       // earliest date among the other documents' phrasings
  size_t events = 0;                     // events carrying the point, this document's included
  bool stock = false;                    // a stock phrase (dateline, sign-off), not a point
  std::vector<PointPhrasing> phrasings;  // other documents', in (date, doc, start) order
};

// One unit of the document: repeated (in a point or stock phrase) or new.
struct MatchedUnit {
  uint64_t start = 0;  // [start, end): byte offsets into the document's file
  uint64_t end = 0;
  std::string text;
  std::vector<RepeatedPoint> repeats;  // empty: new (a unit making two claims is in two points)
};

struct MatchedStatement {
  Statement statement;
  std::vector<MatchedUnit> units;
};

// A point of the source's recent events that the document does not carry.
struct DroppedPoint {
  std::string label;
  Date last_seen;
  size_t events = 0;
  std::vector<PointPhrasing> phrasings;  // in the recent events
};

struct IndexMatch {
  Document document;  // the matched document's metadata (bytes kept, for quoting)
  std::vector<MatchedStatement> statements;
  size_t repeated_units = 0, new_units = 0;
  std::vector<std::string> recent_events;  // the source's last events before the document
  std::vector<DroppedPoint> no_longer_said;
  size_t indexed_documents = 0;  // matched against (the document itself left out)
  double threshold = 0;
};

// An open index file. Not copyable; movable. One Index per thread.
class Index {
 public:
  // Reads, cleans and segments `inputs` (as LoadCorpus), cuts the units and writes a new index
  // to `file`, replacing any file there only once the new one is complete.
  static Result<Index> Build(const std::vector<std::filesystem::path>& inputs,
                             const std::filesystem::path& file, const IndexOptions& options);
  // Opens an existing index. A missing, truncated, corrupt or foreign file, or another format
  // version, is kBadInput with a message naming the file.
  static Result<Index> Open(const std::filesystem::path& file);

  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;
  ~Index();

  // Adds the documents of `files` (read with `corpus`, their paths taken relative to the
  // index's corpus root when they lie under it): a path already indexed is replaced when its
  // bytes differ and left alone when they do not. All or nothing: one transaction. Document
  // frequencies stay exact. The stored points are extended, not regrouped: each new unit
  // joins the point whose core it matches best, or forms a new point with the unassigned
  // units it matches when together they span min_events events (Build regroups from scratch).
  // Add has no claims parser: a new unit joins by its TF-IDF score against the core alone,
  // not verified against the core's claims, and a new point's core is not read into claims
  // (nor told ceremony). So after Add the points holding the added documents' units are
  // TF-IDF's, and may differ from what talking-points (or a rebuild) finds over the whole:
  // the indexed documents' stored points are left as Build found them, less the units of
  // replaced documents (a point whose core goes goes with it). Rebuild for the exact points.
  Result<IndexUpdate> Add(const std::vector<std::filesystem::path>& files,
                          const CorpusOptions& corpus);

  // Matches the document in `file` against the index through the stored similarity index:
  // only the new document's terms' postings and the candidate units are read. An indexed
  // document of the same path and bytes is looked up: its points are the stored ones, what
  // FindTalkingPoints finds for it over the indexed corpus. Another document's units are
  // scored exactly (the matcher's TF-IDF over the indexed units plus its own, the stored alias
  // table and proper nouns) and placed as Add would place them (see Add), without writing; an
  // indexed document of the same path with other bytes is left out (the file stands for it).
  Result<IndexMatch> Match(const std::filesystem::path& file, const CorpusOptions& corpus,
                           const IndexMatchOptions& options) const;

  // The indexed documents as a corpus: documents (with bytes; their visible text is the bytes),
  // statements, and in `units`, when given, the stored units in statement order.
  Result<Corpus> LoadCorpus(std::vector<Unit>* units = nullptr) const;

  size_t documents() const;
  size_t statements() const;
  size_t units() const;
  // Units containing `term` (a tokenizer term: stemmed, lower case); 0 when unknown.
  size_t DocumentFrequency(const std::string& term) const;
  // The folder the indexed paths are relative to (the corpus root at Build).
  const std::filesystem::path& root() const;
  // Whether the stored units are clauses (IndexOptions::clauses at Build) or whole statements.
  bool clauses() const;

 private:
  struct Impl;
  explicit Index(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace refrain

#endif  // REFRAIN_INDEX_H_
