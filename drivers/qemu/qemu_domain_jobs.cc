// A domain's background job as virDomainGetJobInfo, GetJobStats and
// AbortJob see it. This driver runs no background job (no migration, save,
// dump or backup runs in the process), so it answers as libvirt's QEMU
// driver does for a domain without one: type NONE while the domain runs,
// nothing to abort, and no completed job kept.
#include "drivers/qemu/qemu_ops.h"
#include "lib/util/error.h"

namespace vireo::qemu::domainops {

namespace {

// Whether the domain runs (it must exist: libvirt's "no domain with matching uuid").
bool active(Connection& conn, const DomainIdentity& id) {
  QemuDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  return d.domains.get(id, VIR_FROM_QEMU).active();
}

// libvirt's answer for a domain that does not run.
void requireActive(Connection& conn, const DomainIdentity& id) {
  if (!active(conn, id)) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
}

}  // namespace

virDomainJobInfo getJobInfo(Connection& conn, DomainIdentity& id) {
  requireActive(conn, id);
  virDomainJobInfo info{};
  info.type = VIR_DOMAIN_JOB_NONE;
  return info;
}

driver::DomainJobStats getJobStats(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_JOB_STATS_COMPLETED | VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED, VIR_FROM_QEMU,
             "qemuDomainGetJobStats");
  // The statistics of a completed job need no running domain (there are none to keep here).
  if (flags & VIR_DOMAIN_JOB_STATS_COMPLETED) active(conn, id);
  else requireActive(conn, id);
  return {};
}

void abortJobFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_ABORT_JOB_POSTCOPY, VIR_FROM_QEMU, "qemuDomainAbortJobFlags");
  requireActive(conn, id);
  fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "no job is active on the domain");
}

void abortJob(Connection& conn, DomainIdentity& id) { abortJobFlags(conn, id, 0); }

}  // namespace vireo::qemu::domainops
