// Writing a DomainDef as libvirt formats it.
#include <libvirt/libvirt.h>

#include "lib/conf/devices.h"
#include "lib/conf/domain.h"

namespace vireo::conf {

namespace {

// libvirt's order of the top-level elements it writes.
const std::vector<std::string_view> kTopOrder = {
    "name", "uuid", "genid", "title", "description", "metadata", "maxMemory", "memory",
    "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus", "iothreads",
    "iothreadids", "defaultiothread", "cputune", "numatune", "resource", "sysinfo", "bootloader",
    "bootloader_args", "os", "idmap", "features", "cpu", "clock", "on_poweroff", "on_reboot",
    "on_crash", "on_lockfailure", "pm", "perf", "devices", "seclabel", "keywrap", "launchSecurity"};

const std::vector<std::string_view> kOsOrder = {
    "type", "firmware", "init", "initarg", "initenv", "initdir", "inituser", "initgroup", "loader",
    "nvram", "kernel", "initrd", "cmdline", "dtb", "root", "acpi", "boot", "bootmenu", "bios", "smbios"};

// The <features> children in libvirt's enum order.
const std::vector<std::string_view> kFeatureOrder = {
    "acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm", "pvspinlock",
    "capabilities", "pmu", "vmport", "gic", "smm", "ioapic", "hpt", "vmcoreinfo", "htm",
    "nested-hv", "msrs", "ccf-assist", "xen", "cfpc", "sbbc", "ibs", "tcg", "async-teardown"};

xml::Element memoryElement(const char* name, unsigned long long kib) {
  xml::Element e = xml::Element::make(name);
  e.setAttr("unit", "KiB");
  e.addText(std::to_string(kib));
  return e;
}

xml::Element formatOs(const OsDef& os) {
  xml::Element e = xml::Element::make("os");
  setAttrIf(e, "firmware", os.firmware);
  auto& t = addTextChild(e, "type", os.type);
  setAttrIf(t, "arch", os.arch);
  setAttrIf(t, "machine", os.machine);
  if (!os.init.empty()) addTextChild(e, "init", os.init);
  for (const auto& a : os.initArgs) addTextChild(e, "initarg", a);
  for (const auto& [k, v] : os.initEnv) addTextChild(e, "initenv", v).setAttr("name", k);
  if (!os.initDir.empty()) addTextChild(e, "initdir", os.initDir);
  if (!os.initUser.empty()) addTextChild(e, "inituser", os.initUser);
  if (!os.initGroup.empty()) addTextChild(e, "initgroup", os.initGroup);
  if (!os.loader.name.empty()) e.children.push_back(os.loader);
  if (!os.nvram.name.empty()) e.children.push_back(os.nvram);
  if (!os.kernel.empty()) addTextChild(e, "kernel", os.kernel);
  if (!os.initrd.empty()) addTextChild(e, "initrd", os.initrd);
  if (!os.cmdline.empty()) addTextChild(e, "cmdline", os.cmdline);
  if (!os.dtb.empty()) addTextChild(e, "dtb", os.dtb);
  for (const auto& b : os.bootDevs) addChild(e, "boot").setAttr("dev", b);
  appendUnparsed(e, os.rest);
  orderChildren(e, kOsOrder);
  return e;
}

// `live`: the running domain's XML, which shows runtime details such as
// pty paths.
void writeDevices(xml::Writer& w, const DomainDef& def, bool secure, bool live) {
  w.openBlock("devices");
  if (!def.emulator.empty()) w.textElement("emulator", def.emulator);
  // Typed devices and preserved ones, grouped by element name in libvirt's
  // order; within a kind, in definition order.
  for (auto kind : kDeviceOrder) {
    if (kind == "disk") for (const auto& d : def.disks) w.element(formatDisk(d));
    else if (kind == "controller") for (const auto& c : def.controllers) w.element(formatController(c));
    else if (kind == "interface") for (const auto& n : def.nets) w.element(formatNet(n));
    else if (kind == "serial") for (const auto& c : def.serials) w.element(formatChr(c, live));
    else if (kind == "parallel") for (const auto& c : def.parallels) w.element(formatChr(c, live));
    else if (kind == "console") for (const auto& c : def.consoles) w.element(formatChr(c, live));
    else if (kind == "channel") for (const auto& c : def.channels) w.element(formatChr(c, live));
    else if (kind == "input") for (const auto& i : def.inputs) w.element(formatInput(i));
    else if (kind == "graphics") for (const auto& g : def.graphics) w.element(formatGraphics(g, secure));
    else if (kind == "video") for (const auto& v : def.videos) w.element(formatVideo(v));
    else if (kind == "hostdev") for (const auto& h : def.hostdevs) w.element(formatHostdev(h));
    else if (kind == "memballoon") { if (def.memballoon) w.element(formatMemballoon(*def.memballoon)); }
    else
      for (const auto* g : def.devicesOfKind(kind)) w.element(formatGenericDevice(*g));
  }
  w.close();
}

}  // namespace

std::string formatDomainXml(const DomainDef& def, unsigned flags, int liveId) {
  const bool secure = flags & VIR_DOMAIN_XML_SECURE;
  const bool inactive = flags & VIR_DOMAIN_XML_INACTIVE;

  // Everything except <devices> and <metadata> is built as a tree first so
  // that preserved elements can be sorted into libvirt's order.
  std::vector<xml::Element> top;
  top.push_back(xml::Element::make("name"));
  top.back().addText(def.name);
  top.push_back(xml::Element::make("uuid"));
  top.back().addText(def.uuid.toString());
  if (def.genid) {
    top.push_back(xml::Element::make("genid"));
    top.back().addText(def.genid->toString());
  }
  if (!def.title.empty()) {
    top.push_back(xml::Element::make("title"));
    top.back().addText(def.title);
  }
  if (!def.description.empty()) {
    top.push_back(xml::Element::make("description"));
    top.back().addText(def.description);
  }
  if (!def.metadata.empty()) top.push_back(xml::Element::make("metadata"));  // placeholder
  if (def.memory.maxMemoryKiB) {
    auto m = memoryElement("maxMemory", *def.memory.maxMemoryKiB);
    m.attrs.insert(m.attrs.begin(), {"slots", std::to_string(def.memory.maxMemorySlots)});
    top.push_back(std::move(m));
  }
  top.push_back(memoryElement("memory", def.memory.maxKiB));
  if (def.memory.dumpCoreSet) top.back().attrs.insert(top.back().attrs.begin(), {"dumpCore", def.memory.dumpCore});
  top.push_back(memoryElement("currentMemory", def.memory.currentKiB));
  {
    xml::Element v = xml::Element::make("vcpu");
    v.setAttr("placement", def.vcpu.placement);
    setAttrIf(v, "cpuset", def.vcpu.cpuset);
    if (def.vcpu.current && *def.vcpu.current != def.vcpu.max)
      v.setAttr("current", std::to_string(*def.vcpu.current));
    v.addText(std::to_string(def.vcpu.max));
    top.push_back(std::move(v));
  }
  if (!def.vcpu.vcpus.name.empty()) top.push_back(def.vcpu.vcpus);
  top.push_back(formatOs(def.os));
  if (!def.features.name.empty()) {
    top.push_back(def.features);
    orderChildren(top.back(), kFeatureOrder);
  }
  if (!def.cpu.name.empty()) top.push_back(def.cpu);
  if (!def.clock.name.empty()) top.push_back(def.clock);
  auto textEl = [&](const char* name, const std::string& v) {
    if (v.empty()) return;
    top.push_back(xml::Element::make(name));
    top.back().addText(v);
  };
  textEl("on_poweroff", def.lifecycle.onPoweroff);
  textEl("on_reboot", def.lifecycle.onReboot);
  textEl("on_crash", def.lifecycle.onCrash);
  textEl("on_lockfailure", def.lifecycle.onLockfailure);
  top.push_back(xml::Element::make("devices"));  // placeholder
  for (const auto& e : def.otherTopLevel) top.push_back(e);

  xml::Element root = xml::Element::make("domain");
  root.children = std::move(top);
  orderChildren(root, kTopOrder);

  xml::Writer w;
  w.open("domain").attr("type", def.type);
  if (liveId >= 0 && !inactive) w.attr("id", liveId);
  for (const auto& e : root.children) {
    if (e.name == "devices") {
      writeDevices(w, def, secure, liveId >= 0 && !inactive);
    } else if (e.name == "metadata") {
      // libvirt writes metadata through libxml2: double-quoted attributes.
      w.open("metadata");
      for (const auto& m : def.metadata) w.element(m, true);
      w.close();
    } else {
      w.element(e);
    }
  }
  w.close();
  return w.str();
}

}  // namespace vireo::conf
