// Dispatch on the device element's name, and libvirt's order of <devices>.
#include "lib/conf/devices.h"
#include "lib/util/error.h"

namespace vireo::conf {

const std::vector<std::string_view> kDeviceOrder = {
    "emulator", "disk", "controller", "lease", "filesystem", "interface", "smartcard", "serial",
    "parallel", "console", "channel", "input", "tpm", "graphics", "sound", "audio", "video",
    "hostdev", "redirdev", "redirfilter", "hub", "watchdog", "memballoon", "rng", "nvram", "panic",
    "shmem", "memory", "iommu", "vsock", "crypto"};

namespace {

bool isGenericKind(std::string_view n) {
  static const std::vector<std::string_view> kinds = {
      "lease", "filesystem", "smartcard", "tpm", "sound", "audio", "redirdev", "redirfilter", "hub",
      "watchdog", "rng", "nvram", "panic", "shmem", "memory", "iommu", "vsock", "crypto"};
  for (auto k : kinds)
    if (k == n) return true;
  return false;
}

}  // namespace

DeviceDef parseDevice(const xml::Element& e) {
  const std::string& n = e.name;
  if (n == "disk") return parseDisk(e);
  if (n == "controller") return parseController(e);
  if (n == "interface") return parseNet(e);
  if (n == "serial" || n == "parallel" || n == "console" || n == "channel") return parseChr(e);
  if (n == "input") return parseInput(e);
  if (n == "graphics") return parseGraphics(e);
  if (n == "video") return parseVideo(e);
  if (n == "hostdev") return parseHostdev(e);
  if (n == "memballoon") return parseMemballoon(e);
  if (isGenericKind(n)) return parseGenericDevice(e);
  fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "unknown device type '" + n + "'");
}

void writeDevice(xml::Writer& w, const DeviceDef& d, bool secure) {
  std::visit(
      [&](const auto& dev) {
        using T = std::decay_t<decltype(dev)>;
        if constexpr (std::is_same_v<T, DiskDef>) writeDisk(w, dev, secure);
        else if constexpr (std::is_same_v<T, ControllerDef>) writeController(w, dev);
        else if constexpr (std::is_same_v<T, NetDef>) writeNet(w, dev);
        else if constexpr (std::is_same_v<T, ChrDef>) writeChr(w, dev);
        else if constexpr (std::is_same_v<T, InputDef>) writeInput(w, dev);
        else if constexpr (std::is_same_v<T, GraphicsDef>) writeGraphics(w, dev, secure);
        else if constexpr (std::is_same_v<T, VideoDef>) writeVideo(w, dev);
        else if constexpr (std::is_same_v<T, HostdevDef>) writeHostdev(w, dev);
        else if constexpr (std::is_same_v<T, MemballoonDef>) writeMemballoon(w, dev);
        else writeGenericDevice(w, dev);
      },
      d);
}

}  // namespace vireo::conf
