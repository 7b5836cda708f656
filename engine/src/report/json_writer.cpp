#include "report/json_writer.h"

#include <fmt/format.h>
#include <unicode/utf8.h>

#include <nlohmann/json.hpp>

namespace refrain {
namespace {

// The stream gets the buffer once it holds this much.
constexpr size_t kFlushBytes = 64 * 1024;

bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c >= 0x80; }

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  const char* data = text.data();
  const int32_t size = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < size) {
    int32_t run = i;
    while (run < size && !NeedsEscape(static_cast<unsigned char>(data[run]))) ++run;
    out.append(data + i, data + run);
    if (run == size) break;
    i = run;
    const unsigned char c = static_cast<unsigned char>(data[i]);
    if (c >= 0x80) {
      int32_t start = i;
      UChar32 code_point;
      U8_NEXT(data, i, size, code_point);
      if (code_point < 0)
        out += "\xEF\xBF\xBD";  // U+FFFD for the ill-formed sequence, as nlohmann's "replace"
      else
        out.append(data + start, data + i);
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    }
  }
  out += '"';
}

JsonWriter::JsonWriter(std::ostream& out, Style style) : out_(out), style_(style) {
  buffer_.reserve(kFlushBytes + 4096);
}

JsonWriter::~JsonWriter() { (void)Flush(); }

void JsonWriter::Indent(size_t depth) { buffer_.append(2 * depth, ' '); }

void JsonWriter::BeforeItem() {
  Level& level = levels_.back();
  if (style_ == Style::kIndented) {
    buffer_ += level.items == 0 ? "\n" : ",\n";
    Indent(levels_.size());
  } else if (level.element_per_line) {
    buffer_ += level.items == 0 ? "\n" : ",\n";
  } else if (level.items > 0) {
    buffer_ += ", ";
  }
  ++level.items;
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!levels_.empty()) BeforeItem();  // an array element (a member has had its Key)
}

void JsonWriter::MaybeFlush() {
  if (buffer_.size() >= kFlushBytes) (void)Flush();
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeItem();
  AppendJsonString(buffer_, key);
  buffer_ += ": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  buffer_ += '{';
  levels_.push_back({true, false, 0});
  return *this;
}

JsonWriter& JsonWriter::BeginArray(bool element_per_line) {
  BeforeValue();
  buffer_ += '[';
  levels_.push_back({false, element_per_line && style_ == Style::kOneLine, 0});
  return *this;
}

void JsonWriter::End(char close) {
  const Level level = levels_.back();
  levels_.pop_back();
  if (level.items > 0 && style_ == Style::kIndented) {
    buffer_ += '\n';
    Indent(levels_.size());
  } else if (level.element_per_line) {
    buffer_ += '\n';
  }
  buffer_ += close;
  MaybeFlush();
}

JsonWriter& JsonWriter::EndObject() {
  End('}');
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  End(']');
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendJsonString(buffer_, value);
  MaybeFlush();
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  buffer_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  BeforeValue();
  fmt::format_to(std::back_inserter(buffer_), "{}", value);
  return *this;
}

JsonWriter& JsonWriter::Uint(uint64_t value) {
  BeforeValue();
  fmt::format_to(std::back_inserter(buffer_), "{}", value);
  return *this;
}

JsonWriter& JsonWriter::Double(double value) {
  // nlohmann's Grisu2 digits are not always fmt's shortest ones; it writes the numbers
  // every JSON output had before this writer, so it keeps writing them.
  BeforeValue();
  buffer_ += nlohmann::json(value).dump();
  return *this;
}

JsonWriter& JsonWriter::Number(std::string_view literal) {
  BeforeValue();
  buffer_ += literal;
  return *this;
}

JsonWriter& JsonWriter::StringArray(std::span<const std::string> values) {
  BeginArray();
  for (const std::string& v : values) String(v);
  return EndArray();
}

Status JsonWriter::Flush() {
  if (!buffer_.empty()) {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }
  if (!out_) return Status::IoError("cannot write the output");
  return Status::Ok();
}

Status JsonWriter::Finish() {
  buffer_ += '\n';
  REFRAIN_RETURN_IF_ERROR(Flush());
  out_.flush();
  if (!out_) return Status::IoError("cannot write the output");
  return Status::Ok();
}

}  // namespace refrain
