// Two units' claims aligned word by word (refrain/claims.h's AlignClaims): coverage of each
// claim's words by the other's, weighted by slot, then the slot checks as factors.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "claims/figures.h"
#include "refrain/claims.h"
#include "util/text.h"

namespace refrain {
namespace {

WordLink Link(const ClaimWord& a, const ClaimWord& b, const WordRelations* relations) {
  if (text::EqualsIgnoreAsciiCase(a.text, b.text)) return {WordRelation::kSame, 1};
  if (a.lemma == b.lemma) return {WordRelation::kLemma, 1};
  // Without a lexicon the stem stands for the lemma ("supports" / "support").
  if (a.stem == b.stem) return {WordRelation::kLemma, 0.9};
  if (!relations) return {};
  const WordClass c = a.word_class == b.word_class ? a.word_class : WordClass::kAny;
  return relations->Relate(a.lemma, b.lemma, c);
}

// The slot of each word of a claim, by word index.
std::map<uint32_t, std::string> Slots(const Claim& claim) {
  std::map<uint32_t, std::string> slots;
  for (const ClaimArgument& arg : claim.arguments) {
    const std::string role(ArgumentRoleName(arg.role));
    for (const ClaimWord& m : arg.modifiers) slots.emplace(m.index, role + " modifier");
    slots[arg.head.index] = role + " head";
  }
  slots[claim.predicate.index] = "predicate";
  return slots;
}

struct Coverage {
  double covered = 0, total = 0;
  std::vector<WordAlignment> words;
  double share() const { return total > 0 ? covered / total : 0; }
};

// How much of `from`'s words (weighted by slot) `to`'s words cover.
Coverage Cover(const Claim& from, const Claim& to, const WordRelations* relations,
               const AlignOptions& options) {
  Coverage c;
  const std::map<uint32_t, std::string> slots = Slots(from);
  std::vector<const ClaimWord*> words;
  for (const ClaimWord& w : from.words) words.push_back(&w);
  if (std::none_of(words.begin(), words.end(),
                   [&](const ClaimWord* w) { return w->index == from.predicate.index; }))
    words.push_back(&from.predicate);
  // The words of a figure the other claim states too are covered by it.
  std::map<uint32_t, const Figure*> restated;
  for (const Figure& f : from.figures) {
    if (f.kind == Figure::Kind::kNumber) continue;
    for (const Figure& g : to.figures)
      if (SameFigure(f, g))
        for (uint32_t k = f.index; k < f.index + f.size; ++k) restated[k] = &g;
  }
  for (const ClaimWord* w : words) {
    auto slot = slots.find(w->index);
    const std::string name = slot == slots.end() ? "other" : slot->second;
    const double weight = name == "predicate"       ? options.predicate_weight
                          : name.ends_with(" head") ? options.head_weight
                                                    : options.other_weight;
    c.total += weight;
    if (auto r = restated.find(w->index); r != restated.end()) {
      c.covered += weight;
      c.words.push_back({w->text, r->second->text, name + " (figure)", WordRelation::kSame, 1});
      continue;
    }
    WordLink best;
    const ClaimWord* match = nullptr;
    std::vector<const ClaimWord*> targets;
    for (const ClaimWord& t : to.words) targets.push_back(&t);
    targets.push_back(&to.predicate);
    for (const ClaimWord* t : targets) {
      WordLink link = Link(*w, *t, relations);
      if (link.relation == WordRelation::kAntonym) continue;
      if (link.weight > best.weight) best = link, match = t;
    }
    if (match && best.weight >= options.min_word_weight) {
      c.covered += weight * best.weight;
      c.words.push_back({w->text, match->text, name, best.relation, best.weight});
    }
  }
  return c;
}

const ClaimArgument* MainArgument(const Claim& claim) {
  for (const ClaimArgument& arg : claim.arguments)
    if (arg.role == ArgumentRole::kObject) return &arg;
  return nullptr;
}

ClaimMatch AlignPair(const Claim& a, const Claim& b, const WordRelations* relations,
                     const AlignOptions& options) {
  ClaimMatch m;
  m.predicate_a = a.predicate.text;
  m.predicate_b = b.predicate.text;
  Coverage ab = Cover(a, b, relations, options), ba = Cover(b, a, relations, options);
  const bool a_smaller = ab.total <= ba.total;
  const Coverage& small = a_smaller ? ab : ba;
  const Coverage& large = a_smaller ? ba : ab;
  m.words = ab.words;

  double factor = 1;
  const auto check = [&](std::string name, bool passed, double fail_factor, std::string detail) {
    const double f = passed ? 1 : fail_factor;
    factor *= f;
    m.checks.push_back({std::move(name), passed, f, std::move(detail)});
  };
  const WordLink predicate = Link(a.predicate, b.predicate, relations);
  const bool opposed = predicate.relation == WordRelation::kAntonym;
  // A money or percentage figure both state stands for the predicate ("trade will reach a
  // record $X billion" / "trade hit a historical high, exceeding our goal of $X billion").
  const Figure* shared_figure = nullptr;
  for (const Figure& fa : a.figures)
    for (const Figure& fb : b.figures)
      if ((fa.kind == Figure::Kind::kMoney || fa.kind == Figure::Kind::kPercent) &&
          SameFigure(fa, fb))
        shared_figure = &fa;
  check("predicate", opposed || predicate.weight >= options.min_word_weight || shared_figure,
        options.predicate_mismatch,
        fmt::format("{} / {}: {} {:.2f}{}", a.predicate.text, b.predicate.text,
                    WordRelationName(predicate.relation), predicate.weight,
                    shared_figure ? ", the same figure " + shared_figure->text : ""));
  const ClaimArgument *main_a = MainArgument(a), *main_b = MainArgument(b);
  if (main_a && main_b) {
    double best = 0;
    std::vector<const ClaimWord*> targets = {&main_b->head};
    for (const ClaimWord& w : main_b->modifiers) targets.push_back(&w);
    for (const ClaimWord* t : targets) {
      WordLink link = Link(main_a->head, *t, relations);
      if (link.relation != WordRelation::kAntonym) best = std::max(best, link.weight);
    }
    for (const ClaimWord& w : main_a->modifiers) {
      WordLink link = Link(w, main_b->head, relations);
      if (link.relation != WordRelation::kAntonym) best = std::max(best, link.weight);
    }
    check("main argument", best >= options.min_word_weight, options.argument_mismatch,
          fmt::format("object {} / {}", main_a->head.text, main_b->head.text));
  }
  // Names: each claim names someone or something (a proper noun) the other does not: a claim
  // about another object ("the defense of the Philippines" / "of Japan").
  const auto unnamed = [&](const Claim& from, const Claim& to) {
    std::string missing;
    for (const ClaimWord& w : from.words) {
      if (w.name.empty()) continue;
      bool found = false;
      for (const ClaimWord& t : to.words)
        found = found || (!t.name.empty() && t.name == w.name) ||
                Link(w, t, relations).weight >= options.min_word_weight;
      if (!found) missing += (missing.empty() ? "" : " ") + w.text;
    }
    return missing;
  };
  const std::string names_a = unnamed(a, b), names_b = unnamed(b, a);
  check("names", names_a.empty() || names_b.empty(), options.names_mismatch,
        names_a.empty() || names_b.empty() ? "" : names_a + " / " + names_b);
  const bool polarity_agrees = (a.negated != b.negated) == opposed;
  check("polarity", polarity_agrees, options.polarity_mismatch,
        fmt::format("{}{} / {}{}", a.negated ? "negated " : "", a.predicate.text,
                    b.negated ? "negated " : "", b.predicate.text));
  // Figures: for each kind both state, at least one the same.
  bool figures_agree = true;
  std::string figure_detail;
  for (const Figure& fa : a.figures) {
    bool kind_in_b = false, same = false;
    for (const Figure& fb : b.figures) {
      if (fb.kind != fa.kind) continue;
      kind_in_b = true;
      same = same || SameFigure(fa, fb);
    }
    if (kind_in_b && !same) {
      figures_agree = false;
      figure_detail += (figure_detail.empty() ? "" : ", ") + fa.text + " not in B";
    }
  }
  if (!a.figures.empty() && !b.figures.empty())
    check("figures", figures_agree, options.figure_mismatch,
          figures_agree ? "agree" : figure_detail);

  const double c = options.containment;
  m.parts.push_back({"smaller claim covered", c * small.share() * factor});
  m.parts.push_back({"larger claim covered", (1 - c) * large.share() * factor});
  m.score = m.parts[0].value + m.parts[1].value;
  return m;
}

}  // namespace

ClaimMatch AlignClaims(const UnitClaims& a, const UnitClaims& b, const WordRelations* relations,
                       const AlignOptions& options) {
  ClaimMatch best;
  if (a.claims.empty() || b.claims.empty()) {
    best.no_claim = a.claims.empty() ? "A: " + a.no_claim_reason : "B: " + b.no_claim_reason;
    return best;
  }
  for (size_t i = 0; i < a.claims.size(); ++i)
    for (size_t j = 0; j < b.claims.size(); ++j) {
      ClaimMatch m = AlignPair(a.claims[i], b.claims[j], relations, options);
      if (best.claim_a < 0 || m.score > best.score) {
        best = std::move(m);
        best.claim_a = static_cast<int>(i);
        best.claim_b = static_cast<int>(j);
      }
    }
  return best;
}

}  // namespace refrain
