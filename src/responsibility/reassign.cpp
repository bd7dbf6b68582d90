#include "responsibility/reassign.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "command/cadre.hpp"
#include "responsibility/assignment.hpp"

namespace fupin::responsibility {

Result<std::vector<store::AssignmentRow>> OpenAssignmentsOf(store::Store& store, std::string_view from_cadre,
                                                            Date date) {
  store::AssignmentFilter filter;
  filter.cadre_id = std::string(from_cadre);
  filter.active_on = date.ToString();
  FUPIN_ASSIGN_OR_RETURN(auto rows, store.ListAssignments(filter));
  std::vector<store::AssignmentRow> open;
  for (auto& a : rows) {
    if (a.date_to.empty()) open.push_back(std::move(a));
  }
  return open;
}

Result<ReassignResult> ReassignCadre(store::Store& store, const policy::Policy& policy,
                                     std::string_view from_cadre, const ReassignPlan& plan,
                                     const std::string& actor, std::vector<store::AuditEvent> audit) {
  FUPIN_ASSIGN_OR_RETURN(auto from, store.FindCadre(from_cadre));
  if (!from) {
    return Status::NotFound("from", {fmt::format("干部 {} 不存在", from_cadre),
                                     fmt::format("cadre {} does not exist", from_cadre)});
  }
  FUPIN_ASSIGN_OR_RETURN(auto open, OpenAssignmentsOf(store, from_cadre, plan.date));

  // Receiving cadres: stored, in office, not the one leaving.
  std::unordered_map<std::string, store::CadreRow> receivers;
  const auto receiver = [&](const std::string& id) -> Status {
    if (id.empty() || receivers.contains(id)) return Status::Ok();
    if (id == from->id) {
      return Status::Invalid(
          "to", "reassign.same_cadre",
          {fmt::format("不能把干部 {}（{}）的包保调整给其本人", from->name, from->id),
           fmt::format("cannot reassign cadre {} ({}) to themselves", from->name, from->id)});
    }
    FUPIN_ASSIGN_OR_RETURN(auto c, store.FindCadre(id));
    if (!c) {
      return Status::NotFound("to", {fmt::format("接替的干部 {} 不存在", id),
                                     fmt::format("receiving cadre {} does not exist", id)});
    }
    if (!command::ActiveOn(*c, plan.date)) {
      return Status::FailedPrecondition(
          "to", "cadre.inactive",
          {fmt::format("接替的干部 {}（{}）在 {} 不在任", c->name, c->id, plan.date.ToString()),
           fmt::format("receiving cadre {} ({}) is not in office on {}", c->name, c->id,
                       plan.date.ToString())});
    }
    receivers.emplace(id, *c);
    return Status::Ok();
  };
  FUPIN_RETURN_IF_ERROR(receiver(plan.to_cadre));
  for (const auto& [target, cadre] : plan.moves) FUPIN_RETURN_IF_ERROR(receiver(cadre));

  ReassignResult result;
  store::AssignmentChange change;
  std::vector<std::string> uncovered;
  std::unordered_map<std::string, int64_t> new_households;
  const std::string end_day = plan.date.AddDays(-1).ToString();
  for (const store::AssignmentRow& a : open) {
    if (a.date_from >= plan.date.ToString()) {
      return Status::Invalid(
          "date", "reassign.date",
          {fmt::format("包保记录 #{}（{}）自 {} 起，调整日期 {} 须晚于它", a.id, a.target, a.date_from,
                       plan.date.ToString()),
           fmt::format("assignment #{} ({}) starts on {}; the reassignment date {} must be later", a.id,
                       a.target, a.date_from, plan.date.ToString())});
    }
    auto move = plan.moves.find(a.target);
    const std::string to = move != plan.moves.end() ? move->second : plan.to_cadre;
    if (to.empty()) {
      uncovered.push_back(a.target);
      continue;
    }
    store::AssignmentRow next = a;
    next.id = 0;
    next.cadre_id = to;
    next.date_from = plan.date.ToString();
    next.date_to.clear();
    next.note = plan.reason.empty()
                    ? fmt::format("接替 {}（{}）/ takes over from {}", from->name, from->id, from->id)
                    : fmt::format("接替 {}（{}）：{}", from->name, from->id, plan.reason);
    next.end_note.clear();
    change.inserts.push_back(std::move(next));
    ++result.taken[to];
    if (a.kind == "household_cadre") ++new_households[to];
  }
  if (!uncovered.empty() && plan.reason.empty()) {
    std::string list;
    for (size_t i = 0; i < uncovered.size() && i < 5; ++i)
      list += fmt::format("{}{}", i == 0 ? "" : "、", uncovered[i]);
    if (uncovered.size() > 5) list += fmt::format(" 等 {} 项", uncovered.size());
    return Status::FailedPrecondition(
        "to", "reassign.uncovered",
        {fmt::format("干部 {}（{}）的 {} 项包保没有接替人：{}。请指定接替干部，或填写原因后再调整",
                     from->name, from->id, uncovered.size(), list),
         fmt::format(
             "{} assignments of cadre {} ({}) would have no holder: {}. Name a receiving cadre, or give a "
             "reason to leave them uncovered",
             uncovered.size(), from->name, from->id, list)});
  }
  for (const auto& [id, n] : new_households) {
    FUPIN_ASSIGN_OR_RETURN(int64_t current, HouseholdLoad(store, id, plan.date));
    FUPIN_RETURN_IF_ERROR(CheckLoad(policy, receivers.at(id), current + n, plan.date));
  }
  for (const store::AssignmentRow& a : open) {
    const bool left = std::find(uncovered.begin(), uncovered.end(), a.target) != uncovered.end();
    std::string note = left                  ? fmt::format("无人接替 / left uncovered：{}", plan.reason)
                       : plan.reason.empty() ? std::string("移交 / handed over")
                                             : fmt::format("移交 / handed over：{}", plan.reason);
    change.ends.push_back({a.id, end_day, std::move(note)});
  }
  result.moved = static_cast<int64_t>(change.inserts.size());
  result.uncovered = std::move(uncovered);
  if (plan.cadre_leaves) {
    change.cadre_leaving = from->id;
    change.left_on = end_day;
  }
  if (!change.ends.empty() || plan.cadre_leaves) {
    FUPIN_RETURN_IF_ERROR(
        store.WriteAssignments(change, {actor, fmt::format("reassign:{}", from->id), std::move(audit)})
            .status());
  }
  return result;
}

}  // namespace fupin::responsibility
