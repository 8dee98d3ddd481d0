#include "lib/conf/storage_common.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>

#include "lib/conf/units.h"
#include "lib/util/error.h"
#include "lib/util/uuid.h"

namespace vireo::conf {

namespace {

[[noreturn]] void storageXmlError(const std::string& msg) { fail(VIR_ERR_XML_ERROR, VIR_FROM_STORAGE, msg); }

bool allDigits(std::string_view s, std::string_view digits) {
  return !s.empty() && s.find_first_not_of(digits) == std::string_view::npos;
}

// An owner or group: libvirt reads a 32-bit unsigned number where "-1" (and
// its unsigned twin 4294967295) means "not set"; anything else negative is
// refused.
std::optional<unsigned> parseId(const std::string& text, const char* what) {
  std::string_view digits = text;
  if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
  if (text == "-1") return std::nullopt;
  errno = 0;
  unsigned long long v =
      allDigits(digits, "0123456789") ? std::strtoull(std::string(digits).c_str(), nullptr, 10) : ULLONG_MAX;
  if (errno || v > 0xffffffffULL) storageXmlError(std::string("malformed ") + what + " element");
  if (v == 0xffffffffULL) return std::nullopt;
  return static_cast<unsigned>(v);
}

}  // namespace

StoragePerms parseStoragePerms(const xml::Element* e) {
  StoragePerms p;
  if (!e) return p;
  if (const xml::Element* m = e->child("mode")) {
    std::string text = m->textContent();
    // An empty <mode/> leaves the mode unset, as an absent one does.
    if (!text.empty()) {
      unsigned long v = allDigits(text, "01234567") ? std::strtoul(text.c_str(), nullptr, 8) : 01000;
      if (v > 0777) storageXmlError("malformed octal mode");
      p.mode = static_cast<unsigned>(v);
    }
  }
  if (const xml::Element* o = e->child("owner")) p.owner = parseId(o->textContent(), "owner");
  if (const xml::Element* g = e->child("group")) p.group = parseId(g->textContent(), "group");
  if (const xml::Element* l = e->child("label")) p.label = l->textContent();
  return p;
}

void writeStoragePerms(xml::Writer& w, const StoragePerms& p) {
  if (p.empty()) return;
  w.open("permissions");
  if (p.mode) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0%o", *p.mode);
    w.textElement("mode", buf);
  }
  if (p.owner) w.textElement("owner", std::to_string(*p.owner));
  if (p.group) w.textElement("group", std::to_string(*p.group));
  if (!p.label.empty()) w.textElement("label", p.label);
  w.close();
}

SecretRef parseSecretRef(const xml::Element& e) {
  const std::string* uuid = e.attr("uuid");
  const std::string* usage = e.attr("usage");
  if (uuid && usage) fail(VIR_ERR_XML_ERROR, VIR_FROM_NONE, "either secret uuid or usage expected");
  if (!uuid && !usage) fail(VIR_ERR_XML_ERROR, VIR_FROM_NONE, "missing secret uuid or usage attribute");
  SecretRef s;
  if (usage) {
    s.usage = *usage;
    return s;
  }
  auto parsed = Uuid::parse(*uuid);
  if (!parsed) fail(VIR_ERR_XML_ERROR, VIR_FROM_NONE, "invalid secret uuid '" + *uuid + "'");
  s.uuid = parsed->toString();
  return s;
}

void writeSecretRef(xml::Writer& w, const SecretRef& s) {
  if (!s.uuid.empty())
    w.attr("uuid", s.uuid);
  else
    w.attr("usage", s.usage);
}

unsigned long long parseStorageBytes(const std::string& value, const std::string& unit,
                                     std::string_view what) {
  std::string_view digits = value;
  if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
  errno = 0;
  unsigned long long n = 0;
  if (allDigits(digits, "0123456789")) n = std::strtoull(std::string(digits).c_str(), nullptr, 10);
  if (!allDigits(digits, "0123456789") || errno)
    storageXmlError("malformed " + std::string(what) + " element");
  unsigned long long scale = unitScale(unit, 1);
  // Sizes must fit a signed 64-bit byte count, as libvirt checks.
  const auto limit = static_cast<unsigned long long>(LLONG_MAX);
  if (n && scale > limit / n) fail(VIR_ERR_OVERFLOW, VIR_FROM_NONE, "value too large: " + value + unit);
  return n * scale;
}

std::string sanitizePath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    bool repeatedSlash = path[i] == '/' && !out.empty() && out.back() == '/';
    // A leading pair of slashes survives ("//host/x" stays), three or more
    // do not ("///x" is "/x").
    bool leadingPair = i == 1 && (path.size() < 3 || path[2] != '/');
    if (repeatedSlash && !leadingPair) continue;
    out += path[i];
  }
  // A trailing slash goes, except from "/" and "//" themselves.
  if (out.size() > 1 && out.back() == '/' && out != "//") out.pop_back();
  return out;
}

int enumIndex(const std::vector<std::string_view>& names, std::string_view value) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == value) return static_cast<int>(i);
  return -1;
}

std::optional<std::string> enumAttr(const xml::Element& e, std::string_view attr,
                                    const std::vector<std::string_view>& names) {
  const std::string* v = e.attr(attr);
  if (!v) return std::nullopt;
  if (enumIndex(names, *v) < 0)
    fail(
        VIR_ERR_XML_ERROR, VIR_FROM_XML,
        "Invalid value for attribute '" + std::string(attr) + "' in element '" + e.name + "': '" + *v + "'.");
  return *v;
}

std::optional<bool> yesNoAttr(const xml::Element& e, std::string_view attr) {
  auto v = enumAttr(e, attr, {"yes", "no"});
  if (!v) return std::nullopt;
  return *v == "yes";
}

std::optional<long long> intAttr(const xml::Element& e, std::string_view attr, bool nonNegative) {
  const std::string* v = e.attr(attr);
  if (!v) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  long long n = std::strtoll(v->c_str(), &end, 10);
  if (v->empty() || *end || errno || (nonNegative && (n < 0 || v->find('-') != std::string::npos)))
    fail(VIR_ERR_XML_ERROR, VIR_FROM_XML,
         "Invalid value for attribute '" + std::string(attr) + "' in element '" + e.name + "': '" + *v +
             "'. Expected " + (nonNegative ? "non-negative " : "") + "integer value");
  return n;
}

void failMissingAttr(const xml::Element& e, std::string_view attr) {
  fail(VIR_ERR_XML_ERROR, VIR_FROM_XML,
       "Missing required attribute '" + std::string(attr) + "' in element '" + e.name + "'");
}

xml::Element parseRoot(std::string_view text, std::string_view url, std::string_view rootName,
                       virErrorDomain domain) {
  xml::Element root = xml::parseElement(text, url, domain);
  if (root.name != rootName)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_XML,
         "expecting root element of '" + std::string(rootName) + "', not '" + root.name + "'");
  return root;
}

}  // namespace vireo::conf
