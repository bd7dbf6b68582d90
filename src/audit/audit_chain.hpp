// The audit log's hash chain 审计哈希链. Each entry's hash covers its own fields and
// the previous entry's hash, and the chain's head (last id and hash) is stored with
// every append; so an edited, deleted or reordered entry breaks the chain, and
// VerifyAuditChain names the first entry where it breaks.
#pragma once

#include <cstdint>
#include <string>

#include "store/store.hpp"

namespace fupin::audit {

/// The hash of an entry: SHA-256 over the previous hash and the entry's fields.
std::string EntryHash(const std::string& prev_hash, int64_t id, const std::string& at,
                      const store::AuditEvent& e);

struct ChainReport {
  bool ok = true;
  int64_t entries = 0;
  int64_t first_bad_id = 0;  // 0 when ok
  Message problem;           // what is wrong with it
};

/// Walks the whole log. A Status only when the store cannot be read.
Result<ChainReport> VerifyAuditChain(store::Store& store);

}  // namespace fupin::audit
