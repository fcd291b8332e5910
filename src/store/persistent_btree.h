// PersistentBTree: an immutable, structurally shared ordered map (a B+tree with path copying).
// A change copies only the nodes from the root to the touched leaf; every version shares all
// other nodes, and a node is freed when the last version that can reach it goes away.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace ledgerline::store {

// Copies are O(1) (they share the root). Not thread-safe for writing: one writer changes its
// own copy, while any number of threads read other copies. A node reachable only from the
// copy being changed (use count 1 along the whole path) is edited in place, so a batch of
// changes to an unpublished copy copies each path at most once.
// `Less` orders keys and may be transparent (compare K with a lighter probe type).
template <class K, class V, class Less, std::size_t MaxEntries = 64>
class PersistentBTree {
 public:
  static constexpr std::size_t kMaxEntries = MaxEntries;  // a node splits above this
  static constexpr std::size_t kBuildFill =
      MaxEntries * 3 / 4;  // entries per node when bulk-building
  static constexpr std::size_t kMergeBelow =
      MaxEntries / 4;  // a node this small merges with a neighbour

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // The value stored under `key`, or nullptr. Stable while this version lives.
  template <class Probe>
  const V* find(const Probe& key) const {
    const Node* node = root_.get();
    if (node == nullptr) return nullptr;
    while (!node->leaf) node = node->children[child_index(*node, key)].get();
    auto it = std::lower_bound(node->keys.begin(), node->keys.end(), key, Less{});
    if (it == node->keys.end() || Less{}(key, *it)) return nullptr;
    return &node->values[static_cast<std::size_t>(it - node->keys.begin())];
  }

  // Sets `key` to `value`. Returns true when the key is new; otherwise the value it replaced
  // is moved to `*replaced` (when given).
  bool insert_or_assign(const K& key, V value, V* replaced = nullptr) {
    if (!root_) {
      root_ = std::make_shared<Node>();
      root_->leaf = true;
    }
    bool inserted = false;
    NodePtr split = insert(root_, key, std::move(value), inserted, replaced);
    if (split) {
      auto root = std::make_shared<Node>();
      root->leaf = false;
      root->keys = {root_->keys.front(), split->keys.front()};
      root->children = {std::move(root_), std::move(split)};
      root_ = std::move(root);
    }
    if (inserted) ++size_;
    return inserted;
  }

  // Removes `key`. Returns false (and copies nothing) when it is absent.
  template <class Probe>
  bool erase(const Probe& key) {
    if (find(key) == nullptr) return false;
    erase_from(root_, key);
    --size_;
    while (root_ && !root_->leaf && root_->children.size() == 1) {
      NodePtr only = root_->children.front();
      root_ = std::move(only);
    }
    if (size_ == 0) root_.reset();
    return true;
  }

  // Leaf nodes in this version (how full the tree is: size() / leaf_count() entries a leaf).
  std::size_t leaf_count() const { return root_ ? count_leaves(*root_) : 0; }

  // Calls visit(key, value) in key order until it returns false. Returns false if stopped.
  template <class Visit>
  bool for_each(Visit&& visit) const {
    return root_ ? visit_from<K>(*root_, nullptr, visit) : true;
  }
  // Like for_each, starting at the first key not less than `lower`.
  template <class Probe, class Visit>
  bool for_each_from(const Probe& lower, Visit&& visit) const {
    return root_ ? visit_from(*root_, &lower, visit) : true;
  }

  // Builds a tree from entries sorted by key without duplicates, in O(n).
  static PersistentBTree from_sorted(std::vector<std::pair<K, V>> entries) {
    PersistentBTree tree;
    tree.size_ = entries.size();
    if (entries.empty()) return tree;
    std::vector<NodePtr> level;
    level.reserve(entries.size() / kBuildFill + 1);
    for (std::size_t i = 0; i < entries.size(); i += kBuildFill) {
      auto leaf = std::make_shared<Node>();
      leaf->leaf = true;
      std::size_t end = std::min(entries.size(), i + kBuildFill);
      leaf->keys.reserve(end - i);
      leaf->values.reserve(end - i);
      for (std::size_t j = i; j < end; ++j) {
        leaf->keys.push_back(std::move(entries[j].first));
        leaf->values.push_back(std::move(entries[j].second));
      }
      level.push_back(std::move(leaf));
    }
    while (level.size() > 1) {
      std::vector<NodePtr> parents;
      parents.reserve(level.size() / kBuildFill + 1);
      for (std::size_t i = 0; i < level.size(); i += kBuildFill) {
        auto branch = std::make_shared<Node>();
        branch->leaf = false;
        std::size_t end = std::min(level.size(), i + kBuildFill);
        for (std::size_t j = i; j < end; ++j) {
          branch->keys.push_back(level[j]->keys.front());
          branch->children.push_back(std::move(level[j]));
        }
        parents.push_back(std::move(branch));
      }
      level = std::move(parents);
    }
    tree.root_ = std::move(level.front());
    return tree;
  }

 private:
  struct Node {
    bool leaf = true;
    std::vector<K> keys;    // leaf: entry keys; branch: the smallest key of each child
    std::vector<V> values;  // leaf only
    std::vector<std::shared_ptr<Node>> children;  // branch only
  };
  using NodePtr = std::shared_ptr<Node>;

  // Makes `slot` exclusively owned by this version, copying it when shared.
  static Node* own(NodePtr& slot) {
    if (slot.use_count() != 1) {
      slot = copy_of(*slot);
    } else {
      // Pairs with the release decrement of a version that just let go of this node.
      std::atomic_thread_fence(std::memory_order_acquire);
    }
    return slot.get();
  }

  // A copy with room for one more entry: the change that copied it usually inserts one, and
  // an exact-size copy would be reallocated (and its entries copied again) at once.
  static NodePtr copy_of(const Node& node) {
    auto copy = std::make_shared<Node>();
    copy->leaf = node.leaf;
    copy->keys.reserve(node.keys.size() + 1);
    copy->keys.assign(node.keys.begin(), node.keys.end());
    if (node.leaf) {
      copy->values.reserve(node.values.size() + 1);
      copy->values.assign(node.values.begin(), node.values.end());
    } else {
      copy->children.reserve(node.children.size() + 1);
      copy->children.assign(node.children.begin(), node.children.end());
    }
    return copy;
  }

  template <class Probe>
  static std::size_t child_index(const Node& node, const Probe& key) {
    auto it = std::upper_bound(node.keys.begin(), node.keys.end(), key, Less{});
    return it == node.keys.begin() ? 0 : static_cast<std::size_t>(it - node.keys.begin()) - 1;
  }

  // Where an overfull node splits: the first index that moves to the new right node. Keys
  // arrive mostly in order (time-ordered ids, at the end of their type's or referenced id's
  // range), so a node that overflows at the entry just inserted at `at` keeps everything up to
  // it: an append at the end leaves a full node behind and starts an empty one, instead of two
  // half-full nodes of which the left is never filled again.
  static std::size_t split_point(std::size_t size, std::size_t at) {
    if (at + 1 == size) return size - 1;
    return std::max(size / 2, at + 1);
  }

  static NodePtr split_off(Node& node, std::size_t at) {
    auto right = std::make_shared<Node>();
    right->leaf = node.leaf;
    std::size_t split = split_point(node.keys.size(), at);
    right->keys.assign(std::make_move_iterator(node.keys.begin() + static_cast<long>(split)),
                       std::make_move_iterator(node.keys.end()));
    node.keys.resize(split);
    if (node.leaf) {
      right->values.assign(std::make_move_iterator(node.values.begin() + static_cast<long>(split)),
                           std::make_move_iterator(node.values.end()));
      node.values.resize(split);
    } else {
      right->children.assign(
          std::make_move_iterator(node.children.begin() + static_cast<long>(split)),
          std::make_move_iterator(node.children.end()));
      node.children.resize(split);
    }
    return right;
  }

  // Room for one more entry without doubling past the largest size a node reaches: a node's
  // capacity is memory every version that shares it keeps.
  template <class T>
  static void make_room(std::vector<T>& entries) {
    if (entries.size() < entries.capacity()) return;
    entries.reserve(std::min(std::max<std::size_t>(2 * entries.size(), 4), kMaxEntries + 1));
  }

  // Inserts below `slot`; returns the new right sibling when the node split.
  static NodePtr insert(NodePtr& slot, const K& key, V&& value, bool& inserted, V* replaced) {
    Node* node = own(slot);
    std::size_t at = 0;  // where the entry (or the new child) went
    if (node->leaf) {
      auto it = std::lower_bound(node->keys.begin(), node->keys.end(), key, Less{});
      auto index = it - node->keys.begin();
      if (it != node->keys.end() && !Less{}(key, *it)) {
        V& slot_value = node->values[static_cast<std::size_t>(index)];
        if (replaced != nullptr) *replaced = std::move(slot_value);
        slot_value = std::move(value);
        return nullptr;
      }
      make_room(node->keys);
      make_room(node->values);
      node->keys.insert(node->keys.begin() + index, key);
      node->values.insert(node->values.begin() + index, std::move(value));
      inserted = true;
      at = static_cast<std::size_t>(index);
    } else {
      std::size_t index = child_index(*node, key);
      NodePtr split = insert(node->children[index], key, std::move(value), inserted, replaced);
      // Only the first child can get a smaller first key (a key below every separator).
      if (index == 0) node->keys[0] = node->children[0]->keys.front();
      if (split) {
        make_room(node->keys);
        make_room(node->children);
        node->keys.insert(node->keys.begin() + static_cast<long>(index) + 1, split->keys.front());
        node->children.insert(node->children.begin() + static_cast<long>(index) + 1,
                              std::move(split));
        at = index + 1;
      }
    }
    return node->keys.size() > kMaxEntries ? split_off(*node, at) : nullptr;
  }

  // Removes a key known to be present below `slot`.
  template <class Probe>
  static void erase_from(NodePtr& slot, const Probe& key) {
    Node* node = own(slot);
    if (node->leaf) {
      auto it = std::lower_bound(node->keys.begin(), node->keys.end(), key, Less{});
      auto index = it - node->keys.begin();
      node->keys.erase(it);
      node->values.erase(node->values.begin() + index);
      return;
    }
    std::size_t index = child_index(*node, key);
    erase_from(node->children[index], key);
    const Node& child = *node->children[index];
    if (child.keys.empty()) {
      node->keys.erase(node->keys.begin() + static_cast<long>(index));
      node->children.erase(node->children.begin() + static_cast<long>(index));
      return;
    }
    node->keys[index] = child.keys.front();
    if (child.keys.size() < kMergeBelow && node->children.size() > 1) {
      merge_small_child(*node, index);
    }
  }

  // Merges child `index` with a neighbour when both fit in one node.
  static void merge_small_child(Node& parent, std::size_t index) {
    std::size_t left_index = index + 1 < parent.children.size() ? index : index - 1;
    const Node& right = *parent.children[left_index + 1];
    if (parent.children[left_index]->keys.size() + right.keys.size() > kMaxEntries) return;
    Node* left = own(parent.children[left_index]);
    // Exactly the merged size: a range insert would grow the vectors by doubling.
    left->keys.reserve(left->keys.size() + right.keys.size());
    left->keys.insert(left->keys.end(), right.keys.begin(), right.keys.end());
    if (left->leaf) {
      left->values.reserve(left->values.size() + right.values.size());
      left->values.insert(left->values.end(), right.values.begin(), right.values.end());
    } else {
      left->children.reserve(left->children.size() + right.children.size());
      left->children.insert(left->children.end(), right.children.begin(), right.children.end());
    }
    parent.keys.erase(parent.keys.begin() + static_cast<long>(left_index) + 1);
    parent.children.erase(parent.children.begin() + static_cast<long>(left_index) + 1);
  }

  static std::size_t count_leaves(const Node& node) {
    if (node.leaf) return 1;
    std::size_t leaves = 0;
    for (const NodePtr& child : node.children) leaves += count_leaves(*child);
    return leaves;
  }

  template <class Probe, class Visit>
  static bool visit_from(const Node& node, const Probe* lower, Visit& visit) {
    if (node.leaf) {
      std::size_t start = 0;
      if (lower != nullptr) {
        start = static_cast<std::size_t>(
            std::lower_bound(node.keys.begin(), node.keys.end(), *lower, Less{}) -
            node.keys.begin());
      }
      for (std::size_t i = start; i < node.keys.size(); ++i) {
        if (!visit(node.keys[i], node.values[i])) return false;
      }
      return true;
    }
    std::size_t start = lower != nullptr ? child_index(node, *lower) : 0;
    for (std::size_t i = start; i < node.children.size(); ++i) {
      if (!visit_from(*node.children[i], i == start ? lower : nullptr, visit)) return false;
    }
    return true;
  }

  NodePtr root_;
  std::size_t size_ = 0;
};

}  // namespace ledgerline::store
