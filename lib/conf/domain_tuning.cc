#include "lib/conf/domain_tuning.h"

#include <cerrno>
#include <cstdlib>

#include "lib/conf/units.h"
#include "lib/util/error.h"
#include "lib/util/netdev.h"

namespace vireo::conf {

namespace {

const xml::Element* topLevel(const DomainDef& def, std::string_view name) {
  for (const xml::Element& e : def.otherTopLevel)
    if (e.isElement() && e.name == name) return &e;
  return nullptr;
}

const xml::Element* restChild(const Unparsed& rest, std::string_view name) {
  for (const xml::Element& e : rest.children)
    if (e.isElement() && e.name == name) return &e;
  return nullptr;
}

// A decimal count as libvirt's tuning elements hold them; what is not one
// reads as 0, the value of an absent element (the definition was accepted
// already, so this only reads).
unsigned long long count(const std::string& text) {
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || text[0] == '-' || errno || *end) return 0;
  return v;
}

unsigned long long childCount(const xml::Element& parent, std::string_view name) {
  const xml::Element* c = parent.child(name);
  return c ? count(c->textContent()) : 0;
}

unsigned long long memoryLimit(const xml::Element& memtune, std::string_view name) {
  const xml::Element* c = memtune.child(name);
  if (!c) return kMemoryUnlimitedKiB;
  unsigned long long kib = parseMemoryKiB(c->textContent(), c->attrOr("unit"), std::string(name));
  return std::min(kib, kMemoryUnlimitedKiB);
}

unsigned int attrCount(const xml::Element* e, std::string_view name) {
  const std::string* v = e ? e->attr(name) : nullptr;
  return v ? static_cast<unsigned int>(count(*v)) : 0;
}

}  // namespace

MemTune readMemTune(const DomainDef& def) {
  MemTune t;
  if (const xml::Element* m = topLevel(def, "memtune")) {
    t.hardLimitKiB = memoryLimit(*m, "hard_limit");
    t.softLimitKiB = memoryLimit(*m, "soft_limit");
    t.swapHardLimitKiB = memoryLimit(*m, "swap_hard_limit");
  }
  return t;
}

NumaTune readNumaTune(const DomainDef& def) {
  NumaTune t;
  const xml::Element* n = topLevel(def, "numatune");
  const xml::Element* memory = n ? n->child("memory") : nullptr;
  if (!memory) return t;
  std::string mode = memory->attrOr("mode", "strict");
  if (mode == "preferred") t.mode = VIR_DOMAIN_NUMATUNE_MEM_PREFERRED;
  else if (mode == "interleave") t.mode = VIR_DOMAIN_NUMATUNE_MEM_INTERLEAVE;
  else if (mode == "restrictive") t.mode = VIR_DOMAIN_NUMATUNE_MEM_RESTRICTIVE;
  t.nodeset = memory->attrOr("nodeset");
  return t;
}

BlkioTune readBlkioTune(const DomainDef& def) {
  BlkioTune t;
  const xml::Element* b = topLevel(def, "blkiotune");
  if (!b) return t;
  t.weight = static_cast<unsigned int>(childCount(*b, "weight"));
  auto append = [](std::string& list, const std::string& path, unsigned long long value) {
    if (!value) return;
    if (!list.empty()) list += ',';
    list += path + ',' + std::to_string(value);
  };
  for (const xml::Element* device : b->childrenNamed("device")) {
    const xml::Element* path = device->child("path");
    if (!path) continue;
    std::string p = path->textContent();
    append(t.deviceWeight, p, childCount(*device, "weight"));
    append(t.deviceReadIops, p, childCount(*device, "read_iops_sec"));
    append(t.deviceWriteIops, p, childCount(*device, "write_iops_sec"));
    append(t.deviceReadBytes, p, childCount(*device, "read_bytes_sec"));
    append(t.deviceWriteBytes, p, childCount(*device, "write_bytes_sec"));
  }
  return t;
}

Bandwidth readBandwidth(const NetDef& net) {
  Bandwidth bw;
  const xml::Element* b = restChild(net.rest, "bandwidth");
  if (!b) return bw;
  auto direction = [](const xml::Element* e) {
    return BandwidthDirection{attrCount(e, "average"), attrCount(e, "peak"), attrCount(e, "burst"),
                              attrCount(e, "floor")};
  };
  bw.inbound = direction(b->child("inbound"));
  bw.outbound = direction(b->child("outbound"));
  return bw;
}

IoTune readIoTune(const DiskDef& disk) {
  IoTune t;
  const xml::Element* io = restChild(disk.rest, "iotune");
  if (!io) return t;
  t.totalBytesSec = childCount(*io, "total_bytes_sec");
  t.readBytesSec = childCount(*io, "read_bytes_sec");
  t.writeBytesSec = childCount(*io, "write_bytes_sec");
  t.totalIopsSec = childCount(*io, "total_iops_sec");
  t.readIopsSec = childCount(*io, "read_iops_sec");
  t.writeIopsSec = childCount(*io, "write_iops_sec");
  t.totalBytesSecMax = childCount(*io, "total_bytes_sec_max");
  t.readBytesSecMax = childCount(*io, "read_bytes_sec_max");
  t.writeBytesSecMax = childCount(*io, "write_bytes_sec_max");
  t.totalIopsSecMax = childCount(*io, "total_iops_sec_max");
  t.readIopsSecMax = childCount(*io, "read_iops_sec_max");
  t.writeIopsSecMax = childCount(*io, "write_iops_sec_max");
  t.sizeIopsSec = childCount(*io, "size_iops_sec");
  if (const xml::Element* g = io->child("group_name")) t.groupName = g->textContent();
  t.totalBytesSecMaxLength = childCount(*io, "total_bytes_sec_max_length");
  t.readBytesSecMaxLength = childCount(*io, "read_bytes_sec_max_length");
  t.writeBytesSecMaxLength = childCount(*io, "write_bytes_sec_max_length");
  t.totalIopsSecMaxLength = childCount(*io, "total_iops_sec_max_length");
  t.readIopsSecMaxLength = childCount(*io, "read_iops_sec_max_length");
  t.writeIopsSecMaxLength = childCount(*io, "write_iops_sec_max_length");
  return t;
}

namespace {

// `text` as a MAC address, or nothing when it is not one (then a device
// name is meant).
std::optional<netdev::MacAddress> macOf(const std::string& text) {
  try {
    return netdev::parseMac(text);
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace

const NetDef* findNet(const DomainDef& def, const std::string& device) {
  std::optional<netdev::MacAddress> mac = macOf(device);
  for (const NetDef& net : def.nets)
    if (mac ? macOf(net.mac) == mac : net.targetDev == device) return &net;
  return nullptr;
}

const DiskDef* findDisk(const DomainDef& def, const std::string& pathOrTarget) {
  for (const DiskDef& disk : def.disks) {
    if (disk.targetDev == pathOrTarget) return &disk;
    const DiskSource& s = disk.source;
    if (!pathOrTarget.empty() && (s.file == pathOrTarget || s.dev == pathOrTarget || s.dir == pathOrTarget))
      return &disk;
  }
  return nullptr;
}

}  // namespace vireo::conf
