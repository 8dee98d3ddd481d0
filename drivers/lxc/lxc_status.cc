#include "drivers/lxc/lxc_status.h"

#include <cstdlib>

#include <libvirt/libvirt.h>

#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/xml.h"

namespace vireo::lxc {

namespace {

[[noreturn]] void malformed(const std::string& path, const std::string& why) {
  fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LXC, "malformed status file '" + path + "': " + why);
}

// The states a running container can be in, with libvirt's words.
struct StateName {
  int state, reason;
  const char *stateWord, *reasonWord;
};
constexpr StateName kStates[] = {
    {VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED, "running", "booted"},
    {VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED, "running", "unpaused"},
    {VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER, "paused", "user"},
};

const StateName& stateName(int state, int reason) {
  for (const StateName& s : kStates)
    if (s.state == state && s.reason == reason) return s;
  return kStates[0];
}

}  // namespace

std::string formatStatus(const LxcStatus& s) {
  std::string domain = conf::formatDomainXml(s.def, VIR_DOMAIN_XML_SECURE, s.id);
  const StateName& st = stateName(s.state, s.reason);
  std::string out = std::string("<domstatus state='") + st.stateWord + "' reason='" + st.reasonWord + "' pid='" +
                    std::to_string(s.pid) + "' pidStart='" + std::to_string(s.pidStart) + "'";
  if (s.keeper > 0)
    out += " keeper='" + std::to_string(s.keeper) + "' keeperStart='" + std::to_string(s.keeperStart) + "'";
  out += ">\n";
  for (const auto& [resource, dir] : s.cgroups)
    out += std::string("  <cgroup resource='") + cgroup::resourceName(resource) + "' version='" +
           std::to_string(dir.version) + "' path='" + xml::escape(dir.path) + "'/>\n";
  // Indent the domain by two spaces, as libvirt's status files are.
  size_t pos = 0;
  while (pos < domain.size()) {
    size_t eol = domain.find('\n', pos);
    if (eol == std::string::npos) eol = domain.size();
    if (eol > pos) out += "  " + domain.substr(pos, eol - pos) + "\n";
    pos = eol + 1;
  }
  return out + "</domstatus>\n";
}

LxcStatus parseStatus(const std::string& text, const std::string& path) {
  xml::Element root = xml::parseElement(text, path, VIR_FROM_LXC);
  if (root.name != "domstatus") malformed(path, "no <domstatus>");
  LxcStatus s;
  s.pid = static_cast<pid_t>(strtol(root.attrOr("pid", "-1").c_str(), nullptr, 10));
  s.pidStart = strtoull(root.attrOr("pidStart", "0").c_str(), nullptr, 10);
  if (s.pid <= 0) malformed(path, "no pid");
  s.keeper = static_cast<pid_t>(strtol(root.attrOr("keeper", "-1").c_str(), nullptr, 10));
  s.keeperStart = strtoull(root.attrOr("keeperStart", "0").c_str(), nullptr, 10);
  bool known = false;
  for (const StateName& st : kStates) {
    if (root.attrOr("state", "running") == st.stateWord && root.attrOr("reason", "booted") == st.reasonWord) {
      s.state = st.state;
      s.reason = st.reason;
      known = true;
    }
  }
  if (!known) malformed(path, "unknown state '" + root.attrOr("state") + "' reason '" + root.attrOr("reason") + "'");
  for (const xml::Element* c : root.childrenNamed("cgroup")) {
    std::optional<cgroup::Resource> r = cgroup::resourceByName(c->attrOr("resource"));
    int version = atoi(c->attrOr("version").c_str());
    std::string dir = c->attrOr("path");
    if (!r || (version != 1 && version != 2) || dir.empty() || dir[0] != '/')
      malformed(path, "bad <cgroup resource='" + c->attrOr("resource") + "'>");
    s.cgroups[*r] = cgroup::CgroupDir{version, dir};
  }
  const xml::Element* domain = root.child("domain");
  if (!domain) malformed(path, "no <domain>");
  s.id = static_cast<int>(strtol(domain->attrOr("id", "-1").c_str(), nullptr, 10));
  if (s.id < 0) malformed(path, "no domain id");
  std::string domainText = text.substr(text.find("<domain "));
  domainText = domainText.substr(0, domainText.rfind("</domstatus>"));
  s.def = conf::parseDomainXml(domainText, 0);
  return s;
}

}  // namespace vireo::lxc
