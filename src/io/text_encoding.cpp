#include "io/text_encoding.hpp"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

namespace fupin::io {
namespace {

constexpr std::string_view kUtf8 = "utf-8";
constexpr std::string_view kGb18030 = "gb18030";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char ca = a[i];
    if (ca >= 'A' && ca <= 'Z') ca = static_cast<char>(ca - 'A' + 'a');
    if (ca != b[i]) return false;
  }
  return true;
}

bool StripBom(std::string* text) {
  if (std::string_view(*text).starts_with(kUtf8Bom)) {
    text->erase(0, kUtf8Bom.size());
    return true;
  }
  return false;
}

/// 1-based line of byte `offset` (lines end with LF, which is a single byte in every
/// supported encoding).
size_t LineOf(std::string_view bytes, size_t offset) {
  offset = std::min(offset, bytes.size());
  return 1 +
         static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(offset), '\n'));
}

Status UnknownEncoding(std::string_view name) {
  return Status::Invalid(
      "encoding", "encoding.unknown",
      {fmt::format("不支持的文字编码“{}”（可用：utf-8、gb18030、gbk、gb2312）", name),
       fmt::format("unknown text encoding \"{}\" (use utf-8, gb18030, gbk or gb2312)", name)});
}

/// `bias` is added to the reported offset (a stripped BOM).
Status InvalidBytes(std::string_view bytes, size_t offset, std::string_view encoding, size_t bias = 0) {
  const size_t line = LineOf(bytes, offset);
  offset += bias;
  return Status::Invalid(
      "encoding", "encoding.invalid",
      {fmt::format("第 {} 行（字节偏移 {}）有无法按 {} 解码的字节，请确认文件的编码", line, offset, encoding),
       fmt::format("line {} (byte offset {}) has bytes that are not valid {}; check the file's encoding",
                   line, offset, encoding)});
}

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

Result<ConverterPtr> OpenConverter(const char* icu_name) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(icu_name, &err));
  if (U_FAILURE(err) || converter == nullptr) {
    return Status::Internal({fmt::format("无法打开 ICU 编码转换器 {}：{}", icu_name, u_errorName(err)),
                             fmt::format("cannot open ICU converter {}: {}", icu_name, u_errorName(err))});
  }
  // Stop at the first undecodable byte or unencodable character instead of
  // substituting U+FFFD or '?'.
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  ucnv_setFromUCallBack(converter.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  if (U_FAILURE(err)) {
    return Status::Internal(
        {fmt::format("无法设置 ICU 编码转换器 {}：{}", icu_name, u_errorName(err)),
         fmt::format("cannot configure ICU converter {}: {}", icu_name, u_errorName(err))});
  }
  return converter;
}

/// Converts `in` from `from_name` to `to_name` through ICU. `display` names the
/// encoding at fault in messages.
Result<std::string> IcuConvert(std::string_view in, const char* from_name, const char* to_name,
                               size_t initial_capacity, std::string_view display) {
  FUPIN_ASSIGN_OR_RETURN(ConverterPtr from, OpenConverter(from_name));
  FUPIN_ASSIGN_OR_RETURN(ConverterPtr to, OpenConverter(to_name));

  std::string out;
  out.resize(std::max<size_t>(initial_capacity, 16));
  UChar pivot[4096];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  const char* source = in.data();
  const char* const source_begin = in.data();
  const char* const source_end = in.data() + in.size();
  char* target = out.data();
  bool reset = true;
  for (;;) {
    UErrorCode err = U_ZERO_ERROR;
    ucnv_convertEx(to.get(), from.get(), &target, out.data() + out.size(), &source, source_end, pivot,
                   &pivot_source, &pivot_target, pivot + std::size(pivot), reset, /*flush=*/true, &err);
    reset = false;
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      const size_t used = static_cast<size_t>(target - out.data());
      out.resize(out.size() * 2);
      target = out.data() + used;
      continue;
    }
    if (err == U_ILLEGAL_CHAR_FOUND || err == U_INVALID_CHAR_FOUND || err == U_TRUNCATED_CHAR_FOUND) {
      // `source` is just past the offending bytes; back up over them.
      char bad[32];
      int8_t bad_len = sizeof(bad);
      UErrorCode ignored = U_ZERO_ERROR;
      ucnv_getInvalidChars(from.get(), bad, &bad_len, &ignored);
      if (U_FAILURE(ignored)) bad_len = 0;
      size_t offset = static_cast<size_t>(source - source_begin);
      offset -= std::min(offset, static_cast<size_t>(bad_len));
      return InvalidBytes(in, offset, display);
    }
    if (U_FAILURE(err)) {
      return Status::Internal({fmt::format("ICU 编码转换失败：{}", u_errorName(err)),
                               fmt::format("ICU conversion failed: {}", u_errorName(err))});
    }
    break;
  }
  out.resize(static_cast<size_t>(target - out.data()));
  return out;
}

}  // namespace

size_t FirstInvalidUtf8(std::string_view bytes) {
  const auto* const begin = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* const end = begin + bytes.size();
  const auto* p = begin;
  auto cont = [](unsigned char c) { return (c & 0xC0) == 0x80; };
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      // An ASCII run: 8 bytes at a time, then byte by byte. (Checked only where ASCII
      // starts, so that runs of Chinese text do not pay for a failed 8-byte test per
      // character.)
      ++p;
      while (end - p >= 8) {
        uint64_t word;
        std::memcpy(&word, p, sizeof(word));
        if ((word & 0x8080808080808080ULL) != 0) break;
        p += 8;
      }
      while (p < end && *p < 0x80) ++p;
      continue;
    }
    const size_t left = static_cast<size_t>(end - p);
    if (c < 0xC2) return static_cast<size_t>(p - begin);  // continuation byte or overlong lead
    if (c < 0xE0) {
      if (left < 2 || !cont(p[1])) return static_cast<size_t>(p - begin);
      p += 2;
    } else if (c < 0xF0) {
      if (left < 3) return static_cast<size_t>(p - begin);
      const unsigned char c1 = p[1];
      const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;  // no overlongs
      const unsigned char hi = c == 0xED ? 0x9F : 0xBF;  // no surrogates
      if (c1 < lo || c1 > hi || !cont(p[2])) return static_cast<size_t>(p - begin);
      p += 3;
    } else if (c < 0xF5) {
      if (left < 4) return static_cast<size_t>(p - begin);
      const unsigned char c1 = p[1];
      const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;  // no overlongs
      const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
      if (c1 < lo || c1 > hi || !cont(p[2]) || !cont(p[3])) return static_cast<size_t>(p - begin);
      p += 4;
    } else {
      return static_cast<size_t>(p - begin);
    }
  }
  return bytes.size();
}

bool IsValidUtf8(std::string_view bytes) {
  return FirstInvalidUtf8(bytes) == bytes.size();
}

std::string_view CanonicalEncoding(std::string_view name) {
  if (EqualsIgnoreCase(name, "utf-8") || EqualsIgnoreCase(name, "utf8")) return kUtf8;
  if (EqualsIgnoreCase(name, "gb18030") || EqualsIgnoreCase(name, "gbk") ||
      EqualsIgnoreCase(name, "gb2312") || EqualsIgnoreCase(name, "cp936")) {
    return kGb18030;
  }
  return {};
}

Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view encoding) {
  const std::string_view canonical = CanonicalEncoding(encoding);
  if (canonical.empty()) return UnknownEncoding(encoding);
  if (canonical == kUtf8) {
    const size_t bad = FirstInvalidUtf8(bytes);
    if (bad != bytes.size()) return InvalidBytes(bytes, bad, "UTF-8");
    return std::string(bytes);
  }
  // GB18030 -> UTF-8 grows at most 1.5x (2 bytes -> 3); the loop grows further if needed.
  return IcuConvert(bytes, "GB18030", "UTF-8", bytes.size() + bytes.size() / 2 + 16, "GB18030");
}

Result<std::string> ConvertFromUtf8(std::string_view utf8, std::string_view encoding) {
  const std::string_view canonical = CanonicalEncoding(encoding);
  if (canonical.empty()) return UnknownEncoding(encoding);
  const size_t bad = FirstInvalidUtf8(utf8);
  if (bad != utf8.size()) return InvalidBytes(utf8, bad, "UTF-8");
  if (canonical == kUtf8) return std::string(utf8);
  return IcuConvert(utf8, "UTF-8", "GB18030", utf8.size() + 16, "UTF-8");
}

Result<Decoded> DecodeText(std::string bytes, std::string_view encoding_or_empty) {
  std::string_view canonical;
  if (!encoding_or_empty.empty()) {
    canonical = CanonicalEncoding(encoding_or_empty);
    if (canonical.empty()) return UnknownEncoding(encoding_or_empty);
  }
  // A UTF-8 byte order mark settles the question, whatever encoding was named.
  const bool had_bom = StripBom(&bytes);
  if (had_bom || canonical.empty() || canonical == kUtf8) {
    const size_t bad = FirstInvalidUtf8(bytes);
    if (bad == bytes.size()) return Decoded{std::move(bytes), std::string(kUtf8)};
    if (had_bom || canonical == kUtf8) {
      // Offsets refer to the file as written, BOM included.
      return InvalidBytes(bytes, bad, "UTF-8", had_bom ? kUtf8Bom.size() : 0);
    }
  }
  FUPIN_ASSIGN_OR_RETURN(std::string text, ConvertToUtf8(bytes, kGb18030));
  StripBom(&text);  // a GB18030 BOM (84 31 95 33) decodes to U+FEFF
  return Decoded{std::move(text), std::string(kGb18030)};
}

}  // namespace fupin::io
