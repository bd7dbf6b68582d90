#include "store/sqlite/table_support.hpp"

#include "core/clock.hpp"

namespace fupin::store::sqlite {

Status InsertHistory(Database& db, std::string_view entity, std::string_view entity_id, int64_t version,
                     const ChangeContext& context, const std::string& before_json,
                     const std::string& after_json) {
  FUPIN_ASSIGN_OR_RETURN(Statement q,
                         db.Prepare("INSERT INTO history(entity, entity_id, version, changed_at, actor, "
                                    "source, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  q.Args()(entity)(entity_id)(version)(NowUtcIso8601())(context.actor)(context.source);
  if (before_json.empty()) {
    q.BindNull(7);
  } else {
    q.Bind(7, before_json);
  }
  q.Bind(8, after_json);
  return q.Run();
}

}  // namespace fupin::store::sqlite
