// RegionTree 区划树: the division hierarchy as flat arrays for the indicator engine.
//
// Nodes are numbered 0..size()-1 in ascending code order, which is pre-order: a
// region comes right before everything within it, so its descendants are the nodes
// i+1 .. i+k. Node 0 is always the nation. A node's parent is the node of
// RegionCode::parent() — one level up, except under the three cities without
// counties (东莞 4419, 中山 4420, 儋州 4604: county part 00), whose towns hang
// directly under the city. Missing ancestors are added with an empty name. Per node:
// code, level, parent, poor-village flag (贫困村), name and children. Immutable once
// built; safe to read from any number of threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/region_code.hpp"
#include "core/status.hpp"
#include "store/store.hpp"

namespace fupin::analytics {

/// Index of a node in a RegionTree; kNoNode when there is none.
using NodeIndex = uint32_t;
inline constexpr NodeIndex kNoNode = 0xFFFFFFFFU;

class RegionTree {
 public:
  /// A tree holding only the nation.
  RegionTree();

  /// Builds the tree from `regions` (any order). Adds the nation and every missing
  /// ancestor of a listed code (name empty). Fails with invalid_argument
  /// ("analytics.duplicate_region") when a code is listed twice.
  static Result<RegionTree> Build(std::span<const store::Region> regions);

  size_t size() const { return codes_.size(); }

  /// The node of `code`, or kNoNode. O(log n).
  NodeIndex Find(RegionCode code) const;

  RegionCode code(NodeIndex node) const { return RegionCode::FromNumber(codes_[node]); }
  RegionLevel level(NodeIndex node) const { return static_cast<RegionLevel>(levels_[node]); }
  /// kNoNode for the nation.
  NodeIndex parent(NodeIndex node) const { return parents_[node]; }
  bool poor_village(NodeIndex node) const { return poor_[node] != 0; }
  /// The stored name; empty for an ancestor that was not listed (the nation: "全国").
  std::string_view name(NodeIndex node) const;
  /// Direct children in code order.
  std::span<const NodeIndex> children(NodeIndex node) const;
  /// Every node of a level, in code order (siblings are contiguous).
  std::span<const NodeIndex> nodes_at(RegionLevel level) const;

  /// Bytes held by the tree's arrays (capacity), for memory reports.
  size_t MemoryBytes() const;

 private:
  struct Unbuilt {};
  explicit RegionTree(Unbuilt) {}

  std::vector<uint64_t> codes_;
  std::vector<NodeIndex> parents_;
  std::vector<uint8_t> levels_;
  std::vector<uint8_t> poor_;
  std::string name_blob_;                // every name, concatenated
  std::vector<uint32_t> name_offsets_;   // size()+1 offsets into name_blob_
  std::vector<uint32_t> child_offsets_;  // size()+1 offsets into children_
  std::vector<NodeIndex> children_;
  std::vector<NodeIndex> by_level_[6];
};

}  // namespace fupin::analytics
