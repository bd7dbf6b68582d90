#include "cli/cli_common.hpp"

namespace fupin::cli {
void RegisterHouseholdCommands(CLI::App&, Context&) {}
}  // namespace fupin::cli
