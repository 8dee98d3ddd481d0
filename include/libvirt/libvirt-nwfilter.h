/*
 * libvirt-nwfilter.h: network filters and filter bindings
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "include <libvirt/libvirt.h> instead of <libvirt/libvirt-nwfilter.h>"
#endif

#ifndef VIREO_LIBVIRT_NWFILTER_H
#define VIREO_LIBVIRT_NWFILTER_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Opaque handle for a network filter. Release with virNWFilterFree().
 */
typedef struct _virNWFilter virNWFilter;

/**
 * Opaque handle for the binding of a network filter to a port. Release with
 * virNWFilterBindingFree().
 */
typedef struct _virNWFilterBinding virNWFilterBinding;

/**
 * Flags for virNWFilterBindingCreateXML().
 */
typedef enum {
    VIR_NWFILTER_BINDING_CREATE_VALIDATE = 0x1,
} virNWFilterBindingCreateFlags;

/**
 * Flags for virNWFilterDefineXMLFlags().
 */
typedef enum {
    VIR_NWFILTER_DEFINE_VALIDATE = 0x1,
} virNWFilterDefineFlags;

typedef virNWFilterBinding *virNWFilterBindingPtr;
typedef virNWFilter *virNWFilterPtr;

/**
 * Collect handles for all network filter bindings known to the connection,
 * active or not. No filtering flags are defined yet; pass 0.
 *
 * @param conn      connection handle
 * @param bindings  if non-NULL, receives a newly allocated array of handles;
 *                  pass NULL to only count
 * @param flags     must be 0
 *
 * @return the number of network filter bindings found, or -1 on error. Each
 *         element of the returned array must be released with
 *         virNWFilterBindingFree() and the array itself with free().
 */
VIREO_API int virConnectListAllNWFilterBindings(
        virConnectPtr conn,
        virNWFilterBindingPtr **bindings,
        unsigned int flags);

/**
 * Collect handles for all network filters known to the connection, active or
 * not. No filtering flags are defined yet; pass 0.
 *
 * @param conn     connection handle
 * @param filters  if non-NULL, receives a newly allocated array of handles;
 *                 pass NULL to only count
 * @param flags    must be 0
 *
 * @return the number of network filters found, or -1 on error. Each element
 *         of the returned array must be released with virNWFilterFree() and
 *         the array itself with free().
 */
VIREO_API int virConnectListAllNWFilters(
        virConnectPtr conn,
        virNWFilterPtr **filters,
        unsigned int flags);

/**
 * Store the names of up to @p maxnames defined network filters into @p
 * names. The list can be out of date by the time it is used;
 * virConnectListAllNWFilters() avoids that race.
 *
 * @param conn      connection handle
 * @param names     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param maxnames  number of slots in @p names
 *
 * @return the number of entries stored, or -1 on error.
 */
VIREO_API int virConnectListNWFilters(virConnectPtr conn,
                                      char **const names,
                                      int maxnames);

/**
 * Count the defined network filters.
 *
 * @param conn  connection handle
 *
 * @return the number of network filters, or -1 on error.
 */
VIREO_API int virConnectNumOfNWFilters(virConnectPtr conn);

/**
 * Start applying a network filter to a port device, as described by a
 * <filterbinding> XML document.
 *
 * @param conn   connection handle
 * @param xml    XML description of the binding
 * @param flags  bitwise OR of virNWFilterBindingCreateFlags
 *
 * @return a new network filter binding handle; release it with
 *         virNWFilterBindingFree(). NULL on error.
 */
VIREO_API virNWFilterBindingPtr virNWFilterBindingCreateXML(
        virConnectPtr conn,
        const char *xml,
        unsigned int flags);

/**
 * Stop filtering the traffic of the binding's port. The handle must still be
 * released with virNWFilterBindingFree().
 *
 * @param binding  network filter binding handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNWFilterBindingDelete(virNWFilterBindingPtr binding);

/**
 * Drop one reference to the network filter binding handle and release the
 * handle once no reference remains. The network filter binding itself is not
 * affected.
 *
 * @param binding  network filter binding handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNWFilterBindingFree(virNWFilterBindingPtr binding);

/**
 * Get the name of the filter the binding applies.
 *
 * @param binding  network filter binding handle
 *
 * @return a string owned by the handle (do not free it), or NULL on error.
 */
VIREO_API const char *virNWFilterBindingGetFilterName(
        virNWFilterBindingPtr binding);

/**
 * Get the name of the host port device the binding filters.
 *
 * @param binding  network filter binding handle
 *
 * @return a string owned by the handle (do not free it), or NULL on error.
 */
VIREO_API const char *virNWFilterBindingGetPortDev(
        virNWFilterBindingPtr binding);

/**
 * Produce the XML document describing the network filter binding.
 *
 * @param binding  network filter binding handle
 * @param flags    must be 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virNWFilterBindingGetXMLDesc(
        virNWFilterBindingPtr binding,
        unsigned int flags);

/**
 * Find the filter binding of a host port device.
 *
 * @param conn     connection handle
 * @param portdev  name of the port device
 *
 * @return a new binding handle; release it with virNWFilterBindingFree().
 *         NULL if none exists or on error.
 */
VIREO_API virNWFilterBindingPtr virNWFilterBindingLookupByPortDev(
        virConnectPtr conn,
        const char *portdev);

/**
 * Add a reference to the network filter binding handle, e.g. before sharing
 * it with another thread. Every call must be balanced by a call to
 * virNWFilterBindingFree().
 *
 * @param binding  network filter binding handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNWFilterBindingRef(virNWFilterBindingPtr binding);

/**
 * Define a network filter, or replace the definition of an existing one with
 * the same name and UUID. Filters take effect immediately; there is no
 * separate start step.
 *
 * @param conn     connection handle
 * @param xmlDesc  XML description of the filter
 *
 * @return a new network filter handle; release it with virNWFilterFree().
 *         NULL on error.
 */
VIREO_API virNWFilterPtr virNWFilterDefineXML(
        virConnectPtr conn,
        const char *xmlDesc);

/**
 * Like virNWFilterDefineXML(), with flags.
 *
 * @param conn     connection handle
 * @param xmlDesc  XML description of the filter
 * @param flags    bitwise OR of virNWFilterDefineFlags
 *
 * @return a new network filter handle; release it with virNWFilterFree().
 *         NULL on error.
 */
VIREO_API virNWFilterPtr virNWFilterDefineXMLFlags(
        virConnectPtr conn,
        const char *xmlDesc,
        unsigned int flags);

/**
 * Drop one reference to the network filter handle and release the handle
 * once no reference remains. The network filter itself is not affected.
 *
 * @param nwfilter  network filter handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNWFilterFree(virNWFilterPtr nwfilter);

/**
 * Get the name of the network filter.
 *
 * @param nwfilter  network filter handle
 *
 * @return a string owned by the handle (do not free it), valid for the
 *         handle's lifetime, or NULL on error.
 */
VIREO_API const char *virNWFilterGetName(virNWFilterPtr nwfilter);

/**
 * Copy the raw UUID of the network filter into @p uuid.
 *
 * @param nwfilter  network filter handle
 * @param uuid      buffer of at least VIR_UUID_BUFLEN bytes
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNWFilterGetUUID(virNWFilterPtr nwfilter, unsigned char *uuid);

/**
 * Format the UUID of the network filter as text into @p buf.
 *
 * @param nwfilter  network filter handle
 * @param buf       buffer of at least VIR_UUID_STRING_BUFLEN bytes
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNWFilterGetUUIDString(virNWFilterPtr nwfilter, char *buf);

/**
 * Produce the XML document describing the network filter.
 *
 * @param nwfilter  network filter handle
 * @param flags     must be 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virNWFilterGetXMLDesc(virNWFilterPtr nwfilter,
                                      unsigned int flags);

/**
 * Find a network filter by its name.
 *
 * @param conn  connection handle
 * @param name  name of the network filter
 *
 * @return a new network filter handle; release it with virNWFilterFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virNWFilterPtr virNWFilterLookupByName(
        virConnectPtr conn,
        const char *name);

/**
 * Find a network filter by its raw UUID.
 *
 * @param conn  connection handle
 * @param uuid  raw UUID, VIR_UUID_BUFLEN bytes
 *
 * @return a new network filter handle; release it with virNWFilterFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virNWFilterPtr virNWFilterLookupByUUID(
        virConnectPtr conn,
        const unsigned char *uuid);

/**
 * Find a network filter by the textual form of its UUID.
 *
 * @param conn     connection handle
 * @param uuidstr  UUID as a string
 *
 * @return a new network filter handle; release it with virNWFilterFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virNWFilterPtr virNWFilterLookupByUUIDString(
        virConnectPtr conn,
        const char *uuidstr);

/**
 * Add a reference to the network filter handle, e.g. before sharing it with
 * another thread. Every call must be balanced by a call to
 * virNWFilterFree().
 *
 * @param nwfilter  network filter handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNWFilterRef(virNWFilterPtr nwfilter);

/**
 * Delete a network filter. This fails while the filter is still in use. The
 * handle must still be released with virNWFilterFree().
 *
 * @param nwfilter  network filter handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNWFilterUndefine(virNWFilterPtr nwfilter);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_NWFILTER_H */
