// Writing a volume's XML description as libvirt does.
#include "lib/conf/storage_vol.h"

namespace vireo::conf {

namespace {

void writeBytes(xml::Writer& w, std::string_view name, unsigned long long bytes) {
  w.open(name).attr("unit", "bytes").text(std::to_string(bytes)).close();
}

// Consecutive extents on one device share a <device> element.
void writeExtents(xml::Writer& w, const std::vector<VolExtent>& extents) {
  if (extents.empty()) return;
  w.open("source");
  for (std::size_t i = 0; i < extents.size(); ++i) {
    if (i == 0 || extents[i].path != extents[i - 1].path) {
      if (i) w.close();
      w.open("device").attr("path", extents[i].path);
    }
    w.open("extent").attr("start", extents[i].start).attr("end", extents[i].end).close();
  }
  w.close().close();
}

void writeTimestamps(xml::Writer& w, const VolTimestamps& t) {
  if (t.empty()) return;
  w.open("timestamps");
  if (!t.atime.empty()) w.textElement("atime", t.atime);
  if (!t.btime.empty()) w.textElement("btime", t.btime);
  if (!t.ctime.empty()) w.textElement("ctime", t.ctime);
  if (!t.mtime.empty()) w.textElement("mtime", t.mtime);
  w.close();
}

void writeTarget(xml::Writer& w, const VolTarget& t) {
  w.open("target");
  if (!t.path.empty()) w.textElement("path", t.path);
  if (!t.format.empty()) w.open("format").attr("type", t.format).close();
  writeStoragePerms(w, t.perms);
  writeTimestamps(w, t.timestamps);
  if (t.encryption) writeVolEncryption(w, *t.encryption);
  if (!t.compat.empty()) w.textElement("compat", t.compat);
  if (t.features) {
    w.open("features");
    for (const std::string& f : *t.features) w.emptyElement(f);
    w.close();
  }
  w.close();
}

}  // namespace

std::string formatStorageVolXml(const StorageVolDef& vol) {
  xml::Writer w;
  w.open("volume").attr("type", vol.type);
  w.textElement("name", vol.name);
  if (!vol.key.empty()) w.textElement("key", vol.key);
  writeExtents(w, vol.extents);
  writeBytes(w, "capacity", vol.capacity);
  writeBytes(w, "allocation", vol.allocation);
  if (vol.physical) writeBytes(w, "physical", *vol.physical);
  writeTarget(w, vol.target);
  if (vol.backingStore) {
    w.open("backingStore").textElement("path", vol.backingStore->path);
    if (!vol.backingStore->format.empty()) w.open("format").attr("type", vol.backingStore->format).close();
    writeStoragePerms(w, vol.backingStore->perms);
    w.close();
  }
  w.close();
  return w.take();
}

}  // namespace vireo::conf
