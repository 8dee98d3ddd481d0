// The snapshots of one test domain: their definitions, the tree their
// parent names make, and which one is current, with libvirt's listing
// filters (virDomainSnapshotObjListGetNames).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lib/conf/domain_snapshot_def.h"

namespace vireo::test {

class SnapshotList {
 public:
  // The snapshot named `name`, or null.
  conf::DomainSnapshotDef* find(std::string_view name);
  // The snapshot named `name`, or VIR_ERR_NO_DOMAIN_SNAPSHOT as libvirt words it.
  conf::DomainSnapshotDef& get(std::string_view name);

  // Adds a new snapshot (VIR_ERR_OPERATION_FAILED if the name is taken).
  conf::DomainSnapshotDef& add(conf::DomainSnapshotDef def);
  void remove(std::string_view name);

  std::size_t size() const { return snapshots_.size(); }
  bool empty() const { return snapshots_.empty(); }

  // The current snapshot's name, empty when there is none.
  const std::string& current() const { return current_; }
  void setCurrent(std::string name) { current_ = std::move(name); }

  // The names the list functions return: of every snapshot (or the roots,
  // VIR_DOMAIN_SNAPSHOT_LIST_ROOTS) when `from` is null, else of the
  // children of `from` (or all its descendants, LIST_DESCENDANTS, which
  // has the same value as ROOTS); then the LEAVES, METADATA, status and
  // location filters. In creation order; with LIST_TOPOLOGICAL a parent
  // always comes before its children.
  std::vector<std::string> names(const conf::DomainSnapshotDef* from, unsigned int flags) const;

  // The direct children of `name`, in creation order.
  std::vector<conf::DomainSnapshotDef*> children(std::string_view name);
  // Every descendant of `name`, parents first.
  std::vector<std::string> descendants(std::string_view name) const;

 private:
  bool hasChildren(const std::string& name) const;
  // Appends `parent`'s descendants (depth first, parents first) to `out`.
  void collect(const std::string& parent, std::vector<const conf::DomainSnapshotDef*>& out, bool deep) const;

  std::vector<conf::DomainSnapshotDef> snapshots_;  // in creation order
  std::string current_;
};

}  // namespace vireo::test
