#include "server/store_pool.hpp"

namespace fupin::server {

Result<std::unique_ptr<StorePool>> StorePool::Open(const std::filesystem::path& path, int size) {
  auto pool = std::make_unique<StorePool>();
  for (int i = 0; i < size; ++i) {
    FUPIN_ASSIGN_OR_RETURN(auto s, store::OpenSqliteStore(path, {.create = false}));
    pool->free_.push_back(std::move(s));
  }
  return pool;
}

StorePool::Lease::~Lease() {
  if (store_ == nullptr) return;
  std::lock_guard lock(pool_->mu_);
  pool_->free_.push_back(std::move(store_));
  pool_->cv_.notify_one();
}

StorePool::Lease StorePool::Borrow() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !free_.empty(); });
  auto s = std::move(free_.back());
  free_.pop_back();
  return Lease(this, std::move(s));
}

}  // namespace fupin::server
