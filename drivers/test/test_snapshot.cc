// Domain snapshots on the test driver, as libvirt 9.0's test driver keeps
// them: metadata only (no disk or memory is copied), the definition of the
// domain at the time embedded, a current snapshot per domain, and the
// domain's state changes and events on a HALT.
#include <ctime>

#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/util/error.h"

namespace vireo::test {

using driver::DomainSnapshotIdentity;
using SnapshotList = MomentList<conf::DomainSnapshotDef>;

namespace {

constexpr unsigned int kListFlags = VIR_DOMAIN_SNAPSHOT_LIST_ROOTS | VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL |
                                    VIR_DOMAIN_SNAPSHOT_LIST_LEAVES | VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES |
                                    VIR_DOMAIN_SNAPSHOT_LIST_METADATA | VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA |
                                    VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE |
                                    VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY | VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL |
                                    VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL;

// The leaf, metadata, status and location filters of libvirt's snapshot
// listing (virDomainSnapshotObjListGetNames).
SnapshotList::Filter filter(unsigned int flags) {
  return [flags](const conf::DomainSnapshotDef& def, bool leaf) {
    // LEAVES and NO_LEAVES together match nothing (libvirt 9.0).
    if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_LEAVES) && !leaf) return false;
    if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES) && leaf) return false;
    // Every snapshot of the test driver has metadata.
    unsigned int metadata =
        flags & (VIR_DOMAIN_SNAPSHOT_LIST_METADATA | VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA);
    if (metadata == VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA) return false;
    unsigned int status = flags & (VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE |
                                   VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY);
    if (status) {
      unsigned int kind = def.state == "shutoff"         ? VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE
                          : def.state == "disk-snapshot" ? VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY
                                                         : VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE;
      if (!(status & kind)) return false;
    }
    unsigned int location = flags & (VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL);
    if (location) {
      unsigned int kind = conf::isExternalSnapshot(def) ? VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL
                                                        : VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL;
      if (!(location & kind)) return false;
    }
    return true;
  };
}

// The state, memory and disk locations of a new snapshot, from the
// domain's state (libvirt's testDomainSnapshotAlignDisks).
void alignNew(conf::DomainSnapshotDef& def, const TestDomain& dom) {
  std::string location = "internal";
  bool requireMatch = true;
  def.state = conf::snapshotStateName(dom.state);
  if (def.memory == "external") {
    location = "external";
    requireMatch = false;
  } else {
    def.memory = def.state == "shutoff" ? "no" : "internal";
  }
  // Refused before the disks are checked against the domain (libvirt 9.0).
  for (const conf::SnapshotDiskDef& disk : def.disks)
    if (disk.snapshot == "manual")
      fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_TEST,
           "'manual' snapshot mode is not supported by the test driver");
  conf::alignSnapshotDisks(def, dom.def, location, requireMatch);
}

// libvirt's checks of a redefinition against the domain and the snapshot
// it replaces (virDomainSnapshotRedefinePrep): the tree first, then the
// definition.
void checkRedefinition(const conf::DomainSnapshotDef& def, const TestDomain& dom, SnapshotList& list,
                       unsigned int flags) {
  list.checkParent(def.name, def.parent);
  if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY) && def.state != "disk-snapshot")
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_SNAPSHOT,
         "disk-only flag for snapshot " + def.name + " requires disk-snapshot state");
  if (def.domain && def.domain->uuid != dom.def.uuid)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_SNAPSHOT,
         "definition for snapshot " + def.name + " must use uuid " + dom.def.uuid.toString());
  if (const conf::DomainSnapshotDef* other = list.find(def.name)) {
    auto online = [](const std::string& state) { return state == "running" || state == "paused"; };
    if (online(other->state) != online(def.state))
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_SNAPSHOT,
           "cannot change between online and offline snapshot state in snapshot " + def.name);
    if ((other->state == "disk-snapshot") != (def.state == "disk-snapshot"))
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_SNAPSHOT,
           "cannot change between disk only and full system in snapshot " + def.name);
  }
  if (!def.domain) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN_SNAPSHOT, "missing domain in snapshot");
}

}  // namespace

namespace snapshotops {

std::string createXML(Connection& conn, DomainIdentity& id, std::string_view xml, unsigned int flags) {
  // libvirt 9.0's test driver refuses DISK_ONLY, REUSE_EXT and NO_METADATA;
  // QUIESCE, ATOMIC and LIVE have nothing to do here.
  checkFlags(flags,
             VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT |
                 VIR_DOMAIN_SNAPSHOT_CREATE_HALT | VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE |
                 VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC | VIR_DOMAIN_SNAPSHOT_CREATE_LIVE |
                 VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE,
             VIR_FROM_TEST, "testDomainSnapshotCreateXML");
  bool redefine = flags & VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  if (!dom.checkpoints.empty())
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_TEST, "cannot create snapshot while checkpoint exists");
  if (!dom.persistent && (flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT))
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "cannot halt after transient domain snapshot");
  conf::DomainSnapshotDef def = conf::parseDomainSnapshotXml(
      xml, redefine ? unsigned{conf::SnapshotParseRedefine} : 0u, static_cast<long long>(std::time(nullptr)));
  SnapshotList& list = dom.snapshots;
  std::string name = def.name;
  if (redefine) {
    checkRedefinition(def, dom, list, flags);
    conf::alignRedefinedSnapshot(def);
    if (conf::DomainSnapshotDef* existing = list.find(name))
      *existing = std::move(def);
    else
      list.add(std::move(def));
    if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT) list.setCurrent(name);
    return name;
  }
  def.domain = dom.def;
  alignNew(def, dom);
  def.parent = list.current();
  list.add(std::move(def));
  list.setCurrent(name);
  if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT) && dom.active()) {
    s.stop(dom, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
    id.id = -1;
  }
  return name;
}

int num(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, kListFlags, VIR_FROM_TEST, "testDomainSnapshotNum");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return static_cast<int>(s.get(id).snapshots.names(nullptr, flags, filter(flags)).size());
}

std::vector<std::string> listNames(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, kListFlags, VIR_FROM_TEST, "testDomainSnapshotListNames");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.get(id).snapshots.names(nullptr, flags, filter(flags));
}

std::vector<std::string> listAll(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, kListFlags, VIR_FROM_TEST, "testDomainListAllSnapshots");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.get(id).snapshots.names(nullptr, flags, filter(flags));
}

std::string lookupByName(Connection& conn, DomainIdentity& id, std::string_view name, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainSnapshotLookupByName");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.get(id).snapshots.get(name).name;
}

int hasCurrent(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainHasCurrentSnapshot");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.get(id).snapshots.current().empty() ? 0 : 1;
}

std::string current(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainSnapshotCurrent");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const std::string& name = s.get(id).snapshots.current();
  if (name.empty())
    fail(VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_FROM_TEST, "the domain does not have a current snapshot");
  return name;
}

std::string getParent(Connection& conn, const DomainSnapshotIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainSnapshotGetParent");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const conf::DomainSnapshotDef& def = s.get(id.domain).snapshots.get(id.name);
  if (def.parent.empty())
    fail(VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_FROM_TEST, "snapshot '" + def.name + "' does not have a parent");
  return def.parent;
}

namespace {

constexpr unsigned int kChildFlags = kListFlags & ~VIR_DOMAIN_SNAPSHOT_LIST_ROOTS;

std::vector<std::string> childNames(Connection& conn, const DomainSnapshotIdentity& id, unsigned int flags,
                                    const char* function) {
  checkFlags(flags, kChildFlags | VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS, VIR_FROM_TEST, function);
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  SnapshotList& list = s.get(id.domain).snapshots;
  return list.names(&list.get(id.name), flags, filter(flags));
}

}  // namespace

int numChildren(Connection& conn, const DomainSnapshotIdentity& id, unsigned int flags) {
  return static_cast<int>(childNames(conn, id, flags, "testDomainSnapshotNumChildren").size());
}

std::vector<std::string> listChildrenNames(Connection& conn, const DomainSnapshotIdentity& id,
                                           unsigned int flags) {
  return childNames(conn, id, flags, "testDomainSnapshotListChildrenNames");
}

std::vector<std::string> listAllChildren(Connection& conn, const DomainSnapshotIdentity& id,
                                         unsigned int flags) {
  return childNames(conn, id, flags, "testDomainSnapshotListAllChildren");
}

std::string getXMLDesc(Connection& conn, const DomainSnapshotIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_SNAPSHOT_XML_SECURE, VIR_FROM_TEST, "testDomainSnapshotGetXMLDesc");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const conf::DomainSnapshotDef& def = s.get(id.domain).snapshots.get(id.name);
  return conf::formatDomainSnapshotXml(def, id.domain.uuid, flags & VIR_DOMAIN_SNAPSHOT_XML_SECURE);
}

int isCurrent(Connection& conn, const DomainSnapshotIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainSnapshotIsCurrent");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  SnapshotList& list = s.get(id.domain).snapshots;
  return list.get(id.name).name == list.current() ? 1 : 0;
}

int hasMetadata(Connection& conn, const DomainSnapshotIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainSnapshotHasMetadata");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  s.get(id.domain).snapshots.get(id.name);
  return 1;
}

}  // namespace snapshotops
}  // namespace vireo::test
