// Photos of a visit 走访照片: the type is taken from the bytes (never from a file name
// or a header alone), the size and the count per visit are limited by the policy
// ([[visits]] photo_max_bytes, photos_per_visit), and the bytes are stored outside the
// database as <photos dir>/<sha256>.<ext>, so the same bytes are stored once however
// many times they are sent. The database keeps visit, sha256, type and size.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "policy/policy.hpp"
#include "store/store.hpp"

namespace fupin::visits {

enum class PhotoType : uint8_t { kJpeg, kPng, kWebp };

/// The type by magic bytes: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, WebP
/// "RIFF" <size> "WEBP"; nullopt for anything else.
std::optional<PhotoType> SniffPhotoType(std::string_view bytes);
/// "image/jpeg", "image/png", "image/webp".
std::string_view PhotoMime(PhotoType type);
/// "jpg", "png", "webp".
std::string_view PhotoExtension(PhotoType type);

/// SHA-256 of `bytes` as 64 lowercase hex digits (libsodium).
std::string Sha256Hex(std::string_view bytes);

/// Where a database's photos live: the folder "photos" next to the database file.
std::filesystem::path PhotosDirFor(const std::filesystem::path& db);
/// The file of a stored photo.
std::filesystem::path PhotoPath(const std::filesystem::path& photos_dir, std::string_view sha256,
                                std::string_view mime);

struct AddedPhoto {
  store::VisitPhotoRow photo;
  bool duplicate = false;  // the visit had these bytes already; nothing was written
};

/// Adds `bytes` as a photo of `visit` (read with its photos). Rules: visit.photo_type
/// (not JPEG, PNG or WebP by its bytes), visit.photo_type_mismatch (`declared_type`
/// names another image type), visit.photo_empty, visit.photo_size (above
/// photo_max_bytes) — invalid_argument; visit.photo_count (the visit has
/// photos_per_visit photos already) — failed_precondition. The file is written to a
/// temporary name and renamed, then the row and an audit entry ("visits.photo")
/// commit together.
Result<AddedPhoto> AddPhoto(store::Store& store, const policy::Policy& policy,
                            const std::filesystem::path& photos_dir, const store::VisitRow& visit,
                            std::string_view bytes, std::string_view declared_type, Date today,
                            const store::ChangeContext& context, std::string_view ip = {});

/// The bytes of a stored photo; not_found when its file is missing.
Result<std::string> ReadPhoto(const std::filesystem::path& photos_dir, const store::VisitPhotoRow& photo);

}  // namespace fupin::visits
