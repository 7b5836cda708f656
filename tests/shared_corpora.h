// The corpora in ../shared/corpora beside the repository, for the tests that read them.
#ifndef REFRAIN_TESTS_SHARED_CORPORA_H_
#define REFRAIN_TESTS_SHARED_CORPORA_H_

#include <cstdlib>
#include <filesystem>
#include <string>

namespace refrain::testing {

// ../shared/corpora/NAME; exits 77 (CTest: skipped) when it is absent.
inline std::filesystem::path Corpora(const std::string& name) {
  std::filesystem::path root =
      std::filesystem::path(REFRAIN_SOURCE_DIR).parent_path() / "shared" / "corpora" / name;
  if (!std::filesystem::exists(root)) std::exit(77);
  return root;
}

}  // namespace refrain::testing

#endif  // REFRAIN_TESTS_SHARED_CORPORA_H_
