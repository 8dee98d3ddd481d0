#include "drivers/lxc/lxc_paths.h"

#include <libvirt/virterror.h>

#include "lib/util/directories.h"

namespace vireo::lxc {

LxcPaths LxcPaths::forEmbed(const std::string& root) {
  LxcPaths p;
  p.domainConfigDir = root + "/etc/lxc";
  p.stateDir = root + "/run/lxc";
  p.logDir = root + "/log/lxc";
  p.uri = "lxc:///embed?root=" + root;
  return p;
}

LxcPaths LxcPaths::forSystem() {
  LxcPaths p;
  p.domainConfigDir = "/etc/vireo/lxc";
  p.stateDir = "/run/vireo/lxc";
  p.logDir = "/var/log/vireo/lxc";
  p.uri = "lxc:///system";
  return p;
}

void LxcPaths::create() const {
  for (const std::string* dir : {&domainConfigDir, &stateDir, &logDir}) makeDirectories(*dir, 0700, VIR_FROM_LXC);
}

}  // namespace vireo::lxc
