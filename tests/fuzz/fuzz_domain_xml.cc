// libFuzzer target: a domain XML document through lib/conf as the test
// driver's virDomainDefineXML takes it: parse (with the post-parse defaults
// and checks, and the schema checks of VIR_DOMAIN_DEFINE_VALIDATE on every
// other input), then format it live and inactive, and parse the formatted
// text again. A refusal (vireo::Error) is a normal outcome; a crash, a
// sanitizer report, a leak or another exception is a finding.
#include <libvirt/libvirt.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lib/conf/domain.h"
#include "lib/util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the flags, so that both parse modes are covered
  // by one corpus; the rest is the document.
  unsigned flags = vireo::conf::ParseInactive;
  if (data[0] & 1) flags |= vireo::conf::ParseValidate;
  std::string_view xml(reinterpret_cast<const char*>(data) + 1, size - 1);
  vireo::conf::DomainDef def;
  try {
    def = vireo::conf::parseDomainXml(xml, flags);
  } catch (const vireo::Error&) {
    return 0;
  }
  // What the driver formats must format again and parse back: libvirt's
  // round trip. Formatting a definition the parser accepted must not fail.
  std::string live = vireo::conf::formatDomainXml(def, VIR_DOMAIN_XML_SECURE, 1);
  std::string inactive = vireo::conf::formatDomainXml(def, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE, -1);
  try {
    vireo::conf::DomainDef again = vireo::conf::parseDomainXml(inactive, vireo::conf::ParseInactive);
    (void)vireo::conf::formatDomainXml(again, VIR_DOMAIN_XML_INACTIVE, -1);
  } catch (const vireo::Error&) {
    // A definition that does not read back is a conformance matter, not a
    // memory-safety one; the conformance suite judges it.
  }
  (void)live;
  return 0;
}
