// The one way stages run work on threads (engine/src/util/parallel.h): an exception on a
// worker thread (std::bad_alloc on degenerate input above all) reaches the calling thread,
// where the command turns it into "refrain: out of memory" and exit 1, instead of
// std::terminate aborting the process (exit 134).
#include "util/parallel.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <new>
#include <stdexcept>
#include <vector>

namespace refrain::parallel {
namespace {

TEST_CASE("BackgroundWorkers: a worker's exception is thrown by Join, once", "[parallel]") {
  std::atomic<int> ran{0};
  BackgroundWorkers workers(3, [&](size_t w) {
    ++ran;
    if (w == 1) throw std::bad_alloc();
  });
  REQUIRE(workers.started() == 3);
  CHECK_THROWS_AS(workers.Join(), std::bad_alloc);
  CHECK(ran == 3);  // the others still ran to the end
  CHECK_NOTHROW(workers.Join());
}

TEST_CASE("BackgroundWorkers: no exception, Join returns", "[parallel]") {
  std::vector<int> done(4, 0);
  BackgroundWorkers workers(4, [&](size_t w) { done[w] = 1; });
  CHECK_NOTHROW(workers.Join());
  CHECK(done == std::vector<int>{1, 1, 1, 1});
}

TEST_CASE("RunWorkers and For: an exception on any worker leaves on the calling thread",
          "[parallel]") {
  SECTION("RunWorkers, thrown on a background worker") {
    CHECK_THROWS_AS(RunWorkers(3,
                               [](size_t w) {
                                 if (w == 2) throw std::bad_alloc();
                               }),
                    std::bad_alloc);
  }
  SECTION("For, thrown by the last item, whichever worker takes it") {
    std::atomic<size_t> items{0};
    CHECK_THROWS_AS(For(64, 2,
                        [&](size_t item, size_t) {
                          ++items;
                          if (item == 63) throw std::runtime_error("item 63");
                        }),
                    std::runtime_error);
    CHECK(items == 64);
  }
}

}  // namespace
}  // namespace refrain::parallel
