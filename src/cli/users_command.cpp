// fupin users add|list|disable|reset-password, fupin audit verify.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "accounts/password.hpp"
#include "accounts/role.hpp"
#include "audit/audit_chain.hpp"
#include "cli/cli_common.hpp"
#include "store/store.hpp"

namespace fupin::cli {
namespace {

Status FindUserOr404(store::Store& s, const std::string& name, accounts::User* out) {
  FUPIN_ASSIGN_OR_RETURN(auto found, s.FindUserByName(name));
  if (!found) {
    return Status::NotFound("username", {fmt::format("没有用户 {}", name), fmt::format("no user {}", name)});
  }
  *out = *found;
  return Status::Ok();
}

}  // namespace

void RegisterUsersCommands(CLI::App& app, Context& ctx) {
  auto* users = app.add_subcommand("users", "user accounts / 用户账号");
  users->require_subcommand(1);
  auto db = std::make_shared<std::string>("fupin.db");

  struct AddOptions {
    std::string username, display_name, role, scope, password, cadre_phone;
  };
  auto a = std::make_shared<AddOptions>();
  auto* add =
      users->add_subcommand("add", "add a user; the password must be changed at first login / 添加用户");
  AddDbOption(add, db.get());
  add->add_option("USERNAME", a->username)->required();
  add->add_option("--name", a->display_name, "display name");
  std::vector<std::string> roles;
  for (const auto& t : TermsOf<accounts::Role>()) roles.emplace_back(t.code);
  add->add_option("--role", a->role, "role")->required()->check(CLI::IsMember(roles));
  add->add_option("--scope", a->scope, "region code of the scope (2–12 digits)")->required();
  add->add_option("--password", a->password, "initial password (8+ characters, letters and digits)")
      ->required();
  add->add_option("--cadre-phone", a->cadre_phone, "a responsible cadre's phone (their households carry it)");
  add->callback([&ctx, db, a] {
    Status s = [&]() -> Status {
      FUPIN_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(*db, {.create = false}));
      accounts::User u;
      u.username = a->username;
      u.display_name = a->display_name.empty() ? a->username : a->display_name;
      u.role = *ParseTerm<accounts::Role>(a->role);
      FUPIN_ASSIGN_OR_RETURN(u.scope, RegionCode::Parse(a->scope));
      u.cadre_phone = a->cadre_phone;
      FUPIN_RETURN_IF_ERROR(accounts::CheckPasswordStrength(a->password));
      FUPIN_ASSIGN_OR_RETURN(u.password_hash, accounts::HashPassword(a->password));
      FUPIN_ASSIGN_OR_RETURN(u.id, store->CreateUser(u));
      FUPIN_RETURN_IF_ERROR(
          store->RecordAudit({CliActor(), "users.add", u.username, std::string(TermOf(u.role).code)}));
      std::cout << (ctx.lang == Lang::kZh
                        ? fmt::format("已添加用户 {}（{}）\n", u.username, TermOf(u.role).zh)
                        : fmt::format("user {} added ({})\n", u.username, TermOf(u.role).en));
      return Status::Ok();
    }();
    if (!s.ok()) ctx.exit_code = Fail(ctx, s);
  });

  auto json = std::make_shared<bool>(false);
  auto* list = users->add_subcommand("list", "list users / 用户列表");
  AddDbOption(list, db.get());
  list->add_flag("--json", *json, "print JSON");
  list->callback([&ctx, db, json] {
    Status s = [&]() -> Status {
      FUPIN_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(*db, {.create = false}));
      FUPIN_ASSIGN_OR_RETURN(auto all, store->ListUsers());
      for (const auto& u : all) {
        if (*json) {
          std::cout << nlohmann::json{{"username", u.username},
                                      {"display_name", u.display_name},
                                      {"role", TermOf(u.role).code},
                                      {"scope", u.scope.ToString()},
                                      {"disabled", u.disabled}}
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                    << '\n';
        } else {
          std::cout << fmt::format("{}\t{}\t{}\t{}{}\n", u.username, u.display_name,
                                   (ctx.lang == Lang::kZh ? TermOf(u.role).zh : TermOf(u.role).en),
                                   u.scope.ToShortString(),
                                   u.disabled ? (ctx.lang == Lang::kZh ? "\t已停用" : "\tdisabled") : "");
        }
      }
      return Status::Ok();
    }();
    if (!s.ok()) ctx.exit_code = Fail(ctx, s);
  });

  auto name = std::make_shared<std::string>();
  auto* disable = users->add_subcommand("disable", "disable a user and end their sessions / 停用用户");
  AddDbOption(disable, db.get());
  disable->add_option("USERNAME", *name)->required();
  disable->callback([&ctx, db, name] {
    Status s = [&]() -> Status {
      FUPIN_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(*db, {.create = false}));
      accounts::User u;
      FUPIN_RETURN_IF_ERROR(FindUserOr404(*store, *name, &u));
      u.disabled = true;
      FUPIN_RETURN_IF_ERROR(store->UpdateUser(u));
      FUPIN_RETURN_IF_ERROR(store->DeleteUserSessions(u.id));
      FUPIN_RETURN_IF_ERROR(store->RecordAudit({CliActor(), "users.disable", u.username, ""}));
      std::cout << (ctx.lang == Lang::kZh ? "已停用 " : "disabled ") << u.username << '\n';
      return Status::Ok();
    }();
    if (!s.ok()) ctx.exit_code = Fail(ctx, s);
  });

  auto reset_name = std::make_shared<std::string>();
  auto reset_password = std::make_shared<std::string>();
  auto* reset =
      users->add_subcommand("reset-password", "set a new password, to be changed at next login / 重置密码");
  AddDbOption(reset, db.get());
  reset->add_option("USERNAME", *reset_name)->required();
  reset->add_option("--password", *reset_password, "the new password")->required();
  reset->callback([&ctx, db, reset_name, reset_password] {
    Status s = [&]() -> Status {
      FUPIN_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(*db, {.create = false}));
      accounts::User u;
      FUPIN_RETURN_IF_ERROR(FindUserOr404(*store, *reset_name, &u));
      FUPIN_RETURN_IF_ERROR(accounts::CheckPasswordStrength(*reset_password));
      FUPIN_ASSIGN_OR_RETURN(u.password_hash, accounts::HashPassword(*reset_password));
      u.must_change_password = true;
      u.failed_logins = 0;
      u.locked_until = 0;
      FUPIN_RETURN_IF_ERROR(store->UpdateUser(u));
      FUPIN_RETURN_IF_ERROR(store->DeleteUserSessions(u.id));
      FUPIN_RETURN_IF_ERROR(store->RecordAudit({CliActor(), "users.reset_password", u.username, ""}));
      std::cout << (ctx.lang == Lang::kZh ? "已重置密码：" : "password reset: ") << u.username << '\n';
      return Status::Ok();
    }();
    if (!s.ok()) ctx.exit_code = Fail(ctx, s);
  });

  auto* audit = app.add_subcommand("audit", "the audit log / 审计日志");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify",
      "check the hash chain; names the first edited, deleted or reordered entry; exit 2 if broken / 校验");
  AddDbOption(verify, db.get());
  verify->callback([&ctx, db] {
    Status s = [&]() -> Status {
      FUPIN_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(*db, {.create = false}));
      FUPIN_ASSIGN_OR_RETURN(auto report, audit::VerifyAuditChain(*store));
      if (report.ok) {
        std::cout << (ctx.lang == Lang::kZh
                          ? fmt::format("审计链完好：{} 条记录\n", report.entries)
                          : fmt::format("audit chain intact: {} entries\n", report.entries));
        return Status::Ok();
      }
      return Status::Conflict("audit", "audit.chain_broken", report.problem);
    }();
    if (!s.ok()) ctx.exit_code = Fail(ctx, s);
  });
}

}  // namespace fupin::cli
