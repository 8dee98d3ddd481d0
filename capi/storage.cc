// libvirt-storage.h: the functions that need more than a generated body
// (storage_generated.cc).
#include <cstdlib>
#include <new>
#include <string>

#include "capi/entry_point.h"
#include "capi/stream_handle.h"
#include "lib/driver/storage_driver.h"

using namespace vireo;
using namespace vireo::capi;
using vireo::driver::StorageDriver;
using vireo::driver::StorageVolIdentity;

namespace {

using VolStreamEntry = std::shared_ptr<driver::Stream> (*)(driver::Connection&, const StorageVolIdentity&,
                                                           unsigned long long, unsigned long long,
                                                           unsigned int);

// virStorageVolUpload / virStorageVolDownload, with libvirt's checks: the
// volume, the stream, write access, and one connection for both.
int volumeOnStream(const char* function, VolStreamEntry StorageDriver::*entry, virStorageVolPtr vol,
                   virStreamPtr stream, unsigned long long offset, unsigned long long length,
                   unsigned int flags) {
  return guarded(function, VIR_FROM_STORAGE, -1, [&](Call& call) {
    call.object(vol);
    checkStream(call, stream);
    call.requireWritable();
    if (stream->conn != vol->conn)
      call.invalidArg("stream in " + std::string(function) + " must match connection of volume '" +
                      vol->identity.name + "'");
    attachStream(stream, call.op(entry)(call.impl(), vol->identity, offset, length, flags));
    return 0;
  }, bothArgs(entryArgs("vol", vol),
              entryArgs("stream, offset, length, flags", stream, offset, length, flags)));
}

}  // namespace

extern "C" {

int virStorageVolUpload(virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset,
                        unsigned long long length, unsigned int flags) {
  return volumeOnStream("virStorageVolUpload", &StorageDriver::storageVolUpload, vol, stream, offset, length,
                        flags);
}

int virStorageVolDownload(virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset,
                          unsigned long long length, unsigned int flags) {
  return volumeOnStream("virStorageVolDownload", &StorageDriver::storageVolDownload, vol, stream, offset,
                        length, flags);
}

virStorageVolPtr virStorageVolCreateXMLFrom(virStoragePoolPtr pool, const char* xmlDesc, virStorageVolPtr clonevol,
                                            unsigned int flags) {
  return guarded("virStorageVolCreateXMLFrom", VIR_FROM_STORAGE, static_cast<virStorageVolPtr>(nullptr),
                 [&](Call& call) {
    call.object(pool);
    call.object(clonevol);
    call.nonNull(xmlDesc, "xmlDesc");
    call.requireWritable();
    auto entry = call.op(&StorageDriver::storageVolCreateXMLFrom);
    return newObjectHandle(pool->conn, entry(call.impl(), pool->identity, xmlDesc, clonevol->identity, flags));
  }, bothArgs(entryArgs("pool", pool), entryArgs("xmlDesc, clonevol, flags", xmlDesc, clonevol, flags)));
}

int virStoragePoolGetAutostart(virStoragePoolPtr pool, int* autostart) {
  return guarded("virStoragePoolGetAutostart", VIR_FROM_STORAGE, -1, [&](Call& call) {
    call.object(pool);
    call.nonNull(autostart, "autostart");
    *autostart = call.op(&StorageDriver::storagePoolGetAutostart)(call.impl(), pool->identity);
    return 0;
  }, bothArgs(entryArgs("pool", pool), entryArgs("autostart", autostart)));
}

int virStoragePoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info) {
  return guarded("virStoragePoolGetInfo", VIR_FROM_STORAGE, -1, [&](Call& call) {
    call.object(pool);
    call.nonNull(info, "info");
    *info = call.op(&StorageDriver::storagePoolGetInfo)(call.impl(), pool->identity);
    return 0;
  }, bothArgs(entryArgs("pool", pool), entryArgs("info", info)));
}

int virStoragePoolListVolumes(virStoragePoolPtr pool, char** const names, int maxnames) {
  return guarded("virStoragePoolListVolumes", VIR_FROM_STORAGE, -1, [&](Call& call) {
    call.object(pool);
    call.nonNullArray(names, maxnames, "names");
    call.nonNegative(maxnames, "maxnames");
    return copyNames(call.op(&StorageDriver::storagePoolListVolumes)(call.impl(), pool->identity), names, maxnames);
  }, bothArgs(entryArgs("pool", pool), entryArgs("names, maxnames", names, maxnames)));
}

// The caller gets a NULL-terminated array of new handles, or only the count
// when `vols` is NULL.
int virStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr** vols, unsigned int flags) {
  return guarded("virStoragePoolListAllVolumes", VIR_FROM_STORAGE, -1, [&](Call& call) {
    call.object(pool);
    if (vols) *vols = nullptr;
    std::vector<StorageVolIdentity> found =
        call.op(&StorageDriver::storagePoolListAllVolumes)(call.impl(), pool->identity, flags);
    if (vols) {
      auto* list = static_cast<virStorageVolPtr*>(std::calloc(found.size() + 1, sizeof(virStorageVolPtr)));
      if (!list) throw std::bad_alloc();
      for (size_t i = 0; i < found.size(); i++) list[i] = newObjectHandle(pool->conn, found[i]);
      *vols = list;
    }
    return static_cast<int>(found.size());
  }, bothArgs(entryArgs("pool", pool), entryArgs("vols, flags", vols, flags)));
}

// libvirt answers from the handle, as for the name.
const char* virStorageVolGetKey(virStorageVolPtr vol) {
  return guarded("virStorageVolGetKey", VIR_FROM_STORAGE, static_cast<const char*>(nullptr), [&](Call& call) {
    call.object(vol);
    return vol->identity.key.c_str();
  }, entryArgs("vol", vol));
}

int virStorageVolGetInfo(virStorageVolPtr vol, virStorageVolInfoPtr info) {
  return guarded("virStorageVolGetInfo", VIR_FROM_STORAGE, -1, [&](Call& call) {
    call.object(vol);
    call.nonNull(info, "info");
    *info = call.op(&StorageDriver::storageVolGetInfo)(call.impl(), vol->identity);
    return 0;
  }, bothArgs(entryArgs("vol", vol), entryArgs("info", info)));
}

int virStorageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info, unsigned int flags) {
  return guarded("virStorageVolGetInfoFlags", VIR_FROM_STORAGE, -1, [&](Call& call) {
    call.object(vol);
    call.nonNull(info, "info");
    *info = call.op(&StorageDriver::storageVolGetInfoFlags)(call.impl(), vol->identity, flags);
    return 0;
  }, bothArgs(entryArgs("vol", vol), entryArgs("info, flags", info, flags)));
}

}  // extern "C"
