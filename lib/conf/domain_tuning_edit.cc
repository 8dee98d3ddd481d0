#include "lib/conf/domain_tuning_edit.h"

#include <algorithm>
#include <cstdlib>
#include <functional>

namespace vireo::conf {

namespace {

xml::Element* topLevel(DomainDef& def, std::string_view name) {
  for (xml::Element& e : def.otherTopLevel)
    if (e.isElement() && e.name == name) return &e;
  return nullptr;
}

const xml::Element* topLevel(const DomainDef& def, std::string_view name) {
  return topLevel(const_cast<DomainDef&>(def), name);
}

// The top-level element `name`, added empty when absent (the formatter puts
// it in libvirt's place).
xml::Element& ensureTopLevel(DomainDef& def, std::string_view name) {
  if (xml::Element* e = topLevel(def, name)) return *e;
  def.otherTopLevel.push_back(xml::Element::make(std::string(name)));
  return def.otherTopLevel.back();
}

// Drops the top-level element `name` when it has no element children left.
void dropIfEmpty(DomainDef& def, std::string_view name) {
  std::erase_if(def.otherTopLevel, [&](const xml::Element& e) {
    return e.isElement() && e.name == name && !e.hasElementChildren();
  });
}

void removeChildren(xml::Element& parent, std::string_view name,
                    const std::function<bool(const xml::Element&)>& which = {}) {
  std::erase_if(parent.children, [&](const xml::Element& e) {
    return e.isElement() && e.name == name && (!which || which(e));
  });
}

// Sets the text child `name` of `parent`, inserted before the first child
// whose name comes later in `order`.
xml::Element& setTextChild(xml::Element& parent, std::string_view name, const std::string& text,
                           const std::vector<std::string_view>& order) {
  if (xml::Element* c = parent.child(name)) {
    c->children.clear();
    c->addText(text);
    return *c;
  }
  auto rank = [&](std::string_view n) {
    auto it = std::find(order.begin(), order.end(), n);
    return it == order.end() ? order.size() : static_cast<size_t>(it - order.begin());
  };
  auto pos = std::find_if(parent.children.begin(), parent.children.end(), [&](const xml::Element& e) {
    return e.isElement() && rank(e.name) > rank(name);
  });
  xml::Element child = xml::Element::make(std::string(name));
  child.addText(text);
  return *parent.children.insert(pos, std::move(child));
}

const std::vector<std::string_view> kMemtuneOrder = {"hard_limit", "soft_limit", "min_guarantee",
                                                     "swap_hard_limit"};
const std::vector<std::string_view> kBlkioDeviceOrder = {"path", "weight", "read_iops_sec", "write_iops_sec",
                                                         "read_bytes_sec", "write_bytes_sec"};
// The <cputune> children libvirt formats, in its order.
const std::vector<std::string_view> kCputuneOrder = {
    "shares", "period", "quota", "global_period", "global_quota", "emulator_period", "emulator_quota",
    "iothread_period", "iothread_quota", "vcpupin", "emulatorpin", "iothreadpin", "vcpusched",
    "iothreadsched", "emulatorsched", "cachetune", "memorytune"};

void insertOrdered(xml::Element& parent, xml::Element child, const std::vector<std::string_view>& order) {
  auto rank = [&](std::string_view n) {
    auto it = std::find(order.begin(), order.end(), n);
    return it == order.end() ? order.size() : static_cast<size_t>(it - order.begin());
  };
  auto pos = std::find_if(parent.children.begin(), parent.children.end(), [&](const xml::Element& e) {
    return e.isElement() && rank(e.name) > rank(child.name);
  });
  parent.children.insert(pos, std::move(child));
}

const char* numaModeName(int mode) {
  switch (mode) {
    case VIR_DOMAIN_NUMATUNE_MEM_PREFERRED: return "preferred";
    case VIR_DOMAIN_NUMATUNE_MEM_INTERLEAVE: return "interleave";
    case VIR_DOMAIN_NUMATUNE_MEM_RESTRICTIVE: return "restrictive";
    default: return "strict";
  }
}

}  // namespace

void setMemoryLimit(DomainDef& def, const std::string& name, unsigned long long kib) {
  xml::Element& memtune = ensureTopLevel(def, "memtune");
  if (kib >= kMemoryUnlimitedKiB) {
    removeChildren(memtune, name);
  } else {
    setTextChild(memtune, name, std::to_string(kib), kMemtuneOrder).setAttr("unit", "KiB");
  }
  dropIfEmpty(def, "memtune");
}

void setNumaTune(DomainDef& def, std::optional<int> mode, std::optional<CpuSet> nodeset) {
  xml::Element& numatune = ensureTopLevel(def, "numatune");
  xml::Element* memory = numatune.child("memory");
  if (!memory) {
    numatune.children.insert(numatune.children.begin(), xml::Element::make("memory"));
    memory = &numatune.children.front();
    memory->setAttr("mode", "strict");
  }
  if (mode) memory->setAttr("mode", numaModeName(*mode));
  if (nodeset) memory->setAttr("nodeset", formatCpuSet(*nodeset));
}

void setBlkioWeight(DomainDef& def, unsigned int weight) {
  xml::Element& blkio = ensureTopLevel(def, "blkiotune");
  if (weight) {
    setTextChild(blkio, "weight", std::to_string(weight), {"weight", "device"});
  } else {
    removeChildren(blkio, "weight");
  }
  dropIfEmpty(def, "blkiotune");
}

void mergeBlkioDevices(DomainDef& def, const std::string& child,
                       const std::vector<std::pair<std::string, unsigned long long>>& entries) {
  xml::Element& blkio = ensureTopLevel(def, "blkiotune");
  for (const auto& [path, value] : entries) {
    xml::Element* device = nullptr;
    for (xml::Element& d : blkio.children)
      if (d.isElement() && d.name == "device" && d.child("path") && d.child("path")->textContent() == path)
        device = &d;
    if (!device) {
      xml::Element fresh = xml::Element::make("device");
      fresh.addChild(xml::Element::make("path")).addText(path);
      device = &blkio.addChild(std::move(fresh));
    }
    if (value) setTextChild(*device, child, std::to_string(value), kBlkioDeviceOrder);
    else removeChildren(*device, child);
  }
  removeChildren(blkio, "device", [](const xml::Element& d) {
    return std::none_of(d.children.begin(), d.children.end(),
                        [](const xml::Element& c) { return c.isElement() && c.name != "path"; });
  });
  dropIfEmpty(def, "blkiotune");
}

void setBandwidth(NetDef& net, const std::optional<BandwidthDirection>& inbound,
                  const std::optional<BandwidthDirection>& outbound) {
  std::erase_if(net.rest.children, [](const xml::Element& e) { return e.isElement() && e.name == "bandwidth"; });
  if (!inbound && !outbound) return;
  xml::Element bandwidth = xml::Element::make("bandwidth");
  auto direction = [&](const char* name, const BandwidthDirection& d) {
    xml::Element& e = bandwidth.addChild(xml::Element::make(name));
    auto attr = [&](const char* a, unsigned int v) {
      if (v) e.setAttr(a, std::to_string(v));
    };
    attr("average", d.average);
    attr("peak", d.peak);
    attr("floor", d.floor);
    attr("burst", d.burst);
  };
  if (inbound) direction("inbound", *inbound);
  if (outbound) direction("outbound", *outbound);
  net.rest.children.push_back(std::move(bandwidth));
}

void setIoTune(DiskDef& disk, const IoTune& t) {
  std::erase_if(disk.rest.children, [](const xml::Element& e) { return e.isElement() && e.name == "iotune"; });
  xml::Element io = xml::Element::make("iotune");
  auto value = [&](const char* name, unsigned long long v) {
    if (v) io.addChild(xml::Element::make(name)).addText(std::to_string(v));
  };
  value("total_bytes_sec", t.totalBytesSec);
  value("read_bytes_sec", t.readBytesSec);
  value("write_bytes_sec", t.writeBytesSec);
  value("total_iops_sec", t.totalIopsSec);
  value("read_iops_sec", t.readIopsSec);
  value("write_iops_sec", t.writeIopsSec);
  value("total_bytes_sec_max", t.totalBytesSecMax);
  value("read_bytes_sec_max", t.readBytesSecMax);
  value("write_bytes_sec_max", t.writeBytesSecMax);
  value("total_iops_sec_max", t.totalIopsSecMax);
  value("read_iops_sec_max", t.readIopsSecMax);
  value("write_iops_sec_max", t.writeIopsSecMax);
  value("size_iops_sec", t.sizeIopsSec);
  if (!t.groupName.empty()) io.addChild(xml::Element::make("group_name")).addText(t.groupName);
  value("total_bytes_sec_max_length", t.totalBytesSecMaxLength);
  value("read_bytes_sec_max_length", t.readBytesSecMaxLength);
  value("write_bytes_sec_max_length", t.writeBytesSecMaxLength);
  value("total_iops_sec_max_length", t.totalIopsSecMaxLength);
  value("read_iops_sec_max_length", t.readIopsSecMaxLength);
  value("write_iops_sec_max_length", t.writeIopsSecMaxLength);
  if (io.hasElementChildren()) disk.rest.children.push_back(std::move(io));
}

void setPerfEvents(DomainDef& def, const std::vector<std::pair<std::string, bool>>& events) {
  std::erase_if(def.otherTopLevel, [](const xml::Element& e) { return e.isElement() && e.name == "perf"; });
  if (events.empty()) return;
  xml::Element perf = xml::Element::make("perf");
  for (const auto& [name, enabled] : events) {
    xml::Element& e = perf.addChild(xml::Element::make("event"));
    e.setAttr("name", name);
    e.setAttr("enabled", enabled ? "yes" : "no");
  }
  def.otherTopLevel.push_back(std::move(perf));
}

bool setBalloonPeriod(DomainDef& def, int period) {
  if (!def.memballoon || def.memballoon->model == "none") return false;
  std::vector<xml::Element>& children = def.memballoon->rest.children;
  std::erase_if(children, [](const xml::Element& e) { return e.isElement() && e.name == "stats"; });
  if (period == 0) return true;  // libvirt formats no period 0
  xml::Element stats = xml::Element::make("stats");
  stats.setAttr("period", std::to_string(period));
  children.push_back(std::move(stats));
  return true;
}

std::vector<std::pair<std::string, bool>> perfEvents(const DomainDef& def) {
  std::vector<std::pair<std::string, bool>> events;
  if (const xml::Element* perf = topLevel(def, "perf"))
    for (const xml::Element* e : perf->childrenNamed("event"))
      events.emplace_back(e->attrOr("name"), e->attrOr("enabled") == "yes");
  return events;
}

void setVcpuPin(DomainDef& def, unsigned int vcpu, const CpuSet& cpus) {
  xml::Element& cputune = ensureTopLevel(def, "cputune");
  std::string id = std::to_string(vcpu);
  removeChildren(cputune, "vcpupin", [&](const xml::Element& e) { return e.attrOr("vcpu") == id; });
  xml::Element pin = xml::Element::make("vcpupin");
  pin.setAttr("vcpu", id);
  pin.setAttr("cpuset", formatCpuSet(cpus));
  // vcpupin elements stay in vCPU order
  auto pos = std::find_if(cputune.children.begin(), cputune.children.end(), [&](const xml::Element& e) {
    if (!e.isElement()) return false;
    if (e.name == "vcpupin") return std::stoul(e.attrOr("vcpu", "0")) > vcpu;
    auto rank = std::find(kCputuneOrder.begin(), kCputuneOrder.end(), e.name);
    return rank > std::find(kCputuneOrder.begin(), kCputuneOrder.end(), "vcpupin");
  });
  cputune.children.insert(pos, std::move(pin));
}

std::optional<CpuSet> vcpuPin(const DomainDef& def, unsigned int vcpu) {
  const xml::Element* cputune = topLevel(def, "cputune");
  if (!cputune) return std::nullopt;
  for (const xml::Element* e : cputune->childrenNamed("vcpupin"))
    if (e->attrOr("vcpu") == std::to_string(vcpu)) return parseCpuSet(e->attrOr("cpuset"));
  return std::nullopt;
}

void setEmulatorPin(DomainDef& def, const CpuSet& cpus) {
  xml::Element& cputune = ensureTopLevel(def, "cputune");
  removeChildren(cputune, "emulatorpin");
  xml::Element pin = xml::Element::make("emulatorpin");
  pin.setAttr("cpuset", formatCpuSet(cpus));
  insertOrdered(cputune, std::move(pin), kCputuneOrder);
}

std::optional<CpuSet> emulatorPin(const DomainDef& def) {
  const xml::Element* cputune = topLevel(def, "cputune");
  const xml::Element* pin = cputune ? cputune->child("emulatorpin") : nullptr;
  if (!pin) return std::nullopt;
  return parseCpuSet(pin->attrOr("cpuset"));
}

std::vector<IOThreadDef> ioThreads(const DomainDef& def) {
  std::vector<IOThreadDef> threads;
  if (const xml::Element* ids = topLevel(def, "iothreadids")) {
    for (const xml::Element* e : ids->childrenNamed("iothread")) {
      IOThreadDef t;
      t.id = static_cast<unsigned int>(std::stoul(e->attrOr("id", "0")));
      threads.push_back(t);
    }
  } else if (const xml::Element* count = topLevel(def, "iothreads")) {
    // <iothreads>N</iothreads> alone stands for threads 1..N
    unsigned long n = std::strtoul(count->textContent().c_str(), nullptr, 10);
    for (unsigned int id = 1; id <= n; id++) threads.push_back(IOThreadDef{id, std::nullopt});
  }
  if (const xml::Element* cputune = topLevel(def, "cputune"))
    for (const xml::Element* pin : cputune->childrenNamed("iothreadpin"))
      for (IOThreadDef& t : threads)
        if (pin->attrOr("iothread") == std::to_string(t.id)) t.pin = parseCpuSet(pin->attrOr("cpuset"));
  return threads;
}

void setIOThreads(DomainDef& def, const std::vector<IOThreadDef>& threads) {
  std::erase_if(def.otherTopLevel, [](const xml::Element& e) {
    return e.isElement() && (e.name == "iothreads" || e.name == "iothreadids");
  });
  xml::Element& cputune = ensureTopLevel(def, "cputune");
  removeChildren(cputune, "iothreadpin");
  if (!threads.empty()) {
    xml::Element count = xml::Element::make("iothreads");
    count.addText(std::to_string(threads.size()));
    def.otherTopLevel.push_back(std::move(count));
    xml::Element ids = xml::Element::make("iothreadids");
    for (const IOThreadDef& t : threads) ids.addChild(xml::Element::make("iothread")).setAttr("id", std::to_string(t.id));
    def.otherTopLevel.push_back(std::move(ids));
  }
  for (const IOThreadDef& t : threads) {
    if (!t.pin) continue;
    xml::Element pin = xml::Element::make("iothreadpin");
    pin.setAttr("iothread", std::to_string(t.id));
    pin.setAttr("cpuset", formatCpuSet(*t.pin));
    insertOrdered(cputune, std::move(pin), kCputuneOrder);
  }
  dropIfEmpty(def, "cputune");
}

}  // namespace vireo::conf
