// The state of an open Index, shared by index.cpp (Build, Open, Add) and match.cpp (Match).
#ifndef REFRAIN_INDEX_INDEX_IMPL_H_
#define REFRAIN_INDEX_INDEX_IMPL_H_

#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "index/index_internal.h"
#include "index/sqlite.h"
#include "refrain/index.h"
#include "refrain/version.h"

namespace refrain {

struct Index::Impl {
  index_internal::Database db;
  std::filesystem::path file;
  std::filesystem::path root;
  bool clauses = true;
  double threshold = MatchOptions{}.threshold;
  double mismatch_factor = MatchOptions{}.object_mismatch_factor;
  int min_events = TalkingPointsOptions{}.min_events;
  int min_words = TalkingPointsOptions{}.min_words;
  bool include_questions = false;
  // The TalkingPointsOptions the stored points were found with (JSON: claims, verify, ...).
  std::string points_settings = "{}";
  AliasTable aliases;
  size_t documents = 0, statements = 0, units = 0;

  Result<std::string> Meta(std::string_view key) {
    Result<index_internal::Query> q = db.Prepare("SELECT value FROM meta WHERE key = ?");
    if (!q.ok()) return q.status();
    q->Bind(1, key);
    if (!q->Step()) {
      if (!q->status().ok()) return q->status();
      return Status::BadInput(
          fmt::format("{}: not a complete refrain index (no '{}')", file.string(), key));
    }
    return q->Text(0);
  }
  Status SetMeta(std::string_view key, std::string_view value) {
    Result<index_internal::Query> q =
        db.Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
    if (!q.ok()) return q.status();
    q->Bind(1, key);
    q->Bind(2, value);
    return q->Run();
  }
  Status SaveCounts() {
    REFRAIN_RETURN_IF_ERROR(SetMeta("documents", std::to_string(documents)));
    REFRAIN_RETURN_IF_ERROR(SetMeta("statements", std::to_string(statements)));
    return SetMeta("units", std::to_string(units));
  }
  Status SaveSettings() {
    REFRAIN_RETURN_IF_ERROR(SetMeta("refrain_version", kVersion));
    REFRAIN_RETURN_IF_ERROR(SetMeta("root", root.string()));
    REFRAIN_RETURN_IF_ERROR(SetMeta("clauses", clauses ? "1" : "0"));
    REFRAIN_RETURN_IF_ERROR(SetMeta("threshold", fmt::format("{}", threshold)));
    REFRAIN_RETURN_IF_ERROR(SetMeta("object_mismatch_factor", fmt::format("{}", mismatch_factor)));
    REFRAIN_RETURN_IF_ERROR(SetMeta("min_events", std::to_string(min_events)));
    REFRAIN_RETURN_IF_ERROR(SetMeta("min_words", std::to_string(min_words)));
    REFRAIN_RETURN_IF_ERROR(SetMeta("include_questions", include_questions ? "1" : "0"));
    REFRAIN_RETURN_IF_ERROR(SetMeta("points", points_settings));
    return SetMeta("aliases", nlohmann::json(aliases.Groups()).dump());
  }
  // The matcher's way of turning a unit into terms, with the stored alias table.
  Result<index_internal::UnitTerms> Terms() const {
    Result<Tokenizer> tokenizer = Tokenizer::Create(UnitVectorizerOptions({}).tokenizer);
    if (!tokenizer.ok()) return tokenizer.status();
    return index_internal::UnitTerms(aliases, std::move(*tokenizer));
  }
  // Writes the documents of `corpus` with their statements and `units` (CutUnits of it),
  // their term counts (`terms`, one per unit) and postings; a path already there is replaced
  // or, with the same bytes, kept. `unit_ids`, when given, gets each written unit's id (0 for
  // units of documents kept). Runs inside the caller's transaction.
  Status Write(const Corpus& corpus, const std::vector<Unit>& units,
               const std::vector<std::vector<std::pair<std::string, uint32_t>>>& terms,
               const std::set<std::string>& proper_nouns, index_internal::Vocabulary& vocabulary,
               IndexUpdate* update, std::vector<int64_t>* unit_ids, std::vector<int64_t>* doc_ids);
  // Removes document `id` and what hangs on it, taking its units out of the term counts and
  // out of the points (a point whose core goes goes with it).
  Status Remove(int64_t id, index_internal::Vocabulary& vocabulary);
  // Joins the units `unit_ids` of one added document (`doc_id`; units[i] of `corpus`) to the
  // stored points, or makes a new point of a unit and the unassigned units it matches.
  Status Assign(const Corpus& corpus, const std::vector<Unit>& units,
                const std::vector<index_internal::TermCounts>& terms,
                const std::vector<int64_t>& unit_ids, const std::vector<int64_t>& doc_ids,
                index_internal::Vocabulary& vocabulary);
  Status Load();
};

}  // namespace refrain

#endif  // REFRAIN_INDEX_INDEX_IMPL_H_
