// virConnectDomainXMLToNative for the QEMU driver: the command line a
// definition would start with, in the "qemu-argv" format of libvirt.
#include <unistd.h>

#include "drivers/qemu/qemu_channel_paths.h"
#include "drivers/qemu/qemu_command.h"
#include "drivers/qemu/qemu_definitions.h"
#include "drivers/qemu/qemu_live.h"
#include "drivers/qemu/qemu_ops.h"
#include "lib/util/error.h"

namespace vireo::qemu::hostops {

std::string domainXMLToNative(Connection& conn, const char* format, const char* xml, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_QEMU, "qemuConnectDomainXMLToNative");
  if (std::string(format) != "qemu-argv")
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "unsupported config type " + std::string(format));
  QemuDriver& d = driverOf(conn);
  conf::DomainDef def = parseQemuDefinition(d, xml, conf::ParseInactive);
  std::string emulator = d.emulatorFor(def);
  auto caps = d.capsFor(emulator);
  assignLiveAliases(def);
  // The domain has no id yet: libvirt names its directory domain--1-NAME.
  std::string dir = d.paths.domainDir(-1, def.name.substr(0, 20));
  assignChannelPaths(def, channelTargetDir(d.paths.libDir, dir));
  CommandContext ctx;
  ctx.caps = caps.get();
  ctx.emulator = emulator;
  ctx.domainId = -1;
  ctx.domainLibDir = dir;
  ctx.masterKeyPath = dir + "/master-key.aes";
  ctx.inheritedEnv = inheritedEnvironment();
  // No descriptor exists for a domain that is not started: like libvirt,
  // the conversion names the monitor socket by its path.
  ctx.monitorFd = -1;
  ctx.kvmAvailable = access("/dev/kvm", R_OK | W_OK) == 0;
  return buildQemuCommand(def, ctx).toNativeString();
}

}  // namespace vireo::qemu::hostops
