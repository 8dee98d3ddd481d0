// Character device hotplug: the backend (chardev-add, with QMP's
// ChardevBackend for the source) and the device that the guest sees
// (virtserialport for a virtio channel, usb-serial or pci-serial for a
// serial port).
#include "drivers/qemu/qemu_hotplug_internal.h"
#include "drivers/qemu/qemu_security.h"
#include "lib/util/error.h"

namespace vireo::qemu::hotplug {

namespace {

[[noreturn]] void cannotPlug(const std::string& what) {
  fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU, what);
}

const xml::Element* primarySource(const conf::ChrDef& chr) { return chr.sources.empty() ? nullptr : &chr.sources[0]; }

std::string sourceAttr(const conf::ChrDef& chr, std::string_view name) {
  const xml::Element* s = primarySource(chr);
  return s ? s->attrOr(name) : std::string();
}

std::string requiredPath(const conf::ChrDef& chr) {
  std::string path = sourceAttr(chr, "path");
  if (path.empty())
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "Missing source path attribute for char device");
  return path;
}

json::Value inetAddress(const std::string& host, const std::string& port) {
  return json::Value::object({{"type", "inet"}, {"data", json::Value::object({{"host", host}, {"port", port}})}});
}

// A UNIX or TCP socket: QEMU listens (mode='bind', without waiting for a
// client) or connects, reconnecting when <reconnect> asks for it.
json::Value socketBackend(const conf::ChrDef& chr, json::Value addr) {
  json::Value data = json::Value::object({{"addr", std::move(addr)}});
  if (chr.type == "tcp") {
    const xml::Element* proto = cmd::findChild(chr.rest, "protocol");
    data.set("telnet", proto && proto->attrOr("type") == "telnet");
  }
  bool listen = sourceAttr(chr, "mode") == "bind";
  data.set("server", listen);
  if (listen) data.set("wait", false);
  const xml::Element* s = primarySource(chr);
  if (const xml::Element* rc = s ? s->child("reconnect") : nullptr; rc && rc->attrOr("enabled") == "yes")
    data.set("reconnect", static_cast<long long>(cmd::parseNumber(rc->attrOr("timeout", "0"), "reconnect timeout")));
  return data;
}

}  // namespace

json::Value chardevBackend(const conf::ChrDef& chr) {
  const std::string& t = chr.type;
  std::string type;
  json::Value data = json::Value::object();
  if (t == "null" || t == "pty") {
    type = t;
  } else if (t == "file") {
    type = "file";
    data.set("out", requiredPath(chr));
    if (auto append = cmd::parseSwitch(sourceAttr(chr, "append"))) data.set("append", *append);
  } else if (t == "pipe") {
    type = "pipe";
    data.set("device", requiredPath(chr));
  } else if (t == "dev") {
    type = chr.kind == "parallel" ? "parallel" : "serial";
    data.set("device", requiredPath(chr));
  } else if (t == "unix") {
    type = "socket";
    data = socketBackend(chr, json::Value::object({{"type", "unix"},
                                                   {"data", json::Value::object({{"path", requiredPath(chr)}})}}));
  } else if (t == "tcp") {
    if (!sourceAttr(chr, "tls").empty() && sourceAttr(chr, "tls") != "no")
      cmd::unsupported("TLS for TCP character devices is not supported");
    type = "socket";
    data = socketBackend(chr, inetAddress(sourceAttr(chr, "host"), sourceAttr(chr, "service")));
  } else if (t == "udp") {
    type = "udp";
    std::string host, port, localHost, localPort = "0";
    for (const auto& s : chr.sources) {
      if (s.attrOr("mode", "connect") == "bind") {
        localHost = s.attrOr("host");
        if (s.hasAttr("service")) localPort = s.attrOr("service");
      } else {
        host = s.attrOr("host");
        port = s.attrOr("service");
      }
    }
    data.set("remote", inetAddress(host, port));
    data.set("local", inetAddress(localHost, localPort));
  } else {
    cmd::unsupported("unsupported chardev '" + t + "'");
  }
  if (const xml::Element* log = cmd::findChild(chr.rest, "log")) {
    data.set("logfile", log->attrOr("file"));
    if (auto append = cmd::parseSwitch(log->attrOr("append"))) data.set("logappend", *append);
  }
  return json::Value::object({{"type", type}, {"data", std::move(data)}});
}

void checkChrAttach(const conf::ChrDef& chr) {
  if (chr.kind == "console") {
    if (chr.targetType == "serial" || chr.targetType.empty())
      cannotPlug("attaching serial console is not supported");
    cannotPlug("live attach of a " + chr.targetType + " console is not supported");
  }
  if (chr.kind == "parallel") cannotPlug("live attach of a parallel port is not supported");
  if (chr.kind == "serial" && chr.targetType != "usb-serial" && chr.targetType != "pci-serial")
    cannotPlug("serial port with target type '" + (chr.targetType.empty() ? std::string("none") : chr.targetType) +
               "' cannot be hotplugged");
  if (chr.kind == "channel" && chr.targetType != "virtio")
    cannotPlug("live attach of a channel with target type '" + chr.targetType + "' is not supported");
}

void plugChr(AttachTarget& t, conf::ChrDef& chr) {
  const std::string& alias = chr.info.alias;
  std::string charId = "char" + alias;
  // Both objects are built first: what cannot be expressed fails before
  // QEMU is asked anything.
  json::Value backend = chardevBackend(chr);
  cmd::JsonArgWriter device =
      chr.kind == "channel" ? cmd::channelDeviceArgs(t.st, chr, alias) : cmd::serialDeviceArgs(t.st, chr, alias);

  DevNodes nodes(t.driver, t.dom, hostDevicePaths(chr));
  DeviceLabels labels(t.driver, t.dom, chr);  // (after the node exists in a private /dev)
  bool added = false;
  try {
    json::Value reply = t.mon.execute("chardev-add", json::Value::object({{"id", charId}, {"backend", backend}}));
    added = true;
    // A pty's path is QEMU's choice; the live XML shows it.
    if (const json::Value* pty = reply.find("pty"); pty && pty->isString() && chr.type == "pty") {
      if (chr.sources.empty()) chr.sources.push_back(xml::Element::make("source"));
      chr.sources.front().setAttr("path", pty->asString());
    }
    t.mon.execute("device_add", toJson(device));
  } catch (...) {
    if (added) runQuietly(t.mon, "chardev-remove", json::Value::object({{"id", charId}}));
    throw;
  }
  nodes.keep();
  labels.keep();
}

void unplugChrBackend(QmpMonitor& mon, const conf::ChrDef& chr) {
  runQuietly(mon, "chardev-remove", json::Value::object({{"id", "char" + chr.info.alias}}));
}

}  // namespace vireo::qemu::hotplug
