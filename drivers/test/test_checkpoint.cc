// Domain checkpoints on the test driver, as libvirt 9.0's test driver keeps
// them: metadata only (a bitmap name per disk, nothing is tracked), of a
// running domain without snapshots, the domain's definition embedded, and
// the newest one current (the parent of the next).
#include <ctime>

#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/util/error.h"

namespace vireo::test {

using driver::DomainCheckpointIdentity;
using CheckpointList = MomentList<conf::DomainCheckpointDef>;

namespace {

constexpr unsigned int kLeafFlags = VIR_DOMAIN_CHECKPOINT_LIST_LEAVES | VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES;

// The leaf filters, the only ones checkpoints have; together they match nothing.
CheckpointList::Filter filter(unsigned int flags) {
  return [flags](const conf::DomainCheckpointDef&, bool leaf) {
    if ((flags & VIR_DOMAIN_CHECKPOINT_LIST_LEAVES) && !leaf) return false;
    if ((flags & VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES) && leaf) return false;
    return true;
  };
}

void checkRedefinition(const conf::DomainCheckpointDef& def, const TestDomain& dom, CheckpointList& list) {
  list.checkParent(def.name, def.parent);
  if (def.domain && def.domain->uuid != dom.def.uuid)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_CHECKPOINT,
         "definition for checkpoint " + def.name + " must use uuid " + dom.def.uuid.toString());
}

}  // namespace

namespace checkpointops {

std::string createXML(Connection& conn, DomainIdentity& id, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE | VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE,
             VIR_FROM_TEST, "testDomainCheckpointCreateXML");
  bool redefine = flags & VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE;
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  if (!dom.snapshots.empty())
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_TEST, "cannot create checkpoint while snapshot exists");
  if (!dom.active())
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_TEST, "cannot create checkpoint for inactive domain");
  conf::DomainCheckpointDef def =
      conf::parseDomainCheckpointXml(xml, redefine ? unsigned{conf::CheckpointParseRedefine} : 0u,
                                     static_cast<long long>(std::time(nullptr)));
  CheckpointList& list = dom.checkpoints;
  std::string name = def.name;
  if (redefine) {
    // A redefinition replaces a checkpoint of the same name; it becomes
    // current when its parent is the current one (libvirt 9.0, measured).
    checkRedefinition(def, dom, list);
    bool followsCurrent = !def.parent.empty() && def.parent == list.current();
    if (conf::DomainCheckpointDef* existing = list.find(name))
      *existing = std::move(def);
    else
      list.add(std::move(def));
    if (followsCurrent) list.setCurrent(name);
    return name;
  }
  def.domain = dom.def;
  conf::alignCheckpointDisks(def, dom.def);
  def.parent = list.current();
  list.add(std::move(def));
  list.setCurrent(name);
  return name;
}

std::vector<std::string> listAll(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_CHECKPOINT_LIST_ROOTS | VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL | kLeafFlags,
             VIR_FROM_TEST, "testDomainListAllCheckpoints");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.get(id).checkpoints.names(nullptr, flags, filter(flags));
}

std::string lookupByName(Connection& conn, DomainIdentity& id, std::string_view name, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainCheckpointLookupByName");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.get(id).checkpoints.get(name).name;
}

std::string getParent(Connection& conn, const DomainCheckpointIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainCheckpointGetParent");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const conf::DomainCheckpointDef& def = s.get(id.domain).checkpoints.get(id.name);
  if (def.parent.empty())
    fail(VIR_ERR_NO_DOMAIN_CHECKPOINT, VIR_FROM_TEST, "checkpoint '" + def.name + "' does not have a parent");
  return def.parent;
}

std::vector<std::string> listAllChildren(Connection& conn, const DomainCheckpointIdentity& id,
                                         unsigned int flags) {
  checkFlags(flags,
             VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS | VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL | kLeafFlags,
             VIR_FROM_TEST, "testDomainCheckpointListAllChildren");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  CheckpointList& list = s.get(id.domain).checkpoints;
  return list.names(&list.get(id.name), flags, filter(flags));
}

std::string getXMLDesc(Connection& conn, const DomainCheckpointIdentity& id, unsigned int flags) {
  checkFlags(
      flags,
      VIR_DOMAIN_CHECKPOINT_XML_SECURE | VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN | VIR_DOMAIN_CHECKPOINT_XML_SIZE,
      VIR_FROM_TEST, "testDomainCheckpointGetXMLDesc");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id.domain);
  const conf::DomainCheckpointDef& def = dom.checkpoints.get(id.name);
  // SIZE asks a running domain how much changed; libvirt 9.0's test
  // driver checks that it runs but writes no size.
  if ((flags & VIR_DOMAIN_CHECKPOINT_XML_SIZE) && !dom.active())
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
  return conf::formatDomainCheckpointXml(def, flags & VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN,
                                         flags & VIR_DOMAIN_CHECKPOINT_XML_SECURE);
}

void remove(Connection& conn, const DomainCheckpointIdentity& id, unsigned int flags) {
  checkFlags(flags,
             VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN | VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY |
                 VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY,
             VIR_FROM_TEST, "testDomainCheckpointDelete");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  s.get(id.domain).checkpoints.erase(
      id.name, flags & (VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN | VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY),
      flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY);
}

}  // namespace checkpointops
}  // namespace vireo::test
