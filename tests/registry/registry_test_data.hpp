// Builders of household files for tests: valid rows with real ID check characters.
#pragma once

#include <string>

namespace fupin::testing {

/// The export header line (Chinese), without a newline.
std::string HouseholdHeader();

/// A CSV (header + rows) of `households` households of `persons_each` members each in
/// `village`, numbered from `first`. Every ID number is valid and unique for `first`
/// ranges that do not overlap. `wages` sets each household's wage income in yuan.
std::string MakeHouseholdsCsv(int households, int persons_each, const std::string& village, int first = 0,
                              int wages = 12000);

}  // namespace fupin::testing
