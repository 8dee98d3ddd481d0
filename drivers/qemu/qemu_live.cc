#include "drivers/qemu/qemu_live.h"

#include <algorithm>
#include <map>
#include <vector>

#include "lib/conf/domain.h"

namespace vireo::qemu {

namespace {

void setIfEmpty(conf::DeviceInfo& info, std::string alias) {
  if (info.alias.empty()) info.alias = std::move(alias);
}

// "virtio-disk" + 1 for vdb: the disk's index in its target name.
std::string indexedAlias(const char* prefix, const conf::DiskDef& d) {
  return prefix + std::to_string(std::max(0, conf::diskNameIndex(d.targetDev)));
}

std::string driveAlias(const char* prefix, const conf::DriveAddress& a) {
  return std::string(prefix) + std::to_string(a.controller) + "-" + std::to_string(a.bus) + "-" + std::to_string(a.unit);
}

// scsiC-B-T-U, as the command line names SCSI disks; scsiC-B-U on an
// lsilogic controller, whose disks have no target number.
std::string scsiDiskAlias(const conf::DomainDef& def, const conf::DriveAddress& a) {
  for (const auto& c : def.controllers)
    if (c.type == "scsi" && c.index.value_or(0) == static_cast<int>(a.controller) && c.model == "lsilogic")
      return driveAlias("scsi", a);
  return "scsi" + std::to_string(a.controller) + "-" + std::to_string(a.bus) + "-" + std::to_string(a.target) + "-" +
         std::to_string(a.unit);
}

}  // namespace

void assignLiveAliases(conf::DomainDef& def) {
  for (auto& d : def.disks) {
    const auto& a = d.info.address.drive;
    if (d.targetBus == "virtio") setIfEmpty(d.info, indexedAlias("virtio-disk", d));
    else if (d.targetBus == "ide") setIfEmpty(d.info, driveAlias("ide", a));
    else if (d.targetBus == "sata") setIfEmpty(d.info, driveAlias("sata", a));
    else if (d.targetBus == "scsi") setIfEmpty(d.info, scsiDiskAlias(def, a));
    else if (d.targetBus == "fdc") setIfEmpty(d.info, "fdc0-0-" + std::to_string(a.unit));
    else if (d.targetBus == "usb") setIfEmpty(d.info, indexedAlias("usb-disk", d));
  }
  std::map<std::string, int> perType;
  for (auto& c : def.controllers) {
    int index = c.index.value_or(0);
    if (c.type == "pci") setIfEmpty(c.info, index == 0 ? "pci.0" : "pci." + std::to_string(index));
    else if (c.type == "usb") setIfEmpty(c.info, index == 0 ? "usb" : "usb" + std::to_string(index));
    else setIfEmpty(c.info, c.type + std::to_string(index));
  }
  for (size_t i = 0; i < def.nets.size(); ++i) setIfEmpty(def.nets[i].info, "net" + std::to_string(i));
  for (size_t i = 0; i < def.serials.size(); ++i) setIfEmpty(def.serials[i].info, "serial" + std::to_string(i));
  for (size_t i = 0; i < def.parallels.size(); ++i) setIfEmpty(def.parallels[i].info, "parallel" + std::to_string(i));
  for (size_t i = 0; i < def.channels.size(); ++i) setIfEmpty(def.channels[i].info, "channel" + std::to_string(i));
  for (size_t i = 0; i < def.consoles.size(); ++i) {
    auto& c = def.consoles[i];
    // The first console on a serial port is that serial port.
    if (i == 0 && (c.targetType == "serial" || c.targetType.empty()) && !def.serials.empty())
      setIfEmpty(c.info, def.serials[0].info.alias);
    else
      setIfEmpty(c.info, "console" + std::to_string(i));
  }
  for (size_t i = 0; i < def.inputs.size(); ++i) setIfEmpty(def.inputs[i].info, "input" + std::to_string(i));
  for (size_t i = 0; i < def.videos.size(); ++i) setIfEmpty(def.videos[i].info, "video" + std::to_string(i));
  for (size_t i = 0; i < def.hostdevs.size(); ++i) setIfEmpty(def.hostdevs[i].info, "hostdev" + std::to_string(i));
  if (def.memballoon && def.memballoon->model != "none") setIfEmpty(def.memballoon->info, "balloon0");
  for (auto& g : def.otherDevices) {
    int n = perType[g.kind]++;
    if (g.kind == "rng") setIfEmpty(g.info, "rng" + std::to_string(n));
    else if (g.kind == "watchdog") setIfEmpty(g.info, "watchdog" + std::to_string(n));
    else if (g.kind == "sound") setIfEmpty(g.info, "sound" + std::to_string(n));
    else if (g.kind == "filesystem") setIfEmpty(g.info, "fs" + std::to_string(n));
    else if (g.kind == "tpm") setIfEmpty(g.info, "tpm" + std::to_string(n));
    else if (g.kind == "redirdev") setIfEmpty(g.info, "redir" + std::to_string(n));
    else if (g.kind == "smartcard") setIfEmpty(g.info, "smartcard" + std::to_string(n));
    else if (g.kind == "shmem") setIfEmpty(g.info, "shmem" + std::to_string(n));
  }
}

namespace {

void setPtyPath(conf::ChrDef& chr, const std::string& path, bool withTty) {
  if (chr.type != "pty") return;
  if (chr.sources.empty()) chr.sources.push_back(xml::Element::make("source"));
  chr.sources.front().setAttr("path", path);
  if (!withTty) return;
  for (auto& [name, value] : chr.rest.attrs)
    if (name == "tty") {
      value = path;
      return;
    }
  chr.rest.attrs.emplace_back("tty", path);
}

}  // namespace

void fillLiveDetails(QmpMonitor& monitor, conf::DomainDef& def) {
  bool anyPty = false;
  for (auto* list : {&def.serials, &def.parallels, &def.consoles, &def.channels})
    for (const auto& c : *list) anyPty = anyPty || c.type == "pty";
  if (!anyPty) return;
  std::map<std::string, std::string> ptyByChardev;
  json::Value reply = monitor.execute("query-chardev");
  for (const json::Value& entry : reply.asArray()) {
    const json::Value* label = entry.find("label");
    const json::Value* file = entry.find("filename");
    if (!label || !file || !label->isString() || !file->isString()) continue;
    const std::string& f = file->asString();
    if (f.rfind("pty:", 0) == 0) ptyByChardev[label->asString()] = f.substr(4);
  }
  auto lookup = [&](const conf::ChrDef& c) -> const std::string* {
    auto it = ptyByChardev.find("char" + c.info.alias);
    return it == ptyByChardev.end() ? nullptr : &it->second;
  };
  for (auto* list : {&def.serials, &def.parallels, &def.channels})
    for (auto& c : *list)
      if (const std::string* p = lookup(c)) setPtyPath(c, *p, false);
  for (auto& c : def.consoles)
    if (const std::string* p = lookup(c)) setPtyPath(c, *p, true);
}

}  // namespace vireo::qemu
