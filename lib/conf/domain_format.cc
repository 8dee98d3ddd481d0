// Writing a DomainDef as libvirt formats it.
#include <libvirt/libvirt.h>

#include "lib/conf/devices.h"
#include "lib/conf/domain.h"

namespace vireo::conf {

namespace {

// libvirt's order of the top-level elements it writes.
const NameOrder kTopOrder = {
    "name", "uuid", "genid", "title", "description", "metadata", "maxMemory", "memory",
    "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus", "iothreads",
    "iothreadids", "defaultiothread", "cputune", "numatune", "resource", "sysinfo", "bootloader",
    "bootloader_args", "os", "idmap", "features", "cpu", "clock", "on_poweroff", "on_reboot",
    "on_crash", "on_lockfailure", "pm", "perf", "devices", "seclabel", "keywrap", "launchSecurity"};

const NameOrder kOsOrder = {
    "type", "firmware", "init", "initarg", "initenv", "initdir", "inituser", "initgroup", "loader",
    "nvram", "kernel", "initrd", "cmdline", "dtb", "root", "acpi", "boot", "bootmenu", "bios", "smbios"};

// The <features> children in libvirt's enum order.
const std::vector<std::string_view> kFeatureOrder = {
    "acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm", "pvspinlock",
    "capabilities", "pmu", "vmport", "gic", "smm", "ioapic", "hpt", "vmcoreinfo", "htm",
    "nested-hv", "msrs", "ccf-assist", "xen", "cfpc", "sbbc", "ibs", "tcg", "async-teardown"};

// <NAME [extra='...'] unit='KiB'>KIB</NAME>; `extra` goes before unit, as
// libvirt writes maxMemory's slots and memory's dumpCore.
void writeMemory(xml::Writer& w, std::string_view name, unsigned long long kib, std::string_view extraName = {},
                 std::string_view extraValue = {}) {
  w.open(name);
  if (!extraName.empty()) w.attr(extraName, extraValue);
  w.attr("unit", "KiB").text(std::to_string(kib)).close();
}

void writeVcpu(xml::Writer& w, const VcpuDef& vcpu) {
  w.open("vcpu").attr("placement", vcpu.placement).attrIf("cpuset", vcpu.cpuset);
  if (vcpu.current && *vcpu.current != vcpu.max) w.attr("current", *vcpu.current);
  w.text(std::to_string(vcpu.max)).close();
}

// A preserved element whose children libvirt sorts; copied only when they
// are out of order.
void writeOrdered(xml::Writer& w, const xml::Element& e, const std::vector<std::string_view>& order) {
  if (childrenInOrder(e, order)) {
    w.element(e);
    return;
  }
  xml::Element sorted = e;
  orderChildren(sorted, order);
  w.element(sorted);
}

// ChildList tags of <os>. Repeated children carry their index on top of
// their kind's base.
enum OsTag : int {
  kOsType, kOsInit, kOsInitDir, kOsInitUser, kOsInitGroup, kOsKernel, kOsInitrd, kOsCmdline, kOsDtb,
  kOsInitArg = 100000, kOsInitEnv = 200000, kOsBoot = 300000
};

void writeOsChild(xml::Writer& w, const OsDef& os, int tag) {
  switch (tag) {
    case kOsType:
      w.open("type").attrIf("arch", os.arch).attrIf("machine", os.machine).text(os.type).close();
      return;
    case kOsInit: w.textElement("init", os.init); return;
    case kOsInitDir: w.textElement("initdir", os.initDir); return;
    case kOsInitUser: w.textElement("inituser", os.initUser); return;
    case kOsInitGroup: w.textElement("initgroup", os.initGroup); return;
    case kOsKernel: w.textElement("kernel", os.kernel); return;
    case kOsInitrd: w.textElement("initrd", os.initrd); return;
    case kOsCmdline: w.textElement("cmdline", os.cmdline); return;
    case kOsDtb: w.textElement("dtb", os.dtb); return;
    default: break;
  }
  auto index = [&](int base) { return static_cast<std::size_t>(tag - base); };
  if (tag >= kOsBoot) {
    w.open("boot").attr("dev", os.bootDevs[index(kOsBoot)]).close();
  } else if (tag >= kOsInitEnv) {
    const auto& [name, value] = os.initEnv[index(kOsInitEnv)];
    w.open("initenv").attr("name", name).text(value).close();
  } else {
    w.textElement("initarg", os.initArgs[index(kOsInitArg)]);
  }
}

void writeOs(xml::Writer& w, const OsDef& os) {
  AttrList attrs;
  attrs.addIf("firmware", os.firmware);
  attrs.addPreserved(os.rest.attrs);
  ChildList kids(kOsOrder);
  kids.addTyped("type", kOsType);
  if (!os.init.empty()) kids.addTyped("init", kOsInit);
  for (std::size_t i = 0; i < os.initArgs.size(); ++i) kids.addTyped("initarg", kOsInitArg + static_cast<int>(i));
  for (std::size_t i = 0; i < os.initEnv.size(); ++i) kids.addTyped("initenv", kOsInitEnv + static_cast<int>(i));
  if (!os.initDir.empty()) kids.addTyped("initdir", kOsInitDir);
  if (!os.initUser.empty()) kids.addTyped("inituser", kOsInitUser);
  if (!os.initGroup.empty()) kids.addTyped("initgroup", kOsInitGroup);
  if (!os.loader.name.empty()) kids.addPreserved(os.loader);
  if (!os.nvram.name.empty()) kids.addPreserved(os.nvram);
  if (!os.kernel.empty()) kids.addTyped("kernel", kOsKernel);
  if (!os.initrd.empty()) kids.addTyped("initrd", kOsInitrd);
  if (!os.cmdline.empty()) kids.addTyped("cmdline", kOsCmdline);
  if (!os.dtb.empty()) kids.addTyped("dtb", kOsDtb);
  for (std::size_t i = 0; i < os.bootDevs.size(); ++i) kids.addTyped("boot", kOsBoot + static_cast<int>(i));
  kids.addPreserved(os.rest.children);

  w.open("os");
  attrs.writeTo(w);
  kids.writeTo(w, [&](xml::Writer& out, int tag) { writeOsChild(out, os, tag); });
  w.close();
}

// `live`: the running domain's XML, which shows runtime details such as
// pty paths.
void writeDevices(xml::Writer& w, const DomainDef& def, bool secure, bool live) {
  w.openBlock("devices");
  if (!def.emulator.empty()) w.textElement("emulator", def.emulator);
  // Typed devices and preserved ones, grouped by element name in libvirt's
  // order; within a kind, in definition order.
  for (auto kind : kDeviceOrder) {
    if (kind == "disk") for (const auto& d : def.disks) writeDisk(w, d, secure);
    else if (kind == "controller") for (const auto& c : def.controllers) writeController(w, c);
    else if (kind == "interface") for (const auto& n : def.nets) writeNet(w, n);
    else if (kind == "serial") for (const auto& c : def.serials) writeChr(w, c, live);
    else if (kind == "parallel") for (const auto& c : def.parallels) writeChr(w, c, live);
    else if (kind == "console") for (const auto& c : def.consoles) writeChr(w, c, live);
    else if (kind == "channel") for (const auto& c : def.channels) writeChr(w, c, live);
    else if (kind == "input") for (const auto& i : def.inputs) writeInput(w, i);
    else if (kind == "graphics") for (const auto& g : def.graphics) writeGraphics(w, g, secure);
    else if (kind == "video") for (const auto& v : def.videos) writeVideo(w, v);
    else if (kind == "hostdev") for (const auto& h : def.hostdevs) writeHostdev(w, h);
    else if (kind == "memballoon") { if (def.memballoon) writeMemballoon(w, *def.memballoon); }
    else
      for (const auto& g : def.otherDevices)
        if (g.kind == kind) writeGenericDevice(w, g);
  }
  w.close();
}

// ChildList tags of <domain>'s typed children. Preserved ones (<vcpus>,
// <cpu>, <clock>, the other top-level elements) are written from their
// element, without a copy, where kTopOrder puts them.
enum TopTag : int {
  kName, kUuid, kGenid, kTitle, kDescription, kMetadata, kMaxMemory, kMemory, kCurrentMemory, kVcpu, kOs,
  kFeatures, kOnPoweroff, kOnReboot, kOnCrash, kOnLockfailure, kDevices
};

void writeTopChild(xml::Writer& w, const DomainDef& def, int tag, bool secure, bool live) {
  switch (tag) {
    case kName: w.textElement("name", def.name); break;
    case kUuid: w.textElement("uuid", def.uuid.toString()); break;
    case kGenid: w.textElement("genid", def.genid->toString()); break;
    case kTitle: w.textElement("title", def.title); break;
    case kDescription: w.textElement("description", def.description); break;
    case kMetadata:
      // libvirt writes metadata through libxml2: double-quoted attributes.
      w.open("metadata");
      for (const auto& m : def.metadata) w.element(m, true);
      w.close();
      break;
    case kMaxMemory:
      writeMemory(w, "maxMemory", *def.memory.maxMemoryKiB, "slots", std::to_string(def.memory.maxMemorySlots));
      break;
    case kMemory:
      if (def.memory.dumpCoreSet)
        writeMemory(w, "memory", def.memory.maxKiB, "dumpCore", def.memory.dumpCore);
      else
        writeMemory(w, "memory", def.memory.maxKiB);
      break;
    case kCurrentMemory: writeMemory(w, "currentMemory", def.memory.currentKiB); break;
    case kVcpu: writeVcpu(w, def.vcpu); break;
    case kOs: writeOs(w, def.os); break;
    case kFeatures: writeOrdered(w, def.features, kFeatureOrder); break;
    case kOnPoweroff: w.textElement("on_poweroff", def.lifecycle.onPoweroff); break;
    case kOnReboot: w.textElement("on_reboot", def.lifecycle.onReboot); break;
    case kOnCrash: w.textElement("on_crash", def.lifecycle.onCrash); break;
    case kOnLockfailure: w.textElement("on_lockfailure", def.lifecycle.onLockfailure); break;
    case kDevices: writeDevices(w, def, secure, live); break;
  }
}

}  // namespace

std::string formatDomainXml(const DomainDef& def, unsigned flags, int liveId) {
  const bool secure = flags & VIR_DOMAIN_XML_SECURE;
  const bool inactive = flags & VIR_DOMAIN_XML_INACTIVE;
  const bool live = liveId >= 0 && !inactive;

  ChildList kids(kTopOrder);
  auto typedIf = [&](bool present, std::string_view name, TopTag tag) {
    if (present) kids.addTyped(name, tag);
  };
  kids.addTyped("name", kName);
  kids.addTyped("uuid", kUuid);
  typedIf(def.genid.has_value(), "genid", kGenid);
  typedIf(!def.title.empty(), "title", kTitle);
  typedIf(!def.description.empty(), "description", kDescription);
  typedIf(!def.metadata.empty(), "metadata", kMetadata);
  typedIf(def.memory.maxMemoryKiB.has_value(), "maxMemory", kMaxMemory);
  kids.addTyped("memory", kMemory);
  kids.addTyped("currentMemory", kCurrentMemory);
  kids.addTyped("vcpu", kVcpu);
  if (!def.vcpu.vcpus.name.empty()) kids.addPreserved(def.vcpu.vcpus);
  kids.addTyped("os", kOs);
  typedIf(!def.features.name.empty(), "features", kFeatures);
  if (!def.cpu.name.empty()) kids.addPreserved(def.cpu);
  if (!def.clock.name.empty()) kids.addPreserved(def.clock);
  typedIf(!def.lifecycle.onPoweroff.empty(), "on_poweroff", kOnPoweroff);
  typedIf(!def.lifecycle.onReboot.empty(), "on_reboot", kOnReboot);
  typedIf(!def.lifecycle.onCrash.empty(), "on_crash", kOnCrash);
  typedIf(!def.lifecycle.onLockfailure.empty(), "on_lockfailure", kOnLockfailure);
  kids.addTyped("devices", kDevices);
  for (const auto& e : def.otherTopLevel) kids.addPreserved(e);

  xml::Writer w;
  w.reserve(4096);  // a typical domain fits: no regrowth
  w.open("domain").attr("type", def.type);
  if (live) w.attr("id", liveId);
  kids.writeTo(w, [&](xml::Writer& out, int tag) { writeTopChild(out, def, tag, secure, live); });
  w.close();
  return w.take();
}

}  // namespace vireo::conf
