// The household file layout 建档立卡户信息表: one row per person, the household's own
// fields repeated on each member's row (as the national system exports them). Column
// headers are Chinese; English aliases are accepted on import. docs/data-format.md
// documents the layout; export writes exactly these headers in this order.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "registry/household.hpp"

namespace fupin::registry {

enum class Column : uint8_t {
  kHouseholdId,
  kVillage,
  kGroup,
  kRelation,
  kName,
  kIdNumber,
  kSex,
  kBirthDate,
  kEthnicity,
  kEducation,
  kSchooling,
  kHealth,
  kLabour,
  kMigrantWork,
  kMedicalInsurance,
  kPensionInsurance,
  // Household fields from here on.
  kAttribute,
  kMainCause,
  kOtherCauses,
  kWages,
  kProduction,
  kProperty,
  kTransfer,
  kProductionCosts,
  kPerCapitaNet,
  kFood,
  kClothing,
  kEducationGuarantee,
  kMedicalGuarantee,
  kHousing,
  kWater,
  kElectricity,
  kRadioTv,
  kRegistrationYear,
  kStatus,
  kExitYear,
  kMonitoringCategory,
  kRiskEliminated,
  kPhone,
  kCadreName,
  kCadrePhone,
  kCadreUnit,
  // Written into reject files with the reasons; ignored on import.
  kImportError,
};
inline constexpr size_t kColumnCount = static_cast<size_t>(Column::kImportError) + 1;
inline constexpr Column kFirstHouseholdColumn = Column::kAttribute;

struct ColumnInfo {
  Column column;
  std::string_view zh;  // the header written on export
  std::string_view en;  // English alias (snake_case)
  std::string_view alias = {};
  bool required = false;  // must be present in the header
};

const ColumnInfo& InfoOf(Column column);
/// The export header row, in order (without kImportError).
std::vector<std::string> ExportHeader();

/// Maps a file's header row to columns. Unknown or repeated headers are errors.
struct HeaderMap {
  /// For each file position, the column it holds.
  std::vector<Column> by_position;
  /// For each column, its file position, or -1 when absent.
  std::array<int, kColumnCount> position{};
};
Result<HeaderMap> MapHeader(const std::vector<std::string_view>& header);

/// One problem found in a file: which row, which column, what value, which rule.
struct RowProblem {
  size_t row = 0;      // 1-based line (CSV) or sheet row (XLSX) in the file
  std::string column;  // the header as written in the file, or "" for the whole row
  std::string value;   // the value as read (ID and phone numbers masked)
  std::string rule;    // e.g. "id.check_char"
  Message message;
  std::string household_id;
};

/// A person row parsed from the file, with the household's fields as given on that row.
struct ParsedRow {
  size_t row = 0;
  std::string household_id;
  Person person;
  Household household_fields;  // members empty; only household-level fields set
  bool has_household_fields = false;
  std::optional<Money> given_per_capita;  // 人均纯收入 as written, checked against the components
  bool valid = true;
};

/// Parses one data row. Appends any problems (each naming row, column, value, rule)
/// and marks the row invalid; never stops at the first problem of a row.
ParsedRow ParseRow(const HeaderMap& header, const std::vector<std::string_view>& fields, size_t row,
                   Date today, std::vector<RowProblem>* problems);

/// The first household-level column where `a` and `b` differ, if any.
std::optional<Column> FirstHouseholdDifference(const Household& a, const Household& b);

/// One file row per member, in ExportHeader() order. Masks ID and phone numbers
/// unless `unmasked`.
std::vector<std::vector<std::string>> HouseholdToRows(const Household& household, bool unmasked);

}  // namespace fupin::registry
