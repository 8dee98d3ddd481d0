/*
 * libvirt-domain-snapshot.h: domain snapshots
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "include <libvirt/libvirt.h> instead of <libvirt/libvirt-domain-snapshot.h>"
#endif

#ifndef VIREO_LIBVIRT_DOMAIN_SNAPSHOT_H
#define VIREO_LIBVIRT_DOMAIN_SNAPSHOT_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Opaque handle for a domain snapshot. Release with virDomainSnapshotFree().
 */
typedef struct _virDomainSnapshot virDomainSnapshot;

/**
 * Flags for virDomainSnapshotCreateXML().
 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE    = 0x1,
    VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT     = 0x2,
    VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA = 0x4,
    VIR_DOMAIN_SNAPSHOT_CREATE_HALT        = 0x8,
    VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY   = 0x10,
    VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT   = 0x20,
    VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE     = 0x40,
    VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC      = 0x80,
    VIR_DOMAIN_SNAPSHOT_CREATE_LIVE        = 0x100,
    VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE    = 0x200,
} virDomainSnapshotCreateFlags;

/**
 * Flags for virDomainSnapshotDelete().
 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN      = 0x1,
    VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY = 0x2,
    VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY = 0x4,
} virDomainSnapshotDeleteFlags;

/**
 * Filters for the snapshot listing and counting calls.
 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS = 0x1,
    VIR_DOMAIN_SNAPSHOT_LIST_ROOTS       = 0x1,
    VIR_DOMAIN_SNAPSHOT_LIST_METADATA    = 0x2,
    VIR_DOMAIN_SNAPSHOT_LIST_LEAVES      = 0x4,
    VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES   = 0x8,
    VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA = 0x10,
    VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE    = 0x20,
    VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE      = 0x40,
    VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY   = 0x80,
    VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL    = 0x100,
    VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL    = 0x200,
    VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL = 0x400,
} virDomainSnapshotListFlags;

/**
 * Flags for virDomainRevertToSnapshot().
 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING     = 0x1,
    VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED      = 0x2,
    VIR_DOMAIN_SNAPSHOT_REVERT_FORCE       = 0x4,
    VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM = 0x8,
} virDomainSnapshotRevertFlags;

/**
 * Flags for virDomainSnapshotGetXMLDesc().
 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_XML_SECURE = 1,
} virDomainSnapshotXMLFlags;

typedef virDomainSnapshot *virDomainSnapshotPtr;

/**
 * Tell whether the domain has a current snapshot.
 *
 * @param domain  domain handle
 * @param flags   must be 0
 *
 * @return 1 if it has one, 0 if not, -1 on error.
 */
VIREO_API int virDomainHasCurrentSnapshot(
        virDomainPtr domain,
        unsigned int flags);

/**
 * Collect handles for the snapshots of a domain, filtered by @p flags.
 *
 * @param domain  domain handle
 * @param snaps   if non-NULL, receives a newly allocated array of handles;
 *                pass NULL to only count
 * @param flags   bitwise OR of virDomainSnapshotListFlags
 *
 * @return the number of snapshots, or -1 on error. Release each element with
 *         virDomainSnapshotFree() and the array with free().
 */
VIREO_API int virDomainListAllSnapshots(virDomainPtr domain,
                                        virDomainSnapshotPtr **snaps,
                                        unsigned int flags);

/**
 * Bring a domain back to the state recorded in a snapshot.
 *
 * @param snapshot  snapshot handle
 * @param flags     bitwise OR of virDomainSnapshotRevertFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainRevertToSnapshot(virDomainSnapshotPtr snapshot,
                                        unsigned int flags);

/**
 * Take a snapshot of a domain, described by a <domainsnapshot> XML document
 * (which may be nearly empty to accept the defaults).
 *
 * @param domain   domain handle
 * @param xmlDesc  XML description of the snapshot
 * @param flags    bitwise OR of virDomainSnapshotCreateFlags
 *
 * @return a new snapshot handle; release it with virDomainSnapshotFree().
 *         NULL on error.
 */
VIREO_API virDomainSnapshotPtr virDomainSnapshotCreateXML(
        virDomainPtr domain,
        const char *xmlDesc,
        unsigned int flags);

/**
 * Get the current snapshot of a domain (the one the domain was last reverted
 * to or created from).
 *
 * @param domain  domain handle
 * @param flags   must be 0
 *
 * @return a new snapshot handle; release it with virDomainSnapshotFree().
 *         NULL if there is no current snapshot or on error.
 */
VIREO_API virDomainSnapshotPtr virDomainSnapshotCurrent(
        virDomainPtr domain,
        unsigned int flags);

/**
 * Delete a snapshot (and, depending on the flags, its descendants). The
 * handle must still be released with virDomainSnapshotFree().
 *
 * @param snapshot  snapshot handle
 * @param flags     bitwise OR of virDomainSnapshotDeleteFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSnapshotDelete(virDomainSnapshotPtr snapshot,
                                      unsigned int flags);

/**
 * Drop one reference to the snapshot handle and release the handle once no
 * reference remains. The snapshot itself is not affected.
 *
 * @param snapshot  snapshot handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSnapshotFree(virDomainSnapshotPtr snapshot);

/**
 * Get the connection the snapshot handle was obtained from. No reference is
 * added: do not close or free the result, and stop using it once the
 * snapshot handle is released (take a reference with virConnectRef() to keep
 * it longer).
 *
 * @param snapshot  snapshot handle
 *
 * @return the connection, or NULL on error.
 */
VIREO_API virConnectPtr virDomainSnapshotGetConnect(
        virDomainSnapshotPtr snapshot);

/**
 * Get the domain a snapshot belongs to. No reference is added: do not free
 * the result or use it after the snapshot handle is released.
 *
 * @param snapshot  snapshot handle
 *
 * @return the domain, or NULL on error.
 */
VIREO_API virDomainPtr virDomainSnapshotGetDomain(
        virDomainSnapshotPtr snapshot);

/**
 * Get the name of the snapshot.
 *
 * @param snapshot  snapshot handle
 *
 * @return a string owned by the handle (do not free it), valid for the
 *         handle's lifetime, or NULL on error.
 */
VIREO_API const char *virDomainSnapshotGetName(virDomainSnapshotPtr snapshot);

/**
 * Get the parent of a snapshot.
 *
 * @param snapshot  snapshot handle
 * @param flags     must be 0
 *
 * @return a new snapshot handle; release it with virDomainSnapshotFree().
 *         NULL if the snapshot has no parent or on error.
 */
VIREO_API virDomainSnapshotPtr virDomainSnapshotGetParent(
        virDomainSnapshotPtr snapshot,
        unsigned int flags);

/**
 * Produce the XML document describing the snapshot.
 *
 * @param snapshot  snapshot handle
 * @param flags     bitwise OR of virDomainSnapshotXMLFlags values, or 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virDomainSnapshotGetXMLDesc(
        virDomainSnapshotPtr snapshot,
        unsigned int flags);

/**
 * Tell whether the management layer keeps metadata for the snapshot (in
 * which case deleting the domain requires handling its snapshots).
 *
 * @param snapshot  snapshot handle
 * @param flags     must be 0
 *
 * @return 1 if it has metadata, 0 if not, -1 on error.
 */
VIREO_API int virDomainSnapshotHasMetadata(
        virDomainSnapshotPtr snapshot,
        unsigned int flags);

/**
 * Check if this snapshot is the one its domain currently derives from.
 *
 * @param snapshot  snapshot handle
 * @param flags     must be 0
 *
 * @return 1 if current, 0 if not, -1 on error.
 */
VIREO_API int virDomainSnapshotIsCurrent(
        virDomainSnapshotPtr snapshot,
        unsigned int flags);

/**
 * Collect handles for the children (or all descendants) of a snapshot.
 *
 * @param snapshot  snapshot handle
 * @param snaps     if non-NULL, receives a newly allocated array of handles;
 *                  pass NULL to only count
 * @param flags     bitwise OR of virDomainSnapshotListFlags
 *
 * @return the number of snapshots, or -1 on error. Release each element with
 *         virDomainSnapshotFree() and the array with free().
 */
VIREO_API int virDomainSnapshotListAllChildren(
        virDomainSnapshotPtr snapshot,
        virDomainSnapshotPtr **snaps,
        unsigned int flags);

/**
 * Store the names of up to @p nameslen children of a snapshot.
 * virDomainSnapshotListAllChildren() is preferred.
 *
 * @param snapshot  snapshot handle
 * @param names     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param nameslen  number of slots in @p names
 * @param flags     bitwise OR of virDomainSnapshotListFlags
 *
 * @return the number of names stored, or -1 on error.
 */
VIREO_API int virDomainSnapshotListChildrenNames(
        virDomainSnapshotPtr snapshot,
        char **names,
        int nameslen,
        unsigned int flags);

/**
 * Store the names of up to @p nameslen snapshots of a domain.
 * virDomainListAllSnapshots() is preferred.
 *
 * @param domain    domain handle
 * @param names     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param nameslen  number of slots in @p names
 * @param flags     bitwise OR of virDomainSnapshotListFlags
 *
 * @return the number of names stored, or -1 on error.
 */
VIREO_API int virDomainSnapshotListNames(
        virDomainPtr domain,
        char **names,
        int nameslen,
        unsigned int flags);

/**
 * Find a snapshot of a domain by its name.
 *
 * @param domain  domain handle
 * @param name    snapshot name
 * @param flags   must be 0
 *
 * @return a new snapshot handle; release it with virDomainSnapshotFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virDomainSnapshotPtr virDomainSnapshotLookupByName(
        virDomainPtr domain,
        const char *name,
        unsigned int flags);

/**
 * Count the snapshots of a domain, filtered by @p flags.
 *
 * @param domain  domain handle
 * @param flags   bitwise OR of virDomainSnapshotListFlags
 *
 * @return the number of snapshots, or -1 on error.
 */
VIREO_API int virDomainSnapshotNum(virDomainPtr domain, unsigned int flags);

/**
 * Count the children of a snapshot (all descendants with
 * VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS).
 *
 * @param snapshot  snapshot handle
 * @param flags     bitwise OR of virDomainSnapshotListFlags
 *
 * @return the number of children, or -1 on error.
 */
VIREO_API int virDomainSnapshotNumChildren(
        virDomainSnapshotPtr snapshot,
        unsigned int flags);

/**
 * Add a reference to the snapshot handle, e.g. before sharing it with
 * another thread. Every call must be balanced by a call to
 * virDomainSnapshotFree().
 *
 * @param snapshot  snapshot handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSnapshotRef(virDomainSnapshotPtr snapshot);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_DOMAIN_SNAPSHOT_H */
