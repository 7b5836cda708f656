// `refrain pairs`: every pair above a threshold, streamed.
#include "refrain/pairs_report.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "report/report_internal.h"

namespace refrain {
namespace {

// The stream gets the TSV once this much is buffered.
constexpr size_t kFlushBytes = 64 * 1024;

}  // namespace

struct PairsWriter::Impl {
  Impl(std::ostream& out, const Corpus& corpus, ReportFormat format)
      : out(out), corpus(corpus), format(format) {}

  Status Flush() {
    out.write(tsv.data(), static_cast<std::streamsize>(tsv.size()));
    tsv.clear();
    if (!out) return Status::IoError("cannot write the pairs");
    return Status::Ok();
  }

  std::ostream& out;
  const Corpus& corpus;
  ReportFormat format;
  std::optional<JsonWriter> json;
  // TSV: per-document names and dates rendered once, since millions of rows repeat them.
  std::vector<std::string> docs, dates;
  fmt::memory_buffer tsv;
  uint64_t written = 0;
};

PairsWriter::PairsWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PairsWriter::PairsWriter(PairsWriter&&) noexcept = default;
PairsWriter& PairsWriter::operator=(PairsWriter&&) noexcept = default;
PairsWriter::~PairsWriter() = default;

Result<PairsWriter> PairsWriter::Create(std::ostream& out, const Corpus& corpus,
                                        ReportFormat format, double threshold) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kPairsFormats, "pairs"));
  auto impl = std::make_unique<Impl>(out, corpus, format);
  if (format == ReportFormat::kJson) {
    JsonWriter& json = impl->json.emplace(out, JsonWriter::Style::kOneLine);
    json.BeginObject()
        .Field("schema", kJsonSchema)
        .Key("threshold")
        .Number(fmt::format("{}", threshold))
        .Field("statements", corpus.statements.size())
        .Key("pairs")
        .BeginArray(/*element_per_line=*/true);
  } else {
    for (const Document& doc : corpus.documents) {
      impl->docs.push_back(OneLine(doc.path));
      impl->dates.push_back(doc.date.ToString());
    }
    fmt::format_to(std::back_inserter(impl->tsv),
                   "id_a\tid_b\tscore\tdoc_a\tdate_a\tdoc_b\tdate_b\n");
  }
  return PairsWriter(std::move(impl));
}

Status PairsWriter::Write(std::span<const ScoredPair> pairs) {
  Impl& w = *impl_;
  for (const ScoredPair& p : pairs) {
    const Statement& a = w.corpus.statements[p.a];
    const Statement& b = w.corpus.statements[p.b];
    if (w.json) {
      char score[32];
      const auto end = fmt::format_to_n(score, sizeof score, "{:.6f}", p.score).out;
      w.json->BeginObject().Key("a");
      WriteStatementJson(*w.json, w.corpus, a);
      w.json->Key("b");
      WriteStatementJson(*w.json, w.corpus, b);
      w.json->Key("score").Number(std::string_view(score, end - score)).EndObject();
    } else {
      fmt::format_to(std::back_inserter(w.tsv), "{}\t{}\t{:.6f}\t{}\t{}\t{}\t{}\n", a.id, b.id,
                     p.score, w.docs[a.doc], w.dates[a.doc], w.docs[b.doc], w.dates[b.doc]);
      if (w.tsv.size() >= kFlushBytes) REFRAIN_RETURN_IF_ERROR(w.Flush());
    }
    ++w.written;
  }
  if (w.json) return w.json->Flush();  // a batch reaches the stream before the next is found
  return w.Flush();
}

Status PairsWriter::Finish() {
  Impl& w = *impl_;
  if (w.json) {
    w.json->EndArray().EndObject();
    return w.json->Finish();
  }
  REFRAIN_RETURN_IF_ERROR(w.Flush());
  if (!w.out.flush()) return Status::IoError("cannot write the pairs");
  return Status::Ok();
}

uint64_t PairsWriter::written() const { return impl_->written; }

}  // namespace refrain
