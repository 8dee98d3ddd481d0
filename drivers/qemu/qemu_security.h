// The QEMU driver's use of lib/security (doc/security.md, "What the QEMU
// driver calls, and when"): the security stack built from qemu.conf, the
// <seclabel> elements a domain gets at start, the ownership of its files
// while it runs, and the user and capabilities QEMU runs with.
//
// The private /dev rule. A domain with a private /dev (qemu_namespace.h)
// opens its device nodes in its own tmpfs: /dev/loop3 there is a copy of the
// host's node, not the node itself. Ownership changes of paths below /dev
// are therefore made INSIDE the domain's mount namespace (in the child that
// builds it at start, in a child that enters it for hotplug), so that the
// host's nodes keep their owner; every other path (images, files, and /dev
// paths inside the mounts a private /dev shares with the host, such as
// /dev/pts) is changed on the host. At stop the namespace is gone with its
// nodes, so only the host's part is given back: nothing below /dev is
// "restored" on the host for a domain that had a private /dev (libvirt
// restores those on the host and so gives the host's node to root:root).
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "drivers/qemu/qemu_config.h"
#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_paths.h"
#include "lib/conf/domain_def.h"
#include "lib/security/capabilities.h"
#include "lib/security/dac.h"
#include "lib/security/dac_apply.h"
#include "lib/security/security_stack.h"
#include "lib/util/spawn.h"

namespace vireo::qemu {

class QemuDriver;

// ---- driver open --------------------------------------------------------------

// The stack of qemu.conf's security_driver, security_default_confined,
// security_require_confined and user/group. Throws lib/security's errors
// ("Security driver selinux not enabled", ...), which fail the open.
security::SecurityStack createSecurityStack(const QemuConfig& config);

// Lets the configured user reach the domains' private directories, as
// libvirt does at start-up for a privileged driver: the lib directory (and
// its channel/target tree for channel sockets) belongs to user:group, and
// the directory above it, which vireo made 0700, becomes searchable (0711).
// Nothing for an unprivileged driver. Throws VIR_ERR_SYSTEM_ERROR "unable to
// set ownership of 'DIR' to user U:G".
void shareDirectoriesWithEmulator(const QemuPaths& paths, const QemuConfig& config, bool privileged);

// ---- define and create ----------------------------------------------------------

// libvirt's checks of a new definition's <seclabel> models (every model must
// be one of the stack's, or "none"); a lone <seclabel> without a model gets
// the stack's primary model, as libvirt's parser gives it.
void checkSecurityLabels(const QemuDriver& driver, conf::DomainDef& def);

// ---- start ------------------------------------------------------------------------

// The security part of one start, undone unless dismissed.
//
//   StartLabels labels(driver, live);            // the live <seclabel>s
//   ... create the domain's directories and files ...
//   labels.prepareSpawn(plan, privateDev, paths);
//   spawnProcess(plan, ...);
//   ... monitor, status file ...
//   labels.dismiss();
//
// A start that fails after prepareSpawn gives the host's files back
// (planDomainRestore); labels made inside the namespace went with it.
class StartLabels {
 public:
  // Generates the domain's labels into `live` (SecurityStack::prepareDomain),
  // so that the live XML and the status file show them. `live` must outlive
  // this object.
  StartLabels(QemuDriver& driver, conf::DomainDef& live);
  ~StartLabels();
  StartLabels(const StartLabels&) = delete;
  StartLabels& operator=(const StartLabels&) = delete;

  // Right before QEMU is spawned: gives the domain's own directories and
  // files (`domainPaths`, those that exist) to the domain's user, pre-creates
  // file chardevs, labels the host's files, and adds to `plan`'s pre-exec
  // chain (after the private /dev that may be attached already) the labels
  // of /dev paths inside the namespace (when `privateDev`), then the
  // emulator's credentials, last. Must stay alive until spawnProcess returns.
  void prepareSpawn(SpawnPlan& plan, bool privateDev, const std::vector<std::string>& domainPaths);

  // The start succeeded: the labels stay.
  void dismiss() { dismissed_ = true; }

  // The child's chain, for work that must come before the labels (the lock
  // daemon registration, qemu_lock.h). Valid after prepareSpawn().
  SpawnChildChain& childChain() { return chain_; }

 private:
  QemuDriver& driver_;
  conf::DomainDef& live_;
  bool dismissed_ = false;
  bool privateDev_ = false;
  bool hostLabelled_ = false;
  std::optional<security::DacProgram> namespaceLabels_;
  std::optional<security::CredentialStep> credentials_;
  SpawnChildChain chain_;
};

// The SELinux mount label for the private /dev's tmpfs ("" without SELinux).
std::string devMountLabel(const QemuDriver& driver, const conf::DomainDef& live);

// ---- stop and reconnect ---------------------------------------------------------

// After QEMU is gone: gives the files of `live` back (the host's part only
// when the domain had a private /dev, see above) and releases its labels.
// Failures are reported on stderr; the stop goes on.
void restoreDomainLabels(QemuDriver& driver, const conf::DomainDef& live, bool privateDev) noexcept;

// A running domain found at open: its labels are held again. Failures are
// reported on stderr.
void reserveDomainLabels(QemuDriver& driver, const conf::DomainDef& live) noexcept;

// ---- hotplug and unplug ---------------------------------------------------------

// The ownership of one device being attached: set on construction (before
// QEMU opens anything), given back unless kept. Throws as applyDacPlan does.
class DeviceLabels {
 public:
  DeviceLabels(QemuDriver& driver, QemuDomain& dom, const conf::DiskDef& disk);
  DeviceLabels(QemuDriver& driver, QemuDomain& dom, const conf::ChrDef& chr);
  ~DeviceLabels();
  DeviceLabels(const DeviceLabels&) = delete;
  DeviceLabels& operator=(const DeviceLabels&) = delete;
  void keep() { kept_ = true; }

 private:
  void apply(security::DacPlan label, security::DacPlan restore);

  QemuDomain& dom_;
  security::DacPlan restore_;
  bool kept_ = false;
};

// After QEMU let `removed` go: gives its files back. Failures are reported
// on stderr.
void restoreDeviceLabels(QemuDriver& driver, QemuDomain& dom, const conf::DeviceDef& removed) noexcept;

}  // namespace vireo::qemu
