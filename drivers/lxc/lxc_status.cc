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

}  // namespace

std::string formatStatus(const LxcStatus& s) {
  std::string domain = conf::formatDomainXml(s.def, VIR_DOMAIN_XML_SECURE, s.id);
  std::string out = "<domstatus state='running' reason='booted' pid='" + std::to_string(s.pid) + "' pidStart='" +
                    std::to_string(s.pidStart) + "'>\n";
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
  const xml::Element* domain = root.child("domain");
  if (!domain) malformed(path, "no <domain>");
  s.id = static_cast<int>(strtol(domain->attrOr("id", "-1").c_str(), nullptr, 10));
  if (s.id < 0) malformed(path, "no domain id");
  std::string domainText = text.substr(text.find("<domain"));
  domainText = domainText.substr(0, domainText.rfind("</domstatus>"));
  s.def = conf::parseDomainXml(domainText, 0);
  return s;
}

}  // namespace vireo::lxc
