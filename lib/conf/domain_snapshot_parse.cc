// Parsing <domainsnapshot> as libvirt 9.0 does (virDomainSnapshotDefParse).
#include <array>
#include <charconv>

#include "lib/conf/domain.h"
#include "lib/conf/domain_snapshot_def.h"
#include "lib/conf/storage_common.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

constexpr virErrorDomain kArea = VIR_FROM_DOMAIN_SNAPSHOT;

// virDomainSnapshotState, in libvirt's numbering.
constexpr std::array<std::string_view, 9> kStates = {"nostate", "running",     "blocked",
                                                     "paused",  "shutdown",    "shutoff",
                                                     "crashed", "pmsuspended", "disk-snapshot"};

// A snapshot location attribute (libvirt's virDomainSnapshotLocation
// names but "default"), empty when absent.
std::string location(const xml::Element& e) {
  return enumAttr(e, "snapshot", {"no", "internal", "external", "manual"}).value_or("");
}

std::optional<long long> parseTime(const std::string& text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

SnapshotDiskDef parseDisk(const xml::Element& e) {
  SnapshotDiskDef disk;
  const std::string* name = e.attr("name");
  if (!name) fail(VIR_ERR_INTERNAL_ERROR, kArea, "missing name from disk snapshot element");
  disk.name = *name;
  disk.snapshot = location(e);
  disk.type = e.attrOr("type");
  if (disk.type == "volume" || disk.type == "dir")
    fail(VIR_ERR_XML_ERROR, kArea, "unsupported disk snapshot type '" + disk.type + "'");
  if (const xml::Element* source = e.child("source")) {
    disk.sourceFile = source->attrOr(disk.type == "block" ? "dev" : "file");
  }
  if (const xml::Element* driver = e.child("driver")) disk.driverType = driver->attrOr("type");
  if (!disk.sourceFile.empty() && disk.sourceFile[0] != '/')
    fail(VIR_ERR_XML_ERROR, kArea, "disk snapshot image path '" + disk.sourceFile + "' must be absolute");
  // An image or a format implies an external snapshot of that disk.
  if (disk.snapshot.empty() && (!disk.sourceFile.empty() || !disk.driverType.empty()))
    disk.snapshot = "external";
  return disk;
}

void parseRedefinition(const xml::Element& root, DomainSnapshotDef& def) {
  if (def.name.empty()) fail(VIR_ERR_XML_ERROR, kArea, "a redefined snapshot must have a name");
  const xml::Element* created = root.child("creationTime");
  std::optional<long long> time = created ? parseTime(created->textContent()) : std::nullopt;
  if (!time) fail(VIR_ERR_INTERNAL_ERROR, kArea, "missing creationTime from existing snapshot");
  def.creationTime = *time;
  if (const xml::Element* parent = root.child("parent"))
    if (const xml::Element* name = parent->child("name")) def.parent = name->textContent();
  const xml::Element* state = root.child("state");
  if (!state) fail(VIR_ERR_XML_ERROR, kArea, "missing state from existing snapshot");
  def.state = state->textContent();
  if (snapshotStateNumber(def.state) <= 0)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, kArea, "Invalid state '" + def.state + "' in domain snapshot XML");
  // Old snapshots carry only <domain><uuid/></domain>: no definition then.
  const xml::Element* domain = root.child("domain");
  if (domain && domain->hasAttr("type")) {
    xml::Writer w;
    w.element(*domain);
    def.domain = parseDomainXml(w.take(), ParseInactive);
  }
}

void parseMemory(const xml::Element& root, DomainSnapshotDef& def, bool redefine) {
  bool offline = def.state == "shutoff" || def.state == "disk-snapshot";
  if (const xml::Element* memory = root.child("memory")) {
    def.memoryFile = memory->attrOr("file");
    def.memory = location(*memory);
    if (def.memory == "manual") fail(VIR_ERR_XML_ERROR, kArea, "'manual' memory snapshot mode not supported");
  }
  if (def.memory.empty()) {
    if (!def.memoryFile.empty())
      def.memory = "external";
    else if (redefine)
      def.memory = offline ? "no" : "internal";
  }
  if (!def.memoryFile.empty() && def.memory != "external")
    fail(VIR_ERR_XML_ERROR, kArea, "memory filename '" + def.memoryFile + "' requires external snapshot");
  if (def.memoryFile.empty() && def.memory == "external")
    fail(VIR_ERR_XML_ERROR, kArea, "external memory snapshots require a filename");
  if (offline && !def.memory.empty() && def.memory != "no")
    fail(VIR_ERR_XML_ERROR, kArea, "memory state cannot be saved with offline or disk-only snapshot");
  if (!def.memoryFile.empty() && def.memoryFile[0] != '/')
    fail(VIR_ERR_XML_ERROR, kArea, "memory snapshot file path (" + def.memoryFile + ") must be absolute");
}

}  // namespace

int snapshotStateNumber(std::string_view state) {
  for (std::size_t i = 0; i < kStates.size(); ++i)
    if (kStates[i] == state) return static_cast<int>(i);
  return -1;
}

std::string snapshotStateName(int domainState) {
  // A snapshot's states share the domain's numbering up to pmsuspended.
  if (domainState < 0 || domainState >= static_cast<int>(kStates.size()) - 1) return "nostate";
  return std::string(kStates[domainState]);
}

DomainSnapshotDef parseDomainSnapshotXml(std::string_view xml, unsigned flags, long long now) {
  xml::Element root = parseRoot(xml, "(domain_snapshot)", "domainsnapshot", kArea);
  bool redefine = flags & SnapshotParseRedefine;
  DomainSnapshotDef def;
  if (const xml::Element* name = root.child("name")) def.name = name->textContent();
  if (const xml::Element* description = root.child("description"))
    def.description = description->textContent();
  if (redefine) {
    parseRedefinition(root, def);
  } else {
    // libvirt's moment post-parse: a snapshot is named after its creation time.
    def.creationTime = now;
    if (def.name.empty()) def.name = std::to_string(now);
  }
  parseMemory(root, def, redefine);
  if (const xml::Element* disks = root.child("disks"))
    for (const xml::Element* disk : disks->elements()) def.disks.push_back(parseDisk(*disk));
  return def;
}

}  // namespace vireo::conf
