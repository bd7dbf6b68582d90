// 帮扶走访 Visits: a responsible cadre's record of a visit (or call) to one of their
// own households — date and time, kind, measures taken, problems found (each becomes
// a problem record 问题, status "open"), notes and an optional location. Records are
// store::VisitRow; this file holds their vocabularies, validation and logging.
//
// Logging is idempotent by the phone's client_id (a UUID): the same client_id again
// returns the stored visit and writes nothing, so an offline queue can replay safely.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/vocabulary.hpp"
#include "store/store.hpp"

namespace fupin::visits {

/// 走访方式: home visit 入户走访, phone call 电话联系, other 其他.
enum class VisitKind : uint8_t { kHomeVisit, kPhoneCall, kOther };

/// 帮扶措施 taken during a visit.
enum class VisitMeasure : uint8_t {
  kPolicyExplanation,  // 政策宣讲
  kIndustry,           // 产业帮扶
  kEmployment,         // 就业帮扶
  kEducation,          // 教育帮扶
  kHealth,             // 健康帮扶
  kHousing,            // 住房保障
  kSocialSecurity,     // 社会保障
  kProductSales,       // 消费帮扶 (sales of the household's products)
  kOther,              // 其他
};

/// 问题状态: open 待解决 (as a visit records it), resolved 已解决 (by the supervision work).
enum class ProblemStatus : uint8_t { kOpen, kResolved };

/// A problem as the phone sends it.
struct ProblemInput {
  std::string description;
  std::string category;  // optional free text
};

/// A visit as the phone sends it, before validation. Codes may be given as code,
/// Chinese or English term.
struct VisitInput {
  std::string client_id;
  std::string household_id;
  std::string date;  // YYYY-MM-DD
  std::string time;  // HH:MM
  std::string kind;
  std::vector<std::string> measures;
  std::vector<ProblemInput> problems;
  std::string notes;
  std::optional<double> lat;
  std::optional<double> lng;
};

/// True for a UUID in its 8-4-4-4-12 hexadecimal form.
bool IsClientId(std::string_view text);

/// Checks every field; the first problem as invalid_argument naming the field and the
/// rule: visit.client_id (missing or not a UUID), visit.household (missing),
/// visit.date (missing or not a date), visit.date_future (after `today`), visit.time
/// (not HH:MM), visit.kind (missing or unknown), visit.measure (unknown),
/// visit.measure_duplicate, visit.problem (description missing or too long),
/// visit.notes (too long), visit.location (only one of lat/lng, or out of range).
/// The result carries codes, a lowercase client_id and open problems; village,
/// cadre and recorded_by are for the caller.
Result<store::VisitRow> ValidateVisit(const VisitInput& input, Date today);

/// The cadre whose phone is `phone` (in office on `day` if several share it);
/// nullopt when none is.
Result<std::optional<store::CadreRow>> CadreWithPhone(store::Store& store, std::string_view phone, Date day);

/// The households `cadre` is responsible for on `day` (household_cadre assignments
/// in force, cadre in office), by household id.
Result<std::vector<store::AssignmentRow>> OwnHouseholds(store::Store& store, const store::CadreRow& cadre,
                                                        Date day);

struct LoggedVisit {
  store::VisitRow visit;   // as stored, with its problems and photos
  bool duplicate = false;  // the client_id was already stored; nothing was written
};

/// Logs a visit of `cadre`: a client_id already stored returns that visit
/// (duplicate; conflict visit.client_id_taken when it is another cadre's); otherwise
/// ValidateVisit, then the household must be one of the cadre's own on the visit's
/// date (not_found otherwise), then the visit, its problems and an audit entry
/// ("visits.log", from `ip`, added to those of `context`) are written in one transaction.
Result<LoggedVisit> LogVisit(store::Store& store, const VisitInput& input, const store::CadreRow& cadre,
                             Date today, const store::ChangeContext& context, std::string_view ip = {});

}  // namespace fupin::visits

namespace fupin {
template <>
std::span<const Term> TermsOf<visits::VisitKind>();
template <>
std::span<const Term> TermsOf<visits::VisitMeasure>();
template <>
std::span<const Term> TermsOf<visits::ProblemStatus>();
}  // namespace fupin
