#include "lib/lock/lockd_config.h"

#include "lib/util/conf_file.h"
#include "lib/util/error.h"

namespace vireo::lock {

namespace {

LockdConfig fromFile(const ConfFile& conf) {
  LockdConfig cfg;
  cfg.path = conf.path();
  if (auto v = conf.getBool("auto_disk_leases")) cfg.autoDiskLeases = *v;
  // libvirt: unset means "a lease is required exactly when none is made
  // automatically".
  cfg.requireLeaseForDisks = !cfg.autoDiskLeases;
  if (auto v = conf.getBool("require_lease_for_disks")) cfg.requireLeaseForDisks = *v;
  if (auto v = conf.getString("file_lockspace_dir")) {
    const ConfEntry* e = conf.find("file_lockspace_dir");
    if (v->empty() || (*v)[0] != '/')
      conf.failAt(*e, VIR_ERR_CONF_SYNTAX, VIR_FROM_LOCKING,
                  "file_lockspace_dir: '" + *v + "' is not an absolute path");
    cfg.fileLockspaceDir = *v;
    while (cfg.fileLockspaceDir.size() > 1 && cfg.fileLockspaceDir.back() == '/') cfg.fileLockspaceDir.pop_back();
  }
  for (const char* key : {"lvm_lockspace_dir", "scsi_lockspace_dir"}) {
    if (const ConfEntry* e = conf.find(key)) {
      conf.getString(key);  // a wrong type is reported as such first
      conf.failAt(*e, VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LOCKING,
                  std::string(key) + ": vireo does not look up LVM or SCSI identifiers; use file_lockspace_dir");
    }
  }
  return cfg;
}

}  // namespace

LockdConfig loadLockdConfig(const std::string& path) {
  std::optional<ConfFile> conf = ConfFile::readIfExists(path);
  if (!conf) return LockdConfig{};
  return fromFile(*conf);
}

LockdConfig parseLockdConfig(std::string_view content, const std::string& path) {
  return fromFile(ConfFile::parse(content, path));
}

}  // namespace vireo::lock
