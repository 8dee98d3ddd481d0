/*
 * libvirt-interface.h: host network interfaces
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "include <libvirt/libvirt.h> instead of <libvirt/libvirt-interface.h>"
#endif

#ifndef VIREO_LIBVIRT_INTERFACE_H
#define VIREO_LIBVIRT_INTERFACE_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Opaque handle for a host network interface. Release with
 * virInterfaceFree().
 */
typedef struct _virInterface virInterface;

/**
 * Filters for virConnectListAllInterfaces().
 */
typedef enum {
    VIR_CONNECT_LIST_INTERFACES_INACTIVE = 0x1,
    VIR_CONNECT_LIST_INTERFACES_ACTIVE   = 0x2,
} virConnectListAllInterfacesFlags;

/**
 * Flags for virInterfaceDefineXML().
 */
typedef enum {
    VIR_INTERFACE_DEFINE_VALIDATE = 0x1,
} virInterfaceDefineFlags;

/**
 * Flags for virInterfaceGetXMLDesc().
 */
typedef enum {
    VIR_INTERFACE_XML_INACTIVE = 0x1,
} virInterfaceXMLFlags;

typedef virInterface *virInterfacePtr;

/**
 * Collect handles for all host interfaces known to the connection, active or
 * not. @p flags is a bitwise OR of virConnectListAllInterfacesFlags values
 * restricting the result; 0 lists everything.
 *
 * @param conn    connection handle
 * @param ifaces  if non-NULL, receives a newly allocated array of handles;
 *                pass NULL to only count
 * @param flags   filter flags
 *
 * @return the number of host interfaces found, or -1 on error. Each element
 *         of the returned array must be released with virInterfaceFree() and
 *         the array itself with free().
 */
VIREO_API int virConnectListAllInterfaces(
        virConnectPtr conn,
        virInterfacePtr **ifaces,
        unsigned int flags);

/**
 * Store the names of up to @p maxnames inactive host interfaces into @p
 * names. The list can be out of date by the time it is used;
 * virConnectListAllInterfaces() avoids that race.
 *
 * @param conn      connection handle
 * @param names     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param maxnames  number of slots in @p names
 *
 * @return the number of entries stored, or -1 on error.
 */
VIREO_API int virConnectListDefinedInterfaces(
        virConnectPtr conn,
        char **const names,
        int maxnames);

/**
 * Store the names of up to @p maxnames active host interfaces into @p names.
 * The list can be out of date by the time it is used;
 * virConnectListAllInterfaces() avoids that race.
 *
 * @param conn      connection handle
 * @param names     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param maxnames  number of slots in @p names
 *
 * @return the number of entries stored, or -1 on error.
 */
VIREO_API int virConnectListInterfaces(virConnectPtr conn,
                                       char **const names,
                                       int maxnames);

/**
 * Count the inactive (defined but not running) host interfaces.
 *
 * @param conn  connection handle
 *
 * @return the number of host interfaces, or -1 on error.
 */
VIREO_API int virConnectNumOfDefinedInterfaces(virConnectPtr conn);

/**
 * Count the active host interfaces.
 *
 * @param conn  connection handle
 *
 * @return the number of host interfaces, or -1 on error.
 */
VIREO_API int virConnectNumOfInterfaces(virConnectPtr conn);

/**
 * Save the current host network configuration so that later changes can be
 * undone with virInterfaceChangeRollback() or made permanent with
 * virInterfaceChangeCommit().
 *
 * @param conn   connection handle
 * @param flags  must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virInterfaceChangeBegin(virConnectPtr conn, unsigned int flags);

/**
 * Accept the host network changes made since virInterfaceChangeBegin() and
 * drop the saved configuration.
 *
 * @param conn   connection handle
 * @param flags  must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virInterfaceChangeCommit(virConnectPtr conn, unsigned int flags);

/**
 * Restore the host network configuration saved by virInterfaceChangeBegin().
 *
 * @param conn   connection handle
 * @param flags  must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virInterfaceChangeRollback(
        virConnectPtr conn,
        unsigned int flags);

/**
 * Bring a defined host interface up.
 *
 * @param iface  interface handle
 * @param flags  must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virInterfaceCreate(virInterfacePtr iface, unsigned int flags);

/**
 * Define a persistent host interface from an XML description without
 * starting it. If a host interface with the same name and UUID is already
 * defined, its configuration is replaced.
 *
 * @param conn   connection handle
 * @param xml    XML description of the host interface
 * @param flags  bitwise OR of virInterfaceDefineFlags values, or 0
 *
 * @return a new host interface handle; release it with virInterfaceFree().
 *         NULL on error.
 */
VIREO_API virInterfacePtr virInterfaceDefineXML(
        virConnectPtr conn,
        const char *xml,
        unsigned int flags);

/**
 * Take a host interface down. Its definition is kept; the handle must still
 * be released with virInterfaceFree().
 *
 * @param iface  interface handle
 * @param flags  must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virInterfaceDestroy(virInterfacePtr iface, unsigned int flags);

/**
 * Drop one reference to the host interface handle and release the handle
 * once no reference remains. The host interface itself is not affected.
 *
 * @param iface  interface handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virInterfaceFree(virInterfacePtr iface);

/**
 * Get the connection the host interface handle was obtained from. No
 * reference is added: do not close or free the result, and stop using it
 * once the host interface handle is released (take a reference with
 * virConnectRef() to keep it longer).
 *
 * @param iface  interface handle
 *
 * @return the connection, or NULL on error.
 */
VIREO_API virConnectPtr virInterfaceGetConnect(virInterfacePtr iface);

/**
 * Get the MAC address of the host interface in text form.
 *
 * @param iface  interface handle
 *
 * @return a string owned by the handle (do not free it), or NULL on error.
 */
VIREO_API const char *virInterfaceGetMACString(virInterfacePtr iface);

/**
 * Get the name of the host interface.
 *
 * @param iface  interface handle
 *
 * @return a string owned by the handle (do not free it), valid for the
 *         handle's lifetime, or NULL on error.
 */
VIREO_API const char *virInterfaceGetName(virInterfacePtr iface);

/**
 * Produce the XML document describing the host interface.
 *
 * @param iface  interface handle
 * @param flags  bitwise OR of virInterfaceXMLFlags values, or 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virInterfaceGetXMLDesc(virInterfacePtr iface,
                                       unsigned int flags);

/**
 * Tell whether the host interface is currently active.
 *
 * @param iface  interface handle
 *
 * @return 1 if active, 0 if inactive, -1 on error.
 */
VIREO_API int virInterfaceIsActive(virInterfacePtr iface);

/**
 * Find a host interface by its MAC address.
 *
 * @param conn    connection handle
 * @param macstr  MAC address in text form
 *
 * @return a new host interface handle; release it with virInterfaceFree().
 *         NULL if none matches or on error.
 */
VIREO_API virInterfacePtr virInterfaceLookupByMACString(
        virConnectPtr conn,
        const char *macstr);

/**
 * Find a host interface by its name.
 *
 * @param conn  connection handle
 * @param name  name of the host interface
 *
 * @return a new host interface handle; release it with virInterfaceFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virInterfacePtr virInterfaceLookupByName(
        virConnectPtr conn,
        const char *name);

/**
 * Add a reference to the host interface handle, e.g. before sharing it with
 * another thread. Every call must be balanced by a call to
 * virInterfaceFree().
 *
 * @param iface  interface handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virInterfaceRef(virInterfacePtr iface);

/**
 * Remove the configuration of a host interface. The handle must still be
 * released with virInterfaceFree().
 *
 * @param iface  interface handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virInterfaceUndefine(virInterfacePtr iface);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_INTERFACE_H */
