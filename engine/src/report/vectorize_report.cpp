// `refrain vectorize`: the matrix's shape, and the options that made it.
#include "refrain/vectorize_report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "report/report_internal.h"

namespace refrain {

Status WriteVectorizeSummary(std::ostream& out, const TfidfMatrix& matrix,
                             const VectorizerOptions& options, std::span<const std::string> files,
                             ReportFormat format) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kVectorizeFormats, "vectorize"));
  const int64_t rows = matrix.rows(), cols = matrix.cols(), nonzeros = matrix.nonZeros();
  if (format == ReportFormat::kJson) {
    // Keys in byte order, as every JSON object of refrain.
    JsonWriter json(out);
    json.BeginObject();
    if (!files.empty()) json.Field("files", files);
    json.Field("max_df", options.max_df.ToString()).Field("min_df", options.min_df.ToString());
    json.Key("ngram_range").BeginArray().Int(options.ngram_min).Int(options.ngram_max).EndArray();
    json.Field("nonzeros", nonzeros)
        .Field("norm", NormName(options.norm))
        .Field("schema", kJsonSchema);
    json.Key("shape").BeginArray().Int(rows).Int(cols).EndArray();
    json.Field("smooth_idf", options.smooth_idf)
        .Field("statements", rows)
        .Field("stem", options.tokenizer.stem)
        .Field("stop_words", options.tokenizer.stop_words)
        .Field("sublinear_tf", options.sublinear_tf)
        .Field("terms", cols)
        .Field("use_idf", options.use_idf);
    json.EndObject();
    return json.Finish();
  }
  fmt::print(out, "shape       {} x {}\n", rows, cols);
  fmt::print(out, "non-zeros   {}\n", nonzeros);
  fmt::print(out, "vocabulary  {} terms\n", cols);
  if (!files.empty()) fmt::print(out, "wrote       {}\n", fmt::join(files, " and "));
  if (!out.flush()) return Status::IoError("cannot write the summary");
  return Status::Ok();
}

}  // namespace refrain
