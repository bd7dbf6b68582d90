// fupin id check ID...: validates resident ID numbers, one JSON object per line.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_common.hpp"
#include "core/id_number.hpp"

namespace fupin::cli {

void RegisterIdCommands(CLI::App& app, Context& ctx) {
  auto* id = app.add_subcommand("id", "resident ID numbers / 身份证号");
  id->require_subcommand(1);
  auto* check = id->add_subcommand("check",
                                   "check ID numbers (GB 11643-1999); prints one JSON object per line; exit "
                                   "2 if any is invalid / 校验身份证号");
  auto ids = std::make_shared<std::vector<std::string>>();
  check->add_option("ID", *ids, "ID numbers to check")->required();
  check->callback([&ctx, ids] {
    bool all_valid = true;
    for (const std::string& text : *ids) {
      nlohmann::json out;
      out["id"] = text;
      auto parsed = IdNumber::Parse(text);
      if (parsed.ok()) {
        out["valid"] = true;
        out["reason"] = nullptr;
        out["region"] = std::string(parsed->address_code());
        out["birth_date"] = parsed->birth_date().ToString();
        out["sex"] = SexCode(parsed->sex());
        if (parsed->str() != text) out["normalized"] = parsed->str();
      } else {
        all_valid = false;
        out["valid"] = false;
        out["reason"] = parsed.status().message().In(ctx.lang);
        out["rule"] = parsed.status().rule();
        out["region"] = nullptr;
        out["birth_date"] = nullptr;
        out["sex"] = nullptr;
      }
      std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
    ctx.exit_code = all_valid ? kExitOk : kExitInvalidInput;
  });
}

}  // namespace fupin::cli
