// Completing and formatting a snapshot definition as libvirt 9.0 does
// (virDomainSnapshotAlignDisks, virDomainSnapshotDefFormat).
#include <sys/stat.h>

#include "lib/conf/domain.h"
#include "lib/conf/domain_snapshot_def.h"
#include "lib/util/error.h"
#include "lib/util/xml.h"

namespace vireo::conf {

namespace {

constexpr virErrorDomain kArea = VIR_FROM_DOMAIN_SNAPSHOT;

// The domain disk a snapshot disk names: by target, else by source path.
int findDomainDisk(const DomainDef& domain, const std::string& name) {
  for (std::size_t i = 0; i < domain.disks.size(); ++i)
    if (domain.disks[i].targetDev == name) return static_cast<int>(i);
  for (std::size_t i = 0; i < domain.disks.size(); ++i) {
    const DiskSource& src = domain.disks[i].source;
    if (!name.empty() && (src.file == name || src.dev == name)) return static_cast<int>(i);
  }
  return -1;
}

const std::string& sourcePath(const DiskDef& disk) {
  return disk.type == "block" ? disk.source.dev : disk.source.file;
}

// The domain disk's own snapshot location: libvirt gives a read-only disk
// "no" (and leaves that out of the domain's XML).
std::string domainDiskLocation(const DiskDef& disk) {
  if (!disk.snapshot.empty()) return disk.snapshot;
  return disk.readonly ? "no" : "";
}

// The location of a disk the user did not mention.
std::string defaultLocation(const DiskDef& disk, const std::string& location) {
  std::string own = domainDiskLocation(disk);
  if (!own.empty()) return own;
  // Nothing to snapshot in an empty drive.
  if (sourcePath(disk).empty() && disk.type != "network" && disk.type != "volume") return "no";
  return location;
}

// An external image for a disk that has none: the original's path without
// its suffix, then ".<snapshot name>", as libvirt names it.
void nameExternalImage(SnapshotDiskDef& snap, const DiskDef& disk, const std::string& snapshotName) {
  if (disk.type != "file")
    fail(VIR_ERR_CONFIG_UNSUPPORTED, kArea,
         "cannot generate external snapshot name for disk '" + snap.name + "' on a '" + disk.type +
             "' device");
  const std::string& original = disk.source.file;
  if (original.empty())
    fail(VIR_ERR_CONFIG_UNSUPPORTED, kArea,
         "cannot generate external snapshot name for disk '" + snap.name + "' without source");
  struct stat st {};
  if (stat(original.c_str(), &st) < 0 || !S_ISREG(st.st_mode))
    fail(VIR_ERR_CONFIG_UNSUPPORTED, kArea,
         "source for disk '" + snap.name +
             "' is not a regular file; refusing to generate external snapshot name");
  std::string base = original;
  std::size_t dot = base.rfind('.');
  if (dot != std::string::npos && base.find('/', dot) == std::string::npos) base.resize(dot);
  snap.sourceFile = base + "." + snapshotName;
}

void writeDisk(xml::Writer& w, const SnapshotDiskDef& disk) {
  w.open("disk").attr("name", disk.name).attrIf("snapshot", disk.snapshot);
  if (!disk.sourceFile.empty() || !disk.driverType.empty()) {
    std::string type = disk.type.empty() ? "file" : disk.type;
    w.attr("type", type);
    if (!disk.driverType.empty()) w.open("driver").attr("type", disk.driverType).close();
    if (!disk.sourceFile.empty())
      w.open("source").attr(type == "block" ? "dev" : "file", disk.sourceFile).close();
  }
  w.close();
}

}  // namespace

void alignSnapshotDisks(DomainSnapshotDef& def, const DomainDef& domain, const std::string& location,
                        bool requireMatch) {
  if (def.disks.size() > domain.disks.size())
    fail(VIR_ERR_CONFIG_UNSUPPORTED, kArea, "too many disk snapshot requests for domain");
  std::vector<std::optional<SnapshotDiskDef>> byDisk(domain.disks.size());
  for (SnapshotDiskDef& snap : def.disks) {
    int index = findDomainDisk(domain, snap.name);
    if (index < 0) fail(VIR_ERR_CONFIG_UNSUPPORTED, kArea, "no disk named '" + snap.name + "'");
    if (byDisk[index]) fail(VIR_ERR_CONFIG_UNSUPPORTED, kArea, "disk '" + snap.name + "' specified twice");
    const DiskDef& disk = domain.disks[index];
    std::string own = domainDiskLocation(disk);
    if (snap.snapshot.empty()) {
      bool inherit = !own.empty() && (!requireMatch || own == "no");
      snap.snapshot = inherit ? own : location;
    } else if (requireMatch && snap.snapshot != location && !(snap.snapshot == "no" && own == "no")) {
      fail(VIR_ERR_CONFIG_UNSUPPORTED, kArea,
           "disk '" + snap.name + "' must use snapshot mode '" + location + "'");
    }
    // The user may name a disk by its path; the snapshot names it by target.
    snap.name = disk.targetDev;
    byDisk[index] = std::move(snap);
  }
  def.disks.clear();
  for (std::size_t i = 0; i < domain.disks.size(); ++i) {
    if (!byDisk[i]) {
      byDisk[i].emplace();
      byDisk[i]->name = domain.disks[i].targetDev;
      byDisk[i]->snapshot = defaultLocation(domain.disks[i], location);
    }
    def.disks.push_back(std::move(*byDisk[i]));
  }
  for (std::size_t i = 0; i < def.disks.size(); ++i) {
    SnapshotDiskDef& snap = def.disks[i];
    if (snap.snapshot != "external" || !snap.sourceFile.empty()) continue;
    nameExternalImage(snap, domain.disks[i], def.name);
    for (std::size_t j = 0; j < i; ++j)
      if (def.disks[j].sourceFile == snap.sourceFile)
        fail(VIR_ERR_CONFIG_UNSUPPORTED, kArea,
             "cannot generate external snapshot name for disk '" + snap.name + "': collision with disk '" +
                 def.disks[j].name + "'");
  }
}

bool isExternalSnapshot(const DomainSnapshotDef& def) {
  if (def.memory == "external") return true;
  for (const SnapshotDiskDef& disk : def.disks)
    if (disk.snapshot == "external") return true;
  return false;
}

void alignRedefinedSnapshot(DomainSnapshotDef& def) {
  if (!def.domain) return;
  bool external = def.state == "disk-snapshot" || isExternalSnapshot(def);
  alignSnapshotDisks(def, *def.domain, external ? "external" : "internal", !external);
}

std::string formatDomainSnapshotXml(const DomainSnapshotDef& def, const Uuid& domainUuid, bool secure) {
  xml::Writer w;
  w.open("domainsnapshot");
  w.textElement("name", def.name);
  if (!def.description.empty()) w.textElement("description", def.description);
  w.textElement("state", def.state.empty() ? "nostate" : def.state);
  if (!def.parent.empty()) {
    w.open("parent");
    w.textElement("name", def.parent);
    w.close();
  }
  w.textElement("creationTime", std::to_string(def.creationTime));
  if (!def.memory.empty())
    w.open("memory").attr("snapshot", def.memory).attrIf("file", def.memoryFile).close();
  if (!def.disks.empty()) {
    w.open("disks");
    for (const SnapshotDiskDef& disk : def.disks) writeDisk(w, disk);
    w.close();
  }
  if (!def.domain) {
    w.open("domain");
    w.textElement("uuid", domainUuid.toString());
    w.close();
  }
  w.close();
  std::string out = w.take();
  if (def.domain) {
    // The definition goes last, written as the domain's own XML is, one level in.
    std::string domain = indentXml(formatDomainXml(*def.domain, secure ? VIR_DOMAIN_XML_SECURE : 0, -1));
    out.insert(out.rfind("</domainsnapshot>"), domain);
  }
  return out;
}

std::string indentXml(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  bool lineStart = true;
  for (char c : text) {
    if (lineStart && c != '\n') out += "  ";
    out += c;
    lineStart = c == '\n';
  }
  return out;
}

}  // namespace vireo::conf
