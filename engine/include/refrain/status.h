// Errors that cross the engine's API. No exception leaves the engine: every
// fallible call returns a Status or a Result<T> whose message names the file
// and, where there is one, the line.
#ifndef REFRAIN_STATUS_H_
#define REFRAIN_STATUS_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace refrain {

// [[nodiscard]]: a dropped Status is an error nobody hears of; the compiler warns.
class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kBadInput,  // the corpus or a file in it is unusable (CLI exit 1)
    kBadUsage,  // the caller asked for something that makes no sense (CLI exit 2)
    kIoError,   // a file could not be read or written (CLI exit 1)
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status BadInput(std::string message) { return {Code::kBadInput, std::move(message)}; }
  static Status BadUsage(std::string message) { return {Code::kBadUsage, std::move(message)}; }
  static Status IoError(std::string message) { return {Code::kIoError, std::move(message)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit on purpose
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(data_).ok() && "a Result's error must not be Ok");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  // Requires: !ok().
  const Status& status() const { return std::get<Status>(data_); }
  // Requires: ok().
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace refrain

// Returns early from a function returning Status or Result<T> when `expr` fails.
#define REFRAIN_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::refrain::Status refrain_status_ = (expr);        \
    if (!refrain_status_.ok()) return refrain_status_; \
  } while (0)

#endif  // REFRAIN_STATUS_H_
