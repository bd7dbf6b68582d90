// county.missed_assessment, county.wrong_exit, county.recognition: the three rates of
// the county assessment survey, each compared with its threshold. One small table.
#include <fmt/format.h>

#include "policy/rules/rules.hpp"

namespace fupin::policy::rules {
namespace {

enum class Direction { kBelow, kAtLeast };

class SurveyRateRule final : public CountyRule {
 public:
  SurveyRateRule(std::string id, Message name, Message explanation, Message label,
                 std::optional<Ratio> CountyFacts::*value, Percent CountyExitStandard::*threshold,
                 Direction direction)
      : CountyRule(std::move(id), std::move(name), std::move(explanation), SinceRegistration()),
        label_(std::move(label)),
        value_(value),
        threshold_(threshold),
        direction_(direction) {}

  CriterionResult Check(const CountySubject& s) const override {
    const CountyExitStandard* standard = s.policy.CountyExitFor(s.year);
    if (standard == nullptr)
      return Outcome(false, NoStandard({"贫困县退出标准", "county exit standard"}, s.year));
    const Percent limit = standard->*threshold_;
    const std::optional<Ratio>& rate = s.facts.*value_;
    if (!rate) return Outcome(false, NotRecorded(), standard->source);
    if (!rate->valid()) {
      return Outcome(false,
                     {fmt::format("{}数据无效（{}/{}）", label_.zh, rate->numerator, rate->denominator),
                      fmt::format("{} data invalid ({}/{})", label_.en, rate->numerator, rate->denominator)},
                     standard->source);
    }
    const bool pass = direction_ == Direction::kBelow ? rate->Below(limit) : rate->AtLeast(limit);
    const bool below = rate->Below(limit);
    const char* op = below ? "<" : "≥";
    const std::string text = rate->ToPercentStringBeside(limit);
    return Outcome(pass,
                   {fmt::format("{} {}（{}/{}）{} 标准 {}", label_.zh, text, rate->numerator,
                                rate->denominator, op, limit.ToString()),
                    fmt::format("{} {} ({}/{}) {} threshold {}", label_.en, text, rate->numerator,
                                rate->denominator, op, limit.ToString())},
                   standard->source);
  }

 private:
  Message label_;
  std::optional<Ratio> CountyFacts::*value_;
  Percent CountyExitStandard::*threshold_;
  Direction direction_;
};

}  // namespace

std::span<const CountyRule* const> CountySurveyRates() {
  static const SurveyRateRule missed(
      "county.missed_assessment", {"漏评率低于标准", "missed-assessment rate below the threshold"},
      {"漏评人口 ÷ 抽查的未建档立卡农村人口须低于标准",
       "missed persons ÷ surveyed unregistered rural persons must be below the threshold"},
      {"漏评率", "missed-assessment rate"}, &CountyFacts::missed_assessment,
      &CountyExitStandard::missed_assessment_below, Direction::kBelow);
  static const SurveyRateRule wrong_exit(
      "county.wrong_exit", {"错退率低于标准", "wrong-exit rate below the threshold"},
      {"错退人口 ÷ 抽查的脱贫人口须低于标准",
       "wrongly exited persons ÷ surveyed exited persons must be below the threshold"},
      {"错退率", "wrong-exit rate"}, &CountyFacts::wrong_exit, &CountyExitStandard::wrong_exit_below,
      Direction::kBelow);
  static const SurveyRateRule recognition(
      "county.recognition", {"群众认可度达到标准", "public recognition at the threshold"},
      {"认可户数 ÷ 调查户数须不低于标准",
       "recognising households ÷ surveyed households must reach the threshold"},
      {"群众认可度", "public recognition"}, &CountyFacts::recognition,
      &CountyExitStandard::recognition_at_least, Direction::kAtLeast);
  static const CountyRule* const kAll[] = {&missed, &wrong_exit, &recognition};
  return kAll;
}

}  // namespace fupin::policy::rules
