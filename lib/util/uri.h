// Connection URIs: "test:///default", "qemu:///embed?root=/tmp/x",
// "qemu+ssh://user@host:22/system?keyfile=/k".
//
// Parsed the way libvirt 9.0.0's virURIParse does it, which is libxml2's
// xmlParseURI (RFC 3986) followed by a few fix-ups; vireo calls the same
// libxml2 function, so that a URI libvirt rejects is rejected here too and the
// decoded fields are byte for byte the same. Aliases (uri_aliases in
// libvirt.conf) and the default URI are resolved by the caller, not here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vireo {

struct Uri {
  // As written, case kept ("QEMU+SSH" stays so; drivers that need lowercase
  // check it themselves). Includes the transport: "qemu+ssh".
  std::string scheme;
  // The part of the scheme after the first '+' ("ssh" in "qemu+ssh"), or empty.
  std::string transport;
  // The userinfo before '@', percent-decoded.
  std::string user;
  // The host, percent-decoded; an IPv6 literal loses its brackets ("::1").
  std::string server;
  // 0 when the URI names no port (or no server).
  int port = 0;
  // Percent-decoded: "test:///tmp/a%20b.xml" gives "/tmp/a b.xml".
  std::string path;
  // The raw query, not decoded: "root=/tmp/x&a=%20".
  std::string query;
  // The decoded query parameters in order, split the way libvirt splits them:
  // at the first '&' if there is one left, else at the first ';' (so in
  // "a=1;b=2&c=3", a is "1;b=2"). "name" alone gives an empty value; empty
  // sections and "=value" are skipped.
  std::vector<std::pair<std::string, std::string>> params;
  // Percent-decoded, without the '#'.
  std::string fragment;

  // Parses `text`. An empty text gives an empty Uri. Throws vireo::Error
  // VIR_ERR_INTERNAL_ERROR, VIR_FROM_URI, "internal error: Unable to parse URI
  // <text>" when libxml2 rejects it (a space, a bad %-escape, an empty or
  // non-numeric port, an unclosed '[', a NUL byte, ...), exactly as libvirt.
  static Uri parse(std::string_view text);

  // The value of the parameter `name` (compared exactly); when it is given
  // several times the last one, as libvirt's drivers read their parameters in
  // order and keep the last. nullopt when absent.
  std::optional<std::string> param(std::string_view name) const;

  // The scheme without "+transport": "qemu" for "qemu+ssh".
  std::string driverScheme() const;

  // Formats the URI as libvirt's virURIFormat does: scheme, "//" even when
  // there is no server ("test:///default"), user, server (IPv6 re-bracketed),
  // port when non-zero, path, the raw `query` and the fragment, escaped by
  // libxml2. `params` and `transport` are not consulted. An empty field is
  // treated as absent.
  std::string toString() const;
};

}  // namespace vireo
