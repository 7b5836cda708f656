#include "stock_phrasing.h"

#include <algorithm>
#include <utility>

namespace refrain::internal {

Placement Place(const Corpus& corpus) {
  Placement place;
  place.index.resize(corpus.statements.size());
  place.count.assign(corpus.documents.size(), 0);
  for (size_t s = 0; s < corpus.statements.size(); ++s)
    place.index[s] = place.count[corpus.statements[s].doc]++;
  return place;
}

bool IsStock(const Corpus& corpus, std::span<const uint32_t> source_of_doc,
             std::span<const size_t> source_size, const Placement& place,
             const TalkingPointsOptions& options, TalkingPoint* point) {
  const size_t edge = options.stock_edge_statements;
  size_t at_start = 0, at_end = 0, at_edge = 0;
  std::vector<std::pair<uint32_t, uint32_t>> source_docs;  // (source, doc), at either end
  for (const PointVariant& v : point->variants) {
    const uint32_t i = place.index[v.unit.statement], n = place.count[v.unit.doc];
    const bool start = i < edge, end = i + edge >= n;
    at_start += start;
    at_end += end;
    at_edge += start || end;
    if (start || end) source_docs.emplace_back(source_of_doc[v.unit.doc], v.unit.doc);
  }
  const double variants = static_cast<double>(point->variants.size());
  if (point->documents >= options.stock_min_docs &&
      static_cast<double>(at_edge) >= options.stock_edge_share * variants) {
    point->stock_reason = at_start >= at_end ? "start" : "end";
    return true;
  }
  std::sort(source_docs.begin(), source_docs.end());
  source_docs.erase(std::unique(source_docs.begin(), source_docs.end()), source_docs.end());
  double best_share = -1;
  for (size_t i = 0; i < source_docs.size();) {
    size_t j = i;
    while (j < source_docs.size() && source_docs[j].first == source_docs[i].first) ++j;
    uint32_t source = source_docs[i].first;
    size_t carrying = j - i;
    double share = static_cast<double>(carrying) / source_size[source];
    if (source_size[source] >= options.stock_min_docs && share >= options.stock_min_share &&
        share > best_share) {
      best_share = share;
      point->stock_reason = "source";
      point->source = corpus.documents[source_docs[i].second].source;
      point->source_documents = source_size[source];
      point->source_carrying = carrying;
    }
    i = j;
  }
  return best_share >= 0;
}

}  // namespace refrain::internal
