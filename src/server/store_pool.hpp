// A fixed set of Store connections shared by the server's threads. A request
// borrows one for its duration; SQLite in WAL mode lets readers run side by side
// while one writer commits.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "store/store.hpp"

namespace fupin::server {

class StorePool {
 public:
  /// Opens `size` connections to `path` (migrating it once).
  static Result<std::unique_ptr<StorePool>> Open(const std::filesystem::path& path, int size);

  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<store::Store> store) : pool_(pool), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    store::Store& operator*() { return *store_; }
    store::Store* operator->() { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<store::Store> store_;
  };

  /// Waits until a connection is free.
  Lease Borrow();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<store::Store>> free_;
};

}  // namespace fupin::server
