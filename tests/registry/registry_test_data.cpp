#include "registry/registry_test_data.hpp"

#include <fmt/format.h>

#include "core/date.hpp"
#include "core/id_number.hpp"
#include "registry/household_layout.hpp"

namespace fupin::testing {

std::string HouseholdHeader() {
  std::string out;
  for (const auto& h : registry::ExportHeader()) {
    if (!out.empty()) out += ',';
    out += h;
  }
  return out;
}

std::string MakeHouseholdsCsv(int households, int persons_each, const std::string& village, int first,
                              int wages) {
  std::string out = HouseholdHeader() + "\n";
  const Date base = Date::FromYmd(1950, 1, 1).value();
  for (int i = first; i < first + households; ++i) {
    const std::string hid = fmt::format("{}{:06d}", village, i);
    for (int m = 0; m < persons_each; ++m) {
      const int k = i * persons_each + m;
      const Date birth = base.AddDays(k % 20000);
      const int seq = (k / 20000) % 1000;
      const std::string b = birth.ToString();
      std::string body =
          fmt::format("511025{}{}{}{:03d}", b.substr(0, 4), b.substr(5, 2), b.substr(8, 2), seq);
      body.push_back(IdNumber::CheckChar(body));
      const bool male = seq % 2 == 1;
      const char* relation = m == 0 ? "户主" : (m == 1 ? "配偶" : "之子");
      out += fmt::format(
          "{},{},1组,{},测试{},{},{},{},汉族,初中,非在校生,健康,普通劳动力,非务工,是,是,一般贫困户,因病,,{}."
          "00,"
          "1000.00,0.00,500.00,200.00,,是,是,是,是,是,是,是,是,2014,已脱贫,2018,,,13800000000,李干部,"
          "13900000000,"
          "县农业农村局\n",
          hid, village, relation, k, body, male ? "男" : "女", b, wages);
    }
  }
  return out;
}

}  // namespace fupin::testing
