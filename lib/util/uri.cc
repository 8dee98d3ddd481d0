#include "lib/util/uri.h"

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include <memory>
#include <new>

#include "lib/util/error.h"

namespace vireo {
namespace {

struct XmlUriFree {
  void operator()(xmlURI* uri) const { xmlFreeURI(uri); }
};
struct XmlCharFree {
  void operator()(void* p) const { xmlFree(p); }
};
using XmlChars = std::unique_ptr<char, XmlCharFree>;

std::string orEmpty(const char* s) { return s ? std::string(s) : std::string(); }

// libxml2's unescaping (valid %XX decoded, anything else copied), which is
// what libvirt applies to parameter names and values. A decoded NUL ends the
// string, as it does in C.
std::string unescape(std::string_view raw) {
  if (raw.empty()) return {};
  XmlChars out(xmlURIUnescapeString(raw.data(), static_cast<int>(raw.size()), nullptr));
  if (!out) throw std::bad_alloc();
  return std::string(out.get());
}

// libvirt's virURIParseParams, including its separator rule: the section ends
// at the next '&' anywhere in the rest of the query, and only when there is
// none at a ';'.
std::vector<std::pair<std::string, std::string>> parseParams(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  while (!query.empty()) {
    std::size_t end = query.find('&');
    if (end == std::string_view::npos) end = query.find(';');
    if (end == std::string_view::npos) end = query.size();
    std::string_view section = query.substr(0, end);
    std::size_t eq = section.find('=');

    if (section.empty() || eq == 0) {
      // An empty section ("&&") or "=value", which CGI.pm ignores too.
    } else if (eq == std::string_view::npos) {
      params.emplace_back(unescape(section), std::string());
    } else {
      params.emplace_back(unescape(section.substr(0, eq)), unescape(section.substr(eq + 1)));
    }
    query.remove_prefix(end < query.size() ? end + 1 : end);
  }
  return params;
}

// "[::1]" -> "::1". Like libvirt, only a bracketed string holding a ':' is
// taken for an IPv6 literal.
std::string stripIPv6Brackets(std::string server) {
  if (server.size() >= 2 && server.front() == '[' && server.back() == ']' &&
      server.find(':') != std::string::npos)
    return server.substr(1, server.size() - 2);
  return server;
}

char* cstrOrNull(const std::string& s) { return s.empty() ? nullptr : const_cast<char*>(s.c_str()); }

}  // namespace

Uri Uri::parse(std::string_view text) {
  const std::string copy(text);
  // A NUL inside the text would silently cut it short in libxml2.
  std::unique_ptr<xmlURI, XmlUriFree> xml(copy.find('\0') == std::string::npos ? xmlParseURI(copy.c_str())
                                                                                 : nullptr);
  // libxml2 does not say what it disliked, so neither can libvirt or vireo.
  if (!xml) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_URI, "Unable to parse URI " + copy);

  Uri uri;
  uri.scheme = orEmpty(xml->scheme);
  if (auto plus = uri.scheme.find('+'); plus != std::string::npos) uri.transport = uri.scheme.substr(plus + 1);
  uri.user = orEmpty(xml->user);
  uri.server = stripIPv6Brackets(orEmpty(xml->server));
  // libxml2 sets port to -1 or 0 for "scheme:///path" depending on its
  // version; libvirt ignores the port whenever there is no server.
  uri.port = (uri.server.empty() || xml->port < 0) ? 0 : xml->port;
  uri.path = orEmpty(xml->path);
  uri.query = orEmpty(xml->query_raw);  // libvirt keeps the raw form
  uri.fragment = orEmpty(xml->fragment);
  uri.params = parseParams(uri.query);
  return uri;
}

std::optional<std::string> Uri::param(std::string_view name) const {
  for (auto it = params.rbegin(); it != params.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  return std::nullopt;
}

std::string Uri::driverScheme() const { return scheme.substr(0, scheme.find('+')); }

std::string Uri::toString() const {
  const std::string bracketed = server.find(':') != std::string::npos ? "[" + server + "]" : server;
  xmlURI xml{};
  xml.scheme = cstrOrNull(scheme);
  xml.user = cstrOrNull(user);
  xml.server = cstrOrNull(bracketed);
  xml.port = port;
  xml.path = cstrOrNull(path);
  xml.query_raw = cstrOrNull(query);
  xml.fragment = cstrOrNull(fragment);
  // libxml2 writes "//" for port -1 even without a server; this is how
  // libvirt keeps "test:///default" from coming out as "test:/default".
  if (!xml.server && xml.port == 0) xml.port = -1;
  XmlChars out(reinterpret_cast<char*>(xmlSaveUri(&xml)));
  if (!out) throw std::bad_alloc();
  return std::string(out.get());
}

}  // namespace vireo
