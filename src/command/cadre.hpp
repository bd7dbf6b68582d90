// Units 单位 and cadres 干部: the people and bodies the command structure and the
// four-level responsibility (包保) are made of. Records are store::UnitRow and
// store::CadreRow; this file holds their vocabularies, checks and file import.
#pragma once

#include <filesystem>
#include <span>

#include "core/date.hpp"
#include "core/vocabulary.hpp"
#include "registry/table_file.hpp"
#include "store/store.hpp"

namespace fupin::command {

/// 单位类别: county department 县级部门, town 乡镇(街道), other helping unit 其他帮扶单位.
enum class UnitKind : uint8_t { kCountyDepartment, kTown, kOther };

/// 职级: county leader 县级领导, section level 科级, other 其他.
enum class CadreLevel : uint8_t { kCountyLeader, kSection, kOther };

/// True when the cadre is in office on `day` (active_from <= day <= active_to).
bool ActiveOn(const store::CadreRow& cadre, Date day);

/// "139****5678"-style check: 11 digits starting with 1.
bool IsMobilePhone(std::string_view phone);

/// The unit layout 单位表: 单位编码, 单位名称, 单位类别, 所属区划 (docs/data-format.md).
std::span<const registry::TableColumn> UnitLayout();
/// The cadre layout 干部表: 干部编号, 姓名, 单位编码, 职务, 职级, 是否党员, 联系电话,
/// 任职起, 任职止.
std::span<const registry::TableColumn> CadreLayout();

/// Imports units. All or nothing unless skip_invalid; every problem names row,
/// column, value and rule. Rules: row.required, unit.duplicate_id,
/// unit.duplicate_name, unit.kind, region.format, region.unknown.
Result<registry::TableImportReport> ImportUnitFile(store::Store& store, const std::filesystem::path& path,
                                                   const registry::TableImportOptions& options);

/// Imports cadres (units first). Rules: row.required, cadre.duplicate_id,
/// unit.unknown, cadre.level, cadre.party_member, phone.format, date.format,
/// date.order.
Result<registry::TableImportReport> ImportCadreFile(store::Store& store, const std::filesystem::path& path,
                                                    const registry::TableImportOptions& options);

}  // namespace fupin::command

namespace fupin {
template <>
std::span<const Term> TermsOf<command::UnitKind>();
template <>
std::span<const Term> TermsOf<command::CadreLevel>();
}  // namespace fupin
