// The DAC security driver: which files a domain uses and who must own them.
//
// Planning is pure computation in the parent: from a domain definition and
// the emulator's user and group, the list of ownership changes libvirt 9.0's
// DAC driver makes when a domain starts (planDomainLabels) and when it stops
// (planDomainRestore). Applying a plan (dac_apply.h) is a separate step made
// of system calls only, so that it can run here, in a forked child, or in a
// child inside the domain's mount namespace.
//
// What is labelled, as libvirt 9.0 does (doc/security.md has the table):
//   - disks of type file and block (not dir, network, volume, nvme,
//     vhostuser), the top image remembered unless the disk is <readonly/> or
//     <shareable/>, the images of an explicit <backingStore> chain labelled
//     but never remembered or restored;
//   - <nvram>, <kernel>, <initrd>, <dtb> and the ACPI SLIC table (remembered);
//     the <loader> is not (it is read-only firmware);
//   - serial, parallel, channel and console devices of type file, dev, pipe
//     (PATH.in and PATH.out when both exist) and unix (a connecting socket, or
//     a listening one that exists already), remembered;
//   - evdev/passthrough inputs, nvdimm/virtio-pmem memory, fw_cfg files of
//     <sysinfo type='fwcfg'>, remembered; a TPM passthrough device, not
//     remembered;
//   - the directories the driver creates for the domain (DacOptions::domainPaths).
// Restoring undoes the same list, except images that are read-only or
// shareable (other domains may still use them) and backing images.
#pragma once

#include <chrono>

#include <sys/types.h>

#include <string>
#include <vector>

#include "lib/conf/domain_def.h"

namespace vireo::security {

// How long a relabelling waits for a metadata lock another holder has
// (libvirt: 10 s), and the most vireo ever waits.
constexpr std::chrono::milliseconds kDefaultMetadataLockWait{10000};
constexpr std::chrono::milliseconds kMaxMetadataLockWait{60000};

struct DacOptions {
  uid_t uid = 0;                  // qemu.conf user, resolved
  gid_t gid = 0;                  // qemu.conf group, resolved
  bool dynamicOwnership = true;   // qemu.conf dynamic_ownership: off plans nothing at all
  bool rememberOwner = true;      // qemu.conf remember_owner: off records nothing and
                                  // restores to root:root
  // Character devices of type file are opened by a log daemon (libvirt's
  // stdio_handler = "logd" with virtlogd). vireo has no log daemon: false.
  bool chardevStdioLogd = false;
  // Directories and files the driver made for this domain (its private
  // directory, for instance): owned by the domain's user while it runs.
  std::vector<std::string> domainPaths;
  // qemu.conf metadata_lock_timeout (a vireo setting): the plans' lockWait.
  std::chrono::milliseconds metadataLockWait = kDefaultMetadataLockWait;
};

// One ownership change.
struct OwnershipOp {
  enum class Kind { Set, Restore };
  Kind kind = Kind::Set;
  std::string path;
  uid_t uid = 0;                 // Set: the new owner
  gid_t gid = 0;
  // Set: record the current owner and count this user (XATTRs).
  // Restore: take the recorded owner back (root:root when there is none).
  bool remember = false;
  // Set: a path that does not exist is skipped instead of failing the plan
  // (a disk with startupPolicy='optional').
  bool mayBeMissing = false;

  bool operator==(const OwnershipOp&) const = default;
};

struct DacPlan {
  std::vector<OwnershipOp> ops;
  // Lock every remembered path (byte 1, as libvirt) while the plan runs, so
  // that two processes, or two threads, relabelling one file keep the count
  // right. libvirt ties it to remember_owner; remembering is only effective
  // with it.
  bool lock = false;
  // How long to wait for a lock another holder has; then the plan fails,
  // naming the path, and nothing is relabelled. libvirt waits 10 s; vireo
  // never waits more than kMaxMetadataLockWait.
  std::chrono::milliseconds lockWait = kDefaultMetadataLockWait;

  bool empty() const { return ops.empty(); }
};

// The changes that give the domain's user its files when `def` (the live
// definition, its <seclabel> elements included) starts. Nothing when
// dynamic ownership is off or the domain's DAC <seclabel> has relabel='no'.
// A static DAC label ('+uid:+gid' or 'user:group') replaces opts' ids; a
// device's <seclabel model='dac'> overrides both or turns relabelling off
// for that device. Throws vireo::Error for a DAC label that cannot be read.
DacPlan planDomainLabels(const conf::DomainDef& def, const DacOptions& opts);

// The changes that give the files back when `def` has stopped.
DacPlan planDomainRestore(const conf::DomainDef& def, const DacOptions& opts);

// For hotplug and unplug: one disk's image (and backing chain) ...
DacPlan planDiskLabel(const conf::DomainDef& def, const conf::DiskDef& disk, const DacOptions& opts);
DacPlan planDiskRestore(const conf::DomainDef& def, const conf::DiskDef& disk, const DacOptions& opts);
// ... and one character device.
DacPlan planChardevLabel(const conf::DomainDef& def, const conf::ChrDef& chr, const DacOptions& opts);
DacPlan planChardevRestore(const conf::DomainDef& def, const conf::ChrDef& chr, const DacOptions& opts);

}  // namespace vireo::security
