// Wall-clock time for records (history, audit). One place so tests and logs agree.
#pragma once

#include <string>

namespace fupin {

/// Now as "2026-11-30T03:29:17.123Z" (UTC, milliseconds).
std::string NowUtcIso8601();

}  // namespace fupin
