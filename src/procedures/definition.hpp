// The table that defines one kind of procedure, and the engine calls the kind files
// use to open and move procedures. Internal to procedures/: callers use
// procedure.hpp and monitoring.hpp.
//
// A kind is a list of states and of steps; each step names the state it may be taken
// from and the state it leads to, an optional guard (may the step be taken now?)
// and an optional effect (the change to the registry written with the step). The
// opening step leads from no state to the first one; reaching `final_state` closes
// the procedure as completed; rejection leads from any open state to "rejected".
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "procedures/procedure.hpp"

namespace fupin::procedures {

inline constexpr std::string_view kRejectedState = "rejected";
inline constexpr std::string_view kRejectStep = "reject";
inline constexpr std::string_view kPublicNoticeStep = "public_notice";

struct StateDef {
  std::string_view code;
  std::string_view zh;
  std::string_view en;
};

struct StepDef;

/// What a guard or an effect sees. `household` is the subject household as stored
/// (nullptr when the subject is a region). An effect sets `household_after` to the
/// record as it must be written; both may add to `evidence`.
struct StepContext {
  const Env& env;
  const Procedure& procedure;  // as it is before the step
  const StepDef& step;
  const StepInput& input;
  const registry::Household* household;
  nlohmann::json& evidence;
  std::optional<registry::Household>& household_after;
};

/// Refuses the step (a non-ok Status) or lets it through.
using Guard = Status (*)(StepContext& ctx);
/// Computes the registry change of the step; a non-ok Status refuses the step.
using Effect = Status (*)(StepContext& ctx);

struct StepDef {
  std::string_view code;
  std::string_view zh;
  std::string_view en;
  std::string_view from;  // empty for the opening step
  std::string_view to;
  Guard guard = nullptr;
  Effect effect = nullptr;
  /// Taken only through its own function (monitoring measures, income checks,
  /// elimination), because it needs more than actor, date and note.
  bool dedicated = false;
  std::string_view alias1 = {};
  std::string_view alias2 = {};

  /// True when `text` is the code (or the code with '-' for '_'), the Chinese or
  /// English name or an alias; codes and English case-insensitive.
  bool Matches(std::string_view text) const;
};

struct Definition {
  ProcedureKind kind;
  SubjectType subject_type;
  StepDef opening;
  std::span<const StepDef> steps;
  std::span<const StateDef> states;
  std::string_view final_state;
};

const Definition& DefinitionOf(ProcedureKind kind);
// One per kind file.
const Definition& HouseholdExitDefinition();
const Definition& IdentificationDefinition();
const Definition& ReturnToPovertyDefinition();
const Definition& MonitoringDefinition();
const Definition& VillageExitDefinition();
const Definition& CountyExitDefinition();

/// The step of `definition` named `text`, or nullptr.
const StepDef* FindStep(const Definition& definition, std::string_view text);

/// What an opening writes besides the procedure and its first step.
struct OpeningWrite {
  nlohmann::json evidence;
  /// The household to write with the opening (before == nullptr creates it).
  const registry::Household* household_before = nullptr;
  const registry::Household* household_after = nullptr;
};

/// Opens a procedure of `definition` on `subject` with its opening step: checks the
/// actor and date and that the subject has no open procedure, then writes.
Result<Procedure> Open(const Env& env, const Definition& definition, std::string subject,
                       const StepInput& input, const OpeningWrite& write);

/// What a step writes besides the procedure and the step row.
struct StepExtras {
  nlohmann::json evidence;
  std::optional<store::MonitoringMeasureRow> measure;
  std::optional<store::IncomeCheckRow> income_check;
};

/// Takes `step` on `procedure` (as loaded): checks that it is open, the expected
/// version, the order, the date and the step's guard, runs its effect, writes.
Result<Procedure> Advance(const Env& env, const Procedure& procedure, const StepDef& step,
                          const StepInput& input, StepExtras extras);

/// Guard of the step after 村内公示: the notice from day D lasts N days (N from
/// Policy::PublicNoticeAt(D), 7 when the policy has none), D to D+N-1; the next step
/// may be dated D+N or later. Refusal names the notice's last day and the first
/// allowed day (procedure.notice_period).
Status NoticePeriodOver(StepContext& ctx);

/// The refusal of an opening whose exit verdict fails (procedure.verdict_failed),
/// naming each failing criterion with its reason.
Status RefuseFailedVerdict(const Message& subject, const policy::ExitVerdict& verdict);

/// Checks shared by the openings.
Status CheckActorAndDate(const Env& env, const StepInput& input);
/// The stored household, or not_found naming `id`.
Result<registry::Household> LoadHousehold(store::Store& store, std::string_view id);
/// A failed_precondition (procedure.subject_status) saying what status the household
/// has and which ones `what` needs.
Status WrongHouseholdStatus(const registry::Household& household, const Message& what, const Message& needed);
/// "户 X" / "household X" or "村 X" / "village X" and so on.
Message SubjectLabel(ProcedureKind kind, std::string_view subject);
/// "程序 #7（贫困户退出，户 X）" / "procedure #7 (household exit, household X)".
Message Describe(const Procedure& procedure);
/// Per-capita net income as JSON evidence: fen and the display text.
nlohmann::json MoneyJson(Money money);

}  // namespace fupin::procedures
