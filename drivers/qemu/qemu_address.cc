// Virtio-serial ports and USB ports, and the order in which all guest
// addresses are assigned (libvirt 9.0's qemuDomainAssignAddresses).
#include <algorithm>
#include <memory>

#include "drivers/qemu/qemu_address.h"
#include "drivers/qemu/qemu_domain_util.h"
#include "drivers/qemu/qemu_postparse.h"
#include "lib/util/error.h"

namespace vireo::qemu {

namespace {

using conf::ControllerDef;
using conf::DeviceInfo;
using conf::DomainDef;

unsigned numberAttr(const conf::DeviceAddress& a, std::string_view name) {
  auto v = addressAttr(a, name);
  auto n = v ? parseNumber(*v) : std::nullopt;
  return n ? static_cast<unsigned>(*n) : 0;
}

// ---- virtio-serial ------------------------------------------------------------

// The default number of ports of a virtio-serial controller.
constexpr unsigned kVirtioSerialPorts = 31;

class VirtioSerialPorts {
 public:
  explicit VirtioSerialPorts(const DomainDef& def) {
    for (const auto& c : def.controllers)
      if (c.type == "virtio-serial") addController(c);
  }

  void addController(const ControllerDef& c) {
    unsigned index = static_cast<unsigned>(c.index.value_or(0));
    auto ports = parseNumber(attrOf(c.rest, "ports"));
    auto pos = std::find_if(controllers_.begin(), controllers_.end(), [&](const Controller& o) { return o.index >= index; });
    if (pos != controllers_.end() && pos->index == index)
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN,
           "virtio serial controller with index " + std::to_string(index) + " already exists in the address set");
    controllers_.insert(pos, Controller{index, std::vector<bool>(ports ? *ports : kVirtioSerialPorts, false)});
  }

  // Marks a complete address (one with a port) as used.
  void reserve(unsigned controller, unsigned port) {
    Controller* c = find(controller);
    if (!c)
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "virtio serial controller " + std::to_string(controller) + " is missing");
    if (port >= c->used.size())
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
           "virtio serial controller " + std::to_string(controller) + " does not have port " + std::to_string(port));
    if (c->used[port])
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
           "virtio serial port " + std::to_string(port) + " on controller " + std::to_string(controller) +
               " is already occupied");
    c->used[port] = true;
  }

  // The first free port on `controller` (port 0 is never handed out here).
  unsigned nextOn(unsigned controller) {
    Controller* c = find(controller);
    if (!c)
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN,
           "virtio-serial controller " + std::to_string(controller) + " not available");
    for (unsigned p = 1; p < c->used.size(); ++p)
      if (!c->used[p]) return p;
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
         "Unable to find a free port on virtio-serial controller " + std::to_string(controller));
  }

  // The first free port on any controller; port 0 only for a console. When
  // all are full a new controller is added to `def`.
  std::pair<unsigned, unsigned> next(DomainDef& def, bool allowZero) {
    if (controllers_.empty())
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "no virtio-serial controllers are available");
    for (const Controller& c : controllers_)
      for (unsigned p = allowZero ? 0 : 1; p < c.used.size(); ++p)
        if (!c.used[p]) return {c.index, p};
    for (int i = 0;; ++i) {
      bool exists = std::any_of(def.controllers.begin(), def.controllers.end(), [&](const ControllerDef& c) {
        return c.type == "virtio-serial" && c.index == i;
      });
      if (exists) continue;
      appendController(def, "virtio-serial", i);
      addController(def.controllers.back());
      return {static_cast<unsigned>(i), allowZero ? 0u : 1u};
    }
  }

 private:
  struct Controller {
    unsigned index;
    std::vector<bool> used;
  };
  Controller* find(unsigned index) {
    for (auto& c : controllers_)
      if (c.index == index) return &c;
    return nullptr;
  }
  std::vector<Controller> controllers_;  // sorted by index
};

bool virtioSerialComplete(const DeviceInfo& info) {
  return info.address.type == "virtio-serial" && numberAttr(info.address, "port") != 0;
}

void setVirtioSerialAddress(DeviceInfo& info, unsigned controller, unsigned port) {
  info.address = {};
  info.address.type = "virtio-serial";
  info.address.attrs = {{"controller", std::to_string(controller)}, {"bus", "0"}, {"port", std::to_string(port)}};
}

// Assigns one virtio channel or console. A console's port is only reserved:
// libvirt works on a scratch address for consoles and never stores it.
void assignVirtioSerialPort(DomainDef& def, VirtioSerialPorts& ports, DeviceInfo& info, bool console) {
  const bool portOnly = info.address.type == "virtio-serial";
  // The scratch address of a console starts at controller 0.
  unsigned controller = portOnly && !console ? numberAttr(info.address, "controller") : 0;
  unsigned port;
  if (portOnly) {
    port = ports.nextOn(controller);
  } else {
    std::tie(controller, port) = ports.next(def, console);
  }
  ports.reserve(controller, port);
  if (!console) setVirtioSerialAddress(info, controller, port);
}

}  // namespace

void assignVirtioSerialAddresses(DomainDef& def) {
  VirtioSerialPorts ports(def);
  for (auto* list : {&def.serials, &def.consoles, &def.channels})
    for (const auto& c : *list)
      if (virtioSerialComplete(c.info))
        ports.reserve(numberAttr(c.info.address, "controller"), numberAttr(c.info.address, "port"));
  for (std::size_t i = 0; i < def.consoles.size(); ++i)
    if (def.consoles[i].targetType == "virtio" && !virtioSerialComplete(def.consoles[i].info))
      assignVirtioSerialPort(def, ports, def.consoles[i].info, true);
  for (std::size_t i = 0; i < def.channels.size(); ++i)
    if (def.channels[i].targetType == "virtio" && !virtioSerialComplete(def.channels[i].info))
      assignVirtioSerialPort(def, ports, def.channels[i].info, false);
}

// ---- USB ----------------------------------------------------------------------

namespace {

constexpr unsigned kUsbHubPorts = 8;
constexpr std::size_t kUsbMaxDepth = 4;

// The ports a USB controller model provides; companions provide none of
// their own (their EHCI master counts for them).
unsigned usbControllerPorts(const ControllerDef& c) {
  const std::string& m = c.model;
  if (m.empty() || m == "piix3-uhci" || m == "piix4-uhci" || m == "vt82c686b-uhci") return 2;
  if (m == "ehci" || m == "ich9-ehci1") return 6;
  if (m == "pci-ohci") return 3;
  if (m == "nec-xhci" || m == "qemu-xhci" || m == "qusb1" || m == "qusb2") {
    if (auto p = parseNumber(attrOf(c.rest, "ports"))) return static_cast<unsigned>(*p);
    return m.rfind("qusb", 0) == 0 ? 8 : 4;
  }
  return 0;  // ich9-uhci1..3, none
}

struct UsbHub {
  explicit UsbHub(unsigned nports) : used(nports, false), hubs(nports) {}
  std::vector<bool> used;
  std::vector<std::unique_ptr<UsbHub>> hubs;  // a hub plugged into each port
};

std::vector<unsigned> parsePortPath(const std::string& port) {
  std::vector<unsigned> path;
  std::size_t start = 0;
  while (start <= port.size() && !port.empty()) {
    std::size_t dot = port.find('.', start);
    auto n = parseNumber(port.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    path.push_back(n ? static_cast<unsigned>(*n) : 0);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return path;
}

std::string formatPortPath(const std::vector<unsigned>& path) {
  std::string s;
  for (unsigned p : path) s += (s.empty() ? "" : ".") + std::to_string(p);
  return s;
}

bool usbPortValid(const DeviceInfo& info) {
  auto port = addressAttr(info.address, "port");
  return info.address.type == "usb" && port && !port->empty() && parsePortPath(*port).front() != 0;
}

class UsbPorts {
 public:
  void addController(const ControllerDef& c) {
    unsigned nports = usbControllerPorts(c);
    if (!nports) return;
    std::size_t index = static_cast<std::size_t>(c.index.value_or(0));
    if (buses_.size() <= index) buses_.resize(index + 1);
    else if (buses_[index])
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "Duplicate USB controllers with index " + std::to_string(index));
    buses_[index] = std::make_unique<UsbHub>(nports);
  }

  void addHub(const DeviceInfo& hub) {
    if (hub.address.type != "usb") fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "Wrong address type for USB hub");
    auto [target, port] = findPort(hub);
    if (target->hubs[port])
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
           "Duplicate USB hub on bus " + std::to_string(bus(hub)) + " port " + portString(hub));
    target->used[port] = true;
    target->hubs[port] = std::make_unique<UsbHub>(kUsbHubPorts);
  }

  void reserve(const DeviceInfo& info) {
    if (!usbPortValid(info)) return;
    auto [target, port] = findPort(info);
    if (target->used[port])
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
           "Duplicate USB address bus " + std::to_string(bus(info)) + " port " + portString(info));
    target->used[port] = true;
  }

  // The first free port: on the requested bus, or on any bus in order.
  void assign(DeviceInfo& info) {
    if (info.address.type == "usb") {
      unsigned b = bus(info);
      if (b >= buses_.size() || !buses_[b])
        fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
             "USB bus " + std::to_string(b) + " requested but no controller with that index is present");
      if (assignFromBus(info, b)) return;
    } else {
      for (std::size_t b = 0; b < buses_.size(); ++b)
        if (assignFromBus(info, static_cast<unsigned>(b))) return;
    }
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "No free USB ports");
  }

 private:
  static unsigned bus(const DeviceInfo& info) { return numberAttr(info.address, "bus"); }
  static std::string portString(const DeviceInfo& info) { return addressAttr(info.address, "port").value_or(""); }

  // The hub and the index in it that a bus/port path names.
  std::pair<UsbHub*, std::size_t> findPort(const DeviceInfo& info) {
    unsigned b = bus(info);
    std::string portStr = portString(info);
    if (b >= buses_.size() || !buses_[b]) fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "Missing USB bus " + std::to_string(b));
    UsbHub* hub = buses_[b].get();
    std::vector<unsigned> path = parsePortPath(portStr);
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      std::size_t idx = path[i] - 1;  // ports count from 1
      if (path[i] == 0 || idx >= hub->used.size())
        fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
             "port " + std::to_string(path[i]) + " out of range in USB address bus: " + std::to_string(b) +
                 " port: " + portStr);
      if (!hub->hubs[idx])
        fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
             "there is no hub at port " + std::to_string(path[i]) + " in USB address bus: " + std::to_string(b) +
                 " port: " + portStr);
      hub = hub->hubs[idx].get();
    }
    std::size_t target = path.back() - 1;
    if (path.back() == 0 || target >= hub->used.size())
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
           "requested USB port " + portStr + " not present on USB bus " + std::to_string(b));
    return {hub, target};
  }

  // Depth first: free ports of this hub, then those of the hubs on it.
  static bool findFree(const UsbHub& hub, std::vector<unsigned>& path) {
    for (std::size_t i = 0; i < hub.used.size(); ++i)
      if (!hub.used[i]) {
        path.push_back(static_cast<unsigned>(i + 1));
        return true;
      }
    if (path.size() >= kUsbMaxDepth - 1) return false;
    for (std::size_t i = 0; i < hub.hubs.size(); ++i) {
      if (!hub.hubs[i]) continue;
      path.push_back(static_cast<unsigned>(i + 1));
      if (findFree(*hub.hubs[i], path)) return true;
      path.pop_back();
    }
    return false;
  }

  bool assignFromBus(DeviceInfo& info, unsigned b) {
    if (b >= buses_.size() || !buses_[b]) return false;
    std::vector<unsigned> path;
    if (!findFree(*buses_[b], path)) return false;
    info.address = {};
    info.address.type = "usb";
    info.address.attrs = {{"bus", std::to_string(b)}, {"port", formatPortPath(path)}};
    reserve(info);
    return true;
  }

  std::vector<std::unique_ptr<UsbHub>> buses_;  // one root hub per controller index
};

bool isUsbHub(const conf::GenericDeviceDef& g) { return g.kind == "hub" && attrOf(g.rest, "type") == "usb"; }

// The USB devices of a definition in libvirt's order (hubs first).
std::vector<DeviceInfo*> usbDevices(DomainDef& def, bool withHubs) {
  std::vector<DeviceInfo*> out;
  auto generic = [&](std::string_view kind, auto pred) {
    for (auto& g : def.otherDevices)
      if (g.kind == kind && pred(g)) out.push_back(&g.info);
  };
  if (withHubs) generic("hub", isUsbHub);
  for (auto& h : def.hostdevs)
    if (h.mode == "subsystem" && h.type == "usb") out.push_back(&h.info);
  for (auto& d : def.disks)
    if (d.targetBus == "usb") out.push_back(&d.info);
  for (auto& c : def.controllers)
    if (c.type == "ccid") out.push_back(&c.info);
  for (auto& i : def.inputs)
    if (i.bus == "usb") out.push_back(&i.info);
  for (auto& s : def.serials)
    if (s.targetType == "usb-serial") out.push_back(&s.info);
  generic("sound", [](const conf::GenericDeviceDef& g) { return attrOf(g.rest, "model") == "usb"; });
  generic("redirdev", [](const conf::GenericDeviceDef& g) { return attrOf(g.rest, "bus") == "usb"; });
  return out;
}

// Adds as many hubs as the USB devices need beyond the controllers' ports.
void addUsbHubs(DomainDef& def) {
  std::size_t count = usbDevices(def, true).size();
  std::size_t available = 0;
  bool hasUsb = false;
  for (const auto& c : def.controllers)
    if (c.type == "usb") {
      available += usbControllerPorts(c);
      hasUsb |= c.model != "none";
    }
  for (const auto& g : def.otherDevices)
    if (isUsbHub(g)) available += kUsbHubPorts;
  if (count > 0 && !hasUsb)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
         "USB is disabled for this domain, but USB devices are present in the domain XML");
  if (count <= available) return;
  // Each new hub takes one port and gives eight.
  std::size_t needed = (count - available + 1 + kUsbHubPorts - 2) / (kUsbHubPorts - 1);
  for (std::size_t i = 0; i < needed; ++i) {
    conf::GenericDeviceDef hub;
    hub.kind = "hub";
    hub.rest.attrs = {{"type", "usb"}};
    def.otherDevices.push_back(std::move(hub));
  }
}

}  // namespace

void assignUsbAddresses(DomainDef& def) {
  addUsbHubs(def);
  UsbPorts ports;
  for (const auto& c : def.controllers)
    if (c.type == "usb") ports.addController(c);
  for (auto& g : def.otherDevices)
    if (isUsbHub(g) && usbPortValid(g.info)) ports.addHub(g.info);
  for (DeviceInfo* info : usbDevices(def, false)) ports.reserve(*info);
  // Hubs without an address first, so that devices can use their ports.
  for (auto& g : def.otherDevices) {
    if (!isUsbHub(g) || usbPortValid(g.info)) continue;
    ports.assign(g.info);
    ports.addHub(g.info);
  }
  for (DeviceInfo* info : usbDevices(def, false))
    if (info->address.type.empty() || (info->address.type == "usb" && !usbPortValid(*info))) ports.assign(*info);
}

void assignQemuAddresses(DomainDef& def, const QemuCaps& caps) {
  assignVirtioSerialAddresses(def);
  assignPciAddresses(def, caps);
  assignUsbAddresses(def);
}

}  // namespace vireo::qemu
