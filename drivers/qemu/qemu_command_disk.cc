// Disks: a storage and a format -blockdev node per image, then the -device
// that the guest sees (IDE/SATA/SCSI/virtio/USB/floppy), in libvirt's
// property order.
#include <fcntl.h>
#include <linux/cdrom.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <algorithm>

#include "drivers/qemu/qemu_command_internal.h"
#include "lib/util/fd.h"

namespace vireo::qemu::cmd {

namespace {

// What a <driver cache=...> mode means for QEMU.
struct CacheFlags {
  bool writeback = false, direct = false, noflush = false;
};

std::optional<CacheFlags> cacheFlags(const std::string& mode) {
  if (mode.empty() || mode == "default") return std::nullopt;
  if (mode == "none") return CacheFlags{true, true, false};
  if (mode == "writeback") return CacheFlags{true, false, false};
  if (mode == "writethrough") return CacheFlags{false, false, false};
  if (mode == "directsync") return CacheFlags{false, true, false};
  if (mode == "unsafe") return CacheFlags{true, false, true};
  unsupported("disk cache mode '" + mode + "' is not supported");
}

std::string qemuFormat(const std::string& type) {
  if (type.empty() || type == "raw") return "raw";  // no probing: raw
  if (type == "vhd") return "vhdx";
  if (type == "ploop") return "parallels";
  static const std::vector<std::string_view> kSame = {"qcow2", "qcow", "qed", "vmdk", "vdi",
                                                      "vpc",   "bochs", "cloop", "dmg"};
  if (std::find(kSame.begin(), kSame.end(), type) != kSame.end()) return type;
  unsupported("disk format '" + type + "' is not supported");
}

// libvirt's virFileIsCDROM: a block device that answers CDROM_GET_CAPABILITY.
bool probeHostCdrom(const std::string& path) {
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (!fd) return false;
  struct stat sb {};
  if (fstat(fd.get(), &sb) < 0 || !S_ISBLK(sb.st_mode)) return false;
  return ioctl(fd.get(), CDROM_GET_CAPABILITY, 0) >= 0;
}

std::string driverAttr(const conf::DiskDef& d, std::string_view name) {
  const std::string* v = findAttr(d.driverRest, name);
  return v ? *v : std::string();
}

// One disk as the builder needs it, with everything checked.
struct DiskPlan {
  const conf::DiskDef* disk = nullptr;
  std::string alias;
  std::string path;       // "" for an empty drive
  unsigned nodeIndex = 0;  // libvirt-N-storage / libvirt-N-format
  bool readonly = false;
  bool hostCdrom = false;  // host_cdrom rather than host_device
  std::optional<CacheFlags> cache;
  unsigned bootIndex = 0;
};

void checkDisk(const conf::DiskDef& d) {
  if (d.type != "file" && d.type != "block") unsupported("disk type '" + d.type + "' is not supported");
  if (d.device == "lun") unsupported("disk device 'lun' is not supported");
  if (d.device != "disk" && d.device != "cdrom" && d.device != "floppy")
    unsupported("disk device '" + d.device + "' is not supported");
  static const std::vector<std::string_view> kBuses = {"ide", "sata", "scsi", "virtio", "usb", "fdc"};
  if (std::find(kBuses.begin(), kBuses.end(), d.targetBus) == kBuses.end())
    unsupported("disk bus '" + d.targetBus + "' is not supported");
  for (const auto& c : d.rest.children) {
    if (!c.isElement()) continue;
    if (c.name == "backingStore" && !c.hasElementChildren() && c.attrs.empty()) continue;  // chain end
    if (c.name == "blockio" || c.name == "geometry") continue;
    unsupported("disk element <" + c.name + "> is not supported");
  }
  if (!d.source.rest.empty()) {
    for (const auto& [k, v] : d.source.rest.attrs)
      if (k != "startupPolicy" && k != "index") unsupported("disk source attribute '" + k + "' is not supported");
    for (const auto& c : d.source.rest.children)
      if (c.isElement()) unsupported("disk source element <" + c.name + "> is not supported");
  }
  static const std::vector<std::string_view> kDriverAttrs = {
      "error_policy", "rerror_policy", "discard", "detect_zeroes", "ioeventfd", "event_idx",
      "iothread",     "queues",        "queue_size", "iommu",       "ats",       "packed",
      "page_per_vq"};
  for (const auto& [k, v] : d.driverRest.attrs)
    if (std::find(kDriverAttrs.begin(), kDriverAttrs.end(), k) == kDriverAttrs.end())
      unsupported("disk driver attribute '" + k + "' is not supported");
  for (const auto& c : d.driverRest.children)
    if (c.isElement()) unsupported("disk driver element <" + c.name + "> is not supported");
}

// detect_zeroes='unmap' only makes sense with discard='unmap'; libvirt
// downgrades it to 'on' otherwise.
std::string detectZeroes(const conf::DiskDef& d) {
  std::string dz = driverAttr(d, "detect_zeroes");
  if (dz == "unmap" && driverAttr(d, "discard") != "unmap") return "on";
  return dz == "off" ? std::string() : dz;
}

JsonArgWriter cacheObject(const CacheFlags& f) {
  JsonArgWriter c;
  c.boolean("direct", f.direct).boolean("no-flush", f.noflush);
  return c;
}

std::pair<JsonArgWriter, JsonArgWriter> blockdevProps(const DiskPlan& p) {
  const conf::DiskDef& d = *p.disk;
  std::string n = std::to_string(p.nodeIndex);
  std::string storageNode = "libvirt-" + n + "-storage";
  std::string formatNode = "libvirt-" + n + "-format";

  JsonArgWriter storage;
  std::string driver = "file";
  if (d.type == "block") driver = p.hostCdrom ? "host_cdrom" : "host_device";
  storage.str("driver", driver).str("filename", p.path);
  storage.strIf("aio", d.driverIo);
  storage.str("node-name", storageNode);
  if (p.cache) storage.object("cache", cacheObject(*p.cache));
  storage.boolean("auto-read-only", true).str("discard", "unmap");

  JsonArgWriter format;
  format.str("node-name", formatNode).boolean("read-only", p.readonly);
  std::string discard = driverAttr(d, "discard");
  if (!discard.empty() && discard != "default") format.str("discard", discard);
  format.strIf("detect-zeroes", detectZeroes(d));
  if (p.cache) format.object("cache", cacheObject(*p.cache));
  std::string fmt = qemuFormat(d.driverType);
  format.str("driver", fmt).str("file", storageNode);
  // An empty <backingStore/> ends the chain: QEMU must not look for one.
  if (findChild(d.rest, "backingStore") && fmt != "raw") format.null("backing");
  return {std::move(storage), std::move(format)};
}

std::string deviceDriver(const conf::DiskDef& d) {
  const std::string& bus = d.targetBus;
  if (bus == "ide" || bus == "sata") return d.device == "cdrom" ? "ide-cd" : "ide-hd";
  if (bus == "scsi") return d.device == "cdrom" ? "scsi-cd" : "scsi-hd";
  if (bus == "usb") return "usb-storage";
  if (bus == "fdc") return "floppy";
  return {};
}

// QEMU's serial property escapes spaces with a backslash.
std::string escapeSerial(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ') out += '\\';
    out += c;
  }
  return out;
}

// <blockio> sizes: they come right after bootindex in libvirt's order.
void addBlockio(JsonArgWriter& props, const conf::DiskDef& d) {
  if (const xml::Element* bio = findChild(d.rest, "blockio"))
    for (const char* a : {"logical_block_size", "physical_block_size", "discard_granularity"})
      if (bio->hasAttr(a)) props.unum(a, parseNumber(bio->attrOr(a), a));
}

// <geometry>: the BIOS view of an IDE disk, after write-cache.
void addGeometry(JsonArgWriter& props, const conf::DiskDef& d) {
  const xml::Element* geo = findChild(d.rest, "geometry");
  if (!geo) return;
  for (const char* a : {"cyls", "heads", "secs"})
    if (geo->hasAttr(a)) props.unum(a, parseNumber(geo->attrOr(a), a));
  std::string trans = geo->attrOr("trans");
  if (!trans.empty() && trans != "default") props.str("bios-chs-trans", trans);
}

JsonArgWriter deviceProps(const BuildState& st, const DiskPlan& p) {
  const conf::DiskDef& d = *p.disk;
  const std::string& bus = d.targetBus;
  JsonArgWriter props;
  std::optional<bool> removable;
  if (bus == "virtio") {
    const std::string* model = findAttr(d.rest, "model");
    props.str("driver", virtioDriverName("virtio-blk", d.info, model ? *model : std::string()));
    props.optBool("iommu_platform", parseSwitch(driverAttr(d, "iommu")));
    props.optBool("ats", parseSwitch(driverAttr(d, "ats")));
    props.optBool("packed", parseSwitch(driverAttr(d, "packed")));
    props.optBool("page-per-vq", parseSwitch(driverAttr(d, "page_per_vq")));
    std::string iothread = driverAttr(d, "iothread");
    if (!iothread.empty()) props.str("iothread", "iothread" + iothread);
    props.optBool("ioeventfd", parseSwitch(driverAttr(d, "ioeventfd")));
    props.optBool("event_idx", parseSwitch(driverAttr(d, "event_idx")));
    for (const auto& [attr, key] : {std::pair{"queues", "num-queues"}, {"queue_size", "queue-size"}}) {
      std::string v = driverAttr(d, attr);
      if (!v.empty() && parseNumber(v, attr) > 0) props.unum(key, parseNumber(v, attr));
    }
  } else {
    props.str("driver", deviceDriver(d));
  }
  std::string removableAttr;
  for (const auto& [k, v] : d.targetRest.attrs)
    if (k == "removable") removableAttr = v;
  if (bus == "scsi" && d.device != "cdrom") removable = parseSwitch(removableAttr);
  if (bus == "usb") removable = removableAttr.empty() ? std::optional<bool>(false) : parseSwitch(removableAttr);

  addAddressProps(props, st, d.info, bus);

  // QEMU used to derive the SCSI device identification from the -drive
  // name; with -blockdev libvirt passes the same value explicitly so that
  // guests see no change.
  if (bus == "scsi") props.str("device_id", d.serial.empty() ? "drive-" + p.alias : d.serial);
  if (d.shareable) props.boolean("share-rw", true);
  if (!p.path.empty()) props.str("drive", "libvirt-" + std::to_string(p.nodeIndex) + "-format");
  props.str("id", p.alias);
  if (p.bootIndex && bus != "fdc") props.unum("bootindex", p.bootIndex);
  addBlockio(props, d);
  if (!d.wwn.empty()) props.unum("wwn", parseNumber("0x" + d.wwn, "wwn"));
  for (const auto& [k, v] : d.targetRest.attrs)
    if (k == "rotation_rate") props.unum("rotation_rate", parseNumber(v, "rotation_rate"));
  props.strIf("vendor", d.vendor);
  props.strIf("product", d.product);
  props.optBool("removable", removable);
  if (p.cache) props.str("write-cache", p.cache->writeback ? "on" : "off");
  addGeometry(props, d);
  if (!d.serial.empty()) props.str("serial", escapeSerial(d.serial));

  std::string werror = driverAttr(d, "error_policy"), rerror = driverAttr(d, "rerror_policy");
  if (werror == "enospace") {
    werror = "enospc";  // QEMU's spelling; it applies to writes only
  } else if (rerror.empty()) {
    rerror = werror;
  }
  if (werror == "default") werror.clear();
  if (rerror == "default") rerror.clear();
  props.strIf("werror", werror);
  props.strIf("rerror", rerror);
  return props;
}

// The checked plan of one disk; `nodeIndex` numbers its -blockdev nodes.
DiskPlan planDisk(const BuildState& st, const conf::DiskDef& d, unsigned nodeIndex, unsigned bootIndex) {
  checkDisk(d);
  DiskPlan p;
  p.disk = &d;
  p.alias = diskAlias(st, d);
  p.path = d.type == "block" ? d.source.dev : d.source.file;
  if (p.path.empty() && d.device == "disk") unsupported("disk '" + d.targetDev + "' has no source");
  p.nodeIndex = nodeIndex;
  p.readonly = d.readonly || d.device == "cdrom";
  if (d.type == "block" && d.device == "cdrom" && !p.path.empty())
    p.hostCdrom = st.ctx.isHostCdrom ? st.ctx.isHostCdrom(p.path) : probeHostCdrom(p.path);
  p.cache = cacheFlags(d.driverCache);
  p.bootIndex = bootIndex;
  return p;
}

void buildFloppyController(BuildState& st, const std::vector<DiskPlan>& plans) {
  unsigned bootA = 0, bootB = 0;
  bool any = false;
  for (const auto& p : plans) {
    if (p.disk->targetBus != "fdc") continue;
    any = true;
    (p.disk->info.address.drive.unit ? bootB : bootA) = p.bootIndex;
  }
  if (!any) return;
  if (st.isQ35()) {
    // q35 has no floppy controller of its own.
    JsonArgWriter fdc;
    fdc.str("driver", "isa-fdc");
    if (bootA) fdc.unum("bootindexA", bootA);
    if (bootB) fdc.unum("bootindexB", bootB);
    st.device(fdc);
  } else {
    if (bootA) st.arg("-global", "isa-fdc.bootindexA=" + std::to_string(bootA));
    if (bootB) st.arg("-global", "isa-fdc.bootindexB=" + std::to_string(bootB));
  }
}

}  // namespace

DiskArgs diskArgs(const BuildState& st, const conf::DiskDef& d, unsigned nodeIndex, unsigned bootIndex) {
  DiskPlan p = planDisk(st, d, nodeIndex, bootIndex);
  DiskArgs out;
  out.alias = p.alias;
  if (!p.path.empty()) {
    auto [storage, format] = blockdevProps(p);
    out.storage = std::move(storage);
    out.format = std::move(format);
  }
  out.device = deviceProps(st, p);
  return out;
}

void buildDisks(BuildState& st) {
  const auto& disks = st.def.disks;
  std::vector<DiskPlan> plans;
  for (std::size_t i = 0; i < disks.size(); ++i)
    // libvirt numbers the storage nodes from the last disk backwards, an
    // empty drive taking its number too.
    plans.push_back(planDisk(st, disks[i], static_cast<unsigned>(disks.size() - i), diskBootIndex(st, i)));

  buildFloppyController(st, plans);
  for (const auto& p : plans) {
    if (!p.path.empty()) {
      auto [storage, format] = blockdevProps(p);
      st.arg("-blockdev", storage.text());
      st.arg("-blockdev", format.text());
    }
    st.device(deviceProps(st, p));
  }
}

}  // namespace vireo::qemu::cmd
