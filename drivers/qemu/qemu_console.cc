#include "drivers/qemu/qemu_console.h"

#include <string>

#include "drivers/qemu/qemu_ops.h"
#include "lib/driver/fd_stream.h"
#include "lib/driver/stream_sessions.h"
#include "lib/util/error.h"

namespace vireo::qemu::domainops {

namespace {

using conf::ChrDef;

std::string nullable(const char* s) { return s ? s : "<null>"; }

const ChrDef* findByAlias(const std::vector<ChrDef>& list, const char* alias) {
  for (const ChrDef& c : list)
    if (c.info.alias == alias) return &c;
  return nullptr;
}

// libvirt's choice: the device whose alias is `devName` among the consoles,
// serials and parallels, or without a name the first console, else the
// first serial.
const ChrDef* findConsole(const conf::DomainDef& def, const char* devName) {
  if (devName) {
    for (const auto* list : {&def.consoles, &def.serials, &def.parallels})
      if (const ChrDef* c = findByAlias(*list, devName)) return c;
    return nullptr;
  }
  if (!def.consoles.empty()) return &def.consoles.front();
  if (!def.serials.empty()) return &def.serials.front();
  return nullptr;
}

// A channel by alias, or a virtio channel by its target name; without a
// name, the first channel.
const ChrDef* findChannel(const conf::DomainDef& def, const char* name) {
  if (!name) return def.channels.empty() ? nullptr : &def.channels.front();
  for (const ChrDef& c : def.channels)
    if (c.info.alias == name || (c.targetType == "virtio" && c.targetName == name)) return &c;
  return nullptr;
}

std::string sourcePath(const ChrDef& chr) {
  if (chr.sources.empty()) return {};
  const std::string* path = chr.sources.front().attr("path");
  return path ? *path : std::string();
}

// The path of the selected device of a running domain, read under the
// driver lock.
template <typename Select>
std::string livePath(driver::Connection& conn, const driver::DomainIdentity& id, Select&& select) {
  QemuDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  QemuDomain& dom = d.domains.get(id, VIR_FROM_QEMU);
  requireActive(dom);
  return select(dom.def);
}

}  // namespace

std::shared_ptr<driver::Stream> openConsole(driver::Connection& conn, driver::DomainIdentity& id,
                                            const char* devName, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_CONSOLE_FORCE | VIR_DOMAIN_CONSOLE_SAFE, VIR_FROM_QEMU, "qemuDomainOpenConsole");
  std::string path = livePath(conn, id, [&](const conf::DomainDef& def) {
    const ChrDef* chr = findConsole(def, devName);
    if (!chr) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "cannot find character device " + nullable(devName));
    std::string name = devName ? devName : chr->info.alias;
    if (chr->type != "pty")
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "character device " + name + " is not using a PTY");
    std::string p = sourcePath(*chr);
    if (p.empty()) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "character device " + name + " has no pty path yet");
    return p;
  });
  // VIR_DOMAIN_CONSOLE_SAFE asks for the exclusive access that every
  // session has here.
  return driver::openExclusiveSession(
      path, flags & VIR_DOMAIN_CONSOLE_FORCE,
      {VIR_FROM_QEMU, "Active console session exists for this domain"},
      [&] { return driver::FdStream::openTerminal(path); });
}

std::shared_ptr<driver::Stream> openChannel(driver::Connection& conn, driver::DomainIdentity& id, const char* name,
                                            unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_CHANNEL_FORCE, VIR_FROM_QEMU, "qemuDomainOpenChannel");
  std::string path = livePath(conn, id, [&](const conf::DomainDef& def) {
    const ChrDef* chr = findChannel(def, name);
    if (!chr) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "cannot find channel " + nullable(name));
    std::string label = name ? name : chr->info.alias;
    if (chr->type != "unix")
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "channel " + label + " is not using a UNIX socket");
    std::string p = sourcePath(*chr);
    if (p.empty()) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "channel " + label + " has no socket path");
    return p;
  });
  return driver::openExclusiveSession(
      path, flags & VIR_DOMAIN_CHANNEL_FORCE,
      {VIR_FROM_QEMU, "Active channel stream exists for this domain"},
      [&] { return driver::FdStream::connectUnix(path); });
}

}  // namespace vireo::qemu::domainops
