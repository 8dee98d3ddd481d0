// <disk>: storage devices.
#include "lib/conf/devices.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const std::vector<std::string_view> kDiskOrder = {
    "driver", "auth", "source", "backingStore", "backenddomain", "geometry", "blockio", "mirror",
    "target", "iotune", "readonly", "shareable", "transient", "serial", "wwn", "vendor", "product",
    "encryption", "*", "boot", "alias", "master", "acpi", "rom", "address"};

const std::vector<std::string_view> kDiskAttrOrder = {"type", "device", "model", "rawio", "sgio",
                                                      "snapshot"};

const std::vector<std::string_view> kDriverAttrOrder = {
    "name", "type", "cache", "error_policy", "rerror_policy", "io", "ioeventfd", "event_idx",
    "copy_on_read", "discard", "iommu", "ats", "packed", "page_per_vq", "iothread",
    "detect_zeroes", "queues", "queue_size"};

const std::vector<std::string_view> kSourceAttrOrder = {
    "file", "dev", "dir", "protocol", "pool", "volume", "mode", "name", "query", "tls",
    "tlsHostname", "type", "path", "namespace", "managed", "index", "startupPolicy"};

// libvirt's bus default from the target name's prefix.
std::string defaultBus(const std::string& device, const std::string& dev) {
  if (device == "floppy") return "fdc";
  auto starts = [&](const char* p) { return dev.rfind(p, 0) == 0; };
  if (starts("hd")) return "ide";
  if (starts("sd")) return "scsi";
  if (starts("vd")) return "virtio";
  if (starts("xvd")) return "xen";
  if (starts("ub")) return "usb";
  return "ide";
}

}  // namespace

DiskDef parseDisk(const xml::Element& e) {
  NodeReader r(e);
  DiskDef d;
  d.type = r.attrOr("type", "file");
  d.device = r.attrOr("device", "disk");
  d.snapshot = r.attrOr("snapshot");
  if (const xml::Element* drv = r.child("driver")) {
    NodeReader dr(*drv);
    d.hasDriver = true;
    d.driverName = dr.attrOr("name");
    d.driverType = dr.attrOr("type");
    d.driverCache = dr.attrOr("cache");
    d.driverIo = dr.attrOr("io");
    d.driverRest = dr.rest();
  }
  if (const xml::Element* src = r.child("source")) {
    NodeReader sr(*src);
    d.source.present = true;
    d.source.file = sr.attrOr("file");
    d.source.dev = sr.attrOr("dev");
    d.source.dir = sr.attrOr("dir");
    d.source.protocol = sr.attrOr("protocol");
    d.source.name = sr.attrOr("name");
    d.source.pool = sr.attrOr("pool");
    d.source.volume = sr.attrOr("volume");
    d.source.mode = sr.attrOr("mode");
    for (const xml::Element* h : sr.children("host"))
      d.source.hosts.push_back(
          {h->attrOr("name"), h->attrOr("port"), h->attrOr("transport"), h->attrOr("socket")});
    d.source.rest = sr.rest();
  }
  if (const xml::Element* tgt = r.child("target")) {
    NodeReader tr(*tgt);
    d.targetDev = tr.attrOr("dev");
    d.targetBus = tr.attrOr("bus");
    d.targetRest = tr.rest();
  }
  if (d.targetDev.empty()) {
    std::string what = d.source.file + d.source.dev + d.source.dir;
    if (what.empty()) what = d.source.name;
    fail(VIR_ERR_NO_TARGET, VIR_FROM_DOMAIN, what);
  }
  if (d.targetBus.empty()) d.targetBus = defaultBus(d.device, d.targetDev);
  d.readonly = r.flag("readonly");
  d.shareable = r.flag("shareable");
  d.serial = r.childText("serial").value_or("");
  d.wwn = r.childText("wwn").value_or("");
  d.vendor = r.childText("vendor").value_or("");
  d.product = r.childText("product").value_or("");
  d.info = parseDeviceInfo(r);
  d.rest = r.rest();
  return d;
}

xml::Element formatDisk(const DiskDef& d) {
  xml::Element e = xml::Element::make("disk");
  e.setAttr("type", d.type);
  e.setAttr("device", d.device);
  setAttrIf(e, "snapshot", d.snapshot);
  if (d.hasDriver) {
    auto& drv = addChild(e, "driver");
    setAttrIf(drv, "name", d.driverName);
    setAttrIf(drv, "type", d.driverType);
    setAttrIf(drv, "cache", d.driverCache);
    setAttrIf(drv, "io", d.driverIo);
    appendUnparsed(drv, d.driverRest);
    orderAttrs(drv, kDriverAttrOrder);
    // libvirt writes <driver> only when it says something.
    if (drv.attrs.empty() && drv.children.empty()) e.children.pop_back();
  }
  if (d.source.present) {
    auto& src = addChild(e, "source");
    setAttrIf(src, "file", d.source.file);
    setAttrIf(src, "dev", d.source.dev);
    setAttrIf(src, "dir", d.source.dir);
    setAttrIf(src, "protocol", d.source.protocol);
    setAttrIf(src, "pool", d.source.pool);
    setAttrIf(src, "volume", d.source.volume);
    setAttrIf(src, "mode", d.source.mode);
    setAttrIf(src, "name", d.source.name);
    for (const auto& h : d.source.hosts) {
      auto& he = addChild(src, "host");
      setAttrIf(he, "transport", h.transport);
      setAttrIf(he, "name", h.name);
      setAttrIf(he, "port", h.port);
      setAttrIf(he, "socket", h.socket);
    }
    appendUnparsed(src, d.source.rest);
    orderAttrs(src, kSourceAttrOrder);
  }
  auto& tgt = addChild(e, "target");
  tgt.setAttr("dev", d.targetDev);
  tgt.setAttr("bus", d.targetBus);
  appendUnparsed(tgt, d.targetRest);
  if (d.readonly) addChild(e, "readonly");
  if (d.shareable) addChild(e, "shareable");
  if (!d.serial.empty()) addTextChild(e, "serial", d.serial);
  if (!d.wwn.empty()) addTextChild(e, "wwn", d.wwn);
  if (!d.vendor.empty()) addTextChild(e, "vendor", d.vendor);
  if (!d.product.empty()) addTextChild(e, "product", d.product);
  formatDeviceInfo(e, d.info);
  appendUnparsed(e, d.rest);
  orderAttrs(e, kDiskAttrOrder);
  orderChildren(e, kDiskOrder);
  return e;
}

}  // namespace vireo::conf
