/*
 * libvirt-secret.h: secrets (passwords, keys) held by the daemon
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "include <libvirt/libvirt.h> instead of <libvirt/libvirt-secret.h>"
#endif

#ifndef VIREO_LIBVIRT_SECRET_H
#define VIREO_LIBVIRT_SECRET_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Opaque handle for a secret. Release with virSecretFree().
 */
typedef struct _virSecret virSecret;

/**
 * Cast an event specific callback to the generic type expected by
 * virConnectSecretEventRegisterAny().
 */
#define VIR_SECRET_EVENT_CALLBACK(cb) ((virConnectSecretEventGenericCallback)(void (*)(void))(cb))

/**
 * Filters for virConnectListAllSecrets().
 */
typedef enum {
    VIR_CONNECT_LIST_SECRETS_EPHEMERAL    = 0x1,
    VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL = 0x2,
    VIR_CONNECT_LIST_SECRETS_PRIVATE      = 0x4,
    VIR_CONNECT_LIST_SECRETS_NO_PRIVATE   = 0x8,
} virConnectListAllSecretsFlags;

/**
 * Flags for virSecretDefineXML().
 */
typedef enum {
    VIR_SECRET_DEFINE_VALIDATE = 0x1,
} virSecretDefineFlags;

/**
 * Secret event kinds for virConnectSecretEventRegisterAny().
 */
typedef enum {
    VIR_SECRET_EVENT_ID_LIFECYCLE     = 0,
    VIR_SECRET_EVENT_ID_VALUE_CHANGED = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_SECRET_EVENT_ID_LAST          = 2,
#endif
} virSecretEventID;

/**
 * Kinds of secret lifecycle event.
 */
typedef enum {
    VIR_SECRET_EVENT_DEFINED   = 0,
    VIR_SECRET_EVENT_UNDEFINED = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_SECRET_EVENT_LAST      = 2,
#endif
} virSecretEventLifecycleType;

/**
 * What a secret is used for; selects the meaning of its usage identifier.
 */
typedef enum {
    VIR_SECRET_USAGE_TYPE_NONE   = 0,
    VIR_SECRET_USAGE_TYPE_VOLUME = 1,
    VIR_SECRET_USAGE_TYPE_CEPH   = 2,
    VIR_SECRET_USAGE_TYPE_ISCSI  = 3,
    VIR_SECRET_USAGE_TYPE_TLS    = 4,
    VIR_SECRET_USAGE_TYPE_VTPM   = 5,
#ifdef VIR_ENUM_SENTINELS
    VIR_SECRET_USAGE_TYPE_LAST   = 6,
#endif
} virSecretUsageType;

typedef virSecret *virSecretPtr;

/**
 * Generic callback type used in the prototype of
 * virConnectSecretEventRegisterAny(); the actual callback, whose type
 * depends on the event ID, must be cast to it.
 *
 * @param conn    connection handle
 * @param secret  secret handle
 * @param opaque  data given at registration
 */
typedef void (*virConnectSecretEventGenericCallback)(
        virConnectPtr conn,
        virSecretPtr secret,
        void *opaque);

/**
 * Signature of the callback for secret lifecycle events (the
 * *_EVENT_ID_LIFECYCLE event).
 *
 * @param conn    connection handle
 * @param secret  secret handle
 * @param event   a virSecretEventLifecycleType value
 * @param detail  extra detail, currently always 0
 * @param opaque  data given at registration
 */
typedef void (*virConnectSecretEventLifecycleCallback)(
        virConnectPtr conn,
        virSecretPtr secret,
        int event,
        int detail,
        void *opaque);

/**
 * Collect handles for all secrets known to the connection, active or not. @p
 * flags is a bitwise OR of virConnectListAllSecretsFlags values restricting
 * the result; 0 lists everything.
 *
 * @param conn     connection handle
 * @param secrets  if non-NULL, receives a newly allocated array of handles;
 *                 pass NULL to only count
 * @param flags    filter flags
 *
 * @return the number of secrets found, or -1 on error. Each element of the
 *         returned array must be released with virSecretFree() and the array
 *         itself with free().
 */
VIREO_API int virConnectListAllSecrets(virConnectPtr conn,
                                       virSecretPtr **secrets,
                                       unsigned int flags);

/**
 * Store the UUID strings of up to @p maxuuids defined secrets into @p uuids.
 * The list can be out of date by the time it is used;
 * virConnectListAllSecrets() avoids that race.
 *
 * @param conn      connection handle
 * @param uuids     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param maxuuids  number of slots in @p uuids
 *
 * @return the number of entries stored, or -1 on error.
 */
VIREO_API int virConnectListSecrets(virConnectPtr conn,
                                    char **uuids,
                                    int maxuuids);

/**
 * Count the defined secrets.
 *
 * @param conn  connection handle
 *
 * @return the number of secrets, or -1 on error.
 */
VIREO_API int virConnectNumOfSecrets(virConnectPtr conn);

/**
 * Remove a callback added with virConnectSecretEventRegisterAny(). Its @p
 * freecb, if any, runs once the callback can no longer be invoked.
 *
 * @param conn        connection handle
 * @param callbackID  value returned by virConnectSecretEventRegisterAny()
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectSecretEventDeregisterAny(
        virConnectPtr conn,
        int callbackID);

/**
 * Register @p cb to be told about secret events of kind @p eventID (a
 * virSecretEventID value). The callback is declared with the generic type;
 * cast the real, event specific, callback with VIR_SECRET_EVENT_CALLBACK().
 * When @p secret is non-NULL only events for that secret are delivered.
 * Events are only dispatched while an event loop implementation is
 * registered and running.
 *
 * @param conn     connection handle
 * @param secret   secret to watch, or NULL for all
 * @param eventID  which event to watch (virSecretEventID)
 * @param cb       callback, cast with VIR_SECRET_EVENT_CALLBACK()
 * @param opaque   caller data handed to @p cb
 * @param freecb   optional destructor for @p opaque, called when the
 *                 callback is unregistered
 *
 * @return a callback identifier (0 or greater) to pass to
 *         virConnectSecretEventDeregisterAny(), or -1 on error.
 */
VIREO_API int virConnectSecretEventRegisterAny(
        virConnectPtr conn,
        virSecretPtr secret,
        int eventID,
        virConnectSecretEventGenericCallback cb,
        void *opaque,
        virFreeCallback freecb);

/**
 * Define a secret, or change the attributes of an existing one with the same
 * UUID. The value is set separately with virSecretSetValue().
 *
 * @param conn   connection handle
 * @param xml    XML description of the secret
 * @param flags  bitwise OR of virSecretDefineFlags
 *
 * @return a new secret handle; release it with virSecretFree(). NULL on
 *         error.
 */
VIREO_API virSecretPtr virSecretDefineXML(
        virConnectPtr conn,
        const char *xml,
        unsigned int flags);

/**
 * Drop one reference to the secret handle and release the handle once no
 * reference remains. The secret itself is not affected.
 *
 * @param secret  secret handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virSecretFree(virSecretPtr secret);

/**
 * Get the connection the secret handle was obtained from. No reference is
 * added: do not close or free the result, and stop using it once the secret
 * handle is released (take a reference with virConnectRef() to keep it
 * longer).
 *
 * @param secret  secret handle
 *
 * @return the connection, or NULL on error.
 */
VIREO_API virConnectPtr virSecretGetConnect(virSecretPtr secret);

/**
 * Copy the raw UUID of the secret into @p uuid.
 *
 * @param secret  secret handle
 * @param uuid    buffer of at least VIR_UUID_BUFLEN bytes
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virSecretGetUUID(virSecretPtr secret, unsigned char *uuid);

/**
 * Format the UUID of the secret as text into @p buf.
 *
 * @param secret  secret handle
 * @param buf     buffer of at least VIR_UUID_STRING_BUFLEN bytes
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virSecretGetUUIDString(virSecretPtr secret, char *buf);

/**
 * Get the usage identifier of the secret (a volume path, a Ceph user name,
 * an iSCSI target, ... depending on its usage type).
 *
 * @param secret  secret handle
 *
 * @return a string owned by the handle (do not free it), or NULL on error.
 */
VIREO_API const char *virSecretGetUsageID(virSecretPtr secret);

/**
 * Tell what kind of object the secret is used for.
 *
 * @param secret  secret handle
 *
 * @return a virSecretUsageType value, or -1 on error.
 */
VIREO_API int virSecretGetUsageType(virSecretPtr secret);

/**
 * Read the value of a secret. The value is arbitrary binary data and not NUL
 * terminated.
 *
 * @param secret      secret handle
 * @param value_size  receives the length of the value
 * @param flags       must be 0
 *
 * @return a newly allocated buffer holding the value, to be cleared and
 *         released with free() by the caller, or NULL on error.
 */
VIREO_API unsigned char *virSecretGetValue(
        virSecretPtr secret,
        size_t *value_size,
        unsigned int flags);

/**
 * Produce the XML document describing the secret.
 *
 * @param secret  secret handle
 * @param flags   must be 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virSecretGetXMLDesc(virSecretPtr secret, unsigned int flags);

/**
 * Find a secret by its raw UUID.
 *
 * @param conn  connection handle
 * @param uuid  raw UUID, VIR_UUID_BUFLEN bytes
 *
 * @return a new secret handle; release it with virSecretFree(). NULL if it
 *         does not exist or on error.
 */
VIREO_API virSecretPtr virSecretLookupByUUID(
        virConnectPtr conn,
        const unsigned char *uuid);

/**
 * Find a secret by the textual form of its UUID.
 *
 * @param conn     connection handle
 * @param uuidstr  UUID as a string
 *
 * @return a new secret handle; release it with virSecretFree(). NULL if it
 *         does not exist or on error.
 */
VIREO_API virSecretPtr virSecretLookupByUUIDString(
        virConnectPtr conn,
        const char *uuidstr);

/**
 * Find a secret by its usage type and usage identifier.
 *
 * @param conn       connection handle
 * @param usageType  a virSecretUsageType value
 * @param usageID    usage identifier
 *
 * @return a new secret handle; release it with virSecretFree(). NULL if none
 *         matches or on error.
 */
VIREO_API virSecretPtr virSecretLookupByUsage(
        virConnectPtr conn,
        int usageType,
        const char *usageID);

/**
 * Add a reference to the secret handle, e.g. before sharing it with another
 * thread. Every call must be balanced by a call to virSecretFree().
 *
 * @param secret  secret handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virSecretRef(virSecretPtr secret);

/**
 * Set the value of a secret.
 *
 * @param secret      secret handle
 * @param value       the new value
 * @param value_size  length of @p value
 * @param flags       must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virSecretSetValue(virSecretPtr secret,
                                const unsigned char *value,
                                size_t value_size,
                                unsigned int flags);

/**
 * Delete a secret together with its value. The handle must still be released
 * with virSecretFree().
 *
 * @param secret  secret handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virSecretUndefine(virSecretPtr secret);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_SECRET_H */
