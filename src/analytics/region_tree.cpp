#include "analytics/region_tree.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fupin::analytics {
namespace {

constexpr std::string_view kNationName = "全国";

}  // namespace

RegionTree::RegionTree() {
  const store::Region nation{RegionCode(), std::string(kNationName), false};
  *this = std::move(Build(std::span<const store::Region>(&nation, 1))).value();
}

Result<RegionTree> RegionTree::Build(std::span<const store::Region> regions) {
  struct Item {
    uint64_t code;
    const store::Region* region;  // nullptr for an added ancestor
  };
  std::vector<Item> items;
  items.reserve(regions.size() + 1);
  for (const store::Region& r : regions) items.push_back({r.code.number(), &r});
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.code < b.code; });
  for (size_t i = 1; i < items.size(); ++i) {
    if (items[i].code == items[i - 1].code) {
      const std::string code = RegionCode::FromNumber(items[i].code).ToString();
      return Status::Invalid(
          "code", "analytics.duplicate_region",
          {fmt::format("区划 {} 重复", code), fmt::format("region {} is listed twice", code)});
    }
  }
  // Ancestors that are not listed: the parents of listed codes, up to the nation.
  std::vector<uint64_t> missing;
  {
    auto listed = [&](uint64_t code) {
      return std::binary_search(items.begin(), items.end(), Item{code, nullptr},
                                [](const Item& a, const Item& b) { return a.code < b.code; });
    };
    if (!listed(0)) missing.push_back(0);
    for (const Item& item : items) {
      RegionCode c = RegionCode::FromNumber(item.code);
      while (c.level() != RegionLevel::kNation) {
        c = c.parent();
        if (listed(c.number())) break;
        missing.push_back(c.number());
      }
    }
  }
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  for (uint64_t code : missing) items.push_back({code, nullptr});
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.code < b.code; });

  RegionTree tree{Unbuilt{}};
  const size_t n = items.size();
  tree.codes_.resize(n);
  tree.levels_.resize(n);
  tree.poor_.resize(n);
  tree.parents_.resize(n);
  tree.name_offsets_.reserve(n + 1);
  for (size_t i = 0; i < n; ++i) {
    const RegionCode code = RegionCode::FromNumber(items[i].code);
    tree.codes_[i] = items[i].code;
    tree.levels_[i] = static_cast<uint8_t>(code.level());
    tree.poor_[i] = items[i].region != nullptr && items[i].region->poor_village ? 1 : 0;
    tree.name_offsets_.push_back(static_cast<uint32_t>(tree.name_blob_.size()));
    if (items[i].region != nullptr) {
      tree.name_blob_ += items[i].region->name;
    } else if (i == 0) {
      tree.name_blob_ += kNationName;
    }
  }
  tree.name_offsets_.push_back(static_cast<uint32_t>(tree.name_blob_.size()));
  // Parents: every ancestor is present, so the parent is found by search; in
  // pre-order it is always an earlier node.
  std::vector<uint32_t> child_counts(n, 0);
  tree.parents_[0] = kNoNode;
  for (size_t i = 1; i < n; ++i) {
    const NodeIndex p = tree.Find(tree.code(static_cast<NodeIndex>(i)).parent());
    tree.parents_[i] = p;
    ++child_counts[p];
  }
  tree.child_offsets_.resize(n + 1);
  tree.child_offsets_[0] = 0;
  for (size_t i = 0; i < n; ++i) tree.child_offsets_[i + 1] = tree.child_offsets_[i] + child_counts[i];
  tree.children_.resize(n > 0 ? n - 1 : 0);
  std::vector<uint32_t> next(tree.child_offsets_.begin(), tree.child_offsets_.end() - 1);
  for (size_t i = 1; i < n; ++i) tree.children_[next[tree.parents_[i]]++] = static_cast<NodeIndex>(i);
  for (size_t i = 0; i < n; ++i) tree.by_level_[tree.levels_[i]].push_back(static_cast<NodeIndex>(i));
  return tree;
}

NodeIndex RegionTree::Find(RegionCode code) const {
  const auto it = std::lower_bound(codes_.begin(), codes_.end(), code.number());
  if (it == codes_.end() || *it != code.number()) return kNoNode;
  return static_cast<NodeIndex>(it - codes_.begin());
}

std::string_view RegionTree::name(NodeIndex node) const {
  return std::string_view(name_blob_)
      .substr(name_offsets_[node], name_offsets_[node + 1] - name_offsets_[node]);
}

std::span<const NodeIndex> RegionTree::children(NodeIndex node) const {
  return std::span<const NodeIndex>(children_).subspan(child_offsets_[node],
                                                       child_offsets_[node + 1] - child_offsets_[node]);
}

std::span<const NodeIndex> RegionTree::nodes_at(RegionLevel level) const {
  return by_level_[static_cast<size_t>(level)];
}

size_t RegionTree::MemoryBytes() const {
  size_t bytes = codes_.capacity() * sizeof(uint64_t) + parents_.capacity() * sizeof(NodeIndex) +
                 levels_.capacity() + poor_.capacity() + name_blob_.capacity() +
                 name_offsets_.capacity() * sizeof(uint32_t) + child_offsets_.capacity() * sizeof(uint32_t) +
                 children_.capacity() * sizeof(NodeIndex);
  for (const auto& level : by_level_) bytes += level.capacity() * sizeof(NodeIndex);
  return bytes;
}

}  // namespace fupin::analytics
