// refrain train-parser: trains the UPOS tagger and dependency parser on a CoNLL-U treebank
// (UD English EWT), choosing passes on dev, and writes the model; or, with --model, scores a
// model on a treebank and times it on raw sentences.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "command.h"
#include "refrain/parser.h"
#include "refrain/parser_training.h"

namespace refrain::cli {
namespace {

void PrintScores(std::string_view name, const ParseScores& s) {
  fmt::print("{}\tsentences {}\twords {}\tUPOS {:.2f}%\tUAS {:.2f}%\tLAS {:.2f}%\n", name,
             s.sentences, s.words, 100 * s.upos(), 100 * s.uas(), 100 * s.las());
}

// Parses every line of `path` (cut by SplitUdWords) on `threads` threads and prints the rate.
int TimeParsing(const Parser& parser, const std::string& path, int threads, size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ReportError(Status::IoError(fmt::format("{}: cannot read", path)));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line) && (limit == 0 || lines.size() < limit);)
    if (!line.empty()) lines.push_back(std::move(line));
  std::atomic<size_t> next{0};
  std::atomic<uint64_t> words{0};
  auto wall_start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();
  auto work = [&] {
    uint64_t mine = 0;
    for (size_t i; (i = next.fetch_add(64)) < lines.size();) {
      for (size_t j = i; j < std::min(i + 64, lines.size()); ++j) {
        std::vector<UdWord> cut = SplitUdWords(lines[j]);
        std::vector<std::string_view> views;
        for (const UdWord& w : cut) views.push_back(w.text);
        DependencyParse parse = parser.Parse(views);
        mine += parse.heads.size();
      }
    }
    words += mine;
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work);
  for (std::thread& t : pool) t.join();
  double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  double cpu = double(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  fmt::print(
      "speed\t{}\tthreads {}\tsentences {}\twords {}\twall {:.2f} s\tcpu {:.2f} s\t"
      "{:.0f} sentences/s\t{:.0f} words/s (wall)\t{:.0f} sentences/s per cpu second\n",
      path, threads, lines.size(), words.load(), wall, cpu, lines.size() / wall,
      words.load() / wall, lines.size() / cpu);
  return kExitOk;
}

}  // namespace

int RunTrainParser(int argc, char** argv) {
  ParserTrainingOptions training;
  std::string train_path, dev_path, test_path, output, model_path, speed_path;
  int threads = 1, beam = 1;
  size_t limit = 0;
  po::options_description options("Options");
  options.add_options()("train", po::value(&train_path), "CoNLL-U training treebank")(
      "dev", po::value(&dev_path), "CoNLL-U treebank that chooses the passes")(
      "test", po::value(&test_path), "CoNLL-U treebank to score the model on afterwards")(
      "output,o", po::value(&output), "the model file to write")(
      "model", po::value(&model_path),
      "score and time this model instead of training (with --test, --speed)")(
      "speed", po::value(&speed_path), "time parsing every line of this raw text file")(
      "threads", po::value(&threads)->default_value(threads), "threads for --speed")(
      "beam", po::value(&beam)->default_value(beam),
      "sequences the parser keeps when scoring or timing a model (1: greedy)")(
      "limit", po::value(&limit)->default_value(limit), "parse at most this many lines (0 = all)")(
      "tagger-epochs", po::value(&training.tagger_epochs)->default_value(training.tagger_epochs),
      "most passes for the tagger")(
      "parser-epochs", po::value(&training.parser_epochs)->default_value(training.parser_epochs),
      "most passes for the transition classifier")(
      "labeller-epochs",
      po::value(&training.labeller_epochs)->default_value(training.labeller_epochs),
      "most passes for the labeller")(
      "jackknife", po::value(&training.jackknife_folds)->default_value(training.jackknife_folds),
      "parts for jackknifed training tags (0: gold tags)")(
      "parser-tags-with-upos",
      po::value(&training.parser_tags_with_upos)->default_value(training.parser_tags_with_upos),
      "the parser sees XPOS and UPOS joined (\"VBZ|AUX\"), not XPOS alone")(
      "lift-nonprojective",
      po::value(&training.lift_nonprojective)->default_value(training.lift_nonprojective),
      "the parser learns non-projective training trees made projective by lifting (0: skips "
      "them)")("clusters", po::value(&training.clusters_path),
               "word clusters for the features (scripts/parser-clusters), kept in the model")(
      "seed", po::value(&training.seed)->default_value(training.seed), "seed")(
      "prune", po::value(&training.prune)->default_value(training.prune),
      "drop parser and labeller weights below this from the model")(
      "tagger-prune", po::value(&training.tagger_prune)->default_value(training.tagger_prune),
      "drop tagger weights below this from the model");
  po::positional_options_description positional;
  po::variables_map vm;
  const std::string ewt = "../shared/corpora/ud-english-ewt/en_ewt-ud-";
  int code = ParseArgs(
      argc, argv,
      "refrain train-parser --train TRAIN.conllu --dev DEV.conllu -o MODEL [--test TEST.conllu]\n"
      "       refrain train-parser --model MODEL [--test TEST.conllu] [--speed TEXT --threads N]",
      options, positional, vm,
      fmt::format("  refrain train-parser --train {0}train.conllu --dev {0}dev.conllu \\\n"
                  "      --test {0}test.conllu -o models/en_ewt.parser\n"
                  "  refrain train-parser --model models/en_ewt.parser --test {0}test.conllu\n"
                  "  refrain train-parser --model models/en_ewt.parser --speed sentences.txt "
                  "--threads 2\n",
                  ewt));
  if (code >= 0) return code;
  if (threads < 1) return ReportError(Status::BadUsage("--threads must be at least 1"));

  if (model_path.empty()) {
    if (train_path.empty() || dev_path.empty() || output.empty())
      return ReportError(
          Status::BadUsage("training needs --train, --dev and -o (or --model to score a model)"));
    auto train = ReadConllu(train_path);
    if (!train.ok()) return ReportError(train.status());
    auto dev = ReadConllu(dev_path);
    if (!dev.ok()) return ReportError(dev.status());
    auto start = std::chrono::steady_clock::now();
    // The model goes to a temporary file next to -o, renamed over it once written whole and
    // checked: a full disk or a bad folder is exit 1 naming -o (the folder is tried before
    // training), never a half-written model in place of the old one.
    Result<ParserTrainingReport> report = Status::IoError("not trained");
    std::string model_file;  // the temporary file WriteModel's messages name
    Status written = Output::WriteFile(output, [&](const std::filesystem::path& to) {
      model_file = to.string();
      report = TrainParser(*train, *dev, training, model_file,
                           [](std::string_view line) { std::cerr << line << "\n"; });
      return report.ok() ? Status::Ok() : report.status();
    });
    // A training that failed before writing (a bad treebank, unreadable clusters) reports
    // itself; a failed write is WriteFile's message, which names -o and the system's reason.
    if (!report.ok() && !model_file.empty() &&
        report.status().message().rfind(model_file + ": cannot write", 0) != 0)
      return ReportError(report.status());
    if (!written.ok()) return ReportError(written);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print(
        "trained\t{:.1f} s\tpasses kept: tagger {}, parser {}, labeller {}\tfeatures: {}, {}, {}"
        "\tnon-projective training sentences: {}, skipped by the parser: {}\n",
        seconds, report->tagger_epoch, report->parser_epoch, report->labeller_epoch,
        report->tagger_rows, report->transition_rows, report->labeller_rows, report->nonprojective,
        report->skipped_nonprojective);
    PrintScores("dev", report->dev);
    model_path = output;
  }
  ParserOptions parser_options;
  parser_options.model_path = model_path;
  parser_options.beam = beam;
  auto parser = Parser::Load(parser_options);
  if (!parser.ok()) return ReportError(parser.status());
  if (!test_path.empty()) {
    auto test = ReadConllu(test_path);
    if (!test.ok()) return ReportError(test.status());
    PrintScores("test", Evaluate(*parser, *test));
  }
  if (!speed_path.empty())
    if (const int timed = TimeParsing(*parser, speed_path, threads, limit); timed != kExitOk)
      return timed;
  // The scores went to standard output: flushed and checked (a full disk is exit 1, not 0).
  Output stdout_output;
  return stdout_output.Finish(Status::Ok());
}

}  // namespace refrain::cli
