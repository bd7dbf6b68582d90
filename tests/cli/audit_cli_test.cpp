// fupin audit verify: passes on an untouched log, names the first bad entry after an
// edit, a deletion or a reordering made directly in SQLite.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_support.hpp"

namespace fupin::testing {
namespace {

class AuditCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_ / "a.db";
    ASSERT_EQ(RunFupin({"init", "--with-demo-regions", "--db", db_.string()}).exit_code, 0);
    ASSERT_EQ(RunFupin({"households", "import", SourcePath("examples/households.csv").string(), "--db",
                        db_.string()})
                  .exit_code,
              0);
    for (int i = 0; i < 4; ++i) {
      ASSERT_EQ(
          RunFupin({"households", "show", "5110251002030001", "--unmasked", "--db", db_.string()}).exit_code,
          0);
    }
    ASSERT_EQ(QueryOne(db_, "SELECT COUNT(*) FROM audit_log"), "4");
  }

  std::filesystem::path Copy(const std::string& name) {
    const auto to = dir_ / name;
    std::filesystem::copy_file(db_, to);
    return to;
  }

  TempDir dir_;
  std::filesystem::path db_;
};

TEST_F(AuditCliTest, UntouchedLogVerifies) {
  const RunResult r = RunFupin({"audit", "verify", "--db", db_.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("4"), std::string::npos) << r.out;
}

TEST_F(AuditCliTest, EditedEntryIsNamed) {
  const auto db = Copy("edited.db");
  ExecSql(db, "UPDATE audit_log SET actor = 'cli:nobody' WHERE id = 2");
  const RunResult r = RunFupin({"audit", "verify", "--db", db.string(), "--lang", "en"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("entry 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("edited"), std::string::npos) << r.err;
}

TEST_F(AuditCliTest, DeletedEntryIsNamed) {
  const auto db = Copy("deleted.db");
  ExecSql(db, "DELETE FROM audit_log WHERE id = 3");
  const RunResult r = RunFupin({"audit", "verify", "--db", db.string(), "--lang", "en"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("entry 3"), std::string::npos) << r.err;
  const auto tail = Copy("tail.db");
  ExecSql(tail, "DELETE FROM audit_log WHERE id = 4");
  const RunResult t = RunFupin({"audit", "verify", "--db", tail.string(), "--lang", "en"});
  EXPECT_EQ(t.exit_code, 2);
  EXPECT_NE(t.err.find("4"), std::string::npos) << t.err;
}

TEST_F(AuditCliTest, ReorderedEntriesAreNamed) {
  const auto db = Copy("reordered.db");
  ExecSql(db,
          "UPDATE audit_log SET id = -2 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; "
          "UPDATE audit_log SET id = 3 WHERE id = -2");
  const RunResult r = RunFupin({"audit", "verify", "--db", db.string(), "--lang", "en"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("entry 2"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace fupin::testing
