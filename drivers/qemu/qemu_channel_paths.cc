#include "drivers/qemu/qemu_channel_paths.h"

#include <cstdio>
#include <cstdlib>

namespace vireo::qemu {

namespace {

// A number of the channel's virtio-serial address, 0 when absent.
unsigned addressNumber(const conf::DeviceInfo& info, const char* name) {
  if (info.address.type != "virtio-serial") return 0;
  for (const auto& [key, value] : info.address.attrs)
    if (key == name) return static_cast<unsigned>(std::strtoul(value.c_str(), nullptr, 0));
  return 0;
}

std::string socketName(const conf::ChrDef& chr) {
  if (!chr.targetName.empty()) return chr.targetName;
  // libvirt's name for an unnamed port: controller, bus and port, two
  // digits each.
  char name[64];
  std::snprintf(name, sizeof name, "vioser-%02u-%02u-%02u.sock", addressNumber(chr.info, "controller"),
                addressNumber(chr.info, "bus"), addressNumber(chr.info, "port"));
  return name;
}

}  // namespace

std::string channelTargetDir(const std::string& libDir, const std::string& domainDir) {
  std::size_t slash = domainDir.rfind('/');
  return libDir + "/channel/target/" + (slash == std::string::npos ? domainDir : domainDir.substr(slash + 1));
}

std::vector<std::string> channelParentDirs(const std::string& libDir) {
  return {libDir + "/channel", libDir + "/channel/target"};
}

bool assignChannelPaths(conf::DomainDef& def, const std::string& dir) {
  bool any = false;
  for (conf::ChrDef& chr : def.channels) {
    if (chr.type != "unix" || chr.targetType != "virtio") continue;
    if (!chr.sources.empty() && chr.sources.front().hasAttr("path")) continue;
    if (chr.sources.empty()) chr.sources.push_back(xml::Element::make("source"));
    xml::Element& source = chr.sources.front();
    // QEMU listens; the guest agent client connects later.
    if (!source.hasAttr("mode")) source.setAttr("mode", "bind");
    source.setAttr("path", dir + "/" + socketName(chr));
    any = true;
  }
  return any;
}

}  // namespace vireo::qemu
