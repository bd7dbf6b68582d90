#include "registry/household_json.hpp"

#include <fmt/format.h>

namespace fupin::registry {
namespace {

template <typename E>
std::string Code(E value) {
  return std::string(TermOf(value).code);
}

template <typename E>
E FromCode(const nlohmann::json& j, const char* key) {
  const auto text = j.value(key, std::string());
  return ParseTerm<E>(text).value_or(E{});
}

}  // namespace

nlohmann::json GuaranteesToJson(const Guarantees& g) {
  return {{"food", Code(g.food)},
          {"clothing", Code(g.clothing)},
          {"education", Code(g.education)},
          {"medical", Code(g.medical)},
          {"housing", Code(g.housing)},
          {"water", Code(g.water)},
          {"electricity", Code(g.electricity)},
          {"radio_tv", Code(g.radio_tv)}};
}

nlohmann::json HouseholdToJson(const Household& h, Masking masking) {
  const bool mask = masking == Masking::kMasked;
  nlohmann::json members = nlohmann::json::array();
  for (const Person& p : h.members) {
    members.push_back({{"id_number", mask ? IdNumber::Mask(p.id_number) : p.id_number},
                       {"name", p.name},
                       {"sex", SexCode(p.sex)},
                       {"birth_date", p.birth_date.ToString()},
                       {"relation", Code(p.relation)},
                       {"ethnicity", p.ethnicity},
                       {"education", Code(p.education)},
                       {"schooling", Code(p.schooling)},
                       {"health", Code(p.health)},
                       {"labour", Code(p.labour)},
                       {"migrant_work", Code(p.migrant_work)},
                       {"medical_insurance", Code(p.medical_insurance)},
                       {"pension_insurance", Code(p.pension_insurance)}});
  }
  nlohmann::json other = nlohmann::json::array();
  for (int c = 1; c < kCauseCount; ++c) {
    if (h.HasOtherCause(static_cast<Cause>(c))) other.push_back(Code(static_cast<Cause>(c)));
  }
  return {{"id", h.id},
          {"village", h.village.ToString()},
          {"group", h.group},
          {"attribute", Code(h.attribute)},
          {"main_cause", Code(h.main_cause)},
          {"other_causes", other},
          {"income",
           {{"wages", h.income.wages.fen()},
            {"production", h.income.production.fen()},
            {"property", h.income.property.fen()},
            {"transfer", h.income.transfer.fen()},
            {"production_costs", h.income.production_costs.fen()},
            {"per_capita_net", h.PerCapitaNetIncome().fen()}}},
          {"guarantees", GuaranteesToJson(h.guarantees)},
          {"registration_year", h.registration_year},
          {"status", Code(h.status)},
          {"exit_year", h.exit_year == 0 ? nlohmann::json(nullptr) : nlohmann::json(h.exit_year)},
          {"monitoring_category", Code(h.monitoring_category)},
          {"risk_eliminated", Code(h.risk_eliminated)},
          {"phone", mask ? MaskPhone(h.phone) : h.phone},
          {"cadre",
           {{"name", h.cadre_name},
            {"phone", mask ? MaskPhone(h.cadre_phone) : h.cadre_phone},
            {"unit", h.cadre_unit}}},
          {"members", members},
          {"version", h.version}};
}

Result<Household> HouseholdFromJson(const nlohmann::json& j) {
  try {
    Household h;
    h.id = j.at("id").get<std::string>();
    FUPIN_ASSIGN_OR_RETURN(h.village, RegionCode::Parse(j.at("village").get<std::string>()));
    h.group = j.value("group", "");
    h.attribute = FromCode<PovertyAttribute>(j, "attribute");
    h.main_cause = FromCode<Cause>(j, "main_cause");
    for (const auto& c : j.at("other_causes")) {
      if (auto cause = ParseTerm<Cause>(c.get<std::string>()))
        h.other_causes |= static_cast<uint16_t>(1U << static_cast<int>(*cause));
    }
    const auto& inc = j.at("income");
    h.income.wages = Money::FromFen(inc.at("wages").get<int64_t>());
    h.income.production = Money::FromFen(inc.at("production").get<int64_t>());
    h.income.property = Money::FromFen(inc.at("property").get<int64_t>());
    h.income.transfer = Money::FromFen(inc.at("transfer").get<int64_t>());
    h.income.production_costs = Money::FromFen(inc.at("production_costs").get<int64_t>());
    const auto& g = j.at("guarantees");
    h.guarantees.food = FromCode<YesNo>(g, "food");
    h.guarantees.clothing = FromCode<YesNo>(g, "clothing");
    h.guarantees.education = FromCode<YesNo>(g, "education");
    h.guarantees.medical = FromCode<YesNo>(g, "medical");
    h.guarantees.housing = FromCode<YesNo>(g, "housing");
    h.guarantees.water = FromCode<YesNo>(g, "water");
    h.guarantees.electricity = FromCode<YesNo>(g, "electricity");
    h.guarantees.radio_tv = FromCode<YesNo>(g, "radio_tv");
    h.registration_year = j.value("registration_year", 0);
    h.status = FromCode<HouseholdStatus>(j, "status");
    h.exit_year = j.at("exit_year").is_null() ? 0 : j.at("exit_year").get<int>();
    h.monitoring_category = FromCode<MonitoringCategory>(j, "monitoring_category");
    h.risk_eliminated = FromCode<YesNo>(j, "risk_eliminated");
    h.phone = j.value("phone", "");
    const auto& cadre = j.at("cadre");
    h.cadre_name = cadre.value("name", "");
    h.cadre_phone = cadre.value("phone", "");
    h.cadre_unit = cadre.value("unit", "");
    for (const auto& m : j.at("members")) {
      Person p;
      p.id_number = m.at("id_number").get<std::string>();
      p.name = m.value("name", "");
      const std::string sex = m.value("sex", "");
      p.sex = sex == "M" ? Sex::kMale : sex == "F" ? Sex::kFemale : Sex::kUnknown;
      FUPIN_ASSIGN_OR_RETURN(p.birth_date, Date::Parse(m.at("birth_date").get<std::string>()));
      p.relation = FromCode<Relation>(m, "relation");
      p.ethnicity = m.value("ethnicity", "");
      p.education = FromCode<Education>(m, "education");
      p.schooling = FromCode<Schooling>(m, "schooling");
      p.health = FromCode<Health>(m, "health");
      p.labour = FromCode<LabourAbility>(m, "labour");
      p.migrant_work = FromCode<MigrantWork>(m, "migrant_work");
      p.medical_insurance = FromCode<YesNo>(m, "medical_insurance");
      p.pension_insurance = FromCode<YesNo>(m, "pension_insurance");
      h.members.push_back(std::move(p));
    }
    h.version = j.value("version", int64_t{0});
    return h;
  } catch (const nlohmann::json::exception& e) {
    return Status::Invalid(
        "json", "json.household",
        {fmt::format("户记录 JSON 无效：{}", e.what()), fmt::format("invalid household JSON: {}", e.what())});
  }
}

}  // namespace fupin::registry
