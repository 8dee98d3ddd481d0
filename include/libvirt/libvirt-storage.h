/*
 * libvirt-storage.h: storage pools and volumes
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "include <libvirt/libvirt.h> instead of <libvirt/libvirt-storage.h>"
#endif

#ifndef VIREO_LIBVIRT_STORAGE_H
#define VIREO_LIBVIRT_STORAGE_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Opaque handle for a storage pool. Release with virStoragePoolFree().
 */
typedef struct _virStoragePool virStoragePool;

/**
 * Opaque handle for a storage volume. Release with virStorageVolFree().
 */
typedef struct _virStorageVol virStorageVol;

/**
 * Cast an event specific callback to the generic type expected by
 * virConnectStoragePoolEventRegisterAny().
 */
#define VIR_STORAGE_POOL_EVENT_CALLBACK(cb) ((virConnectStoragePoolEventGenericCallback)(void (*)(void))(cb))

/**
 * Filters for virConnectListAllStoragePools(), by state and by pool type.
 */
typedef enum {
    VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE     = 0x1,
    VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE       = 0x2,
    VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT   = 0x4,
    VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT    = 0x8,
    VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART    = 0x10,
    VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART = 0x20,
    VIR_CONNECT_LIST_STORAGE_POOLS_DIR          = 0x40,
    VIR_CONNECT_LIST_STORAGE_POOLS_FS           = 0x80,
    VIR_CONNECT_LIST_STORAGE_POOLS_NETFS        = 0x100,
    VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL      = 0x200,
    VIR_CONNECT_LIST_STORAGE_POOLS_DISK         = 0x400,
    VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI        = 0x800,
    VIR_CONNECT_LIST_STORAGE_POOLS_SCSI         = 0x1000,
    VIR_CONNECT_LIST_STORAGE_POOLS_MPATH        = 0x2000,
    VIR_CONNECT_LIST_STORAGE_POOLS_RBD          = 0x4000,
    VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG     = 0x8000,
    VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER      = 0x10000,
    VIR_CONNECT_LIST_STORAGE_POOLS_ZFS          = 0x20000,
    VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE     = 0x40000,
    VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT = 0x80000,
} virConnectListAllStoragePoolsFlags;

/**
 * Flags for virStoragePoolBuild().
 */
typedef enum {
    VIR_STORAGE_POOL_BUILD_NEW          = 0x0,
    VIR_STORAGE_POOL_BUILD_REPAIR       = 0x1,
    VIR_STORAGE_POOL_BUILD_RESIZE       = 0x2,
    VIR_STORAGE_POOL_BUILD_NO_OVERWRITE = 0x4,
    VIR_STORAGE_POOL_BUILD_OVERWRITE    = 0x8,
} virStoragePoolBuildFlags;

/**
 * Flags for virStoragePoolCreate() and virStoragePoolCreateXML().
 */
typedef enum {
    VIR_STORAGE_POOL_CREATE_NORMAL                  = 0x0,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD              = 0x1,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE    = 0x2,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE = 0x4,
} virStoragePoolCreateFlags;

/**
 * Flags for virStoragePoolDefineXML().
 */
typedef enum {
    VIR_STORAGE_POOL_DEFINE_VALIDATE = 0x1,
} virStoragePoolDefineFlags;

/**
 * Flags for virStoragePoolDelete().
 */
typedef enum {
    VIR_STORAGE_POOL_DELETE_NORMAL = 0x0,
    VIR_STORAGE_POOL_DELETE_ZEROED = 0x1,
} virStoragePoolDeleteFlags;

/**
 * Storage pool event kinds for virConnectStoragePoolEventRegisterAny().
 */
typedef enum {
    VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE = 0,
    VIR_STORAGE_POOL_EVENT_ID_REFRESH   = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_POOL_EVENT_ID_LAST      = 2,
#endif
} virStoragePoolEventID;

/**
 * Kinds of storage pool lifecycle event.
 */
typedef enum {
    VIR_STORAGE_POOL_EVENT_DEFINED   = 0,
    VIR_STORAGE_POOL_EVENT_UNDEFINED = 1,
    VIR_STORAGE_POOL_EVENT_STARTED   = 2,
    VIR_STORAGE_POOL_EVENT_STOPPED   = 3,
    VIR_STORAGE_POOL_EVENT_CREATED   = 4,
    VIR_STORAGE_POOL_EVENT_DELETED   = 5,
#ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_POOL_EVENT_LAST      = 6,
#endif
} virStoragePoolEventLifecycleType;

/**
 * States of a storage pool (virStoragePoolInfo.state).
 */
typedef enum {
    VIR_STORAGE_POOL_INACTIVE     = 0,
    VIR_STORAGE_POOL_BUILDING     = 1,
    VIR_STORAGE_POOL_RUNNING      = 2,
    VIR_STORAGE_POOL_DEGRADED     = 3,
    VIR_STORAGE_POOL_INACCESSIBLE = 4,
#ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_POOL_STATE_LAST   = 5,
#endif
} virStoragePoolState;

/**
 * Flags for virStorageVolCreateXML() and virStorageVolCreateXMLFrom().
 */
typedef enum {
    VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA = 0x1,
    VIR_STORAGE_VOL_CREATE_REFLINK           = 0x2,
    VIR_STORAGE_VOL_CREATE_VALIDATE          = 0x4,
} virStorageVolCreateFlags;

/**
 * Flags for virStorageVolDelete().
 */
typedef enum {
    VIR_STORAGE_VOL_DELETE_NORMAL         = 0x0,
    VIR_STORAGE_VOL_DELETE_ZEROED         = 0x1,
    VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS = 0x2,
} virStorageVolDeleteFlags;

/**
 * Flags for virStorageVolDownload().
 */
typedef enum {
    VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM = 0x1,
} virStorageVolDownloadFlags;

/**
 * Flags for virStorageVolGetInfoFlags().
 */
typedef enum {
    VIR_STORAGE_VOL_USE_ALLOCATION = 0x0,
    VIR_STORAGE_VOL_GET_PHYSICAL   = 0x1,
} virStorageVolInfoFlags;

/**
 * Flags for virStorageVolResize().
 */
typedef enum {
    VIR_STORAGE_VOL_RESIZE_ALLOCATE = 0x1,
    VIR_STORAGE_VOL_RESIZE_DELTA    = 0x2,
    VIR_STORAGE_VOL_RESIZE_SHRINK   = 0x4,
} virStorageVolResizeFlags;

/**
 * Kinds of storage volume (virStorageVolInfo.type).
 */
typedef enum {
    VIR_STORAGE_VOL_FILE    = 0,
    VIR_STORAGE_VOL_BLOCK   = 1,
    VIR_STORAGE_VOL_DIR     = 2,
    VIR_STORAGE_VOL_NETWORK = 3,
    VIR_STORAGE_VOL_NETDIR  = 4,
    VIR_STORAGE_VOL_PLOOP   = 5,
#ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_VOL_LAST    = 6,
#endif
} virStorageVolType;

/**
 * Flags for virStorageVolUpload().
 */
typedef enum {
    VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM = 0x1,
} virStorageVolUploadFlags;

/**
 * Data wiping algorithms for virStorageVolWipePattern().
 */
typedef enum {
    VIR_STORAGE_VOL_WIPE_ALG_ZERO       = 0,
    VIR_STORAGE_VOL_WIPE_ALG_NNSA       = 1,
    VIR_STORAGE_VOL_WIPE_ALG_DOD        = 2,
    VIR_STORAGE_VOL_WIPE_ALG_BSI        = 3,
    VIR_STORAGE_VOL_WIPE_ALG_GUTMANN    = 4,
    VIR_STORAGE_VOL_WIPE_ALG_SCHNEIER   = 5,
    VIR_STORAGE_VOL_WIPE_ALG_PFITZNER7  = 6,
    VIR_STORAGE_VOL_WIPE_ALG_PFITZNER33 = 7,
    VIR_STORAGE_VOL_WIPE_ALG_RANDOM     = 8,
    VIR_STORAGE_VOL_WIPE_ALG_TRIM       = 9,
#ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_VOL_WIPE_ALG_LAST       = 10,
#endif
} virStorageVolWipeAlgorithm;

/**
 * Flags for virStoragePoolGetXMLDesc().
 */
typedef enum {
    VIR_STORAGE_XML_INACTIVE = 0x1,
} virStorageXMLFlags;

typedef struct _virStoragePoolInfo virStoragePoolInfo;
typedef struct _virStorageVolInfo virStorageVolInfo;
typedef virStoragePoolInfo *virStoragePoolInfoPtr;
typedef virStoragePool *virStoragePoolPtr;
typedef virStorageVolInfo *virStorageVolInfoPtr;
typedef virStorageVol *virStorageVolPtr;

/**
 * Generic callback type used in the prototype of
 * virConnectStoragePoolEventRegisterAny(); the actual callback, whose type
 * depends on the event ID, must be cast to it.
 *
 * @param conn    connection handle
 * @param pool    storage pool handle
 * @param opaque  data given at registration
 */
typedef void (*virConnectStoragePoolEventGenericCallback)(
        virConnectPtr conn,
        virStoragePoolPtr pool,
        void *opaque);

/**
 * Signature of the callback for storage pool lifecycle events (the
 * *_EVENT_ID_LIFECYCLE event).
 *
 * @param conn    connection handle
 * @param pool    storage pool handle
 * @param event   a virStoragePoolEventLifecycleType value
 * @param detail  extra detail, currently always 0
 * @param opaque  data given at registration
 */
typedef void (*virConnectStoragePoolEventLifecycleCallback)(
        virConnectPtr conn,
        virStoragePoolPtr pool,
        int event,
        int detail,
        void *opaque);

/**
 * State and size of a storage pool, filled in by virStoragePoolGetInfo().
 */
struct _virStoragePoolInfo {
    int state; /* virStoragePoolState */
    unsigned long long capacity; /* logical size in bytes */
    unsigned long long allocation; /* bytes in use */
    unsigned long long available; /* bytes still free */
};

/**
 * Type and size of a storage volume, filled in by virStorageVolGetInfo().
 */
struct _virStorageVolInfo {
    int type; /* virStorageVolType */
    unsigned long long capacity; /* logical size in bytes */
    unsigned long long allocation; /* bytes actually allocated */
};

/**
 * Probe for storage that could back a pool of the given type (for example
 * volume groups for "logical", exports of an NFS server for "netfs").
 *
 * @param conn     connection handle
 * @param type     storage pool type
 * @param srcSpec  optional XML <source> element narrowing the search (e.g.
 *                 the host to query), or NULL
 * @param flags    must be 0
 *
 * @return an XML document listing the sources found, to release with free(),
 *         or NULL on error.
 */
VIREO_API char *virConnectFindStoragePoolSources(
        virConnectPtr conn,
        const char *type,
        const char *srcSpec,
        unsigned int flags);

/**
 * Get an XML document describing the storage pool types, and their options,
 * supported by the connection.
 *
 * @param conn   connection handle
 * @param flags  must be 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virConnectGetStoragePoolCapabilities(
        virConnectPtr conn,
        unsigned int flags);

/**
 * Collect handles for all storage pools known to the connection, active or
 * not. @p flags is a bitwise OR of virConnectListAllStoragePoolsFlags values
 * restricting the result; 0 lists everything.
 *
 * @param conn   connection handle
 * @param pools  if non-NULL, receives a newly allocated array of handles;
 *               pass NULL to only count
 * @param flags  filter flags
 *
 * @return the number of storage pools found, or -1 on error. Each element of
 *         the returned array must be released with virStoragePoolFree() and
 *         the array itself with free().
 */
VIREO_API int virConnectListAllStoragePools(
        virConnectPtr conn,
        virStoragePoolPtr **pools,
        unsigned int flags);

/**
 * Store the names of up to @p maxnames inactive storage pools into @p names.
 * The list can be out of date by the time it is used;
 * virConnectListAllStoragePools() avoids that race.
 *
 * @param conn      connection handle
 * @param names     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param maxnames  number of slots in @p names
 *
 * @return the number of entries stored, or -1 on error.
 */
VIREO_API int virConnectListDefinedStoragePools(
        virConnectPtr conn,
        char **const names,
        int maxnames);

/**
 * Store the names of up to @p maxnames active storage pools into @p names.
 * The list can be out of date by the time it is used;
 * virConnectListAllStoragePools() avoids that race.
 *
 * @param conn      connection handle
 * @param names     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param maxnames  number of slots in @p names
 *
 * @return the number of entries stored, or -1 on error.
 */
VIREO_API int virConnectListStoragePools(
        virConnectPtr conn,
        char **const names,
        int maxnames);

/**
 * Count the inactive (defined but not running) storage pools.
 *
 * @param conn  connection handle
 *
 * @return the number of storage pools, or -1 on error.
 */
VIREO_API int virConnectNumOfDefinedStoragePools(virConnectPtr conn);

/**
 * Count the active storage pools.
 *
 * @param conn  connection handle
 *
 * @return the number of storage pools, or -1 on error.
 */
VIREO_API int virConnectNumOfStoragePools(virConnectPtr conn);

/**
 * Remove a callback added with virConnectStoragePoolEventRegisterAny(). Its
 * @p freecb, if any, runs once the callback can no longer be invoked.
 *
 * @param conn        connection handle
 * @param callbackID  value returned by
 *                    virConnectStoragePoolEventRegisterAny()
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectStoragePoolEventDeregisterAny(
        virConnectPtr conn,
        int callbackID);

/**
 * Register @p cb to be told about storage pool events of kind @p eventID (a
 * virStoragePoolEventID value). The callback is declared with the generic
 * type; cast the real, event specific, callback with
 * VIR_STORAGE_POOL_EVENT_CALLBACK(). When @p pool is non-NULL only events
 * for that storage pool are delivered. Events are only dispatched while an
 * event loop implementation is registered and running.
 *
 * @param conn     connection handle
 * @param pool     storage pool to watch, or NULL for all
 * @param eventID  which event to watch (virStoragePoolEventID)
 * @param cb       callback, cast with VIR_STORAGE_POOL_EVENT_CALLBACK()
 * @param opaque   caller data handed to @p cb
 * @param freecb   optional destructor for @p opaque, called when the
 *                 callback is unregistered
 *
 * @return a callback identifier (0 or greater) to pass to
 *         virConnectStoragePoolEventDeregisterAny(), or -1 on error.
 */
VIREO_API int virConnectStoragePoolEventRegisterAny(
        virConnectPtr conn,
        virStoragePoolPtr pool,
        int eventID,
        virConnectStoragePoolEventGenericCallback cb,
        void *opaque,
        virFreeCallback freecb);

/**
 * Create the underlying storage of an inactive pool: make the directory,
 * format the disk, create the volume group, ... as appropriate for its type.
 *
 * @param pool   storage pool handle
 * @param flags  bitwise OR of virStoragePoolBuildFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStoragePoolBuild(virStoragePoolPtr pool, unsigned int flags);

/**
 * Start a defined but inactive storage pool.
 *
 * @param pool   storage pool handle
 * @param flags  bitwise OR of virStoragePoolCreateFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStoragePoolCreate(virStoragePoolPtr pool, unsigned int flags);

/**
 * Create and start a transient storage pool from an XML description; it
 * vanishes when stopped.
 *
 * @param conn     connection handle
 * @param xmlDesc  XML description of the pool
 * @param flags    bitwise OR of virStoragePoolCreateFlags
 *
 * @return a new storage pool handle; release it with virStoragePoolFree().
 *         NULL on error.
 */
VIREO_API virStoragePoolPtr virStoragePoolCreateXML(
        virConnectPtr conn,
        const char *xmlDesc,
        unsigned int flags);

/**
 * Define a persistent storage pool from an XML description without starting
 * it. If a storage pool with the same name and UUID is already defined, its
 * configuration is replaced.
 *
 * @param conn   connection handle
 * @param xml    XML description of the storage pool
 * @param flags  bitwise OR of virStoragePoolDefineFlags values, or 0
 *
 * @return a new storage pool handle; release it with virStoragePoolFree().
 *         NULL on error.
 */
VIREO_API virStoragePoolPtr virStoragePoolDefineXML(
        virConnectPtr conn,
        const char *xml,
        unsigned int flags);

/**
 * Destroy the underlying storage of an inactive pool (the opposite of
 * virStoragePoolBuild()). Data is lost.
 *
 * @param pool   storage pool handle
 * @param flags  bitwise OR of virStoragePoolDeleteFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStoragePoolDelete(virStoragePoolPtr pool, unsigned int flags);

/**
 * Stop an active storage pool. The data it holds is left untouched; a
 * transient pool disappears, a persistent one stays defined. The handle must
 * still be released with virStoragePoolFree().
 *
 * @param pool  storage pool handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStoragePoolDestroy(virStoragePoolPtr pool);

/**
 * Drop one reference to the storage pool handle and release the handle once
 * no reference remains. The storage pool itself is not affected.
 *
 * @param pool  storage pool handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStoragePoolFree(virStoragePoolPtr pool);

/**
 * Tell whether the storage pool is started automatically when the host boots
 * or the management daemon starts.
 *
 * @param pool       storage pool handle
 * @param autostart  receives 1 if autostart is enabled, 0 otherwise
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStoragePoolGetAutostart(
        virStoragePoolPtr pool,
        int *autostart);

/**
 * Get the connection the storage pool handle was obtained from. No reference
 * is added: do not close or free the result, and stop using it once the
 * storage pool handle is released (take a reference with virConnectRef() to
 * keep it longer).
 *
 * @param pool  storage pool handle
 *
 * @return the connection, or NULL on error.
 */
VIREO_API virConnectPtr virStoragePoolGetConnect(virStoragePoolPtr pool);

/**
 * Fill in the state and the capacity figures of the storage pool.
 *
 * @param pool  storage pool handle
 * @param info  structure to fill in
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStoragePoolGetInfo(virStoragePoolPtr pool,
                                    virStoragePoolInfoPtr info);

/**
 * Get the name of the storage pool.
 *
 * @param pool  storage pool handle
 *
 * @return a string owned by the handle (do not free it), valid for the
 *         handle's lifetime, or NULL on error.
 */
VIREO_API const char *virStoragePoolGetName(virStoragePoolPtr pool);

/**
 * Copy the raw UUID of the storage pool into @p uuid.
 *
 * @param pool  storage pool handle
 * @param uuid  buffer of at least VIR_UUID_BUFLEN bytes
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStoragePoolGetUUID(virStoragePoolPtr pool,
                                    unsigned char *uuid);

/**
 * Format the UUID of the storage pool as text into @p buf.
 *
 * @param pool  storage pool handle
 * @param buf   buffer of at least VIR_UUID_STRING_BUFLEN bytes
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStoragePoolGetUUIDString(virStoragePoolPtr pool, char *buf);

/**
 * Produce the XML document describing the storage pool.
 *
 * @param pool   storage pool handle
 * @param flags  bitwise OR of virStorageXMLFlags values, or 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virStoragePoolGetXMLDesc(
        virStoragePoolPtr pool,
        unsigned int flags);

/**
 * Tell whether the storage pool is currently active.
 *
 * @param pool  storage pool handle
 *
 * @return 1 if active, 0 if inactive, -1 on error.
 */
VIREO_API int virStoragePoolIsActive(virStoragePoolPtr pool);

/**
 * Tell whether the storage pool has a persistent configuration (as opposed
 * to being transient, vanishing once stopped).
 *
 * @param pool  storage pool handle
 *
 * @return 1 if persistent, 0 if transient, -1 on error.
 */
VIREO_API int virStoragePoolIsPersistent(virStoragePoolPtr pool);

/**
 * Collect handles for all volumes of the storage pool.
 *
 * @param pool   storage pool handle
 * @param vols   if non-NULL, receives a newly allocated array of handles;
 *               pass NULL to only count
 * @param flags  must be 0
 *
 * @return the number of volumes, or -1 on error. Release each element with
 *         virStorageVolFree() and the array with free().
 */
VIREO_API int virStoragePoolListAllVolumes(
        virStoragePoolPtr pool,
        virStorageVolPtr **vols,
        unsigned int flags);

/**
 * Store the names of up to @p maxnames volumes of the pool.
 * virStoragePoolListAllVolumes() is preferred.
 *
 * @param pool      storage pool handle
 * @param names     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param maxnames  number of slots in @p names
 *
 * @return the number of names stored, or -1 on error.
 */
VIREO_API int virStoragePoolListVolumes(virStoragePoolPtr pool,
                                        char **const names,
                                        int maxnames);

/**
 * Find a storage pool by its name.
 *
 * @param conn  connection handle
 * @param name  name of the storage pool
 *
 * @return a new storage pool handle; release it with virStoragePoolFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virStoragePoolPtr virStoragePoolLookupByName(
        virConnectPtr conn,
        const char *name);

/**
 * Find the storage pool whose target is the given path.
 *
 * @param conn  connection handle
 * @param path  target path of the pool
 *
 * @return a new storage pool handle; release it with virStoragePoolFree().
 *         NULL if none matches or on error.
 */
VIREO_API virStoragePoolPtr virStoragePoolLookupByTargetPath(
        virConnectPtr conn,
        const char *path);

/**
 * Find a storage pool by its raw UUID.
 *
 * @param conn  connection handle
 * @param uuid  raw UUID, VIR_UUID_BUFLEN bytes
 *
 * @return a new storage pool handle; release it with virStoragePoolFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virStoragePoolPtr virStoragePoolLookupByUUID(
        virConnectPtr conn,
        const unsigned char *uuid);

/**
 * Find a storage pool by the textual form of its UUID.
 *
 * @param conn     connection handle
 * @param uuidstr  UUID as a string
 *
 * @return a new storage pool handle; release it with virStoragePoolFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virStoragePoolPtr virStoragePoolLookupByUUIDString(
        virConnectPtr conn,
        const char *uuidstr);

/**
 * Find the storage pool containing a volume.
 *
 * @param vol  storage volume handle
 *
 * @return a new storage pool handle; release it with virStoragePoolFree().
 *         NULL on error.
 */
VIREO_API virStoragePoolPtr virStoragePoolLookupByVolume(virStorageVolPtr vol);

/**
 * Count the volumes of the storage pool.
 *
 * @param pool  storage pool handle
 *
 * @return the number of volumes, or -1 on error.
 */
VIREO_API int virStoragePoolNumOfVolumes(virStoragePoolPtr pool);

/**
 * Add a reference to the storage pool handle, e.g. before sharing it with
 * another thread. Every call must be balanced by a call to
 * virStoragePoolFree().
 *
 * @param pool  storage pool handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStoragePoolRef(virStoragePoolPtr pool);

/**
 * Rescan an active storage pool so that its list of volumes and their sizes
 * are up to date.
 *
 * @param pool   storage pool handle
 * @param flags  must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStoragePoolRefresh(virStoragePoolPtr pool,
                                    unsigned int flags);

/**
 * Enable or disable automatic start of the storage pool when the host boots
 * or the management daemon starts. Only persistent objects can be set to
 * autostart.
 *
 * @param pool       storage pool handle
 * @param autostart  1 to enable, 0 to disable
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStoragePoolSetAutostart(
        virStoragePoolPtr pool,
        int autostart);

/**
 * Remove the persistent configuration of the storage pool. An active storage
 * pool keeps running and becomes transient; the handle stays valid and must
 * still be released with virStoragePoolFree().
 *
 * @param pool  storage pool handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStoragePoolUndefine(virStoragePoolPtr pool);

/**
 * Create a new volume in the storage pool from an XML description.
 *
 * @param pool     storage pool handle
 * @param xmlDesc  XML description of the volume
 * @param flags    bitwise OR of virStorageVolCreateFlags
 *
 * @return a new storage volume handle; release it with virStorageVolFree().
 *         NULL on error.
 */
VIREO_API virStorageVolPtr virStorageVolCreateXML(
        virStoragePoolPtr pool,
        const char *xmlDesc,
        unsigned int flags);

/**
 * Create a new volume in the storage pool, initialised with the contents of
 * an existing volume (which may live in another pool).
 *
 * @param pool      storage pool handle
 * @param xmlDesc   XML description of the new volume
 * @param clonevol  volume to copy the data from
 * @param flags     bitwise OR of virStorageVolCreateFlags
 *
 * @return a new storage volume handle; release it with virStorageVolFree().
 *         NULL on error.
 */
VIREO_API virStorageVolPtr virStorageVolCreateXMLFrom(
        virStoragePoolPtr pool,
        const char *xmlDesc,
        virStorageVolPtr clonevol,
        unsigned int flags);

/**
 * Delete a volume and its storage. The handle must still be released with
 * virStorageVolFree().
 *
 * @param vol    storage volume handle
 * @param flags  bitwise OR of virStorageVolDeleteFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStorageVolDelete(virStorageVolPtr vol, unsigned int flags);

/**
 * Read the contents of a volume through a stream: the data arrives on @p
 * stream, to be consumed with virStreamRecv() or virStreamRecvAll().
 *
 * @param vol     storage volume handle
 * @param stream  stream created with virStreamNew()
 * @param offset  where to start reading, in bytes
 * @param length  bytes to read, 0 for everything up to the end
 * @param flags   bitwise OR of virStorageVolDownloadFlags
 *
 * @return 0 if the transfer was set up, -1 on error.
 */
VIREO_API int virStorageVolDownload(virStorageVolPtr vol,
                                    virStreamPtr stream,
                                    unsigned long long offset,
                                    unsigned long long length,
                                    unsigned int flags);

/**
 * Drop one reference to the storage volume handle and release the handle
 * once no reference remains. The storage volume itself is not affected.
 *
 * @param vol  storage volume handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStorageVolFree(virStorageVolPtr vol);

/**
 * Get the connection the storage volume handle was obtained from. No
 * reference is added: do not close or free the result, and stop using it
 * once the storage volume handle is released (take a reference with
 * virConnectRef() to keep it longer).
 *
 * @param vol  storage volume handle
 *
 * @return the connection, or NULL on error.
 */
VIREO_API virConnectPtr virStorageVolGetConnect(virStorageVolPtr vol);

/**
 * Fill in the type, capacity and allocation of a volume.
 *
 * @param vol   storage volume handle
 * @param info  structure to fill in
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStorageVolGetInfo(virStorageVolPtr vol,
                                   virStorageVolInfoPtr info);

/**
 * Like virStorageVolGetInfo(), with flags changing what is reported.
 *
 * @param vol    storage volume handle
 * @param info   structure to fill in
 * @param flags  bitwise OR of virStorageVolInfoFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStorageVolGetInfoFlags(virStorageVolPtr vol,
                                        virStorageVolInfoPtr info,
                                        unsigned int flags);

/**
 * Get the key of a volume: a string identifying it uniquely on the host,
 * whatever pool it is seen through.
 *
 * @param vol  storage volume handle
 *
 * @return a string owned by the handle (do not free it), or NULL on error.
 */
VIREO_API const char *virStorageVolGetKey(virStorageVolPtr vol);

/**
 * Get the name of the storage volume.
 *
 * @param vol  storage volume handle
 *
 * @return a string owned by the handle (do not free it), valid for the
 *         handle's lifetime, or NULL on error.
 */
VIREO_API const char *virStorageVolGetName(virStorageVolPtr vol);

/**
 * Get the path a guest configuration should use to refer to the volume.
 *
 * @param vol  storage volume handle
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virStorageVolGetPath(virStorageVolPtr vol);

/**
 * Produce the XML document describing the storage volume.
 *
 * @param vol    storage volume handle
 * @param flags  must be 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virStorageVolGetXMLDesc(virStorageVolPtr vol,
                                        unsigned int flags);

/**
 * Find a storage volume by its key.
 *
 * @param conn  connection handle
 * @param key   volume key
 *
 * @return a new storage volume handle; release it with virStorageVolFree().
 *         NULL if none matches or on error.
 */
VIREO_API virStorageVolPtr virStorageVolLookupByKey(
        virConnectPtr conn,
        const char *key);

/**
 * Find a storage volume by its name.
 *
 * @param pool  storage pool handle
 * @param name  name of the storage volume
 *
 * @return a new storage volume handle; release it with virStorageVolFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virStorageVolPtr virStorageVolLookupByName(
        virStoragePoolPtr pool,
        const char *name);

/**
 * Find a storage volume by its path.
 *
 * @param conn  connection handle
 * @param path  volume path
 *
 * @return a new storage volume handle; release it with virStorageVolFree().
 *         NULL if none matches or on error.
 */
VIREO_API virStorageVolPtr virStorageVolLookupByPath(
        virConnectPtr conn,
        const char *path);

/**
 * Add a reference to the storage volume handle, e.g. before sharing it with
 * another thread. Every call must be balanced by a call to
 * virStorageVolFree().
 *
 * @param vol  storage volume handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStorageVolRef(virStorageVolPtr vol);

/**
 * Change the capacity of a volume.
 *
 * @param vol       storage volume handle
 * @param capacity  new capacity in bytes (or the change, with
 *                  VIR_STORAGE_VOL_RESIZE_DELTA)
 * @param flags     bitwise OR of virStorageVolResizeFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStorageVolResize(virStorageVolPtr vol,
                                  unsigned long long capacity,
                                  unsigned int flags);

/**
 * Write data into a volume through a stream: send the data on @p stream with
 * virStreamSend() or virStreamSendAll(), then virStreamFinish().
 *
 * @param vol     storage volume handle
 * @param stream  stream created with virStreamNew()
 * @param offset  where to start writing, in bytes
 * @param length  bytes to write, 0 for everything up to the end
 * @param flags   bitwise OR of virStorageVolUploadFlags
 *
 * @return 0 if the transfer was set up, -1 on error.
 */
VIREO_API int virStorageVolUpload(virStorageVolPtr vol,
                                  virStreamPtr stream,
                                  unsigned long long offset,
                                  unsigned long long length,
                                  unsigned int flags);

/**
 * Overwrite the data of a volume with zeros.
 *
 * @param vol    storage volume handle
 * @param flags  must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStorageVolWipe(virStorageVolPtr vol, unsigned int flags);

/**
 * Overwrite the data of a volume using a given wiping algorithm.
 *
 * @param vol        storage volume handle
 * @param algorithm  a virStorageVolWipeAlgorithm value
 * @param flags      must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStorageVolWipePattern(virStorageVolPtr vol,
                                       unsigned int algorithm,
                                       unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_STORAGE_H */
