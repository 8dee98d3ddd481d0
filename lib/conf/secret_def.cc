#include "lib/conf/secret_def.h"

#include <array>

#include "lib/conf/storage_common.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

// Each usage type, the child element that holds its usage id, and the
// name libvirt gives it in the message about a missing id.
struct UsageInfo {
  std::string_view type, child, label, idName;
};
constexpr std::array<UsageInfo, 6> kUsages = {{
    {"none", "", "", ""},
    {"volume", "volume", "volume", "volume path"},
    {"ceph", "name", "Ceph", "name"},
    {"iscsi", "target", "iSCSI", "target"},
    {"tls", "name", "TLS", "name"},
    {"vtpm", "name", "vTPM", "name"},
}};

const UsageInfo* usageInfo(std::string_view type) {
  for (const UsageInfo& u : kUsages)
    if (u.type == type) return &u;
  return nullptr;
}

bool yesNo(const xml::Element& root, const char* attr) {
  const std::string* v = root.attr(attr);
  if (!v) return false;
  if (*v != "yes" && *v != "no")
    fail(VIR_ERR_XML_ERROR, VIR_FROM_SECRET, std::string("invalid value of '") + attr + "'");
  return *v == "yes";
}

void parseUsage(const xml::Element& usage, SecretDef& def) {
  const std::string* type = usage.attr("type");
  if (!type) fail(VIR_ERR_XML_ERROR, VIR_FROM_SECRET, "unknown secret usage type");
  const UsageInfo* info = usageInfo(*type);
  if (!info) fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_SECRET, "unknown secret usage type " + *type);
  def.usageType = *type;
  if (info->child.empty()) return;
  const xml::Element* id = usage.child(info->child);
  def.usageId = id ? id->textContent() : "";
  if (def.usageId.empty())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_SECRET,
         std::string(info->label) + " usage specified, but " + std::string(info->idName) + " is missing");
}

}  // namespace

int secretUsageTypeNumber(std::string_view usageType) {
  for (std::size_t i = 0; i < kUsages.size(); ++i)
    if (kUsages[i].type == usageType) return static_cast<int>(i);
  return -1;
}

SecretDef parseSecretXml(std::string_view xml) {
  xml::Element root = parseRoot(xml, "(definition_of_secret)", "secret", VIR_FROM_SECRET);
  SecretDef def;
  def.ephemeral = yesNo(root, "ephemeral");
  def.isPrivate = yesNo(root, "private");
  const xml::Element* uuid = root.child("uuid");
  std::string text = uuid ? uuid->textContent() : "";
  if (text.empty()) {
    def.uuid = Uuid::generate();
  } else {
    auto u = Uuid::parse(text);
    if (!u) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_SECRET, "malformed uuid element");
    def.uuid = *u;
  }
  if (const xml::Element* d = root.child("description")) def.description = d->textContent();
  if (const xml::Element* usage = root.child("usage")) parseUsage(*usage, def);
  return def;
}

std::string formatSecretXml(const SecretDef& def) {
  xml::Writer w;
  w.open("secret")
      .attr("ephemeral", def.ephemeral ? "yes" : "no")
      .attr("private", def.isPrivate ? "yes" : "no");
  w.textElement("uuid", def.uuid.toString());
  if (!def.description.empty()) w.textElement("description", def.description);
  const UsageInfo* info = usageInfo(def.usageType);
  if (info && !info->child.empty()) {
    w.open("usage").attr("type", def.usageType);
    w.textElement(info->child, def.usageId);
    w.close();
  }
  w.close();
  return w.take();
}

}  // namespace vireo::conf
