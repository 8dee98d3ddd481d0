// The security part of a domain's start, in libvirt's order
// (qemuProcessStart): labels generated, the domain's own files given to its
// user, its images and devices labelled, then QEMU spawned as that user
// without capabilities. Undone when the start fails.
#include <unistd.h>

#include "drivers/qemu/qemu_audit.h"
#include "drivers/qemu/qemu_security.h"
#include "drivers/qemu/qemu_security_internal.h"
#include "lib/util/log.h"

namespace vireo::qemu {

namespace {

constexpr char kLogModule[] = "qemu.qemu_security_start";

// The driver's own directories and files for the domain (private directory,
// master key, channel directory) belong to the domain's user whatever
// dynamic_ownership says, as libvirt's DomainSetPathLabel does: QEMU must
// read them. They are not remembered or given back: the driver removes them
// when the domain stops.
void giveDomainPaths(const std::vector<std::string>& paths, security::OwnerIds owner) {
  security::DacPlan plan;
  for (const std::string& p : paths) {
    if (p.empty() || access(p.c_str(), F_OK) != 0) continue;
    security::OwnershipOp op;
    op.path = p;
    op.uid = owner.uid;
    op.gid = owner.gid;
    plan.ops.push_back(std::move(op));
  }
  security::applyDacPlan(plan);  // nothing remembered: no lock, no child
}

}  // namespace

StartLabels::StartLabels(QemuDriver& driver, conf::DomainDef& live) : driver_(driver), live_(live) {
  try {
    driver_.security.prepareDomain(live_);
  } catch (...) {
    auditDomainLabels(driver_, live_, false);
    throw;
  }
  auditDomainLabels(driver_, live_, true);
}

StartLabels::~StartLabels() {
  if (dismissed_) return;
  if (hostLabelled_) {
    try {
      security::DacPlan restore = security::planDomainRestore(live_, security_glue::dacOptions(driver_));
      security::applyDacPlan(security_glue::placePlan(restore, privateDev_).host);
    } catch (const std::exception& e) {
      VIREO_WARN(kLogModule, "files of domain '%s' not given back after a failed start: %s", live_.name.c_str(),
                 e.what());
    }
  }
  try {
    conf::DomainDef released = live_;  // the audit of the failed start still reads the labels
    driver_.security.releaseDomain(released);
  } catch (const std::exception& e) {
    VIREO_WARN(kLogModule, "security labels of domain '%s' not released: %s", live_.name.c_str(), e.what());
  }
}

void StartLabels::prepareSpawn(SpawnPlan& plan, bool privateDev, const std::vector<std::string>& domainPaths) {
  privateDev_ = privateDev;
  security::OwnerIds owner = security_glue::domainOwner(driver_, live_);
  giveDomainPaths(domainPaths, owner);
  for (const auto* list : {&live_.serials, &live_.parallels, &live_.channels, &live_.consoles})
    for (const conf::ChrDef& chr : *list) security_glue::precreateChardevFile(chr);

  security_glue::PlacedPlan labels =
      security_glue::placePlan(security::planDomainLabels(live_, security_glue::dacOptions(driver_)), privateDev);
  // A failure here has undone its own changes (DacProgram).
  security::applyDacPlan(labels.host);
  hostLabelled_ = true;

  // The child: the private /dev (already the plan's hook, if any), the
  // labels of its nodes, then the credentials, which must come last: the
  // steps before need root.
  if (!labels.inNamespace.empty()) namespaceLabels_.emplace(std::move(labels.inNamespace));
  credentials_.emplace(
      security::planEmulatorCredentials(owner.uid, owner.gid, driver_.config.clearEmulatorCapabilities));
  chain_.attachTo(plan);
  if (namespaceLabels_) namespaceLabels_->addTo(chain_);
  credentials_->addTo(chain_);
}

}  // namespace vireo::qemu
