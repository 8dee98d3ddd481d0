#include "drivers/lxc/lxc_audit.h"

#include <sys/stat.h>

#include <string>

#include "lib/audit/domain_audit.h"
#include "lib/audit/domain_resources.h"

namespace vireo::lxc {

namespace {

// The inode of the process's pid namespace, as libvirt's op=init has it; 0
// when it cannot be read.
unsigned long long pidNamespaceOf(pid_t pid) {
  struct stat st;
  std::string path = "/proc/" + std::to_string(pid) + "/ns/pid";
  return stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

}  // namespace

void auditContainerStart(LxcDriver& d, const conf::DomainDef& live, pid_t pid, bool ok) {
  audit::AuditLog* log = d.auditLog();
  if (!log || !log->enabled()) return;
  audit::AuditedDomain dom = audit::auditedDomain(live, pid > 0 ? pid : 0);
  // libvirt's "none" security driver gives the domain a label of model none.
  audit::SecurityLabel none;
  none.model = "none";
  audit::auditSecurityLabels(*log, dom, {none}, ok);
  audit::auditStart(*log, dom, audit::domainResources(live), "booted", ok);
  if (ok) audit::auditContainerInit(*log, dom, pid, pidNamespaceOf(pid));
}

void auditContainerStop(LxcDriver& d, const conf::DomainDef& def, pid_t pid, int shutoffReason) {
  audit::AuditLog* log = d.auditLog();
  if (!log || !log->enabled()) return;
  audit::auditStop(*log, audit::auditedDomain(def, pid > 0 ? pid : 0), audit::shutoffReasonWord(shutoffReason));
}

}  // namespace vireo::lxc
