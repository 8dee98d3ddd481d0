// <serial>, <parallel>, <console>, <channel>: character devices.
#include <algorithm>

#include "lib/conf/devices.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const NameOrder kChrOrder = {"source", "protocol", "log", "target", "*", "boot",
                             "alias", "master", "acpi", "rom", "address"};

[[noreturn]] void chrError(virErrorNumber code, const std::string& msg) { fail(code, VIR_FROM_DOMAIN, msg); }

// A <source mode=''> as libvirt reads it: connect unless it says bind.
bool isBindMode(const xml::Element& source) {
  const std::string* mode = source.attr("mode");
  if (!mode || *mode == "connect") return false;
  if (*mode == "bind") return true;
  chrError(VIR_ERR_XML_ERROR, "Invalid value for attribute 'mode' in element 'source': '" + *mode + "'.");
}

// The first value of `attr` among the sources, as libvirt keeps the first one it reads.
std::string firstAttr(const std::vector<const xml::Element*>& sources, std::string_view attr) {
  for (const xml::Element* s : sources)
    if (const std::string* v = s->attr(attr)) return *v;
  return {};
}

// A new <source> with the attributes `names` of `from` that are set, in that order.
xml::Element sourceWith(const xml::Element* from, std::initializer_list<std::string_view> names) {
  xml::Element out = xml::Element::make("source");
  if (!from) return out;
  for (std::string_view n : names)
    if (const std::string* v = from->attr(n)) out.setAttr(n, *v);
  return out;
}

// Keeps the child elements of `from` named in `names` (a socket's <reconnect>, a <seclabel>).
void copyChildren(xml::Element& to, const xml::Element& from, std::initializer_list<std::string_view> names) {
  for (const auto& c : from.children)
    if (c.isElement() && std::find(names.begin(), names.end(), c.name) != names.end()) to.addChild(c);
}

void requireAttr(const std::string& value, const char* what, virErrorNumber code = VIR_ERR_INTERNAL_ERROR) {
  if (value.empty()) chrError(code, std::string("Missing source ") + what + " attribute for char device");
}

// libvirt accepts <reconnect> on a connecting socket only.
void checkReconnect(const xml::Element& source, bool bind) {
  if (bind && source.child("reconnect"))
    chrError(VIR_ERR_INTERNAL_ERROR, "chardev reconnect is possible only for connect mode");
}

std::vector<xml::Element> udpBackend(const std::vector<const xml::Element*>& sources) {
  // Each source fills the bind or the connect side; the first value given wins.
  std::vector<const xml::Element*> binds, connects;
  for (const xml::Element* s : sources) (isBindMode(*s) ? binds : connects).push_back(s);
  std::vector<xml::Element> out;
  auto side = [&](const std::vector<const xml::Element*>& list, const char* mode) {
    std::string host = firstAttr(list, "host"), service = firstAttr(list, "service");
    if (host.empty() && service.empty()) return;
    xml::Element s = xml::Element::make("source");
    s.setAttr("mode", mode);
    setAttrIf(s, "host", host);
    setAttrIf(s, "service", service);
    out.push_back(std::move(s));
  };
  requireAttr(firstAttr(connects, "service"), "service");
  side(binds, "bind");
  side(connects, "connect");
  return out;
}

}  // namespace

std::vector<xml::Element> parseChrBackend(const std::string& type,
                                          const std::vector<const xml::Element*>& sources,
                                          const xml::Element* protocol, bool pathOptional) {
  const xml::Element* src = sources.empty() ? nullptr : sources[0];
  std::vector<xml::Element> out;
  if (type == "file" || type == "pty" || type == "dev" || type == "pipe") {
    if (type != "pty") requireAttr(src ? src->attrOr("path") : "", "path");
    if (!src || !src->hasAttr("path")) return out;
    out.push_back(type == "file" ? sourceWith(src, {"path", "append"}) : sourceWith(src, {"path"}));
    copyChildren(out.back(), *src, {"seclabel"});
  } else if (type == "unix") {
    bool bind = src && isBindMode(*src);
    if (!src || !src->hasAttr("path")) {
      if (!pathOptional) requireAttr("", "path");
      return out;
    }
    checkReconnect(*src, bind);
    xml::Element s = sourceWith(src, {"path"});
    s.attrs.insert(s.attrs.begin(), {"mode", bind ? "bind" : "connect"});
    copyChildren(s, *src, {"reconnect", "seclabel"});
    out.push_back(std::move(s));
  } else if (type == "tcp") {
    bool bind = src && isBindMode(*src);
    requireAttr(src ? src->attrOr("host") : "", "host");
    requireAttr(src->attrOr("service"), "service");
    checkReconnect(*src, bind);
    xml::Element s = sourceWith(src, {"host", "service", "tls"});
    s.attrs.insert(s.attrs.begin(), {"mode", bind ? "bind" : "connect"});
    copyChildren(s, *src, {"reconnect"});
    out.push_back(std::move(s));
    // A TCP backend always says its wire protocol.
    xml::Element p = xml::Element::make("protocol");
    p.setAttr("type", protocol ? protocol->attrOr("type", "raw") : "raw");
    out.push_back(std::move(p));
  } else if (type == "udp") {
    out = udpBackend(sources);
  } else if (type == "spiceport" || type == "dbus") {
    requireAttr(src ? src->attrOr("channel") : "", "channel", VIR_ERR_CONFIG_UNSUPPORTED);
    out.push_back(sourceWith(src, {"channel"}));
  } else if (type == "nmdm") {
    if (!src || !src->hasAttr("master") || !src->hasAttr("slave"))
      chrError(VIR_ERR_INTERNAL_ERROR, "Should define both master and slave path attributes for nmdm device");
    out.push_back(sourceWith(src, {"master", "slave"}));
  } else if (type == "qemu-vdagent") {
    if (src) out.push_back(*src);
  }
  // null, vc, stdio, spicevmc: nothing to connect to, so no <source>.
  return out;
}

ChrDef parseChr(const xml::Element& e) {
  NodeReader r(e);
  ChrDef c;
  c.kind = e.name;
  c.type = r.attrOr("type", "null");
  std::vector<const xml::Element*> sources = r.children("source");
  if (c.type == "udp") {
    if (sources.size() > 2)
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "only two source elements are allowed for character device");
  } else if (sources.size() > 1) {
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "only one source element is allowed for character device");
  }
  // A channel's unix socket may leave its path to the hypervisor.
  std::vector<xml::Element> backend =
      parseChrBackend(c.type, sources, r.child("protocol"), c.kind == "channel");
  const xml::Element* protocol = nullptr;
  for (auto& b : backend) {
    if (b.name == "source") c.sources.push_back(std::move(b));
    else protocol = &b;
  }
  if (const xml::Element* t = r.child("target")) {
    NodeReader tr(*t);
    c.hasTarget = true;
    c.targetType = tr.attrOr("type");
    c.targetName = tr.attrOr("name");
    if (auto port = tr.attr("port")) {
      try {
        c.targetPort = static_cast<unsigned>(std::stoul(*port));
      } catch (...) {
        fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "Invalid port number: " + *port);
      }
    }
    if (const xml::Element* m = t->child("model")) {
      c.targetModel = m->attrOr("name");
      tr.child("model");
    }
    c.targetRest = tr.rest();
    // A virtio channel's state='connected' is the guest agent's live status:
    // libvirt reads it only from a running domain's status, never from a definition.
    std::erase_if(c.targetRest.attrs, [](const auto& a) { return a.first == "state"; });
  }
  c.info = parseDeviceInfo(r);
  c.rest = r.rest();
  // The wire protocol stays with the other backend details in `rest`, as libvirt formats it.
  std::erase_if(c.rest.children, [](const xml::Element& k) { return k.isElement() && k.name == "protocol"; });
  if (protocol) c.rest.children.insert(c.rest.children.begin(), *protocol);
  return c;
}

namespace {

enum ChrTag : int { kTarget };

const NameOrder kChrTargetAttrOrder = {"type", "name", "state", "address", "port"};

void writeChrTarget(xml::Writer& w, const ChrDef& c) {
  AttrList attrs;
  attrs.addIf("type", c.targetType);
  attrs.addIf("name", c.targetName);
  if (c.targetPort) attrs.addNumber("port", *c.targetPort);
  attrs.addPreserved(c.targetRest.attrs);
  attrs.sort(kChrTargetAttrOrder);
  w.open("target");
  attrs.writeTo(w);
  for (const auto& child : c.targetRest.children) w.element(child);
  if (!c.targetModel.empty()) w.open("model").attr("name", c.targetModel).close();
  w.close();
}

}  // namespace

void writeChr(xml::Writer& w, const ChrDef& c, bool live) {
  AttrList attrs;
  attrs.add("type", c.type);
  attrs.addPreserved(c.rest.attrs);
  ChildList kids(kChrOrder);
  // A pty's path exists only while the domain runs, so only the live XML
  // shows the <source> that holds it.
  for (const auto& s : c.sources) {
    if (!live && c.type == "pty" && s.name == "source") continue;
    kids.addPreserved(s);
  }
  if (c.hasTarget || c.targetPort || !c.targetType.empty()) kids.addTyped("target", kTarget);
  addDeviceInfo(kids, c.info);
  kids.addPreserved(c.rest.children);

  w.open(c.kind);
  attrs.writeTo(w);
  kids.writeTo(w, [&](xml::Writer& out, int tag) {
    if (!writeDeviceInfoChild(out, tag, c.info)) writeChrTarget(out, c);
  });
  w.close();
}

}  // namespace vireo::conf
