// Where the QEMU driver keeps its files, for each kind of connection.
//
// embed (qemu:///embed?root=DIR): everything under DIR, in libvirt's layout
// (etc/qemu.conf, etc/qemu/NAME.xml, run/qemu/NAME.xml, log/qemu/NAME.log,
// cache/qemu, lib/qemu/domain-ID-NAME/...). system: /etc/vireo,
// /run/vireo, /var/log/vireo, /var/cache/vireo, /var/lib/vireo. session: the
// user's XDG directories.
#pragma once

#include <string>

namespace vireo::qemu {

struct QemuPaths {
  std::string root;             // embed root, "" for system/session
  std::string configFile;       // qemu.conf
  std::string domainConfigDir;  // persistent definitions NAME.xml
  std::string autostartDir;     // symlinks to autostarted definitions
  std::string stateDir;         // status XML NAME.xml of running domains
  std::string logDir;           // NAME.log, QEMU's stdout and stderr
  std::string cacheDir;         // the capabilities cache
  std::string libDir;           // per-domain private directories, save images
  std::string saveDir;          // managed save images
  std::string uri;              // the connection URI that names this root
  // The lock daemon of lock_manager = "lockd" (qemu_lock.h): its socket, the
  // pid file and log of a daemon the driver starts, and qemu-lockd.conf.
  std::string lockdSocket;      // run/lockd.sock
  std::string lockdPidFile;     // run/lockd.pid
  std::string lockdLog;         // log/lockd.log
  std::string lockdConfigFile;  // etc/qemu-lockd.conf

  static QemuPaths forEmbed(const std::string& root);
  static QemuPaths forSystem();
  static QemuPaths forSession();

  // The private directory of a running domain (monitor socket, master key,
  // HOME of the QEMU process): libDir/domain-ID-NAME.
  std::string domainDir(int id, const std::string& name) const;

  // The pid file whose lock makes a process the owner of these directories
  // (lib/util/root_lock.h): stateDir/driver.pid, as libvirt's.
  std::string pidFile() const { return stateDir + "/driver.pid"; }

  // Creates every directory (mode 0700 for private ones). Throws
  // VIR_ERR_SYSTEM_ERROR naming the directory.
  void create() const;
};

// mkdir -p: creates each missing component of `path` with `mode`. Throws
// VIR_ERR_SYSTEM_ERROR naming the component that could not be made, or
// VIR_ERR_OPERATION_FAILED when `path` exists but is no directory.
void makeDirectories(const std::string& path, unsigned mode);

// The longest path a UNIX socket may have (sizeof sockaddr_un::sun_path - 1).
constexpr size_t kMaxSocketPath = 107;

}  // namespace vireo::qemu
