// The checks libvirt makes on a whole definition after defaults are applied.
#include <algorithm>
#include <charconv>
#include <optional>
#include <set>

#include "lib/conf/devices.h"
#include "lib/conf/domain.h"
#include "lib/conf/domain_internal.h"
#include "lib/conf/storage_common.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

[[noreturn]] void unsupported(const std::string& msg) { fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, msg); }
[[noreturn]] void xmlError(const std::string& msg) { fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, msg); }

// A decimal id, or nothing for anything else (the parse checks the syntax).
std::optional<unsigned long long> idNumber(const std::string& text) {
  unsigned long long v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

void validateControllers(const DomainDef& def) {
  std::set<std::pair<std::string, int>> seen;
  bool usbNone = false, usbOther = false, usbMaster = false, usbCompanion = false;
  for (const auto& c : def.controllers) {
    // USB companion controllers share their master's index.
    if (c.type != "usb" && !seen.insert({c.type, c.index.value_or(0)}).second)
      xmlError("Multiple '" + c.type + "' controllers with index '" + std::to_string(c.index.value_or(0)) + "'");
    if (c.type != "usb") continue;
    (c.model == "none" ? usbNone : usbOther) = true;
    if (c.model != "none") (c.info.master.name.empty() ? usbMaster : usbCompanion) = true;
  }
  if (usbNone && usbOther) xmlError("Can't add another USB controller: USB is disabled for this domain");
  // Companion controllers (<master>) need some USB controller to be theirs.
  if (usbCompanion && !usbMaster)
    fail(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "No master USB controller specified");
  if (usbNone) {
    for (const auto& i : def.inputs)
      if (i.bus == "usb") unsupported("Can't add USB input device. USB bus is disabled");
  }
  // A USB redirection needs a USB bus: a controller whose model is not
  // 'none' (the test driver adds none implicitly, so none given is none).
  if (!usbOther)
    for (const GenericDeviceDef* r : def.devicesOfKind("redirdev"))
      if (std::none_of(r->rest.attrs.begin(), r->rest.attrs.end(),
                       [](const auto& a) { return a.first == "bus" && a.second != "usb"; }))
        unsupported("cannot add redirected USB device: USB is disabled for this domain");
}

// PCI controllers: the root ones are the bus itself and have no address;
// indexes, target settings and the NUMA node in libvirt's ranges.
void validatePciControllers(const DomainDef& def) {
  for (const auto& c : def.controllers) {
    if (c.type != "pci") continue;
    if ((c.model == "pci-root" || c.model == "pcie-root") && !c.info.address.type.empty())
      unsupported("pci-root and pcie-root controllers should not have an address");
    const int index = c.index.value_or(0);
    if (index > 255)
      unsupported("PCI controller index " + std::to_string(index) + " too high, maximum is 255");
    const xml::Element* target = nullptr;
    for (const auto& e : c.rest.children)
      if (e.isElement() && e.name == "target") target = &e;
    if (!target) continue;
    auto value = [&](std::string_view name) { return idNumber(target->attrOr(name)); };
    if (auto t = value("index")) {
      if (*t > 30)
        unsupported("PCI controller target index '" + std::to_string(*t) + "' out of range - must be 0-30");
      if ((index == 0) != (*t == 0))
        unsupported("Only the PCI controller with index 0 can have target index 0, and vice versa");
    }
    if (auto n = value("chassisNr"); n && (*n < 1 || *n > 255))
      unsupported("PCI controller chassisNr '" + std::to_string(*n) + "' out of range - must be 1-255");
    if (auto n = value("chassis"); n && *n > 255)
      unsupported("PCI controller chassis '" + std::to_string(*n) + "' out of range - must be 0-255");
    if (auto n = value("port"); n && *n > 255)
      unsupported("PCI controller port '" + std::to_string(*n) + "' out of range - must be 0-255");
    if (auto n = value("busNr"); n && (*n < 1 || *n > 254))
      unsupported("PCI controller busNr '" + std::to_string(*n) + "' out of range - must be 1-254");
    if (target->child("node") && index == 0)
      unsupported("The PCI controller with index=0 can't be associated with a NUMA node");
  }
}

// Devices without a bus address of their own: a ramfb display.
void validateVideos(const DomainDef& def) {
  for (const auto& v : def.videos)
    if (v.type == "ramfb" && !v.info.address.type.empty()) unsupported("address not supported for video type ramfb");
}

// The virtio device options of an interface's <driver> (its parse kept
// them whatever the model) need a virtio model, and so does a vhost-user
// interface.
void validateNetDrivers(const DomainDef& def) {
  for (const auto& n : def.nets) {
    if (isVirtioNetModel(n.model)) continue;
    for (const auto& c : n.rest.children) {
      if (!c.isElement() || c.name != "driver") continue;
      for (const char* option : {"iommu", "ats", "packed", "page_per_vq"})
        if (c.hasAttr(option))
          unsupported(std::string(option) + " driver option is only supported for virtio devices");
    }
    if (n.type == "vhostuser")
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN,
           "Wrong or no <model> 'type' attribute specified with <interface type='vhostuser'/>. vhostuser "
           "requires the virtio-net* frontend");
  }
}

// An interface's <backend type=> names an alternative user-mode backend;
// libvirt 9.0 accepts none (it knows 'passt' but refuses it from the
// domain code, any other value from the XML reader).
void validateNetBackends(const DomainDef& def) {
  for (const auto& n : def.nets)
    for (const auto& c : n.rest.children) {
      const std::string* type = c.isElement() && c.name == "backend" ? c.attr("type") : nullptr;
      if (!type) continue;
      fail(VIR_ERR_XML_ERROR, *type == "passt" ? VIR_FROM_DOMAIN : VIR_FROM_XML,
           "Invalid value for attribute 'type' in element 'backend': '" + *type + "'.");
    }
}

// A TPM needs its backend.
void validateTpms(const DomainDef& def) {
  for (const GenericDeviceDef* t : def.devicesOfKind("tpm"))
    if (std::none_of(t->rest.children.begin(), t->rest.children.end(),
                     [](const xml::Element& c) { return c.isElement() && c.name == "backend"; }))
      xmlError("missing TPM device backend");
}

// Each <vcpusched> names vCPUs the domain has, each <iothreadsched> I/O
// threads it has (<iothreadids>, or 1 to <iothreads>). Post-parse has split
// them to one id each.
void validateSchedulers(const DomainDef& def) {
  const xml::Element* cputune = nullptr;
  std::set<unsigned> iothreads;
  bool explicitIds = false;
  for (const auto& e : def.otherTopLevel) {
    if (!e.isElement()) continue;
    if (e.name == "cputune") cputune = &e;
    if (e.name == "iothreadids") {
      explicitIds = true;
      for (const xml::Element* t : e.childrenNamed("iothread"))
        if (auto id = idNumber(t->attrOr("id"))) iothreads.insert(static_cast<unsigned>(*id));
    }
  }
  if (!cputune) return;
  if (!explicitIds)
    for (const auto& e : def.otherTopLevel)
      if (e.isElement() && e.name == "iothreads")
        if (auto n = idNumber(e.textContent()); n && *n <= 16384)
          for (unsigned id = 1; id <= *n; ++id) iothreads.insert(id);
  for (const xml::Element* s : cputune->childrenNamed("vcpusched"))
    if (auto id = idNumber(s->attrOr("vcpus")); id && *id >= def.vcpu.max)
      unsupported("vCPU '" + std::to_string(*id) + "' is not present in domain definition");
  for (const xml::Element* s : cputune->childrenNamed("iothreadsched"))
    if (auto id = idNumber(s->attrOr("iothreads")); id && !iothreads.count(static_cast<unsigned>(*id)))
      unsupported("Cannot find 'iothread' : " + std::to_string(*id));
}

// A network disk's <auth> (in the disk or in its <source>) names its secret
// by uuid or usage, of the type its protocol uses: iSCSI CHAP or Ceph.
void validateDiskAuth(const DiskDef& d) {
  const xml::Element* auth = nullptr;
  for (const auto* list : {&d.rest.children, &d.source.rest.children})
    for (const auto& c : *list)
      if (c.isElement() && c.name == "auth") auth = &c;
  if (!auth) return;
  const xml::Element* secret = auth->child("secret");
  if (!secret) fail(VIR_ERR_XML_ERROR, VIR_FROM_STORAGE, "Missing <secret> element in auth");
  parseSecretRef(*secret);
  const std::string* type = secret->attr("type");
  static const std::set<std::string> kSecretUsages = {"none", "volume", "ceph", "iscsi", "tls", "vtpm"};
  if (!type || !kSecretUsages.count(*type))
    unsupported("unknown secret type '" + (type ? *type : std::string("<null>")) + "'");
  const std::string& protocol = d.source.protocol;
  const std::string expected = protocol == "iscsi" ? "iscsi" : protocol == "rbd" ? "ceph" : "";
  if (!expected.empty() && *type != expected) unsupported("invalid secret type '" + *type + "'");
}

void validateDisks(const DomainDef& def) {
  std::set<std::string> targets;
  for (const auto& d : def.disks) {
    if (!targets.insert(d.targetDev).second)
      xmlError("target '" + d.targetDev + "' duplicated for disk sources '" +
               (d.source.file + d.source.dev) + "' and '" + "'");
    const std::string& at = d.info.address.type;
    if (at == "pci" && (d.targetBus == "ide" || d.targetBus == "sata" || d.targetBus == "scsi" ||
                        d.targetBus == "fdc"))
      unsupported("Invalid address type 'pci' for the disk '" + d.targetDev + "' with the bus type '" +
                  d.targetBus + "'");
    if (d.device == "lun" && d.type != "block" && d.type != "network" && d.type != "volume")
      unsupported("disk device='lun' is only valid for block type disk source");
    // Only a removable medium drive may be empty: a local disk needs its path.
    const std::string& path =
        d.type == "file" ? d.source.file : d.type == "block" ? d.source.dev : d.source.dir;
    bool local = d.type == "file" || d.type == "block" || d.type == "dir";
    if (local && path.empty() && d.device != "cdrom" && d.device != "floppy")
      fail(VIR_ERR_NO_SOURCE, VIR_FROM_DOMAIN, d.targetDev);
    validateDiskAuth(d);
  }
}

// Only consoles[0] may be (or default to) a serial console: libvirt refuses
// a second one whatever the count, "Only the first console can be a serial
// port", so 262144 <console type='pty'/> fail here in one pass.
void validateConsoles(const DomainDef& def) {
  for (std::size_t i = 1; i < def.consoles.size(); ++i) {
    const std::string& t = def.consoles[i].targetType;
    if (t.empty() || t == "serial") unsupported("Only the first console can be a serial port");
  }
}

// One resctrl group per distinct vCPU set: a <memorytune> joins the
// <cachetune> (or <memorytune>) with the same vCPUs; partly overlapping
// sets are refused, and so is a second <cachetune> for the same vCPUs.
void validateResctrl(const DomainDef& def) {
  const xml::Element* cputune = nullptr;
  for (const auto& e : def.otherTopLevel)
    if (e.isElement() && e.name == "cputune") cputune = &e;
  if (!cputune) return;
  struct Group {
    std::set<unsigned> vcpus;
    std::set<std::string> bandwidthNodes;
  };
  std::vector<Group> groups;
  auto overlaps = [](const std::set<unsigned>& a, const std::set<unsigned>& b) {
    for (unsigned v : a)
      if (b.count(v)) return true;
    return false;
  };
  auto checkMonitors = [](const xml::Element& tune, const std::set<unsigned>& vcpus) {
    for (const xml::Element* m : tune.childrenNamed("monitor"))
      for (unsigned v : parseIdSet(m->attrOr("vcpus")))
        if (!vcpus.count(v))
          fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "Monitor vcpus conflicts with allocation");
  };
  // libvirt reads every <cachetune> before any <memorytune>.
  for (const xml::Element* tune : cputune->childrenNamed("cachetune")) {
    std::set<unsigned> vcpus = parseIdSet(tune->attrOr("vcpus"));
    checkMonitors(*tune, vcpus);
    for (const Group& g : groups) {
      if (g.vcpus == vcpus) xmlError("Identical vcpus in cachetunes found");
      if (overlaps(g.vcpus, vcpus)) xmlError("Overlapping vcpus in resctrls");
    }
    groups.push_back({vcpus, {}});
  }
  for (const xml::Element* tune : cputune->childrenNamed("memorytune")) {
    std::set<unsigned> vcpus = parseIdSet(tune->attrOr("vcpus"));
    checkMonitors(*tune, vcpus);
    Group* group = nullptr;
    for (Group& g : groups) {
      if (g.vcpus == vcpus) group = &g;
      else if (overlaps(g.vcpus, vcpus)) xmlError("Overlapping vcpus in resctrls");
    }
    if (!group) group = &groups.emplace_back(Group{vcpus, {}});
    for (const xml::Element* node : tune->childrenNamed("node")) {
      std::string id = node->attrOr("id");
      if (!group->bandwidthNodes.insert(id).second)
        fail(VIR_ERR_XML_ERROR, VIR_FROM_RESCTRL, "Memory Bandwidth already defined for node " + id);
    }
  }
}

}  // namespace

void validateDomain(const DomainDef& def, unsigned /*parseFlags*/) {
  validateControllers(def);
  validatePciControllers(def);
  validateVideos(def);
  validateNetDrivers(def);
  validateNetBackends(def);
  validateTpms(def);
  validateSchedulers(def);
  validateDisks(def);
  validateHostdevs(def);
  validateDriveAddresses(def);
  validateConsoles(def);
  validateResctrl(def);
  validateGuestNumaMemory(def);
  validateFirmware(def.os);
  if (def.vcpu.current && *def.vcpu.current > def.vcpu.max)
    unsupported("maxvcpus must not be less than current vcpus (" + std::to_string(def.vcpu.max) +
                " < " + std::to_string(*def.vcpu.current) + ")");
}

}  // namespace vireo::conf
