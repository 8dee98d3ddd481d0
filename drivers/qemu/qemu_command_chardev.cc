// Character devices: the -chardev backend of serial ports, parallel ports,
// channels and consoles, and the -device each is seen through.
#include "drivers/qemu/qemu_command_internal.h"

namespace vireo::qemu::cmd {

namespace {

const xml::Element* primarySource(const conf::ChrDef& chr) {
  return chr.sources.empty() ? nullptr : &chr.sources[0];
}

std::string sourceAttr(const conf::ChrDef& chr, std::string_view name) {
  const xml::Element* s = primarySource(chr);
  return s ? s->attrOr(name) : std::string();
}

std::string requiredPath(const conf::ChrDef& chr) {
  std::string path = sourceAttr(chr, "path");
  if (path.empty()) internalError("character device '" + chr.kind + "' of type '" + chr.type + "' has no path");
  return escapeComma(path);
}

std::string reconnectOption(const conf::ChrDef& chr) {
  const xml::Element* s = primarySource(chr);
  const xml::Element* rc = s ? s->child("reconnect") : nullptr;
  if (!rc) return {};
  if (rc->attrOr("enabled") == "yes") return ",reconnect=" + rc->attrOr("timeout", "0");
  if (rc->attrOr("enabled") == "no") return ",reconnect=0";
  return {};
}

// Server sockets do not wait for a client before the guest starts.
std::string listenOption(const conf::ChrDef& chr) {
  return sourceAttr(chr, "mode") == "bind" ? ",server=on,wait=off" : std::string();
}

// A UDP chardev has a remote end (mode='connect') and a local one
// (mode='bind', port 0 = any).
std::string udpArg(const conf::ChrDef& chr, const std::string& charAlias) {
  std::string connectHost, connectService, bindHost, bindService = "0";
  for (const auto& s : chr.sources) {
    if (s.attrOr("mode", "connect") == "bind") {
      bindHost = s.attrOr("host");
      if (s.hasAttr("service")) bindService = s.attrOr("service");
    } else {
      connectHost = s.attrOr("host");
      connectService = s.attrOr("service");
    }
  }
  return "udp,id=" + charAlias + ",host=" + connectHost + ",port=" + connectService + ",localaddr=" + bindHost +
         ",localport=" + bindService;
}

}  // namespace

std::string chardevArg(const conf::ChrDef& chr, const std::string& charAlias) {
  const std::string& t = chr.type;
  std::string s;
  if (t == "null" || t == "vc" || t == "pty" || t == "stdio") {
    s = t + ",id=" + charAlias;
  } else if (t == "dev") {
    bool parallel = charAlias.rfind("charparallel", 0) == 0;
    s = std::string(parallel ? "parallel" : "serial") + ",id=" + charAlias + ",path=" + requiredPath(chr);
  } else if (t == "file") {
    // libvirt 9.0 opens the file itself and passes it with -add-fd; the
    // context has no descriptor for it, so QEMU opens the path.
    s = "file,id=" + charAlias + ",path=" + requiredPath(chr);
    if (auto append = parseSwitch(sourceAttr(chr, "append"))) s += std::string(",append=") + (*append ? "on" : "off");
  } else if (t == "pipe") {
    s = "pipe,id=" + charAlias + ",path=" + requiredPath(chr);
  } else if (t == "udp") {
    s = udpArg(chr, charAlias);
  } else if (t == "tcp") {
    if (!sourceAttr(chr, "tls").empty() && sourceAttr(chr, "tls") != "no")
      unsupported("TLS for TCP character devices is not supported");
    s = "socket,id=" + charAlias + ",host=" + sourceAttr(chr, "host") + ",port=" + sourceAttr(chr, "service");
    const xml::Element* proto = findChild(chr.rest, "protocol");
    if (proto && proto->attrOr("type") == "telnet") s += ",telnet=on";
    s += listenOption(chr) + reconnectOption(chr);
  } else if (t == "unix") {
    s = "socket,id=" + charAlias + ",path=" + requiredPath(chr) + listenOption(chr) + reconnectOption(chr);
  } else {
    unsupported("unsupported chardev '" + t + "'");
  }
  if (const xml::Element* log = findChild(chr.rest, "log")) {
    s += ",logfile=" + escapeComma(log->attrOr("file"));
    if (auto append = parseSwitch(log->attrOr("append"))) s += std::string(",logappend=") + (*append ? "on" : "off");
  }
  return s;
}

namespace {

// The device model of a serial port, from <target type><model name>.
std::string serialModel(const conf::ChrDef& chr) {
  if (!chr.targetModel.empty()) return chr.targetModel;
  if (chr.targetType == "isa-serial") return "isa-serial";
  if (chr.targetType == "usb-serial") return "usb-serial";
  if (chr.targetType == "pci-serial") return "pci-serial";
  if (chr.targetType == "isa-debug") return "isa-debugcon";
  return {};
}

}  // namespace

JsonArgWriter serialDeviceArgs(const BuildState& st, const conf::ChrDef& chr, const std::string& alias) {
  std::string model = serialModel(chr);
  if (model != "isa-serial" && model != "usb-serial" && model != "pci-serial" && model != "isa-debugcon")
    unsupported("serial target model '" + model + "' is not supported");
  JsonArgWriter p;
  p.str("driver", model).str("chardev", "char" + alias).str("id", alias);
  if (model == "isa-serial" && chr.targetPort) p.unum("index", *chr.targetPort);
  addAddressProps(p, st, chr.info);
  return p;
}

void buildSerials(BuildState& st) {
  const auto& serials = st.def.serials;
  for (std::size_t i = 0; i < serials.size(); ++i) {
    const conf::ChrDef& chr = serials[i];
    std::string alias = aliasOr(chr.info, "serial" + std::to_string(i));
    st.arg("-chardev", chardevArg(chr, "char" + alias));
    if (chr.targetType.empty()) {
      // Without a target type QEMU gets a platform serial port.
      st.arg("-serial", "chardev:char" + alias);
      continue;
    }
    st.device(serialDeviceArgs(st, chr, alias));
  }
}

void buildParallels(BuildState& st) {
  const auto& list = st.def.parallels;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string alias = aliasOr(list[i].info, "parallel" + std::to_string(i));
    st.arg("-chardev", chardevArg(list[i], "char" + alias));
    JsonArgWriter p;
    p.str("driver", "isa-parallel").str("chardev", "char" + alias).str("id", alias);
    st.device(p);
  }
}

namespace {

JsonArgWriter virtioSerialPortProps(const BuildState& st, const conf::ChrDef& chr, const std::string& alias,
                                    bool console) {
  const std::string& type = chr.info.address.type;
  if (!type.empty() && type != "virtio-serial") internalError("virtio serial device has invalid address type");
  JsonArgWriter p;
  p.str("driver", console ? "virtconsole" : "virtserialport");
  addAddressProps(p, st, chr.info);
  p.str("chardev", "char" + alias).str("id", alias);
  if (!console) p.strIf("name", chr.targetName);
  return p;
}

}  // namespace

JsonArgWriter channelDeviceArgs(const BuildState& st, const conf::ChrDef& chr, const std::string& alias) {
  if (chr.targetType != "virtio") unsupported("channel target type '" + chr.targetType + "' is not supported");
  return virtioSerialPortProps(st, chr, alias, false);
}

void buildChannels(BuildState& st) {
  const auto& list = st.def.channels;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const conf::ChrDef& chr = list[i];
    if (chr.targetType != "virtio")
      unsupported("channel target type '" + chr.targetType + "' is not supported");
    std::string alias = aliasOr(chr.info, "channel" + std::to_string(i));
    st.arg("-chardev", chardevArg(chr, "char" + alias));
    st.device(channelDeviceArgs(st, chr, alias));
  }
}

// Consoles other than the serial one are virtio consoles on a
// virtio-serial bus, numbered among the consoles.
void buildConsoles(BuildState& st) {
  const auto& list = st.def.consoles;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const conf::ChrDef& chr = list[i];
    // A serial console is the first serial port, already on the command line.
    if (chr.targetType == "serial") continue;
    if (chr.targetType != "virtio")
      unsupported("unsupported console target type " + (chr.targetType.empty() ? "none" : chr.targetType));
    std::string alias = aliasOr(chr.info, "console" + std::to_string(i));
    st.arg("-chardev", chardevArg(chr, "char" + alias));
    st.device(virtioSerialPortProps(st, chr, alias, true));
  }
}

}  // namespace vireo::qemu::cmd
