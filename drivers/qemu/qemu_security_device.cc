// Ownership of hotplugged devices: set before QEMU opens the device, given
// back after QEMU let it go, the /dev part inside the domain's namespace.
#include <mutex>

#include "drivers/qemu/qemu_driver_state.h"
#include "drivers/qemu/qemu_security.h"
#include "drivers/qemu/qemu_security_internal.h"
#include "lib/util/log.h"

namespace vireo::qemu {

namespace {

constexpr char kLogModule[] = "qemu.qemu_security_device";

conf::DomainDef liveDefinition(QemuDriver& driver, const QemuDomain& dom) {
  MutexLock lock(driver.mu);
  return dom.def;
}

// Gives back what `restore` lists: the host's part here, the rest inside the
// namespace (which exists while the domain runs).
void giveBack(QemuDomain& dom, const security::DacPlan& restore, const std::string& what) noexcept {
  try {
    security_glue::PlacedPlan placed = security_glue::placePlan(restore, dom.run.privateDev);
    try {
      security::applyDacPlan(placed.host);
    } catch (const std::exception& e) {
      VIREO_WARN(kLogModule, "%s not given back: %s", what.c_str(), e.what());
    }
    if (!placed.inNamespace.empty()) security_glue::applyDacPlanInNamespace(dom.run.pid, placed.inNamespace);
  } catch (const std::exception& e) {
    VIREO_WARN(kLogModule, "%s not given back in the domain's /dev: %s", what.c_str(), e.what());
  }
}

}  // namespace

DeviceLabels::DeviceLabels(QemuDriver& driver, QemuDomain& dom, const conf::DiskDef& disk)
    : dom_(dom) {
  conf::DomainDef live = liveDefinition(driver, dom);
  security::DacOptions opts = security_glue::dacOptions(driver);
  apply(security::planDiskLabel(live, disk, opts), security::planDiskRestore(live, disk, opts));
}

DeviceLabels::DeviceLabels(QemuDriver& driver, QemuDomain& dom, const conf::ChrDef& chr)
    : dom_(dom) {
  conf::DomainDef live = liveDefinition(driver, dom);
  security::DacOptions opts = security_glue::dacOptions(driver);
  security::DacPlan label = security::planChardevLabel(live, chr, opts);
  if (!label.empty()) security_glue::precreateChardevFile(chr);
  apply(std::move(label), security::planChardevRestore(live, chr, opts));
}

void DeviceLabels::apply(security::DacPlan label, security::DacPlan restore) {
  bool privateDev = dom_.run.privateDev;
  security_glue::applyPlaced(security_glue::placePlan(label, privateDev), dom_.run.pid,
                       security_glue::placePlan(restore, privateDev).host);
  restore_ = std::move(restore);
}

DeviceLabels::~DeviceLabels() {
  if (!kept_) giveBack(dom_, restore_, "files of a device that failed to attach");
}

void restoreDeviceLabels(QemuDriver& driver, QemuDomain& dom, const conf::DeviceDef& removed) noexcept {
  try {
    conf::DomainDef live = liveDefinition(driver, dom);
    security::DacOptions opts = security_glue::dacOptions(driver);
    security::DacPlan restore;
    if (const auto* disk = std::get_if<conf::DiskDef>(&removed)) restore = security::planDiskRestore(live, *disk, opts);
    else if (const auto* chr = std::get_if<conf::ChrDef>(&removed))
      restore = security::planChardevRestore(live, *chr, opts);
    giveBack(dom, restore, "files of a detached device");
  } catch (const std::exception& e) {
    VIREO_WARN(kLogModule, "files of a detached device not given back: %s", e.what());
  }
}

}  // namespace vireo::qemu
