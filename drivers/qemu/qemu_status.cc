#include "drivers/qemu/qemu_status.h"

#include <array>
#include <cstdlib>
#include <map>
#include <string_view>

#include <libvirt/libvirt.h>

#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/xml.h"

namespace vireo::qemu {

namespace {

constexpr std::array<const char*, 8> kStates = {"nostate", "running", "blocked", "paused",
                                                "shutdown", "shutoff", "crashed", "pmsuspended"};
constexpr std::array<const char*, 12> kRunningReasons = {
    "unknown", "booted", "migrated", "restored", "from snapshot", "unpaused",
    "migration canceled", "save canceled", "wakeup", "crashed", "post-copy", "post-copy failed"};
constexpr std::array<const char*, 15> kPausedReasons = {
    "unknown", "user", "migration", "save", "dump", "ioerror", "watchdog", "from snapshot",
    "shutdown", "snapshot", "panicked", "starting up", "post-copy", "post-copy failed", "api error"};
constexpr std::array<const char*, 1> kOtherReasons = {"unknown"};

template <size_t N>
int indexOf(const std::array<const char*, N>& names, const std::string& name) {
  for (size_t i = 0; i < N; ++i)
    if (name == names[i]) return static_cast<int>(i);
  return -1;
}

std::pair<const char* const*, size_t> reasonsOf(int state) {
  if (state == VIR_DOMAIN_RUNNING) return {kRunningReasons.data(), kRunningReasons.size()};
  if (state == VIR_DOMAIN_PAUSED) return {kPausedReasons.data(), kPausedReasons.size()};
  return {kOtherReasons.data(), kOtherReasons.size()};
}

[[noreturn]] void malformed(const std::string& path, std::string_view why) {
  fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "malformed status file '" + path + "': " + std::string(why));
}

// The alias of a device element of the status file ("" if none).
std::string aliasIn(const xml::Element& device) {
  const xml::Element* alias = device.child("alias");
  return alias ? alias->attrOr("name") : std::string();
}

// Gives the devices of `list` the aliases of the `elements` in the same
// order (the status file was formatted from the same lists).
template <typename List>
void restoreInOrder(List& list, const std::vector<const xml::Element*>& elements) {
  if (elements.size() != list.size()) return;
  for (std::size_t i = 0; i < list.size(); ++i) list[i].info.alias = aliasIn(*elements[i]);
}

// lib/conf keeps only user aliases (ua-...) when it parses a definition;
// a running domain's are QEMU's device ids, which unplug and a later
// takeover need, so the status file's aliases are put back. Disks are
// matched by target and controllers by type and index (the parser sorts
// controllers); the other kinds by their order.
void restoreAliases(const xml::Element& domain, conf::DomainDef& def) {
  const xml::Element* devices = domain.child("devices");
  if (!devices) return;
  auto named = [&](std::string_view name) { return devices->childrenNamed(name); };
  for (const xml::Element* e : named("disk")) {
    const xml::Element* target = e->child("target");
    for (auto& d : def.disks)
      if (target && d.targetDev == target->attrOr("dev")) d.info.alias = aliasIn(*e);
  }
  for (const xml::Element* e : named("controller"))
    for (auto& c : def.controllers)
      if (c.type == e->attrOr("type") && std::to_string(c.index.value_or(0)) == e->attrOr("index", "0"))
        c.info.alias = aliasIn(*e);
  restoreInOrder(def.nets, named("interface"));
  restoreInOrder(def.serials, named("serial"));
  restoreInOrder(def.parallels, named("parallel"));
  restoreInOrder(def.consoles, named("console"));
  restoreInOrder(def.channels, named("channel"));
  restoreInOrder(def.inputs, named("input"));
  restoreInOrder(def.videos, named("video"));
  restoreInOrder(def.hostdevs, named("hostdev"));
  if (def.memballoon && !named("memballoon").empty()) def.memballoon->info.alias = aliasIn(*named("memballoon")[0]);
  std::map<std::string, std::vector<conf::GenericDeviceDef*>> generic;
  for (auto& g : def.otherDevices) generic[g.kind].push_back(&g);
  for (auto& [kind, list] : generic) {
    std::vector<const xml::Element*> elements = named(kind);
    if (elements.size() != list.size()) continue;
    for (std::size_t i = 0; i < list.size(); ++i) list[i]->info.alias = aliasIn(*elements[i]);
  }
}

}  // namespace

const char* stateName(int state) {
  return state >= 0 && state < static_cast<int>(kStates.size()) ? kStates[state] : "nostate";
}

int stateFromName(const std::string& name) { return indexOf(kStates, name); }

const char* reasonName(int state, int reason) {
  auto [names, count] = reasonsOf(state);
  return reason >= 0 && static_cast<size_t>(reason) < count ? names[reason] : "unknown";
}

int reasonFromName(int state, const std::string& name) {
  auto [names, count] = reasonsOf(state);
  for (size_t i = 0; i < count; ++i)
    if (name == names[i]) return static_cast<int>(i);
  return -1;
}

bool StatusRecord::startIncomplete() const {
  return state == VIR_DOMAIN_PAUSED && reason == VIR_DOMAIN_PAUSED_STARTING_UP;
}

std::string formatStatus(const StatusRecord& r) {
  std::string domainXml = conf::formatDomainXml(r.def, VIR_DOMAIN_XML_SECURE, r.id);
  xml::Writer w;
  w.open("domstatus")
      .attr("state", stateName(r.state))
      .attr("reason", reasonName(r.state, r.reason))
      .attr("pid", static_cast<long long>(r.pid));
  if (r.pidStart) w.attr("pidStart", std::to_string(r.pidStart));
  w.open("monitor").attr("path", r.monitorPath).attr("type", "unix").close();
  if (r.mountNamespace) {
    w.open("namespaces");
    w.emptyElement("mount");
    w.close();
    w.open("devNodes");
    for (const auto& node : r.devNodes) w.open("node").attr("path", node).close();
    w.close();
  }
  w.open("libDir").attr("path", r.domainDir).close();
  w.element(xml::parseElement(domainXml, "status", VIR_FROM_QEMU));
  w.close();
  return w.str();
}

StatusRecord parseStatus(const std::string& text, const std::string& path) {
  xml::Element root = xml::parseElement(text, path, VIR_FROM_QEMU);
  if (root.name != "domstatus") malformed(path, "no <domstatus> element");
  StatusRecord r;
  r.state = stateFromName(root.attrOr("state"));
  if (r.state < 0) malformed(path, "unknown state '" + root.attrOr("state") + "'");
  r.reason = std::max(0, reasonFromName(r.state, root.attrOr("reason", "unknown")));
  char* end = nullptr;
  std::string pid = root.attrOr("pid");
  long v = strtol(pid.c_str(), &end, 10);
  if (pid.empty() || *end || v <= 0) malformed(path, "invalid pid '" + pid + "'");
  r.pid = static_cast<pid_t>(v);
  r.pidStart = strtoull(root.attrOr("pidStart", "0").c_str(), nullptr, 10);
  const xml::Element* mon = root.child("monitor");
  if (!mon || !mon->hasAttr("path")) malformed(path, "no monitor path");
  r.monitorPath = mon->attrOr("path");
  if (const xml::Element* lib = root.child("libDir")) r.domainDir = lib->attrOr("path");
  if (const xml::Element* ns = root.child("namespaces")) {
    // Only element children count (whitespace between them is not a name).
    for (const xml::Element* e : ns->elements()) {
      if (e->name != "mount") malformed(path, "malformed namespace name: " + e->name);
      r.mountNamespace = true;
    }
  }
  if (const xml::Element* nodes = root.child("devNodes"))
    for (const xml::Element* n : nodes->childrenNamed("node")) r.devNodes.push_back(n->attrOr("path"));
  const xml::Element* dom = root.child("domain");
  if (!dom) malformed(path, "no <domain> element");
  std::string id = dom->attrOr("id", "-1");
  r.id = atoi(id.c_str());
  if (r.id <= 0) malformed(path, "invalid domain id '" + id + "'");
  xml::Writer w;
  w.element(*dom);
  r.def = conf::parseDomainXml(w.str(), 0);
  restoreAliases(*dom, r.def);
  return r;
}

}  // namespace vireo::qemu
