#include "drivers/qemu/qemu_audit.h"

#include "lib/audit/domain_audit.h"
#include "lib/audit/domain_resources.h"
#include "lib/security/seclabel.h"

namespace vireo::qemu {

void auditDomainStart(QemuDriver& driver, const conf::DomainDef& def, pid_t pid, std::string_view reason, bool ok) {
  audit::AuditLog* log = driver.auditLog();
  if (!log || !log->enabled()) return;
  audit::auditStart(*log, audit::auditedDomain(def, pid), audit::domainResources(def), reason, ok);
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
  audit::auditSecurityLabels(*log, audit::auditedDomain(live, 0), labels, ok);
}

void auditDomainStop(QemuDriver& driver, const conf::DomainDef& def, pid_t pid, int shutoffReason) {
  audit::AuditLog* log = driver.auditLog();
  if (!log || !log->enabled()) return;
  audit::auditStop(*log, audit::auditedDomain(def, pid), audit::shutoffReasonWord(shutoffReason));
}

}  // namespace vireo::qemu
