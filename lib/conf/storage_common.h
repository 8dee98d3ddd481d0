// Pieces that the storage pool and volume models share: permissions, byte
// sizes, paths, secret references and libvirt's attribute-enum errors.
//
// Every parse function throws vireo::Error with libvirt's code, domain and
// message for the input it refuses.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/util/xml.h"

namespace vireo::conf {

// <permissions> of a pool target, a volume target or a backing store. An
// unset field is not written (libvirt's -1).
struct StoragePerms {
  std::optional<unsigned> mode;  // 0 .. 0777
  std::optional<unsigned> owner;
  std::optional<unsigned> group;
  std::string label;
  bool empty() const { return !mode && !owner && !group && label.empty(); }
  bool operator==(const StoragePerms&) const = default;
};

// Reads <permissions> (`e` may be null: no permissions). Throws
// VIR_ERR_XML_ERROR "malformed octal mode" / "malformed owner element" /
// "malformed group element".
StoragePerms parseStoragePerms(const xml::Element* e);
// Writes <permissions> unless `p` is empty.
void writeStoragePerms(xml::Writer& w, const StoragePerms& p);

// A secret named by UUID or by usage, as in <secret uuid='...'/> or
// <secret usage='...'/>: exactly one of the two is set.
struct SecretRef {
  std::string uuid;  // canonical form
  std::string usage;
  bool operator==(const SecretRef&) const = default;
};

// Reads the uuid/usage attributes of `e`. Throws VIR_ERR_XML_ERROR (domain
// VIR_FROM_NONE, as libvirt) "either secret uuid or usage expected",
// "missing secret uuid or usage attribute", "invalid secret uuid 'X'".
SecretRef parseSecretRef(const xml::Element& e);
// Adds uuid='...' or usage='...' to the element just opened.
void writeSecretRef(xml::Writer& w, const SecretRef& s);

// A size in bytes: `value` in `unit` (bytes when empty), as libvirt reads
// <capacity>/<allocation>: decimal digits, an optional '+', no spaces.
// Throws VIR_ERR_XML_ERROR "malformed <what> element" (domain storage),
// VIR_ERR_INVALID_ARG "unknown suffix" or VIR_ERR_OVERFLOW "value too large".
unsigned long long parseStorageBytes(const std::string& value, const std::string& unit,
                                     std::string_view what);

// libvirt's path clean-up: repeated '/' collapse into one (a leading "//"
// stays, as POSIX gives it its own meaning) and a trailing '/' goes.
std::string sanitizePath(std::string_view path);

// The index of `value` in `names`, or -1.
int enumIndex(const std::vector<std::string_view>& names, std::string_view value);

// The value of an enum attribute as libvirt's XML helpers check it:
// nullopt if absent; VIR_ERR_XML_ERROR (domain VIR_FROM_XML) "Invalid value
// for attribute 'A' in element 'E': 'V'." if not in `names`.
std::optional<std::string> enumAttr(const xml::Element& e, std::string_view attr,
                                    const std::vector<std::string_view>& names);
// Likewise for yes/no attributes.
std::optional<bool> yesNoAttr(const xml::Element& e, std::string_view attr);
// An integer attribute: VIR_ERR_XML_ERROR (VIR_FROM_XML) "Invalid value for
// attribute 'A' in element 'E': 'V'. Expected integer value" (or
// "non-negative integer" when `nonNegative`).
std::optional<long long> intAttr(const xml::Element& e, std::string_view attr, bool nonNegative);
// An attribute that libvirt's XML helpers require: VIR_ERR_XML_ERROR
// (VIR_FROM_XML) "Missing required attribute 'A' in element 'E'".
[[noreturn]] void failMissingAttr(const xml::Element& e, std::string_view attr);

// The root element of `text` if it is named `rootName`. Throws
// VIR_ERR_XML_DETAIL for XML that does not parse (`url` names the document,
// as libvirt does) and VIR_ERR_XML_ERROR (VIR_FROM_XML) "expecting root
// element of 'R', not 'X'".
xml::Element parseRoot(std::string_view text, std::string_view url, std::string_view rootName,
                       virErrorDomain domain);

}  // namespace vireo::conf
