#include "audit/audit_chain.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "accounts/password.hpp"

namespace fupin::audit {

std::string EntryHash(const std::string& prev_hash, int64_t id, const std::string& at,
                      const store::AuditEvent& e) {
  // A JSON array gives every field an unambiguous boundary.
  const nlohmann::json fields = {prev_hash, id,       at,   e.actor,       e.action,
                                 e.target,  e.detail, e.ip, e.before_json, e.after_json};
  return accounts::Sha256Hex(fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Result<ChainReport> VerifyAuditChain(store::Store& store) {
  ChainReport report;
  std::string prev_hash;
  int64_t expected_id = 1;
  int64_t after = 0;
  auto bad = [&](int64_t id, Message m) {
    report.ok = false;
    report.first_bad_id = id;
    report.problem = std::move(m);
    return report;
  };
  while (true) {
    FUPIN_ASSIGN_OR_RETURN(auto batch, store.ListAudit(after, 5000));
    if (batch.empty()) break;
    for (const auto& e : batch) {
      if (e.id != expected_id) {
        return bad(expected_id,
                   {fmt::format("第 {} 条审计记录缺失（下一条是第 {} 条）：记录被删除", expected_id, e.id),
                    fmt::format("audit entry {} is missing (the next one is {}): entries were deleted",
                                expected_id, e.id)});
      }
      if (e.prev_hash != prev_hash) {
        return bad(
            e.id,
            {fmt::format("第 {} 条审计记录的前一哈希与第 {} 条不符：记录被删除或调换了顺序", e.id, e.id - 1),
             fmt::format("audit entry {} does not follow entry {}: entries were deleted or reordered", e.id,
                         e.id - 1)});
      }
      if (EntryHash(e.prev_hash, e.id, e.at, e.event) != e.hash) {
        return bad(e.id, {fmt::format("第 {} 条审计记录的内容与其哈希不符：记录被修改", e.id),
                          fmt::format("audit entry {} does not match its hash: it was edited", e.id)});
      }
      prev_hash = e.hash;
      ++expected_id;
      ++report.entries;
      after = e.id;
    }
  }
  FUPIN_ASSIGN_OR_RETURN(auto head, store.AuditHead());
  if (head.first != report.entries || head.second != prev_hash) {
    const int64_t id = report.entries + 1;
    if (head.first > report.entries) {
      return bad(
          id, {fmt::format("第 {} 条起的审计记录缺失（链头记录到第 {} 条）：记录被删除", id, head.first),
               fmt::format("audit entries from {} on are missing (the chain head records {}): entries were "
                           "deleted",
                           id, head.first)});
    }
    return bad(head.first,
               {fmt::format("审计链头（第 {} 条）与记录不符：链头或记录被修改", head.first),
                fmt::format("the audit chain head (entry {}) does not match the entries: the head or the "
                            "entries were edited",
                            head.first)});
  }
  return report;
}

}  // namespace fupin::audit
