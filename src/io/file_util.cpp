#include "io/file_util.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace fupin::io {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

std::string DisplayPath(const std::filesystem::path& path) {
  return path.string();
}

Status FileOpenError(const std::filesystem::path& path, std::string_view why_zh, std::string_view why_en) {
  return Status::Invalid("file", "file.open",
                         {fmt::format("无法打开文件 {}：{}", DisplayPath(path), why_zh),
                          fmt::format("cannot open file {}: {}", DisplayPath(path), why_en)});
}

Status FileWriteError(const std::filesystem::path& path, std::string_view why_zh, std::string_view why_en) {
  return Status::FailedPrecondition("file", "file.write",
                                    {fmt::format("无法写入文件 {}：{}", DisplayPath(path), why_zh),
                                     fmt::format("cannot write file {}: {}", DisplayPath(path), why_en)});
}

Status CheckReadableFile(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    return FileOpenError(path, "文件不存在", "the file does not exist");
  if (!std::filesystem::is_regular_file(status)) {
    return FileOpenError(path, "不是普通文件", "not a regular file");
  }
  return Status::Ok();
}

Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
  FUPIN_RETURN_IF_ERROR(CheckReadableFile(path));
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (file == nullptr) {
    const int err = errno;
    return FileOpenError(path, fmt::format("无法读取（{}）", std::strerror(err)), std::strerror(err));
  }
  std::error_code ec;
  const auto expected = std::filesystem::file_size(path, ec);
  // Read straight into the result; keep going in case the file grew meanwhile.
  std::string bytes(ec ? 0 : static_cast<size_t>(expected), '\0');
  bytes.resize(std::fread(bytes.data(), 1, bytes.size(), file.get()));
  if (!std::ferror(file.get())) {
    char extra[1 << 16];
    for (;;) {
      const size_t n = std::fread(extra, 1, sizeof(extra), file.get());
      bytes.append(extra, n);
      if (n < sizeof(extra)) break;
    }
  }
  if (std::ferror(file.get())) {
    return FileOpenError(path, "读取时出错", "read error");
  }
  return bytes;
}

}  // namespace fupin::io
