// The snapshots (or checkpoints) of one test domain, "moments" in libvirt's
// words: their definitions, the tree their parent names make, which one is
// current, and the listing rules both kinds share
// (virDomainMomentObjListGetNames). `Def` has `name` and `parent`.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <libvirt/virterror.h>

#include "lib/util/error.h"

namespace vireo::test {

// The listing flags both kinds number alike: VIR_DOMAIN_SNAPSHOT_LIST_ROOTS
// and _DESCENDANTS share bit 0 (as the CHECKPOINT ones do), TOPOLOGICAL is
// bit 1.
constexpr unsigned int kMomentRootsOrDescendants = 1u << 0;
constexpr unsigned int kMomentTopological = 1u << 1;

template <typename Def>
class MomentList {
 public:
  // Whether a moment passes the caller's filters; `leaf`: it has no children.
  using Filter = std::function<bool(const Def&, bool leaf)>;

  // `notFound` and `kind` make the error for a missing name:
  // VIR_ERR_NO_DOMAIN_SNAPSHOT, "snapshot".
  MomentList(virErrorNumber notFound, const char* kind) : notFound_(notFound), kind_(kind) {}

  Def* find(std::string_view name) {
    for (Def& def : moments_)
      if (def.name == name) return &def;
    return nullptr;
  }
  // The moment named `name`, or libvirt's "no domain snapshot with matching name".
  Def& get(std::string_view name) {
    if (Def* def = find(name)) return *def;
    fail(notFound_, VIR_FROM_TEST,
         "no domain " + std::string(kind_) + " with matching name '" + std::string(name) + "'");
  }

  // Adds a new moment (VIR_ERR_OPERATION_FAILED if the name is taken).
  Def& add(Def def) {
    if (find(def.name))
      fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, "domain moment " + def.name + " already exists");
    moments_.push_back(std::move(def));
    return moments_.back();
  }
  void remove(std::string_view name) {
    moments_.erase(
        std::remove_if(moments_.begin(), moments_.end(), [&](const Def& d) { return d.name == name; }),
        moments_.end());
    if (current_ == name) current_.clear();
  }
  void clear() {
    moments_.clear();
    current_.clear();
  }

  std::size_t size() const { return moments_.size(); }
  bool empty() const { return moments_.empty(); }

  // The current moment's name, empty when there is none.
  const std::string& current() const { return current_; }
  void setCurrent(std::string name) { current_ = std::move(name); }

  // The names the list functions return: of every moment (or the roots)
  // when `from` is null, else of the children of `from` (or all its
  // descendants), that pass `filter`. In creation order; with TOPOLOGICAL
  // a parent always comes before its children.
  std::vector<std::string> names(const Def* from, unsigned int flags, const Filter& filter) const {
    std::vector<const Def*> chosen;
    bool bit0 = flags & kMomentRootsOrDescendants;
    if (from)
      collect(from->name, chosen, bit0);
    else if (bit0)
      collect("", chosen, false);
    else if (flags & kMomentTopological)
      collect("", chosen, true);
    else
      for (const Def& def : moments_) chosen.push_back(&def);
    std::vector<std::string> out;
    for (const Def* def : chosen)
      if (filter(*def, !hasChildren(def->name))) out.push_back(def->name);
    return out;
  }

  // The direct children of `name`, in creation order.
  std::vector<Def*> children(std::string_view name) {
    std::vector<Def*> out;
    for (Def& def : moments_)
      if (def.parent == name) out.push_back(&def);
    return out;
  }
  // Every descendant of `name`, parents first.
  std::vector<std::string> descendants(std::string_view name) const {
    std::vector<const Def*> found;
    collect(std::string(name), found, true);
    std::vector<std::string> out;
    for (const Def* def : found) out.push_back(def->name);
    return out;
  }

  // libvirt's checks of a redefinition's parent (virDomainMomentCheckCycles).
  void checkParent(const std::string& name, const std::string& parent) {
    if (parent.empty()) return;
    if (parent == name)
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "cannot set moment " + name + " as its own parent");
    if (!find(parent))
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "parent " + parent + " for moment " + name + " not found");
    for (const std::string& below : descendants(name))
      if (below == parent)
        fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "parent " + parent + " would create cycle to " + name);
  }

  // Deletes `name` as virDomainSnapshotDelete / virDomainCheckpointDelete
  // do: with `children` (CHILDREN or CHILDREN_ONLY) its descendants go
  // first, and if the current one was among them, `name` becomes current;
  // otherwise its children move up to its parent. Unless `childrenOnly`,
  // `name` itself goes, handing "current" to its parent.
  void erase(const std::string& name, bool children, bool childrenOnly) {
    std::string parent = get(name).parent;
    if (children) {
      bool wasCurrent = false;
      for (const std::string& below : descendants(name)) {
        wasCurrent |= below == current_;
        remove(below);
      }
      if (wasCurrent) current_ = name;
    } else {
      for (Def* child : this->children(name)) child->parent = parent;
    }
    if (childrenOnly) return;
    if (current_ == name) current_ = find(parent) ? parent : "";
    remove(name);
  }

 private:
  bool hasChildren(const std::string& name) const {
    return std::any_of(moments_.begin(), moments_.end(), [&](const Def& d) { return d.parent == name; });
  }
  // Appends `parent`'s children (and with `deep` their descendants, depth
  // first, parents first) to `out`.
  void collect(const std::string& parent, std::vector<const Def*>& out, bool deep) const {
    for (const Def& def : moments_) {
      if (def.parent != parent) continue;
      out.push_back(&def);
      if (deep) collect(def.name, out, deep);
    }
  }

  virErrorNumber notFound_;
  const char* kind_;
  std::vector<Def> moments_;  // in creation order
  std::string current_;
};

}  // namespace vireo::test
