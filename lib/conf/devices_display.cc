// <graphics>, <video> and <input>: what a user sees and types on.
#include "lib/conf/devices.h"
#include "lib/conf/units.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const NameOrder kGraphicsAttrOrder = {
    "type", "display", "xauth", "fullscreen", "p2p", "port", "socket", "tlsPort", "autoport",
    "websocket", "listen", "defaultMode", "keymap", "sharePolicy", "passwd", "passwdValidTo",
    "connected", "multiUser", "replaceUser", "reuseConnection"};
const NameOrder kGraphicsOrder = {
    "audio", "listen", "channel", "image", "jpeg", "zlib", "playback", "streaming", "mouse",
    "clipboard", "filetransfer", "gl", "rendernode"};
const NameOrder kVideoOrder = {"driver", "model", "*", "boot", "alias",
                                                   "master", "acpi", "rom", "address"};
const NameOrder kInputOrder = {"driver", "source", "*", "boot", "alias",
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

// VNC serves one listen at a time, the first: the socket='' attribute turns
// an address or network listen into a socket listen, and only an address or
// network listen has a port, a websocket or a listen='' address.
void applyVncListen(GraphicsDef& g) {
  if (g.listens.empty()) return;
  xml::Element& first = g.listens[0];
  std::string type = first.attrOr("type");
  if (!g.socket.empty() && (type == "address" || type == "network")) {
    first = xml::Element::make("listen");
    first.setAttr("type", "socket");
    first.setAttr("socket", g.socket);
    type = "socket";
  }
  if (type != "socket" && type != "none") return;
  g.socket = type == "socket" ? first.attrOr("socket") : "";
  g.port.clear();
  g.autoport.clear();
  g.websocket.clear();
  g.listenAttr.clear();
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
  if (g.type == "vnc") applyVncListen(g);
  if (g.type == "spice" && g.autoport == "no" && g.port.empty() && g.tlsPort.empty()) g.autoport.clear();
  g.rest = r.rest();
  return g;
}

void writeGraphics(xml::Writer& w, const GraphicsDef& g, bool secure) {
  AttrList attrs;
  attrs.add("type", g.type);
  attrs.addIf("socket", g.socket);
  attrs.addIf("port", g.port);
  attrs.addIf("tlsPort", g.tlsPort);
  attrs.addIf("autoport", g.autoport);
  attrs.addIf("websocket", g.websocket);
  attrs.addIf("listen", g.listenAttr);
  if (secure) attrs.addIf("passwd", g.passwd);
  attrs.addPreserved(g.rest.attrs);
  attrs.sort(kGraphicsAttrOrder);
  ChildList kids(kGraphicsOrder);
  for (const auto& l : g.listens) kids.addPreserved(l);
  kids.addPreserved(g.rest.children);

  w.open("graphics");
  attrs.writeTo(w);
  kids.writeTo(w, [](xml::Writer&, int) {});  // all children are preserved ones
  w.close();
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

namespace {

enum VideoTag : int { kModel };

const NameOrder kVideoModelAttrOrder = {"type", "ram", "vram", "vram64", "vgamem", "heads",
                                                            "primary", "blob"};

void writeVideoModel(xml::Writer& w, const VideoDef& v) {
  AttrList attrs;
  attrs.add("type", v.type);
  if (v.ram) attrs.addNumber("ram", *v.ram);
  if (v.vram) attrs.addNumber("vram", *v.vram);
  if (v.vram64) attrs.addNumber("vram64", *v.vram64);
  if (v.vgamem) attrs.addNumber("vgamem", *v.vgamem);
  if (v.heads) attrs.addNumber("heads", *v.heads);
  if (v.primary) attrs.add("primary", "yes");
  writeWithRest(w, "model", attrs, v.modelRest, &kVideoModelAttrOrder);
}

}  // namespace

void writeVideo(xml::Writer& w, const VideoDef& v) {
  AttrList attrs;
  attrs.addPreserved(v.rest.attrs);
  ChildList kids(kVideoOrder);
  kids.addTyped("model", kModel);
  addDeviceInfo(kids, v.info);
  kids.addPreserved(v.rest.children);

  w.open("video");
  attrs.writeTo(w);
  kids.writeTo(w, [&](xml::Writer& out, int tag) {
    if (!writeDeviceInfoChild(out, tag, v.info)) writeVideoModel(out, v);
  });
  w.close();
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

void writeInput(xml::Writer& w, const InputDef& i) {
  AttrList attrs;
  attrs.add("type", i.type);
  attrs.addIf("bus", i.bus);
  attrs.addIf("model", i.model);
  attrs.addPreserved(i.rest.attrs);
  ChildList kids(kInputOrder);
  addDeviceInfo(kids, i.info);
  kids.addPreserved(i.rest.children);

  w.open("input");
  attrs.writeTo(w);
  kids.writeTo(w, [&](xml::Writer& out, int tag) { writeDeviceInfoChild(out, tag, i.info); });
  w.close();
}

}  // namespace vireo::conf
