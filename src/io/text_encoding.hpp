// Text encodings of imported files: UTF-8 validation and conversion to and from
// GB18030 (the encoding Chinese Excel and WPS write when saving "CSV").
//
// Everything inside fupin is UTF-8. Files enter through DecodeText, which either
// honours an encoding the user named or detects one: UTF-8 when the bytes are valid
// UTF-8 (a leading BOM is dropped), else GB18030. GBK and GB2312 are subsets of
// GB18030 and are decoded with it. Bytes that cannot be decoded are an error, never
// silently replaced. Conversions use ICU and are thread-safe (no shared state).
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace fupin::io {

/// True when `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, nothing
/// above U+10FFFF). ASCII runs are checked 8 bytes at a time.
bool IsValidUtf8(std::string_view bytes);

/// Byte offset of the first byte that is not well-formed UTF-8; bytes.size() if none.
size_t FirstInvalidUtf8(std::string_view bytes);

/// The canonical name of an encoding the user may name, case-insensitively:
/// "utf-8"/"utf8" -> "utf-8"; "gb18030", "gbk", "gb2312", "cp936" -> "gb18030".
/// Empty for any other name.
std::string_view CanonicalEncoding(std::string_view name);

/// Converts `bytes` in `encoding` to UTF-8. A UTF-8 source is validated and copied.
/// Fails with rule "encoding.unknown" for a name CanonicalEncoding rejects and
/// "encoding.invalid" (naming the line and byte offset) for undecodable bytes.
Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view encoding);

/// Converts UTF-8 text to `encoding` (same names as above), e.g. to write a GB18030
/// CSV for old spreadsheet programs. Invalid UTF-8 input fails "encoding.invalid".
Result<std::string> ConvertFromUtf8(std::string_view utf8, std::string_view encoding);

struct Decoded {
  std::string text;      // UTF-8, without a byte order mark
  std::string encoding;  // the decoder used: "utf-8" or "gb18030"
};

/// Decodes a whole file's bytes to UTF-8. A leading UTF-8 BOM means UTF-8 whatever
/// `encoding_or_empty` says (it is stripped). Otherwise, with `encoding_or_empty`
/// empty the encoding is detected: valid UTF-8 is returned without copying (the
/// buffer is moved), anything else is decoded as GB18030; a named encoding is used
/// as is. A GB18030 BOM is stripped too. Errors as for ConvertToUtf8.
Result<Decoded> DecodeText(std::string bytes, std::string_view encoding_or_empty);

}  // namespace fupin::io
