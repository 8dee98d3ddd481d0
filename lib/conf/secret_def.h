// The secret model: libvirt's <secret> XML (formatsecret), parsed and
// checked as virSecretDefineXML does and formatted as virSecretGetXMLDesc
// writes it. The secret's value is not part of the XML.
#pragma once

#include <string>
#include <string_view>

#include "lib/util/uuid.h"

namespace vireo::conf {

struct SecretDef {
  bool ephemeral = false;  // kept in memory only
  bool isPrivate = false;  // the value may not be read back
  Uuid uuid;
  std::string description;
  // libvirt's virSecretUsageType name: "none" (no <usage>), "volume",
  // "ceph", "iscsi", "tls" or "vtpm".
  std::string usageType = "none";
  // The usage id: the volume path, the ceph/tls/vtpm name or the iSCSI
  // target, by which virSecretLookupByUsage finds the secret.
  std::string usageId;
  bool operator==(const SecretDef&) const = default;
};

// The virSecretUsageType number of a usage name (VIR_SECRET_USAGE_TYPE_*),
// -1 for an unknown one.
int secretUsageTypeNumber(std::string_view usageType);

// Parses a <secret> document; a missing UUID is generated. Throws
// vireo::Error (domain VIR_FROM_SECRET unless noted): VIR_ERR_XML_DETAIL for
// XML that does not parse, VIR_ERR_XML_ERROR (VIR_FROM_XML) for another root,
// VIR_ERR_XML_ERROR "invalid value of 'ephemeral'", VIR_ERR_INTERNAL_ERROR
// "malformed uuid element", VIR_ERR_CONFIG_UNSUPPORTED "unknown secret usage
// type X", VIR_ERR_INTERNAL_ERROR "<usage> usage specified, but <id> is
// missing".
SecretDef parseSecretXml(std::string_view xml);

// Formats `def` as libvirt does.
std::string formatSecretXml(const SecretDef& def);

}  // namespace vireo::conf
