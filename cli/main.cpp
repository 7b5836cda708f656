// refrain: find recurring talking points in a corpus of dated statements.
// Dispatches to one function per subcommand; all logic lives in the engine.
#include <cstring>
#include <iostream>
#include <new>
#include <span>

#include "command.h"
#include "refrain/version.h"

namespace refrain::cli {
int RunSegments(int argc, char** argv);
int RunStats(int argc, char** argv);
int RunVectorize(int argc, char** argv);
int RunPairs(int argc, char** argv);
int RunNear(int argc, char** argv);
int RunEval(int argc, char** argv);
int RunTalkingPoints(int argc, char** argv);
int RunCompare(int argc, char** argv);
int RunThemes(int argc, char** argv);
int RunShifts(int argc, char** argv);
int RunIndex(int argc, char** argv);
int RunMatch(int argc, char** argv);
int RunTrainParser(int argc, char** argv);
}  // namespace refrain::cli

namespace {

using refrain::cli::Command;

constexpr Command kCommands[] = {
    {"segments", "list the statements of a corpus, with document, date and byte offsets",
     refrain::cli::RunSegments},
    {"stats", "count documents, statements, dropped clutter and skipped files",
     refrain::cli::RunStats},
    {"vectorize", "build the TF-IDF matrix of the statements; print its shape, or write it",
     refrain::cli::RunVectorize},
    {"pairs", "every pair of statements whose cosine reaches a threshold, exact and streamed",
     refrain::cli::RunPairs},
    {"near", "where something like a given text was said before: document, date, score",
     refrain::cli::RunNear},
    {"eval", "precision and recall of the matcher on labelled same-point pairs",
     refrain::cli::RunEval},
    {"talking-points", "the points that keep coming back across events, with every phrasing",
     refrain::cli::RunTalkingPoints},
    {"compare", "two documents side by side: matched statements, changed words, the rest",
     refrain::cli::RunCompare},
    {"themes", "the subjects that keep coming back: terms, weight per period, documents",
     refrain::cli::RunThemes},
    {"shifts", "how each theme changed between periods: emerged, faded, grew, shrank, reframed",
     refrain::cli::RunShifts},
    {"index", "build a persistent index of a corpus (one SQLite file), or add documents to it",
     refrain::cli::RunIndex},
    {"match", "a new document against an index: points it repeats, since when; what is new",
     refrain::cli::RunMatch},
    {"train-parser", "train the UD tagger and dependency parser on a treebank; score a model",
     refrain::cli::RunTrainParser},
};

void PrintUsage(std::ostream& out) {
  out << "usage: refrain COMMAND [OPTIONS] CORPUS...\n\n"
         "refrain finds recurring talking points in a corpus of dated statements.\n\n"
         "Commands:\n";
  for (const Command& c : kCommands)
    out << "  " << c.name << std::string(16 - std::strlen(c.name), ' ') << c.summary << "\n";
  out << "\nEvery command takes --help and --version; - reads standard input where a file is "
         "read, -o FILE\nwrites the result to FILE. Exit codes: 0 ok, 1 bad input, 2 bad usage.\n"
         "Examples:\n"
         "  refrain stats corpus/seed\n"
         "  refrain segments corpus/seed --format json\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    PrintUsage(std::cerr);
    return refrain::cli::kExitBadUsage;
  }
  std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintUsage(std::cout);
    return refrain::cli::kExitOk;
  }
  if (name == "--version") {
    std::cout << "refrain " << refrain::kVersion << "\n";
    return refrain::cli::kExitOk;
  }
  for (const Command& c : kCommands) {
    if (name != c.name) continue;
    try {
      return c.run(argc - 1, argv + 1);
    } catch (const std::bad_alloc&) {
      // Input past what memory holds is bad input said plainly, not an abort (exit 134).
      std::cerr << "refrain: out of memory (the input is too large for this machine, or "
                   "degenerate: try a smaller corpus)\n";
      return refrain::cli::kExitBadInput;
    }
  }
  std::cerr << "refrain: unknown command '" << name << "'\n\n";
  PrintUsage(std::cerr);
  return refrain::cli::kExitBadUsage;
}
