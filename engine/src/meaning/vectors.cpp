#include "meaning/vectors.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace refrain::meaning {
namespace {

constexpr char kMagic[8] = {'R', 'F', 'R', 'N', 'V', 'E', 'C', '\0'};
constexpr size_t kHeaderSize = 64;

// The file is little-endian; so is every machine refrain builds for (x86-64, arm64), and memcpy
// keeps unaligned reads defined.
template <typename T>
T Load(const unsigned char* at) {
  T value;
  std::memcpy(&value, at, sizeof value);
  return value;
}

Status Corrupt(const std::string& path, std::string_view why) {
  return Status::BadInput(fmt::format(
      "{}: not a word vectors file of format version {} ({}); rebuild it with scripts/install-deps",
      path, WordVectors::kFormatVersion, why));
}

}  // namespace

Result<WordVectors> WordVectors::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::IoError(fmt::format(
        "{}: cannot open the GloVe word vectors ({}); scripts/install-deps fetches and converts "
        "them",
        path, std::strerror(errno)));
  }
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    int error = errno;
    ::close(fd);
    return Status::IoError(fmt::format("{}: {}", path, std::strerror(error)));
  }
  size_t bytes = static_cast<size_t>(info.st_size);
  if (bytes < kHeaderSize) {
    ::close(fd);
    return Corrupt(path, fmt::format("{} bytes, shorter than the header", bytes));
  }
  void* map = ::mmap(nullptr, bytes, PROT_READ, MAP_SHARED, fd, 0);
  int error = errno;
  ::close(fd);  // the mapping stays valid
  if (map == MAP_FAILED) {
    return Status::IoError(fmt::format("{}: cannot map it: {}", path, std::strerror(error)));
  }
  // Lookups jump around the file: no read-ahead, so that a run holds only the pages it used.
  ::madvise(map, bytes, MADV_RANDOM);
  WordVectors vectors;
  vectors.path_ = path;
  vectors.data_ = static_cast<const unsigned char*>(map);
  vectors.bytes_ = bytes;
  const unsigned char* h = vectors.data_;
  if (std::memcmp(h, kMagic, sizeof kMagic) != 0) return Corrupt(path, "no RFRNVEC magic");
  uint32_t version = Load<uint32_t>(h + 8);
  if (version != kFormatVersion) return Corrupt(path, fmt::format("version {}", version));
  vectors.dimensions_ = Load<uint32_t>(h + 12);
  vectors.count_ = Load<uint32_t>(h + 16);
  vectors.record_size_ = Load<uint32_t>(h + 20);
  uint64_t records_at = Load<uint64_t>(h + 24), index_at = Load<uint64_t>(h + 32),
           pool_at = Load<uint64_t>(h + 40), total = Load<uint64_t>(h + 56);
  vectors.pool_size_ = Load<uint64_t>(h + 48);
  uint64_t count = vectors.count_;
  if (vectors.dimensions_ == 0 || vectors.dimensions_ > 4096 ||
      vectors.record_size_ < 4 + vectors.dimensions_ || vectors.record_size_ % 4 != 0) {
    return Corrupt(path, fmt::format("{} dimensions in records of {} bytes", vectors.dimensions_,
                                     vectors.record_size_));
  }
  if (total != bytes || records_at != kHeaderSize ||
      index_at != records_at + count * vectors.record_size_ || pool_at != index_at + count * 4 ||
      pool_at + vectors.pool_size_ != total || count == 0) {
    return Corrupt(path,
                   fmt::format("its sections do not add up to its {} bytes (truncated?)", bytes));
  }
  vectors.records_ = h + records_at;
  vectors.index_ = h + index_at;
  vectors.pool_ = reinterpret_cast<const char*>(h + pool_at);
  if (vectors.pool_[vectors.pool_size_ - 1] != '\0') return Corrupt(path, "unterminated words");
  return vectors;
}

WordVectors::WordVectors(WordVectors&& other) noexcept { *this = std::move(other); }

WordVectors& WordVectors::operator=(WordVectors&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) ::munmap(const_cast<unsigned char*>(data_), bytes_);
    path_ = std::move(other.path_);
    data_ = std::exchange(other.data_, nullptr);
    bytes_ = std::exchange(other.bytes_, 0);
    dimensions_ = other.dimensions_;
    count_ = other.count_;
    record_size_ = other.record_size_;
    records_ = other.records_;
    index_ = other.index_;
    pool_ = other.pool_;
    pool_size_ = other.pool_size_;
  }
  return *this;
}

WordVectors::~WordVectors() {
  if (data_ != nullptr) ::munmap(const_cast<unsigned char*>(data_), bytes_);
}

// A word's bytes up to its NUL. An offset out of the pool (a corrupt index) reads as "", so a
// damaged file finds fewer words but never reads outside the mapping.
std::string_view WordVectors::WordAt(uint32_t i) const {
  uint32_t offset = Load<uint32_t>(index_ + size_t{i} * 4);
  if (offset >= pool_size_) return {};
  const char* start = pool_ + offset;
  return {start, ::strnlen(start, pool_size_ - offset)};
}

int32_t WordVectors::Find(std::string_view word) const {
  uint32_t low = 0, high = count_;
  while (low < high) {
    uint32_t middle = low + (high - low) / 2;
    int order = WordAt(middle).compare(word);
    if (order == 0) return static_cast<int32_t>(middle);
    if (order < 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return kNoWord;
}

double WordVectors::Cosine(int32_t a, int32_t b) const {
  const unsigned char* ra = records_ + size_t(a) * record_size_;
  const unsigned char* rb = records_ + size_t(b) * record_size_;
  const auto* qa = reinterpret_cast<const int8_t*>(ra + 4);
  const auto* qb = reinterpret_cast<const int8_t*>(rb + 4);
  int32_t dot = 0;
  for (uint32_t d = 0; d < dimensions_; ++d) dot += int32_t{qa[d]} * qb[d];
  // Quantising can put a word's cosine with itself a little above 1.
  return std::clamp(double{Load<float>(ra)} * Load<float>(rb) * dot, -1.0, 1.0);
}

}  // namespace refrain::meaning
