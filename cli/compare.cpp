// refrain compare: what one meeting repeated, added or dropped against another: the
// statements of two documents matched one to one, side by side, changed words marked.
#include "refrain/compare.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "command.h"
#include "refrain/claims.h"
#include "refrain/matcher.h"
#include "refrain/parser.h"
#include "refrain/points_report.h"

namespace refrain::cli {
namespace {

// The widest text output: wider than any terminal, and a bound on the padding a column
// gets (COLUMNS=99999999999 made 1.8 GB of it).
constexpr long long kMaxWidth = 1000;

// $COLUMNS (at most kMaxWidth), else the width of the terminal on stdout, else 100.
int OutputWidth() {
  if (const char* columns = std::getenv("COLUMNS")) {
    const long long n = std::strtoll(columns, nullptr, 10);
    if (n > 0) return static_cast<int>(std::min(n, kMaxWidth));
  }
  winsize size{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;
  return 100;
}

}  // namespace

int RunCompare(int argc, char** argv) {
  CorpusFlags corpus_flags;
  MatchFlags match_flags;
  std::string format_name, doc_a, doc_b;
  int width = 0;
  Output output;
  po::options_description options("Options");
  po::positional_options_description unused;  // CORPUS DOC_A DOC_B, set below
  corpus_flags.Add(options, unused);
  po::positional_options_description positional;
  positional.add("corpus", 1).add("doc-a", 1).add("doc-b", 1);
  options.add_options()(
      "doc-a", po::value(&doc_a)->required(),
      "the first document: its path in the corpus, or a file name or stem only it has")(
      "doc-b", po::value(&doc_b)->required(), "the second document, likewise")(
      "format", po::value(&format_name)->default_value("text"),
      "text (two columns), json or html (one standalone page)")(
      "width", po::value(&width)->default_value(0),
      "text width in columns; 0 = $COLUMNS, else the terminal's, else 100");
  output.Add(options);
  match_flags.Add(options,
                  "two statements match when their best clauses score at least this, in (0, 1]");
  po::variables_map vm;
  int code = ParseArgs(
      argc, argv,
      "refrain compare CORPUS DOC_A DOC_B [--threshold T] [--format text|json|html] [-o FILE]",
      options, positional, vm,
      "  refrain compare corpus/seed 003_58374e1ec3d5b376.txt 000_0f0b367ac9a6d8a8.txt\n"
      "  refrain compare corpus/seed 003_58374e1ec3d5b376 004_c404e962366cc024 --format html "
      "> compare.html\n"
      "  COLUMNS=160 refrain compare corpus/seed 003_58374e1ec3d5b376 000_0f0b367ac9a6d8a8\n");
  if (code >= 0) return code;
  Result<ReportFormat> format = ParseReportFormat(format_name, kComparisonFormats);
  if (!format.ok()) return ReportError(format.status());
  if (width < 0 || width > kMaxWidth)
    return ReportError(Status::BadUsage(
        fmt::format("--width must be 0 (automatic) or at most {} columns", kMaxWidth)));
  Result<MatchOptions> match = match_flags.Build();
  if (!match.ok()) return ReportError(match.status());

  if (Status s = output.Open(); !s.ok()) return ReportError(s);
  std::optional<Corpus> corpus = LoadOrReport(corpus_flags, &code);
  if (!corpus) return code;
  Result<uint32_t> a = FindDocument(*corpus, doc_a);
  if (!a.ok()) return ReportError(a.status());
  Result<uint32_t> b = FindDocument(*corpus, doc_b);
  if (!b.ok()) return ReportError(b.status());
  Result<Matcher> matcher = Matcher::Build(*corpus, *match);
  if (!matcher.ok()) return ReportError(matcher.status());
  // Ceremony is told by the claims of the matched units and unmatched statements (a few
  // dozen parses); without the parser model, by the built-in phrases alone.
  std::optional<Parser> parser;
  std::optional<ClaimReader> reader;
  const AliasTable aliases = AliasTable::Builtin();
  if (Result<Parser> loaded = Parser::Load(); loaded.ok()) {
    parser.emplace(std::move(loaded).value());
    reader.emplace(&*parser, nullptr, ClaimOptions{.aliases = &aliases});
  } else {
    std::cerr << "refrain: warning: " << loaded.status().message()
              << "; ceremony is told by the built-in phrases only\n";
  }
  Result<Comparison> comparison =
      CompareDocuments(*corpus, *matcher, *a, *b, reader ? &*reader : nullptr);
  if (!comparison.ok()) return ReportError(comparison.status());
  const auto too_long =
      std::count_if(comparison->matched.begin(), comparison->matched.end(),
                    [](const MatchedStatements& m) { return m.diff.whole_middle_changed; });
  if (too_long > 0)
    std::cerr << fmt::format(
        "refrain: warning: {} matched statement pair(s) too long for a word diff (the words of "
        "one times those of the other over {}): their differing middle is marked changed whole\n",
        too_long, kMaxWordDiffCells);
  return output.Finish(WriteComparison(output.stream(), *corpus, *comparison, *format,
                                       width ? width : OutputWidth()));
}

}  // namespace refrain::cli
