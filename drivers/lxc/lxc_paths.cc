#include "drivers/lxc/lxc_paths.h"

#include <libvirt/virterror.h>

#include "lib/util/directories.h"

namespace vireo::lxc {

namespace {

LxcPaths layout(const std::string& etc, const std::string& run, const std::string& log) {
  LxcPaths p;
  p.configFile = etc + "/lxc.conf";
  p.domainConfigDir = etc + "/lxc";
  p.stateDir = run + "/lxc";
  p.logDir = log + "/lxc";
  p.lockdSocket = run + "/lockd.sock";
  p.lockdPidFile = run + "/lockd.pid";
  p.lockdLog = log + "/lockd.log";
  p.lockdConfigFile = etc + "/lxc-lockd.conf";
  return p;
}

}  // namespace

LxcPaths LxcPaths::forEmbed(const std::string& root) {
  LxcPaths p = layout(root + "/etc", root + "/run", root + "/log");
  p.uri = "lxc:///embed?root=" + root;
  return p;
}

LxcPaths LxcPaths::forSystem() {
  LxcPaths p = layout("/etc/vireo", "/run/vireo", "/var/log/vireo");
  p.uri = "lxc:///system";
  return p;
}

void LxcPaths::create() const {
  for (const std::string* dir : {&domainConfigDir, &stateDir, &logDir}) makeDirectories(*dir, 0700, VIR_FROM_LXC);
}

}  // namespace vireo::lxc
