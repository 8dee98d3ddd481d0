#include "drivers/qemu/qemu_status.h"

#include <array>
#include <cstdlib>
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

std::string formatStatus(const StatusRecord& r) {
  std::string domainXml = conf::formatDomainXml(r.def, VIR_DOMAIN_XML_SECURE, r.id);
  xml::Writer w;
  w.open("domstatus")
      .attr("state", stateName(r.state))
      .attr("reason", reasonName(r.state, r.reason))
      .attr("pid", static_cast<long long>(r.pid));
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
  return r;
}

}  // namespace vireo::qemu
