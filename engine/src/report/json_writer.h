// A JSON document written to a stream while it is produced, never held whole: the report
// writers' one way to JSON. Its layout is nlohmann::json's (dump(2) for kIndented), so that
// what the writers printed before it existed stays byte for byte the same.
#ifndef REFRAIN_REPORT_JSON_WRITER_H_
#define REFRAIN_REPORT_JSON_WRITER_H_

#include <concepts>
#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/status.h"

namespace refrain {

// Writes one JSON value (usually an object) to `out`, buffered (the stream sees a write per
// 64 KiB). Strings are escaped as JSON requires; bytes that are not UTF-8 are written as
// U+FFFD, so the output is always valid UTF-8. Keys are written in the order given: the
// caller sorts them where the output must match nlohmann::json's sorted objects.
// Requires: calls nest properly (a Key before each member value, every Begin ended);
// `out` outlives the writer. Not thread-safe.
class JsonWriter {
 public:
  enum class Style {
    kIndented,  // two spaces per level, a member or element per line (nlohmann dump(2))
    kOneLine,   // one line, ", " and ": " between items
  };
  explicit JsonWriter(std::ostream& out, Style style = Style::kIndented);
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  ~JsonWriter();  // flushes what is buffered

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  // `element_per_line`: in kOneLine style, each element starts a line of its own and the
  // closing bracket too (a stream of millions of pairs stays readable with `head`).
  JsonWriter& BeginArray(bool element_per_line = false);
  JsonWriter& EndArray();
  // The key of the next member of the current object.
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view value);
  JsonWriter& Bool(bool value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  // The shortest form that reads back the same value, as nlohmann::json writes it ("0.5",
  // "1.0", "1e-05"); NaN and infinities as null.
  JsonWriter& Double(double value);
  // A number already formatted (fmt's "{:.6f}" of a score). Requires: a valid JSON number.
  JsonWriter& Number(std::string_view literal);
  JsonWriter& StringArray(std::span<const std::string> values);

  // The value overloads by type, for Field.
  JsonWriter& Value(std::string_view value) { return String(value); }
  JsonWriter& Value(const char* value) { return String(value); }
  JsonWriter& Value(const std::string& value) { return String(value); }
  JsonWriter& Value(bool value) { return Bool(value); }
  JsonWriter& Value(double value) { return Double(value); }
  JsonWriter& Value(std::span<const std::string> values) { return StringArray(values); }
  JsonWriter& Value(const std::vector<std::string>& values) { return StringArray(values); }
  template <std::integral T>
  requires(!std::same_as<T, bool>) JsonWriter& Value(T value) {
    if constexpr (std::is_signed_v<T>) return Int(value);
    return Uint(value);
  }
  // Key(key) then Value(value).
  template <typename T>
  JsonWriter& Field(std::string_view key, const T& value) {
    Key(key);
    return Value(value);
  }

  // Hands what is buffered to the stream. An error when the stream has failed.
  Status Flush();
  // After the top-level value: a final line break, then Flush.
  Status Finish();

 private:
  struct Level {
    bool object = false;
    bool element_per_line = false;
    uint64_t items = 0;
  };
  void BeforeItem();  // the separator and indentation before a member or element
  void BeforeValue();
  void End(char close);
  void Indent(size_t depth);
  void MaybeFlush();

  std::ostream& out_;
  Style style_;
  std::vector<Level> levels_;
  bool after_key_ = false;
  std::string buffer_;
};

// Appends `text` to `out` as a JSON string, quotes included (see JsonWriter for the rules).
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace refrain

#endif  // REFRAIN_REPORT_JSON_WRITER_H_
