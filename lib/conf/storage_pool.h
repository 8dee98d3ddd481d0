// The storage pool model: libvirt's <pool> XML (formatstorage), parsed,
// checked and filled in as libvirt does at virStoragePoolDefineXML, and
// formatted as virStoragePoolGetXMLDesc writes it.
//
// The model keeps what libvirt keeps and drops what libvirt drops: elements
// that a pool type does not use (a <host> of a dir pool), free extents,
// unknown elements and the fs/rbd namespace options are not read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/conf/storage_common.h"
#include "lib/util/uuid.h"

namespace vireo::conf {

// In libvirt's order (its virStoragePoolType, which the type attribute names).
enum class PoolType {
  Dir,
  Fs,
  Netfs,
  Logical,
  Disk,
  Iscsi,
  IscsiDirect,
  Scsi,
  Mpath,
  Rbd,
  Sheepdog,
  Gluster,
  Zfs,
  Vstorage
};

// What libvirt's per-type table says about a pool type.
struct PoolTypeInfo {
  std::string_view name;  // "iscsi-direct"
  bool sourceHost = false, sourceDevice = false, sourceDir = false, sourceAdapter = false, sourceName = false,
       initiatorIqn = false;
  // Network pools have no local target (no <target> is read or written).
  bool network = false;
  std::vector<std::string_view> poolFormats;  // <source><format type=...>; empty: none
  std::string_view defaultPoolFormat;
  std::vector<std::string_view> volFormats;  // a volume's <target><format>; empty: none
  std::string_view defaultVolFormat;
};
const PoolTypeInfo& poolTypeInfo(PoolType t);
// The type named `name`; nullopt for an unknown name.
std::optional<PoolType> poolTypeFromName(std::string_view name);

struct PoolHost {
  std::string name;
  int port = 0;  // 0: not written
  bool operator==(const PoolHost&) const = default;
};

struct PoolDevice {
  std::string path;
  std::optional<bool> partSeparator;
  bool operator==(const PoolDevice&) const = default;
};

// <adapter> of a scsi pool.
struct PoolAdapter {
  enum class Kind { ScsiHost, FcHost };
  Kind kind = Kind::ScsiHost;
  // scsi_host: a name, or the PCI address of the parent HBA plus unique_id.
  std::string name;
  struct ParentAddr {
    unsigned domain = 0, bus = 0, slot = 0, function = 0;
    unsigned uniqueId = 0;
    bool operator==(const ParentAddr&) const = default;
  };
  std::optional<ParentAddr> parentAddr;
  // fc_host: the vHBA's names and the parent it is created on.
  std::string parent, parentWwnn, parentWwpn, parentFabricWwn, wwnn, wwpn;
  std::optional<bool> managed;
  bool operator==(const PoolAdapter&) const = default;
};

// <auth type='chap|ceph' username='...'><secret uuid|usage/></auth>
struct PoolAuth {
  std::string type;
  std::string username;
  SecretRef secret;
  bool operator==(const PoolAuth&) const = default;
};

struct PoolSource {
  std::vector<PoolHost> hosts;
  std::vector<PoolDevice> devices;
  std::string dir;
  std::optional<PoolAdapter> adapter;
  std::string name;
  std::string initiatorIqn;
  std::string format;  // empty for types without source formats
  std::optional<PoolAuth> auth;
  std::string vendor, product;
  std::string protocolVer;  // NFS version, kept as written
  bool operator==(const PoolSource&) const = default;
};

struct StoragePoolDef {
  PoolType type = PoolType::Dir;
  std::string name;
  Uuid uuid;
  // Sizes in bytes. libvirt never reads them from XML: the driver fills them.
  unsigned long long capacity = 0, allocation = 0, available = 0;
  std::optional<bool> cow;  // <features><cow state=.../></features>
  PoolSource source;
  std::string targetPath;  // empty for network pools
  StoragePerms targetPerms;
  std::string refreshAllocation;  // <refresh><volume allocation=.../>: "", "default" or "capacity"
  bool operator==(const StoragePoolDef&) const = default;
};

// Parses a <pool> document, applies libvirt's defaults (generated UUID,
// source name from the pool name, default source format, the target path
// of logical and zfs pools) and its checks. Throws vireo::Error with
// libvirt's codes: VIR_ERR_XML_DETAIL (not well formed), VIR_ERR_XML_ERROR,
// VIR_ERR_CONFIG_UNSUPPORTED, VIR_ERR_NO_SUPPORT, VIR_ERR_INTERNAL_ERROR
// (domains VIR_FROM_STORAGE, VIR_FROM_XML or VIR_FROM_NONE, as libvirt).
StoragePoolDef parseStoragePoolXml(std::string_view xml);

// Formats `def` as libvirt writes a pool's XML description.
std::string formatStoragePoolXml(const StoragePoolDef& def);

}  // namespace vireo::conf
