#include "cli/cli_common.hpp"

namespace fupin::cli {
void RegisterInitCommand(CLI::App&, Context&) {}
}  // namespace fupin::cli
