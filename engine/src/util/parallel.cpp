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
    for (size_t w = 0; w < count; ++w)
      threads_.emplace_back([this, w] {
        try {
          fn_(w);
        } catch (...) {
          std::lock_guard lock(error_mutex_);
          if (!error_) error_ = std::current_exception();
        }
      });
  } catch (const std::system_error&) {
  }
}

void BackgroundWorkers::JoinThreads() {
  for (std::thread& t : threads_)
    if (t.joinable()) t.join();
}

void BackgroundWorkers::Join() {
  JoinThreads();
  // Every worker has finished: no lock needed.
  if (std::exception_ptr error = std::exchange(error_, nullptr)) std::rethrow_exception(error);
}

}  // namespace refrain::parallel
