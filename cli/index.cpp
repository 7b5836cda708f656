// refrain index build | add: the persistent index of a corpus (one SQLite file), which
// `refrain match` reads instead of the corpus.
#include "refrain/index.h"

#include <fmt/format.h>

#include <iostream>

#include "command.h"
#include "refrain/talking_points.h"

namespace refrain::cli {
namespace {

int PrintUpdate(const std::string& file, const Index& index, const IndexUpdate& update) {
  for (const Diagnostic& w : update.warnings) {
    std::cerr << "refrain: warning: " << w.file;
    if (w.line) std::cerr << ":" << w.line;
    std::cerr << ": " << w.message << "\n";
  }
  Output summary;  // standard output, checked
  summary.stream() << fmt::format(
      "{}: {} documents added, {} replaced, {} unchanged ({} statements, {} units written); "
      "{} documents, {} statements, {} units in all\n",
      file, update.added, update.replaced, update.unchanged, update.statements, update.units,
      index.documents(), index.statements(), index.units());
  return summary.Finish(Status::Ok());
}

int RunBuild(int argc, char** argv) {
  CorpusFlags corpus_flags;
  MatchFlags match_flags;
  IndexOptions index_options;
  PointsFlags points_flags;
  std::string output;
  po::options_description options("Options");
  po::positional_options_description positional;
  corpus_flags.Add(options, positional);
  options.add_options()("output,o", po::value(&output)->required(), "the index file to write");
  // What `refrain match` and `index add` then use: stored in the index, fixed for its life.
  // The talking points are found as `refrain talking-points` finds them with the same flags
  // (the claims parser reads the cores, every variant is verified), and stored.
  match_flags.Add(options,
                  "two phrasings make the same point when their score is at least this, in "
                  "(0, 1] (as for talking-points)");
  points_flags.Add(options);
  po::variables_map vm;
  int code = ParseArgs(argc, argv, "refrain index build CORPUS... -o FILE", options, positional, vm,
                       "  refrain index build corpus/seed -o seed.refrain\n"
                       "  refrain index build ../shared/corpora/wh-briefings -o wh.refrain\n"
                       "  refrain index build corpus/seed -o seed.refrain --threshold 0.5 "
                       "--min-events 3\n"
                       "The matching settings are stored in the index: `index add` and "
                       "`refrain match` use them.\n"
                       "The points stored are those `refrain talking-points` finds with the "
                       "same flags; `index add` joins new units to them by TF-IDF alone "
                       "(no parser, no verify): rebuild for the exact points.\n");
  if (code >= 0) return code;
  Result<CorpusOptions> corpus = corpus_flags.Build();
  if (!corpus.ok()) return ReportError(corpus.status());
  index_options.corpus = *corpus;
  Result<MatchOptions> match = match_flags.Build();
  if (!match.ok()) return ReportError(match.status());
  index_options.match = *match;
  index_options.clauses = match->clauses;
  Result<TalkingPointsOptions> points = points_flags.Build();
  if (!points.ok()) return ReportError(points.status());
  index_options.points = *points;
  Result<Index> index = Index::Build(corpus_flags.inputs(), output, index_options);
  if (!index.ok()) return ReportError(index.status());
  Output summary;  // standard output, checked
  summary.stream() << fmt::format("{}: {} documents, {} statements, {} units\n", output,
                                  index->documents(), index->statements(), index->units());
  return summary.Finish(Status::Ok());
}

int RunAdd(int argc, char** argv) {
  CorpusFlags corpus_flags;
  std::string file;
  po::options_description options("Options");
  po::positional_options_description positional;
  options.add_options()("index", po::value(&file)->required(), "the index file");
  positional.add("index", 1);
  corpus_flags.Add(options, positional);
  po::variables_map vm;
  int code = ParseArgs(argc, argv, "refrain index add FILE NEWFILES...", options, positional, vm,
                       "  refrain index add seed.refrain today/2024-07-25-readout.md\n");
  if (code >= 0) return code;
  Result<CorpusOptions> corpus = corpus_flags.Build();
  if (!corpus.ok()) return ReportError(corpus.status());
  Result<Index> index = Index::Open(file);
  if (!index.ok()) return ReportError(index.status());
  Result<IndexUpdate> update = index->Add(corpus_flags.inputs(), *corpus);
  if (!update.ok()) return ReportError(update.status());
  return PrintUpdate(file, *index, *update);
}

void PrintIndexUsage(std::ostream& out) {
  out << "usage: refrain index build CORPUS... -o FILE\n"
         "       refrain index add FILE NEWFILES...\n\n"
         "  build   read, clean and segment a corpus once and write it to one index file\n"
         "  add     add documents to an index (a changed file replaces its old version)\n\n"
         "Then `refrain match FILE DOC` reads the index instead of the corpus.\n\n"
         "Examples:\n"
         "  refrain index build corpus/seed -o seed.refrain\n"
         "  refrain index add seed.refrain today/2024-07-25-readout.md\n"
         "  refrain index build --help\n";
}

}  // namespace

int RunIndex(int argc, char** argv) {
  if (argc < 2) {
    PrintIndexUsage(std::cerr);
    return kExitBadUsage;
  }
  const std::string_view sub = argv[1];
  if (sub == "build") return RunBuild(argc - 1, argv + 1);
  if (sub == "add") return RunAdd(argc - 1, argv + 1);
  if (sub == "--help" || sub == "-h") {
    PrintIndexUsage(std::cout);
    return kExitOk;
  }
  std::cerr << "refrain index: unknown subcommand '" << sub << "'\n\n";
  PrintIndexUsage(std::cerr);
  return kExitBadUsage;
}

}  // namespace refrain::cli
