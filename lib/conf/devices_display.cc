// <graphics>, <video> and <input>: what a user sees and types on.
#include "lib/conf/devices.h"
#include "lib/conf/units.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const std::vector<std::string_view> kGraphicsAttrOrder = {
    "type", "display", "xauth", "fullscreen", "p2p", "port", "socket", "tlsPort", "autoport",
    "websocket", "listen", "defaultMode", "keymap", "sharePolicy", "passwd", "passwdValidTo",
    "connected", "multiUser", "replaceUser", "reuseConnection"};
const std::vector<std::string_view> kGraphicsOrder = {
    "audio", "listen", "channel", "image", "jpeg", "zlib", "playback", "streaming", "mouse",
    "clipboard", "filetransfer", "gl", "rendernode"};
const std::vector<std::string_view> kVideoOrder = {"driver", "model", "*", "boot", "alias",
                                                   "master", "acpi", "rom", "address"};
const std::vector<std::string_view> kInputOrder = {"driver", "source", "*", "boot", "alias",
                                                   "master", "acpi", "rom", "address"};

[[noreturn]] void xmlError(const std::string& msg) { fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, msg); }

std::optional<unsigned long long> optNumber(NodeReader& r, const char* name) {
  auto v = r.attr(name);
  if (!v) return std::nullopt;
  try {
    std::size_t used = 0;
    unsigned long long n = std::stoull(*v, &used, 10);
    if (used != v->size() || (*v)[0] == '-') throw 0;
    return n;
  } catch (...) {
    xmlError(std::string("Invalid value for attribute '") + name + "' in element 'model': '" + *v + "'.");
  }
}

}  // namespace

// ---- graphics --------------------------------------------------------------

GraphicsDef parseGraphics(const xml::Element& e) {
  NodeReader r(e);
  GraphicsDef g;
  g.type = r.attrOr("type");
  if (g.type.empty()) xmlError("missing graphics device type");
  g.port = r.attrOr("port");
  g.autoport = r.attrOr("autoport");
  g.tlsPort = r.attrOr("tlsPort");
  g.websocket = r.attrOr("websocket");
  g.socket = r.attrOr("socket");
  g.passwd = r.attrOr("passwd");
  g.listenAttr = r.attrOr("listen");
  for (const xml::Element* l : r.children("listen")) {
    std::string type = l->attrOr("type");
    if (type == "network" && !l->hasAttr("network"))
      xmlError("'network' attribute is required for listen type 'network'");
    g.listens.push_back(*l);
  }
  if (!g.listenAttr.empty() && !g.listens.empty() && g.listens[0].attrOr("type") == "address" &&
      g.listens[0].hasAttr("address") && g.listens[0].attrOr("address") != g.listenAttr)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
         "graphics 'listen' attribute '" + g.listenAttr +
             "' must match 'address' attribute of first listen element (found '" +
             g.listens[0].attrOr("address") + "')");

  bool vncLike = g.type == "vnc";
  if (vncLike) {
    if (g.port == "-1" || g.autoport == "yes") {
      g.port = "-1";
      g.autoport = "yes";
    } else if (g.port.empty() && g.socket.empty()) {
      g.port = "-1";
      g.autoport = "yes";
    } else if (g.autoport.empty() && g.socket.empty()) {
      g.autoport = "no";
    }
  }
  // Listens: the legacy attribute, a socket, or libvirt's default.
  if (g.listens.empty() && (g.type == "vnc" || g.type == "spice" || g.type == "rdp")) {
    xml::Element l = xml::Element::make("listen");
    if (!g.socket.empty()) {
      l.setAttr("type", "socket");
      l.setAttr("socket", g.socket);
    } else if (!g.listenAttr.empty()) {
      l.setAttr("type", "address");
      l.setAttr("address", g.listenAttr);
    } else if (g.type == "spice" && g.port.empty() && g.tlsPort.empty() && g.autoport != "yes") {
      l.setAttr("type", "none");
    } else {
      l.setAttr("type", "address");
    }
    g.listens.push_back(std::move(l));
  } else if (!g.listens.empty() && g.listenAttr.empty() && g.listens[0].attrOr("type") == "address") {
    g.listenAttr = g.listens[0].attrOr("address");
  }
  if (g.type == "spice" && g.autoport == "no" && g.port.empty() && g.tlsPort.empty()) g.autoport.clear();
  g.rest = r.rest();
  return g;
}

xml::Element formatGraphics(const GraphicsDef& g, bool secure) {
  xml::Element e = xml::Element::make("graphics");
  e.setAttr("type", g.type);
  setAttrIf(e, "socket", g.socket);
  setAttrIf(e, "port", g.port);
  setAttrIf(e, "tlsPort", g.tlsPort);
  setAttrIf(e, "autoport", g.autoport);
  setAttrIf(e, "websocket", g.websocket);
  setAttrIf(e, "listen", g.listenAttr);
  if (secure) setAttrIf(e, "passwd", g.passwd);
  for (const auto& l : g.listens) e.children.push_back(l);
  appendUnparsed(e, g.rest);
  orderAttrs(e, kGraphicsAttrOrder);
  orderChildren(e, kGraphicsOrder);
  return e;
}

// ---- video -----------------------------------------------------------------

VideoDef parseVideo(const xml::Element& e) {
  NodeReader r(e);
  VideoDef v;
  if (const xml::Element* m = r.child("model")) {
    NodeReader mr(*m);
    v.hasModel = true;
    v.type = mr.attrOr("type");
    v.ram = optNumber(mr, "ram");
    v.vram = optNumber(mr, "vram");
    v.vram64 = optNumber(mr, "vram64");
    v.vgamem = optNumber(mr, "vgamem");
    if (auto h = optNumber(mr, "heads")) v.heads = static_cast<unsigned>(*h);
    v.primary = mr.attrOr("primary") == "yes";
    v.modelRest = mr.rest();
  }
  v.info = parseDeviceInfo(r);
  v.rest = r.rest();
  return v;
}

xml::Element formatVideo(const VideoDef& v) {
  xml::Element e = xml::Element::make("video");
  auto& m = addChild(e, "model");
  m.setAttr("type", v.type);
  if (v.ram) m.setAttr("ram", std::to_string(*v.ram));
  if (v.vram) m.setAttr("vram", std::to_string(*v.vram));
  if (v.vram64) m.setAttr("vram64", std::to_string(*v.vram64));
  if (v.vgamem) m.setAttr("vgamem", std::to_string(*v.vgamem));
  if (v.heads) m.setAttr("heads", std::to_string(*v.heads));
  if (v.primary) m.setAttr("primary", "yes");
  appendUnparsed(m, v.modelRest);
  orderAttrs(m, {"type", "ram", "vram", "vram64", "vgamem", "heads", "primary", "blob"});
  formatDeviceInfo(e, v.info);
  appendUnparsed(e, v.rest);
  orderChildren(e, kVideoOrder);
  return e;
}

// ---- input -----------------------------------------------------------------

InputDef parseInput(const xml::Element& e) {
  NodeReader r(e);
  InputDef i;
  i.type = r.attrOr("type");
  i.bus = r.attrOr("bus");
  i.model = r.attrOr("model");
  i.info = parseDeviceInfo(r);
  i.rest = r.rest();
  return i;
}

xml::Element formatInput(const InputDef& i) {
  xml::Element e = xml::Element::make("input");
  e.setAttr("type", i.type);
  setAttrIf(e, "bus", i.bus);
  setAttrIf(e, "model", i.model);
  formatDeviceInfo(e, i.info);
  appendUnparsed(e, i.rest);
  orderChildren(e, kInputOrder);
  return e;
}

}  // namespace vireo::conf
