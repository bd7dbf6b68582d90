#include "visits/photo.hpp"

#include <fmt/format.h>
#include <sodium.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "visits/compliance.hpp"

namespace fupin::visits {
namespace {

bool StartsWith(std::string_view bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && bytes.substr(0, magic.size()) == magic;
}

std::optional<PhotoType> TypeOfMime(std::string_view mime) {
  for (PhotoType t : {PhotoType::kJpeg, PhotoType::kPng, PhotoType::kWebp}) {
    if (mime == PhotoMime(t)) return t;
  }
  return std::nullopt;
}

// "image/png; charset=…" → "image/png", lowercased.
std::string BareMime(std::string_view header) {
  std::string out(header.substr(0, header.find(';')));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<PhotoType> SniffPhotoType(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (StartsWith(bytes, "\xFF\xD8\xFF"sv)) return PhotoType::kJpeg;
  if (StartsWith(bytes, "\x89PNG\r\n\x1A\n"sv)) return PhotoType::kPng;
  if (bytes.size() >= 12 && StartsWith(bytes, "RIFF"sv) && bytes.substr(8, 4) == "WEBP"sv)
    return PhotoType::kWebp;
  return std::nullopt;
}

std::string_view PhotoMime(PhotoType type) {
  switch (type) {
    case PhotoType::kJpeg:
      return "image/jpeg";
    case PhotoType::kPng:
      return "image/png";
    case PhotoType::kWebp:
      return "image/webp";
  }
  return "image/jpeg";
}

std::string_view PhotoExtension(PhotoType type) {
  switch (type) {
    case PhotoType::kJpeg:
      return "jpg";
    case PhotoType::kPng:
      return "png";
    case PhotoType::kWebp:
      return "webp";
  }
  return "jpg";
}

std::string Sha256Hex(std::string_view bytes) {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  });
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::filesystem::path PhotosDirFor(const std::filesystem::path& db) {
  const std::filesystem::path parent = db.parent_path();
  return (parent.empty() ? std::filesystem::path(".") : parent) / "photos";
}

std::filesystem::path PhotoPath(const std::filesystem::path& photos_dir, std::string_view sha256,
                                std::string_view mime) {
  const auto type = TypeOfMime(mime);
  return photos_dir / fmt::format("{}.{}", sha256, PhotoExtension(type.value_or(PhotoType::kJpeg)));
}

Result<AddedPhoto> AddPhoto(store::Store& store, const policy::Policy& policy,
                            const std::filesystem::path& photos_dir, const store::VisitRow& visit,
                            std::string_view bytes, std::string_view declared_type, Date today,
                            const store::ChangeContext& context, std::string_view ip) {
  FUPIN_ASSIGN_OR_RETURN(policy::VisitRules rules, VisitRulesOn(policy, today));
  if (bytes.empty()) {
    return Status::Invalid("body", "visit.photo_empty", {"照片内容为空", "the photo is empty"});
  }
  const auto type = SniffPhotoType(bytes);
  if (!type) {
    return Status::Invalid("body", "visit.photo_type",
                           {"照片须为 JPEG、PNG 或 WebP 图片（按文件内容判断，与文件名无关）",
                            "a photo must be a JPEG, PNG or WebP image (judged by its bytes, not its name)"});
  }
  const std::string declared = BareMime(declared_type);
  if (const auto named = TypeOfMime(declared); named && *named != *type) {
    return Status::Invalid("content_type", "visit.photo_type_mismatch",
                           {fmt::format("声明的类型 {} 与照片内容（{}）不符", declared, PhotoMime(*type)),
                            fmt::format("the declared type {} does not match the photo's bytes ({})",
                                        declared, PhotoMime(*type))});
  }
  if (bytes.size() > static_cast<size_t>(rules.photo_max_bytes)) {
    return Status::Invalid(
        "body", "visit.photo_size",
        {fmt::format("照片 {} 字节，超过上限 {} 字节（策略文件 visits.photo_max_bytes）", bytes.size(),
                     rules.photo_max_bytes),
         fmt::format("the photo has {} bytes, above the limit of {} (policy visits.photo_max_bytes)",
                     bytes.size(), rules.photo_max_bytes)});
  }
  store::VisitPhotoRow row;
  row.visit_id = visit.id;
  row.sha256 = Sha256Hex(bytes);
  row.type = std::string(PhotoMime(*type));
  row.size = static_cast<int64_t>(bytes.size());
  row.added_by = context.actor;
  for (const auto& p : visit.photos) {
    if (p.sha256 == row.sha256) return AddedPhoto{p, true};
  }
  if (visit.photos.size() >= static_cast<size_t>(rules.photos_per_visit)) {
    return Status::FailedPrecondition(
        "body", "visit.photo_count",
        {fmt::format("走访记录 {} 已有 {} 张照片，达到上限（策略文件 visits.photos_per_visit）", visit.id,
                     visit.photos.size()),
         fmt::format("visit {} has {} photos already, the limit (policy visits.photos_per_visit)", visit.id,
                     visit.photos.size())});
  }

  // Content-addressed: a file that exists holds these very bytes already.
  const std::filesystem::path path = PhotoPath(photos_dir, row.sha256, row.type);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::filesystem::create_directories(photos_dir, ec);
    static std::atomic<uint64_t> serial{0};
    const std::filesystem::path tmp =
        photos_dir / fmt::format(".{}.{}.{}.tmp", row.sha256, ::getpid(), serial.fetch_add(1));
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      out.flush();
      if (!out) {
        std::filesystem::remove(tmp, ec);
        return Status::Unavailable({fmt::format("无法写入照片文件 {}", tmp.string()),
                                    fmt::format("cannot write the photo file {}", tmp.string())});
      }
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
      std::filesystem::remove(tmp, ec);
      return Status::Unavailable({fmt::format("无法保存照片文件 {}", path.string()),
                                  fmt::format("cannot store the photo file {}", path.string())});
    }
  }

  store::ChangeContext change = context;
  const std::string detail = nlohmann::json{
      {"visit_id", visit.id},
      {"sha256", row.sha256},
      {"type", row.type},
      {"size", row.size}}.dump();
  change.audit.push_back(
      {context.actor, "visits.photo", std::to_string(visit.id), detail, std::string(ip), "", detail});
  FUPIN_ASSIGN_OR_RETURN(bool added, store.AddVisitPhoto(row, change));
  return AddedPhoto{row, !added};
}

Result<std::string> ReadPhoto(const std::filesystem::path& photos_dir, const store::VisitPhotoRow& photo) {
  const std::filesystem::path path = PhotoPath(photos_dir, photo.sha256, photo.type);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound("sha256",
                            {fmt::format("照片文件 {} 不存在", path.filename().string()),
                             fmt::format("the photo file {} is missing", path.filename().string())});
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace fupin::visits
