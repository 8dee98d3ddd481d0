// What the user sees and hears: -audiodev backends, the VNC server and the
// video adapters.
#include <algorithm>

#include "drivers/qemu/qemu_command_internal.h"

namespace vireo::qemu::cmd {

namespace {

std::string attrOf(const conf::GenericDeviceDef& g, std::string_view name) {
  const std::string* v = findAttr(g.rest, name);
  return v ? *v : std::string();
}

// QEMU's -audiodev driver names; libvirt's 'pulseaudio' and 'file' are
// spelled 'pa' and 'wav' there.
std::string audioDriver(const std::string& type) {
  if (type == "pulseaudio") return "pa";
  if (type == "file") return "wav";
  static const std::vector<std::string_view> kSame = {"none", "alsa", "coreaudio", "jack",
                                                      "oss",  "sdl",  "spice",     "dbus"};
  if (std::find(kSame.begin(), kSame.end(), type) != kSame.end()) return type;
  unsupported("audio backend type '" + type + "' is not supported");
}

}  // namespace

std::string audioIdFor(const BuildState& st, unsigned id) {
  for (const auto* a : st.def.devicesOfKind("audio")) {
    unsigned aid = static_cast<unsigned>(parseNumber(attrOf(*a, "id").empty() ? "0" : attrOf(*a, "id"), "audio id"));
    if (id == 0 || aid == id) return "audio" + std::to_string(aid);
  }
  internalError("unable to find audio backend for sound device");
}

void buildAudio(BuildState& st) {
  for (const auto* a : st.def.devicesOfKind("audio")) {
    for (const auto& c : a->rest.children)
      if (c.isElement()) unsupported("audio <" + c.name + "> settings are not supported");
    std::string type = attrOf(*a, "type");
    JsonArgWriter p;
    p.str("id", "audio" + attrOf(*a, "id")).str("driver", audioDriver(type));
    std::string period = attrOf(*a, "timerPeriod");
    if (!period.empty()) p.unum("timer-period", parseNumber(period, "timerPeriod"));
    if (type == "file") p.strIf("path", attrOf(*a, "path"));
    st.arg("-audiodev", p.text());
  }
}

namespace {

std::string vncArg(const BuildState& st, const conf::GraphicsDef& g) {
  std::string opt;
  xml::Element defaultListen = xml::Element::make("listen");
  defaultListen.setAttr("type", "address");
  const xml::Element& listen = g.listens.empty() ? defaultListen : g.listens[0];
  std::string type = listen.attrOr("type", "address");
  if (type == "socket") {
    std::string sock = listen.attrOr("socket", g.socket);
    if (sock.empty()) internalError("VNC socket listen has no socket path");
    opt = "vnc=unix:" + escapeComma(sock);
  } else if (type == "address" || type == "network") {
    // An automatic port is chosen by the driver when the domain starts; a
    // definition that still says "auto" shows the first VNC port.
    long long port = 5900;
    if (g.autoport != "yes" && !g.port.empty() && g.port != "-1") {
      port = static_cast<long long>(parseNumber(g.port, "VNC port"));
      if (port < 5900 || port > 65535) unsupported("vnc port must be in range [5900,65535]");
    }
    // VNC takes a display number (port - 5900); an IPv6 address needs
    // brackets to keep its colons apart from the display.
    std::string addr = listen.attrOr("address");
    if (!addr.empty()) opt = addr.find(':') != std::string::npos ? "[" + addr + "]" : addr;
    opt += ":" + std::to_string(port - 5900);
    if (!g.websocket.empty() && g.websocket != "-1" && g.websocket != "0")
      opt += ",websocket=" + std::to_string(parseNumber(g.websocket, "VNC websocket port"));
  } else if (type == "none") {
    opt = "none";
  } else {
    unsupported("VNC listen type '" + type + "' is not supported");
  }
  if (const std::string* share = findAttr(g.rest, "sharePolicy")) opt += ",share=" + *share;
  if (!g.passwd.empty()) opt += ",password=on";
  if (const std::string* pc = findAttr(g.rest, "powerControl"))
    if (auto on = parseSwitch(*pc)) opt += std::string(",power-control=") + (*on ? "on" : "off");
  const xml::Element* audio = findChild(g.rest, "audio");
  unsigned audioId = audio ? static_cast<unsigned>(parseNumber(audio->attrOr("id", "0"), "audio id")) : 0;
  opt += ",audiodev=" + audioIdFor(st, audioId);
  return opt;
}

}  // namespace

void buildGraphics(BuildState& st) {
  std::size_t vnc = 0;
  for (const auto& g : st.def.graphics) {
    if (g.type != "vnc") unsupported("graphics type '" + g.type + "' is not supported");
    if (++vnc > 1) unsupported("only 1 graphics device of each type (sdl, vnc, spice, headless, dbus) is supported");
    for (const auto& c : g.rest.children)
      if (c.isElement() && c.name != "audio") unsupported("VNC <" + c.name + "> settings are not supported");
    st.arg("-vnc", vncArg(st, g));
    if (const std::string* keymap = findAttr(g.rest, "keymap")) st.arg("-k", *keymap);
  }
}

namespace {

struct VideoModel {
  std::string driver;
  bool virtio = false;
};

// The primary adapter gets the model with VGA compatibility; secondary
// ones exist only for qxl and virtio, without it.
VideoModel videoModel(const conf::VideoDef& v, bool primary) {
  if (findChild(v.modelRest, "acceleration")) unsupported("video acceleration is not supported");
  const std::string& t = v.type;
  if (primary) {
    if (t == "vga") return {"VGA"};
    if (t == "cirrus") return {"cirrus-vga"};
    if (t == "vmvga") return {"vmware-svga"};
    if (t == "qxl") return {"qxl-vga"};
    if (t == "virtio") return {"virtio-vga", true};
    if (t == "bochs") return {"bochs-display"};
    if (t == "ramfb") return {"ramfb"};
  } else {
    if (t == "qxl") return {"qxl"};
    if (t == "virtio") return {"virtio-gpu-pci", true};
  }
  internalError("invalid model for video type '" + t + "'");
}

}  // namespace

void buildVideos(BuildState& st) {
  const auto& videos = st.def.videos;
  bool anyPrimary = std::any_of(videos.begin(), videos.end(), [](const conf::VideoDef& v) { return v.primary; });
  for (std::size_t i = 0; i < videos.size(); ++i) {
    const conf::VideoDef& v = videos[i];
    if (v.type == "none") continue;
    bool primary = v.primary || (!anyPrimary && i == 0);
    VideoModel model = videoModel(v, primary);
    if (model.virtio && !primary) model.driver = virtioDriverName("virtio-gpu", v.info, {});

    JsonArgWriter p;
    p.str("driver", model.driver);
    if (model.virtio) addVirtioOptions(p, findChild(v.rest, "driver"));
    p.str("id", aliasOr(v.info, "video" + std::to_string(i)));
    if ((v.type == "qxl" || v.type == "virtio") && v.heads.value_or(0) > 0) p.unum("max_outputs", *v.heads);
    // Sizes: libvirt's KiB become bytes or MiB as each device wants them;
    // note that VGA's vgamem_mb comes from <model vram>.
    if (v.type == "qxl") {
      if (v.ram.value_or(0)) p.unum("ram_size", *v.ram * 1024);
      if (v.vram.value_or(0)) p.unum("vram_size", *v.vram * 1024);
      p.unum("vram64_size_mb", v.vram64.value_or(0) / 1024);
      p.unum("vgamem_mb", v.vgamem.value_or(0) / 1024);
    } else if (v.type == "vga" || v.type == "vmvga") {
      if (v.vram.value_or(0) / 1024) p.unum("vgamem_mb", *v.vram / 1024);
    } else if (v.type == "bochs") {
      if (v.vram.value_or(0)) p.unum("vgamem", *v.vram * 1024);
    } else if (v.type == "virtio") {
      if (const std::string* blob = findAttr(v.modelRest, "blob")) p.optBool("blob", parseSwitch(*blob));
    }
    if (const xml::Element* res = findChild(v.modelRest, "resolution")) {
      p.unum("xres", parseNumber(res->attrOr("x", "0"), "resolution x"));
      p.unum("yres", parseNumber(res->attrOr("y", "0"), "resolution y"));
    }
    addAddressProps(p, st, v.info);
    st.device(p);
  }
}

}  // namespace vireo::qemu::cmd
