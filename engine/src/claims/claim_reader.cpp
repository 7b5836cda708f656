// Units into claims (refrain/claims.h): the dependency parse read for predicates, their
// arguments, negation, modality and figures.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "claims/figures.h"
#include "refrain/claims.h"
#include "refrain/matcher.h"
#include "refrain/tokenizer.h"
#include "util/text.h"

namespace refrain {
namespace {

bool In(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Verbs that carry no claim of their own when their object is a noun that does ("expressed
// support for", "held talks", "gave assistance to"): the noun becomes the predicate.
// Lists are matched against a word's lemma and its Snowball stem (without a lexicon the lemma
// is the word as written), with the irregular forms spelled out.
bool LightVerb(const ClaimWord& w) {
  for (std::string_view form : {w.lemma, w.stem})
    if (In(form, {"express", "voic",  "voice",  "give", "gave",     "given",   "provid",
                  "provide", "offer", "extend", "lend", "lent",     "hold",    "held",
                  "have",    "has",   "had",    "make", "made",     "conduct", "take",
                  "took",    "taken", "pay",    "paid", "reaffirm", "reiter",  "reiterate"}))
      return true;
  return false;
}

// Words over an infinitive that say how the claim is meant ("is ready to deepen"): the
// infinitive is the predicate, the word its modality.
bool IntentionWord(const ClaimWord& w) {
  for (std::string_view form : {w.lemma, w.stem})
    if (In(form, {"ready",  "willing",   "prepar", "prepared", "eager",    "determin", "determined",
                  "commit", "committed", "hope",   "wish",     "want",     "intend",   "plan",
                  "seek",   "sought",    "aim",    "stand",    "stood",    "look",     "tri",
                  "try",    "strive",    "expect", "continu",  "continue", "pledg",    "pledge",
                  "vow",    "promis",    "promise"}))
      return true;
  return false;
}

// Courtesies that make no point ("Mr Putin, thank you.", "We welcome you").
bool Courtesy(const ClaimWord& w) {
  for (std::string_view form : {w.lemma, w.stem})
    if (In(form, {"thank", "congratul", "congratulate", "greet", "welcom", "welcome"})) return true;
  return false;
}

WordClass ClassOf(std::string_view upos) {
  if (upos == "NOUN" || upos == "PROPN") return WordClass::kNoun;
  if (upos == "VERB" || upos == "AUX") return WordClass::kVerb;
  if (upos == "ADJ") return WordClass::kAdjective;
  if (upos == "ADV") return WordClass::kAdverb;
  return WordClass::kAny;
}

bool Content(std::string_view upos) {
  return In(upos, {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"});
}

ArgumentRole RoleOf(std::string_view preposition) {
  if (In(preposition, {"to", "towards", "toward", "into"})) return ArgumentRole::kTo;
  if (preposition == "for") return ArgumentRole::kFor;
  if (In(preposition, {"against"})) return ArgumentRole::kAgainst;
  if (In(preposition, {"on", "upon", "over", "about", "regarding", "concerning"}))
    return ArgumentRole::kOn;
  if (preposition == "with") return ArgumentRole::kWith;
  if (In(preposition, {"in", "at", "within", "across", "throughout", "inside"}))
    return ArgumentRole::kWhere;
  if (preposition == "of") return ArgumentRole::kObject;
  return ArgumentRole::kOther;
}

// The parse as a tree: children of each word, and lower-cased words.
struct Tree {
  std::span<const std::string_view> words;
  const DependencyParse& parse;
  std::vector<std::vector<uint32_t>> children;
  std::vector<std::string> lower;

  Tree(std::span<const std::string_view> w, const DependencyParse& p) : words(w), parse(p) {
    children.resize(words.size());
    lower.resize(words.size());
    for (uint32_t i = 0; i < words.size(); ++i) {
      lower[i] = text::AsciiLower(words[i]);
      if (p.heads[i] > 0) children[p.heads[i] - 1].push_back(i);
    }
  }
  std::string_view label(uint32_t i) const { return parse.labels[i]; }
  std::string_view upos(uint32_t i) const { return parse.upos[i]; }
  // The first child of `i` with relation `rel` (a prefix: "nsubj" matches "nsubj:pass").
  std::optional<uint32_t> Child(uint32_t i, std::string_view rel) const {
    for (uint32_t c : children[i])
      if (label(c) == rel || (label(c).starts_with(rel) && label(c)[rel.size()] == ':')) return c;
    return std::nullopt;
  }
  // `i` and every word under it, except the subtrees rooted at words `cut` says to cut.
  template <typename Cut>
  void Subtree(uint32_t i, const Cut& cut, std::vector<uint32_t>* out) const {
    out->push_back(i);
    for (uint32_t c : children[i])
      if (!cut(c)) Subtree(c, cut, out);
  }
};

}  // namespace

std::string_view ArgumentRoleName(ArgumentRole role) {
  switch (role) {
    case ArgumentRole::kSubject:
      return "subject";
    case ArgumentRole::kObject:
      return "object";
    case ArgumentRole::kTo:
      return "to";
    case ArgumentRole::kFor:
      return "for";
    case ArgumentRole::kAgainst:
      return "against";
    case ArgumentRole::kOn:
      return "on";
    case ArgumentRole::kWith:
      return "with";
    case ArgumentRole::kWhere:
      return "where";
    case ArgumentRole::kOther:
      break;
  }
  return "other";
}

std::string_view ModalityName(Modality modality) {
  switch (modality) {
    case Modality::kAsserted:
      return "asserted";
    case Modality::kFuture:
      return "future";
    case Modality::kIntention:
      return "intention";
    case Modality::kObligation:
      return "obligation";
    case Modality::kPossible:
      return "possible";
  }
  return "asserted";
}

ClaimReader::ClaimReader(const Parser* parser, const WordRelations* relations, ClaimOptions options)
    : parser_(parser), relations_(relations), options_(options) {}

UnitClaims ClaimReader::Analyze(std::string_view unit) const {
  const std::vector<UdWord> ud = SplitUdWords(unit);
  std::vector<std::string_view> words;
  words.reserve(ud.size());
  for (const UdWord& w : ud) words.push_back(w.text);
  const DependencyParse parse = parser_->Parse(std::span<const std::string_view>(words));
  return Analyze(unit, words, parse);
}

UnitClaims ClaimReader::Analyze(std::string_view unit, std::span<const std::string_view> words,
                                const DependencyParse& parse) const {
  UnitClaims out;
  if (words.empty()) {
    out.no_claim_reason = "empty";
    return out;
  }
  const Tree tree(words, parse);
  const std::string_view trimmed = text::TrimSpace(unit);
  if (options_.questions_make_no_point &&
      (trimmed.ends_with('?') || (tree.lower[0] == "q" && words.size() > 1))) {
    out.no_claim_reason = "question";
    return out;
  }
  // A list of names (no word in lower case) states nothing: "Wang Yi, Sergey Lavrov".
  const bool names_only = std::none_of(words.begin(), words.end(), [](std::string_view w) {
    return !w.empty() && text::IsAsciiLower(w[0]);
  });
  if (names_only && words.size() > 1) {
    out.no_claim_reason = "name list";
    return out;
  }
  out.figures = ReadFigures(tree.lower, parse.upos);

  // Stems and lemmas, once per word.
  Result<Tokenizer> stemmer = Tokenizer::Create({.stem = true});
  std::vector<ClaimWord> cw(words.size());
  for (uint32_t i = 0; i < words.size(); ++i) {
    ClaimWord& w = cw[i];
    w.text = std::string(words[i]);
    w.upos = std::string(parse.upos[i]);
    w.word_class = ClassOf(w.upos);
    w.index = i;
    w.lemma = relations_ ? relations_->Lemma(tree.lower[i], w.word_class) : tree.lower[i];
    std::vector<std::string> stem;
    if (stemmer.ok()) stem = stemmer->Tokenize(tree.lower[i]);
    w.stem = stem.size() == 1 ? stem[0] : tree.lower[i];
  }
  // Names: a proper noun whose head is not one, with the proper nouns before it under it.
  for (uint32_t i = 0; i < words.size(); ++i) {
    if (tree.upos(i) != "PROPN") continue;
    if (parse.heads[i] > 0 && tree.upos(parse.heads[i] - 1) == "PROPN") continue;
    uint32_t first = i;
    for (uint32_t c : tree.children[i])
      if (c < first && tree.upos(c) == "PROPN" &&
          (tree.label(c) == "compound" || tree.label(c) == "flat"))
        first = c;
    std::string phrase;
    for (uint32_t k = first; k <= i; ++k) phrase += (k > first ? " " : "") + std::string(words[k]);
    cw[i].name = text::AsciiLower(options_.aliases ? options_.aliases->Rewrite(phrase) : phrase);
  }
  const auto content = [&](uint32_t i) {
    return Content(tree.upos(i)) && !In(cw[i].lemma, {"be", "not", "never", "n't", "also", "so",
                                                      "very", "too", "just", "then"});
  };

  // Predicates: verbs heading a clause, adjectives or nouns heading one with a copula or
  // with arguments of their own.
  const auto clause_label = [&](uint32_t i) {
    const std::string_view l = tree.label(i);
    return l == "root" || l == "conj" || l == "ccomp" || l == "xcomp" || l == "advcl" ||
           l == "parataxis" || l.starts_with("acl") || l == "csubj";
  };
  const auto is_predicate = [&](uint32_t i) {
    if (!clause_label(i)) return false;
    const std::string_view u = tree.upos(i);
    if (u == "VERB") return true;
    // Only a verb takes an object: a coordinated "oppose" the tagger called an adjective.
    if ((u == "ADJ" || u == "NOUN") && tree.label(i) == "conj" && tree.Child(i, "obj")) return true;
    if (u == "ADJ" || u == "NOUN") {
      if (tree.Child(i, "cop") || tree.Child(i, "nsubj")) return true;
      if (u == "NOUN" && (tree.label(i) == "root" || tree.label(i) == "conj"))
        return tree.Child(i, "nmod").has_value() || tree.Child(i, "acl").has_value();
    }
    return false;
  };
  std::vector<bool> predicate(words.size(), false);
  for (uint32_t i = 0; i < words.size(); ++i) predicate[i] = is_predicate(i);

  for (uint32_t p = 0; p < words.size(); ++p) {
    if (!predicate[p]) continue;
    // An intention word over an infinitive is that infinitive's modality, not a claim.
    if (IntentionWord(cw[p])) {
      std::optional<uint32_t> x = tree.Child(p, "xcomp");
      if (x && predicate[*x]) continue;
    }
    // A light verb with a nominal object: the noun is the predicate.
    uint32_t head = p;
    bool nominal = tree.upos(p) == "NOUN";
    if (tree.upos(p) == "VERB" && LightVerb(cw[p])) {
      std::optional<uint32_t> o = tree.Child(p, "obj");
      if (o && tree.upos(*o) == "NOUN") head = *o, nominal = true;
    }
    Claim claim;
    claim.predicate = cw[head];
    claim.nominal = nominal;

    // Modality and negation from p's auxiliaries and adverbs, and from an intention word
    // above it; the subject of an infinitive or a coordinated verb comes from above.
    std::optional<uint32_t> subject = tree.Child(p, "nsubj");
    if (!subject) subject = tree.Child(p, "csubj");
    uint32_t above = p;
    for (int hops = 0; hops < 3 && !subject; ++hops) {
      const std::string_view l = tree.label(above);
      if (!(l == "xcomp" || l == "conj") || parse.heads[above] == 0) break;
      above = parse.heads[above] - 1;
      if (tree.label(p) == "xcomp" && IntentionWord(cw[above]))
        claim.modality = Modality::kIntention;
      subject = tree.Child(above, "nsubj");
    }
    if (tree.label(p) == "xcomp" && parse.heads[p] > 0 && IntentionWord(cw[parse.heads[p] - 1]))
      claim.modality = Modality::kIntention;
    const auto read_modal = [&](uint32_t v) {
      for (uint32_t c : tree.children[v]) {
        const std::string& w = tree.lower[c];
        const std::string_view l = tree.label(c);
        if (l == "aux" || l == "aux:pass") {
          if (In(w, {"will", "shall", "would", "'ll", "wo"}))
            claim.modality = Modality::kFuture;
          else if (In(w, {"should", "must", "ought"}))
            claim.modality = Modality::kObligation;
          else if (In(w, {"can", "could", "may", "might", "ca"}))
            claim.modality = Modality::kPossible;
        }
        if ((l == "advmod" || l == "aux" || l == "det" || l == "cc:preconj") &&
            In(w, {"not", "n't", "n’t", "never", "no", "neither", "nor"}))
          claim.negated = true;
      }
    };
    read_modal(p);
    if (above != p) read_modal(above);
    if (head != p) read_modal(head);

    const auto cut_clause = [&](uint32_t c) {
      // A coordinated predicate and its conjunction are a claim of their own.
      return (tree.label(c) == "conj" && predicate[c]) || tree.label(c) == "punct";
    };
    const auto add_argument = [&](uint32_t a, ArgumentRole role, std::string preposition) {
      ClaimArgument arg;
      arg.role = role;
      arg.preposition = std::move(preposition);
      arg.head = cw[a];
      std::vector<uint32_t> under;
      tree.Subtree(
          a, [&](uint32_t c) { return predicate[c] && tree.label(c) != "xcomp"; }, &under);
      std::sort(under.begin(), under.end());
      for (uint32_t u : under)
        if (u != a && content(u)) arg.modifiers.push_back(cw[u]);
      // "no" on an argument negates the claim ("no country can").
      for (uint32_t c : tree.children[a])
        if (tree.lower[c] == "no" && tree.label(c) == "det") claim.negated = true;
      claim.arguments.push_back(std::move(arg));
    };
    if (subject) add_argument(*subject, ArgumentRole::kSubject, "");
    const auto case_of = [&](uint32_t n) -> std::string {
      for (uint32_t c : tree.children[n])
        if (tree.label(c) == "case") return tree.lower[c];
      return "";
    };
    const auto read_arguments = [&](uint32_t v) {
      for (uint32_t c : tree.children[v]) {
        const std::string_view l = tree.label(c);
        if (c == head && head != p) continue;
        if (l == "nsubj:pass") {
          add_argument(c, ArgumentRole::kObject, "");
        } else if (l == "obj" || l == "iobj") {
          add_argument(c, l == "obj" ? ArgumentRole::kObject : ArgumentRole::kTo, "");
        } else if (l == "obl:agent") {
          add_argument(c, ArgumentRole::kSubject, case_of(c));
        } else if (l == "obl" || l.starts_with("obl:") || l == "nmod" ||
                   (l == "xcomp" && !predicate[c])) {
          const std::string prep = case_of(c);
          add_argument(c, RoleOf(prep), prep);
        } else if (l == "nmod:poss") {
          add_argument(c, ArgumentRole::kSubject, "");
        }
      }
    };
    read_arguments(p);
    if (head != p) read_arguments(head);

    // The claim's words: the predicate's subtree (p's, which holds the head), minus other
    // coordinated claims; the subject when inherited from above.
    std::vector<uint32_t> span;
    tree.Subtree(p, cut_clause, &span);
    if (subject && std::find(span.begin(), span.end(), *subject) == span.end())
      tree.Subtree(*subject, cut_clause, &span);
    std::sort(span.begin(), span.end());
    for (uint32_t i : span)
      if (content(i) && !(i == p && head != p)) claim.words.push_back(cw[i]);
    for (const Figure& f : out.figures)
      if (std::binary_search(span.begin(), span.end(), f.index)) claim.figures.push_back(f);
    out.claims.push_back(std::move(claim));
  }
  const bool had_claims = !out.claims.empty();
  // A courtesy addressed to "you" (or to no one) is no claim.
  std::erase_if(out.claims, [](const Claim& c) {
    return Courtesy(c.predicate) &&
           std::all_of(c.arguments.begin(), c.arguments.end(), [](const ClaimArgument& a) {
             return a.head.upos == "PRON" || a.head.upos == "PROPN";
           });
  });
  if (!had_claims) {
    // The parser sometimes reads a sentence's verb as an adjective ("The two ministers
    // exchanged/amod gifts"): the first verb so read is the predicate, the words it hangs
    // under before it the subject, after it the object.
    for (uint32_t v = 0; v < words.size(); ++v) {
      if (tree.upos(v) != "VERB" || tree.label(v) != "amod") continue;
      Claim claim;
      claim.predicate = cw[v];
      std::optional<uint32_t> subject, object;
      for (int32_t h = parse.heads[v]; h > 0; h = parse.heads[h - 1]) {
        const uint32_t a = static_cast<uint32_t>(h - 1);
        if (a > v && !object) object = a;
        if (a < v && !subject) subject = a;
      }
      const auto add = [&](uint32_t a, ArgumentRole role) {
        ClaimArgument arg;
        arg.role = role;
        arg.head = cw[a];
        for (uint32_t c : tree.children[a])
          if (c != v && content(c) && c != subject && c != object) arg.modifiers.push_back(cw[c]);
        claim.arguments.push_back(std::move(arg));
      };
      if (subject) add(*subject, ArgumentRole::kSubject);
      if (object) add(*object, ArgumentRole::kObject);
      for (uint32_t i = 0; i < words.size(); ++i)
        if (content(i)) claim.words.push_back(cw[i]);
      claim.figures = out.figures;
      out.claims.push_back(std::move(claim));
      break;
    }
  }
  if (out.claims.empty()) out.no_claim_reason = had_claims ? "courtesy" : "no predicate";
  out.words = std::move(cw);
  return out;
}

}  // namespace refrain
