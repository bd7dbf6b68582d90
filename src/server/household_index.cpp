#include "server/household_index.hpp"

#include <algorithm>
#include <mutex>

#include "core/chinese_text.hpp"
#include "policy/exit_evaluation.hpp"

namespace fupin::server {
namespace {

bool Less(const HouseholdRow& a, const HouseholdRow& b) {
  return a.sort_key != b.sort_key ? a.sort_key < b.sort_key : a.id < b.id;
}

bool Matches(const HouseholdRow& r, const HouseholdQuery& q) {
  if (!r.village.IsWithin(q.within)) return false;
  if (!q.cadre_phone.empty() && r.cadre_phone != q.cadre_phone) return false;
  if (q.status && r.status != *q.status) return false;
  if (q.attribute && r.attribute != *q.attribute) return false;
  if (q.cause && r.main_cause != *q.cause) return false;
  if (!q.failing.empty() && std::find(r.failing.begin(), r.failing.end(), q.failing) == r.failing.end()) return false;
  const bool poor = r.status == registry::HouseholdStatus::kPoor || r.status == registry::HouseholdStatus::kReturned;
  if (q.eligible_only && !(poor && r.eligible)) return false;
  if (q.wrong_exit_only && !(r.status == registry::HouseholdStatus::kExited && !r.eligible)) return false;
  if (!q.q.empty()) {
    if (r.head_name.find(q.q) != std::string::npos || r.id == q.q) return true;
    std::string lower;
    for (char c : q.q) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (r.initials.rfind(lower, 0) == 0) return true;
    // An ID as shown masked ("5110**********031X") or its last four characters.
    const bool id_like = std::all_of(q.q.begin(), q.q.end(), [](char c) {
      return (c >= '0' && c <= '9') || c == 'X' || c == 'x' || c == '*';
    });
    if (!id_like) return false;
    std::string upper;
    for (char c : q.q) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    const std::string tail = upper.size() >= 4 ? upper.substr(upper.size() - 4) : upper;
    const std::string head = upper.size() >= 8 && upper.find('*') != std::string::npos ? upper.substr(0, 4) : "";
    for (const auto& t : r.id_tails) {
      if (tail.size() == 4 && t.substr(4) == tail && (head.empty() || t.substr(0, 4) == head)) return true;
    }
    return false;
  }
  return true;
}

}  // namespace

HouseholdRow HouseholdIndex::MakeRow(const registry::Household& h) const {
  HouseholdRow r;
  r.id = h.id;
  r.village = h.village;
  r.head_name = h.members.empty() ? std::string() : h.members.front().name;
  r.initials = PinyinInitials(r.head_name);
  r.sort_key = PinyinSortKey(r.head_name);
  for (const auto& p : h.members) {
    if (p.id_number.size() >= 8) r.id_tails.push_back(p.id_number.substr(0, 4) + p.id_number.substr(p.id_number.size() - 4));
  }
  r.status = h.status;
  r.attribute = h.attribute;
  r.main_cause = h.main_cause;
  r.persons = static_cast<int>(h.members.size());
  r.per_capita = h.PerCapitaNetIncome();
  const auto verdict = policy::EvaluateHousehold(policy_, h, year_);
  r.eligible = verdict.eligible_to_exit;
  for (const auto& c : verdict.criteria) {
    if (!c.pass) r.failing.push_back(c.rule_id);
  }
  r.cadre_phone = h.cadre_phone;
  r.version = h.version;
  return r;
}

void HouseholdIndex::Rebuild(const std::vector<registry::Household>& households) {
  std::vector<HouseholdRow> rows;
  rows.reserve(households.size());
  for (const auto& h : households) rows.push_back(MakeRow(h));
  std::sort(rows.begin(), rows.end(), Less);
  std::unordered_map<std::string, std::string> by_id;
  for (const auto& r : rows) by_id.emplace(r.id, r.sort_key);
  std::unique_lock lock(mu_);
  rows_ = std::move(rows);
  by_id_ = std::move(by_id);
}

std::vector<HouseholdRow>::const_iterator HouseholdIndex::Locate(const std::string& id) const {
  auto key = by_id_.find(id);
  if (key == by_id_.end()) return rows_.end();
  HouseholdRow probe;
  probe.id = id;
  probe.sort_key = key->second;
  auto at = std::lower_bound(rows_.begin(), rows_.end(), probe, Less);
  return at != rows_.end() && at->id == id ? at : rows_.end();
}

void HouseholdIndex::Upsert(const registry::Household& household) {
  HouseholdRow row = MakeRow(household);
  std::unique_lock lock(mu_);
  if (auto old = Locate(row.id); old != rows_.end()) rows_.erase(old);
  by_id_[row.id] = row.sort_key;
  auto at = std::lower_bound(rows_.begin(), rows_.end(), row, Less);
  rows_.insert(at, std::move(row));
}

std::vector<HouseholdRow> HouseholdIndex::List(const HouseholdQuery& query, int64_t* total) const {
  std::shared_lock lock(mu_);
  std::vector<HouseholdRow> page;
  const int64_t first = static_cast<int64_t>(query.page - 1) * query.page_size;
  int64_t n = 0;
  for (const auto& r : rows_) {
    if (!Matches(r, query)) continue;
    if (n >= first && n < first + query.page_size) page.push_back(r);
    ++n;
  }
  *total = n;
  return page;
}

std::optional<HouseholdRow> HouseholdIndex::Find(const std::string& id) const {
  std::shared_lock lock(mu_);
  auto it = Locate(id);
  if (it == rows_.end()) return std::nullopt;
  return *it;
}

}  // namespace fupin::server
