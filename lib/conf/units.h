// Memory sizes with units, as libvirt reads them.
#pragma once

#include <optional>
#include <string>

namespace vireo::conf {

// Bytes per `unit`: "b"/"bytes" 1; "KB" 1000, "k"/"KiB" 1024; likewise M, G,
// T, P, E. An empty unit means `defaultScale`. Throws vireo::Error
// VIR_ERR_INVALID_ARG "unknown suffix 'X'" for anything else.
unsigned long long unitScale(const std::string& unit, unsigned long long defaultScale);

// Parses "<number>" in `unit` into KiB, rounding up to a whole KiB as libvirt
// does. `what` names the element in error messages. Throws vireo::Error.
unsigned long long parseMemoryKiB(const std::string& value, const std::string& unit,
                                  const std::string& what);

// Parses "<number>" in `unit` (bytes when empty) into bytes, as libvirt
// reads a scaled value whose default unit is the byte. `what` is the XPath
// libvirt's messages name. Throws vireo::Error (VIR_ERR_XML_ERROR from
// VIR_FROM_XML for anything but decimal digits, VIR_ERR_OVERFLOW past 64 bits).
unsigned long long parseScaledBytes(const std::string& value, const std::string& unit, const std::string& what);

}  // namespace vireo::conf
