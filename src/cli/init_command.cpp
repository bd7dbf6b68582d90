// fupin init: creates (or migrates) the database.
#include <iostream>

#include "cli/cli_common.hpp"
#include "regions/region_import.hpp"
#include "store/store.hpp"

namespace fupin::cli {

void RegisterInitCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("init", "create or upgrade the database / 创建或升级数据库");
  auto db = std::make_shared<std::string>("fupin.db");
  auto demo_regions = std::make_shared<bool>(false);
  AddDbOption(cmd, db.get());
  cmd->add_flag(
      "--with-demo-regions", *demo_regions,
      "also load the real division codes of Rong (510321) and Zizhong (511025) / 同时导入荣县、资中县区划");
  cmd->callback([&ctx, db, demo_regions] {
    auto store = store::OpenSqliteStore(*db);
    if (!store.ok()) {
      ctx.exit_code = Fail(ctx, store.status());
      return;
    }
    if (*demo_regions) {
      auto regions = regions::EmbeddedDemoRegions();
      if (!regions.ok()) {
        ctx.exit_code = Fail(ctx, regions.status());
        return;
      }
      auto counts = (*store)->UpsertRegions(*regions);
      if (!counts.ok()) {
        ctx.exit_code = Fail(ctx, counts.status());
        return;
      }
    }
    std::cout << (ctx.lang == Lang::kZh ? "数据库已就绪：" : "database ready: ") << *db << '\n';
  });
}

}  // namespace fupin::cli
