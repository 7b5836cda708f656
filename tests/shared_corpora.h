// The corpora in ../shared/corpora beside the repository, for the tests that read them.
#ifndef REFRAIN_TESTS_SHARED_CORPORA_H_
#define REFRAIN_TESTS_SHARED_CORPORA_H_

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace refrain::testing {

// ../shared/corpora/NAME, for a case tagged [shared]: CTest runs those as their own entry
// (X_shared), which the test main skips (77) before any case when ../shared/corpora is absent.
// Once it is there, a missing corpus is a failure, never a skip.
inline std::filesystem::path Corpora(const std::string& name) {
  std::filesystem::path root =
      std::filesystem::path(REFRAIN_SOURCE_DIR).parent_path() / "shared" / "corpora" / name;
  INFO(root.string() << ": ../shared/corpora is there, so this corpus must be too");
  REQUIRE(std::filesystem::exists(root));
  return root;
}

}  // namespace refrain::testing

#endif  // REFRAIN_TESTS_SHARED_CORPORA_H_
