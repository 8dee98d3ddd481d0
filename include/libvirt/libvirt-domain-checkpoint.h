/*
 * libvirt-domain-checkpoint.h: domain checkpoints for incremental backup
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "include <libvirt/libvirt.h> instead of <libvirt/libvirt-domain-checkpoint.h>"
#endif

#ifndef VIREO_LIBVIRT_DOMAIN_CHECKPOINT_H
#define VIREO_LIBVIRT_DOMAIN_CHECKPOINT_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Opaque handle for a domain checkpoint. Release with
 * virDomainCheckpointFree().
 */
typedef struct _virDomainCheckpoint virDomainCheckpoint;

/**
 * Flags for virDomainCheckpointCreateXML().
 */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE          = 0x1,
    VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE           = 0x2,
    VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE = 0x4,
} virDomainCheckpointCreateFlags;

/**
 * Flags for virDomainCheckpointDelete().
 */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN      = 0x1,
    VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY = 0x2,
    VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY = 0x4,
} virDomainCheckpointDeleteFlags;

/**
 * Filters for the checkpoint listing calls.
 */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS = 0x1,
    VIR_DOMAIN_CHECKPOINT_LIST_ROOTS       = 0x1,
    VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL = 0x2,
    VIR_DOMAIN_CHECKPOINT_LIST_LEAVES      = 0x4,
    VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES   = 0x8,
} virDomainCheckpointListFlags;

/**
 * Flags for virDomainCheckpointGetXMLDesc().
 */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_XML_SECURE    = 0x1,
    VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN = 0x2,
    VIR_DOMAIN_CHECKPOINT_XML_SIZE      = 0x4,
} virDomainCheckpointXMLFlags;

typedef virDomainCheckpoint *virDomainCheckpointPtr;

/**
 * Create a checkpoint of a domain, described by a <domaincheckpoint> XML
 * document, so that later backups can copy only what changed since.
 *
 * @param domain   domain handle
 * @param xmlDesc  XML description of the checkpoint
 * @param flags    bitwise OR of virDomainCheckpointCreateFlags
 *
 * @return a new checkpoint handle; release it with
 *         virDomainCheckpointFree(). NULL on error.
 */
VIREO_API virDomainCheckpointPtr virDomainCheckpointCreateXML(
        virDomainPtr domain,
        const char *xmlDesc,
        unsigned int flags);

/**
 * Delete a checkpoint (and, depending on the flags, its descendants). The
 * handle must still be released with virDomainCheckpointFree().
 *
 * @param checkpoint  checkpoint handle
 * @param flags       bitwise OR of virDomainCheckpointDeleteFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainCheckpointDelete(virDomainCheckpointPtr checkpoint,
                                        unsigned int flags);

/**
 * Drop one reference to the checkpoint handle and release the handle once no
 * reference remains. The checkpoint itself is not affected.
 *
 * @param checkpoint  checkpoint handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainCheckpointFree(virDomainCheckpointPtr checkpoint);

/**
 * Get the connection the checkpoint handle was obtained from. No reference
 * is added: do not close or free the result, and stop using it once the
 * checkpoint handle is released (take a reference with virConnectRef() to
 * keep it longer).
 *
 * @param checkpoint  checkpoint handle
 *
 * @return the connection, or NULL on error.
 */
VIREO_API virConnectPtr virDomainCheckpointGetConnect(
        virDomainCheckpointPtr checkpoint);

/**
 * Get the domain a checkpoint belongs to. No reference is added: do not free
 * the result or use it after the checkpoint handle is released.
 *
 * @param checkpoint  checkpoint handle
 *
 * @return the domain, or NULL on error.
 */
VIREO_API virDomainPtr virDomainCheckpointGetDomain(
        virDomainCheckpointPtr checkpoint);

/**
 * Get the name of the checkpoint.
 *
 * @param checkpoint  checkpoint handle
 *
 * @return a string owned by the handle (do not free it), valid for the
 *         handle's lifetime, or NULL on error.
 */
VIREO_API const char *virDomainCheckpointGetName(
        virDomainCheckpointPtr checkpoint);

/**
 * Get the parent of a checkpoint.
 *
 * @param checkpoint  checkpoint handle
 * @param flags       must be 0
 *
 * @return a new checkpoint handle; release it with
 *         virDomainCheckpointFree(). NULL if the checkpoint has no parent or
 *         on error.
 */
VIREO_API virDomainCheckpointPtr virDomainCheckpointGetParent(
        virDomainCheckpointPtr checkpoint,
        unsigned int flags);

/**
 * Produce the XML document describing the checkpoint.
 *
 * @param checkpoint  checkpoint handle
 * @param flags       bitwise OR of virDomainCheckpointXMLFlags values, or 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virDomainCheckpointGetXMLDesc(
        virDomainCheckpointPtr checkpoint,
        unsigned int flags);

/**
 * Collect handles for the children (or all descendants) of a checkpoint.
 *
 * @param checkpoint  checkpoint handle
 * @param children    if non-NULL, receives a newly allocated array of
 *                    handles; pass NULL to only count
 * @param flags       bitwise OR of virDomainCheckpointListFlags
 *
 * @return the number of checkpoints, or -1 on error. Release each element
 *         with virDomainCheckpointFree() and the array with free().
 */
VIREO_API int virDomainCheckpointListAllChildren(
        virDomainCheckpointPtr checkpoint,
        virDomainCheckpointPtr **children,
        unsigned int flags);

/**
 * Find a checkpoint of a domain by its name.
 *
 * @param domain  domain handle
 * @param name    checkpoint name
 * @param flags   must be 0
 *
 * @return a new checkpoint handle; release it with
 *         virDomainCheckpointFree(). NULL if it does not exist or on error.
 */
VIREO_API virDomainCheckpointPtr virDomainCheckpointLookupByName(
        virDomainPtr domain,
        const char *name,
        unsigned int flags);

/**
 * Add a reference to the checkpoint handle, e.g. before sharing it with
 * another thread. Every call must be balanced by a call to
 * virDomainCheckpointFree().
 *
 * @param checkpoint  checkpoint handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainCheckpointRef(virDomainCheckpointPtr checkpoint);

/**
 * Collect handles for the checkpoints of a domain, filtered by @p flags.
 *
 * @param domain       domain handle
 * @param checkpoints  if non-NULL, receives a newly allocated array of
 *                     handles; pass NULL to only count
 * @param flags        bitwise OR of virDomainCheckpointListFlags
 *
 * @return the number of checkpoints, or -1 on error. Release each element
 *         with virDomainCheckpointFree() and the array with free().
 */
VIREO_API int virDomainListAllCheckpoints(
        virDomainPtr domain,
        virDomainCheckpointPtr **checkpoints,
        unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_DOMAIN_CHECKPOINT_H */
