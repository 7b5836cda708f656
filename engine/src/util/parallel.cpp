#include "util/parallel.h"

#include <algorithm>
#include <system_error>
#include <utility>

namespace refrain::parallel {

size_t Workers(int threads, size_t n) {
  size_t w = threads > 0 ? static_cast<size_t>(threads) : std::thread::hardware_concurrency();
  return std::clamp<size_t>(w, 1, std::max<size_t>(n, 1));
}

BackgroundWorkers::BackgroundWorkers(size_t count, std::function<void(size_t)> fn)
    : fn_(std::move(fn)) {
  threads_.reserve(count);
  try {
    for (size_t w = 0; w < count; ++w) threads_.emplace_back([this, w] { fn_(w); });
  } catch (const std::system_error&) {
  }
}

void BackgroundWorkers::Join() {
  for (std::thread& t : threads_)
    if (t.joinable()) t.join();
}

}  // namespace refrain::parallel
