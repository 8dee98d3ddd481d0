/*
 * libvirt-qemu.h: QEMU driver specific extensions
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef VIREO_LIBVIRT_QEMU_H
#define VIREO_LIBVIRT_QEMU_H

#include <libvirt/libvirt.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Flags for virConnectDomainQemuMonitorEventRegister(), changing how the
 * event name is matched.
 */
typedef enum {
    VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX  = 0x1,
    VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE = 0x2,
} virConnectDomainQemuMonitorEventRegisterFlags;

/**
 * Special timeout values for virDomainQemuAgentCommand().
 */
typedef enum {
    VIR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK    = -2,
    VIR_DOMAIN_QEMU_AGENT_COMMAND_MIN      = -2,
    VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT  = -1,
    VIR_DOMAIN_QEMU_AGENT_COMMAND_NOWAIT   = 0,
    VIR_DOMAIN_QEMU_AGENT_COMMAND_SHUTDOWN = 60,
} virDomainQemuAgentCommandTimeoutValues;

/**
 * Flags for virDomainQemuMonitorCommand().
 */
typedef enum {
    VIR_DOMAIN_QEMU_MONITOR_COMMAND_DEFAULT = 0x0,
    VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP     = 0x1,
} virDomainQemuMonitorCommandFlags;

/**
 * Signature of a callback receiving raw QEMU monitor events.
 *
 * @param conn     connection handle
 * @param dom      domain handle
 * @param event    event name
 * @param seconds  event time stamp, seconds part
 * @param micros   event time stamp, microseconds part
 * @param details  JSON text of the event data, or NULL
 * @param opaque   data given at registration
 */
typedef void (*virConnectDomainQemuMonitorEventCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        const char *event,
        long long seconds,
        unsigned int micros,
        const char *details,
        void *opaque);

/**
 * Remove a callback added with virConnectDomainQemuMonitorEventRegister().
 *
 * @param conn        connection handle
 * @param callbackID  value returned at registration
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectDomainQemuMonitorEventDeregister(
        virConnectPtr conn,
        int callbackID);

/**
 * Receive raw QEMU monitor events (QMP events), for one domain or all of
 * them, optionally filtered by event name. An event loop must be running.
 *
 * @param conn    connection handle
 * @param dom     domain to watch, or NULL for all
 * @param event   event name to match, or NULL for all
 * @param cb      callback
 * @param opaque  caller data handed to @p cb
 * @param freecb  optional destructor for @p opaque
 * @param flags   bitwise OR of virConnectDomainQemuMonitorEventRegisterFlags
 *
 * @return a callback identifier (0 or greater) for
 *         virConnectDomainQemuMonitorEventDeregister(), or -1 on error.
 */
VIREO_API int virConnectDomainQemuMonitorEventRegister(
        virConnectPtr conn,
        virDomainPtr dom,
        const char *event,
        virConnectDomainQemuMonitorEventCallback cb,
        void *opaque,
        virFreeCallback freecb,
        unsigned int flags);

/**
 * Send a raw JSON command to the guest agent running inside the domain and
 * wait for the reply. Unsupported usage; the domain is marked as tainted.
 *
 * @param domain   domain handle
 * @param cmd      JSON command text
 * @param timeout  seconds to wait, or one of
 *                 virDomainQemuAgentCommandTimeoutValues
 * @param flags    must be 0
 *
 * @return the reply, to release with free(), or NULL on error.
 */
VIREO_API char *virDomainQemuAgentCommand(
        virDomainPtr domain,
        const char *cmd,
        int timeout,
        unsigned int flags);

/**
 * Place a QEMU process started outside the management layer under its
 * control. Not supported by current drivers; kept for compatibility.
 *
 * @param conn       connection handle
 * @param pid_value  process ID of the QEMU process
 * @param flags      must be 0
 *
 * @return a new domain handle; release it with virDomainFree(). NULL on
 *         error.
 */
VIREO_API virDomainPtr virDomainQemuAttach(
        virConnectPtr conn,
        unsigned int pid_value,
        unsigned int flags);

/**
 * Send a raw command to the QEMU monitor of a domain and return the reply.
 * This bypasses the management layer, is unsupported, and marks the domain
 * as tainted. Commands are QMP (JSON) unless
 * VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP is given.
 *
 * @param domain  domain handle
 * @param cmd     the command text
 * @param result  receives the reply, to release with free()
 * @param flags   bitwise OR of virDomainQemuMonitorCommandFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainQemuMonitorCommand(
        virDomainPtr domain,
        const char *cmd,
        char **result,
        unsigned int flags);

/**
 * Like virDomainQemuMonitorCommand(), also passing file descriptors to QEMU
 * and collecting those it returns.
 *
 * @param domain     domain handle
 * @param cmd        the command text
 * @param ninfiles   number of entries in @p infiles
 * @param infiles    descriptors to pass, or NULL
 * @param noutfiles  if non-NULL, receives the number of returned descriptors
 * @param outfiles   if non-NULL, receives a newly allocated array of
 *                   descriptors; close each and free() the array
 * @param result     receives the reply, to release with free()
 * @param flags      bitwise OR of virDomainQemuMonitorCommandFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainQemuMonitorCommandWithFiles(
        virDomainPtr domain,
        const char *cmd,
        unsigned int ninfiles,
        int *infiles,
        unsigned int *noutfiles,
        int **outfiles,
        char **result,
        unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_QEMU_H */
