// The remaining devices: USB hubs, 9p filesystems, input devices, sound
// cards, watchdogs, the memory balloon, random number generators and panic
// notifiers.
#include <algorithm>

#include "drivers/qemu/qemu_command_internal.h"

namespace vireo::qemu::cmd {

namespace {

std::string attrOf(const conf::GenericDeviceDef& g, std::string_view name, std::string_view fallback = {}) {
  const std::string* v = findAttr(g.rest, name);
  return v ? *v : std::string(fallback);
}

// Devices of `kind` with their index among devices of that kind.
std::vector<const conf::GenericDeviceDef*> ofKind(const BuildState& st, std::string_view kind) {
  return st.def.devicesOfKind(kind);
}

unsigned audioIdOf(const conf::GenericDeviceDef& g) {
  const xml::Element* audio = findChild(g.rest, "audio");
  return audio ? static_cast<unsigned>(parseNumber(audio->attrOr("id", "0"), "audio id")) : 0;
}

}  // namespace

void buildHubs(BuildState& st) {
  auto hubs = ofKind(st, "hub");
  for (std::size_t i = 0; i < hubs.size(); ++i) {
    if (attrOf(*hubs[i], "type") != "usb") unsupported("hub type '" + attrOf(*hubs[i], "type") + "' is not supported");
    JsonArgWriter p;
    p.str("driver", "usb-hub").str("id", aliasOr(hubs[i]->info, "hub" + std::to_string(i)));
    addAddressProps(p, st, hubs[i]->info);
    st.device(p);
  }
}

void buildFilesystems(BuildState& st) {
  auto fss = ofKind(st, "filesystem");
  for (std::size_t i = 0; i < fss.size(); ++i) {
    const conf::GenericDeviceDef& fs = *fss[i];
    std::string type = attrOf(fs, "type", "mount");
    const xml::Element* drv = findChild(fs.rest, "driver");
    std::string drvType = drv ? drv->attrOr("type", "path") : "path";
    if (type != "mount" || drvType != "path")
      unsupported("filesystem type '" + type + "' with driver '" + drvType + "' is not supported");
    const xml::Element* src = findChild(fs.rest, "source");
    const xml::Element* tgt = findChild(fs.rest, "target");
    if (!src || !tgt) internalError("filesystem needs a <source> and a <target>");
    std::string alias = aliasOr(fs.info, "fs" + std::to_string(i));

    // -fsdev carries the host side (directory, security model), the
    // virtio-9p device the tag the guest mounts.
    std::string opt = "local";
    std::string mode = attrOf(fs, "accessmode");
    if (mode == "mapped") opt += ",security_model=mapped";
    else if (mode == "passthrough") opt += ",security_model=passthrough";
    else if (mode == "squash") opt += ",security_model=none";
    std::string multidevs = attrOf(fs, "multidevs");
    if (multidevs == "remap" || multidevs == "forbid" || multidevs == "warn") opt += ",multidevs=" + multidevs;
    if (!attrOf(fs, "fmode").empty()) opt += ",fmode=" + attrOf(fs, "fmode");
    if (!attrOf(fs, "dmode").empty()) opt += ",dmode=" + attrOf(fs, "dmode");
    if (drv && drv->hasAttr("wrpolicy")) opt += ",writeout=" + drv->attrOr("wrpolicy");
    opt += ",id=fsdev-" + alias + ",path=" + escapeComma(src->attrOr("dir"));
    if (findChild(fs.rest, "readonly")) opt += ",readonly";
    st.arg("-fsdev", opt);

    JsonArgWriter p;
    p.str("driver", virtioDriverName("virtio-9p", fs.info, attrOf(fs, "model")));
    addVirtioOptions(p, drv);
    p.str("id", alias).str("fsdev", "fsdev-" + alias).str("mount_tag", tgt->attrOr("dir"));
    addAddressProps(p, st, fs.info);
    st.device(p);
  }
}

void buildInputs(BuildState& st) {
  const auto& inputs = st.def.inputs;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const conf::InputDef& in = inputs[i];
    std::string alias = aliasOr(in.info, "input" + std::to_string(i));
    // A host evdev device grabbed by QEMU is an object, not a device.
    if (in.type == "evdev") {
      const xml::Element* src = findChild(in.rest, "source");
      if (!src) internalError("evdev input has no <source>");
      JsonArgWriter o;
      o.str("qom-type", "input-linux").str("id", alias).str("evdev", src->attrOr("dev"));
      o.optBool("repeat", parseSwitch(src->attrOr("repeat")));
      if (src->attrOr("grab") == "all") o.boolean("grab_all", true);
      o.strIf("grab-toggle", src->attrOr("grabToggle"));
      st.object(o);
      continue;
    }
    if (in.bus == "ps2" || in.bus.empty() || in.bus == "none") continue;  // built into the machine
    JsonArgWriter p;
    if (in.bus == "usb") {
      if (in.type == "mouse") p.str("driver", "usb-mouse");
      else if (in.type == "tablet") p.str("driver", "usb-tablet");
      else if (in.type == "keyboard") p.str("driver", "usb-kbd");
      else unsupported("USB input type '" + in.type + "' is not supported");
      p.str("id", alias);
    } else if (in.bus == "virtio") {
      std::string base;
      if (in.type == "mouse") base = "virtio-mouse";
      else if (in.type == "tablet") base = "virtio-tablet";
      else if (in.type == "keyboard") base = "virtio-keyboard";
      else if (in.type == "passthrough") base = "virtio-input-host";
      else unsupported("virtio input type '" + in.type + "' is not supported");
      p.str("driver", virtioDriverName(base, in.info, in.model));
      addVirtioOptions(p, findChild(in.rest, "driver"));
      p.str("id", alias);
      if (in.type == "passthrough") {
        const xml::Element* src = findChild(in.rest, "source");
        if (!src) internalError("passthrough input has no <source>");
        p.str("evdev", src->attrOr("evdev"));
      }
    } else {
      unsupported("input bus '" + in.bus + "' is not supported");
    }
    addAddressProps(p, st, in.info);
    st.device(p);
  }
}

void buildSounds(BuildState& st) {
  auto sounds = ofKind(st, "sound");
  for (std::size_t i = 0; i < sounds.size(); ++i) {
    const conf::GenericDeviceDef& s = *sounds[i];
    std::string model = attrOf(s, "model");
    if (model == "pcspk") continue;  // a -machine property
    static const std::pair<const char*, const char*> kModels[] = {
        {"es1370", "ES1370"}, {"ac97", "AC97"}, {"ich6", "intel-hda"},
        {"usb", "usb-audio"}, {"ich9", "ich9-intel-hda"}, {"sb16", "sb16"}};
    std::string driver;
    for (const auto& [m, d] : kModels)
      if (model == m) driver = d;
    if (driver.empty()) unsupported("sound model '" + model + "' is not supported");
    bool hda = model == "ich6" || model == "ich9";
    std::string alias = aliasOr(s.info, "sound" + std::to_string(i));
    std::string audiodev = audioIdFor(st, audioIdOf(s));

    // HDA controllers have no audio backend of their own: their codecs do.
    JsonArgWriter p;
    p.str("driver", driver).str("id", alias);
    if (!hda) p.str("audiodev", audiodev);
    if (model == "usb") p.optBool("multi", parseSwitch(attrOf(s, "multichannel")));
    addAddressProps(p, st, s.info);
    st.device(p);
    if (!hda) continue;

    // An HDA controller needs a codec; a duplex one unless the XML says.
    auto codecs = findChildren(s.rest, "codec");
    std::vector<std::string> types;
    for (const auto* c : codecs) types.push_back(c->attrOr("type", "duplex"));
    if (types.empty()) types.push_back("duplex");
    for (std::size_t cad = 0; cad < types.size(); ++cad) {
      if (types[cad] != "duplex" && types[cad] != "micro" && types[cad] != "output")
        unsupported("sound codec '" + types[cad] + "' is not supported");
      JsonArgWriter c;
      c.str("driver", "hda-" + types[cad])
          .str("id", alias + "-codec" + std::to_string(cad))
          .str("bus", alias + ".0")
          .unum("cad", cad)
          .str("audiodev", audiodev);
      st.device(c);
    }
  }
}

void buildWatchdogs(BuildState& st) {
  auto dogs = ofKind(st, "watchdog");
  if (dogs.empty()) return;
  bool itco = false;
  std::string action;
  for (std::size_t i = 0; i < dogs.size(); ++i) {
    const conf::GenericDeviceDef& w = *dogs[i];
    std::string model = attrOf(w, "model");
    std::string a = attrOf(w, "action", "reset");
    if (!action.empty() && a != action) unsupported("watchdogs with different actions are not supported");
    action = a;
    if (model == "itco") {
      itco = true;  // part of q35's ICH9 chipset
      continue;
    }
    if (model != "i6300esb" && model != "ib700") unsupported("watchdog model '" + model + "' is not supported");
    JsonArgWriter p;
    p.str("driver", model).str("id", aliasOr(w.info, "watchdog" + std::to_string(i)));
    addAddressProps(p, st, w.info);
    st.device(p);
  }
  if (itco) st.arg("-global", "ICH9-LPC.noreboot=off");
  // QEMU has no 'dump' action: it pauses, and the driver dumps the guest.
  if (action == "dump") action = "pause";
  static const std::vector<std::string_view> kActions = {"reset", "shutdown", "poweroff", "pause", "none", "inject-nmi"};
  if (std::find(kActions.begin(), kActions.end(), action) == kActions.end())
    unsupported("watchdog action '" + action + "' is not supported");
  st.arg("-watchdog-action", action);
}

void buildMemballoon(BuildState& st) {
  if (!st.def.memballoon) return;
  const conf::MemballoonDef& b = *st.def.memballoon;
  if (b.model == "none") return;
  if (b.model != "virtio" && b.model != "virtio-transitional" && b.model != "virtio-non-transitional")
    unsupported("memory balloon model '" + b.model + "' is not supported");
  JsonArgWriter p;
  p.str("driver", virtioDriverName("virtio-balloon", b.info, b.model));
  addVirtioOptions(p, findChild(b.rest, "driver"));
  p.str("id", aliasOr(b.info, "balloon0"));
  if (const std::string* v = findAttr(b.rest, "autodeflate")) p.optBool("deflate-on-oom", parseSwitch(*v));
  if (const std::string* v = findAttr(b.rest, "freePageReporting")) p.optBool("free-page-reporting", parseSwitch(*v));
  addAddressProps(p, st, b.info);
  st.device(p);
}

void buildRngs(BuildState& st) {
  auto rngs = ofKind(st, "rng");
  for (std::size_t i = 0; i < rngs.size(); ++i) {
    const conf::GenericDeviceDef& r = *rngs[i];
    std::string model = attrOf(r, "model");
    if (model != "virtio" && model != "virtio-transitional" && model != "virtio-non-transitional")
      unsupported("RNG model '" + model + "' is not supported");
    std::string alias = aliasOr(r.info, "rng" + std::to_string(i));
    const xml::Element* backend = findChild(r.rest, "backend");
    std::string bmodel = backend ? backend->attrOr("model") : "";
    JsonArgWriter o;
    if (bmodel == "random") {
      std::string path = backend->textContent();
      if (path.empty()) internalError("RNG random backend has no source file");
      o.str("qom-type", "rng-random").str("id", "obj" + alias).str("filename", path);
    } else if (bmodel == "builtin") {
      o.str("qom-type", "rng-builtin").str("id", "obj" + alias);
    } else {
      unsupported("RNG backend '" + bmodel + "' is not supported");
    }
    st.object(o);

    JsonArgWriter p;
    p.str("driver", virtioDriverName("virtio-rng", r.info, model));
    addVirtioOptions(p, findChild(r.rest, "driver"));
    p.str("rng", "obj" + alias).str("id", alias);
    // A rate limit without a period means "per second" (1000 ms).
    if (const xml::Element* rate = findChild(r.rest, "rate")) {
      unsigned long long bytes = parseNumber(rate->attrOr("bytes", "0"), "RNG rate bytes");
      if (bytes > 0) {
        unsigned long long period = rate->hasAttr("period") ? parseNumber(rate->attrOr("period"), "RNG period") : 0;
        p.unum("max-bytes", bytes).unum("period", period ? period : 1000);
      }
    }
    addAddressProps(p, st, r.info);
    st.device(p);
  }
}

void buildPanics(BuildState& st) {
  for (const auto* panic : ofKind(st, "panic")) {
    std::string model = attrOf(*panic, "model", "isa");
    if (model == "hyperv") continue;  // a -cpu flag
    JsonArgWriter p;
    if (model == "isa") {
      p.str("driver", "pvpanic");
      // pvpanic names its port "ioport", not "iobase".
      if (panic->info.address.type == "isa")
        p.unum("ioport", parseNumber(addressAttr(panic->info.address, "iobase"), "ISA iobase"));
    } else if (model == "pvpanic") {
      p.str("driver", "pvpanic-pci");
      addAddressProps(p, st, panic->info);
    } else {
      unsupported("panic model '" + model + "' is not supported");
    }
    st.device(p);
  }
}

void checkDevicesSupported(const BuildState& st) {
  if (!st.def.hostdevs.empty()) unsupported("host device assignment (<hostdev>) is not supported");
  static const std::vector<std::string_view> kSupported = {"sound", "rng",   "watchdog", "panic",
                                                           "filesystem", "hub", "audio", "lease"};
  for (const auto& d : st.def.otherDevices)
    if (std::find(kSupported.begin(), kSupported.end(), d.kind) == kSupported.end())
      unsupported("device <" + d.kind + "> is not supported");
}

}  // namespace vireo::qemu::cmd
