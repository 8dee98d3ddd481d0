// Validation of a domain document against libvirt's RelaxNG schema, for
// VIR_DOMAIN_DEFINE_VALIDATE and VIR_DOMAIN_START_VALIDATE.
//
// vireo does not ship a schema of its own: it reads the one libvirt installs
// as data (Debian's libvirt0 puts it in /usr/share/libvirt/schemas), so a
// document is held to exactly the grammar libvirt would apply.
#pragma once

#include <string>

#include "lib/util/xml.h"

namespace vireo::conf {

// Where libvirt (with its default prefix, and Debian's libvirt0) installs the
// domain schema; domain.rng includes its siblings from the same folder.
inline constexpr const char* kDomainSchemaPath = "/usr/share/libvirt/schemas/domain.rng";

// Checks `doc` against the RelaxNG schema in `schemaPath`, as libvirt's
// virXMLValidateAgainstSchema does. Throws vireo::Error, domain VIR_FROM_XML:
//   VIR_ERR_XML_INVALID_SCHEMA  "XML document failed to validate against schema: Unable to
//                               validate doc against PATH\n" and each of libxml2's messages,
//                               every one ending in a newline;
//   VIR_ERR_INTERNAL_ERROR      "internal error: Unable to parse RNG PATH: " and libxml2's
//                               reason, when the schema is missing or cannot be read.
// The schema is parsed once per path and process and then shared by every
// thread; a schema that failed to load is tried again on the next call.
void validateAgainstSchema(const xml::Document& doc, const std::string& schemaPath);

}  // namespace vireo::conf
