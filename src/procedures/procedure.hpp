// Procedures 程序: the recorded workflows that change the registry — household exit
// 贫困户退出, identification of a new poor household 识别纳入, return to poverty 返贫,
// monitoring objects 防返贫监测 (monitoring.hpp) and village and county exit
// 贫困村/贫困县退出.
//
// Each kind is a small state machine (definition.hpp; one file per kind). A
// procedure is opened by its first step and moves by steps, each recorded with actor,
// date, note, the state before and after, and evidence (JSON). A step that is not
// the next one for the current state, on a closed procedure, dated before the
// previous step or after today, or taken before a guard allows it (the public-notice
// period) is refused with a Status naming the procedure, the field and the rule. Any
// open procedure may be rejected with a reason; it then ends, and the registry is
// untouched. A subject (household or region) has at most one open procedure.
//
// Every write goes through store::Store::WriteProcedureChange in one transaction: the
// step, the procedure's new state and, for the steps that change the registry, the
// household with its history row. Optimistic concurrency: a step computed from an
// older version of the procedure fails with conflict `procedure.stale`.
//
// Rules of refusals (Status::rule): not_found, procedure.closed,
// procedure.step_order, procedure.unknown_step, procedure.dedicated_step,
// procedure.date_in_future, procedure.date_order, procedure.actor_missing,
// procedure.reason_missing, procedure.stale, procedure.open_exists,
// procedure.subject_status, procedure.verdict_failed, procedure.notice_period,
// procedure.region_level. See docs/procedures.md.
//
// Functions here are not thread-safe with respect to one Store (a Store is used from
// one thread at a time); separate processes are kept consistent by the versions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/region_code.hpp"
#include "core/status.hpp"
#include "core/vocabulary.hpp"
#include "policy/exit_evaluation.hpp"
#include "policy/policy.hpp"
#include "registry/household.hpp"
#include "store/store.hpp"

namespace fupin::procedures {

/// 程序类别. Stable codes: household_exit, identification, return_to_poverty,
/// monitoring, village_exit, county_exit (CLI aliases: exit, identify, return,
/// monitor, village-exit, county-exit).
enum class ProcedureKind : uint8_t {
  kHouseholdExit,    // 贫困户退出
  kIdentification,   // 识别纳入
  kReturnToPoverty,  // 返贫
  kMonitoring,       // 防返贫监测
  kVillageExit,      // 贫困村退出
  kCountyExit,       // 贫困县退出
};

/// 办理结果: open while steps may follow; completed when the last step is done;
/// rejected when a step rejected it.
enum class Outcome : uint8_t { kOpen, kCompleted, kRejected };

/// What a procedure is about.
enum class SubjectType : uint8_t { kHousehold, kRegion };

/// Where procedures run: the store, the policy in force and the day that counts as
/// today (steps dated later are refused). The references must outlive the calls.
struct Env {
  store::Store& store;
  const policy::Policy& policy;
  Date today = Date::Today();
};

/// Who takes a step, on which day and why. `date` is the day the step happened (given
/// by the caller; not before the previous step, not after today). `note` is free
/// text; for a rejection it is the reason and must not be empty. With
/// `expected_version` the step is refused (conflict procedure.stale) unless the
/// procedure is still at that version.
struct StepInput {
  std::string actor;
  Date date;
  std::string note;
  std::optional<int64_t> expected_version;
};

/// One recorded step.
struct StepRecord {
  int64_t seq = 0;
  std::string step;  // code, e.g. "town_review"
  std::string actor;
  Date date;
  std::string note;
  std::string state_before;  // empty for the opening step
  std::string state_after;
  nlohmann::json evidence;  // null when none
  std::string recorded_at;  // ISO 8601 UTC
};

/// A procedure with its steps, oldest first.
struct Procedure {
  int64_t id = 0;
  ProcedureKind kind = ProcedureKind::kHouseholdExit;
  std::string subject;  // household id, or region code (12 digits)
  std::string state;    // state code, e.g. "in_public_notice"
  Date opened_at;
  std::optional<Date> closed_at;
  Outcome outcome = Outcome::kOpen;
  int64_t version = 0;
  std::vector<StepRecord> steps;

  bool open() const { return outcome == Outcome::kOpen; }
};

/// A step that may be taken next, for help texts and `procedure show`.
struct NextStep {
  std::string code;
  Message name;
};

// --- Opening a procedure ---------------------------------------------------------

/// 贫困户退出, step 村提名. The household must be 未脱贫 or 返贫 and have no open
/// procedure. Its exit verdict for the year of `input.date` (policy::EvaluateHousehold)
/// is the evidence; when a criterion fails the exit is refused
/// (procedure.verdict_failed, naming the failing criteria) unless `override_reason`
/// is given, which is recorded.
Result<Procedure> StartHouseholdExit(const Env& env, std::string_view household_id, const StepInput& input,
                                     std::string_view override_reason = {});

/// 识别纳入, step 农户申请, for a household in the registry as 非建档立卡户.
Result<Procedure> StartIdentification(const Env& env, std::string_view household_id, const StepInput& input);

/// 识别纳入 for a household not yet in the registry: `applicant` is written as
/// 非建档立卡户 with the opening step (already_exists when its id is taken; the
/// village must be a known village; members with one head; an ID number already
/// registered elsewhere is a conflict).
Result<Procedure> StartIdentification(const Env& env, const registry::Household& applicant,
                                      const StepInput& input);

/// 返贫, step 提出. The household must be 已脱贫, or a monitoring object that had exited.
Result<Procedure> StartReturnToPoverty(const Env& env, std::string_view household_id, const StepInput& input);

/// 贫困村退出, step 申请. `village` must be a village (12 digits) in the region table.
/// The verdict of policy::EvaluateVillage for the year of `input.date` and the facts
/// are the evidence; refused when the verdict fails unless `override_reason` is given.
Result<Procedure> StartVillageExit(const Env& env, RegionCode village, const policy::VillageFacts& facts,
                                   const StepInput& input, std::string_view override_reason = {});

/// 贫困县退出, as StartVillageExit with policy::EvaluateCounty; `county` is a 6-digit code.
Result<Procedure> StartCountyExit(const Env& env, RegionCode county, const policy::CountyFacts& facts,
                                  const StepInput& input, std::string_view override_reason = {});

// --- Moving a procedure ------------------------------------------------------------

/// Takes the step named `step` (code, Chinese or English name, e.g. "town_review",
/// "乡镇审核", "town review"). Monitoring steps other than rejection go through
/// monitoring.hpp (procedure.dedicated_step). Returns the procedure after the step.
Result<Procedure> TakeStep(const Env& env, int64_t procedure_id, std::string_view step,
                           const StepInput& input);

/// Rejects an open procedure with `input.note` as the reason; it ends rejected and
/// the registry is untouched.
Result<Procedure> Reject(const Env& env, int64_t procedure_id, const StepInput& input);

// --- Reading -------------------------------------------------------------------------

/// not_found (field "procedure") when there is no such procedure.
Result<Procedure> LoadProcedure(store::Store& store, int64_t procedure_id);
/// Procedures matching the filter, by id, without their steps.
Result<std::vector<Procedure>> ListProcedures(store::Store& store, const store::ProcedureFilter& filter);

/// The steps that may follow the procedure's state (empty when closed), rejection not
/// included.
std::vector<NextStep> NextSteps(const Procedure& procedure);
/// Chinese and English name of a state or a step of a kind; the code itself when unknown.
Message StateName(ProcedureKind kind, std::string_view state);
Message StepName(ProcedureKind kind, std::string_view step);
SubjectType SubjectTypeOf(ProcedureKind kind);

/// The procedure with its steps as JSON (codes and zh/en names; dates "YYYY-MM-DD").
nlohmann::json ProcedureToJson(const Procedure& procedure);
/// An exit verdict as JSON, as it is kept as evidence.
nlohmann::json VerdictToJson(const policy::ExitVerdict& verdict);

}  // namespace fupin::procedures

namespace fupin {
template <>
std::span<const Term> TermsOf<procedures::ProcedureKind>();
template <>
std::span<const Term> TermsOf<procedures::Outcome>();
}  // namespace fupin
