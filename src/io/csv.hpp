// CSV reading and writing (RFC 4180, as written by Excel, WPS and LibreOffice).
//
// CsvReader parses a whole UTF-8 text held by the caller and hands out string_views;
// it does not allocate per field or per record once its buffers have grown. Records
// end at LF or CRLF (a lone CR is data); a field starting with '"' is quoted and may
// hold commas, line breaks and doubled quotes. A '"' inside an unquoted field is kept
// literally. Completely empty lines are skipped; a line of commas is a record of empty
// fields. CsvWriter quotes only when a field needs it.
#pragma once

#include <cstdio>
#include <initializer_list>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace fupin::io {

class CsvReader {
 public:
  /// Reads `text` (UTF-8; a leading BOM is skipped). The buffer must outlive the
  /// reader. `source_name` (a file name) prefixes error messages when not empty.
  explicit CsvReader(std::string_view text, std::string source_name = "");

  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  CsvReader(CsvReader&&) = default;
  CsvReader& operator=(CsvReader&&) = default;

  /// Fills `fields` with the next record and returns true; returns false at the end of
  /// the text or on an error (see status()). The views point into the text or into an
  /// internal buffer (fields that contained "" escapes) and stay valid until the next
  /// call. A field with an unterminated quote fails with rule "csv.quote" naming the
  /// line where the quote opened; so does text after a closing quote other than a
  /// comma or line end.
  bool Next(std::vector<std::string_view>* fields);

  /// 1-based physical line on which the record last returned by Next started.
  size_t line() const { return record_line_; }

  /// Ok unless Next stopped on malformed input.
  const Status& status() const { return status_; }

 private:
  struct Fixup {
    size_t field;   // index in the fields vector
    size_t offset;  // into arena_
    size_t size;
  };

  bool ParseGeneral(const char* p, std::vector<std::string_view>* fields);
  bool Fail(size_t line, std::string zh, std::string en);

  const char* pos_;
  const char* end_;
  size_t next_line_ = 1;    // physical line of pos_
  size_t record_line_ = 0;  // line of the last record returned
  std::string source_name_;
  std::string arena_;          // unescaped quoted fields of the current record
  std::vector<Fixup> fixups_;  // fields that live in arena_
  Status status_;
};

struct CsvWriterOptions {
  /// Emit a UTF-8 byte order mark first; Excel needs it to open a UTF-8 CSV
  /// without garbling Chinese text.
  bool bom = false;
  /// Record terminator; RFC 4180 and Excel use CRLF.
  std::string_view line_ending = "\r\n";
};

class CsvWriter {
 public:
  /// Appends to `*out`.
  explicit CsvWriter(std::string* out, CsvWriterOptions options = {});
  /// Writes to an open stdio stream (buffered here; call Flush at the end).
  explicit CsvWriter(std::FILE* file, CsvWriterOptions options = {});
  /// Writes to a stream (buffered here; call Flush at the end).
  explicit CsvWriter(std::ostream* stream, CsvWriterOptions options = {});

  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;
  /// Flushes to a FILE*/stream; errors at this point are lost, so call Flush().
  ~CsvWriter();

  /// Writes one record. A field is quoted when it contains a comma, quote, CR or LF,
  /// or starts or ends with a space or tab; a record of a single empty field is
  /// written as "" so that it does not read back as an empty (skipped) line.
  Status WriteRow(std::span<const std::string_view> fields);
  Status WriteRow(std::span<const std::string> fields);
  Status WriteRow(std::initializer_list<std::string_view> fields) {
    return WriteRow(std::span<const std::string_view>(fields.begin(), fields.size()));
  }

  /// Hands buffered bytes to the FILE*/stream (and fflush/flush it). Fails with rule
  /// "file.write" when the stream reports an error. A no-op for a string target.
  Status Flush();

 private:
  void Start();
  void AppendField(std::string_view field);
  Status MaybeFlush();

  std::string* out_ = nullptr;  // the target string, or buffer_ for streams
  std::FILE* file_ = nullptr;
  std::ostream* stream_ = nullptr;
  CsvWriterOptions options_;
  std::string buffer_;
  bool started_ = false;
};

}  // namespace fupin::io
