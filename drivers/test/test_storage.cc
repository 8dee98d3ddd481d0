// The test driver's storage pools and volumes: the functions of
// libvirt-storage.h that libvirt 9.0's test driver implements, with its
// checks, messages and size accounting (compared with Debian's libvirt,
// tests/capi/test_storage.c). Nothing touches the host: a pool is its
// definition, a volume its definition in the pool's list. Pool events are
// sent where libvirt's test driver sends them (tests/capi/test_storage_events.c);
// the volume functions it lacks (resize, wipe, upload, download) are not
// served: their entries stay null.
#include "drivers/test/test_storage.h"

#include <algorithm>

#include "drivers/test/test_state.h"
#include "lib/util/error.h"

namespace vireo::test {

// libvirt's test driver gives every pool these sizes when it is defined or
// started, whatever its XML says.
void setDefaultPoolSizes(conf::StoragePoolDef& def) {
  constexpr unsigned long long kCapacity = 100ULL << 30;
  def.capacity = kCapacity;
  def.allocation = 0;
  def.available = kCapacity;
}

namespace {

using driver::Connection;
using driver::StoragePoolIdentity;
using driver::StorageVolIdentity;

// ---- finding pools and volumes, with the test driver's messages ----------

TestPool* poolNamed(TestDriverState& s, std::string_view name) REQUIRES(s.mu) {
  for (TestPool& pool : s.pools)
    if (pool.def.name == name) return &pool;
  return nullptr;
}

TestPool* poolWithUuid(TestDriverState& s, const Uuid& uuid) REQUIRES(s.mu) {
  for (TestPool& pool : s.pools)
    if (pool.def.uuid == uuid) return &pool;
  return nullptr;
}

TestPool& poolByName(TestDriverState& s, std::string_view name) REQUIRES(s.mu) {
  if (TestPool* pool = poolNamed(s, name)) return *pool;
  Error e(VIR_ERR_NO_STORAGE_POOL, VIR_FROM_TEST, "no storage pool with matching name '" + std::string(name) + "'");
  e.str1 = std::string(name);
  throw e;
}

TestPool& poolByUuid(TestDriverState& s, const Uuid& uuid) REQUIRES(s.mu) {
  if (TestPool* pool = poolWithUuid(s, uuid)) return *pool;
  fail(VIR_ERR_NO_STORAGE_POOL, VIR_FROM_TEST, "no storage pool with matching uuid '" + uuid.toString() + "'");
}

// Most of libvirt's test-driver pool functions find their pool by the
// handle's name, and some need it running or stopped.
TestPool& activePool(TestDriverState& s, std::string_view name) REQUIRES(s.mu) {
  TestPool& pool = poolByName(s, name);
  if (!pool.active)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "storage pool '" + pool.def.name + "' is not active");
  return pool;
}

TestPool& inactivePool(TestDriverState& s, std::string_view name) REQUIRES(s.mu) {
  TestPool& pool = poolByName(s, name);
  if (pool.active) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "storage pool '" + pool.def.name + "' is active");
  return pool;
}

conf::StorageVolDef* volNamed(TestPool& pool, std::string_view name) {
  for (conf::StorageVolDef& vol : pool.volumes)
    if (vol.name == name) return &vol;
  return nullptr;
}

[[noreturn]] void failNoVol(std::string_view what, std::string_view value) {
  fail(VIR_ERR_NO_STORAGE_VOL, VIR_FROM_TEST,
       "no storage vol with matching " + std::string(what) + " '" + std::string(value) + "'");
}

conf::StorageVolDef& volIn(TestPool& pool, std::string_view name) {
  if (conf::StorageVolDef* vol = volNamed(pool, name)) return *vol;
  failNoVol("name", name);
}

// The volume a handle names: its pool must exist and run.
conf::StorageVolDef& volOf(TestDriverState& s, const StorageVolIdentity& id) REQUIRES(s.mu) {
  return volIn(activePool(s, id.pool), id.name);
}

void emit(TestDriverState& s, const TestPool& pool, int type) {
  s.events.queueStoragePoolLifecycle(pool.identity(), type, 0);
}

void removePool(TestDriverState& s, const TestPool& pool) REQUIRES(s.mu) {
  std::erase_if(s.pools, [&](const TestPool& p) { return &p == &pool; });
}

// ---- listing ---------------------------------------------------------------

unsigned typeFlag(conf::PoolType type) {
  using conf::PoolType;
  switch (type) {
    case PoolType::Dir: return VIR_CONNECT_LIST_STORAGE_POOLS_DIR;
    case PoolType::Fs: return VIR_CONNECT_LIST_STORAGE_POOLS_FS;
    case PoolType::Netfs: return VIR_CONNECT_LIST_STORAGE_POOLS_NETFS;
    case PoolType::Logical: return VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL;
    case PoolType::Disk: return VIR_CONNECT_LIST_STORAGE_POOLS_DISK;
    case PoolType::Iscsi: return VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI;
    case PoolType::IscsiDirect: return VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT;
    case PoolType::Scsi: return VIR_CONNECT_LIST_STORAGE_POOLS_SCSI;
    case PoolType::Mpath: return VIR_CONNECT_LIST_STORAGE_POOLS_MPATH;
    case PoolType::Rbd: return VIR_CONNECT_LIST_STORAGE_POOLS_RBD;
    case PoolType::Sheepdog: return VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG;
    case PoolType::Gluster: return VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER;
    case PoolType::Zfs: return VIR_CONNECT_LIST_STORAGE_POOLS_ZFS;
    case PoolType::Vstorage: return VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE;
  }
  return 0;
}

constexpr unsigned kTypeFlags = (VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT << 1) - VIR_CONNECT_LIST_STORAGE_POOLS_DIR;
constexpr unsigned kListFlags = VIR_CONNECT_LIST_STORAGE_POOLS_DIR - 1 + kTypeFlags;

// Whether `pool` passes the filters of virConnectListAllStoragePools: in
// each yes/no group, neither or both flags let everything through; type
// flags, when any is given, name the types wanted.
bool listed(const TestPool& pool, unsigned flags) {
  auto group = [&](unsigned yes, unsigned no, bool value) {
    bool wantYes = flags & yes, wantNo = flags & no;
    return wantYes == wantNo || (value ? wantYes : wantNo);
  };
  bool typeOk = !(flags & kTypeFlags) || (flags & typeFlag(pool.def.type));
  return typeOk && group(VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE, pool.active) &&
         group(VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT, VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT,
               pool.persistent) &&
         group(VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART, VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART,
               pool.autostart);
}

std::vector<std::string> poolNames(Connection& conn, bool active) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<std::string> out;
  for (const TestPool& pool : s.pools)
    if (pool.active == active) out.push_back(pool.def.name);
  return out;
}

int poolCount(Connection& conn, bool active) { return static_cast<int>(poolNames(conn, active).size()); }

std::vector<StoragePoolIdentity> listAllPools(Connection& conn, unsigned int flags) {
  checkFlags(flags, kListFlags, VIR_FROM_TEST, "testConnectListAllStoragePools");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<StoragePoolIdentity> out;
  for (const TestPool& pool : s.pools)
    if (listed(pool, flags)) out.push_back(pool.identity());
  return out;
}

// ---- pools -----------------------------------------------------------------

StoragePoolIdentity lookupByName(Connection& conn, std::string_view name) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return poolByName(s, name).identity();
}

StoragePoolIdentity lookupByUuid(Connection& conn, const Uuid& uuid) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return poolByUuid(s, uuid).identity();
}

StoragePoolIdentity lookupByVolume(Connection& conn, const StorageVolIdentity& vol) {
  return lookupByName(conn, vol.pool);
}

// Two pools that would use the same storage. libvirt compares sources per
// pool type; the test driver's pools are checked for a shared target
// directory, the one case a pool without a source can have.
const TestPool* sourceConflict(TestDriverState& s, const conf::StoragePoolDef& def) REQUIRES(s.mu) {
  for (const TestPool& pool : s.pools)
    if (pool.def.uuid != def.uuid && pool.def.type == def.type && !def.targetPath.empty() &&
        pool.def.targetPath == def.targetPath)
      return &pool;
  return nullptr;
}

// Adds or finds the pool of `def` as libvirt's pool object list does: the
// name and the uuid must not belong to two different pools, and with
// `refuseActive` an existing pool must not run. Returns the pool (its
// definition not yet replaced) and whether it is new.
TestPool& assignPool(TestDriverState& s, const conf::StoragePoolDef& def, bool refuseActive, bool& created)
    REQUIRES(s.mu) {
  created = false;
  if (TestPool* byUuid = poolWithUuid(s, def.uuid)) {
    if (byUuid->def.name != def.name)
      fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_STORAGE,
           "pool '" + byUuid->def.name + "' is already defined with uuid " + def.uuid.toString());
    if (refuseActive && byUuid->active)
      fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_STORAGE, "pool is already active as '" + def.name + "'");
  } else if (TestPool* byName = poolNamed(s, def.name)) {
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_STORAGE,
         "pool '" + def.name + "' already exists with uuid " + byName->def.uuid.toString());
  }
  if (const TestPool* other = sourceConflict(s, def))
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_STORAGE, "Storage source conflict with pool: '" + other->def.name + "'");
  if (TestPool* existing = poolWithUuid(s, def.uuid)) return *existing;
  created = true;
  TestPool pool;
  pool.def = def;
  s.pools.push_back(std::move(pool));
  return s.pools.back();
}

StoragePoolIdentity defineXML(Connection& conn, std::string_view xml, unsigned int flags) {
  // No RNG schema: VALIDATE gets the model's checks only (as for networks).
  checkFlags(flags, VIR_STORAGE_POOL_DEFINE_VALIDATE, VIR_FROM_TEST, "testStoragePoolDefineXML");
  conf::StoragePoolDef def = conf::parseStoragePoolXml(xml);
  setDefaultPoolSizes(def);
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  bool created = false;
  TestPool& pool = assignPool(s, def, false, created);
  // A running pool keeps its definition (libvirt keeps the new one for its
  // next start, which the test driver never uses).
  if (!pool.active) pool.def = std::move(def);
  pool.persistent = true;
  // A redefinition is announced as a definition too.
  emit(s, pool, VIR_STORAGE_POOL_EVENT_DEFINED);
  return pool.identity();
}

StoragePoolIdentity createXML(Connection& conn, std::string_view xml, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testStoragePoolCreateXML");
  conf::StoragePoolDef def = conf::parseStoragePoolXml(xml);
  setDefaultPoolSizes(def);
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  bool created = false;
  TestPool& pool = assignPool(s, def, true, created);
  if (created) pool.persistent = false;
  pool.def = std::move(def);
  pool.active = true;
  emit(s, pool, VIR_STORAGE_POOL_EVENT_STARTED);
  return pool.identity();
}

int create(Connection& conn, const StoragePoolIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testStoragePoolCreate");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestPool& pool = inactivePool(s, id.name);
  pool.active = true;
  emit(s, pool, VIR_STORAGE_POOL_EVENT_STARTED);
  return 0;
}

// Build and delete act on the storage of a stopped pool; the test driver
// has none, so they only check the state and announce it.
int build(Connection& conn, const StoragePoolIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testStoragePoolBuild");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  emit(s, inactivePool(s, id.name), VIR_STORAGE_POOL_EVENT_CREATED);
  return 0;
}

int deletePool(Connection& conn, const StoragePoolIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testStoragePoolDelete");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  emit(s, inactivePool(s, id.name), VIR_STORAGE_POOL_EVENT_DELETED);
  return 0;
}

int refresh(Connection& conn, const StoragePoolIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testStoragePoolRefresh");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  s.events.queueStoragePoolRefresh(activePool(s, id.name).identity());
  return 0;
}

// A stopped pool keeps its volumes (the test driver forgets nothing); a
// transient one disappears.
int destroy(Connection& conn, const StoragePoolIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestPool& pool = activePool(s, id.name);
  pool.active = false;
  emit(s, pool, VIR_STORAGE_POOL_EVENT_STOPPED);
  if (!pool.persistent) removePool(s, pool);
  return 0;
}

int undefine(Connection& conn, const StoragePoolIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestPool& pool = inactivePool(s, id.name);
  emit(s, pool, VIR_STORAGE_POOL_EVENT_UNDEFINED);
  removePool(s, pool);
  return 0;
}

virStoragePoolInfo getInfo(Connection& conn, const StoragePoolIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const TestPool& pool = poolByName(s, id.name);
  virStoragePoolInfo info{};
  info.state = pool.active ? VIR_STORAGE_POOL_RUNNING : VIR_STORAGE_POOL_INACTIVE;
  info.capacity = pool.def.capacity;
  info.allocation = pool.def.allocation;
  info.available = pool.def.available;
  return info;
}

std::string getXMLDesc(Connection& conn, const StoragePoolIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testStoragePoolGetXMLDesc");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return conf::formatStoragePoolXml(poolByName(s, id.name).def);
}

int getAutostart(Connection& conn, const StoragePoolIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const TestPool& pool = poolByName(s, id.name);
  return pool.persistent && pool.autostart ? 1 : 0;
}

int setAutostart(Connection& conn, const StoragePoolIdentity& id, int autostart) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestPool& pool = poolByName(s, id.name);
  if (!pool.persistent) fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "pool has no config file");
  pool.autostart = autostart != 0;
  return 0;
}

int isActive(Connection& conn, const StoragePoolIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return poolByUuid(s, id.uuid).active ? 1 : 0;
}

int isPersistent(Connection& conn, const StoragePoolIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return poolByUuid(s, id.uuid).persistent ? 1 : 0;
}

// ---- volumes of a pool -----------------------------------------------------

int numOfVolumes(Connection& conn, const StoragePoolIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return static_cast<int>(activePool(s, id.name).volumes.size());
}

std::vector<std::string> listVolumes(Connection& conn, const StoragePoolIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<std::string> out;
  for (const conf::StorageVolDef& vol : activePool(s, id.name).volumes) out.push_back(vol.name);
  return out;
}

std::vector<StorageVolIdentity> listAllVolumes(Connection& conn, const StoragePoolIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testStoragePoolListAllVolumes");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const TestPool& pool = poolByUuid(s, id.uuid);
  // libvirt's message names no pool here.
  if (!pool.active) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "storage pool is not active");
  std::vector<StorageVolIdentity> out;
  for (const conf::StorageVolDef& vol : pool.volumes) out.push_back(pool.volIdentity(vol));
  return out;
}

// Adds the volume of `xml` to a running pool and charges its allocation to
// the pool, as libvirt's test driver does for a new volume and for a clone
// (whose XML gives its sizes; `clone` must only exist).
StorageVolIdentity addVolume(Connection& conn, const StoragePoolIdentity& id, std::string_view xml,
                             const StorageVolIdentity* clone) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestPool& pool = activePool(s, id.name);
  conf::StorageVolDef vol = conf::parseStorageVolXml(xml, pool.def);
  if (volNamed(pool, vol.name)) fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_TEST, "storage vol already exists");
  if (clone) volIn(pool, clone->name);
  if (pool.def.available < vol.allocation)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "Not enough free space in pool for volume '" + vol.name + "'");
  conf::placeVolumeInPool(vol, pool.def);
  pool.def.allocation += vol.allocation;
  pool.def.available = pool.def.capacity - pool.def.allocation;
  pool.volumes.push_back(std::move(vol));
  return pool.volIdentity(pool.volumes.back());
}

StorageVolIdentity volCreateXML(Connection& conn, const StoragePoolIdentity& id, std::string_view xml,
                                unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testStorageVolCreateXML");
  return addVolume(conn, id, xml, nullptr);
}

StorageVolIdentity volCreateXMLFrom(Connection& conn, const StoragePoolIdentity& id, std::string_view xml,
                                    const StorageVolIdentity& clone, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testStorageVolCreateXMLFrom");
  return addVolume(conn, id, xml, &clone);
}

// ---- volumes -----------------------------------------------------------------

StorageVolIdentity volLookupByName(Connection& conn, const StoragePoolIdentity& id, std::string_view name) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestPool& pool = activePool(s, id.name);
  return pool.volIdentity(volIn(pool, name));
}

// The volume of a running pool whose `field` is `value`, first found.

template <typename Field>
StorageVolIdentity volSearch(Connection& conn, Field field, std::string_view what, std::string_view value) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  for (const TestPool& pool : s.pools) {
    if (!pool.active) continue;
    for (const conf::StorageVolDef& vol : pool.volumes)
      if (field(vol) == value) return pool.volIdentity(vol);
  }
  failNoVol(what, value);
}

StorageVolIdentity volLookupByKey(Connection& conn, std::string_view key) {
  return volSearch(conn, [](const conf::StorageVolDef& v) { return v.key; }, "key", key);
}

StorageVolIdentity volLookupByPath(Connection& conn, std::string_view path) {
  return volSearch(conn, [](const conf::StorageVolDef& v) { return v.target.path; }, "path", path);
}

int volDelete(Connection& conn, const StorageVolIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testStorageVolDelete");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestPool& pool = activePool(s, id.pool);
  const conf::StorageVolDef& vol = volIn(pool, id.name);
  pool.def.allocation -= vol.allocation;
  pool.def.available = pool.def.capacity - pool.def.allocation;
  std::erase_if(pool.volumes, [&](const conf::StorageVolDef& v) { return &v == &vol; });
  return 0;
}

virStorageVolInfo volGetInfo(Connection& conn, const StorageVolIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestPool& pool = activePool(s, id.pool);
  const conf::StorageVolDef& vol = volIn(pool, id.name);
  using conf::PoolType;
  bool files = pool.def.type == PoolType::Dir || pool.def.type == PoolType::Fs || pool.def.type == PoolType::Netfs;
  virStorageVolInfo info{};
  info.type = files ? VIR_STORAGE_VOL_FILE : VIR_STORAGE_VOL_BLOCK;
  info.capacity = vol.capacity;
  info.allocation = vol.allocation;
  return info;
}

std::string volGetXMLDesc(Connection& conn, const StorageVolIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testStorageVolGetXMLDesc");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return conf::formatStorageVolXml(volOf(s, id));
}

std::string volGetPath(Connection& conn, const StorageVolIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return volOf(s, id).target.path;
}

driver::DomainEventState& eventState(Connection& conn) { return stateOf(conn).events; }

}  // namespace

const driver::StorageDriver kStorageDriver = {
    .storagePoolEventState = eventState,
    .storageVolCreateXMLFrom = volCreateXMLFrom,
    .storagePoolGetAutostart = getAutostart,
    .storagePoolGetInfo = getInfo,
    .storagePoolListVolumes = listVolumes,
    .storagePoolListAllVolumes = listAllVolumes,
    .storageVolGetInfo = volGetInfo,
    .connectFindStoragePoolSources = findStoragePoolSources,
    .connectListAllStoragePools = listAllPools,
    .connectListDefinedStoragePools = [](Connection& c) { return poolNames(c, false); },
    .connectListStoragePools = [](Connection& c) { return poolNames(c, true); },
    .connectNumOfDefinedStoragePools = [](Connection& c) { return poolCount(c, false); },
    .connectNumOfStoragePools = [](Connection& c) { return poolCount(c, true); },
    .storagePoolBuild = build,
    .storagePoolCreate = create,
    .storagePoolCreateXML = createXML,
    .storagePoolDefineXML = defineXML,
    .storagePoolDelete = deletePool,
    .storagePoolDestroy = destroy,
    .storagePoolGetXMLDesc = getXMLDesc,
    .storagePoolIsActive = isActive,
    .storagePoolIsPersistent = isPersistent,
    .storagePoolLookupByName = lookupByName,
    .storagePoolLookupByUUID = lookupByUuid,
    .storagePoolLookupByUUIDString = lookupByUuid,
    .storagePoolLookupByVolume = lookupByVolume,
    .storagePoolNumOfVolumes = numOfVolumes,
    .storagePoolRefresh = refresh,
    .storagePoolSetAutostart = setAutostart,
    .storagePoolUndefine = undefine,
    .storageVolCreateXML = volCreateXML,
    .storageVolDelete = volDelete,
    .storageVolGetPath = volGetPath,
    .storageVolGetXMLDesc = volGetXMLDesc,
    .storageVolLookupByKey = volLookupByKey,
    .storageVolLookupByName = volLookupByName,
    .storageVolLookupByPath = volLookupByPath,
};

}  // namespace vireo::test
