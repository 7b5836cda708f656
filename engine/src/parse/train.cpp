// Training. The tagger is Collins' averaged perceptron with the previous two predicted tags as
// features; the parser is arc-eager with Goldberg and Nivre's (2012) dynamic oracle, which scores
// each move by the gold arcs it makes unreachable, and so learns to recover from its own mistakes.
// The labeller is trained before the parser, on gold trees, because the parser asks it for each
// arc's relation as it makes the arc (its features see them). The labeller labels the training
// sentences it learnt from, so the parser trains on relations a little better than it will get.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <map>
#include <optional>

#include "parse/features.h"
#include "parse/model.h"
#include "refrain/parser_training.h"
#include "util/text.h"

namespace refrain {
namespace {

using parse::AveragedPerceptron;
using parse::Configuration;
using parse::FrozenLinear;
using parse::WordKeys;

// A fixed generator (splitmix64), so that the order of sentences is the same everywhere.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() { return parse::Mix(state_++); }
  double Uniform() { return double(Next() >> 11) / double(1ULL << 53); }
  void Shuffle(std::vector<size_t>* v) {
    for (size_t i = v->size(); i > 1; --i) std::swap((*v)[i - 1], (*v)[Next() % i]);
  }

 private:
  uint64_t state_;
};

struct Example {
  std::vector<WordKeys> keys;
  std::vector<uint8_t> gold_tags;  // UPOS ids
  std::vector<uint8_t> gold_fine;  // XPOS ids
  std::vector<int32_t> heads;      // gold, 1-based
  std::vector<int> labels;         // gold label ids, -1 for root or unknown
  bool projective = true;
  // The tree the parser's oracle follows: `heads`, or for a non-projective tree with
  // ParserTrainingOptions::lift_nonprojective, `heads` made projective by lifting.
  std::vector<int32_t> oracle_heads;
};

bool Projective(std::span<const int32_t> heads) {
  int n = static_cast<int>(heads.size());
  for (int a = 1; a <= n; ++a) {
    int lo = std::min(a, int(heads[a - 1])), hi = std::max(a, int(heads[a - 1]));
    for (int b = lo + 1; b < hi; ++b) {
      int h = heads[b - 1];
      if (h < lo || h > hi) return false;
    }
  }
  return true;
}

// Whether `a` is below `h` (or is `h`) in the tree of `heads`.
bool Dominates(std::span<const int32_t> heads, int h, int a) {
  for (int steps = 0; a > 0 && steps <= static_cast<int>(heads.size()); ++steps) {
    if (a == h) return true;
    a = heads[a - 1];
  }
  return a == h;
}

// The tree made projective by lifting (Nivre and Nilsson 2005): while some arc spans a word its
// head does not dominate, the shortest such arc's dependent is moved up to its head's head. The
// arc-eager oracle can then follow it: the sentence teaches every arc it keeps instead of none.
std::vector<int32_t> Lifted(std::vector<int32_t> heads) {
  int n = static_cast<int>(heads.size());
  for (int round = 0; round < n * n; ++round) {
    int lift = -1, shortest = n + 1;
    for (int d = 1; d <= n; ++d) {
      int h = heads[d - 1];
      if (h <= 0) continue;
      int lo = std::min(d, h), hi = std::max(d, h);
      if (hi - lo >= shortest) continue;
      for (int k = lo + 1; k < hi; ++k)
        if (!Dominates(heads, h, k)) {
          lift = d;
          shortest = hi - lo;
          break;
        }
    }
    if (lift == -1) break;
    heads[lift - 1] = heads[heads[lift - 1] - 1];
  }
  return heads;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

template <typename T>
int ArgMax(const T* scores, int n) {
  return static_cast<int>(std::max_element(scores, scores + n) - scores);
}

// Which tags a tagger learns: Example::gold_tags (UPOS) or Example::gold_fine (XPOS).
using GoldTags = std::vector<uint8_t> Example::*;

// One pass of the tagger over `order`.
void TaggerPass(AveragedPerceptron* model, const std::vector<Example>& examples,
                const std::vector<size_t>& order, GoldTags gold) {
  std::vector<uint64_t> features;
  std::vector<float> scores(model->classes());
  for (size_t s : order) {
    const Example& ex = examples[s];
    int tag_1 = parse::kNoTag, tag_2 = parse::kNoTag;
    for (int i = 0; i < static_cast<int>((ex.*gold).size()); ++i) {
      parse::TaggerFeatures(ex.keys, i, tag_1, tag_2, &features);
      model->Score(features, scores.data());
      int guess = ArgMax(scores.data(), model->classes());
      int truth = (ex.*gold)[i];
      if (guess != truth) model->Update(features, truth, guess);
      model->Tick();
      tag_2 = tag_1;
      tag_1 = guess;
    }
  }
}

double TagAccuracy(const FrozenLinear& tagger, const std::vector<Example>& examples,
                   std::span<const size_t> which, GoldTags gold) {
  Parser::Model probe;
  uint64_t right = 0, total = 0;
  for (size_t s : which) {
    std::vector<uint8_t> tags = probe.TagIds(examples[s].keys, tagger);
    for (size_t i = 0; i < tags.size(); ++i) right += tags[i] == (examples[s].*gold)[i];
    total += tags.size();
  }
  return total ? double(right) / double(total) : 0;
}

// Trains a tagger on `train_set` for up to `epochs` passes; if `dev_set` is given, keeps the pass
// best on it, else the last. Returns the frozen tagger and the pass kept.
std::pair<FrozenLinear, int> TrainTagger(
    const std::vector<Example>& examples, std::vector<size_t> train_set,
    std::span<const size_t> dev_set, const std::vector<Example>& dev_examples, int epochs,
    int classes, GoldTags gold, const ParserTrainingOptions& options, ParserTrainingReport* report,
    const std::function<void(std::string_view)>& log) {
  const char* name = gold == &Example::gold_tags ? "tagger" : "fine tagger";
  AveragedPerceptron model(classes);
  Random random(options.seed);
  FrozenLinear best, frozen;
  int best_epoch = 0;
  double best_score = -1;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    auto start = std::chrono::steady_clock::now();
    random.Shuffle(&train_set);
    TaggerPass(&model, examples, train_set, gold);
    frozen = model.Freeze(options.tagger_prune);
    if (dev_set.empty()) {
      best = std::move(frozen);
      best_epoch = epoch;
      continue;
    }
    double score = TagAccuracy(frozen, dev_examples, dev_set, gold);
    if (report) report->epochs.push_back({name, epoch, score, Seconds(start)});
    if (log)
      log(fmt::format("{} pass {}: dev accuracy {:.2f}% ({:.1f} s, {} features)", name, epoch,
                      100 * score, Seconds(start), frozen.rows()));
    if (score > best_score) {
      best_score = score;
      best_epoch = epoch;
      best = std::move(frozen);
    }
  }
  return {std::move(best), best_epoch};
}

// The moves' costs: how many gold arcs each makes unreachable (Goldberg and Nivre 2012, arc-eager).
void Costs(const Configuration& c, std::span<const int32_t> gold, int* costs) {
  auto gold_head = [&](int w) { return gold[w - 1]; };
  int s0 = c.stack.back();
  int b = c.buffer;
  costs[parse::kShift] = costs[parse::kReduce] = costs[parse::kLeftArc] = costs[parse::kRightArc] =
      0;
  if (!c.terminal()) {
    // Shift: b loses a head on the stack and its dependents on the stack still without a head.
    int shift = c.in_stack[gold_head(b)] ? 1 : 0;
    int right = 0;
    int gh = gold_head(b);
    if (gh != s0 && (gh > b || c.in_stack[gh])) right = 1;
    int deps_on_stack = 0;
    for (int w : c.stack)
      if (w > 0 && gold_head(w) == b && c.head[w] == -1) ++deps_on_stack;
    costs[parse::kShift] = shift + deps_on_stack;
    costs[parse::kRightArc] = right + deps_on_stack;
  }
  if (s0 > 0) {
    int deps_in_buffer = 0;
    for (int w = b; w <= c.n; ++w)
      if (gold_head(w) == s0) ++deps_in_buffer;
    costs[parse::kReduce] = deps_in_buffer;
    int head_lost = gold_head(s0) > b ? 1 : 0;
    costs[parse::kLeftArc] = head_lost + deps_in_buffer;
  }
}

void ParserPass(AveragedPerceptron* model, const FrozenLinear& labeller,
                const std::vector<Example>& examples, const std::vector<std::vector<uint8_t>>& tags,
                const std::vector<size_t>& order, bool explore, Random* random) {
  std::vector<uint64_t> features;
  std::vector<int32_t> label_scores;
  float scores[parse::kMoves];
  int costs[parse::kMoves];
  for (size_t s : order) {
    const Example& ex = examples[s];
    if (ex.oracle_heads.empty()) continue;
    Configuration c(static_cast<int>(ex.heads.size()));
    while (!c.terminal()) {
      parse::ParserFeatures(c, ex.keys, tags[s], &features);
      model->Score(features, scores);
      Costs(c, ex.oracle_heads, costs);
      int guess = -1, best_gold = -1, least = 1 << 30;
      for (int m = 0; m < parse::kMoves; ++m)
        if (parse::Allowed(c, m)) least = std::min(least, costs[m]);
      for (int m = 0; m < parse::kMoves; ++m) {
        if (!parse::Allowed(c, m)) continue;
        if (guess == -1 || scores[m] > scores[guess]) guess = m;
        if (costs[m] == least && (best_gold == -1 || scores[m] > scores[best_gold])) best_gold = m;
      }
      if (costs[guess] > least) model->Update(features, best_gold, guess);
      model->Tick();
      bool follow_guess = explore && random->Uniform() < 0.9;
      parse::ApplyLabelled(labeller, ex.keys, tags[s], follow_guess ? guess : best_gold, &c,
                           &features, &label_scores);
    }
  }
}

void LabellerPass(AveragedPerceptron* model, const std::vector<Example>& examples,
                  const std::vector<std::vector<uint8_t>>& tags, const std::vector<size_t>& order) {
  std::vector<uint64_t> features;
  std::vector<float> scores(model->classes());
  for (size_t s : order) {
    const Example& ex = examples[s];
    parse::TreeShape shape(ex.heads);
    for (int d = 1; d <= static_cast<int>(ex.heads.size()); ++d) {
      int truth = ex.labels[d - 1];
      if (ex.heads[d - 1] == 0 || truth < 0) continue;
      parse::LabelFeatures(ex.keys, tags[s], ex.heads, shape, d, &features);
      model->Score(features, scores.data());
      int guess = ArgMax(scores.data(), model->classes());
      if (guess != truth) model->Update(features, truth, guess);
      model->Tick();
    }
  }
}

// The share of dev words (not the root's dependent) whose relation the labeller gets right on
// the gold tree, with predicted tags: how the labeller's passes are chosen, before the parser
// that uses it exists.
double LabelAccuracy(const Parser::Model& model, const std::vector<Example>& dev,
                     const std::vector<std::vector<uint8_t>>& dev_tags) {
  uint64_t right = 0, total = 0;
  for (size_t s = 0; s < dev.size(); ++s) {
    const Example& ex = dev[s];
    std::vector<int> labels = model.LabelIds(ex.keys, dev_tags[s], ex.heads);
    for (size_t i = 0; i < labels.size(); ++i) {
      if (ex.heads[i] == 0) continue;
      ++total;
      right += labels[i] >= 0 && labels[i] == ex.labels[i];
    }
  }
  return total ? double(right) / double(total) : 0;
}

// Dev scores of the whole model, on predicted tags.
ParseScores DevScores(const Parser::Model& model, const std::vector<Example>& dev) {
  ParseScores scores;
  for (const Example& ex : dev) {
    std::vector<uint8_t> tags = model.TagIds(ex.keys, model.tagger);
    std::vector<uint8_t> fine = model.TagIds(ex.keys, model.xpos_tagger);
    std::vector<int32_t> heads = model.Heads(ex.keys, fine);
    std::vector<int> labels = model.LabelIds(ex.keys, fine, heads);
    ++scores.sentences;
    for (size_t i = 0; i < heads.size(); ++i) {
      ++scores.words;
      scores.upos_correct += tags[i] == ex.gold_tags[i];
      scores.heads_correct += heads[i] == ex.heads[i];
      scores.labelled_correct +=
          heads[i] == ex.heads[i] &&
          (heads[i] == 0 ? ex.heads[i] == 0 : (labels[i] >= 0 && labels[i] == ex.labels[i]));
    }
  }
  return scores;
}

// The tag the parser sees for word i: its XPOS, or XPOS and UPOS ("VBZ|AUX", "VBZ|VERB").
std::string FineTag(const TreebankSentence& s, size_t i, const ParserTrainingOptions& options) {
  if (!options.parser_tags_with_upos || i >= s.upos.size()) return s.xpos[i];
  return s.xpos[i] + "|" + s.upos[i];
}

// "word<TAB>path" lines, path below kNoCluster.
Result<parse::WordClusters> ReadClusterFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("{}: cannot read the word clusters", path));
  parse::WordClusters clusters;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    size_t tab = line.find('\t');
    unsigned long value = 0;
    const char* end = line.data() + line.size();
    auto parsed = tab == std::string::npos || tab == 0
                      ? std::from_chars_result{line.data(), std::errc::invalid_argument}
                      : std::from_chars(line.data() + tab + 1, end, value);
    if (parsed.ec != std::errc() || parsed.ptr != end || value >= parse::kNoCluster)
      return Status::BadInput(
          fmt::format("{}:{}: not \"word<TAB>cluster path\" (a number below {})", path, number,
                      parse::kNoCluster));
    std::string_view word(line.data(), tab);
    clusters.path.emplace(parse::HashString(text::AsciiLower(word)), static_cast<uint16_t>(value));
  }
  if (clusters.path.empty())
    return Status::BadInput(fmt::format("{}: no word clusters in the file", path));
  return clusters;
}

}  // namespace

Result<ParserTrainingReport> TrainParser(std::span<const TreebankSentence> train,
                                         std::span<const TreebankSentence> dev,
                                         const ParserTrainingOptions& options,
                                         const std::string& output_path,
                                         const std::function<void(std::string_view)>& log) {
  if (train.empty()) return Status::BadInput("the training treebank has no sentences");
  if (dev.empty()) return Status::BadInput("the dev treebank has no sentences");
  if (options.tagger_epochs < 1 || options.parser_epochs < 1 || options.labeller_epochs < 1)
    return Status::BadUsage("every stage needs at least one training pass");
  Parser::Model model;
  if (!options.clusters_path.empty()) {
    Result<parse::WordClusters> clusters = ReadClusterFile(options.clusters_path);
    if (!clusters.ok()) return clusters.status();
    model.clusters = std::move(*clusters);
  }
  {
    std::map<std::string, int> upos, xpos, labels;
    for (const TreebankSentence& s : train) {
      for (const std::string& t : s.upos) upos[t];
      for (size_t i = 0; i < s.xpos.size(); ++i) xpos[FineTag(s, i, options)];
      for (const std::string& l : s.labels)
        if (l != "root") labels[l];
    }
    if (upos.size() > 250 || xpos.size() > 250 || labels.size() > 250)
      return Status::BadInput("more than 250 UPOS tags, XPOS tags or relations in the treebank");
    for (auto& [name, id] : upos) model.upos.push_back(name);
    for (auto& [name, id] : xpos) model.xpos.push_back(name);
    for (auto& [name, id] : labels) model.labels.push_back(name);
  }
  auto index_of = [](const std::vector<std::string>& names, const std::string& name) {
    auto it = std::lower_bound(names.begin(), names.end(), name);
    return it != names.end() && *it == name ? static_cast<int>(it - names.begin()) : -1;
  };
  auto examples_of = [&](std::span<const TreebankSentence> sentences) {
    std::vector<Example> out;
    out.reserve(sentences.size());
    for (const TreebankSentence& s : sentences) {
      Example ex;
      std::vector<std::string_view> words(s.words.begin(), s.words.end());
      ex.keys = parse::KeysOf(words, model.clusters);
      for (const std::string& t : s.upos) {
        int id = index_of(model.upos, t);
        ex.gold_tags.push_back(static_cast<uint8_t>(id < 0 ? 0 : id));
      }
      for (size_t i = 0; i < s.xpos.size(); ++i) {
        int id = index_of(model.xpos, FineTag(s, i, options));
        ex.gold_fine.push_back(static_cast<uint8_t>(id < 0 ? 0 : id));
      }
      ex.heads = s.heads;
      for (const std::string& l : s.labels) ex.labels.push_back(index_of(model.labels, l));
      ex.projective = Projective(ex.heads);
      if (ex.projective)
        ex.oracle_heads = ex.heads;
      else if (options.lift_nonprojective)
        ex.oracle_heads = Lifted(ex.heads);
      if (!ex.oracle_heads.empty() && !Projective(ex.oracle_heads)) ex.oracle_heads.clear();
      out.push_back(std::move(ex));
    }
    return out;
  };
  std::vector<Example> train_examples = examples_of(train), dev_examples = examples_of(dev);
  ParserTrainingReport report;
  for (const Example& ex : train_examples) {
    report.nonprojective += !ex.projective;
    report.skipped_nonprojective += ex.oracle_heads.empty();
  }
  std::vector<size_t> all(train_examples.size()), dev_all(dev_examples.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  for (size_t i = 0; i < dev_all.size(); ++i) dev_all[i] = i;
  int classes = static_cast<int>(model.upos.size());
  int fine_classes = static_cast<int>(model.xpos.size());

  // 1. The taggers, on everything.
  auto [tagger, tagger_epoch] =
      TrainTagger(train_examples, all, dev_all, dev_examples, options.tagger_epochs, classes,
                  &Example::gold_tags, options, &report, log);
  model.tagger = std::move(tagger);
  report.tagger_epoch = tagger_epoch;
  auto [fine_tagger, fine_epoch] =
      TrainTagger(train_examples, all, dev_all, dev_examples, options.tagger_epochs, fine_classes,
                  &Example::gold_fine, options, &report, log);
  model.xpos_tagger = std::move(fine_tagger);

  // 2. Training tags for the parser (XPOS): each part tagged by a tagger that did not see it.
  std::vector<std::vector<uint8_t>> train_tags(train_examples.size());
  if (options.jackknife_folds >= 2) {
    int folds = options.jackknife_folds;
    for (int fold = 0; fold < folds; ++fold) {
      std::vector<size_t> rest, held;
      for (size_t i = 0; i < all.size(); ++i) (int(i % folds) == fold ? held : rest).push_back(i);
      auto [fold_tagger, unused] =
          TrainTagger(train_examples, rest, {}, dev_examples, fine_epoch, fine_classes,
                      &Example::gold_fine, options, nullptr, {});
      for (size_t i : held) train_tags[i] = model.TagIds(train_examples[i].keys, fold_tagger);
      if (log)
        log(fmt::format("jackknife part {}/{}: XPOS on the held part {:.2f}%", fold + 1, folds,
                        100 * TagAccuracy(fold_tagger, train_examples, held, &Example::gold_fine)));
    }
  } else {
    for (size_t i = 0; i < all.size(); ++i) train_tags[i] = train_examples[i].gold_fine;
  }

  // 3. The labeller, on gold trees with jackknifed tags, chosen on dev's gold trees: the parser
  // asks it for each arc's relation as it makes the arc.
  std::vector<std::vector<uint8_t>> dev_tags(dev_examples.size());
  for (size_t i = 0; i < dev_examples.size(); ++i)
    dev_tags[i] = model.TagIds(dev_examples[i].keys, model.xpos_tagger);
  {
    AveragedPerceptron labeller(static_cast<int>(model.labels.size()));
    Random random(options.seed + 2);
    std::vector<size_t> order = all;
    double best = -1;
    for (int epoch = 1; epoch <= options.labeller_epochs; ++epoch) {
      auto start = std::chrono::steady_clock::now();
      random.Shuffle(&order);
      LabellerPass(&labeller, train_examples, train_tags, order);
      FrozenLinear frozen = labeller.Freeze(options.prune);
      std::swap(model.labeller, frozen);
      double score = LabelAccuracy(model, dev_examples, dev_tags);
      report.epochs.push_back({"labeller", epoch, score, Seconds(start)});
      if (log)
        log(
            fmt::format("labeller pass {}: dev relations on gold trees {:.2f}% ({:.1f} s, {} "
                        "features)",
                        epoch, 100 * score, Seconds(start), model.labeller.rows()));
      if (score > best) {
        best = score;
        report.labeller_epoch = epoch;
      } else {
        std::swap(model.labeller, frozen);
      }
    }
  }
  // 4. The transition classifier.
  {
    AveragedPerceptron transitions(parse::kMoves);
    Random random(options.seed + 1);
    std::vector<size_t> order = all;
    double best = -1;
    for (int epoch = 1; epoch <= options.parser_epochs; ++epoch) {
      auto start = std::chrono::steady_clock::now();
      random.Shuffle(&order);
      ParserPass(&transitions, model.labeller, train_examples, train_tags, order, epoch > 1,
                 &random);
      FrozenLinear frozen = transitions.Freeze(options.prune);
      std::swap(model.transitions, frozen);
      ParseScores scores = DevScores(model, dev_examples);
      report.epochs.push_back({"parser", epoch, scores.uas(), Seconds(start)});
      if (log)
        log(fmt::format("parser pass {}: dev UAS {:.2f}% ({:.1f} s, {} features)", epoch,
                        100 * scores.uas(), Seconds(start), model.transitions.rows()));
      if (scores.uas() > best) {
        best = scores.uas();
        report.parser_epoch = epoch;
      } else {
        std::swap(model.transitions, frozen);  // keep the better one
      }
    }
  }

  report.dev = DevScores(model, dev_examples);
  report.tagger_rows = model.tagger.rows();
  report.transition_rows = model.transitions.rows();
  report.labeller_rows = model.labeller.rows();
  REFRAIN_RETURN_IF_ERROR(parse::WriteModel(model, output_path));
  return report;
}

}  // namespace refrain
