// Loads a corpus and prints its talking points: events, first and last date, and the core
// phrasing of each. Build it against an installed refrain (examples/CMakeLists.txt).
#include "refrain/talking_points.h"

#include <iostream>

#include "refrain/corpus.h"
#include "refrain/matcher.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: talking_points CORPUS...\n";
    return 2;
  }
  refrain::Result<refrain::Corpus> corpus =
      refrain::LoadCorpus({argv + 1, argv + argc}, refrain::CorpusOptions{});
  if (!corpus.ok()) {
    std::cerr << corpus.status().message() << "\n";
    return 1;
  }
  refrain::Result<refrain::Matcher> matcher = refrain::Matcher::Build(*corpus, {});
  if (!matcher.ok()) return std::cerr << matcher.status().message() << "\n", 1;
  auto points = refrain::FindTalkingPoints(*corpus, *matcher, {});
  if (!points.ok()) return std::cerr << points.status().message() << "\n", 1;
  for (const refrain::TalkingPoint& point : points->points)
    std::cout << point.events << " events, " << point.first.ToString() << " to "
              << point.last.ToString() << ": " << refrain::PointLabel(point) << "\n";
}
