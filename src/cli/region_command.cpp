#include "cli/cli_common.hpp"

namespace fupin::cli {
void RegisterRegionCommands(CLI::App&, Context&) {}
}  // namespace fupin::cli
