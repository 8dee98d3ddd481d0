#include "lib/security/dac.h"

#include <sys/stat.h>
#include <unistd.h>

#include <optional>

#include "lib/security/seclabel.h"

namespace vireo::security {

namespace {

constexpr const char* kModel = "dac";

bool pathExists(const std::string& path) { return access(path.c_str(), F_OK) == 0; }

// The domain-level DAC settings: whether to relabel at all, and the owner
// for the process (label) and for images (imagelabel; the same ids in DAC).
struct DomainDac {
  bool relabel = true;
  OwnerIds owner;
};

DomainDac domainDac(const conf::DomainDef& def, const DacOptions& opts) {
  DomainDac d;
  d.owner = {opts.uid, opts.gid};
  for (const xml::Element& e : def.otherTopLevel) {
    if (e.name != "seclabel" || e.attrOr("model") != kModel) continue;
    // Read as a persistent definition: a dynamic DAC label is always the
    // configured user, only a static one names another.
    SecLabelDef l = parseSecLabel(e, false);
    d.relabel = l.relabel;
    if (l.type == SecLabelType::Static && !l.label.empty()) d.owner = parseOwnershipIds(l.label);
  }
  return d;
}

// Collects the operations of one plan.
class Planner {
 public:
  Planner(const conf::DomainDef& def, const DacOptions& opts, OwnershipOp::Kind kind)
      : opts_(opts), kind_(kind), dac_(domainDac(def, opts)) {
    plan_.lock = opts.rememberOwner;
  }

  // False when nothing is to be labelled for this domain.
  bool active() const { return opts_.dynamicOwnership && dac_.relabel; }
  bool restoring() const { return kind_ == OwnershipOp::Kind::Restore; }
  const OwnerIds& owner() const { return dac_.owner; }

  void add(const std::string& path, OwnerIds ids, bool remember, bool mayBeMissing = false) {
    if (path.empty()) return;
    OwnershipOp op;
    op.kind = kind_;
    op.path = path;
    op.uid = restoring() ? 0 : ids.uid;
    op.gid = restoring() ? 0 : ids.gid;
    // Remembering happens only under the metadata lock (libvirt's rule).
    op.remember = remember && opts_.rememberOwner;
    op.mayBeMissing = !restoring() && mayBeMissing;
    plan_.ops.push_back(std::move(op));
  }

  DacPlan take() {
    plan_.lockWait = opts_.metadataLockWait;
    return std::move(plan_);
  }

 private:
  const DacOptions& opts_;
  OwnershipOp::Kind kind_;
  DomainDac dac_;
  DacPlan plan_;
};

// The first element child `name` of a preserved child list.
const xml::Element* childOf(const std::vector<xml::Element>& children, std::string_view name) {
  for (const xml::Element& c : children)
    if (c.isElement() && c.name == name) return &c;
  return nullptr;
}

// ---- disks -------------------------------------------------------------

// The local path of an image given by a <source> with its type, or "".
std::string localImagePath(const std::string& type, const xml::Element& source) {
  if (type == "file") return source.attrOr("file");
  if (type == "block") return source.attrOr("dev");
  return {};  // dir, network, volume, nvme, vhostuser: nothing DAC can chown
}

std::string localImagePath(const conf::DiskDef& disk) {
  if (disk.type == "file") return disk.source.file;
  if (disk.type == "block") return disk.source.dev;
  return {};
}

// The owner for an image: its own <seclabel model='dac'>, else the top
// image's, else the domain's. nullopt when relabelling is off for it.
std::optional<OwnerIds> imageOwner(const std::vector<DeviceSecLabel>& own, const std::vector<DeviceSecLabel>& top,
                                   const OwnerIds& domainOwner) {
  for (const auto* labels : {&own, &top}) {
    const DeviceSecLabel* l = findDeviceSecLabel(*labels, kModel);
    if (l && (!l->relabel || !l->label.empty())) {
      if (!l->relabel) return std::nullopt;
      return parseOwnershipIds(l->label);
    }
  }
  return domainOwner;
}

// An explicit chain: <backingStore type='file'><source file='...'/>
// <backingStore .../></backingStore> below the disk.
void addBackingChain(Planner& p, const std::vector<xml::Element>& children, const std::vector<DeviceSecLabel>& top) {
  const xml::Element* backing = childOf(children, "backingStore");
  while (backing) {
    const xml::Element* source = backing->child("source");
    if (source) {
      auto own = parseDeviceSecLabels(source->children);
      if (auto ids = imageOwner(own, top, p.owner()))
        p.add(localImagePath(backing->attrOr("type", "file"), *source), *ids, false);
    }
    backing = backing->child("backingStore");
  }
}

void addDisk(Planner& p, const conf::DiskDef& disk) {
  std::string path = localImagePath(disk);
  if (path.empty()) return;  // also a cdrom without a medium
  auto labels = parseDeviceSecLabels(disk.source.rest.children);
  auto ids = imageOwner(labels, {}, p.owner());
  if (!ids) return;
  if (p.restoring()) {
    // Other domains may still use a shared image: never given back.
    if (disk.readonly || disk.shareable) return;
    p.add(path, *ids, true);
    return;
  }
  // Only a private top image is counted: a shared one may be in use by a
  // domain that does not count, and the last counted user would cut it off.
  bool remember = !disk.readonly && !disk.shareable;
  bool optional = false;
  for (const auto& [k, v] : disk.source.rest.attrs)
    if (k == "startupPolicy" && v == "optional") optional = true;
  p.add(path, *ids, remember, optional);
  addBackingChain(p, disk.rest.children, labels);
}

// <nvram>: its text, or a <source> for type file/block (libvirt 8.5+).
void addNvram(Planner& p, const xml::Element& nvram) {
  if (nvram.name.empty()) return;
  std::string path;
  if (const std::string* type = nvram.attr("type")) {
    if (const xml::Element* source = nvram.child("source")) path = localImagePath(*type, *source);
  } else {
    path = nvram.textContent();
  }
  p.add(path, p.owner(), true);
}

// ---- character devices ---------------------------------------------------

void addChardev(Planner& p, const conf::ChrDef& chr, const DacOptions& opts) {
  if (chr.sources.empty()) return;
  const xml::Element& source = chr.sources.front();
  auto labels = parseDeviceSecLabels(source.children);
  const DeviceSecLabel* own = findDeviceSecLabel(labels, kModel);
  if (own && !own->relabel) return;
  // A log daemon opens file chardevs and hands QEMU the descriptor.
  if (!own && chr.type == "file" && opts.chardevStdioLogd) return;
  OwnerIds ids = own && !own->label.empty() ? parseOwnershipIds(own->label) : p.owner();
  std::string path = source.attrOr("path");
  if (chr.type == "file" || chr.type == "dev") {
    p.add(path, ids, true);
  } else if (chr.type == "pipe") {
    std::string in = path + ".in", out = path + ".out";
    if (pathExists(in) && pathExists(out)) {
      // libvirt restores in the opposite order; the result is the same.
      p.add(p.restoring() ? out : in, ids, true);
      p.add(p.restoring() ? in : out, ids, true);
    } else {
      p.add(path, ids, true);
    }
  } else if (chr.type == "unix") {
    bool listening = source.attrOr("mode", "connect") == "bind";
    if (p.restoring()) {
      if (!listening) p.add(path, ids, true);
    } else if (!listening || pathExists(path)) {
      // A listening socket that exists was made for QEMU (passed by fd).
      p.add(path, ids, true);
    }
  }
}

// console[0] of an HVM domain mirrors serial[0]; libvirt skips it.
bool isBackcompatConsole(const conf::DomainDef& def, size_t index) {
  if (index != 0 || def.os.type != "hvm") return false;
  const std::string& t = def.consoles[0].targetType;
  return t.empty() || t == "serial" || t == "none";
}

void addChardevs(Planner& p, const conf::DomainDef& def, const DacOptions& opts) {
  for (const auto& c : def.serials) addChardev(p, c, opts);
  for (const auto& c : def.parallels) addChardev(p, c, opts);
  for (const auto& c : def.channels) addChardev(p, c, opts);
  for (size_t i = 0; i < def.consoles.size(); ++i)
    if (!isBackcompatConsole(def, i)) addChardev(p, def.consoles[i], opts);
}

// ---- other devices ---------------------------------------------------------

void addInputs(Planner& p, const conf::DomainDef& def) {
  for (const auto& in : def.inputs) {
    if (in.type != "passthrough" && in.type != "evdev") continue;
    if (const xml::Element* s = childOf(in.rest.children, "source")) p.add(s->attrOr("evdev"), p.owner(), true);
  }
}

void addMemories(Planner& p, const conf::DomainDef& def) {
  for (const conf::GenericDeviceDef* m : def.devicesOfKind("memory")) {
    std::string model;
    for (const auto& [k, v] : m->rest.attrs)
      if (k == "model") model = v;
    if (model != "nvdimm" && model != "virtio-pmem") continue;
    const xml::Element* s = childOf(m->rest.children, "source");
    const xml::Element* path = s ? s->child("path") : nullptr;
    if (path) p.add(path->textContent(), p.owner(), true);
  }
}

// TPM passthrough: the host device, never remembered (libvirt). The
// emulator's socket is the driver's own business.
void addTpms(Planner& p, const conf::DomainDef& def) {
  for (const conf::GenericDeviceDef* t : def.devicesOfKind("tpm")) {
    const xml::Element* backend = childOf(t->rest.children, "backend");
    if (!backend || backend->attrOr("type") != "passthrough") continue;
    const xml::Element* dev = backend->child("device");
    p.add(dev ? dev->attrOr("path", "/dev/tpm0") : "/dev/tpm0", p.owner(), false);
  }
}

void addSysinfo(Planner& p, const conf::DomainDef& def) {
  for (const xml::Element& e : def.otherTopLevel) {
    if (e.name != "sysinfo" || e.attrOr("type") != "fwcfg") continue;
    for (const xml::Element* entry : e.childrenNamed("entry")) p.add(entry->attrOr("file"), p.owner(), true);
  }
}

void addBootFiles(Planner& p, const conf::DomainDef& def) {
  addNvram(p, def.os.nvram);
  p.add(def.os.kernel, p.owner(), true);
  p.add(def.os.initrd, p.owner(), true);
  p.add(def.os.dtb, p.owner(), true);
  if (const xml::Element* acpi = childOf(def.os.rest.children, "acpi"))
    for (const xml::Element* table : acpi->childrenNamed("table"))
      if (table->attrOr("type") == "slic") p.add(table->textContent(), p.owner(), true);
}

// Everything in libvirt's order (virSecurityDACSetAllLabel).
DacPlan planAll(const conf::DomainDef& def, const DacOptions& opts, OwnershipOp::Kind kind) {
  Planner p(def, opts, kind);
  if (!p.active()) return p.take();
  for (const auto& disk : def.disks) addDisk(p, disk);
  addInputs(p, def);
  addMemories(p, def);
  addChardevs(p, def, opts);
  addTpms(p, def);
  addSysinfo(p, def);
  addBootFiles(p, def);
  for (const std::string& path : opts.domainPaths) p.add(path, p.owner(), true);
  return p.take();
}

}  // namespace

DacPlan planDomainLabels(const conf::DomainDef& def, const DacOptions& opts) {
  return planAll(def, opts, OwnershipOp::Kind::Set);
}

DacPlan planDomainRestore(const conf::DomainDef& def, const DacOptions& opts) {
  return planAll(def, opts, OwnershipOp::Kind::Restore);
}

DacPlan planDiskLabel(const conf::DomainDef& def, const conf::DiskDef& disk, const DacOptions& opts) {
  Planner p(def, opts, OwnershipOp::Kind::Set);
  if (p.active() && disk.type != "dir") addDisk(p, disk);
  return p.take();
}

DacPlan planDiskRestore(const conf::DomainDef& def, const conf::DiskDef& disk, const DacOptions& opts) {
  Planner p(def, opts, OwnershipOp::Kind::Restore);
  if (p.active() && disk.type != "dir") addDisk(p, disk);
  return p.take();
}

DacPlan planChardevLabel(const conf::DomainDef& def, const conf::ChrDef& chr, const DacOptions& opts) {
  Planner p(def, opts, OwnershipOp::Kind::Set);
  if (p.active()) addChardev(p, chr, opts);
  return p.take();
}

DacPlan planChardevRestore(const conf::DomainDef& def, const conf::ChrDef& chr, const DacOptions& opts) {
  Planner p(def, opts, OwnershipOp::Kind::Restore);
  if (p.active()) addChardev(p, chr, opts);
  return p.take();
}

}  // namespace vireo::security
