#include "drivers/lxc/lxc_config.h"

#include <optional>

#include "lib/util/conf_file.h"
#include "lib/util/error.h"

namespace vireo::lxc {

LxcConfig loadLxcConfig(const std::string& path) {
  LxcConfig cfg;
  std::optional<ConfFile> conf = ConfFile::readIfExists(path);
  if (!conf) return cfg;
  cfg.path = path;
  conf->rejectDuplicates();
  for (const ConfEntry& e : conf->entries()) {
    if (e.name == "log_with_libvirtd" || e.name == "security_default_confined" ||
        e.name == "security_require_confined") {
      conf->getBool(e.name);
    } else if (e.name == "security_driver") {
      conf->getString(e.name);
    } else if (e.name == "lock_manager") {
      std::string manager = *conf->getString(e.name);
      if (manager != "nop" && manager != "lockd")
        conf->failAt(
            e, VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC,
            "lock_manager: lock manager '" + manager + "' is not supported (vireo has 'nop' and 'lockd')");
      cfg.lockManager = manager;
    } else {
      conf->failAt(e, VIR_ERR_CONF_SYNTAX, VIR_FROM_CONF, "unknown parameter '" + e.name + "'");
    }
  }
  return cfg;
}

}  // namespace vireo::lxc
