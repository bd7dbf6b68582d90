// fupin: the command line. Each command group registers itself from cli/*_command.cpp.
#include <CLI/CLI.hpp>

#include "cli/cli_common.hpp"

int main(int argc, char** argv) {
  return fupin::cli::Run(argc, argv);
}
