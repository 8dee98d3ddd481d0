// Single devices: parse for attach/detach/update, and find, add, remove and
// replace a device in a definition by libvirt's matching rules.
#include <libvirt/libvirt.h>

#include "lib/conf/devices.h"
#include "lib/conf/domain.h"
#include "lib/conf/domain_internal.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

template <typename T>
std::vector<T>& listFor(DomainDef& def, const T& dev) {
  if constexpr (std::is_same_v<T, DiskDef>) return def.disks;
  else if constexpr (std::is_same_v<T, ControllerDef>) return def.controllers;
  else if constexpr (std::is_same_v<T, NetDef>) return def.nets;
  else if constexpr (std::is_same_v<T, ChrDef>) return chrList(def, dev.kind);
  else if constexpr (std::is_same_v<T, InputDef>) return def.inputs;
  else if constexpr (std::is_same_v<T, GraphicsDef>) return def.graphics;
  else if constexpr (std::is_same_v<T, VideoDef>) return def.videos;
  else if constexpr (std::is_same_v<T, HostdevDef>) return def.hostdevs;
  else return def.otherDevices;
}

// An address in the query matches only the same address; no address in the
// query matches any.
bool addressMatches(const DeviceInfo& query, const DeviceInfo& cand) {
  return query.address.type.empty() || query.address == cand.address;
}

bool matches(const DiskDef& q, const DiskDef& c) { return q.targetDev == c.targetDev; }
bool matches(const ControllerDef& q, const ControllerDef& c) {
  return q.type == c.type && q.index.value_or(0) == c.index.value_or(0);
}
bool matches(const NetDef& q, const NetDef& c) {
  if (!q.macGenerated && q.mac != c.mac) return false;
  if (!q.info.alias.empty() && q.info.alias != c.info.alias) return false;
  return addressMatches(q.info, c.info);
}
bool matches(const ChrDef& q, const ChrDef& c) {
  return q.kind == c.kind && q.type == c.type && q.targetType == c.targetType &&
         (!q.targetPort || q.targetPort == c.targetPort) && q.sources == c.sources;
}
bool matches(const InputDef& q, const InputDef& c) {
  return q.type == c.type && q.bus == c.bus && addressMatches(q.info, c.info);
}
bool matches(const GraphicsDef& q, const GraphicsDef& c) { return q.type == c.type; }
bool matches(const VideoDef& q, const VideoDef& c) {
  return q.type == c.type && addressMatches(q.info, c.info);
}
bool matches(const HostdevDef& q, const HostdevDef& c) {
  auto source = [](const Unparsed& u) -> const xml::Element* {
    for (const auto& ch : u.children)
      if (ch.name == "source") return &ch;
    return nullptr;
  };
  const xml::Element* qs = source(q.rest);
  const xml::Element* cs = source(c.rest);
  return q.type == c.type && qs && cs && qs->attrs == cs->attrs &&
         xml::Writer().element(*qs).str() == xml::Writer().element(*cs).str();
}
bool matches(const MemballoonDef& q, const MemballoonDef& c) { return q.model == c.model; }
bool matches(const GenericDeviceDef& q, const GenericDeviceDef& c) {
  return q.kind == c.kind && addressMatches(q.info, c.info) && q.rest.children == c.rest.children;
}

[[noreturn]] void missing() { fail(VIR_ERR_DEVICE_MISSING, VIR_FROM_DOMAIN, "matching device not found"); }

}  // namespace

DeviceDef parseDeviceXml(std::string_view xmlText, const DomainDef& context, unsigned /*flags*/) {
  xml::Element e = xml::parseElement(xmlText, "(device_definition)", VIR_FROM_DOMAIN);
  dropComments(e);
  DeviceDef dev = parseDevice(e);
  postParseDevice(dev, context);
  return dev;
}

std::string formatDeviceXml(const DeviceDef& dev, unsigned flags) {
  xml::Writer w;
  writeDevice(w, dev, flags & VIR_DOMAIN_XML_SECURE);
  return w.take();
}

int findDevice(const DomainDef& def, const DeviceDef& dev) {
  auto& mdef = const_cast<DomainDef&>(def);  // listFor() is shared with the mutating paths
  return std::visit(
      [&](const auto& q) -> int {
        using T = std::decay_t<decltype(q)>;
        if constexpr (std::is_same_v<T, MemballoonDef>) {
          return def.memballoon && matches(q, *def.memballoon) ? 0 : -1;
        } else {
          const auto& list = listFor(mdef, q);
          for (std::size_t i = 0; i < list.size(); ++i)
            if (matches(q, list[i])) return static_cast<int>(i);
          return -1;
        }
      },
      dev);
}

void addDevice(DomainDef& def, DeviceDef dev) {
  if (auto* d = std::get_if<DiskDef>(&dev); d && findDevice(def, dev) >= 0)
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, "target " + d->targetDev + " already exists");
  if (auto* n = std::get_if<NetDef>(&dev); n && !n->macGenerated && findDevice(def, dev) >= 0)
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, "mac " + n->mac + " already exists");
  postParseDevice(dev, def);
  std::visit(
      [&](auto&& d) {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, MemballoonDef>) def.memballoon = std::move(d);
        else if constexpr (std::is_same_v<T, ControllerDef>) insertController(def, std::move(d));
        else listFor(def, d).push_back(std::move(d));
      },
      std::move(dev));
  addImplicitControllers(def);
}

DeviceDef removeDevice(DomainDef& def, const DeviceDef& dev) {
  int idx = findDevice(def, dev);
  if (idx < 0) missing();
  return std::visit(
      [&](const auto& q) -> DeviceDef {
        using T = std::decay_t<decltype(q)>;
        if constexpr (std::is_same_v<T, MemballoonDef>) {
          DeviceDef out = *def.memballoon;
          def.memballoon.reset();
          return out;
        } else {
          auto& list = listFor(def, q);
          DeviceDef out = list[static_cast<std::size_t>(idx)];
          list.erase(list.begin() + idx);
          return out;
        }
      },
      dev);
}

void replaceDevice(DomainDef& def, DeviceDef dev) {
  int idx = findDevice(def, dev);
  if (idx < 0) missing();
  std::visit(
      [&](auto&& d) {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, MemballoonDef>) def.memballoon = std::move(d);
        else listFor(def, d)[static_cast<std::size_t>(idx)] = std::move(d);
      },
      std::move(dev));
}

}  // namespace vireo::conf
