// -cpu (the CPU model, its features and the paravirtual flags) and the
// clock: -rtc, the PIT tick policy, HPET.
#include <ctime>

#include "drivers/qemu/qemu_command_internal.h"

namespace vireo::qemu::cmd {

namespace {

// The x86 feature names libvirt spells differently from QEMU.
std::string qemuFeatureName(const std::string& name) {
  static const std::pair<const char*, const char*> kRenames[] = {
      {"cmp_legacy", "cmp-legacy"},   {"ds_cpl", "ds-cpl"},         {"fxsr_opt", "fxsr-opt"},
      {"kvm_pv_eoi", "kvm-pv-eoi"},   {"kvm_pv_unhalt", "kvm-pv-unhalt"}, {"lahf_lm", "lahf-lm"},
      {"nodeid_msr", "nodeid-msr"},   {"pclmuldq", "pclmulqdq"},    {"perfctr_core", "perfctr-core"},
      {"perfctr_nb", "perfctr-nb"},   {"tsc_adjust", "tsc-adjust"}};
  for (const auto& [from, to] : kRenames)
    if (name == from) return to;
  return name;
}

std::string onOff(bool b) { return b ? "on" : "off"; }

// The model part of -cpu ("qemu64,vendor=...,x2apic=on"), or "" when the
// definition leaves the CPU to QEMU.
std::string cpuModel(const BuildState& st) {
  const xml::Element& cpu = st.def.cpu;
  if (cpu.name.empty()) return {};
  std::string mode = cpu.attrOr("mode", "custom");
  const xml::Element* model = cpu.child("model");
  if (mode == "custom" && !model) return {};

  std::string s;
  if (mode == "host-passthrough" || mode == "maximum") {
    s = mode == "maximum" ? "max" : "host";
    if (auto mig = parseSwitch(cpu.attrOr("migratable"))) s += ",migratable=" + onOff(*mig);
  } else if (mode == "host-model") {
    internalError("unexpected host-model CPU for " + st.def.os.arch + " architecture");
  } else if (mode == "custom") {
    s = model->textContent();
  } else {
    unsupported("CPU mode '" + mode + "' is not supported");
  }
  if (const xml::Element* vendor = cpu.child("vendor")) s += ",vendor=" + vendor->textContent();
  for (const auto* f : cpu.childrenNamed("feature")) {
    std::string policy = f->attrOr("policy", "require");
    std::string name = qemuFeatureName(f->attrOr("name"));
    if (policy == "force" || policy == "require") s += "," + name + "=on";
    else if (policy == "disable" || policy == "forbid") s += "," + name + "=off";
  }
  return s;
}

// The flags that follow the model: paravirtual clocks, KVM hints, PMU,
// cache and physical address bits.
std::string cpuFlags(const BuildState& st) {
  const conf::DomainDef& def = st.def;
  std::string s;
  for (const auto* t : def.clock.childrenNamed("timer")) {
    std::string name = t->attrOr("name");
    if (name == "kvmclock" && t->hasAttr("present")) s += ",kvmclock=" + onOff(t->attrOr("present") == "yes");
    else if (name == "hypervclock" && t->attrOr("present") == "yes") s += ",hv-time=on";
    else if (name == "tsc" && t->hasAttr("frequency"))
      s += ",tsc-frequency=" + std::to_string(parseNumber(t->attrOr("frequency"), "TSC frequency"));
  }
  if (!def.features.name.empty()) {
    if (const xml::Element* apic = def.features.child("apic"))
      if (auto eoi = parseSwitch(apic->attrOr("eoi"))) s += ",kvm-pv-eoi=" + onOff(*eoi);
    if (const xml::Element* pv = def.features.child("pvspinlock"))
      s += ",kvm-pv-unhalt=" + onOff(pv->attrOr("state", "on") == "on");
  }
  for (const auto* panic : def.devicesOfKind("panic"))
    if (const std::string* m = findAttr(panic->rest, "model"); m && *m == "hyperv") {
      s += ",hv-crash";
      break;
    }
  if (!def.features.name.empty()) {
    if (const xml::Element* kvm = def.features.child("kvm"))
      if (const xml::Element* hidden = kvm->child("hidden"); hidden && hidden->attrOr("state") == "on")
        s += ",kvm=off";
    if (const xml::Element* pmu = def.features.child("pmu"))
      s += ",pmu=" + onOff(pmu->attrOr("state", "on") == "on");
  }
  const xml::Element& cpu = def.cpu;
  if (!cpu.name.empty()) {
    std::string mode = cpu.attrOr("mode", "custom");
    bool hostLike = mode == "host-passthrough" || mode == "maximum";
    if (const xml::Element* cache = cpu.child("cache")) {
      std::string cm = cache->attrOr("mode");
      if (cm == "emulate") {
        s += ",l3-cache=on";
        if (hostLike) s += ",host-cache-info=off";
      } else if (cm == "passthrough") {
        s += ",host-cache-info=on,l3-cache=off";
      } else if (cm == "disable") {
        if (hostLike) s += ",host-cache-info=off";
        s += ",l3-cache=off";
      }
    }
    if (const xml::Element* addr = cpu.child("maxphysaddr")) {
      std::string am = addr->attrOr("mode");
      if (am == "passthrough") {
        s += ",host-phys-bits=on";
        if (addr->hasAttr("limit")) s += ",host-phys-bits-limit=" + addr->attrOr("limit");
      } else if (am == "emulate") {
        s += addr->hasAttr("bits") ? ",phys-bits=" + addr->attrOr("bits") : std::string(",host-phys-bits=off");
      }
    }
  }
  return s;
}

}  // namespace

void buildCpu(BuildState& st) {
  const xml::Element& cpu = st.def.cpu;
  if (!cpu.name.empty()) {
    if (const xml::Element* numa = cpu.child("numa"); numa && !numa->childrenNamed("cell").empty())
      unsupported("guest NUMA topology is not supported");
  }
  std::string model = cpuModel(st);
  if (model.empty() && st.def.os.arch == "i686" && st.ctx.emulator.find("x86_64") != std::string::npos)
    model = "qemu32";  // a 32-bit guest on the 64-bit emulator
  std::string flags = cpuFlags(st);
  if (!flags.empty() && model.empty()) {
    if (st.def.os.arch == "x86_64") model = "qemu64";
    else if (st.def.os.arch == "i686") model = "qemu32";
    else unsupported("CPU flags requested but can't determine default CPU for arch " + st.def.os.arch);
  }
  if (!model.empty()) st.arg("-cpu", model + flags);
}

namespace {

std::string formatUtc(long long epochSeconds) {
  std::time_t t = static_cast<std::time_t>(epochSeconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

std::string rtcBase(const BuildState& st) {
  const xml::Element& clock = st.def.clock;
  std::string offset = clock.attrOr("offset", "utc");
  if (offset == "utc") return "base=utc";
  if (offset == "localtime" || offset == "timezone") return "base=localtime";
  if (offset == "variable") {
    long long adjustment = 0;
    std::string adj = clock.attrOr("adjustment", "0");
    try {
      adjustment = std::stoll(adj);
    } catch (...) {
      internalError("invalid clock adjustment '" + adj + "'");
    }
    std::time_t now = std::time(nullptr);
    if (clock.attrOr("basis", "utc") == "localtime") {
      // The guest's clock runs at local time: fold the host's offset from
      // UTC into the adjustment, as libvirt does at startup.
      std::tm local{};
      localtime_r(&now, &local);
      adjustment += local.tm_gmtoff;
    }
    return "base=" + formatUtc(static_cast<long long>(now) + adjustment);
  }
  if (offset == "absolute")
    return "base=" + formatUtc(static_cast<long long>(parseNumber(clock.attrOr("start", "0"), "clock start")));
  unsupported("unsupported clock offset '" + offset + "'");
}

std::string rtcOptions(const xml::Element& clock) {
  std::string s;
  for (const auto* t : clock.childrenNamed("timer")) {
    if (t->attrOr("name") != "rtc") continue;
    std::string track = t->attrOr("track");
    if (track == "guest") s += ",clock=vm";
    else if (track == "wall") s += ",clock=host";
    else if (track == "realtime") s += ",clock=rt";
    else if (track == "boot") unsupported("unsupported rtc timer track 'boot'");
    std::string tick = t->attrOr("tickpolicy");
    if (tick == "catchup") s += ",driftfix=slew";
    else if (tick == "merge" || tick == "discard") unsupported("unsupported rtc timer tickpolicy '" + tick + "'");
    break;
  }
  return s;
}

}  // namespace

void buildClock(BuildState& st) {
  const xml::Element& clock = st.def.clock;
  st.arg("-rtc", rtcBase(st) + rtcOptions(clock));
  if (clock.attrOr("offset") == "timezone" && clock.hasAttr("timezone")) st.env("TZ", clock.attrOr("timezone"));

  for (const auto* t : clock.childrenNamed("timer")) {
    std::string name = t->attrOr("name");
    if (name == "platform") unsupported("unsupported timer type (name) 'platform'");
    if (name == "pit") {
      std::string tick = t->attrOr("tickpolicy");
      if (tick.empty() || tick == "delay") st.arg("-global", "kvm-pit.lost_tick_policy=delay");
      else if (tick == "discard") st.arg("-global", "kvm-pit.lost_tick_policy=discard");
      else if (tick == "merge") unsupported("unsupported pit tickpolicy 'merge'");
    } else if (name == "hpet") {
      // QEMU before 8.0 has no 'hpet' machine property (see buildMachine).
      if (t->attrOr("present") == "no" && st.qemuVersion() < 8000000) st.arg("-no-hpet");
    }
  }
}

}  // namespace vireo::qemu::cmd
