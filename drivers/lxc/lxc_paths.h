// Where the container driver keeps its files, in libvirt's layout:
// embed (lxc:///embed?root=DIR): DIR/etc/lxc/NAME.xml definitions,
// DIR/run/lxc/NAME.xml status records and driver.pid (the owner lock),
// DIR/log/lxc/NAME.log the init's output. system (lxc:///system, root
// only): /etc/vireo/lxc, /run/vireo/lxc, /var/log/vireo/lxc. lxc.conf and
// lxc-lockd.conf are in the etc directory, the lock daemon's socket in run.
#pragma once

#include <string>

namespace vireo::lxc {

struct LxcPaths {
  std::string domainConfigDir;  // persistent definitions NAME.xml
  std::string stateDir;         // status records NAME.xml of running containers
  std::string logDir;           // NAME.log: the init's stdout and stderr
  std::string uri;              // the connection URI that names this root
  std::string configFile;       // lxc.conf (lxc_config.h)
  // The lock daemon of lock_manager = "lockd" (lxc_lock.h): the QEMU
  // driver's socket, pid file and log under the same root (one daemon serves
  // both drivers), and lxc-lockd.conf.
  std::string lockdSocket;
  std::string lockdPidFile;
  std::string lockdLog;
  std::string lockdConfigFile;

  static LxcPaths forEmbed(const std::string& root);
  static LxcPaths forSystem();

  std::string pidFile() const { return stateDir + "/driver.pid"; }
  std::string definitionFile(const std::string& name) const { return domainConfigDir + "/" + name + ".xml"; }
  std::string statusFile(const std::string& name) const { return stateDir + "/" + name + ".xml"; }
  std::string logFile(const std::string& name) const { return logDir + "/" + name + ".log"; }
  // Where a running container's console keeper listens (lxc_console_keeper.h).
  std::string consoleSocket(const std::string& name) const { return stateDir + "/" + name + ".console"; }

  // Creates every directory (mode 0700). Throws VIR_ERR_SYSTEM_ERROR.
  void create() const;
};

}  // namespace vireo::lxc
