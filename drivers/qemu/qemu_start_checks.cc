#include "drivers/qemu/qemu_start_checks.h"

#include <sys/stat.h>

#include <cerrno>

#include "lib/ns/dev_path.h"
#include "lib/util/error.h"

namespace vireo::qemu {

void checkBlockDiskSources(const conf::DomainDef& def) {
  for (const conf::DiskDef& disk : def.disks) {
    // A CD-ROM or floppy without a medium has no source to check.
    if (disk.type != "block" || disk.source.dev.empty()) continue;
    const std::string& path = disk.source.dev;
    if (path.front() != '/')
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
           "disk source '" + path + "' of disk '" + disk.targetDev + "' must be an absolute path");
    // A path below /dev goes by the private /dev's path policy ('..', '//',
    // a trailing slash are refused, not repaired), with or without a
    // private /dev, so that its error comes before any lookup's.
    if (ns::pathIsUnderDev(path)) ns::checkDevPath(path, VIR_FROM_QEMU);
    // stat() follows symlinks: a /dev/disk/by-id link to a device is fine,
    // a dangling one is as missing as its target.
    struct stat st;
    if (stat(path.c_str(), &st) != 0) failSystem(VIR_FROM_QEMU, errno, "Cannot access storage file '" + path + "'");
  }
}

}  // namespace vireo::qemu
