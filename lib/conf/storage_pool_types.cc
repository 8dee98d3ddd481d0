// libvirt's table of storage pool types: which source elements each type
// reads and requires, and which formats its pools and volumes take.
#include <array>

#include "lib/conf/storage_pool.h"

namespace vireo::conf {

namespace {

// A volume's <format type=...> in pools of files. libvirt refuses "none"
// here although it is the first name of its file format list.
const std::vector<std::string_view> kFileVolFormats = {"raw",  "dir",   "bochs", "cloop", "dmg",   "iso",
                                                       "vpc",  "vdi",   "fat",   "vhd",   "ploop", "cow",
                                                       "qcow", "qcow2", "qed",   "vmdk"};
// Partition types of volumes in disk pools.
const std::vector<std::string_view> kPartitionFormats = {"none",       "linux",     "fat16",      "fat32",
                                                         "linux-swap", "linux-lvm", "linux-raid", "extended"};

PoolTypeInfo make(std::string_view name) {
  PoolTypeInfo i;
  i.name = name;
  return i;
}

// Pools whose volumes are files: their volumes default to raw.
PoolTypeInfo files(PoolTypeInfo i) {
  i.volFormats = kFileVolFormats;
  i.defaultVolFormat = "raw";
  return i;
}

std::array<PoolTypeInfo, 14> buildTable() {
  std::array<PoolTypeInfo, 14> t;
  t[static_cast<int>(PoolType::Dir)] = files(make("dir"));

  PoolTypeInfo fs = files(make("fs"));
  fs.sourceDevice = true;
  fs.poolFormats = {"auto", "ext2", "ext3", "ext4", "ufs", "iso9660", "udf",
                    "gfs",  "gfs2", "vfat", "hfs+", "xfs", "ocfs2",   "vmfs"};
  fs.defaultPoolFormat = "auto";
  t[static_cast<int>(PoolType::Fs)] = fs;

  PoolTypeInfo netfs = files(make("netfs"));
  netfs.sourceHost = netfs.sourceDir = true;
  netfs.poolFormats = {"auto", "nfs", "glusterfs", "cifs"};
  netfs.defaultPoolFormat = "auto";
  t[static_cast<int>(PoolType::Netfs)] = netfs;

  PoolTypeInfo logical = make("logical");
  logical.sourceName = logical.sourceDevice = true;
  logical.poolFormats = {"unknown", "lvm2"};
  logical.defaultPoolFormat = "lvm2";
  t[static_cast<int>(PoolType::Logical)] = logical;

  PoolTypeInfo disk = make("disk");
  disk.sourceDevice = true;
  disk.poolFormats = {"unknown", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2"};
  disk.defaultPoolFormat = "unknown";
  disk.volFormats = kPartitionFormats;
  disk.defaultVolFormat = "none";
  t[static_cast<int>(PoolType::Disk)] = disk;

  PoolTypeInfo iscsi = make("iscsi");
  iscsi.sourceHost = iscsi.sourceDevice = iscsi.initiatorIqn = true;
  t[static_cast<int>(PoolType::Iscsi)] = iscsi;

  PoolTypeInfo direct = make("iscsi-direct");
  direct.sourceHost = direct.sourceDevice = direct.initiatorIqn = direct.network = true;
  t[static_cast<int>(PoolType::IscsiDirect)] = direct;

  PoolTypeInfo scsi = make("scsi");
  scsi.sourceAdapter = true;
  t[static_cast<int>(PoolType::Scsi)] = scsi;

  t[static_cast<int>(PoolType::Mpath)] = make("mpath");

  PoolTypeInfo rbd = files(make("rbd"));
  rbd.sourceHost = rbd.sourceName = rbd.network = true;
  t[static_cast<int>(PoolType::Rbd)] = rbd;

  PoolTypeInfo sheepdog = make("sheepdog");
  sheepdog.sourceHost = sheepdog.sourceName = sheepdog.network = true;
  t[static_cast<int>(PoolType::Sheepdog)] = sheepdog;

  PoolTypeInfo gluster = files(make("gluster"));
  gluster.sourceHost = gluster.sourceName = gluster.sourceDir = gluster.network = true;
  t[static_cast<int>(PoolType::Gluster)] = gluster;

  PoolTypeInfo zfs = make("zfs");
  zfs.sourceName = zfs.sourceDevice = true;
  t[static_cast<int>(PoolType::Zfs)] = zfs;

  PoolTypeInfo vstorage = files(make("vstorage"));
  vstorage.sourceName = true;
  t[static_cast<int>(PoolType::Vstorage)] = vstorage;
  return t;
}

const std::array<PoolTypeInfo, 14>& table() {
  static const std::array<PoolTypeInfo, 14> t = buildTable();
  return t;
}

}  // namespace

const PoolTypeInfo& poolTypeInfo(PoolType t) { return table()[static_cast<int>(t)]; }

std::optional<PoolType> poolTypeFromName(std::string_view name) {
  for (std::size_t i = 0; i < table().size(); ++i)
    if (table()[i].name == name) return static_cast<PoolType>(i);
  return std::nullopt;
}

}  // namespace vireo::conf
