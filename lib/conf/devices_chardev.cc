// <serial>, <parallel>, <console>, <channel>: character devices.
#include "lib/conf/devices.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const NameOrder kChrOrder = {"source", "log", "protocol", "target", "*", "boot",
                                                 "alias", "master", "acpi", "rom", "address"};

// Source types whose <source> carries a path or endpoint libvirt requires.
bool needsPath(const std::string& type) {
  return type == "dev" || type == "file" || type == "pipe" || type == "unix";
}

}  // namespace

ChrDef parseChr(const xml::Element& e) {
  NodeReader r(e);
  ChrDef c;
  c.kind = e.name;
  c.type = r.attrOr("type", "null");
  for (const xml::Element* s : r.children("source")) c.sources.push_back(*s);
  if (c.type == "udp") {
    if (c.sources.size() > 2)
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "only two source elements are allowed for character device");
  } else if (c.sources.size() > 1) {
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "only one source element is allowed for character device");
  }
  if (needsPath(c.type)) {
    bool hasPath = !c.sources.empty() && c.sources[0].hasAttr("path");
    // A unix socket without a path is fine in server mode only when
    // libvirt may generate one (channels); everything else needs it.
    if (!hasPath && !(c.type == "unix" && c.kind == "channel"))
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "Missing source path attribute for char device");
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
  }
  c.info = parseDeviceInfo(r);
  c.rest = r.rest();
  return c;
}

namespace {

enum ChrTag : int { kTarget };

const NameOrder kChrTargetAttrOrder = {"type", "name", "state", "port"};

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
    if (!live && c.type == "pty" && s.attrs.size() == 1 && s.hasAttr("path")) continue;
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
