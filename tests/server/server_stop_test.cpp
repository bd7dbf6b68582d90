// Server::Stop() right after the port is bound, before the listen loop has started (a
// SIGTERM that arrives during start-up), must still end Run().
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "server/server.hpp"
#include "test_support.hpp"

namespace fupin::testing {
namespace {

TEST(ServerStopTest, StopDuringStartUpEndsRun) {
  TempDir dir;
  const std::string db = (dir / "s.db").string();
  ASSERT_EQ(RunFupin({"init", "--with-demo-regions", "--db", db}).exit_code, 0);
  for (int round = 0; round < 5; ++round) {
    server::ServerOptions options;
    options.port = 0;
    options.db = db;
    options.access_log = false;
    options.threads = 2;
    auto srv = server::Server::Create(options);
    ASSERT_TRUE(srv.ok()) << srv.status().message().en;
    auto run = std::async(std::launch::async, [&] { return (*srv)->Run(); });
    ASSERT_GT((*srv)->WaitForPort(), 0);
    (*srv)->Stop();  // no wait: the listen loop may not have started yet
    ASSERT_EQ(run.wait_for(std::chrono::seconds(30)), std::future_status::ready) << "round " << round;
    EXPECT_TRUE(run.get().ok());
  }
}

}  // namespace
}  // namespace fupin::testing
