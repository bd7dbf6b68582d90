#include "registry/household_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <fstream>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "io/row_source.hpp"
#include "registry/table_file.hpp"

namespace fupin::registry {
namespace {

// A household as assembled from its rows.
struct Build {
  Household household;
  bool has_fields = false;
  size_t fields_row = 0;
  int heads = 0;
  size_t second_head_row = 0;
  std::optional<Money> given_per_capita;
  size_t per_capita_row = 0;
  std::vector<size_t> rows;
  bool bad = false;
};

// A person row with a valid ID number: the ID packed into an integer (see IdKey), the
// household it is in and where. Sorted by key and row, the rows of one ID line up with
// the first occurrence first: cheaper than a hash map of strings at millions of rows.
struct PersonSeen {
  uint64_t key;
  size_t build;
  size_t row;
};

// A canonical 18-character ID number (17 digits and a digit or X) as an integer, one to
// one: the 17 digits times 11 plus the check character's value (X = 10), < 1.1e18.
uint64_t IdKey(std::string_view id) {
  assert(id.size() == 18);
  uint64_t key = 0;
  for (size_t i = 0; i < 17; ++i) key = key * 10 + static_cast<uint64_t>(id[i] - '0');
  return key * 11 + (id[17] == 'X' ? 10 : static_cast<uint64_t>(id[17] - '0'));
}

std::string IdFromKey(uint64_t key) {
  std::string id(18, '0');
  const uint64_t check = key % 11;
  id[17] = check == 10 ? 'X' : static_cast<char>('0' + check);
  key /= 11;
  for (size_t i = 17; i-- > 0; key /= 10) id[i] = static_cast<char>('0' + key % 10);
  return id;
}

void AddProblem(std::vector<RowProblem>* problems, size_t row, Column column, std::string value,
                std::string rule, Message message, const std::string& household_id) {
  problems->push_back({row, std::string(InfoOf(column).zh), std::move(value), std::move(rule),
                       std::move(message), household_id});
}

}  // namespace

Result<ImportReport> ImportHouseholdFile(store::Store& store, const std::filesystem::path& path,
                                         const ImportOptions& options) {
  ImportReport report;
  FUPIN_ASSIGN_OR_RETURN(auto source, io::OpenRowSource(path, options.encoding));
  report.encoding = source->detected_encoding();

  std::vector<std::string_view> fields;
  if (!source->Next(&fields)) {
    FUPIN_RETURN_IF_ERROR(source->status());
    return Status::Invalid("file", "file.empty",
                           {fmt::format("文件 {} 是空的，没有表头", path.string()),
                            fmt::format("file {} is empty: no header row", path.string())});
  }
  FUPIN_ASSIGN_OR_RETURN(HeaderMap header, MapHeader(fields));

  std::vector<Build> builds;
  std::unordered_map<std::string, size_t> build_of;
  std::vector<PersonSeen> person_seen;
  std::vector<size_t> orphan_rows;  // rows without a household id
  auto& problems = report.problems;
  size_t last_build = SIZE_MAX;  // the rows of a household usually follow each other

  while (source->Next(&fields)) {
    bool blank = true;
    for (auto f : fields) blank = blank && f.find_first_not_of(" \t\r") == std::string_view::npos;
    if (blank) continue;
    ++report.rows;
    const size_t row = source->line();
    ParsedRow parsed = ParseRow(header, fields, row, options.today, &problems);
    if (parsed.household_id.empty()) {
      orphan_rows.push_back(row);
      continue;
    }
    if (last_build == SIZE_MAX || builds[last_build].household.id != parsed.household_id) {
      auto [it, inserted] = build_of.try_emplace(parsed.household_id, builds.size());
      if (inserted) builds.emplace_back().household.id = parsed.household_id;
      last_build = it->second;
    }
    const size_t bi = last_build;
    Build& b = builds[bi];
    b.rows.push_back(row);
    if (!parsed.valid) b.bad = true;

    if (parsed.has_household_fields || parsed.person.relation == Relation::kHead) {
      if (!b.has_fields) {
        parsed.household_fields.members = std::move(b.household.members);
        b.household = std::move(parsed.household_fields);
        b.has_fields = true;
        b.fields_row = row;
      } else if (auto diff = FirstHouseholdDifference(b.household, parsed.household_fields)) {
        const int pos = header.position[static_cast<size_t>(*diff)];
        std::string value = pos >= 0 && static_cast<size_t>(pos) < fields.size()
                                ? std::string(fields[static_cast<size_t>(pos)])
                                : std::string();
        AddProblem(&problems, row, *diff, value, "household.inconsistent",
                   {fmt::format("第 {} 行户 {} 的“{}”与第 {} 行不一致", row, b.household.id, InfoOf(*diff).zh,
                                b.fields_row),
                    fmt::format("row {}: household {} has a different {} than on row {}", row, b.household.id,
                                InfoOf(*diff).en, b.fields_row)},
                   b.household.id);
        b.bad = true;
      }
      if (parsed.given_per_capita && !b.given_per_capita) {
        b.given_per_capita = parsed.given_per_capita;
        b.per_capita_row = row;
      }
    }
    if (parsed.person.relation == Relation::kHead) {
      if (++b.heads == 2) b.second_head_row = row;
    }

    if (!parsed.person.id_number.empty()) person_seen.push_back({IdKey(parsed.person.id_number), bi, row});
    if (parsed.person.relation == Relation::kHead) {
      b.household.members.insert(b.household.members.begin(), std::move(parsed.person));
    } else {
      b.household.members.push_back(std::move(parsed.person));
    }
  }
  FUPIN_RETURN_IF_ERROR(source->status());
  source.reset();  // the file's text is no longer needed (fields pointed into it)

  for (size_t row : orphan_rows) (void)row;  // reported by ParseRow (row.required)

  // The same person twice in the file: every later row is reported against the first.
  std::sort(person_seen.begin(), person_seen.end(), [](const PersonSeen& a, const PersonSeen& b) {
    return a.key != b.key ? a.key < b.key : a.row < b.row;
  });
  size_t distinct_ids = 0;
  size_t first = 0;  // index of the first occurrence of the current ID
  for (size_t i = 0; i < person_seen.size(); ++i) {
    if (i == 0 || person_seen[i - 1].key != person_seen[i].key) {
      first = i;
      ++distinct_ids;
      continue;
    }
    const PersonSeen& seen = person_seen[first];
    const PersonSeen& again = person_seen[i];
    const size_t row = again.row;
    Build& b = builds[again.build];
    const Build& other = builds[seen.build];
    const bool same = seen.build == again.build;
    AddProblem(
        &problems, row, Column::kIdNumber, IdNumber::Mask(IdFromKey(again.key)),
        same ? "person.duplicate" : "person.two_households",
        same ? Message{fmt::format("第 {} 行身份证号与第 {} 行重复（同一户）", row, seen.row),
                       fmt::format("row {}: the ID number repeats row {} (same household)", row, seen.row)}
             : Message{fmt::format("第 {} 行此人已在第 {} 行登记于户 {}，一人不能属于两户", row, seen.row,
                                   other.household.id),
                       fmt::format("row {}: this person is already in household {} on row {}; a "
                                   "person cannot belong to two households",
                                   row, other.household.id, seen.row)},
        b.household.id);
    b.bad = true;
    builds[seen.build].bad = true;
  }
  // The row where each ID number first appears.
  auto first_row_of = [&person_seen](const std::string& id) {
    const uint64_t key = IdKey(id);
    return std::lower_bound(person_seen.begin(), person_seen.end(), key,
                            [](const PersonSeen& p, uint64_t k) { return p.key < k; })
        ->row;
  };

  // Checks across the rows of each household and against the store.
  std::set<RegionCode> villages;
  for (size_t i = 0; i < builds.size(); ++i) {
    const RegionCode v = builds[i].household.village;
    if (i == 0 || v != builds[i - 1].household.village) villages.insert(v);  // households come by village
  }
  std::unordered_set<uint64_t> known_villages;
  for (RegionCode v : villages) {
    if (v == RegionCode()) continue;
    FUPIN_ASSIGN_OR_RETURN(auto region, store.FindRegion(v));
    if (region) known_villages.insert(v.number());
  }
  // Who is registered already, asked in chunks so that the ID strings of a large file
  // are not all held at once.
  std::unordered_map<std::string, std::string> stored_owner;
  {
    constexpr size_t kChunk = size_t{1} << 20;
    std::vector<std::string> ids;
    ids.reserve(std::min(kChunk, distinct_ids));
    for (size_t i = 0; i < person_seen.size(); ++i) {
      if (i > 0 && person_seen[i - 1].key == person_seen[i].key) continue;
      ids.push_back(IdFromKey(person_seen[i].key));
      if (ids.size() == kChunk || i + 1 == person_seen.size()) {
        FUPIN_ASSIGN_OR_RETURN(auto owners, store.FindPersonHouseholds(ids));
        stored_owner.merge(owners);
        ids.clear();
      }
    }
  }

  for (Build& b : builds) {
    Household& h = b.household;
    const size_t first_row = b.rows.front();
    if (b.heads == 0) {
      AddProblem(&problems, first_row, Column::kRelation, "", "household.no_head",
                 {fmt::format("户 {}（第 {} 行起）没有户主", h.id, first_row),
                  fmt::format("household {} (from row {}) has no head", h.id, first_row)},
                 h.id);
      b.bad = true;
    } else if (b.heads > 1) {
      AddProblem(&problems, b.second_head_row, Column::kRelation, "户主", "household.two_heads",
                 {fmt::format("户 {} 有两个户主（第 {} 行是第二个）", h.id, b.second_head_row),
                  fmt::format("household {} has two heads (row {} is the second)", h.id, b.second_head_row)},
                 h.id);
      b.bad = true;
    }
    if (!b.has_fields) continue;
    if (h.village != RegionCode() && !known_villages.contains(h.village.number())) {
      AddProblem(&problems, b.fields_row, Column::kVillage, h.village.ToString(), "village.unknown",
                 {fmt::format("第 {} 行行政区划代码 {} 不在区划表中（先用 fupin regions import 导入区划）",
                              b.fields_row, h.village.ToString()),
                  fmt::format("row {}: village code {} is not in the region table (import regions first with "
                              "fupin regions import)",
                              b.fields_row, h.village.ToString())},
                 h.id);
      b.bad = true;
    }
    const Money per_capita = h.PerCapitaNetIncome();
    if (per_capita > Money::FromYuan(options.max_per_capita_yuan) ||
        per_capita < Money::FromYuan(options.min_per_capita_yuan)) {
      AddProblem(
          &problems, b.fields_row, Column::kPerCapitaNet, per_capita.ToPlain(), "income.implausible",
          {fmt::format("第 {} 行户 {} 人均纯收入 {} 元不合常理（应在 {} 至 {} 元之间）", b.fields_row, h.id,
                       per_capita.ToDisplay(), options.min_per_capita_yuan, options.max_per_capita_yuan),
           fmt::format("row {}: household {} has an implausible per-capita net income of {} yuan (expected "
                       "{} to {})",
                       b.fields_row, h.id, per_capita.ToDisplay(), options.min_per_capita_yuan,
                       options.max_per_capita_yuan)},
          h.id);
      b.bad = true;
    }
    if (b.given_per_capita) {
      const int64_t diff = b.given_per_capita->fen() - per_capita.fen();
      if (diff > 100 || diff < -100) {
        AddProblem(
            &problems, b.per_capita_row, Column::kPerCapitaNet, b.given_per_capita->ToPlain(),
            "income.per_capita_mismatch",
            {fmt::format(
                 "第 {} 行人均纯收入 {} 元与各项收入算出的 {} 元不符（(工资+经营+财产+转移-经营支出)÷人数）",
                 b.per_capita_row, b.given_per_capita->ToDisplay(), per_capita.ToDisplay()),
             fmt::format("row {}: per-capita net income {} disagrees with {} computed from the components "
                         "((wages+production+property+transfer-costs)/members)",
                         b.per_capita_row, b.given_per_capita->ToDisplay(), per_capita.ToDisplay())},
            h.id);
        b.bad = true;
      }
    }
    for (const Person& p : h.members) {
      auto owner = stored_owner.find(p.id_number);
      if (owner == stored_owner.end() || owner->second == h.id) continue;
      if (build_of.contains(owner->second)) continue;  // that household is rewritten by this file
      const size_t row = first_row_of(p.id_number);
      AddProblem(&problems, row, Column::kIdNumber, IdNumber::Mask(p.id_number), "person.two_households",
                 {fmt::format("第 {} 行此人已登记在户 {}，一人不能属于两户", row, owner->second),
                  fmt::format("row {}: this person is already registered in household {}; a person cannot "
                              "belong to two households",
                              row, owner->second)},
                 h.id);
      b.bad = true;
    }
  }
  std::stable_sort(problems.begin(), problems.end(),
                   [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });

  report.households = builds.size();
  for (const Build& b : builds) {
    report.persons += b.household.members.size();
    if (b.bad) {
      ++report.households_rejected;
      report.rows_rejected += b.rows.size();
    }
  }
  report.rows_rejected += orphan_rows.size();
  const bool any_problem = !problems.empty();
  if (any_problem && !options.skip_invalid) return report;

  // Compare with what is stored: unchanged households are not rewritten.
  std::vector<std::string> ids;
  for (const Build& b : builds) {
    if (!b.bad) ids.push_back(b.household.id);
  }
  FUPIN_ASSIGN_OR_RETURN(auto stored, store.FindHouseholds(ids));
  std::vector<store::HouseholdWrite> writes;
  for (Build& b : builds) {
    if (b.bad) continue;
    auto it = stored.find(b.household.id);
    if (it == stored.end()) {
      writes.push_back({nullptr, &b.household});
      ++report.counts.inserted;
      continue;
    }
    b.household.version = it->second.version;
    if (it->second == b.household) {
      ++report.counts.unchanged;
    } else {
      writes.push_back({&it->second, &b.household});
      ++report.counts.updated;
    }
  }
  if (!writes.empty())
    FUPIN_RETURN_IF_ERROR(store.WriteHouseholds(writes, options.context, options.progress));
  report.written = true;

  if (any_problem) {
    std::unordered_map<size_t, std::string> reasons;
    auto add_reason = [&](size_t row, const std::string& text) {
      auto& r = reasons[row];
      if (!r.empty()) r += "；";
      r += text;
    };
    std::unordered_map<std::string, std::string> household_reasons;
    for (const RowProblem& p : problems) {
      add_reason(p.row, fmt::format("[{}] {}", p.rule, p.message.zh));
      if (!p.household_id.empty()) household_reasons.try_emplace(p.household_id, p.rule);
    }
    for (const Build& b : builds) {
      if (!b.bad) continue;
      for (size_t row : b.rows) {
        if (!reasons.contains(row)) {
          add_reason(row,
                     fmt::format("[household.rejected] 同户其他行有错误，整户退回（户 {}）", b.household.id));
        }
      }
    }
    report.reject_file = options.reject_file.empty() ? std::filesystem::path(path.string() + ".rejects.csv")
                                                     : options.reject_file;
    FUPIN_RETURN_IF_ERROR(WriteRejectFile(path, options.encoding, report.reject_file, reasons,
                                          InfoOf(Column::kImportError).zh, InfoOf(Column::kImportError).en));
  }
  return report;
}

}  // namespace fupin::registry
