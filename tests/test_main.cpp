// The one Catch2 main shared by every test executable. A CTest entry that runs only the
// cases needing ../shared/corpora (tests/CMakeLists.txt, `X_shared`) sets
// REFRAIN_NEEDS_SHARED: without that folder it is skipped (exit 77) before any case runs, so
// a skip never hides a failed case; with it, a missing corpus fails the case that needs it.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

int main(int argc, char** argv) {
  const std::filesystem::path shared =
      std::filesystem::path(REFRAIN_SOURCE_DIR).parent_path() / "shared" / "corpora";
  if (std::getenv("REFRAIN_NEEDS_SHARED") && !std::filesystem::exists(shared)) {
    std::cout << shared.string() << " is absent: skipped\n";
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
