// Stage report (src/report/): `refrain pairs` output, written as the similarity index finds
// the pairs, never held whole (see report.h for the formats and the rules every writer
// follows).
#ifndef REFRAIN_PAIRS_REPORT_H_
#define REFRAIN_PAIRS_REPORT_H_

#include <cstdint>
#include <memory>
#include <ostream>
#include <span>

#include "refrain/report.h"
#include "refrain/similarity.h"
#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

// TSV: a header line, then "id_a id_b score doc_a date_a doc_b date_b" per pair. JSON:
// {"schema", "threshold", "statements", "pairs": [{"a": statement, "b": statement, "score"}]},
// one pair per line.
inline constexpr ReportFormat kPairsFormats[] = {ReportFormat::kTsv, ReportFormat::kJson};

// Writes pairs batch by batch, as SimilarityIndex::AllPairs hands them over: Write is the
// AllPairs callback. Requires: `out` and `corpus` outlive the writer; Finish called once,
// after the last Write. Not thread-safe (AllPairs calls back from one thread at a time).
class PairsWriter {
 public:
  // A usage error when `format` is not one of kPairsFormats.
  static Result<PairsWriter> Create(std::ostream& out, const Corpus& corpus, ReportFormat format,
                                    double threshold);
  PairsWriter(PairsWriter&&) noexcept;
  PairsWriter& operator=(PairsWriter&&) noexcept;
  ~PairsWriter();

  // An I/O error when the stream fails.
  Status Write(std::span<const ScoredPair> pairs);
  // Closes the output (the JSON document) and flushes it.
  Status Finish();
  uint64_t written() const;

 private:
  struct Impl;
  explicit PairsWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace refrain

#endif  // REFRAIN_PAIRS_REPORT_H_
