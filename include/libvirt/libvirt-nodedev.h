/*
 * libvirt-nodedev.h: host (node) devices
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "include <libvirt/libvirt.h> instead of <libvirt/libvirt-nodedev.h>"
#endif

#ifndef VIREO_LIBVIRT_NODEDEV_H
#define VIREO_LIBVIRT_NODEDEV_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Opaque handle for a host device. Release with virNodeDeviceFree().
 */
typedef struct _virNodeDevice virNodeDevice;

/**
 * Cast an event specific callback to the generic type expected by
 * virConnectNodeDeviceEventRegisterAny().
 */
#define VIR_NODE_DEVICE_EVENT_CALLBACK(cb) ((virConnectNodeDeviceEventGenericCallback)(void (*)(void))(cb))

/**
 * Filters for virConnectListAllNodeDevices(), mostly by device capability.
 */
#if defined(__GNUC__) && !defined(__cplusplus)
# pragma GCC diagnostic push
# pragma GCC diagnostic ignored "-Wpedantic"
#endif
typedef enum {
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM        = 0x1,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV       = 0x2,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV       = 0x4,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_INTERFACE = 0x8,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET           = 0x10,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST     = 0x20,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_TARGET   = 0x40,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI          = 0x80,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_STORAGE       = 0x100,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST       = 0x200,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS        = 0x400,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_GENERIC  = 0x800,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_DRM           = 0x1000,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV_TYPES    = 0x2000,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV          = 0x4000,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_CCW_DEV       = 0x8000,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_CSS_DEV       = 0x10000,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_VDPA          = 0x20000,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_CARD       = 0x40000,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_QUEUE      = 0x80000,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_MATRIX     = 0x100000,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPD           = 0x200000,
    VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE          = 0x40000000,
    VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE            = 0x80000000U,
} virConnectListAllNodeDeviceFlags;
#if defined(__GNUC__) && !defined(__cplusplus)
# pragma GCC diagnostic pop
#endif

/**
 * Flags for virNodeDeviceCreateXML().
 */
typedef enum {
    VIR_NODE_DEVICE_CREATE_XML_VALIDATE = 0x1,
} virNodeDeviceCreateXMLFlags;

/**
 * Flags for virNodeDeviceDefineXML().
 */
typedef enum {
    VIR_NODE_DEVICE_DEFINE_XML_VALIDATE = 0x1,
} virNodeDeviceDefineXMLFlags;

/**
 * Node device event kinds for virConnectNodeDeviceEventRegisterAny().
 */
typedef enum {
    VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE = 0,
    VIR_NODE_DEVICE_EVENT_ID_UPDATE    = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_NODE_DEVICE_EVENT_ID_LAST      = 2,
#endif
} virNodeDeviceEventID;

/**
 * Kinds of node device lifecycle event.
 */
typedef enum {
    VIR_NODE_DEVICE_EVENT_CREATED   = 0,
    VIR_NODE_DEVICE_EVENT_DELETED   = 1,
    VIR_NODE_DEVICE_EVENT_DEFINED   = 2,
    VIR_NODE_DEVICE_EVENT_UNDEFINED = 3,
#ifdef VIR_ENUM_SENTINELS
    VIR_NODE_DEVICE_EVENT_LAST      = 4,
#endif
} virNodeDeviceEventLifecycleType;

typedef virNodeDevice *virNodeDevicePtr;

/**
 * Generic callback type used in the prototype of
 * virConnectNodeDeviceEventRegisterAny(); the actual callback, whose type
 * depends on the event ID, must be cast to it.
 *
 * @param conn    connection handle
 * @param dev     node device handle
 * @param opaque  data given at registration
 */
typedef void (*virConnectNodeDeviceEventGenericCallback)(
        virConnectPtr conn,
        virNodeDevicePtr dev,
        void *opaque);

/**
 * Signature of the callback for node device lifecycle events
 * (VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE).
 *
 * @param conn    connection handle
 * @param dev     node device handle
 * @param event   a virNodeDeviceEventLifecycleType value
 * @param detail  extra detail, currently always 0
 * @param opaque  data given at registration
 */
typedef void (*virConnectNodeDeviceEventLifecycleCallback)(
        virConnectPtr conn,
        virNodeDevicePtr dev,
        int event,
        int detail,
        void *opaque);

/**
 * Collect handles for all node devices known to the connection, active or
 * not. @p flags is a bitwise OR of virConnectListAllNodeDeviceFlags values
 * restricting the result; 0 lists everything.
 *
 * @param conn     connection handle
 * @param devices  if non-NULL, receives a newly allocated array of handles;
 *                 pass NULL to only count
 * @param flags    filter flags
 *
 * @return the number of node devices found, or -1 on error. Each element of
 *         the returned array must be released with virNodeDeviceFree() and
 *         the array itself with free().
 */
VIREO_API int virConnectListAllNodeDevices(
        virConnectPtr conn,
        virNodeDevicePtr **devices,
        unsigned int flags);

/**
 * Remove a callback added with virConnectNodeDeviceEventRegisterAny(). Its
 * @p freecb, if any, runs once the callback can no longer be invoked.
 *
 * @param conn        connection handle
 * @param callbackID  value returned by
 *                    virConnectNodeDeviceEventRegisterAny()
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectNodeDeviceEventDeregisterAny(
        virConnectPtr conn,
        int callbackID);

/**
 * Register @p cb to be told about node device events of kind @p eventID (a
 * virNodeDeviceEventID value). The callback is declared with the generic
 * type; cast the real, event specific, callback with
 * VIR_NODE_DEVICE_EVENT_CALLBACK(). When @p dev is non-NULL only events for
 * that node device are delivered. Events are only dispatched while an event
 * loop implementation is registered and running.
 *
 * @param conn     connection handle
 * @param dev      node device to watch, or NULL for all
 * @param eventID  which event to watch (virNodeDeviceEventID)
 * @param cb       callback, cast with VIR_NODE_DEVICE_EVENT_CALLBACK()
 * @param opaque   caller data handed to @p cb
 * @param freecb   optional destructor for @p opaque, called when the
 *                 callback is unregistered
 *
 * @return a callback identifier (0 or greater) to pass to
 *         virConnectNodeDeviceEventDeregisterAny(), or -1 on error.
 */
VIREO_API int virConnectNodeDeviceEventRegisterAny(
        virConnectPtr conn,
        virNodeDevicePtr dev,
        int eventID,
        virConnectNodeDeviceEventGenericCallback cb,
        void *opaque,
        virFreeCallback freecb);

/**
 * Start a defined but inactive host device.
 *
 * @param dev    node device handle
 * @param flags  must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeDeviceCreate(virNodeDevicePtr dev, unsigned int flags);

/**
 * Create a transient host device, such as a virtual HBA or a mediated
 * device, from an XML description.
 *
 * @param conn     connection handle
 * @param xmlDesc  XML description of the device
 * @param flags    bitwise OR of virNodeDeviceCreateXMLFlags
 *
 * @return a new node device handle; release it with virNodeDeviceFree().
 *         NULL on error.
 */
VIREO_API virNodeDevicePtr virNodeDeviceCreateXML(
        virConnectPtr conn,
        const char *xmlDesc,
        unsigned int flags);

/**
 * Define a persistent host device (such as a mediated device) from an XML
 * description without starting it.
 *
 * @param conn     connection handle
 * @param xmlDesc  XML description of the device
 * @param flags    bitwise OR of virNodeDeviceDefineXMLFlags
 *
 * @return a new node device handle; release it with virNodeDeviceFree().
 *         NULL on error.
 */
VIREO_API virNodeDevicePtr virNodeDeviceDefineXML(
        virConnectPtr conn,
        const char *xmlDesc,
        unsigned int flags);

/**
 * Remove a device created with virNodeDeviceCreateXML() or stop a started
 * persistent one. The handle must still be released with
 * virNodeDeviceFree().
 *
 * @param dev  node device handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeDeviceDestroy(virNodeDevicePtr dev);

/**
 * Unbind a PCI device from its host driver and bind it to the stub driver
 * used for device assignment.
 *
 * @param dev         node device handle
 * @param driverName  stub driver to use (e.g. "vfio"), or NULL for the
 *                    default
 * @param flags       must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeDeviceDetachFlags(virNodeDevicePtr dev,
                                       const char *driverName,
                                       unsigned int flags);

/**
 * Unbind a PCI device from its host driver and bind it to a stub driver, so
 * that it can be assigned to a guest. Same as virNodeDeviceDetachFlags()
 * with a NULL driver and no flags (the misspelt name is historical).
 *
 * @param dev  node device handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeDeviceDettach(virNodeDevicePtr dev);

/**
 * Drop one reference to the node device handle and release the handle once
 * no reference remains. The node device itself is not affected.
 *
 * @param dev  node device handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeDeviceFree(virNodeDevicePtr dev);

/**
 * Tell whether the node device is started automatically when the host boots
 * or the management daemon starts.
 *
 * @param dev        node device handle
 * @param autostart  receives 1 if autostart is enabled, 0 otherwise
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeDeviceGetAutostart(virNodeDevicePtr dev, int *autostart);

/**
 * Get the name of the node device.
 *
 * @param dev  node device handle
 *
 * @return a string owned by the handle (do not free it), valid for the
 *         handle's lifetime, or NULL on error.
 */
VIREO_API const char *virNodeDeviceGetName(virNodeDevicePtr dev);

/**
 * Get the name of the parent of the node device.
 *
 * @param dev  node device handle
 *
 * @return a string owned by the handle (do not free it), or NULL if the
 *         device has no parent or on error.
 */
VIREO_API const char *virNodeDeviceGetParent(virNodeDevicePtr dev);

/**
 * Produce the XML document describing the node device.
 *
 * @param dev    node device handle
 * @param flags  must be 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virNodeDeviceGetXMLDesc(virNodeDevicePtr dev,
                                        unsigned int flags);

/**
 * Tell whether the node device is currently active.
 *
 * @param dev  node device handle
 *
 * @return 1 if active, 0 if inactive, -1 on error.
 */
VIREO_API int virNodeDeviceIsActive(virNodeDevicePtr dev);

/**
 * Tell whether the node device has a persistent configuration (as opposed to
 * being transient, vanishing once stopped).
 *
 * @param dev  node device handle
 *
 * @return 1 if persistent, 0 if transient, -1 on error.
 */
VIREO_API int virNodeDeviceIsPersistent(virNodeDevicePtr dev);

/**
 * Store the names of up to @p maxnames capabilities of the node device.
 *
 * @param dev       node device handle
 * @param names     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param maxnames  number of slots in @p names
 *
 * @return the number of names stored, or -1 on error.
 */
VIREO_API int virNodeDeviceListCaps(virNodeDevicePtr dev,
                                    char **const names,
                                    int maxnames);

/**
 * Find a node device by its name.
 *
 * @param conn  connection handle
 * @param name  name of the node device
 *
 * @return a new node device handle; release it with virNodeDeviceFree().
 *         NULL if it does not exist or on error.
 */
VIREO_API virNodeDevicePtr virNodeDeviceLookupByName(
        virConnectPtr conn,
        const char *name);

/**
 * Find a SCSI host (HBA) device by its world wide node and port names.
 *
 * @param conn   connection handle
 * @param wwnn   world wide node name
 * @param wwpn   world wide port name
 * @param flags  must be 0
 *
 * @return a new node device handle; release it with virNodeDeviceFree().
 *         NULL if none matches or on error.
 */
VIREO_API virNodeDevicePtr virNodeDeviceLookupSCSIHostByWWN(
        virConnectPtr conn,
        const char *wwnn,
        const char *wwpn,
        unsigned int flags);

/**
 * Count the capabilities of the node device.
 *
 * @param dev  node device handle
 *
 * @return the number of capabilities, or -1 on error.
 */
VIREO_API int virNodeDeviceNumOfCaps(virNodeDevicePtr dev);

/**
 * Give a device previously detached for assignment back to its host driver.
 *
 * @param dev  node device handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeDeviceReAttach(virNodeDevicePtr dev);

/**
 * Add a reference to the node device handle, e.g. before sharing it with
 * another thread. Every call must be balanced by a call to
 * virNodeDeviceFree().
 *
 * @param dev  node device handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeDeviceRef(virNodeDevicePtr dev);

/**
 * Reset a PCI device (function level reset or bus reset), e.g. before
 * assigning it to another guest.
 *
 * @param dev  node device handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeDeviceReset(virNodeDevicePtr dev);

/**
 * Enable or disable automatic start of the node device when the host boots
 * or the management daemon starts. Only persistent objects can be set to
 * autostart.
 *
 * @param dev        node device handle
 * @param autostart  1 to enable, 0 to disable
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeDeviceSetAutostart(virNodeDevicePtr dev, int autostart);

/**
 * Remove the persistent definition of a host device. An active device keeps
 * existing until stopped. The handle must still be released with
 * virNodeDeviceFree().
 *
 * @param dev    node device handle
 * @param flags  must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeDeviceUndefine(virNodeDevicePtr dev, unsigned int flags);

/**
 * Store the names of up to @p maxnames host devices, optionally only those
 * with a given capability. virConnectListAllNodeDevices() is preferred.
 *
 * @param conn      connection handle
 * @param cap       capability name, or NULL for all
 * @param names     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param maxnames  number of slots in @p names
 * @param flags     must be 0
 *
 * @return the number of names stored, or -1 on error.
 */
VIREO_API int virNodeListDevices(virConnectPtr conn,
                                 const char *cap,
                                 char **const names,
                                 int maxnames,
                                 unsigned int flags);

/**
 * Count the host devices, optionally only those with a given capability.
 *
 * @param conn   connection handle
 * @param cap    capability name (e.g. "pci", "net", "scsi_host"), or NULL
 *               for all
 * @param flags  must be 0
 *
 * @return the number of devices, or -1 on error.
 */
VIREO_API int virNodeNumOfDevices(virConnectPtr conn,
                                  const char *cap,
                                  unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_NODEDEV_H */
