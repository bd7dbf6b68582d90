#include "io/csv.hpp"

#include <fmt/format.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

namespace fupin::io {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr size_t kFlushThreshold = 64 * 1024;

const char* FindByte(const char* p, const char* end, char c) {
  return static_cast<const char*>(std::memchr(p, c, static_cast<size_t>(end - p)));
}

// The fast path of CsvReader::Next: splits the physical line that starts at `p` (not
// empty) on commas into `fields` and returns where it ends (its LF, or `end`); a CR
// before the LF is not part of the last field. Returns nullptr, with `fields` partly
// filled, as soon as the line holds a quote: it then needs the general parser. Fields
// are short, so rather than a memchr call per field the line is compared 16 bytes at a
// time (SSE2) with ',', '"' and LF, and the commas are picked out of a bit mask.
const char* SplitLine(const char* p, const char* end, std::vector<std::string_view>* fields) {
  const char* const start = p;
  const char* field = p;
  const char* line_end = nullptr;
#if defined(__SSE2__)
  const __m128i comma_bytes = _mm_set1_epi8(',');
  const __m128i quote_bytes = _mm_set1_epi8('"');
  const __m128i newline_bytes = _mm_set1_epi8('\n');
  for (; line_end == nullptr && end - p >= 16; p += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    auto commas = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, comma_bytes)));
    const auto quotes = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, quote_bytes)));
    const auto newlines = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, newline_bytes)));
    uint32_t in_line = 0xFFFF;  // the bytes before the line's end
    if (newlines != 0) {
      line_end = p + std::countr_zero(newlines);
      in_line = (1U << std::countr_zero(newlines)) - 1;
    }
    if ((quotes & in_line) != 0) return nullptr;
    for (commas &= in_line; commas != 0; commas &= commas - 1) {
      const char* comma = p + std::countr_zero(commas);
      fields->emplace_back(field, static_cast<size_t>(comma - field));
      field = comma + 1;
    }
  }
  if (line_end != nullptr) p = line_end;
#endif
  for (; line_end == nullptr && p < end; ++p) {
    if (*p == '\n') {
      line_end = p;
    } else if (*p == '"') {
      return nullptr;
    } else if (*p == ',') {
      fields->emplace_back(field, static_cast<size_t>(p - field));
      field = p + 1;
    }
  }
  if (line_end == nullptr) line_end = end;
  const char* content_end = line_end;
  if (content_end > start && content_end[-1] == '\r') --content_end;
  fields->emplace_back(field, static_cast<size_t>(content_end - field));
  return line_end;
}

bool NeedsQuotes(std::string_view field) {
  if (field.empty()) return false;
  const char first = field.front();
  const char last = field.back();
  if (first == ' ' || first == '\t' || last == ' ' || last == '\t') return true;
  for (char c : field) {
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
  }
  return false;
}

}  // namespace

// ---------------------------------------------------------------------------------
// CsvReader

CsvReader::CsvReader(std::string_view text, std::string source_name)
    : pos_(text.data()), end_(text.data() + text.size()), source_name_(std::move(source_name)) {
  if (text.starts_with(kUtf8Bom)) pos_ += kUtf8Bom.size();
}

bool CsvReader::Fail(size_t line, std::string zh, std::string en) {
  const std::string zh_where = source_name_.empty() ? fmt::format("第 {} 行", line)
                                                    : fmt::format("文件 {} 第 {} 行", source_name_, line);
  const std::string en_where =
      source_name_.empty() ? fmt::format("line {}", line) : fmt::format("{} line {}", source_name_, line);
  status_ = Status::Invalid("file", "csv.quote", {zh_where + "：" + zh, en_where + ": " + en});
  record_line_ = line;
  pos_ = end_;
  return false;
}

bool CsvReader::Next(std::vector<std::string_view>* fields) {
  fields->clear();
  if (!status_.ok()) return false;

  // Skip completely empty lines.
  const char* p = pos_;
  for (;;) {
    if (p == end_) {
      pos_ = p;
      return false;
    }
    if (*p == '\n') {
      ++p;
      ++next_line_;
    } else if (*p == '\r' && (p + 1 == end_ || p[1] == '\n')) {
      if (p + 1 != end_) ++next_line_;
      p += p + 1 == end_ ? 1 : 2;
    } else {
      break;
    }
  }
  record_line_ = next_line_;

  // Fast path: a physical line without any quote is one record; split it on commas.
  const char* line_end = SplitLine(p, end_, fields);
  if (line_end == nullptr) {
    fields->clear();
    return ParseGeneral(p, fields);
  }
  if (line_end != end_) {
    pos_ = line_end + 1;
    ++next_line_;
  } else {
    pos_ = end_;
  }
  return true;
}

bool CsvReader::ParseGeneral(const char* p, std::vector<std::string_view>* fields) {
  arena_.clear();
  fixups_.clear();
  for (;;) {  // one field per iteration
    if (p < end_ && *p == '"') {
      const size_t open_line = next_line_;
      const char* start = ++p;
      bool escaped = false;
      size_t arena_start = 0;
      for (;;) {
        const char* quote = FindByte(p, end_, '"');
        if (quote == nullptr) {
          return Fail(open_line, "引号未闭合：从这里的 \" 到文件末尾都没有配对的结束引号",
                      "unterminated quoted field: no closing '\"' before the end of the file");
        }
        next_line_ += static_cast<size_t>(std::count(p, quote, '\n'));
        if (quote + 1 < end_ && quote[1] == '"') {  // "" stands for one quote
          if (!escaped) {
            escaped = true;
            arena_start = arena_.size();
            arena_.append(start, static_cast<size_t>(quote + 1 - start));
          } else {
            arena_.append(p, static_cast<size_t>(quote + 1 - p));
          }
          p = quote + 2;
          continue;
        }
        if (escaped) {
          arena_.append(p, static_cast<size_t>(quote - p));
          fixups_.push_back({fields->size(), arena_start, arena_.size() - arena_start});
          fields->emplace_back();
        } else {
          fields->emplace_back(start, static_cast<size_t>(quote - start));
        }
        p = quote + 1;
        break;
      }
      // After the closing quote: a comma, the end of the record, or an error.
      if (p == end_) break;
      if (*p == ',') {
        ++p;
        continue;
      }
      if (*p == '\n') {
        ++p;
        ++next_line_;
        break;
      }
      if (*p == '\r' && (p + 1 == end_ || p[1] == '\n')) {
        if (p + 1 != end_) ++next_line_;
        p += p + 1 == end_ ? 1 : 2;
        break;
      }
      return Fail(next_line_, "结束引号后只能是逗号或换行，请把整个字段放进引号并把其中的 \" 写成 \"\"",
                  "a closing quote must be followed by a comma or a line break; quote the whole field "
                  "and double any '\"' inside it");
    }
    // Unquoted field: up to a comma or the end of the line.
    const char* start = p;
    while (p < end_ && *p != ',' && *p != '\n') ++p;
    if (p < end_ && *p == ',') {
      fields->emplace_back(start, static_cast<size_t>(p - start));
      ++p;
      continue;
    }
    const char* field_end = p;
    if (field_end > start && field_end[-1] == '\r') --field_end;
    fields->emplace_back(start, static_cast<size_t>(field_end - start));
    if (p < end_) {
      ++p;
      ++next_line_;
    }
    break;
  }
  // arena_ has stopped growing: point the escaped fields at it.
  for (const Fixup& fixup : fixups_) {
    (*fields)[fixup.field] = std::string_view(arena_.data() + fixup.offset, fixup.size);
  }
  pos_ = p;
  return true;
}

// ---------------------------------------------------------------------------------
// CsvWriter

CsvWriter::CsvWriter(std::string* out, CsvWriterOptions options) : out_(out), options_(options) {}

CsvWriter::CsvWriter(std::FILE* file, CsvWriterOptions options)
    : out_(&buffer_), file_(file), options_(options) {}

CsvWriter::CsvWriter(std::ostream* stream, CsvWriterOptions options)
    : out_(&buffer_), stream_(stream), options_(options) {}

CsvWriter::~CsvWriter() {
  if (!buffer_.empty()) (void)Flush();
}

void CsvWriter::Start() {
  if (started_) return;
  started_ = true;
  if (options_.bom) out_->append(kUtf8Bom);
}

void CsvWriter::AppendField(std::string_view field) {
  if (!NeedsQuotes(field)) {
    out_->append(field);
    return;
  }
  out_->push_back('"');
  for (;;) {
    const size_t quote = field.find('"');
    if (quote == std::string_view::npos) break;
    out_->append(field.substr(0, quote + 1));
    out_->push_back('"');
    field.remove_prefix(quote + 1);
  }
  out_->append(field);
  out_->push_back('"');
}

Status CsvWriter::WriteRow(std::span<const std::string_view> fields) {
  Start();
  if (fields.size() == 1 && fields[0].empty()) {
    out_->append("\"\"");
  } else {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out_->push_back(',');
      AppendField(fields[i]);
    }
  }
  out_->append(options_.line_ending);
  return MaybeFlush();
}

Status CsvWriter::WriteRow(std::span<const std::string> fields) {
  Start();
  if (fields.size() == 1 && fields[0].empty()) {
    out_->append("\"\"");
  } else {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out_->push_back(',');
      AppendField(fields[i]);
    }
  }
  out_->append(options_.line_ending);
  return MaybeFlush();
}

Status CsvWriter::MaybeFlush() {
  if (buffer_.size() < kFlushThreshold) return Status::Ok();
  return Flush();
}

Status CsvWriter::Flush() {
  if (file_ == nullptr && stream_ == nullptr) return Status::Ok();
  bool ok = true;
  if (file_ != nullptr) {
    ok = std::fwrite(buffer_.data(), 1, buffer_.size(), file_) == buffer_.size();
    ok = std::fflush(file_) == 0 && ok;
  } else {
    stream_->write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    stream_->flush();
    ok = stream_->good();
  }
  buffer_.clear();
  if (!ok) {
    return Status::FailedPrecondition("file", "file.write",
                                      {"写入 CSV 文件失败（磁盘已满或文件不可写？）",
                                       "writing the CSV file failed (disk full or not writable?)"});
  }
  return Status::Ok();
}

}  // namespace fupin::io
