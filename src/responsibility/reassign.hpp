// 调整包保 Reassignment: when a cadre leaves (or is moved), every open assignment
// they hold moves to other cadres in one transaction: the old assignment ends the
// day before `date`, the new one starts on `date`, with history rows. Nothing is
// left uncovered without a recorded reason, and the load rule holds for every
// cadre who takes households.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "policy/policy.hpp"
#include "store/store.hpp"

namespace fupin::responsibility {

struct ReassignPlan {
  Date date;                                 // first day of the new responsibility
  std::string to_cadre;                      // takes every assignment not in `moves`; "" for none
  std::map<std::string, std::string> moves;  // target (e.g. household id) -> cadre id
  std::string reason;         // recorded on every ended assignment; required to leave one uncovered
  bool cadre_leaves = false;  // also end the cadre's term of office the day before `date`
};

struct ReassignResult {
  int64_t moved = 0;                     // assignments handed over
  std::vector<std::string> uncovered;    // targets left without a holder (with the reason)
  std::map<std::string, int64_t> taken;  // cadre id -> assignments received
};

/// The open assignments `from_cadre` holds on `date` (what a reassignment moves).
Result<std::vector<store::AssignmentRow>> OpenAssignmentsOf(store::Store& store, std::string_view from_cadre,
                                                            Date date);

/// Moves every open assignment of `from_cadre` per `plan`, all or nothing. Refusals:
/// not_found cadre; reassign.same_cadre; cadre.unknown / cadre.inactive for a
/// receiving cadre not in office on the date; reassign.uncovered (failed
/// precondition) when an assignment would be left without a holder and no reason is
/// given — the message names the targets; load.max_households when a receiving
/// cadre would exceed the policy's load rule; reassign.date when an assignment
/// started on or after `date`. With `cadre_leaves` the cadre's active_to becomes the
/// day before `date` in the same transaction, as are the `audit` entries (the server's
/// record of who asked for the handover).
Result<ReassignResult> ReassignCadre(store::Store& store, const policy::Policy& policy,
                                     std::string_view from_cadre, const ReassignPlan& plan,
                                     const std::string& actor, std::vector<store::AuditEvent> audit = {});

}  // namespace fupin::responsibility
