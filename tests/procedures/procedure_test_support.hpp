// Fixture shared by the procedure tests (header-only): an in-memory store with the
// demo regions, households written straight into it, and helpers to take steps.
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/id_number.hpp"
#include "policy/policy_file.hpp"
#include "procedures/monitoring.hpp"
#include "procedures/procedure.hpp"
#include "regions/region_import.hpp"
#include "store/store.hpp"

namespace fupin::procedures::test {

/// 宁国寺村委会, 资中县 (Sichuan: profile 一超六有, region class west).
inline constexpr char kVillage[] = "511025100203";
inline constexpr char kCounty[] = "511025";

inline Date D(int y, int m, int d) {
  return Date::FromYmd(y, m, d).value();
}

/// A valid ID number of Zizhong County born on `birth` with sequence `seq` (0–999).
inline std::string MakeIdNumber(Date birth, int seq) {
  const std::string first17 =
      fmt::format("511025{:04d}{:02d}{:02d}{:03d}", birth.year(), birth.month(), birth.day(), seq % 1000);
  return first17 + IdNumber::CheckChar(first17);
}

/// A three-person household (head, spouse, a son in primary school) in kVillage with
/// every guarantee 是, everyone insured, `per_capita_yuan` per-capita net income and
/// `status`; exited households get exit year 2018. `n` makes id and ID numbers unique.
inline registry::Household MakeHousehold(
    int n, int64_t per_capita_yuan, registry::HouseholdStatus status = registry::HouseholdStatus::kPoor) {
  using namespace registry;
  Household h;
  h.id = fmt::format("{}{:04d}", kVillage, n);
  h.village = RegionCode::Parse(kVillage).value();
  h.group = "1组";
  h.attribute =
      status == HouseholdStatus::kNotRegistered ? PovertyAttribute::kNone : PovertyAttribute::kGeneral;
  h.main_cause = Cause::kIllness;
  h.income.wages = Money::FromYuan(per_capita_yuan * 3);
  h.guarantees = {YesNo::kYes, YesNo::kYes, YesNo::kYes, YesNo::kYes,
                  YesNo::kYes, YesNo::kYes, YesNo::kYes, YesNo::kYes};
  h.registration_year = status == HouseholdStatus::kNotRegistered ? 0 : 2014;
  h.status = status;
  h.exit_year = status == HouseholdStatus::kExited ? 2018 : 0;
  Person head;
  head.name = "王建国";
  head.sex = Sex::kMale;
  head.relation = Relation::kHead;
  head.birth_date = D(1975, 5, 1);
  head.id_number = MakeIdNumber(head.birth_date, n * 3 % 1000 + 1);
  head.medical_insurance = YesNo::kYes;
  Person spouse = head;
  spouse.name = "李秀英";
  spouse.sex = Sex::kFemale;
  spouse.relation = Relation::kSpouse;
  spouse.id_number = MakeIdNumber(head.birth_date, n * 3 % 1000 + 2);
  Person son = head;
  son.name = "王小明";
  son.relation = Relation::kSon;
  son.birth_date = D(2010, 3, 1);
  son.id_number = MakeIdNumber(son.birth_date, n * 3 % 1000 + 3);
  son.schooling = Schooling::kPrimary;
  h.members = {head, spouse, son};
  return h;
}

class ProcedureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenSqliteStore(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    auto regions = regions::EmbeddedDemoRegions();
    ASSERT_TRUE(regions.ok());
    ASSERT_TRUE(store_->UpsertRegions(*regions).ok());
  }

  Env env() const { return {*store_, *policy_, today_}; }

  StepInput In(Date date, std::string note = {}) const {
    return {"test:cadre", date, std::move(note), std::nullopt};
  }

  /// Writes `h` as a new household; returns it as stored (version 1).
  registry::Household Put(const registry::Household& h) {
    const store::HouseholdWrite write{nullptr, &h};
    EXPECT_TRUE(store_->WriteHouseholds(std::span(&write, 1), {"test", "test"}, {}).ok());
    return Get(h.id);
  }

  registry::Household Get(const std::string& id) {
    const std::vector<std::string> ids = {id};
    auto found = store_->FindHouseholds(ids);
    EXPECT_TRUE(found.ok() && found->size() == 1) << id;
    return found.ok() && !found->empty() ? found->begin()->second : registry::Household();
  }

  /// Takes `step` and expects it to be accepted.
  Procedure Step(int64_t id, std::string_view step, Date date, std::string note = {}) {
    auto p = TakeStep(env(), id, step, In(date, std::move(note)));
    EXPECT_TRUE(p.ok()) << step << ": " << p.status().ToString(Lang::kEn);
    return p.ok() ? *p : Procedure();
  }

  /// Expects `result` to be refused with `rule`; returns the Status.
  template <typename T>
  static Status Refused(const Result<T>& result, std::string_view rule) {
    EXPECT_FALSE(result.ok()) << "expected refusal " << rule;
    const Status s = result.status();
    EXPECT_EQ(s.rule(), rule) << s.ToString(Lang::kEn);
    EXPECT_FALSE(s.message().zh.empty());
    EXPECT_FALSE(s.message().en.empty());
    return s;
  }

  static bool Contains(const std::string& text, std::string_view needle) {
    return text.find(needle) != std::string::npos;
  }

  std::unique_ptr<store::Store> store_;
  const policy::Policy* policy_ = &policy::DefaultPolicy();
  Date today_ = D(2021, 12, 31);
};

}  // namespace fupin::procedures::test
