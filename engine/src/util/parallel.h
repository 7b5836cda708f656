// Internal to the engine: the one way stages run work on several threads. Every loop
// hands out items in index order and each item writes only its own results, so what a
// stage computes never depends on how many threads ran it.
#ifndef REFRAIN_SRC_UTIL_PARALLEL_H_
#define REFRAIN_SRC_UTIL_PARALLEL_H_

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace refrain::parallel {

// How many workers to use for `n` items when `threads` are asked for (0 = one per core):
// at least 1, at most max(n, 1).
size_t Workers(int threads, size_t n);

// Threads that run fn(worker) for every worker in [0, count) in the background while the
// calling thread does something else (writes what they produce); Join or the destructor
// waits for them. A thread the system refuses (std::system_error) is not started:
// started() says how many were, and no exception leaves the constructor. An exception that
// leaves fn on a worker (std::bad_alloc above all) is kept, not std::terminate: Join throws
// the first one on the calling thread once every worker has finished (the destructor, which
// cannot throw, drops it: call Join to see it).
// Thread safety: fn runs on several threads at once; neither copyable nor movable.
class BackgroundWorkers {
 public:
  BackgroundWorkers(size_t count, std::function<void(size_t)> fn);
  ~BackgroundWorkers() { JoinThreads(); }
  BackgroundWorkers(const BackgroundWorkers&) = delete;
  BackgroundWorkers& operator=(const BackgroundWorkers&) = delete;

  // Workers [0, started()) run on threads of their own; the others did not start.
  size_t started() const { return threads_.size(); }
  // Waits for every worker, then throws the first exception one of them threw (once).
  void Join();

 private:
  void JoinThreads();
  std::function<void(size_t)> fn_;
  std::vector<std::thread> threads_;
  std::mutex error_mutex_;
  std::exception_ptr error_;  // the first exception a worker threw, until Join throws it
};

// Runs fn(worker) once for every worker in [0, workers): worker 0 on the calling thread,
// the others on threads of their own, all finished when it returns. A worker whose thread
// the system refuses runs on the calling thread after worker 0: slower, same result. An
// exception thrown by fn on any worker leaves RunWorkers on the calling thread (the first one).
template <typename Fn>
void RunWorkers(size_t workers, Fn&& fn) {
  if (workers == 0) return;
  if (workers == 1) {
    fn(size_t{0});
    return;
  }
  BackgroundWorkers others(workers - 1, [&fn](size_t w) { fn(w + 1); });
  fn(size_t{0});
  for (size_t w = others.started() + 1; w < workers; ++w) fn(w);
  others.Join();
}

// Calls fn(item, worker) for every item in [0, n) on Workers(threads, n) workers (worker
// in [0, Workers(threads, n))). Items are handed out in index order; fn must write only to
// item `item`'s own results (or to scratch of its `worker`), so the output does not depend
// on the number of threads.
template <typename Fn>
void For(size_t n, int threads, Fn&& fn) {
  const size_t workers = Workers(threads, n);
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i, size_t{0});
    return;
  }
  std::atomic<size_t> next{0};
  RunWorkers(workers, [&](size_t w) {
    for (size_t i = next++; i < n; i = next++) fn(i, w);
  });
}

}  // namespace refrain::parallel

#endif  // REFRAIN_SRC_UTIL_PARALLEL_H_
