#include "drivers/lxc/lxc_container_def.h"

#include <cerrno>
#include <cstdlib>

#include <libvirt/virterror.h>

#include "lib/conf/units.h"
#include "lib/util/error.h"

namespace vireo::lxc {

namespace {

[[noreturn]] void notYet(const std::string& what) {
  fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC, what + " is not supported by the container driver yet");
}

void refuseAny(bool present, const char* element) {
  if (present) notYet(std::string("<") + element + ">");
}

std::string attrOf(const std::vector<std::pair<std::string, std::string>>& attrs, const std::string& name) {
  for (const auto& [k, v] : attrs)
    if (k == name) return v;
  return {};
}

void requireAbsolute(const std::string& path, const std::string& what) {
  if (path.empty() || path[0] != '/')
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC, what + " '" + path + "' must be an absolute path");
}

// One <filesystem>: its typed parts are the generic device's unparsed rest.
void addFilesystem(const conf::GenericDeviceDef& fs, ContainerConfig& out, bool& haveRoot) {
  std::string type = attrOf(fs.rest.attrs, "type");
  if (type.empty()) type = "mount";
  for (const auto& [k, v] : fs.rest.attrs) {
    if (k == "type") continue;
    if (k == "accessmode" && v == "passthrough") continue;
    notYet("<filesystem " + k + "='" + v + "'>");
  }
  const xml::Element* source = nullptr;
  const xml::Element* target = nullptr;
  bool readonly = false;
  for (const xml::Element& c : fs.rest.children) {
    if (!c.isElement()) continue;
    if (c.name == "source") source = &c;
    else if (c.name == "target") target = &c;
    else if (c.name == "readonly") readonly = true;
    else notYet("<filesystem><" + c.name + ">");
  }
  if (type != "mount" && type != "ram" && type != "block") notYet("<filesystem type='" + type + "'>");
  if (!source) fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "missing source element in filesystem of type '" + type + "'");
  if (!target || target->attrOr("dir").empty())
    fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "missing target element in filesystem of type '" + type + "'");
  std::string dir = target->attrOr("dir");
  requireAbsolute(dir, "filesystem target");
  if (type == "ram") {
    if (dir == "/") notYet("<filesystem type='ram'> as the root");
    if (readonly) notYet("<filesystem type='ram'><readonly/>");
    std::string usage = source->attrOr("usage");
    if (usage.empty()) fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "missing 'usage' attribute for RAM filesystem");
    out.rams.push_back({dir, conf::parseMemoryKiB(usage, source->attrOr("units", "KiB"), "filesystem usage")});
    return;
  }
  if (type == "block") {
    if (dir == "/") notYet("<filesystem type='block'> as the root");
    std::string dev = source->attrOr("dev");
    if (dev.empty())
      fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "missing source element in filesystem of type 'block'");
    requireAbsolute(dev, "filesystem source");
    out.blocks.push_back({dev, dir, readonly});
    return;
  }
  std::string src = source->attrOr("dir");
  requireAbsolute(src, "filesystem source");
  ContainerMount m{src, dir, readonly};
  if (dir == "/") {
    if (haveRoot) fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC, "more than one filesystem has target dir='/'");
    haveRoot = true;
    out.root = m;
  } else {
    out.binds.push_back(m);
  }
}

// <hostdev mode='capabilities'> of type storage or misc: the device path,
// the rest of the element's children being what libvirt's XML has there.
ContainerHostdev hostdevOf(const conf::HostdevDef& h) {
  if (h.mode != "capabilities") notYet("<hostdev mode='" + h.mode + "'>");
  if (h.type != "storage" && h.type != "misc") notYet("<hostdev mode='capabilities' type='" + h.type + "'>");
  if (!h.managed.empty()) notYet("<hostdev managed='" + h.managed + "'>");
  for (const auto& [k, v] : h.rest.attrs) notYet("<hostdev " + k + "='" + v + "'>");
  bool block = h.type == "storage";
  const char* node = block ? "block" : "char";
  std::string path;
  for (const xml::Element& c : h.rest.children) {
    if (!c.isElement()) continue;
    if (c.name != "source") notYet("<hostdev><" + c.name + ">");
    for (const xml::Element* e : c.elements()) {
      if (e->name != node) notYet("<hostdev type='" + h.type + "'><source><" + e->name + ">");
      path = e->textContent();
    }
  }
  // libvirt's words (its LXC controller, when it makes the node).
  if (path.empty())
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC,
         block ? "Missing storage host block path" : "Missing misc host character device path");
  requireAbsolute(path, "host device");
  return {path, block};
}

// <disk>: what libvirt's LXC driver uses of it (type, source, target,
// readonly; <shareable/> matters to the leases only). Elements it would
// ignore are refused, as vireo refuses what it does not act on.
ContainerDisk diskOf(const conf::DiskDef& disk) {
  if (disk.hasDriver) notYet("<disk><driver>");
  if (!disk.serial.empty() || !disk.wwn.empty() || !disk.vendor.empty() || !disk.product.empty())
    notYet("<disk><serial>, <wwn>, <vendor> or <product>");
  for (const xml::Element& e : disk.rest.children)
    if (e.isElement()) notYet("<disk><" + e.name + ">");
  for (const auto& [k, v] : disk.rest.attrs) notYet("<disk " + k + "='" + v + "'>");
  if (disk.targetDev.empty()) fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "missing target information for device");
  std::string source = disk.type == "block" ? disk.source.dev : "";
  // libvirt's parser refuses this for every driver.
  if (disk.type == "block" && source.empty())
    fail(VIR_ERR_NO_SOURCE, VIR_FROM_DOMAIN, disk.targetDev);  // "missing source information for device sda"
  if (!source.empty()) requireAbsolute(source, "disk source");
  return {disk.type, source, disk.targetDev, disk.readonly};
}

// A number of <cputune>: `text` must be a whole number in [min, max].
long long cputuneValue(const xml::Element& e, long long min, long long max) {
  std::string text = e.textContent();
  char* end = nullptr;
  errno = 0;
  long long v = strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0 || v < min || v > max)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC,
         "Value of cputune " + e.name + " must be in range [" + std::to_string(min) + ", " + std::to_string(max) +
             "], not '" + text + "'");
  return v;
}

// <memtune> and <cputune>: what the container's cgroup applies (libvirt's
// LXC driver: <memory> is the hard limit, <memtune> refines it).
void addCgroupLimits(const conf::DomainDef& def, cgroup::CgroupLimits& l) {
  if (def.memory.maxKiB) l.memoryKiB = def.memory.maxKiB;
  for (const xml::Element& top : def.otherTopLevel) {
    if (!top.isElement() || (top.name != "memtune" && top.name != "cputune")) continue;
    for (const xml::Element* e : top.elements()) {
      if (top.name == "memtune") {
        unsigned long long kib = conf::parseMemoryKiB(e->textContent(), e->attrOr("unit", "KiB"), e->name);
        if (e->name == "hard_limit") l.hardLimitKiB = kib;
        else if (e->name == "soft_limit") l.softLimitKiB = kib;
        else if (e->name == "swap_hard_limit") l.swapHardLimitKiB = kib;
        else notYet("<memtune><" + e->name + ">");
      } else {
        if (e->name == "shares") l.cpuShares = static_cast<unsigned long long>(cputuneValue(*e, 2, 262144));
        else if (e->name == "period") l.cpuPeriodUs = static_cast<unsigned long long>(cputuneValue(*e, 1000, 1000000));
        else if (e->name == "quota") l.cpuQuotaUs = cputuneValue(*e, -1, 17592186044415LL);
        else notYet("<cputune><" + e->name + ">");
      }
    }
  }
  if (l.cpuQuotaUs && *l.cpuQuotaUs >= 0 && *l.cpuQuotaUs < 1000)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC, "Value of cputune quota must be -1 or in range [1000, 17592186044415]");
  unsigned long long hard = l.hardLimitKiB.value_or(l.memoryKiB.value_or(0));
  if (l.swapHardLimitKiB && hard > *l.swapHardLimitKiB)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_LXC, "memory hard_limit tunable value must be lower than or equal to swap_hard_limit");
}

}  // namespace

void applyContainerDefaults(conf::DomainDef& def) {
  if (def.type != "lxc") return;
  if (def.os.type == "exe" && def.os.init.empty()) def.os.init = "/sbin/init";
  // libvirt formats every filesystem with its type and access mode, and a
  // RAM filesystem's size in KiB.
  for (conf::GenericDeviceDef& d : def.otherDevices) {
    if (d.kind != "filesystem") continue;
    auto& attrs = d.rest.attrs;
    if (attrOf(attrs, "type").empty()) attrs.insert(attrs.begin(), {"type", "mount"});
    if (attrOf(attrs, "accessmode").empty()) attrs.insert(attrs.begin() + 1, {"accessmode", "passthrough"});
    if (attrOf(attrs, "type") != "ram") continue;
    for (xml::Element& c : d.rest.children) {
      if (!c.isElement() || c.name != "source" || c.attrOr("usage").empty()) continue;
      unsigned long long kib = conf::parseMemoryKiB(c.attrOr("usage"), c.attrOr("units", "KiB"), "filesystem usage");
      c.setAttr("usage", std::to_string(kib));
      c.setAttr("units", "KiB");
    }
  }
}

ContainerConfig containerConfigOf(const conf::DomainDef& def) {
  if (def.type != "lxc")
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC, "domain type '" + def.type + "' is not 'lxc'");
  if (def.os.type != "exe")
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC, "os type '" + def.os.type + "' is not 'exe'");
  ContainerConfig c;
  c.init = def.os.init.empty() ? "/sbin/init" : def.os.init;
  requireAbsolute(c.init, "init");
  c.initArgs = def.os.initArgs;
  c.initEnv = def.os.initEnv;
  c.initDir = def.os.initDir;
  if (!c.initDir.empty()) requireAbsolute(c.initDir, "initdir");
  refuseAny(!def.os.initUser.empty(), "inituser");
  refuseAny(!def.os.initGroup.empty(), "initgroup");
  refuseAny(!def.os.cmdline.empty(), "cmdline");
  refuseAny(!def.os.kernel.empty(), "kernel");
  // <vcpu> is reported but is no limit, as in libvirt's LXC driver; a
  // cpuset would be one, and is not implemented.
  refuseAny(!def.vcpu.cpuset.empty(), "vcpu cpuset");
  for (const xml::Element& f : def.features.children) {
    if (!f.isElement()) continue;
    if (f.name != "privnet") notYet("<features><" + f.name + ">");
    c.privnet = true;
  }
  for (const xml::Element& e : def.otherTopLevel)
    if (e.isElement() && e.name != "memtune" && e.name != "cputune" && e.name != "idmap") notYet("<" + e.name + ">");
  c.idmap = idMapOf(def);
  addCgroupLimits(def, c.limits);
  for (const conf::DiskDef& disk : def.disks) c.disks.push_back(diskOf(disk));
  for (const conf::NetDef& net : def.nets) c.interfaces.push_back(containerInterfaceOf(net));
  refuseAny(!def.serials.empty(), "serial");
  refuseAny(!def.parallels.empty(), "parallel");
  refuseAny(!def.consoles.empty(), "console");
  refuseAny(!def.channels.empty(), "channel");
  refuseAny(!def.inputs.empty(), "input");
  refuseAny(!def.graphics.empty(), "graphics");
  refuseAny(!def.videos.empty(), "video");
  for (const conf::HostdevDef& h : def.hostdevs) c.hostdevs.push_back(hostdevOf(h));
  refuseAny(def.memballoon.has_value() && def.memballoon->model != "none", "memballoon");
  // A disk implies its bus's controller (the parser adds it, as libvirt's
  // does); the container has no bus, so these are kept and mean nothing, as
  // in libvirt's LXC driver. Others are refused.
  for (const conf::ControllerDef& ctl : def.controllers)
    if (def.disks.empty() || (ctl.type != "scsi" && ctl.type != "ide" && ctl.type != "sata" && ctl.type != "fdc"))
      notYet("<controller type='" + ctl.type + "'>");
  bool haveRoot = false;
  for (const conf::GenericDeviceDef& d : def.otherDevices) {
    if (d.kind != "filesystem") notYet("<" + d.kind + ">");
    addFilesystem(d, c, haveRoot);
  }
  if (!haveRoot)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC,
         "container '" + def.name +
             "' has no root filesystem: a <filesystem type='mount'> with <target dir='/'/> is required "
             "(sharing the host's root is not supported)");
  return c;
}

}  // namespace vireo::lxc
