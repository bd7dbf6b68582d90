// 走访合规 Compliance per help-day cycle: did every responsible cadre visit each of
// their households between one help day and the next, and which cadres are "listed
// but not working" 挂名不出工.
//
// A cycle starts on a help day (policy::HelpDays) and ends the day before the next
// one. Its due households are those with a household_cadre assignment in force on
// the help day whose cadre is in office that day; a due household is visited when
// that cadre logged a visit to it dated within the cycle. A cadre with due
// households is idle when they logged no visit at all (to any household) in each of
// the last `idle_cycles` completed cycles (policy [[visits]]); cycles before the
// cadre's first household assignment do not count against them.
//
// ComputeCompliance is a pure function over the data it is given (unit-testable on a
// hand-made county), through a ComplianceModel: the data indexed once (by region,
// household and cadre, dates as day numbers), so that a county's figures for any
// region and cycle take milliseconds and a new visit is added in place.
// ComplianceFor reads the data from a store.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/region_code.hpp"
#include "core/status.hpp"
#include "policy/policy.hpp"
#include "store/store.hpp"

namespace fupin::visits {

/// One help-day cycle as of a day.
struct Cycle {
  Date help_day;                      // = start
  Date end;                           // the day before the next help day, or `today` while it runs
  std::optional<Date> next_help_day;  // none when the policy has no later help day
  bool running = false;               // today falls within the cycle (or no next help day is known)
  /// A cycle is completed once its next help day has come.
  bool Contains(Date d) const { return help_day <= d && d <= end; }
};

/// The cycle starting on `help_day` (which must be one of `help_days`, ascending) as of `today`.
Cycle CycleStartingOn(std::span<const Date> help_days, Date help_day, Date today);
/// The cycle `day` falls in: the one of the latest help day on or before it; nullopt
/// when no help day is on or before `day`.
std::optional<Cycle> CycleContaining(std::span<const Date> help_days, Date day);

/// The help days of years `year` - 1 to `year` + 1, ascending: enough for the cycles
/// of `year` and the look-back of the idle rule across New Year.
std::vector<Date> HelpDaysAround(const policy::Policy& policy, int year);

/// What compliance reads: household assignments (other kinds are ignored), cadres,
/// units, visits in brief and the regions (for names and children).
struct ComplianceData {
  std::vector<store::AssignmentRow> assignments;
  std::vector<store::CadreRow> cadres;
  std::vector<store::UnitRow> units;
  std::vector<store::VisitMark> visits;
  std::vector<store::Region> regions;
};

/// Reads the data for `within` (assignments and visits within it; every cadre and unit).
Result<ComplianceData> LoadComplianceData(store::Store& store, RegionCode within);

struct ComplianceCounts {
  int64_t cadres = 0;              // responsible cadres with due households
  int64_t cadres_all_visited = 0;  // of them, those who visited every due household
  int64_t households_due = 0;
  int64_t households_visited = 0;
  /// households_visited / households_due; 0 when nothing is due.
  double rate() const;
};

/// A child region (a town of a county, a village of a town).
struct RegionCompliance {
  RegionCode code;
  std::string name;
  ComplianceCounts counts;
  int64_t idle_cadres = 0;
};

struct UnitCompliance {
  std::string id;
  std::string name;
  ComplianceCounts counts;
};

/// 挂名不出工: a cadre without a visit in the last idle_cycles completed cycles.
struct IdleCadre {
  std::string cadre_id;
  std::string name;
  std::string unit_id;
  std::string unit_name;
  int64_t households = 0;          // due in the cycle, within the region
  int cycles_without_visit = 0;    // completed cycles in a row, up to the cycle asked for
  std::optional<Date> last_visit;  // on or before the cycle's end
};

struct ComplianceReport {
  store::Region region;
  Cycle cycle;
  std::vector<Date> cycles;  // help days of the cycle's year up to today
  ComplianceCounts summary;
  std::vector<RegionCompliance> children;  // every child region, by code
  std::vector<UnitCompliance> units;       // units with due households, by id
  std::vector<IdleCadre> idle;             // most cycles without a visit first, then by unit and id
  int idle_cycles = 0;
};

/// ComplianceData indexed for ComputeCompliance. Not thread-safe to change; safe to
/// read from many threads while nobody adds.
class ComplianceModel {
 public:
  explicit ComplianceModel(const ComplianceData& data);

  /// Adds one visit (e.g. one just written by this process).
  void AddVisit(const store::VisitMark& visit);
  size_t visits() const { return visit_count_; }

 private:
  friend Result<ComplianceReport> ComputeCompliance(const ComplianceModel&, std::span<const Date>, RegionCode,
                                                    std::optional<Date>, Date, int);
  struct CadreEntry {
    store::CadreRow row;
    int32_t active_from = 0;  // day numbers; an open end is INT32_MAX
    int32_t active_to = 0;
    int32_t first_assigned = 0;       // earliest household assignment; INT32_MAX when none
    std::vector<int32_t> visit_days;  // ascending, every visit of the cadre
  };
  struct HouseholdEntry {
    std::vector<std::pair<int32_t, int32_t>> visits;  // (day, cadre index), ascending
  };
  struct AssignmentEntry {
    uint64_t region = 0;  // the household's village
    int64_t id = 0;
    int32_t household = 0;
    int32_t cadre = 0;
    int32_t from = 0;
    int32_t to = 0;
  };
  int32_t CadreIndex(const std::string& id);
  int32_t HouseholdIndex(const std::string& id);

  std::vector<store::UnitRow> units_;
  std::vector<store::Region> regions_;
  std::vector<CadreEntry> cadres_;
  std::vector<HouseholdEntry> households_;
  std::vector<AssignmentEntry> assignments_;  // by region, then id
  std::unordered_map<std::string, int32_t> cadre_index_;
  std::unordered_map<std::string, int32_t> household_index_;
  size_t visit_count_ = 0;
};

/// Compliance of `region` in the cycle starting on `cycle` (default: the one
/// containing `today`). Errors: invalid_argument compliance.not_help_day when `cycle`
/// is not a help day, compliance.future when it is after `today`;
/// failed_precondition compliance.no_help_day when no help day is on or before today;
/// not_found when the region is not among the data's regions.
Result<ComplianceReport> ComputeCompliance(const ComplianceModel& model, std::span<const Date> help_days,
                                           RegionCode region, std::optional<Date> cycle, Date today,
                                           int idle_cycles);
/// The same over data not yet indexed.
Result<ComplianceReport> ComputeCompliance(const ComplianceData& data, std::span<const Date> help_days,
                                           RegionCode region, std::optional<Date> cycle, Date today,
                                           int idle_cycles);

/// ComputeCompliance over the store's data and the policy's help days and [[visits]]
/// rules (failed_precondition policy.visits when none is in force on the cycle's day).
Result<ComplianceReport> ComplianceFor(store::Store& store, const policy::Policy& policy, RegionCode region,
                                       std::optional<Date> cycle, Date today);

/// The report as GET /compliance/{code} answers it (docs/api.md, "Visits"); rates in
/// 0..1 rounded to four decimals.
nlohmann::json ComplianceToJson(const ComplianceReport& report, Date today);

/// The [[visits]] rules in force on `day`; failed_precondition policy.visits when none is.
Result<policy::VisitRules> VisitRulesOn(const policy::Policy& policy, Date day);

}  // namespace fupin::visits
