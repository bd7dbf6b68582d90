// Small file helpers shared by the io layer: whole-file reads and the file.* errors.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace fupin::io {

/// The path as shown in messages (UTF-8 on POSIX).
std::string DisplayPath(const std::filesystem::path& path);

/// Invalid, field "file", rule "file.open": the file cannot be opened for reading.
/// `why_zh`/`why_en` say why (e.g. 文件不存在 / the file does not exist).
Status FileOpenError(const std::filesystem::path& path, std::string_view why_zh, std::string_view why_en);

/// FailedPrecondition, field "file", rule "file.write": writing `path` failed.
Status FileWriteError(const std::filesystem::path& path, std::string_view why_zh, std::string_view why_en);

/// Reads the whole file. Missing, unreadable or not-regular files fail "file.open".
Result<std::string> ReadWholeFile(const std::filesystem::path& path);

/// Checks that `path` names an existing regular file; "file.open" otherwise.
Status CheckReadableFile(const std::filesystem::path& path);

}  // namespace fupin::io
