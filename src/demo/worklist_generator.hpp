// Demo work lists and meetings for the campaign 百日攻坚行动 of a demo county: the
// 100-day plan as tasks the county HQ issues to units and towns (yearly, quarterly and
// monthly lists) with commitments and progress updates, and the campaign's meeting
// cadences (the HQ's daily meeting on weekdays, the weekly dispatch on Mondays, the
// half-monthly special meeting on the 1st and 16th, the task force's Friday meeting,
// and a weekly dispatch in the war zones of the three towns with the most
// households), with the meetings before the as-of date held: agenda, attendance with
// a few absences, minutes and decisions, some of which became tasks.
//
// Deadlines are spread around the as-of date (`as_of_year`-10-20, day 81 of the
// campaign) so that on it there are done tasks, open ones not yet due, due soon
// (deadline 10-20 to 10-23), overdue (10-13 to 10-19) and overdue by more than a week.
// Deterministic for a seed.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "demo/structure_generator.hpp"
#include "meetings/meeting.hpp"

namespace fupin::demo {

/// A held meeting: which cadence, which date, what is recorded (expected_version 1),
/// and, for decisions whose task was done before the as-of date, when it was done.
struct DemoMeetingRecord {
  size_t cadence = 0;  // index into DemoWorkLists::cadences
  std::string date;
  meetings::MeetingRecord record;
  struct TaskDone {
    size_t decision = 0;  // index into record.decisions
    std::string date;
    std::string note;
  };
  std::vector<TaskDone> done;
};

struct DemoWorkLists {
  Date as_of;
  std::vector<store::NewTask> tasks;        // the plan, with commitments, updates, completions
  std::vector<store::CadenceRow> cadences;  // ids 0
  std::vector<DemoMeetingRecord> records;   // in date order
};

/// Builds the work lists and meetings over the structure of `targets.county`.
DemoWorkLists GenerateDemoWorkLists(const CountyTargets& targets, std::span<const DemoRegion> towns,
                                    const DemoStructure& structure, const DemoRegistry& registry,
                                    uint64_t seed);

}  // namespace fupin::demo
