// <domaincheckpoint> as libvirt 9.0 reads, completes and writes it
// (virDomainCheckpointDefParse, ...AlignDisks, ...DefFormat).
#include <charconv>

#include "lib/conf/domain.h"
#include "lib/conf/domain_checkpoint_def.h"
#include "lib/conf/domain_snapshot_def.h"
#include "lib/conf/storage_common.h"
#include "lib/util/error.h"
#include "lib/util/xml.h"

namespace vireo::conf {

namespace {

constexpr virErrorDomain kArea = VIR_FROM_DOMAIN_CHECKPOINT;

// What libvirt's schema check (domaincheckpoint.rng) would refuse.
[[noreturn]] void failSchema(const std::string& detail) {
  fail(VIR_ERR_XML_INVALID_SCHEMA, VIR_FROM_XML,
       "Unable to validate doc against /usr/share/libvirt/schemas/domaincheckpoint.rng\n" + detail);
}

CheckpointDiskDef parseDisk(const xml::Element& e) {
  CheckpointDiskDef disk;
  const std::string* name = e.attr("name");
  if (!name) failSchema("Element disk failed to validate attributes");
  disk.name = *name;
  disk.checkpoint = e.attrOr("checkpoint");
  disk.bitmap = e.attrOr("bitmap");
  if (!disk.checkpoint.empty() && disk.checkpoint != "no" && disk.checkpoint != "bitmap")
    failSchema("Element disk failed to validate attributes");
  if (disk.checkpoint == "no" && e.hasAttr("bitmap"))
    failSchema("Element disk failed to validate attributes");
  return disk;
}

void parseRedefinition(const xml::Element& root, DomainCheckpointDef& def) {
  if (def.name.empty()) fail(VIR_ERR_XML_ERROR, kArea, "a redefined checkpoint must have a name");
  const xml::Element* created = root.child("creationTime");
  std::string text = created ? created->textContent() : "";
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), def.creationTime);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    fail(VIR_ERR_INTERNAL_ERROR, kArea, "missing creationTime from existing checkpoint");
  if (const xml::Element* parent = root.child("parent"))
    if (const xml::Element* name = parent->child("name")) def.parent = name->textContent();
  // Old checkpoints carry no definition (or one without a type).
  const xml::Element* domain = root.child("domain");
  if (domain && domain->hasAttr("type")) {
    xml::Writer w;
    w.element(*domain);
    def.domain = parseDomainXml(w.take(), ParseInactive);
  }
}

int findDomainDisk(const DomainDef& domain, const std::string& name) {
  for (std::size_t i = 0; i < domain.disks.size(); ++i)
    if (domain.disks[i].targetDev == name) return static_cast<int>(i);
  for (std::size_t i = 0; i < domain.disks.size(); ++i) {
    const DiskSource& src = domain.disks[i].source;
    if (!name.empty() && (src.file == name || src.dev == name)) return static_cast<int>(i);
  }
  return -1;
}

// libvirt does not checkpoint a drive with nothing in it or a read-only one.
bool emptyOrReadonly(const DiskDef& disk) {
  bool hasSource = !disk.source.file.empty() || !disk.source.dev.empty() || disk.type == "network" ||
                   disk.type == "volume";
  return !hasSource || disk.readonly;
}

}  // namespace

DomainCheckpointDef parseDomainCheckpointXml(std::string_view xml, unsigned flags, long long now) {
  xml::Element root = parseRoot(xml, "(domain_checkpoint)", "domaincheckpoint", kArea);
  DomainCheckpointDef def;
  if (const xml::Element* name = root.child("name")) {
    def.name = name->textContent();
    if (def.name.find('/') != std::string::npos) failSchema("Element name failed to validate content");
  }
  if (const xml::Element* description = root.child("description"))
    def.description = description->textContent();
  if (flags & CheckpointParseRedefine) {
    parseRedefinition(root, def);
  } else {
    def.creationTime = now;
    if (def.name.empty()) def.name = std::to_string(now);
  }
  if (const xml::Element* disks = root.child("disks")) {
    if (disks->elements().empty()) failSchema("Element disks failed to validate content");
    for (const xml::Element* disk : disks->elements()) def.disks.push_back(parseDisk(*disk));
  }
  return def;
}

void alignCheckpointDisks(DomainCheckpointDef& def, const DomainDef& domain) {
  std::vector<std::optional<CheckpointDiskDef>> byDisk(domain.disks.size());
  bool given = !def.disks.empty();
  for (CheckpointDiskDef& disk : def.disks) {
    int index = findDomainDisk(domain, disk.name);
    if (index < 0) fail(VIR_ERR_CONFIG_UNSUPPORTED, kArea, "no disk named '" + disk.name + "'");
    if (byDisk[index]) fail(VIR_ERR_CONFIG_UNSUPPORTED, kArea, "disk '" + disk.name + "' specified twice");
    if (disk.checkpoint.empty()) disk.checkpoint = "bitmap";
    if (disk.checkpoint == "bitmap" && emptyOrReadonly(domain.disks[index]))
      fail(VIR_ERR_CONFIG_UNSUPPORTED, kArea, "disk '" + disk.name + "' is empty or readonly");
    disk.name = domain.disks[index].targetDev;
    byDisk[index] = std::move(disk);
  }
  def.disks.clear();
  for (std::size_t i = 0; i < domain.disks.size(); ++i) {
    if (!byDisk[i]) {
      byDisk[i].emplace();
      byDisk[i]->name = domain.disks[i].targetDev;
      byDisk[i]->checkpoint = given || emptyOrReadonly(domain.disks[i]) ? "no" : "bitmap";
    }
    if (byDisk[i]->checkpoint == "bitmap" && byDisk[i]->bitmap.empty()) byDisk[i]->bitmap = def.name;
    def.disks.push_back(std::move(*byDisk[i]));
  }
}

std::string formatDomainCheckpointXml(const DomainCheckpointDef& def, bool noDomain, bool secure) {
  xml::Writer w;
  w.open("domaincheckpoint");
  w.textElement("name", def.name);
  if (!def.description.empty()) w.textElement("description", def.description);
  if (!def.parent.empty()) {
    w.open("parent");
    w.textElement("name", def.parent);
    w.close();
  }
  w.textElement("creationTime", std::to_string(def.creationTime));
  if (!def.disks.empty()) {
    w.open("disks");
    for (const CheckpointDiskDef& disk : def.disks) {
      w.open("disk").attr("name", disk.name).attrIf("checkpoint", disk.checkpoint);
      if (disk.checkpoint == "bitmap") w.attrIf("bitmap", disk.bitmap);
      w.close();
    }
    w.close();
  }
  w.close();
  std::string out = w.take();
  if (def.domain && !noDomain)
    out.insert(out.rfind("</domaincheckpoint>"),
               indentXml(formatDomainXml(*def.domain, secure ? VIR_DOMAIN_XML_SECURE : 0, -1)));
  return out;
}

}  // namespace vireo::conf
