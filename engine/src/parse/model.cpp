#include "parse/model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

namespace refrain::parse {
namespace {

constexpr char kMagic[16] = "refrain-parser4";

void WriteNames(std::ostream& out, const std::vector<std::string>& names) {
  uint32_t count = static_cast<uint32_t>(names.size());
  out.write(reinterpret_cast<const char*>(&count), sizeof count);
  for (const std::string& name : names) {
    uint32_t size = static_cast<uint32_t>(name.size());
    out.write(reinterpret_cast<const char*>(&size), sizeof size);
    out.write(name.data(), size);
  }
}

bool ReadNames(std::istream& in, std::vector<std::string>* names) {
  uint32_t count = 0;
  if (!in.read(reinterpret_cast<char*>(&count), sizeof count) || count > 1000) return false;
  names->resize(count);
  for (std::string& name : *names) {
    uint32_t size = 0;
    if (!in.read(reinterpret_cast<char*>(&size), sizeof size) || size > 100) return false;
    name.resize(size);
    if (!in.read(name.data(), size)) return false;
  }
  return true;
}

// The clusters as a count, then the keys (sorted) and their paths.
void WriteClusters(std::ostream& out, const WordClusters& clusters) {
  std::vector<std::pair<uint64_t, uint16_t>> rows(clusters.path.begin(), clusters.path.end());
  std::sort(rows.begin(), rows.end());
  uint64_t count = rows.size();
  out.write(reinterpret_cast<const char*>(&count), sizeof count);
  for (const auto& row : rows) out.write(reinterpret_cast<const char*>(&row.first), 8);
  for (const auto& row : rows) out.write(reinterpret_cast<const char*>(&row.second), 2);
}

bool ReadClusters(std::istream& in, WordClusters* clusters) {
  uint64_t count = 0;
  if (!in.read(reinterpret_cast<char*>(&count), sizeof count) || count > (1u << 24)) return false;
  std::vector<uint64_t> keys(count);
  std::vector<uint16_t> paths(count);
  if (!in.read(reinterpret_cast<char*>(keys.data()), static_cast<std::streamsize>(count * 8)) ||
      !in.read(reinterpret_cast<char*>(paths.data()), static_cast<std::streamsize>(count * 2)))
    return false;
  clusters->path.clear();
  clusters->path.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    if (paths[i] >= kNoCluster) return false;
    clusters->path.emplace(keys[i], paths[i]);
  }
  return true;
}

}  // namespace

Status WriteModel(const Parser::Model& model, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IoError(fmt::format("{}: cannot write the parser model", path));
  out.write(kMagic, sizeof kMagic);
  WriteNames(out, model.upos);
  WriteNames(out, model.xpos);
  WriteNames(out, model.labels);
  WriteClusters(out, model.clusters);
  model.tagger.Write(out);
  model.xpos_tagger.Write(out);
  model.transitions.Write(out);
  model.labeller.Write(out);
  out.close();
  if (!out) return Status::IoError(fmt::format("{}: cannot write the parser model", path));
  return Status::Ok();
}

Status ReadModel(const std::string& path, Parser::Model* model) {
  const std::string remedy =
      "make it with `refrain train-parser --train en_ewt-ud-train.conllu --dev "
      "en_ewt-ud-dev.conllu -o models/en_ewt.parser` (see models/README.md)";
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status::IoError(fmt::format("{}: cannot read the parser model; {}", path, remedy));
  char magic[sizeof kMagic] = {};
  if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0)
    return Status::BadInput(fmt::format("{}: not a refrain parser model; {}", path, remedy));
  if (!ReadNames(in, &model->upos) || !ReadNames(in, &model->xpos) ||
      !ReadNames(in, &model->labels) || model->upos.empty() || model->upos.size() > 250 ||
      model->xpos.empty() || model->xpos.size() > 250 || model->labels.empty())
    return Status::BadInput(fmt::format("{}: corrupt parser model (names); {}", path, remedy));
  if (!ReadClusters(in, &model->clusters))
    return Status::BadInput(fmt::format("{}: corrupt parser model (clusters); {}", path, remedy));
  for (FrozenLinear* table :
       {&model->tagger, &model->xpos_tagger, &model->transitions, &model->labeller}) {
    Status status = table->Read(in, path);
    if (!status.ok()) return Status::BadInput(status.message() + "; " + remedy);
  }
  if (model->tagger.classes() != static_cast<int>(model->upos.size()) ||
      model->xpos_tagger.classes() != static_cast<int>(model->xpos.size()) ||
      model->transitions.classes() != kMoves ||
      model->labeller.classes() != static_cast<int>(model->labels.size()))
    return Status::BadInput(
        fmt::format("{}: corrupt parser model (class counts); {}", path, remedy));
  if (in.peek() != std::char_traits<char>::eof())
    return Status::BadInput(
        fmt::format("{}: corrupt parser model (trailing bytes); {}", path, remedy));
  return Status::Ok();
}

void ApplyLabelled(const FrozenLinear& labeller, std::span<const WordKeys> keys,
                   std::span<const uint8_t> tags, int move, Configuration* c,
                   std::vector<uint64_t>* features, std::vector<int32_t>* scores) {
  Apply(c, move);
  if (move != kLeftArc && move != kRightArc) return;
  int d = c->last_dependent;
  if (c->head[d] == 0) {
    c->SetLabel(d, kRootLabel);
    return;
  }
  std::span<const int32_t> heads(c->head.data() + 1, static_cast<size_t>(c->n));
  LabelFeatures(keys, tags, heads, *c, d, features);
  scores->resize(static_cast<size_t>(labeller.classes()));
  labeller.Score(*features, scores->data());
  c->SetLabel(d,
              static_cast<int>(std::max_element(scores->begin(), scores->end()) - scores->begin()));
}

void AttachLeftovers(Configuration* c) {
  int root_word = -1;
  for (int w = 1; w <= c->n; ++w)
    if (c->head[w] == 0) root_word = w;
  for (int w = 1; w <= c->n; ++w) {
    if (c->head[w] != -1) continue;
    if (root_word == -1) {
      c->AddArc(0, w);
      root_word = w;
    } else {
      c->AddArc(root_word, w);
    }
  }
}

}  // namespace refrain::parse

namespace refrain {

using parse::WordKeys;

std::vector<uint8_t> Parser::Model::TagIds(std::span<const WordKeys> keys,
                                           const parse::FrozenLinear& table) const {
  int n = static_cast<int>(keys.size()) - 4;
  std::vector<uint8_t> tags(static_cast<size_t>(std::max(n, 0)));
  std::vector<uint64_t> features;
  std::vector<int32_t> scores(table.classes());
  int tag_1 = parse::kNoTag, tag_2 = parse::kNoTag;
  for (int i = 0; i < n; ++i) {
    parse::TaggerFeatures(keys, i, tag_1, tag_2, &features);
    table.Score(features, scores.data());
    int best = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    tags[i] = static_cast<uint8_t>(best);
    tag_2 = tag_1;
    tag_1 = best;
  }
  return tags;
}

std::vector<int32_t> Parser::Model::Heads(std::span<const WordKeys> keys,
                                          std::span<const uint8_t> tags) const {
  int n = static_cast<int>(tags.size());
  std::vector<uint64_t> features;
  std::vector<int32_t> label_scores;
  int32_t scores[parse::kMoves];
  if (beam <= 1) {
    parse::Configuration c(n);
    while (!c.terminal()) {
      parse::ParserFeatures(c, keys, tags, &features);
      transitions.Score(features, scores);
      int best = -1;
      for (int m = 0; m < parse::kMoves; ++m)
        if (parse::Allowed(c, m) && (best == -1 || scores[m] > scores[best])) best = m;
      parse::ApplyLabelled(labeller, keys, tags, best, &c, &features, &label_scores);
    }
    parse::AttachLeftovers(&c);
    return std::vector<int32_t>(c.head.begin() + 1, c.head.end());
  }
  // Beam search: each step extends every unfinished sequence by each allowed move and keeps the
  // `beam` best by summed log-probability of its moves (a softmax over the move scores; raw
  // scores summed lose 4 points of dev UAS: they are not comparable across configurations); a
  // finished sequence stays as it is and competes on.
  struct Hypothesis {
    parse::Configuration c;
    int64_t score;
  };
  struct Extension {
    int64_t score;
    int from, move;  // move -1: the finished sequence carried over
  };
  std::vector<Hypothesis> hypotheses{{parse::Configuration(n), 0}}, next;
  std::vector<Extension> extensions;
  size_t width = static_cast<size_t>(beam);
  // The move scores (int16 weights summed) are divided by this before the softmax: chosen on
  // EWT dev with en_ewt.parser (beam 8: 5,000 -> UAS 84.25, 10,000 -> 84.57, 15,000 -> 84.70,
  // 20,000 -> 84.50, 30,000 -> 83.77; greedy 84.24).
  constexpr double kBeamTemperature = 15000;
  while (true) {
    extensions.clear();
    bool open = false;
    for (int h = 0; h < static_cast<int>(hypotheses.size()); ++h) {
      const Hypothesis& hyp = hypotheses[static_cast<size_t>(h)];
      if (hyp.c.terminal()) {
        extensions.push_back({hyp.score, h, -1});
        continue;
      }
      open = true;
      parse::ParserFeatures(hyp.c, keys, tags, &features);
      transitions.Score(features, scores);
      // Log-probabilities of a softmax over the allowed moves, in units of 1/1024.
      double top = -1e300, total = 0;
      for (int m = 0; m < parse::kMoves; ++m)
        if (parse::Allowed(hyp.c, m)) top = std::max(top, double(scores[m]));
      for (int m = 0; m < parse::kMoves; ++m)
        if (parse::Allowed(hyp.c, m)) total += std::exp((scores[m] - top) / kBeamTemperature);
      for (int m = 0; m < parse::kMoves; ++m)
        if (parse::Allowed(hyp.c, m))
          extensions.push_back(
              {hyp.score + static_cast<int64_t>(
                               1024 * ((scores[m] - top) / kBeamTemperature - std::log(total))),
               h, m});
    }
    if (!open) break;
    // Ties broken by order (earlier sequence, lower move), so that the parse is deterministic.
    size_t keep = std::min(width, extensions.size());
    std::partial_sort(extensions.begin(), extensions.begin() + static_cast<std::ptrdiff_t>(keep),
                      extensions.end(), [](const Extension& a, const Extension& b) {
                        if (a.score != b.score) return a.score > b.score;
                        return a.from != b.from ? a.from < b.from : a.move < b.move;
                      });
    next.clear();
    for (size_t k = 0; k < keep; ++k) {
      const Extension& e = extensions[k];
      next.push_back(hypotheses[static_cast<size_t>(e.from)]);
      next.back().score = e.score;
      if (e.move >= 0)
        parse::ApplyLabelled(labeller, keys, tags, e.move, &next.back().c, &features,
                             &label_scores);
    }
    std::swap(hypotheses, next);
  }
  parse::Configuration& c = hypotheses.front().c;
  parse::AttachLeftovers(&c);
  return std::vector<int32_t>(c.head.begin() + 1, c.head.end());
}

std::vector<int> Parser::Model::LabelIds(std::span<const WordKeys> keys,
                                         std::span<const uint8_t> tags,
                                         std::span<const int32_t> heads) const {
  parse::TreeShape shape(heads);
  std::vector<int> ids(heads.size(), -1);
  std::vector<uint64_t> features;
  std::vector<int32_t> scores(labels.size());
  for (int d = 1; d <= static_cast<int>(heads.size()); ++d) {
    if (heads[d - 1] == 0) continue;
    parse::LabelFeatures(keys, tags, heads, shape, d, &features);
    labeller.Score(features, scores.data());
    ids[d - 1] = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  }
  return ids;
}

}  // namespace refrain
