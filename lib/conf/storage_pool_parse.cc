// Reading a <pool> document as virStoragePoolDefineXML does: parse, fill in
// libvirt's defaults, check.
#include "lib/conf/storage_pool_internal.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

[[noreturn]] void xmlError(const std::string& msg) { fail(VIR_ERR_XML_ERROR, VIR_FROM_STORAGE, msg); }

PoolType parseType(const xml::Element& root) {
  const std::string* type = root.attr("type");
  if (!type) failMissingAttr(root, "type");
  auto t = poolTypeFromName(*type);
  if (!t)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_XML,
         "Invalid value for attribute 'type' in element 'pool': '" + *type + "'.");
  return *t;
}

void parseNameAndUuid(const xml::Element& root, StoragePoolDef& def) {
  const xml::Element* name = root.child("name");
  def.name = name ? name->textContent() : "";
  // Pools named after their source (a volume group, a zpool) may leave the
  // pool name out.
  if (def.name.empty() && poolTypeInfo(def.type).sourceName) def.name = def.source.name;
  if (def.name.empty()) xmlError("missing pool source name element");
  if (def.name.find('/') != std::string::npos) xmlError("name " + def.name + " cannot contain '/'");
  const xml::Element* uuid = root.child("uuid");
  std::string text = uuid ? uuid->textContent() : "";
  if (text.empty()) {
    def.uuid = Uuid::generate();
    return;
  }
  auto u = Uuid::parse(text);
  if (!u) xmlError("malformed uuid element");
  def.uuid = *u;
}

void parseFeatures(const xml::Element& root, StoragePoolDef& def) {
  const xml::Element* features = root.child("features");
  const xml::Element* cow = features ? features->child("cow") : nullptr;
  if (!cow) return;
  auto state = yesNoAttr(*cow, "state");
  // <cow/> without a state says nothing.
  if (!state) return;
  if (def.type != PoolType::Fs && def.type != PoolType::Dir)
    fail(VIR_ERR_NO_SUPPORT, VIR_FROM_STORAGE, "cow feature may only be used for 'fs' and 'dir' pools");
  def.cow = state;
}

void parseTarget(const xml::Element& root, StoragePoolDef& def) {
  if (poolTypeInfo(def.type).network) return;
  const xml::Element* target = root.child("target");
  // Logical and zfs pools live where their volume group / zpool appears,
  // whatever the document says.
  if (def.type == PoolType::Logical) {
    def.targetPath = "/dev/" + def.source.name;
  } else if (def.type == PoolType::Zfs) {
    def.targetPath = "/dev/zvol/" + def.source.name;
  } else {
    const xml::Element* path = target ? target->child("path") : nullptr;
    std::string text = path ? path->textContent() : "";
    if (text.empty()) xmlError("missing storage pool target path");
    def.targetPath = sanitizePath(text);
  }
  def.targetPerms = parseStoragePerms(target ? target->child("permissions") : nullptr);
}

void parseRefresh(const xml::Element& root, StoragePoolDef& def) {
  const xml::Element* refresh = root.child("refresh");
  const xml::Element* volume = refresh ? refresh->child("volume") : nullptr;
  const std::string* allocation = volume ? volume->attr("allocation") : nullptr;
  if (!allocation) return;
  if (*allocation != "default" && *allocation != "capacity")
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_STORAGE,
         "unknown storage pool volume refresh allocation type " + *allocation);
  def.refreshAllocation = *allocation;
}

}  // namespace

StoragePoolDef parseStoragePoolXml(std::string_view xml) {
  xml::Element root = parseRoot(xml, "(storage_pool_definition)", "pool", VIR_FROM_STORAGE);
  StoragePoolDef def;
  def.type = parseType(root);
  def.source = parsePoolSource(root.child("source"), def.type);
  parseNameAndUuid(root, def);
  parseFeatures(root, def);
  completePoolSource(def.source, def.type, def.name);
  parseTarget(root, def);
  parseRefresh(root, def);
  return def;
}

}  // namespace vireo::conf
