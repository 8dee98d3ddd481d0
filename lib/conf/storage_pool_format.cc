// Writing a pool's XML description as libvirt does.
#include "lib/conf/storage_pool_internal.h"

namespace vireo::conf {

namespace {

void writeBytes(xml::Writer& w, std::string_view name, unsigned long long bytes) {
  w.open(name).attr("unit", "bytes").text(std::to_string(bytes)).close();
}

}  // namespace

std::string formatStoragePoolXml(const StoragePoolDef& def) {
  xml::Writer w;
  w.open("pool").attr("type", poolTypeInfo(def.type).name);
  w.textElement("name", def.name);
  w.textElement("uuid", def.uuid.toString());
  writeBytes(w, "capacity", def.capacity);
  writeBytes(w, "allocation", def.allocation);
  writeBytes(w, "available", def.available);
  if (def.cow) w.open("features").open("cow").attr("state", *def.cow ? "yes" : "no").close().close();
  writePoolSource(w, def.source, def.type);
  if (!poolTypeInfo(def.type).network) {
    w.open("target").textElement("path", def.targetPath);
    writeStoragePerms(w, def.targetPerms);
    w.close();
  }
  if (!def.refreshAllocation.empty())
    w.open("refresh").open("volume").attr("allocation", def.refreshAllocation).close().close();
  w.close();
  return w.take();
}

}  // namespace vireo::conf
