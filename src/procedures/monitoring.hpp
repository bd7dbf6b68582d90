// 防返贫监测 Monitoring objects (2021 on): a household is identified into one of the
// three categories with the trigger that brought it in, gets assistance measures
// (帮扶措施) and income checks (收入核查) over time, and leaves monitoring when its
// risk is eliminated (风险消除). Each of these is a step of a procedure of kind
// monitoring, so the whole case is recorded like every other procedure; measures
// and income checks are also kept in their own tables.
//
// Risk elimination is refused unless every condition holds (each unmet one is
// named; see CheckRiskElimination and docs/procedures.md):
//   monitoring.stable_income      income above the monitoring threshold for the
//                                 policy's stable months (Policy::RiskEliminationAt)
//   monitoring.guarantees         every guarantee field of the household is 是
//   monitoring.risk_source        the risk source is marked resolved
//   monitoring.social_assistance  a household with no member able to work
//                                 (every member 丧失劳动力 or 无劳动力) also needs a
//                                 recorded 兜底保障 measure: income alone is not enough
// Other refusals: monitoring.not_identified (no open monitoring case),
// monitoring.category (category not allowed for the household), and the
// procedure.* rules of procedure.hpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "procedures/procedure.hpp"

namespace fupin::procedures {

/// 触发原因: why the household came under monitoring.
enum class MonitoringTrigger : uint8_t {
  kIncomeBelowThreshold,  // 收入低于监测标准
  kMedicalExpense,        // 大额医疗支出
  kSchoolingExpense,      // 大额教育支出
  kDisaster,              // 自然灾害
  kSuddenLoss,            // 突发变故 (accident, death, loss of work)
};

/// 帮扶措施类别.
enum class MeasureKind : uint8_t {
  kIndustry,          // 产业帮扶
  kEmployment,        // 就业帮扶
  kHealth,            // 健康帮扶
  kEducation,         // 教育帮扶
  kHousing,           // 住房安全保障
  kSocialAssistance,  // 兜底保障 (低保, 特困供养, 临时救助)
  kOther,             // 其他
};

/// 识别监测对象: opens a monitoring case for the household. Allowed for a household
/// that is 已脱贫, 非建档立卡户, or a 监测对象 whose earlier case is closed; 脱贫不稳定户
/// needs a household that has exited, 边缘易致贫户 one that never has; 突发严重困难户
/// any of them. The household becomes 监测对象 with the category and 风险是否消除 = 否
/// (written with a history row in the same transaction).
Result<Procedure> IdentifyMonitoringObject(const Env& env, std::string_view household_id,
                                           registry::MonitoringCategory category, MonitoringTrigger trigger,
                                           const StepInput& input);

/// Records an assistance measure on the household's open monitoring case.
Result<Procedure> RecordMeasure(const Env& env, std::string_view household_id, MeasureKind kind,
                                const StepInput& input);

/// Records an income check: the household's per-capita yearly income found on
/// `input.date`, compared with the monitoring threshold of that year.
Result<Procedure> RecordIncomeCheck(const Env& env, std::string_view household_id, Money per_capita_income,
                                    const StepInput& input);

/// One condition of risk elimination.
struct EliminationCondition {
  std::string id;  // e.g. "monitoring.stable_income"
  Message name;
  bool met = false;
  Message reason;
};

/// The conditions of risk elimination as they stand on `date`, every one of them
/// (social assistance only for a household without labour capacity).
Result<std::vector<EliminationCondition>> CheckRiskElimination(const Env& env, std::string_view household_id,
                                                               Date date, bool risk_source_resolved);

/// 风险消除: closes the monitoring case and sets the household's 风险是否消除 = 是. Refused
/// (failed_precondition; rule = the first unmet condition; the message names every
/// unmet one) unless every condition holds. The conditions are the evidence.
Result<Procedure> EliminateRisk(const Env& env, std::string_view household_id, bool risk_source_resolved,
                                const StepInput& input);

/// The open monitoring case of a household; monitoring.not_identified when none.
Result<Procedure> OpenMonitoringCase(store::Store& store, std::string_view household_id);

}  // namespace fupin::procedures

namespace fupin {
template <>
std::span<const Term> TermsOf<procedures::MonitoringTrigger>();
template <>
std::span<const Term> TermsOf<procedures::MeasureKind>();
}  // namespace fupin
