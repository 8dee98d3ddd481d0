// The storage volume model: libvirt's <volume> XML (formatstorage), read as
// virStorageVolCreateXML reads it in a given pool, placed in that pool, and
// formatted as virStorageVolGetXMLDesc writes it.
//
// Some parts are the driver's report, never read from XML (libvirt ignores
// them on input too): the physical size, timestamps and source extents. The
// model formats them when a driver sets them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/conf/storage_common.h"
#include "lib/conf/storage_pool.h"

namespace vireo::conf {

// <encryption format=...> of a volume's target.
struct VolEncryption {
  std::string format;              // default, qcow, luks, luks2
  std::vector<SecretRef> secrets;  // each <secret type='passphrase' .../>
  struct Cipher {
    std::string name;
    unsigned long long size = 0;
    std::string mode, hash;
    bool operator==(const Cipher&) const = default;
  };
  std::optional<Cipher> cipher;
  struct Ivgen {
    std::string name, hash;
    bool operator==(const Ivgen&) const = default;
  };
  std::optional<Ivgen> ivgen;
  bool operator==(const VolEncryption&) const = default;
};

// <timestamps>: "SECONDS" or "SECONDS.NANOSECONDS", empty if unknown.
struct VolTimestamps {
  std::string atime, btime, ctime, mtime;
  bool empty() const { return atime.empty() && btime.empty() && ctime.empty() && mtime.empty(); }
  bool operator==(const VolTimestamps&) const = default;
};

// One extent of a volume on a device (<source><device path><extent/>).
struct VolExtent {
  std::string path;
  unsigned long long start = 0, end = 0;
  bool operator==(const VolExtent&) const = default;
};

struct VolTarget {
  std::string path;
  std::string format;  // empty in pools whose volumes have no format
  StoragePerms perms;
  VolTimestamps timestamps;  // output only
  std::string compat;        // qcow2 compat level "MAJOR.MINOR"
  bool nocow = false;        // read, used at creation, never written (as libvirt)
  // <features> children (lazy_refcounts, extended_l2); nullopt without
  // <features>, an empty list for <features/>.
  std::optional<std::vector<std::string>> features;
  std::optional<VolEncryption> encryption;
  bool operator==(const VolTarget&) const = default;
};

struct VolBackingStore {
  std::string path;
  std::string format;
  StoragePerms perms;
  bool operator==(const VolBackingStore&) const = default;
};

struct StorageVolDef {
  std::string name;
  std::string key;
  std::string type = "file";                        // file, block, dir, network, netdir, ploop
  unsigned long long capacity = 0, allocation = 0;  // bytes
  std::optional<unsigned long long> physical;       // output only
  std::vector<VolExtent> extents;                   // output only
  VolTarget target;
  std::optional<VolBackingStore> backingStore;
  bool operator==(const StorageVolDef&) const = default;
};

// Parses a <volume> document for a new volume in `pool` (whose type decides
// the formats a volume may have and its default format). The allocation
// defaults to the capacity; features without <compat> get compat 1.1.
// Throws vireo::Error with libvirt's codes (VIR_ERR_XML_DETAIL,
// VIR_ERR_XML_ERROR, VIR_ERR_CONFIG_UNSUPPORTED, VIR_ERR_INVALID_ARG,
// VIR_ERR_OVERFLOW in the domains libvirt uses).
StorageVolDef parseStorageVolXml(std::string_view xml, const StoragePoolDef& pool);

// What libvirt does when the volume is created in `pool`: the target path
// is the pool's path and the volume name, and the key is that path. Pools
// without a local target (rbd, sheepdog, gluster, iscsi-direct) leave both
// as they are: their drivers name volumes their own way.
void placeVolumeInPool(StorageVolDef& vol, const StoragePoolDef& pool);

// Formats `vol` as libvirt writes a volume's XML description.
std::string formatStorageVolXml(const StorageVolDef& vol);

// ---- pieces of the volume parser and formatter in their own files -------

// Reads <encryption> (libvirt's checks and messages).
VolEncryption parseVolEncryption(const xml::Element& e);
void writeVolEncryption(xml::Writer& w, const VolEncryption& enc);

}  // namespace vireo::conf
