// The container driver's settings: lxc.conf (ROOT/etc/lxc.conf under an
// embed root, /etc/vireo/lxc.conf for lxc:///system), in libvirt's syntax
// (lib/util/conf_file.h). A missing file means the defaults.
//
// libvirt 9.0's lxc.conf keys are accepted and type-checked so that its file
// loads (log_with_libvirtd, security_driver, security_default_confined,
// security_require_confined: vireo runs containers unconfined and logs
// nothing through a daemon, so none of them changes anything). One key is
// vireo's own, as in qemu.conf:
//
//   lock_manager = "nop" | "lockd"   (default "nop")
//       "lockd": a container's block disks take leases from the lock daemon
//       (lxc_lock.h), configured by lxc-lockd.conf beside lxc.conf (the
//       keys of libvirt's qemu-lockd.conf).
//
// As for qemu.conf, an unknown or repeated key fails the open, naming the
// file and line (libvirt ignores an unknown key).
#pragma once

#include <string>

namespace vireo::lxc {

struct LxcConfig {
  std::string path;  // the file read; empty when there was none
  std::string lockManager = "nop";
};

// Throws VIR_ERR_CONF_SYNTAX / VIR_ERR_INTERNAL_ERROR (VIR_FROM_CONF) naming
// the file, line and key, VIR_ERR_CONFIG_UNSUPPORTED for a lock manager
// other than "nop" and "lockd".
LxcConfig loadLxcConfig(const std::string& path);

}  // namespace vireo::lxc
