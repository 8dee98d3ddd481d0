// The tap interfaces of a starting domain: connected before QEMU is
// spawned, inherited by it under fixed descriptor numbers, and closed on our
// side once it runs.
#include "drivers/qemu/qemu_audit.h"
#include "drivers/qemu/qemu_interface.h"
#include "lib/audit/domain_resources.h"

namespace vireo::qemu {

StartInterfaces StartInterfaces::connect(QemuDriver& driver, conf::DomainDef& live, int firstChildFd) {
  // Every refusal first, so that a bad third interface does not cost the
  // first two a tap (and their audit records).
  for (const conf::NetDef& net : live.nets) checkInterfaceConnectable(live.type, net);

  NetAuditTarget audit;
  audit.log = driver.auditLog();
  // libvirt's net-device-open records carry no vm-pid: QEMU does not run yet.
  audit.dom = audit::auditedDomain(live, 0);

  StartInterfaces s;
  s.conns_.resize(live.nets.size());
  s.childFds_.resize(live.nets.size());
  int next = firstChildFd;
  // A failure unwinds `s`: the taps made so far close with their descriptors.
  for (size_t i = 0; i < live.nets.size(); ++i) {
    conf::NetDef& net = live.nets[i];
    if (!usesTap(net)) continue;
    TapInterface& conn = s.conns_[i] = connectTapInterface(live.type, net, audit);
    net.targetDev = conn.ifname;
    for (size_t q = 0; q < conn.tapFds.size(); ++q) s.childFds_[i].tapFds.push_back(next++);
    for (size_t q = 0; q < conn.vhostFds.size(); ++q) s.childFds_[i].vhostFds.push_back(next++);
  }
  return s;
}

void StartInterfaces::passTo(SpawnPlan& plan) const {
  for (size_t i = 0; i < conns_.size(); ++i) {
    const TapInterface& conn = conns_[i];
    for (size_t q = 0; q < conn.tapFds.size(); ++q) plan.fds.emplace_back(conn.tapFds[q].get(), childFds_[i].tapFds[q]);
    for (size_t q = 0; q < conn.vhostFds.size(); ++q)
      plan.fds.emplace_back(conn.vhostFds[q].get(), childFds_[i].vhostFds[q]);
  }
}

}  // namespace vireo::qemu
