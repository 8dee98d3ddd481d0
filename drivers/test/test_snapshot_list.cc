#include "drivers/test/test_snapshot_list.h"

#include <algorithm>

#include "lib/util/error.h"

namespace vireo::test {

namespace {

bool external(const conf::DomainSnapshotDef& def) {
  if (def.memory == "external") return true;
  return std::any_of(def.disks.begin(), def.disks.end(),
                     [](const conf::SnapshotDiskDef& d) { return d.snapshot == "external"; });
}

// The status, location, leaf and metadata filters of libvirt's listing.
bool matches(const conf::DomainSnapshotDef& def, bool leaf, unsigned int flags) {
  // LEAVES and NO_LEAVES together match nothing (libvirt 9.0).
  if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_LEAVES) && !leaf) return false;
  if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES) && leaf) return false;
  // Every snapshot of the test driver has metadata.
  unsigned int metadata = flags & (VIR_DOMAIN_SNAPSHOT_LIST_METADATA | VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA);
  if (metadata == VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA) return false;
  unsigned int status = flags & (VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE |
                                 VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY);
  if (status) {
    bool ok = def.state == "shutoff" ? (status & VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE)
              : def.state == "disk-snapshot" ? (status & VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY)
                                             : (status & VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE);
    if (!ok) return false;
  }
  unsigned int location = flags & (VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL);
  if (location) {
    unsigned int wanted = external(def) ? VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL : VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL;
    if (!(location & wanted)) return false;
  }
  return true;
}

}  // namespace

conf::DomainSnapshotDef* SnapshotList::find(std::string_view name) {
  for (conf::DomainSnapshotDef& def : snapshots_)
    if (def.name == name) return &def;
  return nullptr;
}

conf::DomainSnapshotDef& SnapshotList::get(std::string_view name) {
  if (conf::DomainSnapshotDef* def = find(name)) return *def;
  fail(VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_FROM_TEST,
       "no domain snapshot with matching name '" + std::string(name) + "'");
}

conf::DomainSnapshotDef& SnapshotList::add(conf::DomainSnapshotDef def) {
  if (find(def.name))
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, "domain moment " + def.name + " already exists");
  snapshots_.push_back(std::move(def));
  return snapshots_.back();
}

void SnapshotList::remove(std::string_view name) {
  snapshots_.erase(std::remove_if(snapshots_.begin(), snapshots_.end(),
                                  [&](const conf::DomainSnapshotDef& d) { return d.name == name; }),
                   snapshots_.end());
  if (current_ == name) current_.clear();
}

bool SnapshotList::hasChildren(const std::string& name) const {
  return std::any_of(snapshots_.begin(), snapshots_.end(),
                     [&](const conf::DomainSnapshotDef& d) { return d.parent == name; });
}

void SnapshotList::collect(const std::string& parent, std::vector<const conf::DomainSnapshotDef*>& out,
                           bool deep) const {
  for (const conf::DomainSnapshotDef& def : snapshots_) {
    if (def.parent != parent) continue;
    out.push_back(&def);
    if (deep) collect(def.name, out, deep);
  }
}

std::vector<std::string> SnapshotList::names(const conf::DomainSnapshotDef* from, unsigned int flags) const {
  std::vector<const conf::DomainSnapshotDef*> chosen;
  bool deep = flags & VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS;
  if (from) {
    collect(from->name, chosen, deep);
  } else if (flags & VIR_DOMAIN_SNAPSHOT_LIST_ROOTS) {
    collect("", chosen, false);
  } else if (flags & VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL) {
    collect("", chosen, true);
  } else {
    for (const conf::DomainSnapshotDef& def : snapshots_) chosen.push_back(&def);
  }
  std::vector<std::string> out;
  for (const conf::DomainSnapshotDef* def : chosen)
    if (matches(*def, !hasChildren(def->name), flags)) out.push_back(def->name);
  return out;
}

std::vector<conf::DomainSnapshotDef*> SnapshotList::children(std::string_view name) {
  std::vector<conf::DomainSnapshotDef*> out;
  for (conf::DomainSnapshotDef& def : snapshots_)
    if (def.parent == name) out.push_back(&def);
  return out;
}

std::vector<std::string> SnapshotList::descendants(std::string_view name) const {
  std::vector<const conf::DomainSnapshotDef*> found;
  collect(std::string(name), found, true);
  std::vector<std::string> out;
  for (const conf::DomainSnapshotDef* def : found) out.push_back(def->name);
  return out;
}

}  // namespace vireo::test
