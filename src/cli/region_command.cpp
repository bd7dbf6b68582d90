// fupin regions import FILE...: loads division codes (china-division dist/*.csv layout).
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_common.hpp"
#include "regions/region_import.hpp"
#include "store/store.hpp"

namespace fupin::cli {

void RegisterRegionCommands(CLI::App& app, Context& ctx) {
  auto* regions = app.add_subcommand("regions", "statistical division codes / 区划代码");
  regions->require_subcommand(1);
  auto* import = regions->add_subcommand(
      "import", "import division CSV files in the china-division dist/*.csv layout (idempotent) / 导入区划");
  auto db = std::make_shared<std::string>("fupin.db");
  auto files = std::make_shared<std::vector<std::string>>();
  auto json = std::make_shared<bool>(false);
  AddDbOption(import, db.get());
  import->add_option("FILE", *files, "provinces.csv, cities.csv, areas.csv, streets.csv, villages.csv")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_flag("--json", *json, "print the counts as JSON");
  import->callback([&ctx, db, files, json] {
    auto store = store::OpenSqliteStore(*db);
  if (!store.ok()) {
    ctx.exit_code = Fail(ctx, store.status());
    return;
  }
  std::vector<std::filesystem::path> paths(files->begin(), files->end());
  auto counts = regions::ImportDivisionFiles(**store, paths);
  if (!counts.ok()) {
    ctx.exit_code = Fail(ctx, counts.status());
    return;
  }
  if (*json) {
    std::cout << nlohmann::json{{"inserted", counts->inserted},
                                {"updated", counts->updated},
                                {"unchanged", counts->unchanged}}
              << '\n';
  } else if (ctx.lang == Lang::kZh) {
    std::cout << "区划导入完成：新增 " << Count(counts->inserted) << "，更名 " << Count(counts->updated)
              << "，未变 " << Count(counts->unchanged) << '\n';
  } else {
    std::cout << "regions imported: " << Count(counts->inserted) << " new, " << Count(counts->updated)
              << " renamed, " << Count(counts->unchanged) << " unchanged\n";
  }
});
}  // namespace fupin::cli

}  // namespace fupin::cli
