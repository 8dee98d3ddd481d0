// <title>, <description> and <metadata> children: virDomainGetMetadata and
// virDomainSetMetadata semantics.
#include <libvirt/libvirt.h>

#include "lib/conf/domain.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

[[noreturn]] void notFound() {
  fail(VIR_ERR_NO_DOMAIN_METADATA, VIR_FROM_DOMAIN, "Requested metadata element is not present");
}

// Gives `e` the namespace `uri` under prefix `key`, replacing the namespace
// it was written with.
void setNamespace(xml::Element& e, const std::string& key, const std::string& uri) {
  std::string oldPrefix;
  if (auto colon = e.name.find(':'); colon != std::string::npos) oldPrefix = e.name.substr(0, colon);
  e.name = key + ":" + std::string(e.localName());
  std::erase_if(e.nsDecls, [&](const auto& d) { return d.first == oldPrefix || d.first == key; });
  e.nsDecls.insert(e.nsDecls.begin(), {key, uri});
  e.nsUri = uri;
}

}  // namespace

namespace {

void stripNamespace(xml::Element& e, std::string_view uri) {
  if (!e.isElement()) return;
  if (e.nsUri == uri) {
    e.name = std::string(e.localName());
    e.nsUri.clear();
  }
  std::erase_if(e.nsDecls, [&](const auto& d) { return d.second == uri; });
  for (auto& c : e.children) stripNamespace(c, uri);
}

}  // namespace

std::string getMetadata(const DomainDef& def, int type, std::string_view uri) {
  switch (type) {
    case VIR_DOMAIN_METADATA_DESCRIPTION:
      if (def.description.empty()) notFound();
      return def.description;
    case VIR_DOMAIN_METADATA_TITLE:
      if (def.title.empty()) notFound();
      return def.title;
    case VIR_DOMAIN_METADATA_ELEMENT:
      for (const auto& m : def.metadata)
        if (m.nsUri == uri) {
          // The application gets its element back without the prefix and
          // namespace declaration it is stored with.
          xml::Element plain = m;
          stripNamespace(plain, uri);
          xml::Writer w;
          w.element(plain, true);
          std::string s = w.str();
          if (!s.empty() && s.back() == '\n') s.pop_back();
          return s;
        }
      notFound();
    default:
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "unknown metadata type '" + std::to_string(type) + "'");
  }
}

void setMetadata(DomainDef& def, int type, const char* value, const char* key, const char* uri) {
  std::string v = value ? value : "";
  switch (type) {
    case VIR_DOMAIN_METADATA_DESCRIPTION:
      def.description = v;
      return;
    case VIR_DOMAIN_METADATA_TITLE:
      if (v.find('\n') != std::string::npos)
        fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "Domain title can't contain newlines");
      def.title = v;
      return;
    case VIR_DOMAIN_METADATA_ELEMENT: {
      if (!uri || !*uri) fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "uri must not be NULL");
      std::optional<xml::Element> parsed;
      if (!v.empty()) {
        if (!key || !*key) fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "key must not be NULL");
        parsed = xml::parseElement(v, "(metadata_xml)", VIR_FROM_DOMAIN);
        setNamespace(*parsed, key, uri);
      }
      // One child per namespace: the new one replaces the old in place.
      auto it = std::find_if(def.metadata.begin(), def.metadata.end(),
                             [&](const xml::Element& m) { return m.nsUri == uri; });
      if (it != def.metadata.end()) {
        if (parsed) *it = std::move(*parsed);
        else def.metadata.erase(it);
      } else if (parsed) {
        def.metadata.push_back(std::move(*parsed));
      }
      return;
    }
    default:
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "unknown metadata type '" + std::to_string(type) + "'");
  }
}

}  // namespace vireo::conf
