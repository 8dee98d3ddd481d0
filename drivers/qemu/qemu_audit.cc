#include "drivers/qemu/qemu_audit.h"

#include "lib/audit/domain_audit.h"
#include "lib/audit/domain_resources.h"
#include "lib/security/seclabel.h"

namespace vireo::qemu {

audit::AuditedDomain auditedDomain(const conf::DomainDef& def, pid_t pid) {
  return audit::AuditedDomain{def.type, def.name, def.uuid, pid > 0 ? pid : 0};
}

void auditDomainStart(QemuDriver& driver, const conf::DomainDef& def, pid_t pid, std::string_view reason, bool ok) {
  audit::AuditLog* log = driver.auditLog();
  if (!log || !log->enabled()) return;
  audit::auditStart(*log, auditedDomain(def, pid), audit::domainResources(def), reason, ok);
}

void auditDomainLabels(QemuDriver& driver, const conf::DomainDef& live, bool ok) {
  audit::AuditLog* log = driver.auditLog();
  if (!log || !log->enabled()) return;
  std::vector<audit::SecurityLabel> labels;
  for (const security::SecLabelDef& l : security::parseDomainSecLabels(live, true, driver.security.primaryModel())) {
    audit::SecurityLabel a;
    if (!l.model.empty()) a.model = l.model;
    if (!l.label.empty()) a.label = l.label;
    if (!l.imageLabel.empty()) a.imageLabel = l.imageLabel;
    labels.push_back(std::move(a));
  }
  audit::auditSecurityLabels(*log, auditedDomain(live, 0), labels, ok);
}

namespace {

// libvirt's words for a shutoff reason in op=stop records.
const char* stopReasonWord(int reason) {
  switch (reason) {
    case VIR_DOMAIN_SHUTOFF_SHUTDOWN: return "shutdown";
    case VIR_DOMAIN_SHUTOFF_DESTROYED: return "destroyed";
    case VIR_DOMAIN_SHUTOFF_CRASHED: return "crashed";
    case VIR_DOMAIN_SHUTOFF_MIGRATED: return "migrated";
    case VIR_DOMAIN_SHUTOFF_SAVED: return "saved";
    case VIR_DOMAIN_SHUTOFF_FAILED: return "failed";
    case VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT: return "from-snapshot";
    case VIR_DOMAIN_SHUTOFF_DAEMON: return "daemon";
    default: return "unknown";
  }
}

}  // namespace

void auditDomainStop(QemuDriver& driver, const conf::DomainDef& def, pid_t pid, int shutoffReason) {
  audit::AuditLog* log = driver.auditLog();
  if (!log || !log->enabled()) return;
  audit::auditStop(*log, auditedDomain(def, pid), stopReasonWord(shutoffReason));
}

}  // namespace vireo::qemu
