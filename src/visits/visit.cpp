#include "visits/visit.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "command/cadre.hpp"
#include "responsibility/assignment.hpp"

namespace fupin {
namespace {
constexpr Term kKinds[] = {
    {"home_visit", "入户走访", "home visit", "入户", "走访"},
    {"phone_call", "电话联系", "phone call", "电话", "电话回访"},
    {"other", "其他", "other", "其它"},
};
constexpr Term kMeasures[] = {
    {"policy_explanation", "政策宣讲", "policy explanation", "政策宣传"},
    {"industry", "产业帮扶", "industry support", "产业扶贫"},
    {"employment", "就业帮扶", "employment support", "就业扶贫"},
    {"education", "教育帮扶", "education support", "教育扶贫"},
    {"health", "健康帮扶", "health support", "健康扶贫"},
    {"housing", "住房保障", "housing security", "危房改造"},
    {"social_security", "社会保障", "social security", "兜底保障"},
    {"product_sales", "消费帮扶", "sales of products", "产品销售", "消费扶贫"},
    {"other", "其他", "other", "其它"},
};
constexpr Term kProblemStatuses[] = {
    {"open", "待解决", "open", "未解决"},
    {"resolved", "已解决", "resolved"},
};
}  // namespace
template <>
std::span<const Term> TermsOf<visits::VisitKind>() {
  return kKinds;
}
template <>
std::span<const Term> TermsOf<visits::VisitMeasure>() {
  return kMeasures;
}
template <>
std::span<const Term> TermsOf<visits::ProblemStatus>() {
  return kProblemStatuses;
}
}  // namespace fupin

namespace fupin::visits {
namespace {

// Bounds on free text, so that one visit cannot carry a book; not policy numbers.
constexpr size_t kMaxDescription = 1000;  // characters
constexpr size_t kMaxCategory = 50;
constexpr size_t kMaxNotes = 4000;

size_t Characters(std::string_view utf8) {
  size_t n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

Status TooLong(const std::string& field, std::string_view what_zh, std::string_view what_en, size_t max) {
  return Status::Invalid(field, field == "notes" ? "visit.notes" : "visit.problem",
                         {fmt::format("{}超过 {} 个字", what_zh, max),
                          fmt::format("{} is longer than {} characters", what_en, max)});
}

}  // namespace

bool IsClientId(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !IsHex(text[i])) return false;
  }
  return true;
}

Result<store::VisitRow> ValidateVisit(const VisitInput& in, Date today) {
  store::VisitRow v;
  const std::string client_id = Trim(in.client_id);
  if (!IsClientId(client_id)) {
    return Status::Invalid(
        "client_id", "visit.client_id",
        {client_id.empty()
             ? "缺少 client_id（手机生成的 UUID）"
             : fmt::format("client_id“{}”不是 UUID（如 3f2b8c1e-0d4a-4e6b-9a57-1c2d3e4f5a6b）", client_id),
         client_id.empty()
             ? "client_id (a UUID made by the phone) is missing"
             : fmt::format("client_id \"{}\" is not a UUID (e.g. 3f2b8c1e-0d4a-4e6b-9a57-1c2d3e4f5a6b)",
                           client_id)});
  }
  for (char c : client_id) v.client_id.push_back(c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c);

  v.household_id = Trim(in.household_id);
  if (v.household_id.empty()) {
    return Status::Invalid("household_id", "visit.household",
                           {"走访记录缺少户编号", "the visit has no household"});
  }

  const std::string date_text = Trim(in.date);
  auto date = Date::Parse(date_text);
  if (date_text.empty() || !date.ok()) {
    return Status::Invalid("date", "visit.date",
                           {fmt::format("走访日期“{}”无效（应为 YYYY-MM-DD）", date_text),
                            fmt::format("visit date \"{}\" is not a date (YYYY-MM-DD)", date_text)});
  }
  if (*date > today) {
    return Status::Invalid(
        "date", "visit.date_future",
        {fmt::format("走访日期 {} 晚于今天（{}）", date->ToString(), today.ToString()),
         fmt::format("visit date {} is after today ({})", date->ToString(), today.ToString())});
  }
  v.date = date->ToString();

  const std::string time = Trim(in.time);
  const bool time_ok = time.size() == 5 && IsDigit(time[0]) && IsDigit(time[1]) && time[2] == ':' &&
                       IsDigit(time[3]) && IsDigit(time[4]) && std::stoi(time.substr(0, 2)) < 24 &&
                       std::stoi(time.substr(3, 2)) < 60;
  if (!time_ok) {
    return Status::Invalid("time", "visit.time",
                           {fmt::format("走访时间“{}”无效（应为 HH:MM，如 09:30）", time),
                            fmt::format("visit time \"{}\" is not HH:MM (e.g. 09:30)", time)});
  }
  v.time = time;

  auto kind = ParseTerm<VisitKind>(in.kind);
  if (!kind) {
    return Status::Invalid(
        "kind", "visit.kind",
        {fmt::format("走访方式“{}”未知（应为 home_visit 入户走访、phone_call 电话联系或 other 其他）",
                     in.kind),
         fmt::format("visit kind \"{}\" is unknown (home_visit, phone_call or other)", in.kind)});
  }
  v.kind = std::string(TermOf(*kind).code);

  for (size_t i = 0; i < in.measures.size(); ++i) {
    auto m = ParseTerm<VisitMeasure>(in.measures[i]);
    const std::string field = fmt::format("measures[{}]", i);
    if (!m) {
      return Status::Invalid(field, "visit.measure",
                             {fmt::format("帮扶措施“{}”未知", in.measures[i]),
                              fmt::format("measure \"{}\" is unknown", in.measures[i])});
    }
    const std::string code(TermOf(*m).code);
    if (std::find(v.measures.begin(), v.measures.end(), code) != v.measures.end()) {
      return Status::Invalid(field, "visit.measure_duplicate",
                             {fmt::format("帮扶措施“{}”重复", TermOf(*m).zh),
                              fmt::format("measure \"{}\" is given twice", TermOf(*m).en)});
    }
    v.measures.push_back(code);
  }

  for (size_t i = 0; i < in.problems.size(); ++i) {
    store::ProblemRow p;
    p.description = Trim(in.problems[i].description);
    p.category = Trim(in.problems[i].category);
    const std::string field = fmt::format("problems[{}].description", i);
    if (p.description.empty()) {
      return Status::Invalid(
          field, "visit.problem",
          {fmt::format("第 {} 个问题缺少描述", i + 1), fmt::format("problem {} has no description", i + 1)});
    }
    if (Characters(p.description) > kMaxDescription) {
      return TooLong(field, fmt::format("第 {} 个问题的描述", i + 1),
                     fmt::format("problem {}'s description", i + 1), kMaxDescription);
    }
    if (Characters(p.category) > kMaxCategory) {
      return TooLong(fmt::format("problems[{}].category", i), fmt::format("第 {} 个问题的类别", i + 1),
                     fmt::format("problem {}'s category", i + 1), kMaxCategory);
    }
    p.status = std::string(TermOf(ProblemStatus::kOpen).code);
    p.household_id = v.household_id;
    p.found_on = v.date;
    v.problems.push_back(std::move(p));
  }

  v.notes = Trim(in.notes);
  if (Characters(v.notes) > kMaxNotes) return TooLong("notes", "备注", "the notes", kMaxNotes);

  if (in.lat.has_value() != in.lng.has_value()) {
    return Status::Invalid(in.lat ? "location.lng" : "location.lat", "visit.location",
                           {"位置须同时有纬度 lat 和经度 lng", "a location needs both lat and lng"});
  }
  if (in.lat) {
    const double lat = *in.lat, lng = *in.lng;
    if (!std::isfinite(lat) || !std::isfinite(lng) || lat < -90 || lat > 90 || lng < -180 || lng > 180) {
      return Status::Invalid(
          "location", "visit.location",
          {fmt::format("位置（纬度 {}，经度 {}）超出范围（纬度 −90 至 90，经度 −180 至 180）", lat, lng),
           fmt::format("location (lat {}, lng {}) is out of range (lat −90 to 90, lng −180 to 180)", lat,
                       lng)});
    }
    v.lat_e6 = std::llround(lat * 1e6);
    v.lng_e6 = std::llround(lng * 1e6);
  }
  return v;
}

Result<std::optional<store::CadreRow>> CadreWithPhone(store::Store& store, std::string_view phone, Date day) {
  std::optional<store::CadreRow> out;
  if (phone.empty()) return out;
  FUPIN_ASSIGN_OR_RETURN(auto cadres, store.ListCadres());
  for (auto& c : cadres) {
    if (c.phone != phone) continue;
    const bool better = !out || (command::ActiveOn(c, day) && !command::ActiveOn(*out, day));
    if (better) out = std::move(c);
  }
  return out;
}

Result<std::vector<store::AssignmentRow>> OwnHouseholds(store::Store& store, const store::CadreRow& cadre,
                                                        Date day) {
  std::vector<store::AssignmentRow> out;
  if (!command::ActiveOn(cadre, day)) return out;
  store::AssignmentFilter filter;
  filter.kind = "household_cadre";
  filter.cadre_id = cadre.id;
  filter.active_on = day.ToString();
  FUPIN_ASSIGN_OR_RETURN(out, store.ListAssignments(filter));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.target < b.target; });
  return out;
}

Result<LoggedVisit> LogVisit(store::Store& store, const VisitInput& input, const store::CadreRow& cadre,
                             Date today, const store::ChangeContext& context, std::string_view ip) {
  // A replay first: the stored visit is the answer, whatever the rest of the request
  // says now (the phone resends exactly what it queued).
  std::string client_id = Trim(input.client_id);
  for (char& c : client_id) c = c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c;
  const auto replay = [&](std::optional<store::VisitRow> stored) -> Result<LoggedVisit> {
    if (stored->cadre_id != cadre.id) {
      return Status::Conflict("client_id", "visit.client_id_taken",
                              {fmt::format("client_id {} 已被另一条走访记录使用", client_id),
                               fmt::format("client_id {} is already used by another visit", client_id)});
    }
    return LoggedVisit{std::move(*stored), true};
  };
  if (IsClientId(client_id)) {
    FUPIN_ASSIGN_OR_RETURN(auto stored, store.FindVisitByClientId(client_id));
    if (stored) return replay(std::move(stored));
  }

  FUPIN_ASSIGN_OR_RETURN(store::VisitRow visit, ValidateVisit(input, today));
  const Date date = Date::Parse(visit.date).value();
  FUPIN_ASSIGN_OR_RETURN(auto who, responsibility::ResponsibleOn(store, visit.household_id, date));
  if (!who || who->cadre.id != cadre.id || !command::ActiveOn(cadre, date)) {
    return Status::NotFound(
        "household_id",
        {fmt::format("户 {} 在 {} 不是您（{}）的帮扶户", visit.household_id, visit.date, cadre.name),
         fmt::format("household {} is not one of your ({}) households on {}", visit.household_id, cadre.name,
                     visit.date)});
  }
  visit.village = who->assignment.region;
  visit.cadre_id = cadre.id;
  visit.recorded_by = context.actor;

  store::ChangeContext change = context;
  const nlohmann::json detail = {{"client_id", visit.client_id},
                                 {"cadre_id", visit.cadre_id},
                                 {"date", visit.date},
                                 {"time", visit.time},
                                 {"kind", visit.kind},
                                 {"measures", visit.measures},
                                 {"problems", visit.problems.size()}};
  const std::string detail_text = detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  change.audit.push_back(
      {context.actor, "visits.log", visit.household_id, detail_text, std::string(ip), "", detail_text});

  const std::vector<store::VisitRow> rows = {visit};
  FUPIN_ASSIGN_OR_RETURN(auto outcomes, store.WriteVisits(rows, change));
  FUPIN_ASSIGN_OR_RETURN(auto stored, store.FindVisit(outcomes.front().id));
  if (!stored) {
    return Status::Internal({fmt::format("走访记录 {} 写入后读不到", outcomes.front().id),
                             fmt::format("visit {} cannot be read after writing it", outcomes.front().id)});
  }
  if (outcomes.front().duplicate) return replay(std::move(stored));  // another request won the race
  return LoggedVisit{std::move(*stored), false};
}

}  // namespace fupin::visits
