#include "lib/audit/domain_resources.h"

#include <algorithm>
#include <cstdlib>

#include "lib/conf/units.h"

namespace vireo::audit {
namespace {

using conf::Unparsed;
using xml::Element;

const std::string* attrOf(const Unparsed& u, std::string_view name) {
  for (const auto& [k, v] : u.attrs)
    if (k == name) return &v;
  return nullptr;
}

const Element* childOf(const Unparsed& u, std::string_view name) {
  for (const Element& c : u.children)
    if (c.isElement() && c.name == name) return &c;
  return nullptr;
}

std::optional<std::string> nonEmpty(const std::string* s) {
  if (!s || s->empty()) return std::nullopt;
  return *s;
}

std::optional<std::string> nonEmpty(const std::string& s) { return nonEmpty(&s); }

// libvirt reads address numbers with base 0: "0x06", "6" and "06" alike.
unsigned long long number(const Element* e, std::string_view attr) {
  const std::string* s = e ? e->attr(attr) : nullptr;
  return s ? std::strtoull(s->c_str(), nullptr, 0) : 0;
}

unsigned number32(const Element* e, std::string_view attr) { return static_cast<unsigned>(number(e, attr)); }

// The path of a chardev-like <source> inside a device whose `type` says
// what kind of chardev it is (EGD RNG backends, passthrough smartcards).
std::optional<std::string> chardevSourcePath(std::string_view type, const Element* source) {
  static constexpr std::string_view kWithPath[] = {"pty", "dev", "file", "pipe", "unix"};
  if (!source || std::find(std::begin(kWithPath), std::end(kWithPath), type) == std::end(kWithPath))
    return std::nullopt;
  return nonEmpty(source->attr("path"));
}

std::optional<HostdevSource> subsystemSource(const conf::HostdevDef& h, const Element* source) {
  const Element* addr = source ? source->child("address") : nullptr;
  if (h.type == "pci")
    return PciHostdev{number32(addr, "domain"), number32(addr, "bus"), number32(addr, "slot"),
                      number32(addr, "function")};
  if (h.type == "usb") return UsbHostdev{number32(addr, "bus"), number32(addr, "device")};
  if (h.type == "scsi") {
    // Like network disks, iSCSI devices are not host resources to audit.
    if (source && source->attrOr("protocol") == "iscsi") return std::nullopt;
    const Element* adapter = source ? source->child("adapter") : nullptr;
    return ScsiHostdev{adapter ? adapter->attrOr("name") : std::string(), number32(addr, "bus"),
                       number32(addr, "target"), number(addr, "unit")};
  }
  if (h.type == "scsi_host") return ScsiHostHostdev{source ? source->attrOr("wwpn") : std::string()};
  if (h.type == "mdev") return MdevHostdev{addr ? addr->attrOr("uuid") : std::string()};
  return std::nullopt;
}

}  // namespace

AuditedDomain auditedDomain(const conf::DomainDef& def, long long pid) {
  return AuditedDomain{def.type, def.name, def.uuid, pid > 0 ? pid : 0};
}

std::optional<std::string> diskPath(const conf::DiskDef& disk) {
  if (disk.type == "file") return nonEmpty(disk.source.file);
  if (disk.type == "block") return nonEmpty(disk.source.dev);
  if (disk.type == "dir") return nonEmpty(disk.source.dir);
  return std::nullopt;  // network, volume, nvme, vhostuser
}

std::optional<std::string> chardevPath(const conf::ChrDef& chr) {
  return chardevSourcePath(chr.type, chr.sources.empty() ? nullptr : &chr.sources[0]);
}

std::optional<HostdevSource> hostdevSource(const conf::HostdevDef& h) {
  const Element* source = childOf(h.rest, "source");
  if (h.mode == "subsystem") return subsystemSource(h, source);
  if (h.mode == "capabilities") {
    if (h.type == "storage") {
      const Element* block = source ? source->child("block") : nullptr;
      return StorageHostdev{block ? nonEmpty(block->textContent()) : std::nullopt};
    }
    if (h.type == "misc") {
      const Element* chr = source ? source->child("char") : nullptr;
      return MiscHostdev{chr ? nonEmpty(chr->textContent()) : std::nullopt};
    }
  }
  return std::nullopt;
}

std::optional<std::string> evdevPath(const conf::InputDef& input) {
  const Element* source = childOf(input.rest, "source");
  if (input.type == "passthrough") return source ? nonEmpty(source->attr("evdev")) : std::nullopt;
  if (input.type == "evdev") return source ? nonEmpty(source->attr("dev")) : std::nullopt;
  return std::nullopt;
}

std::optional<std::string> filesystemSource(const conf::GenericDeviceDef& dev) {
  if (dev.kind != "filesystem") return std::nullopt;
  const Element* source = childOf(dev.rest, "source");
  if (!source) return std::nullopt;
  // mount/bind: dir, file: file, block: dev, template: name. A RAM
  // filesystem (usage=) and a virtiofs socket have no host path.
  for (std::string_view attr : {"dir", "file", "dev", "name"})
    if (auto v = nonEmpty(source->attr(attr))) return v;
  return std::nullopt;
}

std::optional<std::string> rngSource(const conf::GenericDeviceDef& dev) {
  if (dev.kind != "rng") return std::nullopt;
  const Element* backend = childOf(dev.rest, "backend");
  if (!backend) return std::nullopt;
  std::string model = backend->attrOr("model");
  if (model == "random") return nonEmpty(backend->textContent());
  if (model == "egd") return chardevSourcePath(backend->attrOr("type"), backend->child("source"));
  return std::nullopt;  // builtin
}

std::optional<SmartcardSource> smartcardSource(const conf::GenericDeviceDef& dev) {
  if (dev.kind != "smartcard") return std::nullopt;
  const std::string* mode = attrOf(dev.rest, "mode");
  if (!mode) return std::nullopt;
  if (*mode == "host") return SmartcardHost{};
  if (*mode == "host-certificates") {
    SmartcardCertificates certs;
    for (const Element& c : dev.rest.children)
      if (c.isElement() && c.name == "certificate") certs.certificates.push_back(c.textContent());
    if (const Element* db = childOf(dev.rest, "database")) certs.database = nonEmpty(db->textContent());
    return certs;
  }
  if (*mode == "passthrough") {
    const std::string* type = attrOf(dev.rest, "type");
    return SmartcardPassthrough{chardevSourcePath(type ? *type : "", childOf(dev.rest, "source"))};
  }
  return std::nullopt;
}

std::optional<DomainResources::Tpm> tpmSource(const conf::GenericDeviceDef& dev) {
  if (dev.kind != "tpm") return std::nullopt;
  const Element* backend = childOf(dev.rest, "backend");
  if (!backend) return std::nullopt;
  std::string type = backend->attrOr("type");
  if (type == "passthrough") {
    const Element* device = backend->child("device");
    // libvirt's default host device when <device path> is left out.
    std::optional<std::string> path = device ? nonEmpty(device->attr("path")) : std::nullopt;
    return DomainResources::Tpm{TpmBackend::Passthrough, path ? path : std::string("/dev/tpm0")};
  }
  if (type == "emulator") return DomainResources::Tpm{TpmBackend::Emulator, std::nullopt};
  if (type == "external") {
    const Element* source = backend->child("source");
    return DomainResources::Tpm{TpmBackend::External, source ? nonEmpty(source->attr("path")) : std::nullopt};
  }
  return std::nullopt;
}

std::optional<ShmemSource> shmemSource(const conf::GenericDeviceDef& dev) {
  if (dev.kind != "shmem") return std::nullopt;
  ShmemSource s;
  if (const std::string* name = attrOf(dev.rest, "name")) s.name = *name;
  if (const Element* size = childOf(dev.rest, "size")) {
    try {
      // <size> counts bytes unless a unit says otherwise.
      s.sizeBytes = std::stoull(size->textContent()) * conf::unitScale(size->attrOr("unit"), 1);
    } catch (...) {
      s.sizeBytes = 0;  // the parser rejects such sizes; nothing sensible to report
    }
  }
  if (const Element* server = childOf(dev.rest, "server")) {
    s.server = true;
    s.serverPath = nonEmpty(server->attr("path"));
  }
  return s;
}

bool isUsbRedirdev(const conf::GenericDeviceDef& dev) {
  if (dev.kind != "redirdev") return false;
  const std::string* bus = attrOf(dev.rest, "bus");
  return !bus || *bus == "usb";  // usb is the default (and only) bus
}

DomainResources domainResources(const conf::DomainDef& def) {
  DomainResources res;
  for (const auto& d : def.disks) res.disks.push_back(diskPath(d));
  for (const auto& n : def.nets) res.netMacs.push_back(n.mac);
  for (const auto& h : def.hostdevs)
    if (auto src = hostdevSource(h)) res.hostdevs.push_back(*src);
  for (const auto& c : def.serials) res.serials.push_back(chardevPath(c));
  for (const auto& c : def.parallels) res.parallels.push_back(chardevPath(c));
  for (const auto& c : def.channels) res.channels.push_back(chardevPath(c));
  for (const auto& c : def.consoles) res.consoles.push_back(chardevPath(c));
  res.firstConsoleIsSerial = !def.consoles.empty() && def.os.type == "hvm" &&
                             (def.consoles[0].targetType.empty() || def.consoles[0].targetType == "serial" ||
                              def.consoles[0].targetType == "none");
  for (const auto& i : def.inputs)
    if (auto path = evdevPath(i)) res.evdevInputs.push_back(path);

  for (const conf::GenericDeviceDef& g : def.otherDevices) {
    if (g.kind == "filesystem") {
      res.filesystems.push_back(filesystemSource(g));
    } else if (g.kind == "rng") {
      res.rngs.push_back(rngSource(g));
    } else if (auto card = smartcardSource(g)) {
      res.smartcards.push_back(*card);
    } else if (auto tpm = tpmSource(g)) {
      res.tpms.push_back(*tpm);
    } else if (auto shmem = shmemSource(g)) {
      res.shmems.push_back(*shmem);
    } else if (isUsbRedirdev(g)) {
      res.usbRedirdevs++;
    }
  }

  res.memoryKiB = def.memory.maxKiB;
  res.vcpus = def.vcpu.current.value_or(def.vcpu.max);
  for (const Element& e : def.otherTopLevel) {
    if (e.name == "iothreads") {
      auto count = static_cast<unsigned>(std::strtoul(e.textContent().c_str(), nullptr, 10));
      res.iothreads = std::max(res.iothreads, count);
    } else if (e.name == "iothreadids") {
      res.iothreads = std::max(res.iothreads, static_cast<unsigned>(e.childrenNamed("iothread").size()));
    }
  }
  return res;
}

std::vector<SecurityLabel> securityLabels(const conf::DomainDef& def) {
  std::vector<SecurityLabel> out;
  for (const Element& e : def.otherTopLevel) {
    if (e.name != "seclabel") continue;
    SecurityLabel l;
    l.model = nonEmpty(e.attr("model"));
    if (const Element* label = e.child("label")) l.label = nonEmpty(label->textContent());
    if (const Element* image = e.child("imagelabel")) l.imageLabel = nonEmpty(image->textContent());
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace vireo::audit
