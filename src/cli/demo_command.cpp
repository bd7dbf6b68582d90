#include "cli/cli_common.hpp"

namespace fupin::cli {
void RegisterDemoCommand(CLI::App&, Context&) {}
}  // namespace fupin::cli
