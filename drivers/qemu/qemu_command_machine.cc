// The machine-wide part of the command line: -name, the master key,
// -machine, -accel, memory, -smp, iothreads, -uuid, the monitor, -sandbox
// and -msg.
#include <algorithm>
#include <cstdio>

#include "drivers/qemu/qemu_command_internal.h"

namespace vireo::qemu::cmd {

namespace {

const xml::Element* topLevel(const conf::DomainDef& def, std::string_view name) {
  for (const auto& e : def.otherTopLevel)
    if (e.name == name) return &e;
  return nullptr;
}

const xml::Element* feature(const conf::DomainDef& def, std::string_view name) {
  return def.features.name.empty() ? nullptr : def.features.child(name);
}

// <feature state='on|off'/>: nullopt when the feature is absent or has no state.
std::optional<bool> featureState(const conf::DomainDef& def, std::string_view name) {
  const xml::Element* f = feature(def, name);
  if (!f) return std::nullopt;
  return parseSwitch(f->attrOr("state"));
}

const QemuMachine* machineInfo(const BuildState& st) {
  if (!st.ctx.caps) return nullptr;
  for (const auto& m : st.ctx.caps->machines)
    if (m.name == st.def.os.machine || (!m.alias.empty() && m.alias == st.def.os.machine)) return &m;
  return nullptr;
}

bool hasNumaCells(const conf::DomainDef& def) {
  const xml::Element* numa = def.cpu.name.empty() ? nullptr : def.cpu.child("numa");
  return numa && !numa->childrenNamed("cell").empty();
}

// Initial memory in KiB, rounded up to whole MiB as the QEMU driver aligns
// it when a domain starts (x86 needs 1 MiB granularity).
unsigned long long alignedMemoryKiB(const conf::DomainDef& def) {
  return (def.memory.maxKiB + 1023) / 1024 * 1024;
}

// QEMU 8.0 reports ACPI support per machine type in query-machines; with
// an older QEMU libvirt keeps using -no-acpi (see buildPowerManagement).
bool machineTakesAcpiProperty(const BuildState& st) { return st.qemuVersion() >= 8000000; }

std::string defaultRamId(const BuildState& st) {
  const QemuMachine* m = machineInfo(st);
  return m ? m->defaultRamId : std::string();
}

}  // namespace

void buildName(BuildState& st) {
  st.arg("-name", "guest=" + escapeComma(st.def.name) + ",debug-threads=on");
}

void buildMasterKey(BuildState& st) {
  if (st.ctx.masterKeyPath.empty()) return;
  JsonArgWriter o;
  o.str("qom-type", "secret").str("id", "masterKey0").str("format", "raw").str("file", st.ctx.masterKeyPath);
  st.object(o);
}

void buildMachine(BuildState& st) {
  const conf::DomainDef& def = st.def;
  if (def.os.machine.empty()) internalError("the domain has no machine type");
  std::string m = def.os.machine + ",usb=off";

  if (auto vmport = featureState(def, "vmport")) m += std::string(",vmport=") + (*vmport ? "on" : "off");
  if (const xml::Element* smm = feature(def, "smm")) {
    if (smm->child("tseg")) unsupported("SMM TSEG size is not supported");
    if (auto on = parseSwitch(smm->attrOr("state", "on"))) m += std::string(",smm=") + (*on ? "on" : "off");
  }
  if (const xml::Element* ioapic = feature(def, "ioapic")) {
    std::string drv = ioapic->attrOr("driver");
    if (drv == "qemu") m += ",kernel_irqchip=split";
    else if (drv == "kvm") m += ",kernel_irqchip=on";
  }

  std::string dump = def.memory.dumpCoreSet ? def.memory.dumpCore : "off";
  m += ",dump-guest-core=" + dump;
  if (const xml::Element* mb = topLevel(def, "memoryBacking"); mb && mb->child("nosharepages")) m += ",mem-merge=off";
  if (!hasNumaCells(def)) {
    std::string ramId = defaultRamId(st);
    if (!ramId.empty()) m += ",memory-backend=" + ramId;
  }

  // <bios useserial='yes'/> puts SeaBIOS's output on the serial console.
  for (const auto* bios : findChildren(def.os.rest, "bios"))
    if (bios->attrOr("useserial") == "yes") m += ",graphics=off";

  if (st.qemuVersion() >= 8000000)
    for (const auto* t : def.clock.childrenNamed("timer"))
      if (t->attrOr("name") == "hpet" && t->hasAttr("present"))
        m += std::string(",hpet=") + (t->attrOr("present") == "yes" ? "on" : "off");

  // The PC speaker is a machine property, not a -device.
  for (const auto* sound : def.devicesOfKind("sound"))
    if (const std::string* model = findAttr(sound->rest, "model"); model && *model == "pcspk") {
      const xml::Element* audio = findChild(sound->rest, "audio");
      unsigned id = audio ? static_cast<unsigned>(parseNumber(audio->attrOr("id", "0"), "audio id")) : 0;
      m += ",pcspk-audiodev=" + audioIdFor(st, id);
      break;
    }

  if (machineTakesAcpiProperty(st)) m += std::string(",acpi=") + (feature(def, "acpi") ? "on" : "off");
  st.arg("-machine", m);
}

void buildAccel(BuildState& st) {
  const std::string& type = st.def.type;
  if (type == "qemu") {
    st.arg("-accel", "tcg");
  } else if (type == "kvm") {
    if (!st.ctx.kvmAvailable)
      unsupported("Emulator '" + st.ctx.emulator + "' does not support virt type 'kvm'");
    st.arg("-accel", "kvm");
  } else {
    unsupported("Emulator '" + st.ctx.emulator + "' does not support virt type '" + type + "'");
  }
}

void buildMemory(BuildState& st) {
  const conf::DomainDef& def = st.def;
  if (def.memory.maxMemoryKiB) unsupported("memory hotplug (<maxMemory>) is not supported");
  unsigned long long kib = alignedMemoryKiB(def);
  st.arg("-m", std::to_string(kib / 1024));

  const xml::Element* mb = topLevel(def, "memoryBacking");
  bool locked = mb && mb->child("locked");
  std::string ramId = defaultRamId(st);
  if (!ramId.empty() && !hasNumaCells(def)) {
    std::string backend = "memory-backend-ram";
    std::optional<bool> share;
    bool prealloc = false;
    bool systemMemoryFile = false;
    if (mb) {
      if (mb->child("hugepages")) unsupported("hugepage memory backing is not supported");
      if (const xml::Element* src = mb->child("source")) {
        std::string t = src->attrOr("type", "anonymous");
        if (t == "memfd") {
          backend = "memory-backend-memfd";
          systemMemoryFile = true;
        } else if (t != "anonymous") {
          unsupported("memory backing source '" + t + "' is not supported");
        }
      }
      if (const xml::Element* acc = mb->child("access")) {
        std::string mode = acc->attrOr("mode");
        if (mode == "shared") share = true;
        else if (mode == "private") share = false;
        if (share && backend == "memory-backend-ram")
          unsupported("memory access mode requires a memfd memory backing source");
      }
      if (const xml::Element* alloc = mb->child("allocation"))
        prealloc = alloc->attrOr("mode") == "immediate";
      if (mb->child("discard")) unsupported("memory discard is not supported");
    }
    JsonArgWriter o;
    o.str("qom-type", backend).str("id", ramId);
    o.optBool("share", share);
    // QEMU names the RAM block of its own default backend without the
    // canonical path; a file-like backend must do the same to stay
    // migratable with a domain that QEMU itself set up.
    if (systemMemoryFile) o.boolean("x-use-canonical-path-for-ramblock-id", false);
    if (prealloc) o.boolean("prealloc", true);
    o.unum("size", kib * 1024);
    st.object(o);
  } else if (mb && (mb->child("hugepages") || mb->child("source"))) {
    unsupported("memory backing needs a QEMU that reports the machine's default RAM id");
  }
  st.arg("-overcommit", std::string("mem-lock=") + (locked ? "on" : "off"));
}

void buildSmp(BuildState& st) {
  const conf::VcpuDef& v = st.def.vcpu;
  if (!v.vcpus.name.empty()) unsupported("individual <vcpus> settings are not supported");
  unsigned maxv = v.max;
  unsigned cur = v.current.value_or(maxv);
  std::string s = std::to_string(cur);
  if (cur != maxv) s += ",maxcpus=" + std::to_string(maxv);
  const xml::Element* topo = st.def.cpu.name.empty() ? nullptr : st.def.cpu.child("topology");
  if (topo) {
    auto get = [&](const char* n, const char* dflt) {
      return std::to_string(parseNumber(topo->attrOr(n, dflt), std::string("CPU topology ") + n));
    };
    s += ",sockets=" + get("sockets", "1") + ",dies=" + get("dies", "1") + ",cores=" + get("cores", "1") +
         ",threads=" + get("threads", "1");
  } else {
    s += ",sockets=" + std::to_string(maxv) + ",cores=1,threads=1";
  }
  st.arg("-smp", s);
}

void buildIOThreads(BuildState& st) {
  std::vector<unsigned> ids;
  if (const xml::Element* idsEl = topLevel(st.def, "iothreadids")) {
    for (const auto* t : idsEl->childrenNamed("iothread")) {
      if (t->hasAttr("thread_pool_min") || t->hasAttr("thread_pool_max") || t->child("poll"))
        unsupported("iothread tuning is not supported");
      ids.push_back(static_cast<unsigned>(parseNumber(t->attrOr("id"), "iothread id")));
    }
  }
  if (const xml::Element* n = topLevel(st.def, "iothreads")) {
    unsigned count = static_cast<unsigned>(parseNumber(n->textContent(), "iothreads count"));
    // iothreads without explicit ids are numbered after the explicit ones.
    for (unsigned next = 1; ids.size() < count; ++next)
      if (std::find(ids.begin(), ids.end(), next) == ids.end()) ids.push_back(next);
  }
  for (unsigned id : ids) {
    JsonArgWriter o;
    o.str("qom-type", "iothread").str("id", "iothread" + std::to_string(id));
    st.object(o);
  }
}

void buildUuidAndGenid(BuildState& st) {
  st.arg("-uuid", st.def.uuid.toString());
  if (st.def.genid) {
    JsonArgWriter d;
    d.str("driver", "vmgenid").str("guid", st.def.genid->toString()).str("id", "vmgenid0");
    st.device(d);
  }
}

void buildMonitor(BuildState& st) {
  std::string chr = "socket,id=charmonitor,";
  if (st.ctx.monitorFd >= 0) chr += "fd=" + std::to_string(st.ctx.monitorFd);
  else chr += "path=" + escapeComma(st.ctx.domainLibDir + "/monitor.sock");
  st.arg("-chardev", chr + ",server=on,wait=off");
  st.arg("-mon", "chardev=charmonitor,id=monitor,mode=control");
}

void buildSandbox(BuildState& st) {
  if (st.ctx.sandbox) st.arg("-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
  else st.arg("-sandbox", "off");
}

void checkTopLevelSupported(const BuildState& st) {
  // Elements that configure cgroups, security labels or the host side only
  // (nothing of them goes on QEMU's command line), and the ones handled here.
  static const std::vector<std::string_view> kNoCommandLine = {
      "memtune", "blkiotune", "cputune", "resource", "seclabel", "perf", "sysinfo"};
  static const std::vector<std::string_view> kHandled = {"pm", "iothreads", "iothreadids", "memoryBacking"};
  for (const auto& e : st.def.otherTopLevel) {
    auto in = [&](const std::vector<std::string_view>& list) {
      return std::find(list.begin(), list.end(), e.name) != list.end();
    };
    if (in(kNoCommandLine) || in(kHandled)) continue;
    unsupported("<" + e.name + "> is not supported by the QEMU command line builder");
  }
  if (const xml::Element* sys = topLevel(st.def, "sysinfo"); sys && sys->attrOr("type") == "fwcfg")
    unsupported("sysinfo type 'fwcfg' is not supported");

  // Guest features: the ones with no command line effect, the ones built
  // into -machine/-cpu/-device, and everything else refused.
  static const std::vector<std::string_view> kFeatures = {
      "acpi", "apic", "pae", "hap", "viridian", "privnet", "pvspinlock", "pmu",
      "vmport", "smm", "ioapic", "vmcoreinfo", "kvm"};
  if (!st.def.features.name.empty()) {
    for (const auto* f : st.def.features.elements()) {
      if (std::find(kFeatures.begin(), kFeatures.end(), f->name) == kFeatures.end())
        unsupported("domain feature '" + f->name + "' is not supported");
      if (f->name == "kvm")
        for (const auto* k : f->elements())
          if (k->name != "hidden") unsupported("KVM feature '" + k->name + "' is not supported");
    }
  }
}

}  // namespace vireo::qemu::cmd
