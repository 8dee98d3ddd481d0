// qemu-lockd.conf: how a hypervisor driver names the leases it takes from
// the lock daemon (libvirt's lockd plugin settings, the same keys and
// defaults).
//
//   auto_disk_leases = 1         every writable disk gets a lease (default 1)
//   file_lockspace_dir = "/dir"  leases are files in /dir named by the
//                                SHA-256 of the disk path (default: the disk
//                                image itself is locked)
//   require_lease_for_disks = 1  refuse to start a domain with a writable,
//                                unshared disk but no lease (default: the
//                                opposite of auto_disk_leases)
//
// A missing file means the defaults. lvm_lockspace_dir and
// scsi_lockspace_dir (libvirt looks LVM and SCSI ids up) are refused: vireo
// does not implement those lookups.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vireo::lock {

struct LockdConfig {
  std::string path;  // the file read, "" for the defaults
  bool autoDiskLeases = true;
  std::string fileLockspaceDir;
  bool requireLeaseForDisks = false;
};

// Reads `path`; absent means the defaults. A malformed file throws
// vireo::Error naming the file, line and key, as qemu.conf's loader does:
// "internal error: /r/etc/qemu-lockd.conf:3: expected a string for
// 'file_lockspace_dir' parameter".
LockdConfig loadLockdConfig(const std::string& path);
LockdConfig parseLockdConfig(std::string_view content, const std::string& path);

}  // namespace vireo::lock
