// <disk>: storage devices.
#include "lib/conf/devices.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const NameOrder kDiskOrder = {
    "driver", "auth", "source", "backingStore", "backenddomain", "geometry", "blockio", "mirror",
    "target", "iotune", "readonly", "shareable", "transient", "serial", "wwn", "vendor", "product",
    "encryption", "*", "boot", "alias", "master", "acpi", "rom", "address"};

const NameOrder kDiskAttrOrder = {"type", "device", "model", "rawio", "sgio",
                                                      "snapshot"};

const NameOrder kDriverAttrOrder = {
    "name", "type", "cache", "error_policy", "rerror_policy", "io", "ioeventfd", "event_idx",
    "copy_on_read", "discard", "iommu", "ats", "packed", "page_per_vq", "iothread",
    "detect_zeroes", "queues", "queue_size"};

const NameOrder kSourceAttrOrder = {
    "file", "dev", "dir", "protocol", "pool", "volume", "mode", "name", "query", "tls",
    "tlsHostname", "type", "path", "managed", "namespace", "index", "startupPolicy"};

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
  } else {
    // libvirt keeps no source type without a source: the disk is an empty
    // file one (a CD-ROM or floppy drive without a medium).
    d.type = "file";
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

namespace {

enum DiskTag : int { kDriver, kSource, kTarget, kReadonly, kShareable, kSerial, kWwn, kVendor, kProduct };

// libvirt writes <driver> only when it says something.
bool driverSaysSomething(const DiskDef& d) {
  return !d.driverName.empty() || !d.driverType.empty() || !d.driverCache.empty() || !d.driverIo.empty() ||
         !d.driverRest.empty();
}

void writeDriver(xml::Writer& w, const DiskDef& d) {
  AttrList attrs;
  attrs.addIf("name", d.driverName);
  attrs.addIf("type", d.driverType);
  attrs.addIf("cache", d.driverCache);
  attrs.addIf("io", d.driverIo);
  writeWithRest(w, "driver", attrs, d.driverRest, &kDriverAttrOrder);
}

// `secure`: include HTTP cookies, which libvirt treats as secrets.
void writeSource(xml::Writer& w, const DiskSource& src, bool secure) {
  AttrList attrs;
  attrs.addIf("file", src.file);
  attrs.addIf("dev", src.dev);
  attrs.addIf("dir", src.dir);
  attrs.addIf("protocol", src.protocol);
  attrs.addIf("pool", src.pool);
  attrs.addIf("volume", src.volume);
  attrs.addIf("mode", src.mode);
  attrs.addIf("name", src.name);
  attrs.addPreserved(src.rest.attrs);
  attrs.sort(kSourceAttrOrder);
  w.open("source");
  attrs.writeTo(w);
  for (const auto& h : src.hosts) {
    w.open("host").attrIf("transport", h.transport).attrIf("name", h.name).attrIf("port", h.port);
    w.attrIf("socket", h.socket).close();
  }
  for (const auto& c : src.rest.children)
    if (secure || !(c.isElement() && c.name == "cookies")) w.element(c);
  w.close();
}

void writeTarget(xml::Writer& w, const DiskDef& d) {
  AttrList attrs;
  attrs.add("dev", d.targetDev);
  attrs.add("bus", d.targetBus);
  writeWithRest(w, "target", attrs, d.targetRest);
}

}  // namespace

void writeDisk(xml::Writer& w, const DiskDef& d, bool secure) {
  AttrList attrs;
  attrs.add("type", d.type);
  attrs.add("device", d.device);
  attrs.addIf("snapshot", d.snapshot);
  attrs.addPreserved(d.rest.attrs);
  attrs.sort(kDiskAttrOrder);

  ChildList kids(kDiskOrder);
  if (d.hasDriver && driverSaysSomething(d)) kids.addTyped("driver", kDriver);
  // Like every element libvirt builds, <source> is left out when it has
  // nothing to say (a bare <source/>).
  const DiskSource& src = d.source;
  bool sourceSaysSomething =
      !(src.file + src.dev + src.dir + src.protocol + src.pool + src.volume + src.mode + src.name).empty() ||
      !src.hosts.empty() || !src.rest.empty();
  if (src.present && sourceSaysSomething) kids.addTyped("source", kSource);
  kids.addTyped("target", kTarget);
  if (d.readonly) kids.addTyped("readonly", kReadonly);
  if (d.shareable) kids.addTyped("shareable", kShareable);
  if (!d.serial.empty()) kids.addTyped("serial", kSerial);
  if (!d.wwn.empty()) kids.addTyped("wwn", kWwn);
  if (!d.vendor.empty()) kids.addTyped("vendor", kVendor);
  if (!d.product.empty()) kids.addTyped("product", kProduct);
  addDeviceInfo(kids, d.info);
  kids.addPreserved(d.rest.children);

  w.open("disk");
  attrs.writeTo(w);
  kids.writeTo(w, [&](xml::Writer& out, int tag) {
    if (writeDeviceInfoChild(out, tag, d.info)) return;
    switch (tag) {
      case kDriver: writeDriver(out, d); break;
      case kSource: writeSource(out, d.source, secure); break;
      case kTarget: writeTarget(out, d); break;
      case kReadonly: out.emptyElement("readonly"); break;
      case kShareable: out.emptyElement("shareable"); break;
      case kSerial: out.textElement("serial", d.serial); break;
      case kWwn: out.textElement("wwn", d.wwn); break;
      case kVendor: out.textElement("vendor", d.vendor); break;
      case kProduct: out.textElement("product", d.product); break;
    }
  });
  w.close();
}

}  // namespace vireo::conf
