// The registry's read model for the web: one small row per household with what the
// list page filters, searches and sorts by (pinyin of the head's name, masked IDs,
// the policy verdict). Built from the store, updated on each write through the
// server, rebuilt when another process changes the database. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "policy/policy.hpp"
#include "registry/household.hpp"

namespace fupin::server {

struct HouseholdRow {
  std::string id;
  RegionCode village;
  std::string head_name;
  std::string initials;  // pinyin initials of the head's name
  std::string sort_key;  // pinyin collation key of the head's name
  std::vector<std::string> id_tails;  // first 4 + last 4 characters of each member's ID
  registry::HouseholdStatus status{};
  registry::PovertyAttribute attribute{};
  registry::Cause main_cause{};
  int persons = 0;
  Money per_capita;
  bool eligible = false;
  std::vector<std::string> failing;  // rule ids of failed criteria
  std::string cadre_phone;
  int64_t version = 0;
};

struct HouseholdQuery {
  RegionCode within;
  std::string cadre_phone;  // when set, only this responsible cadre's households
  std::optional<registry::HouseholdStatus> status;
  std::optional<registry::PovertyAttribute> attribute;
  std::optional<registry::Cause> cause;
  std::string failing;  // a rule id
  std::string q;        // name, pinyin initials or (masked) ID
  bool eligible_only = false;
  bool wrong_exit_only = false;  // exited but failing a criterion
  int page = 1;
  int page_size = 50;
};

class HouseholdIndex {
 public:
  HouseholdIndex(const policy::Policy& policy, int year) : policy_(policy), year_(year) {}

  void Rebuild(const std::vector<registry::Household>& households);
  void Upsert(const registry::Household& household);

  /// Matching rows sorted by pinyin of the head's name, one page of them.
  std::vector<HouseholdRow> List(const HouseholdQuery& query, int64_t* total) const;
  std::optional<HouseholdRow> Find(const std::string& id) const;
  int year() const { return year_; }

 private:
  HouseholdRow MakeRow(const registry::Household& h) const;
  void Insert(HouseholdRow row);

  const policy::Policy& policy_;
  int year_;
  mutable std::shared_mutex mu_;
  std::vector<HouseholdRow> rows_;  // sorted by (sort_key, id)
  std::unordered_map<std::string, std::string> by_id_;  // id -> sort_key, to find a row by binary search
  std::vector<HouseholdRow>::const_iterator Locate(const std::string& id) const;
};

}  // namespace fupin::server
