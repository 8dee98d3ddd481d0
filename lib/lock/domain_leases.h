// Which leases a domain takes from the lock daemon, named as libvirt's lockd
// plugin names them, so that a libvirt host and a vireo host sharing
// storage take the same lock files:
//
//   a writable disk (file, block or dir) with a source:
//     file_lockspace_dir unset:  lockspace "" (the daemon's default), name =
//                                the disk path: the image itself is locked
//     file_lockspace_dir = D:    lockspace D, name = lowercase hex SHA-256 of
//                                the path, created on demand (AUTOCREATE)
//     <shareable/> makes it a shared lease; a read-only disk has none;
//     auto_disk_leases = 0: no disk leases at all
//   <lease><lockspace>L</lockspace><key>K</key><target path='P'/></lease>:
//     lockspace P/L, name K; the file P/L/K is made if missing and never
//     deleted (not AUTOCREATE, which deletes it at release: a libvirt host
//     sharing the lease expects the file to stay, its plugin never makes it)
//
// Other disks (network, volume, nvme, vhostuser, an empty cdrom) take none.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/conf/domain_def.h"
#include "lib/lock/lockd_config.h"

namespace vireo::lock {

struct Lease {
  std::string lockspace;  // "" is the default lockspace
  std::string name;
  uint32_t flags = 0;     // kAcquireShared | kAcquireAutocreate
  std::string describe;   // for logs: "disk vda (/images/a.qcow2)"
  // The client makes lockspace/name (and the lockspace directory) before
  // acquiring, if missing, and leaves it there afterwards.
  bool ensureFile = false;

  bool operator==(const Lease&) const = default;
};

// The lease of one disk, if it takes one.
std::optional<Lease> diskLease(const conf::DiskDef& disk, const LockdConfig& config);

// The lease of one <lease> element. Throws VIR_ERR_CONFIG_UNSUPPORTED as
// libvirt does for an offset other than 0 ("Offset must be zero for this
// lock manager") or a missing path or lockspace.
Lease leaseElement(const conf::GenericDeviceDef& lease);

// Every lease of the domain: disks in order, then <lease> elements. Throws
// VIR_ERR_CONFIG_UNSUPPORTED, libvirt's words, when require_lease_for_disks
// is set, a writable unshared disk exists and no lease would be taken.
std::vector<Lease> domainLeases(const conf::DomainDef& def, const LockdConfig& config);

// The leases a running domain may hold, to give back: domainLeases()
// without the requirement check, and without the <lease> elements that
// could not have been taken (leaseElement() refuses them). Never throws
// for the definition's sake.
std::vector<Lease> heldLeases(const conf::DomainDef& def, const LockdConfig& config);

// Lowercase hex SHA-256 of `text` (the indirect lease name).
std::string sha256Hex(const std::string& text);

}  // namespace vireo::lock
