// The QEMU driver and lib/security: the stack at open, the checks at define,
// what a stop gives back, what a reconnect holds again.
#include "drivers/qemu/qemu_security.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "drivers/qemu/qemu_channel_paths.h"
#include "drivers/qemu/qemu_driver_state.h"
#include "drivers/qemu/qemu_security_internal.h"
#include "lib/security/selinux.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"
#include "lib/util/log.h"

namespace vireo::qemu {

namespace {
constexpr char kLogModule[] = "qemu.qemu_security";
}  // namespace

namespace security_glue {

security::DacOptions dacOptions(const QemuDriver& driver) {
  security::DacOptions o;
  o.uid = driver.config.uid;
  o.gid = driver.config.gid;
  o.dynamicOwnership = driver.config.dynamicOwnership;
  o.rememberOwner = driver.config.rememberOwner;
  o.chardevStdioLogd = false;
  o.metadataLockWait = std::chrono::seconds(driver.config.metadataLockTimeout);
  return o;
}

security::OwnerIds domainOwner(const QemuDriver& driver, const conf::DomainDef& live) {
  std::vector<security::SecLabelDef> labels =
      security::parseDomainSecLabels(live, true, driver.security.primaryModel());
  const security::SecLabelDef* dac = security::findSecLabel(labels, "dac");
  if (dac && !dac->label.empty()) return security::parseOwnershipIds(dac->label);
  return {driver.config.uid, driver.config.gid};
}

void precreateChardevFile(const conf::ChrDef& chr) {
  if (chr.type != "file" || chr.sources.empty()) return;
  std::string path = chr.sources.front().attrOr("path");
  if (path.empty()) return;
  UniqueFd fd(open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0600));
  if (!fd) failSystem(VIR_FROM_QEMU, errno, "Unable to pre-create chardev file '" + path + "'");
}

}  // namespace security_glue

security::SecurityStack createSecurityStack(const QemuConfig& config) {
  security::SecurityConfig sc;
  sc.drivers = config.securityDrivers;
  sc.defaultConfined = config.securityDefaultConfined;
  sc.requireConfined = config.securityRequireConfined;
  sc.uid = config.uid;
  sc.gid = config.gid;
  bool selinuxOn = security::selinux::enabled();
  return security::SecurityStack::create(sc, selinuxOn,
                                         selinuxOn ? security::selinux::hostContexts()
                                                   : security::selinux::defaultContexts());
}

namespace {

void giveTo(const std::string& dir, uid_t uid, gid_t gid) {
  if (chown(dir.c_str(), uid, gid) != 0)
    failSystem(VIR_FROM_QEMU, errno,
               "unable to set ownership of '" + dir + "' to user " + std::to_string(uid) + ":" + std::to_string(gid));
}

}  // namespace

void shareDirectoriesWithEmulator(const QemuPaths& paths, const QemuConfig& config, bool privileged) {
  if (!privileged) return;
  // The directory above libDir (ROOT/lib, /var/lib/vireo) is vireo's and
  // was made 0700; others may pass through it, not list it.
  std::string parent = paths.libDir.substr(0, paths.libDir.rfind('/'));
  struct stat st {};
  if (!parent.empty() && stat(parent.c_str(), &st) == 0 && (st.st_mode & 0111) != 0111 &&
      chmod(parent.c_str(), (st.st_mode & 07777) | 0111) != 0)
    failSystem(VIR_FROM_QEMU, errno, "unable to make '" + parent + "' searchable");
  giveTo(paths.libDir, config.uid, config.gid);
  // libDir/channel/target/domain-ID-NAME holds a domain's channel sockets,
  // which QEMU creates: the directories above it are the user's too.
  for (const std::string& dir : channelParentDirs(paths.libDir)) {
    makeDirectories(dir, 0750);
    giveTo(dir, config.uid, config.gid);
  }
}

void checkSecurityLabels(const QemuDriver& driver, conf::DomainDef& def) {
  const security::SecurityStack& stack = driver.security;
  stack.checkModels(def);
  // Parsed and written back as libvirt's parser and formatter would: a lone
  // label gets the primary model, generated parts of a persistent label go.
  security::storeDomainSecLabels(def, security::parseDomainSecLabels(def, false, stack.primaryModel()));
}

std::string devMountLabel(const QemuDriver& driver, const conf::DomainDef& live) {
  if (!driver.security.selinuxActive()) return {};
  std::vector<security::SecLabelDef> labels =
      security::parseDomainSecLabels(live, true, driver.security.primaryModel());
  const security::SecLabelDef* l = security::findSecLabel(labels, "selinux");
  return l ? l->imageLabel : std::string();
}

void restoreDomainLabels(QemuDriver& driver, const conf::DomainDef& live, bool privateDev) noexcept {
  try {
    security::DacPlan restore = security::planDomainRestore(live, security_glue::dacOptions(driver));
    // The namespace's part went with the namespace (qemu_security.h).
    security::applyDacPlan(security_glue::placePlan(restore, privateDev).host);
  } catch (const std::exception& e) {
    VIREO_WARN(kLogModule, "files of domain '%s' not given back: %s", live.name.c_str(), e.what());
  }
  try {
    conf::DomainDef released = live;  // the caller's copy is discarded or replaced anyway
    driver.security.releaseDomain(released);
  } catch (const std::exception& e) {
    VIREO_WARN(kLogModule, "security labels of domain '%s' not released: %s", live.name.c_str(), e.what());
  }
}

void reserveDomainLabels(QemuDriver& driver, const conf::DomainDef& live) noexcept {
  try {
    driver.security.reserveDomain(live);
  } catch (const std::exception& e) {
    VIREO_WARN(kLogModule, "security labels of domain '%s' not reserved: %s", live.name.c_str(), e.what());
  }
}

}  // namespace vireo::qemu
