// Photos of a visit: the type by magic bytes (a text file named .jpg is refused),
// the size and count limits of the policy, content-addressed files written once.
#include "visits/photo.hpp"

#include <gtest/gtest.h>

#include "policy/policy_test_support.hpp"
#include "responsibility/responsibility_test_support.hpp"
#include "test_support.hpp"
#include "visits/visit.hpp"

namespace fupin::visits {
namespace {

using responsibility::test::D;
using responsibility::test::Hh;
using responsibility::test::kA1;

const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0", 4) + "JFIF-bytes";
const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR-bytes";
const std::string kWebp = std::string("RIFF\x10\x00\x00\x00WEBPVP8 ", 16) + "bytes";

TEST(PhotoTypeTest, ByMagicBytesOnly) {
  EXPECT_EQ(SniffPhotoType(kJpeg), PhotoType::kJpeg);
  EXPECT_EQ(SniffPhotoType(kPng), PhotoType::kPng);
  EXPECT_EQ(SniffPhotoType(kWebp), PhotoType::kWebp);
  EXPECT_FALSE(SniffPhotoType("hello, I am photo.jpg").has_value());
  EXPECT_FALSE(SniffPhotoType(std::string("\xFF\xD8", 2)).has_value()) << "too short";
  EXPECT_FALSE(SniffPhotoType(std::string("RIFF\x10\x00\x00\x00WAVEfmt ", 16)).has_value())
      << "a RIFF, not WebP";
  EXPECT_FALSE(SniffPhotoType("GIF89a").has_value());
  EXPECT_EQ(PhotoMime(PhotoType::kWebp), "image/webp");
  EXPECT_EQ(PhotoExtension(PhotoType::kJpeg), "jpg");
}

TEST(PhotoTypeTest, Sha256IsLowercaseHex) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(PhotosDirFor("/data/county/fupin.db"), std::filesystem::path("/data/county/photos"));
  EXPECT_EQ(PhotosDirFor("fupin.db"), std::filesystem::path("./photos"));
}

class AddPhotoTest : public responsibility::test::SmallCountyTest {
 protected:
  void SetUp() override {
    SmallCountyTest::SetUp();
    VisitInput in;
    in.client_id = "3f2b8c1e-0d4a-4e6b-9a57-1c2d3e4f5a6b";
    in.household_id = Hh(kA1, 1);
    in.date = "2020-10-19";
    in.time = "10:00";
    in.kind = "home_visit";
    auto cadre = store_->FindCadre("C1");
    ASSERT_TRUE(cadre.ok() && cadre->has_value());
    auto logged = LogVisit(*store_, in, **cadre, D(2020, 10, 20), {"user:cadre", "test"});
    ASSERT_TRUE(logged.ok()) << logged.status().ToString(Lang::kEn);
    visit_id_ = logged->visit.id;
    // A policy with small limits: 64-byte photos, two per visit.
    policy_ = policy::test::MustLoad(policy::test::DefaultWith(
        "photo_max_bytes = 5242880\nphotos_per_visit = 6", "photo_max_bytes = 1024\nphotos_per_visit = 2"));
  }

  store::VisitRow Visit() {
    auto v = store_->FindVisit(visit_id_);
    EXPECT_TRUE(v.ok() && v->has_value());
    return v.ok() && v->has_value() ? **v : store::VisitRow{};
  }
  Result<AddedPhoto> Add(const std::string& bytes, const std::string& declared = "") {
    return AddPhoto(*store_, policy_, dir_.path(), Visit(), bytes, declared, D(2020, 10, 20),
                    {"user:cadre", "test"}, "10.0.0.7");
  }
  size_t Files() const {
    size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir_.path())) n += e.is_regular_file() ? 1 : 0;
    return n;
  }

  fupin::testing::TempDir dir_;
  policy::Policy policy_;
  int64_t visit_id_ = 0;
};

TEST_F(AddPhotoTest, StoredOutsideTheDatabaseByItsHash) {
  auto added = Add(kPng, "image/png");
  ASSERT_TRUE(added.ok()) << added.status().ToString(Lang::kEn);
  EXPECT_FALSE(added->duplicate);
  EXPECT_EQ(added->photo.sha256, Sha256Hex(kPng));
  EXPECT_EQ(added->photo.type, "image/png");
  EXPECT_EQ(added->photo.size, static_cast<int64_t>(kPng.size()));
  const auto file = dir_.path() / (Sha256Hex(kPng) + ".png");
  EXPECT_EQ(fupin::testing::ReadFile(file), kPng);
  EXPECT_EQ(Files(), 1u) << "no temporary file left";
  const store::VisitRow v = Visit();
  ASSERT_EQ(v.photos.size(), 1u);
  EXPECT_EQ(v.photos[0].sha256, Sha256Hex(kPng));
  EXPECT_EQ(v.photos[0].added_by, "user:cadre");
  auto bytes = ReadPhoto(dir_.path(), v.photos[0]);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, kPng);
  auto audit = store_->ListAudit(0, 100);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->back().event.action, "visits.photo");
}

TEST_F(AddPhotoTest, TheSameBytesTwiceAreStoredOnce) {
  ASSERT_TRUE(Add(kJpeg).ok());
  auto again = Add(kJpeg, "image/jpeg");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(Visit().photos.size(), 1u);
  EXPECT_EQ(Files(), 1u);
}

TEST_F(AddPhotoTest, ATextFileNamedJpgIsRefused) {
  auto text = Add("this is not a photo, whatever its name (photo.jpg)", "image/jpeg");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(text.status().rule(), "visit.photo_type");
  EXPECT_NE(text.status().message().zh.find("JPEG、PNG 或 WebP"), std::string::npos);
  EXPECT_NE(text.status().message().en.find("judged by its bytes"), std::string::npos);
  EXPECT_EQ(Add("").status().rule(), "visit.photo_empty");
  auto mismatch = Add(kPng, "image/jpeg");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.status().rule(), "visit.photo_type_mismatch");
  EXPECT_TRUE(Add(kPng, "application/octet-stream").ok()) << "a non-image declaration is not a contradiction";
  EXPECT_EQ(Visit().photos.size(), 1u);
}

TEST_F(AddPhotoTest, SizeAndCountLimitsOfThePolicy) {
  const std::string big = kJpeg + std::string(1024, 'x');
  auto too_big = Add(big);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.status().rule(), "visit.photo_size");
  EXPECT_NE(too_big.status().message().zh.find("超过上限 1024 字节"), std::string::npos);
  EXPECT_NE(too_big.status().message().en.find("visits.photo_max_bytes"), std::string::npos);
  EXPECT_TRUE(Add(kJpeg + std::string(1024 - kJpeg.size(), 'x')).ok()) << "exactly the limit";
  EXPECT_TRUE(Add(kPng).ok());
  auto third = Add(kWebp);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(third.status().rule(), "visit.photo_count");
  EXPECT_TRUE(Add(kPng).ok()) << "a photo already there is not one more";
  EXPECT_EQ(Files(), 2u);
}

TEST_F(AddPhotoTest, AMissingFileIsNotFound) {
  store::VisitPhotoRow row{visit_id_, Sha256Hex("gone"), "image/jpeg", 4, "", ""};
  EXPECT_EQ(ReadPhoto(dir_.path(), row).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace fupin::visits
