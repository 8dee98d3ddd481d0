/*
 * libvirt-network.h: virtual networks, network ports and DHCP leases
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "include <libvirt/libvirt.h> instead of <libvirt/libvirt-network.h>"
#endif

#ifndef VIREO_LIBVIRT_NETWORK_H
#define VIREO_LIBVIRT_NETWORK_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Opaque handle for a virtual network. Release with virNetworkFree().
 */
typedef struct _virNetwork virNetwork;

/**
 * Opaque handle for a port of a virtual network. Release with
 * virNetworkPortFree().
 */
typedef struct _virNetworkPort virNetworkPort;

/**
 * Cast an event specific callback to the generic type expected by
 * virConnectNetworkEventRegisterAny().
 */
#define VIR_NETWORK_EVENT_CALLBACK(cb) ((virConnectNetworkEventGenericCallback)(void (*)(void))(cb))

/**
 * Network port bandwidth parameter for
 * virNetworkPortSetParameters()/virNetworkPortGetParameters():
 * "inbound.average". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_NETWORK_PORT_BANDWIDTH_IN_AVERAGE "inbound.average"

/**
 * Network port bandwidth parameter for
 * virNetworkPortSetParameters()/virNetworkPortGetParameters():
 * "inbound.burst". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_NETWORK_PORT_BANDWIDTH_IN_BURST "inbound.burst"

/**
 * Network port bandwidth parameter for
 * virNetworkPortSetParameters()/virNetworkPortGetParameters():
 * "inbound.floor". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_NETWORK_PORT_BANDWIDTH_IN_FLOOR "inbound.floor"

/**
 * Network port bandwidth parameter for
 * virNetworkPortSetParameters()/virNetworkPortGetParameters():
 * "inbound.peak". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_NETWORK_PORT_BANDWIDTH_IN_PEAK "inbound.peak"

/**
 * Network port bandwidth parameter for
 * virNetworkPortSetParameters()/virNetworkPortGetParameters():
 * "outbound.average". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_NETWORK_PORT_BANDWIDTH_OUT_AVERAGE "outbound.average"

/**
 * Network port bandwidth parameter for
 * virNetworkPortSetParameters()/virNetworkPortGetParameters():
 * "outbound.burst". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_NETWORK_PORT_BANDWIDTH_OUT_BURST "outbound.burst"

/**
 * Network port bandwidth parameter for
 * virNetworkPortSetParameters()/virNetworkPortGetParameters():
 * "outbound.peak". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_NETWORK_PORT_BANDWIDTH_OUT_PEAK "outbound.peak"

/**
 * Filters for virConnectListAllNetworks().
 */
typedef enum {
    VIR_CONNECT_LIST_NETWORKS_INACTIVE     = 0x1,
    VIR_CONNECT_LIST_NETWORKS_ACTIVE       = 0x2,
    VIR_CONNECT_LIST_NETWORKS_PERSISTENT   = 0x4,
    VIR_CONNECT_LIST_NETWORKS_TRANSIENT    = 0x8,
    VIR_CONNECT_LIST_NETWORKS_AUTOSTART    = 0x10,
    VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART = 0x20,
} virConnectListAllNetworksFlags;

/**
 * IP address families.
 */
typedef enum {
    VIR_IP_ADDR_TYPE_IPV4 = 0,
    VIR_IP_ADDR_TYPE_IPV6 = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_IP_ADDR_TYPE_LAST = 2,
#endif
} virIPAddrType;

/**
 * Flags for virNetworkCreateXMLFlags().
 */
typedef enum {
    VIR_NETWORK_CREATE_VALIDATE = 0x1,
} virNetworkCreateFlags;

/**
 * Flags for virNetworkDefineXMLFlags().
 */
typedef enum {
    VIR_NETWORK_DEFINE_VALIDATE = 0x1,
} virNetworkDefineFlags;

/**
 * Virtual network event kinds for virConnectNetworkEventRegisterAny().
 */
typedef enum {
    VIR_NETWORK_EVENT_ID_LIFECYCLE = 0,
#ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_EVENT_ID_LAST      = 1,
#endif
} virNetworkEventID;

/**
 * Kinds of virtual network lifecycle event.
 */
typedef enum {
    VIR_NETWORK_EVENT_DEFINED   = 0,
    VIR_NETWORK_EVENT_UNDEFINED = 1,
    VIR_NETWORK_EVENT_STARTED   = 2,
    VIR_NETWORK_EVENT_STOPPED   = 3,
#ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_EVENT_LAST      = 4,
#endif
} virNetworkEventLifecycleType;

/**
 * Flags for virNetworkPortCreateXML().
 */
typedef enum {
    VIR_NETWORK_PORT_CREATE_RECLAIM  = 0x1,
    VIR_NETWORK_PORT_CREATE_VALIDATE = 0x2,
} virNetworkPortCreateFlags;

/**
 * Operations for virNetworkUpdate().
 */
typedef enum {
    VIR_NETWORK_UPDATE_COMMAND_NONE      = 0,
    VIR_NETWORK_UPDATE_COMMAND_MODIFY    = 1,
    VIR_NETWORK_UPDATE_COMMAND_DELETE    = 2,
    VIR_NETWORK_UPDATE_COMMAND_ADD_LAST  = 3,
    VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST = 4,
#ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_UPDATE_COMMAND_LAST      = 5,
#endif
} virNetworkUpdateCommand;

/**
 * Flags for virNetworkUpdate(), choosing whether the live network, its
 * configuration or both are changed.
 */
typedef enum {
    VIR_NETWORK_UPDATE_AFFECT_CURRENT = 0x0,
    VIR_NETWORK_UPDATE_AFFECT_LIVE    = 0x1,
    VIR_NETWORK_UPDATE_AFFECT_CONFIG  = 0x2,
} virNetworkUpdateFlags;

/**
 * Parts of a network definition virNetworkUpdate() can change.
 */
typedef enum {
    VIR_NETWORK_SECTION_NONE              = 0,
    VIR_NETWORK_SECTION_BRIDGE            = 1,
    VIR_NETWORK_SECTION_DOMAIN            = 2,
    VIR_NETWORK_SECTION_IP                = 3,
    VIR_NETWORK_SECTION_IP_DHCP_HOST      = 4,
    VIR_NETWORK_SECTION_IP_DHCP_RANGE     = 5,
    VIR_NETWORK_SECTION_FORWARD           = 6,
    VIR_NETWORK_SECTION_FORWARD_INTERFACE = 7,
    VIR_NETWORK_SECTION_FORWARD_PF        = 8,
    VIR_NETWORK_SECTION_PORTGROUP         = 9,
    VIR_NETWORK_SECTION_DNS_HOST          = 10,
    VIR_NETWORK_SECTION_DNS_TXT           = 11,
    VIR_NETWORK_SECTION_DNS_SRV           = 12,
#ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_SECTION_LAST              = 13,
#endif
} virNetworkUpdateSection;

/**
 * Flags for virNetworkGetXMLDesc().
 */
typedef enum {
    VIR_NETWORK_XML_INACTIVE = 0x1,
} virNetworkXMLFlags;

typedef struct _virNetworkDHCPLease virNetworkDHCPLease;
typedef virNetworkDHCPLease *virNetworkDHCPLeasePtr;
typedef virNetworkPort *virNetworkPortPtr;
typedef virNetwork *virNetworkPtr;

/**
 * Generic callback type used in the prototype of
 * virConnectNetworkEventRegisterAny(); the actual callback, whose type
 * depends on the event ID, must be cast to it.
 *
 * @param conn    connection handle
 * @param net     network handle
 * @param opaque  data given at registration
 */
typedef void (*virConnectNetworkEventGenericCallback)(
        virConnectPtr conn,
        virNetworkPtr net,
        void *opaque);

/**
 * Signature of the callback for virtual network lifecycle events (the
 * *_EVENT_ID_LIFECYCLE event).
 *
 * @param conn    connection handle
 * @param net     network handle
 * @param event   a virNetworkEventLifecycleType value
 * @param detail  extra detail, currently always 0
 * @param opaque  data given at registration
 */
typedef void (*virConnectNetworkEventLifecycleCallback)(
        virConnectPtr conn,
        virNetworkPtr net,
        int event,
        int detail,
        void *opaque);

/**
 * A lease of a virtual network's DHCP server, see virNetworkGetDHCPLeases().
 */
struct _virNetworkDHCPLease {
    char *iface; /* network interface name */
    long long expirytime; /* expiry time, seconds since the epoch */
    int type; /* virIPAddrType */
    char *mac; /* MAC address */
    char *iaid; /* IAID (IPv6 only), may be NULL */
    char *ipaddr; /* IP address */
    unsigned int prefix; /* IP address prefix length */
    char *hostname; /* host name, may be NULL */
    char *clientid; /* client ID or DUID, may be NULL */
};

/**
 * Collect handles for all virtual networks known to the connection, active
 * or not. @p flags is a bitwise OR of virConnectListAllNetworksFlags values
 * restricting the result; 0 lists everything.
 *
 * @param conn   connection handle
 * @param nets   if non-NULL, receives a newly allocated array of handles;
 *               pass NULL to only count
 * @param flags  filter flags
 *
 * @return the number of virtual networks found, or -1 on error. Each element
 *         of the returned array must be released with virNetworkFree() and
 *         the array itself with free().
 */
VIREO_API int virConnectListAllNetworks(virConnectPtr conn,
                                        virNetworkPtr **nets,
                                        unsigned int flags);

/**
 * Store the names of up to @p maxnames inactive virtual networks into @p
 * names. The list can be out of date by the time it is used;
 * virConnectListAllNetworks() avoids that race.
 *
 * @param conn      connection handle
 * @param names     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param maxnames  number of slots in @p names
 *
 * @return the number of entries stored, or -1 on error.
 */
VIREO_API int virConnectListDefinedNetworks(
        virConnectPtr conn,
        char **const names,
        int maxnames);

/**
 * Store the names of up to @p maxnames active virtual networks into @p
 * names. The list can be out of date by the time it is used;
 * virConnectListAllNetworks() avoids that race.
 *
 * @param conn      connection handle
 * @param names     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param maxnames  number of slots in @p names
 *
 * @return the number of entries stored, or -1 on error.
 */
VIREO_API int virConnectListNetworks(virConnectPtr conn,
                                     char **const names,
                                     int maxnames);

/**
 * Remove a callback added with virConnectNetworkEventRegisterAny(). Its @p
 * freecb, if any, runs once the callback can no longer be invoked.
 *
 * @param conn        connection handle
 * @param callbackID  value returned by virConnectNetworkEventRegisterAny()
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectNetworkEventDeregisterAny(
        virConnectPtr conn,
        int callbackID);

/**
 * Register @p cb to be told about virtual network events of kind @p eventID
 * (a virNetworkEventID value). The callback is declared with the generic
 * type; cast the real, event specific, callback with
 * VIR_NETWORK_EVENT_CALLBACK(). When @p net is non-NULL only events for that
 * virtual network are delivered. Events are only dispatched while an event
 * loop implementation is registered and running.
 *
 * @param conn     connection handle
 * @param net      virtual network to watch, or NULL for all
 * @param eventID  which event to watch (virNetworkEventID)
 * @param cb       callback, cast with VIR_NETWORK_EVENT_CALLBACK()
 * @param opaque   caller data handed to @p cb
 * @param freecb   optional destructor for @p opaque, called when the
 *                 callback is unregistered
 *
 * @return a callback identifier (0 or greater) to pass to
 *         virConnectNetworkEventDeregisterAny(), or -1 on error.
 */
VIREO_API int virConnectNetworkEventRegisterAny(
        virConnectPtr conn,
        virNetworkPtr net,
        int eventID,
        virConnectNetworkEventGenericCallback cb,
        void *opaque,
        virFreeCallback freecb);

/**
 * Count the inactive (defined but not running) virtual networks.
 *
 * @param conn  connection handle
 *
 * @return the number of virtual networks, or -1 on error.
 */
VIREO_API int virConnectNumOfDefinedNetworks(virConnectPtr conn);

/**
 * Count the active virtual networks.
 *
 * @param conn  connection handle
 *
 * @return the number of virtual networks, or -1 on error.
 */
VIREO_API int virConnectNumOfNetworks(virConnectPtr conn);

/**
 * Start a defined but inactive virtual network.
 *
 * @param network  network handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkCreate(virNetworkPtr network);

/**
 * Create and start a transient virtual network from an XML description; it
 * vanishes when stopped.
 *
 * @param conn     connection handle
 * @param xmlDesc  XML description of the network
 *
 * @return a new virtual network handle; release it with virNetworkFree().
 *         NULL on error.
 */
VIREO_API virNetworkPtr virNetworkCreateXML(
        virConnectPtr conn,
        const char *xmlDesc);

/**
 * Create and start a transient virtual network from an XML description; it
 * vanishes when stopped.
 *
 * @param conn     connection handle
 * @param xmlDesc  XML description of the network
 * @param flags    bitwise OR of virNetworkCreateFlags
 *
 * @return a new virtual network handle; release it with virNetworkFree().
 *         NULL on error.
 */
VIREO_API virNetworkPtr virNetworkCreateXMLFlags(
        virConnectPtr conn,
        const char *xmlDesc,
        unsigned int flags);

/**
 * Release a lease returned by virNetworkGetDHCPLeases(). NULL is accepted.
 *
 * @param lease  lease to free
 */
VIREO_API void virNetworkDHCPLeaseFree(virNetworkDHCPLeasePtr lease);

/**
 * Define a persistent virtual network from an XML description without
 * starting it. If a virtual network with the same name and UUID is already
 * defined, its configuration is replaced.
 *
 * @param conn  connection handle
 * @param xml   XML description of the virtual network
 *
 * @return a new virtual network handle; release it with virNetworkFree().
 *         NULL on error.
 */
VIREO_API virNetworkPtr virNetworkDefineXML(
        virConnectPtr conn,
        const char *xml);

/**
 * Define a persistent virtual network from an XML description without
 * starting it. If a virtual network with the same name and UUID is already
 * defined, its configuration is replaced.
 *
 * @param conn   connection handle
 * @param xml    XML description of the virtual network
 * @param flags  bitwise OR of virNetworkDefineFlags values, or 0
 *
 * @return a new virtual network handle; release it with virNetworkFree().
 *         NULL on error.
 */
VIREO_API virNetworkPtr virNetworkDefineXMLFlags(
        virConnectPtr conn,
        const char *xml,
        unsigned int flags);

/**
 * Stop an active virtual network. A transient one disappears entirely; a
 * persistent one stays defined. The handle stays valid and must still be
 * released with virNetworkFree().
 *
 * @param network  network handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkDestroy(virNetworkPtr network);

/**
 * Drop one reference to the virtual network handle and release the handle
 * once no reference remains. The virtual network itself is not affected.
 *
 * @param network  network handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkFree(virNetworkPtr network);

/**
 * Tell whether the virtual network is started automatically when the host
 * boots or the management daemon starts.
 *
 * @param network    network handle
 * @param autostart  receives 1 if autostart is enabled, 0 otherwise
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkGetAutostart(virNetworkPtr network, int *autostart);

/**
 * Get the name of the host bridge device the virtual network uses.
 *
 * @param network  network handle
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virNetworkGetBridgeName(virNetworkPtr network);

/**
 * Get the connection the virtual network handle was obtained from. No
 * reference is added: do not close or free the result, and stop using it
 * once the virtual network handle is released (take a reference with
 * virConnectRef() to keep it longer).
 *
 * @param net  network handle
 *
 * @return the connection, or NULL on error.
 */
VIREO_API virConnectPtr virNetworkGetConnect(virNetworkPtr net);

/**
 * List the leases handed out by the virtual network's DHCP server,
 * optionally only those of one MAC address.
 *
 * @param network  network handle
 * @param mac      MAC address to filter on, or NULL for all
 * @param leases   if non-NULL, receives a newly allocated array of leases;
 *                 pass NULL to only count
 * @param flags    must be 0
 *
 * @return the number of leases, or -1 on error. Release each lease with
 *         virNetworkDHCPLeaseFree() and the array with free().
 */
VIREO_API int virNetworkGetDHCPLeases(virNetworkPtr network,
                                      const char *mac,
                                      virNetworkDHCPLeasePtr **leases,
                                      unsigned int flags);

/**
 * Get the name of the virtual network.
 *
 * @param network  network handle
 *
 * @return a string owned by the handle (do not free it), valid for the
 *         handle's lifetime, or NULL on error.
 */
VIREO_API const char *virNetworkGetName(virNetworkPtr network);

/**
 * Copy the raw UUID of the virtual network into @p uuid.
 *
 * @param network  network handle
 * @param uuid     buffer of at least VIR_UUID_BUFLEN bytes
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkGetUUID(virNetworkPtr network, unsigned char *uuid);

/**
 * Format the UUID of the virtual network as text into @p buf.
 *
 * @param network  network handle
 * @param buf      buffer of at least VIR_UUID_STRING_BUFLEN bytes
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkGetUUIDString(virNetworkPtr network, char *buf);

/**
 * Produce the XML document describing the virtual network.
 *
 * @param network  network handle
 * @param flags    bitwise OR of virNetworkXMLFlags values, or 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virNetworkGetXMLDesc(virNetworkPtr network,
                                     unsigned int flags);

/**
 * Tell whether the virtual network is currently active.
 *
 * @param net  network handle
 *
 * @return 1 if active, 0 if inactive, -1 on error.
 */
VIREO_API int virNetworkIsActive(virNetworkPtr net);

/**
 * Tell whether the virtual network has a persistent configuration (as
 * opposed to being transient, vanishing once stopped).
 *
 * @param net  network handle
 *
 * @return 1 if persistent, 0 if transient, -1 on error.
 */
VIREO_API int virNetworkIsPersistent(virNetworkPtr net);

/**
 * Collect handles for all ports of the virtual network.
 *
 * @param network  network handle
 * @param ports    if non-NULL, receives a newly allocated array of handles;
 *                 pass NULL to only count
 * @param flags    must be 0
 *
 * @return the number of ports, or -1 on error. Release each element with
 *         virNetworkPortFree() and the array with free().
 */
VIREO_API int virNetworkListAllPorts(virNetworkPtr network,
                                     virNetworkPortPtr **ports,
                                     unsigned int flags);

/**
 * Find a virtual network by its name.
 *
 * @param conn  connection handle
 * @param name  name of the virtual network
 *
 * @return a new virtual network handle; release it with virNetworkFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virNetworkPtr virNetworkLookupByName(
        virConnectPtr conn,
        const char *name);

/**
 * Find a virtual network by its raw UUID.
 *
 * @param conn  connection handle
 * @param uuid  raw UUID, VIR_UUID_BUFLEN bytes
 *
 * @return a new virtual network handle; release it with virNetworkFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virNetworkPtr virNetworkLookupByUUID(
        virConnectPtr conn,
        const unsigned char *uuid);

/**
 * Find a virtual network by the textual form of its UUID.
 *
 * @param conn     connection handle
 * @param uuidstr  UUID as a string
 *
 * @return a new virtual network handle; release it with virNetworkFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virNetworkPtr virNetworkLookupByUUIDString(
        virConnectPtr conn,
        const char *uuidstr);

/**
 * Create a port on the virtual network, i.e. reserve the resources needed to
 * plug a guest interface into it.
 *
 * @param net      network handle
 * @param xmldesc  XML description of the port
 * @param flags    bitwise OR of virNetworkPortCreateFlags
 *
 * @return a new network port handle; release it with virNetworkPortFree().
 *         NULL on error.
 */
VIREO_API virNetworkPortPtr virNetworkPortCreateXML(
        virNetworkPtr net,
        const char *xmldesc,
        unsigned int flags);

/**
 * Remove a network port, releasing its resources. The handle must still be
 * released with virNetworkPortFree().
 *
 * @param port   network port handle
 * @param flags  must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkPortDelete(virNetworkPortPtr port, unsigned int flags);

/**
 * Drop one reference to the network port handle and release the handle once
 * no reference remains. The network port itself is not affected.
 *
 * @param port  network port handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkPortFree(virNetworkPortPtr port);

/**
 * Get the virtual network the port belongs to. No reference is added: do not
 * free the result or use it after the port handle is released.
 *
 * @param port  network port handle
 *
 * @return the network, or NULL on error.
 */
VIREO_API virNetworkPtr virNetworkPortGetNetwork(virNetworkPortPtr port);

/**
 * Read the tunables of a network port (the VIR_NETWORK_PORT_BANDWIDTH_*
 * names).
 *
 * @param port     network port handle
 * @param params   receives a newly allocated array to release with
 *                 virTypedParamsFree()
 * @param nparams  receives the number of entries
 * @param flags    must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkPortGetParameters(
        virNetworkPortPtr port,
        virTypedParameterPtr *params,
        int *nparams,
        unsigned int flags);

/**
 * Copy the raw UUID of the network port into @p uuid.
 *
 * @param port  network port handle
 * @param uuid  buffer of at least VIR_UUID_BUFLEN bytes
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkPortGetUUID(virNetworkPortPtr port,
                                    unsigned char *uuid);

/**
 * Format the UUID of the network port as text into @p buf.
 *
 * @param port  network port handle
 * @param buf   buffer of at least VIR_UUID_STRING_BUFLEN bytes
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkPortGetUUIDString(virNetworkPortPtr port, char *buf);

/**
 * Produce the XML document describing the network port.
 *
 * @param port   network port handle
 * @param flags  must be 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virNetworkPortGetXMLDesc(
        virNetworkPortPtr port,
        unsigned int flags);

/**
 * Find a network port by its raw UUID.
 *
 * @param net   network handle
 * @param uuid  raw UUID, VIR_UUID_BUFLEN bytes
 *
 * @return a new network port handle; release it with virNetworkPortFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virNetworkPortPtr virNetworkPortLookupByUUID(
        virNetworkPtr net,
        const unsigned char *uuid);

/**
 * Find a network port by the textual form of its UUID.
 *
 * @param net      network handle
 * @param uuidstr  UUID as a string
 *
 * @return a new network port handle; release it with virNetworkPortFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virNetworkPortPtr virNetworkPortLookupByUUIDString(
        virNetworkPtr net,
        const char *uuidstr);

/**
 * Add a reference to the network port handle, e.g. before sharing it with
 * another thread. Every call must be balanced by a call to
 * virNetworkPortFree().
 *
 * @param port  network port handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkPortRef(virNetworkPortPtr port);

/**
 * Change tunables of a network port (the VIR_NETWORK_PORT_BANDWIDTH_*
 * names).
 *
 * @param port     network port handle
 * @param params   parameters to change
 * @param nparams  number of entries in @p params
 * @param flags    must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkPortSetParameters(
        virNetworkPortPtr port,
        virTypedParameterPtr params,
        int nparams,
        unsigned int flags);

/**
 * Add a reference to the virtual network handle, e.g. before sharing it with
 * another thread. Every call must be balanced by a call to virNetworkFree().
 *
 * @param network  network handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkRef(virNetworkPtr network);

/**
 * Enable or disable automatic start of the virtual network when the host
 * boots or the management daemon starts. Only persistent objects can be set
 * to autostart.
 *
 * @param network    network handle
 * @param autostart  1 to enable, 0 to disable
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkSetAutostart(virNetworkPtr network, int autostart);

/**
 * Remove the persistent configuration of the virtual network. An active
 * virtual network keeps running and becomes transient; the handle stays
 * valid and must still be released with virNetworkFree().
 *
 * @param network  network handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkUndefine(virNetworkPtr network);

/**
 * Change one part of a virtual network's definition (a DHCP host entry, a
 * port group, ...) without redefining the whole network, in its live state,
 * its persistent configuration or both.
 *
 * @param network      network handle
 * @param command      a virNetworkUpdateCommand value
 * @param section      a virNetworkUpdateSection value
 * @param parentIndex  which parent element to change (e.g. the n-th <ip>),
 *                     or -1 to let the driver pick
 * @param xml          XML of the element to add, modify or delete
 * @param flags        bitwise OR of virNetworkUpdateFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNetworkUpdate(virNetworkPtr network,
                               unsigned int command,
                               unsigned int section,
                               int parentIndex,
                               const char *xml,
                               unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_NETWORK_H */
