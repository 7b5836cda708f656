// GloVe word vectors in the memory-mapped file scripts/convert-vectors writes (its docstring
// has the layout, format version 1): unit vectors quantised to int8 with a scale per word, the
// words sorted for binary search. Mapping reads nothing; each lookup touches a few pages.
#ifndef REFRAIN_MEANING_VECTORS_H_
#define REFRAIN_MEANING_VECTORS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "refrain/status.h"

namespace refrain::meaning {

class WordVectors {
 public:
  static constexpr uint32_t kFormatVersion = 1;
  static constexpr int32_t kNoWord = -1;

  // Maps `path` read-only. Checks the header and that the sizes it gives add up to the file's;
  // anything else is an error naming the file and `scripts/install-deps`.
  static Result<WordVectors> Open(const std::string& path);

  WordVectors(WordVectors&& other) noexcept;
  WordVectors& operator=(WordVectors&& other) noexcept;
  WordVectors(const WordVectors&) = delete;
  WordVectors& operator=(const WordVectors&) = delete;
  ~WordVectors();

  // The index of `word` (exact bytes; the file's words are lower case), or kNoWord.
  int32_t Find(std::string_view word) const;
  // The cosine of two words' unit vectors. Requires: both are indexes Find returned.
  double Cosine(int32_t a, int32_t b) const;
  size_t size() const { return count_; }
  const std::string& path() const { return path_; }

 private:
  WordVectors() = default;
  std::string_view WordAt(uint32_t i) const;

  std::string path_;
  const unsigned char* data_ = nullptr;
  size_t bytes_ = 0;
  uint32_t dimensions_ = 0;
  uint32_t count_ = 0;
  uint32_t record_size_ = 0;
  const unsigned char* records_ = nullptr;
  const unsigned char* index_ = nullptr;
  const char* pool_ = nullptr;
  uint64_t pool_size_ = 0;
};

}  // namespace refrain::meaning

#endif  // REFRAIN_MEANING_VECTORS_H_
