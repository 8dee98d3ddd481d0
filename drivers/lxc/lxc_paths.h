// Where the container driver keeps its files, in libvirt's layout:
// embed (lxc:///embed?root=DIR): DIR/etc/lxc/NAME.xml definitions,
// DIR/run/lxc/NAME.xml status records and driver.pid (the owner lock),
// DIR/log/lxc/NAME.log the init's output. system (lxc:///system, root
// only): /etc/vireo/lxc, /run/vireo/lxc, /var/log/vireo/lxc.
#pragma once

#include <string>

namespace vireo::lxc {

struct LxcPaths {
  std::string domainConfigDir;  // persistent definitions NAME.xml
  std::string stateDir;         // status records NAME.xml of running containers
  std::string logDir;           // NAME.log: the init's stdout and stderr
  std::string uri;              // the connection URI that names this root

  static LxcPaths forEmbed(const std::string& root);
  static LxcPaths forSystem();

  std::string pidFile() const { return stateDir + "/driver.pid"; }
  std::string definitionFile(const std::string& name) const { return domainConfigDir + "/" + name + ".xml"; }
  std::string statusFile(const std::string& name) const { return stateDir + "/" + name + ".xml"; }
  std::string logFile(const std::string& name) const { return logDir + "/" + name + ".log"; }

  // Creates every directory (mode 0700). Throws VIR_ERR_SYSTEM_ERROR.
  void create() const;
};

}  // namespace vireo::lxc
