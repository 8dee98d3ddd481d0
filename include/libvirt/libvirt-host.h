/*
 * libvirt-host.h: connections, host (node) information and authentication
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "include <libvirt/libvirt.h> instead of <libvirt/libvirt-host.h>"
#endif

#ifndef VIREO_LIBVIRT_HOST_H
#define VIREO_LIBVIRT_HOST_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Opaque handle for a connection to a hypervisor driver. Obtain one with
 * virConnectOpen() and friends; release it with virConnectClose().
 */
typedef struct _virConnect virConnect;

/**
 * Opaque handle for a data stream; see virStreamNew().
 */
typedef struct _virStream virStream;

/**
 * Identity attribute for virConnectSetIdentity(): "group-name". Value type:
 * VIR_TYPED_PARAM_STRING.
 */
#define VIR_CONNECT_IDENTITY_GROUP_NAME "group-name"

/**
 * Identity attribute for virConnectSetIdentity(): "process-id". Value type:
 * VIR_TYPED_PARAM_LLONG.
 */
#define VIR_CONNECT_IDENTITY_PROCESS_ID "process-id"

/**
 * Identity attribute for virConnectSetIdentity(): "process-time". Value
 * type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_CONNECT_IDENTITY_PROCESS_TIME "process-time"

/**
 * Identity attribute for virConnectSetIdentity(): "sasl-user-name". Value
 * type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_CONNECT_IDENTITY_SASL_USER_NAME "sasl-user-name"

/**
 * Identity attribute for virConnectSetIdentity(): "selinux-context". Value
 * type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_CONNECT_IDENTITY_SELINUX_CONTEXT "selinux-context"

/**
 * Identity attribute for virConnectSetIdentity(): "unix-group-id". Value
 * type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_CONNECT_IDENTITY_UNIX_GROUP_ID "unix-group-id"

/**
 * Identity attribute for virConnectSetIdentity(): "unix-user-id". Value
 * type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_CONNECT_IDENTITY_UNIX_USER_ID "unix-user-id"

/**
 * Identity attribute for virConnectSetIdentity(): "user-name". Value type:
 * VIR_TYPED_PARAM_STRING.
 */
#define VIR_CONNECT_IDENTITY_USER_NAME "user-name"

/**
 * Identity attribute for virConnectSetIdentity(): "x509-distinguished-name".
 * Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_CONNECT_IDENTITY_X509_DISTINGUISHED_NAME "x509-distinguished-name"

/**
 * Number of CPUs the host topology described by a virNodeInfo can hold.
 */
#define VIR_NODEINFO_MAXCPUS(nodeinfo) ((nodeinfo).nodes * (nodeinfo).sockets * (nodeinfo).cores * (nodeinfo).threads)

/**
 * Size of the field member of virNodeCPUStats.
 */
#define VIR_NODE_CPU_STATS_FIELD_LENGTH 80

/**
 * Host CPU statistic field returned by virNodeGetCPUStats(): "idle".
 */
#define VIR_NODE_CPU_STATS_IDLE "idle"

/**
 * Host CPU statistic field returned by virNodeGetCPUStats(): "intr".
 */
#define VIR_NODE_CPU_STATS_INTR "intr"

/**
 * Host CPU statistic field returned by virNodeGetCPUStats(): "iowait".
 */
#define VIR_NODE_CPU_STATS_IOWAIT "iowait"

/**
 * Host CPU statistic field returned by virNodeGetCPUStats(): "kernel".
 */
#define VIR_NODE_CPU_STATS_KERNEL "kernel"

/**
 * Host CPU statistic field returned by virNodeGetCPUStats(): "user".
 */
#define VIR_NODE_CPU_STATS_USER "user"

/**
 * Host CPU statistic field returned by virNodeGetCPUStats(): "utilization".
 */
#define VIR_NODE_CPU_STATS_UTILIZATION "utilization"

/**
 * Host memory sharing (KSM) parameter for
 * virNodeGetMemoryParameters()/virNodeSetMemoryParameters():
 * "shm_full_scans".
 */
#define VIR_NODE_MEMORY_SHARED_FULL_SCANS "shm_full_scans"

/**
 * Host memory sharing (KSM) parameter for
 * virNodeGetMemoryParameters()/virNodeSetMemoryParameters():
 * "shm_merge_across_nodes".
 */
#define VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES "shm_merge_across_nodes"

/**
 * Host memory sharing (KSM) parameter for
 * virNodeGetMemoryParameters()/virNodeSetMemoryParameters():
 * "shm_pages_shared".
 */
#define VIR_NODE_MEMORY_SHARED_PAGES_SHARED "shm_pages_shared"

/**
 * Host memory sharing (KSM) parameter for
 * virNodeGetMemoryParameters()/virNodeSetMemoryParameters():
 * "shm_pages_sharing".
 */
#define VIR_NODE_MEMORY_SHARED_PAGES_SHARING "shm_pages_sharing"

/**
 * Host memory sharing (KSM) parameter for
 * virNodeGetMemoryParameters()/virNodeSetMemoryParameters():
 * "shm_pages_to_scan".
 */
#define VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN "shm_pages_to_scan"

/**
 * Host memory sharing (KSM) parameter for
 * virNodeGetMemoryParameters()/virNodeSetMemoryParameters():
 * "shm_pages_unshared".
 */
#define VIR_NODE_MEMORY_SHARED_PAGES_UNSHARED "shm_pages_unshared"

/**
 * Host memory sharing (KSM) parameter for
 * virNodeGetMemoryParameters()/virNodeSetMemoryParameters():
 * "shm_pages_volatile".
 */
#define VIR_NODE_MEMORY_SHARED_PAGES_VOLATILE "shm_pages_volatile"

/**
 * Host memory sharing (KSM) parameter for
 * virNodeGetMemoryParameters()/virNodeSetMemoryParameters():
 * "shm_sleep_millisecs".
 */
#define VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS "shm_sleep_millisecs"

/**
 * Host memory statistic field returned by virNodeGetMemoryStats():
 * "buffers".
 */
#define VIR_NODE_MEMORY_STATS_BUFFERS "buffers"

/**
 * Host memory statistic field returned by virNodeGetMemoryStats(): "cached".
 */
#define VIR_NODE_MEMORY_STATS_CACHED "cached"

/**
 * Size of the field member of virNodeMemoryStats.
 */
#define VIR_NODE_MEMORY_STATS_FIELD_LENGTH 80

/**
 * Host memory statistic field returned by virNodeGetMemoryStats(): "free".
 */
#define VIR_NODE_MEMORY_STATS_FREE "free"

/**
 * Host memory statistic field returned by virNodeGetMemoryStats(): "total".
 */
#define VIR_NODE_MEMORY_STATS_TOTAL "total"

/**
 * AMD SEV platform parameter returned by virNodeGetSEVInfo(): "cbitpos".
 */
#define VIR_NODE_SEV_CBITPOS "cbitpos"

/**
 * AMD SEV platform parameter returned by virNodeGetSEVInfo(): "cert-chain".
 * Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_NODE_SEV_CERT_CHAIN "cert-chain"

/**
 * AMD SEV platform parameter returned by virNodeGetSEVInfo(): "cpu0-id".
 * Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_NODE_SEV_CPU0_ID "cpu0-id"

/**
 * AMD SEV platform parameter returned by virNodeGetSEVInfo():
 * "max-es-guests". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_NODE_SEV_MAX_ES_GUESTS "max-es-guests"

/**
 * AMD SEV platform parameter returned by virNodeGetSEVInfo(): "max-guests".
 * Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_NODE_SEV_MAX_GUESTS "max-guests"

/**
 * AMD SEV platform parameter returned by virNodeGetSEVInfo(): "pdh". Value
 * type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_NODE_SEV_PDH "pdh"

/**
 * AMD SEV platform parameter returned by virNodeGetSEVInfo():
 * "reduced-phys-bits".
 */
#define VIR_NODE_SEV_REDUCED_PHYS_BITS "reduced-phys-bits"

/**
 * Size of the doi buffer of virSecurityModel, terminating NUL included.
 */
#define VIR_SECURITY_DOI_BUFLEN (256 + 1)

/**
 * Size of the label buffer of virSecurityLabel, terminating NUL included.
 */
#define VIR_SECURITY_LABEL_BUFLEN (4096 + 1)

/**
 * Size of the model buffer of virSecurityModel, terminating NUL included.
 */
#define VIR_SECURITY_MODEL_BUFLEN (256 + 1)

/**
 * Size in bytes of a raw UUID.
 */
#define VIR_UUID_BUFLEN (16)

/**
 * Size of the buffer needed for a UUID in text form, terminating NUL
 * included.
 */
#define VIR_UUID_STRING_BUFLEN (36+1)

/**
 * Outcome of virConnectCompareCPU() and virConnectCompareHypervisorCPU().
 */
typedef enum {
    VIR_CPU_COMPARE_ERROR        = -1, /* the comparison failed */
    VIR_CPU_COMPARE_INCOMPATIBLE = 0, /* the host cannot provide that CPU */
    VIR_CPU_COMPARE_IDENTICAL    = 1, /* same CPU */
    VIR_CPU_COMPARE_SUPERSET     = 2, /* the host CPU provides more than requested */
#ifdef VIR_ENUM_SENTINELS
    VIR_CPU_COMPARE_LAST         = 3,
#endif
} virCPUCompareResult;

/**
 * Flags for virConnectBaselineCPU() and virConnectBaselineHypervisorCPU().
 */
typedef enum {
    VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES = 0x1,
    VIR_CONNECT_BASELINE_CPU_MIGRATABLE      = 0x2,
} virConnectBaselineCPUFlags;

/**
 * Flags for virConnectCompareCPU() and virConnectCompareHypervisorCPU().
 */
typedef enum {
    VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE = 0x1,
    VIR_CONNECT_COMPARE_CPU_VALIDATE_XML      = 0x2,
} virConnectCompareCPUFlags;

/**
 * Kinds of credential an authentication callback may be asked for.
 */
typedef enum {
    VIR_CRED_USERNAME     = 1,
    VIR_CRED_AUTHNAME     = 2,
    VIR_CRED_LANGUAGE     = 3,
    VIR_CRED_CNONCE       = 4,
    VIR_CRED_PASSPHRASE   = 5,
    VIR_CRED_ECHOPROMPT   = 6,
    VIR_CRED_NOECHOPROMPT = 7,
    VIR_CRED_REALM        = 8,
    VIR_CRED_EXTERNAL     = 9,
#ifdef VIR_ENUM_SENTINELS
    VIR_CRED_LAST         = 10,
#endif
} virConnectCredentialType;

/**
 * Flags for virConnectOpenAuth().
 */
typedef enum {
    VIR_CONNECT_RO         = 0x1, /* open read-only */
    VIR_CONNECT_NO_ALIASES = 0x2, /* do not expand URI aliases */
} virConnectFlags;

/**
 * Flags for virNodeAllocPages().
 */
typedef enum {
    VIR_NODE_ALLOC_PAGES_ADD = 0x0,
    VIR_NODE_ALLOC_PAGES_SET = 0x1,
} virNodeAllocPagesFlags;

/**
 * Special CPU number for virNodeGetCPUStats().
 */
typedef enum {
    VIR_NODE_CPU_STATS_ALL_CPUS = -1,
} virNodeGetCPUStatsAllCPUs;

/**
 * Special cell number for virNodeGetMemoryStats().
 */
typedef enum {
    VIR_NODE_MEMORY_STATS_ALL_CELLS = -1,
} virNodeGetMemoryStatsAllCells;

/**
 * Host power states usable with virNodeSuspendForDuration().
 */
typedef enum {
    VIR_NODE_SUSPEND_TARGET_MEM    = 0, /* suspend to RAM */
    VIR_NODE_SUSPEND_TARGET_DISK   = 1, /* suspend to disk */
    VIR_NODE_SUSPEND_TARGET_HYBRID = 2, /* both RAM and disk */
#ifdef VIR_ENUM_SENTINELS
    VIR_NODE_SUSPEND_TARGET_LAST   = 3,
#endif
} virNodeSuspendTarget;

typedef struct _virConnectAuth virConnectAuth;
typedef struct _virConnectCredential virConnectCredential;
typedef struct _virNodeCPUStats virNodeCPUStats;
typedef struct _virNodeInfo virNodeInfo;
typedef struct _virNodeMemoryStats virNodeMemoryStats;
typedef struct _virSecurityLabel virSecurityLabel;
typedef struct _virSecurityModel virSecurityModel;
typedef virConnectAuth *virConnectAuthPtr;
typedef virConnectCredential *virConnectCredentialPtr;
typedef virConnect *virConnectPtr;
typedef virNodeCPUStats *virNodeCPUStatsPtr;
typedef virNodeInfo *virNodeInfoPtr;
typedef virNodeMemoryStats *virNodeMemoryStatsPtr;
typedef virSecurityLabel *virSecurityLabelPtr;
typedef virSecurityModel *virSecurityModelPtr;
typedef virStream *virStreamPtr;

/**
 * Signature of the function collecting credentials for virConnectOpenAuth().
 * For each requested credential it must store an allocated answer (which the
 * library frees) in result/resultlen, or NULL and 0 if it has none.
 *
 * @param cred    array of credentials to fill
 * @param ncred   number of entries in @p cred
 * @param cbdata  the cbdata member of the virConnectAuth
 */
typedef int (*virConnectAuthCallbackPtr)(
        virConnectCredentialPtr cred,
        unsigned int ncred,
        void *cbdata);

/**
 * Signature of a callback invoked when a connection is closed unexpectedly
 * (see virConnectRegisterCloseCallback()).
 *
 * @param conn    connection handle
 * @param reason  a virConnectCloseReason value
 * @param opaque  data given at registration
 */
typedef void (*virConnectCloseFunc)(virConnectPtr conn,
                                    int reason,
                                    void *opaque);

/**
 * Authentication callbacks for virConnectOpenAuth().
 */
struct _virConnectAuth {
    int *credtype; /* virConnectCredentialType values the callback can handle */
    unsigned int ncredtype; /* number of entries in credtype */
    virConnectAuthCallbackPtr cb; /* callback collecting the credentials */
    void *cbdata; /* passed to cb unchanged */
};

/**
 * One credential requested from an authentication callback.
 */
struct _virConnectCredential {
    int type; /* virConnectCredentialType */
    const char *prompt; /* text to show to the user */
    const char *challenge; /* extra challenge data, may be NULL */
    const char *defresult; /* suggested answer, may be NULL */
    char *result; /* answer, allocated by the callback */
    unsigned int resultlen; /* length of result */
};

/**
 * One entry of host CPU statistics (virNodeGetCPUStats()). Times are in
 * nanoseconds.
 */
struct _virNodeCPUStats {
    char field[VIR_NODE_CPU_STATS_FIELD_LENGTH]; /* statistic name, e.g. VIR_NODE_CPU_STATS_USER */
    unsigned long long value; /* statistic value */
};

/**
 * Basic host information filled in by virNodeGetInfo().
 */
struct _virNodeInfo {
    char model[32]; /* CPU model / architecture name */
    unsigned long memory; /* memory size in KiB */
    unsigned int cpus; /* number of active CPUs */
    unsigned int mhz; /* expected CPU frequency in MHz (0 if unknown) */
    unsigned int nodes; /* NUMA nodes (1 when not usable) */
    unsigned int sockets; /* CPU sockets per NUMA node */
    unsigned int cores; /* cores per socket */
    unsigned int threads; /* threads per core */
};

/**
 * One entry of host memory statistics (virNodeGetMemoryStats()). Values are
 * in KiB.
 */
struct _virNodeMemoryStats {
    char field[VIR_NODE_MEMORY_STATS_FIELD_LENGTH]; /* statistic name, e.g. VIR_NODE_MEMORY_STATS_FREE */
    unsigned long long value; /* statistic value */
};

/**
 * Security label of a running domain, see virDomainGetSecurityLabel().
 */
struct _virSecurityLabel {
    char label[VIR_SECURITY_LABEL_BUFLEN]; /* NUL terminated label text */
    int enforcing; /* 1 if the label is enforced, 0 if permissive */
};

/**
 * Description of the host security driver, see virNodeGetSecurityModel().
 */
struct _virSecurityModel {
    char model[VIR_SECURITY_MODEL_BUFLEN]; /* security model name, e.g. "selinux" */
    char doi[VIR_SECURITY_DOI_BUFLEN]; /* domain of interpretation */
};

/**
 * Ready made authentication callbacks for virConnectOpenAuth() that prompt
 * for credentials on the controlling terminal; suitable for command line
 * tools.
 */
VIREO_API VIR_EXPORT_VAR virConnectAuthPtr virConnectAuthPtrDefault;

/* -------- Library initialisation and version -------------------------- */

/**
 * Initialise the library. Connection and event functions do this implicitly,
 * but a multi-threaded program should call it once before starting threads
 * that use the API.
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virInitialize(void);

/**
 * Report the version of the client library. The optional @p type / @p
 * typeVer pair is kept for compatibility: when @p typeVer is given it
 * receives the library version as well, provided @p type is NULL or names a
 * driver built into the library.
 *
 * @param libVer   receives major * 1000000 + minor * 1000 + micro
 * @param type     driver name, or NULL
 * @param typeVer  optional, receives the version for @p type
 *
 * @return 0 on success, -1 on error (for example an unknown @p type).
 */
VIREO_API int virGetVersion(unsigned long *libVer,
                            const char *type,
                            unsigned long *typeVer);

/* -------- Opening and closing connections ----------------------------- */

/**
 * Open a read-write connection to the hypervisor driver selected by the URI
 * @p name. A NULL or empty name picks the default (the LIBVIRT_DEFAULT_URI
 * environment variable, the client configuration, or probing).
 *
 * @param name  connection URI, or NULL for the default
 *
 * @return a new connection to close with virConnectClose(), or NULL on
 *         error.
 */
VIREO_API virConnectPtr virConnectOpen(const char *name);

/**
 * Open a read-only connection: only calls that do not modify state are
 * permitted, which is often allowed to unprivileged users.
 *
 * @param name  connection URI, or NULL for the default
 *
 * @return a new connection to close with virConnectClose(), or NULL on
 *         error.
 */
VIREO_API virConnectPtr virConnectOpenReadOnly(const char *name);

/**
 * Open a connection, using @p auth to obtain credentials (user name,
 * password, ...) when the driver needs them. virConnectAuthPtrDefault
 * provides a terminal based implementation.
 *
 * @param name   connection URI, or NULL for the default
 * @param auth   authentication callbacks, or NULL
 * @param flags  bitwise OR of virConnectFlags values
 *
 * @return a new connection to close with virConnectClose(), or NULL on
 *         error.
 */
VIREO_API virConnectPtr virConnectOpenAuth(
        const char *name,
        virConnectAuthPtr auth,
        unsigned int flags);

/**
 * Add a reference to the connection, e.g. before sharing it with another
 * thread. Every call must be balanced by virConnectClose().
 *
 * @param conn  connection handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectRef(virConnectPtr conn);

/**
 * Drop one reference to the connection. The connection is really closed, and
 * its resources released, when the last reference (including those implied
 * by object handles obtained from it) goes away.
 *
 * @param conn  connection handle
 *
 * @return 1 if references remain, 0 once the connection is closed, or -1 on
 *         error. As in libvirt, the value is not the number of references.
 */
VIREO_API int virConnectClose(virConnectPtr conn);

/**
 * Register a function called when the connection is closed for a reason
 * other than virConnectClose() (I/O error, end of file, keepalive timeout).
 * Only one such callback can be registered per connection.
 *
 * @param conn    connection handle
 * @param cb      callback
 * @param opaque  caller data handed to @p cb
 * @param freecb  optional destructor for @p opaque
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectRegisterCloseCallback(
        virConnectPtr conn,
        virConnectCloseFunc cb,
        void *opaque,
        virFreeCallback freecb);

/**
 * Remove the close callback registered with
 * virConnectRegisterCloseCallback().
 *
 * @param conn  connection handle
 * @param cb    the callback that was registered
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectUnregisterCloseCallback(
        virConnectPtr conn,
        virConnectCloseFunc cb);

/**
 * Enable keepalive messages on a remote connection: a probe is sent after @p
 * interval seconds of silence and the connection is closed once @p count
 * probes went unanswered. A registered and running event loop is required.
 *
 * @param conn      connection handle
 * @param interval  seconds between probes; 0 or less disables keepalive
 * @param count     unanswered probes tolerated before closing
 *
 * @return 0 on success, 1 if the peer does not support keepalive, -1 on
 *         error.
 */
VIREO_API int virConnectSetKeepAlive(virConnectPtr conn,
                                     int interval,
                                     unsigned int count);

/**
 * Override the identity the daemon associates with this client (user, group,
 * process, security label; see the VIR_CONNECT_IDENTITY_* names). Only
 * honoured for privileged clients on a local socket.
 *
 * @param conn     connection handle
 * @param params   identity attributes
 * @param nparams  number of entries in @p params
 * @param flags    must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectSetIdentity(virConnectPtr conn,
                                    virTypedParameterPtr params,
                                    int nparams,
                                    unsigned int flags);

/* -------- Connection properties --------------------------------------- */

/**
 * Name the hypervisor driver behind the connection, e.g. "QEMU" or "Test".
 *
 * @param conn  connection handle
 *
 * @return a static string (do not free it), or NULL on error.
 */
VIREO_API const char *virConnectGetType(virConnectPtr conn);

/**
 * Report the version of the hypervisor managed by the connection.
 *
 * @param conn   connection handle
 * @param hvVer  receives major * 1000000 + minor * 1000 + micro (0 if
 *               unknown)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);

/**
 * Report the version of the library serving the connection (on the daemon
 * side for remote connections).
 *
 * @param conn    connection handle
 * @param libVer  receives major * 1000000 + minor * 1000 + micro
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectGetLibVersion(virConnectPtr conn,
                                      unsigned long *libVer);

/**
 * Get the host name of the machine running the hypervisor.
 *
 * @param conn  connection handle
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virConnectGetHostname(virConnectPtr conn);

/**
 * Get the canonical URI of the connection, which may differ from the one
 * passed when opening it (for example when the default was probed).
 *
 * @param conn  connection handle
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virConnectGetURI(virConnectPtr conn);

/**
 * Get an XML description of the host's system information (SMBIOS data and
 * similar), in the format of the domain <sysinfo> element.
 *
 * @param conn   connection handle
 * @param flags  must be 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virConnectGetSysinfo(virConnectPtr conn, unsigned int flags);

/**
 * Report the largest number of virtual CPUs a guest of the given
 * virtualization type may have on this connection.
 *
 * @param conn  connection handle
 * @param type  virtualization type (the domain XML "type" attribute), or
 *              NULL
 *
 * @return the maximum, or -1 on error.
 */
VIREO_API int virConnectGetMaxVcpus(virConnectPtr conn, const char *type);

/**
 * Get the capabilities XML document describing the host and the guest types
 * the driver can run.
 *
 * @param conn  connection handle
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virConnectGetCapabilities(virConnectPtr conn);

/**
 * Tell whether data sent over the connection is encrypted.
 *
 * @param conn  connection handle
 *
 * @return 1 if encrypted, 0 if not, -1 on error.
 */
VIREO_API int virConnectIsEncrypted(virConnectPtr conn);

/**
 * Tell whether the connection is safe against eavesdropping and tampering
 * (encrypted, or a local transport).
 *
 * @param conn  connection handle
 *
 * @return 1 if secure, 0 if not, -1 on error.
 */
VIREO_API int virConnectIsSecure(virConnectPtr conn);

/**
 * Tell whether the connection is still usable (for remote connections:
 * whether the transport is still up).
 *
 * @param conn  connection handle
 *
 * @return 1 if alive, 0 if dead, -1 on error.
 */
VIREO_API int virConnectIsAlive(virConnectPtr conn);

/* -------- Host CPU models --------------------------------------------- */

/**
 * Compare a CPU description (a <cpu> element, or a full capabilities or
 * domain XML) with the host CPU.
 *
 * @param conn     connection handle
 * @param xmlDesc  XML containing the CPU description
 * @param flags    bitwise OR of virConnectCompareCPUFlags
 *
 * @return a virCPUCompareResult value; VIR_CPU_COMPARE_ERROR (-1) on error.
 */
VIREO_API int virConnectCompareCPU(virConnectPtr conn,
                                   const char *xmlDesc,
                                   unsigned int flags);

/**
 * Compare a CPU description with the CPU the hypervisor can offer guests on
 * this host, for the given emulator / architecture / machine /
 * virtualization type (each NULL for the default).
 *
 * @param conn      connection handle
 * @param emulator  emulator binary, or NULL
 * @param arch      guest architecture, or NULL
 * @param machine   machine type, or NULL
 * @param virttype  virtualization type, or NULL
 * @param xmlCPU    XML containing the CPU description
 * @param flags     bitwise OR of virConnectCompareCPUFlags
 *
 * @return a virCPUCompareResult value; VIR_CPU_COMPARE_ERROR (-1) on error.
 */
VIREO_API int virConnectCompareHypervisorCPU(
        virConnectPtr conn,
        const char *emulator,
        const char *arch,
        const char *machine,
        const char *virttype,
        const char *xmlCPU,
        unsigned int flags);

/**
 * Compute the most capable CPU model compatible with all the given host CPU
 * descriptions, e.g. to find a model that can migrate across a set of hosts.
 *
 * @param conn     connection handle
 * @param xmlCPUs  array of XML CPU descriptions
 * @param ncpus    number of entries in @p xmlCPUs
 * @param flags    bitwise OR of virConnectBaselineCPUFlags
 *
 * @return the resulting <cpu> XML, to release with free(), or NULL on error.
 */
VIREO_API char *virConnectBaselineCPU(virConnectPtr conn,
                                      const char **xmlCPUs,
                                      unsigned int ncpus,
                                      unsigned int flags);

/**
 * Compute the most capable CPU model compatible with all the given CPU
 * descriptions that the hypervisor can provide for the given emulator /
 * architecture / machine / virtualization type (each NULL for the default).
 *
 * @param conn      connection handle
 * @param emulator  emulator binary, or NULL
 * @param arch      guest architecture, or NULL
 * @param machine   machine type, or NULL
 * @param virttype  virtualization type, or NULL
 * @param xmlCPUs   array of XML CPU descriptions
 * @param ncpus     number of entries in @p xmlCPUs
 * @param flags     bitwise OR of virConnectBaselineCPUFlags
 *
 * @return the resulting <cpu> XML, to release with free(), or NULL on error.
 */
VIREO_API char *virConnectBaselineHypervisorCPU(
        virConnectPtr conn,
        const char *emulator,
        const char *arch,
        const char *machine,
        const char *virttype,
        const char **xmlCPUs,
        unsigned int ncpus,
        unsigned int flags);

/**
 * List the CPU model names known for an architecture.
 *
 * @param conn    connection handle
 * @param arch    architecture name, e.g. "x86_64"
 * @param models  if non-NULL, receives a NULL terminated array of names;
 *                free each string and the array with free()
 * @param flags   must be 0
 *
 * @return the number of models, or -1 on error.
 */
VIREO_API int virConnectGetCPUModelNames(
        virConnectPtr conn,
        const char *arch,
        char ***models,
        unsigned int flags);

/* -------- Host (node) information and tuning -------------------------- */

/**
 * Fill in basic information about the host: CPU model and topology, clock
 * rate and memory size.
 *
 * @param conn  connection handle
 * @param info  structure to fill in
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);

/**
 * Report which host CPUs are online, as a bitmap.
 *
 * @param conn    connection handle
 * @param cpumap  optional, receives a newly allocated bitmap (one bit per
 *                CPU) to release with free()
 * @param online  optional, receives the number of online CPUs
 * @param flags   must be 0
 *
 * @return the number of CPUs present on the host (the bitmap size in bits),
 *         or -1 on error.
 */
VIREO_API int virNodeGetCPUMap(virConnectPtr conn,
                               unsigned char **cpumap,
                               unsigned int *online,
                               unsigned int flags);

/**
 * Read CPU time statistics of one host CPU, or of all of them together. Call
 * first with @p params NULL and *nparams 0 to learn how many entries are
 * needed, then again with an array of that size.
 *
 * @param conn     connection handle
 * @param cpuNum   host CPU number, or VIR_NODE_CPU_STATS_ALL_CPUS for the
 *                 total
 * @param params   caller allocated array, or NULL to query the size
 * @param nparams  in: size of @p params; out: entries filled (or needed)
 * @param flags    must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeGetCPUStats(virConnectPtr conn,
                                 int cpuNum,
                                 virNodeCPUStatsPtr params,
                                 int *nparams,
                                 unsigned int flags);

/**
 * Read memory statistics (in KiB) of one NUMA cell or of the whole host.
 * Call first with @p params NULL and *nparams 0 to learn how many entries
 * are needed.
 *
 * @param conn     connection handle
 * @param cellNum  NUMA cell number, or VIR_NODE_MEMORY_STATS_ALL_CELLS for
 *                 the whole host
 * @param params   caller allocated array, or NULL to query the size
 * @param nparams  in: size of @p params; out: entries filled (or needed)
 * @param flags    must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeGetMemoryStats(virConnectPtr conn,
                                    int cellNum,
                                    virNodeMemoryStatsPtr params,
                                    int *nparams,
                                    unsigned int flags);

/**
 * Report the amount of free memory on the host, in bytes.
 *
 * @param conn  connection handle
 *
 * @return the free memory in bytes, or 0 on error.
 */
VIREO_API unsigned long long virNodeGetFreeMemory(virConnectPtr conn);

/**
 * Report the free memory, in bytes, of consecutive NUMA cells starting with
 * @p startCell.
 *
 * @param conn       connection handle
 * @param freeMems   array receiving one value per cell
 * @param startCell  first cell to report
 * @param maxCells   size of @p freeMems
 *
 * @return the number of entries filled, or -1 on error.
 */
VIREO_API int virNodeGetCellsFreeMemory(virConnectPtr conn,
                                        unsigned long long *freeMems,
                                        int startCell,
                                        int maxCells);

/**
 * Describe the security driver (e.g. SELinux, AppArmor) used to confine
 * guests. Both strings are empty when no security driver is active.
 *
 * @param conn      connection handle
 * @param secmodel  structure receiving the model and DOI
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeGetSecurityModel(virConnectPtr conn,
                                      virSecurityModelPtr secmodel);

/**
 * Read host memory tunables (the VIR_NODE_MEMORY_SHARED_* names). With
 * *nparams set to 0 the call only reports how many parameters exist; then
 * call again with an array of that size.
 *
 * @param conn     connection handle
 * @param params   caller allocated array
 * @param nparams  in: size of @p params; out: entries filled (or available)
 * @param flags    must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeGetMemoryParameters(
        virConnectPtr conn,
        virTypedParameterPtr params,
        int *nparams,
        unsigned int flags);

/**
 * Change host memory tunables (the VIR_NODE_MEMORY_SHARED_* names).
 *
 * @param conn     connection handle
 * @param params   parameters to change
 * @param nparams  number of entries in @p params
 * @param flags    must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeSetMemoryParameters(
        virConnectPtr conn,
        virTypedParameterPtr params,
        int nparams,
        unsigned int flags);

/**
 * Report how many free pages of each requested size each NUMA cell has. @p
 * counts is laid out cell by cell, with @p npages entries per cell.
 *
 * @param conn       connection handle
 * @param npages     number of page sizes in @p pages
 * @param pages      page sizes to query, in KiB
 * @param startCell  first NUMA cell to report
 * @param cellCount  number of cells to report
 * @param counts     array of at least npages * cellCount entries
 * @param flags      must be 0
 *
 * @return the number of entries stored in @p counts, or -1 on error.
 */
VIREO_API int virNodeGetFreePages(virConnectPtr conn,
                                  unsigned int npages,
                                  unsigned int *pages,
                                  int startCell,
                                  unsigned int cellCount,
                                  unsigned long long *counts,
                                  unsigned int flags);

/**
 * Grow, shrink or set the pools of huge pages of the given sizes on some
 * NUMA cells (or on the whole host when @p startCell is -1).
 *
 * @param conn        connection handle
 * @param npages      number of entries in @p pageSizes and @p pageCounts
 * @param pageSizes   page sizes in KiB
 * @param pageCounts  page counts for each size
 * @param startCell   first NUMA cell, or -1 for all
 * @param cellCount   number of cells to act on
 * @param flags       bitwise OR of virNodeAllocPagesFlags
 *
 * @return the number of cells successfully adjusted, or -1 on error.
 */
VIREO_API int virNodeAllocPages(virConnectPtr conn,
                                unsigned int npages,
                                unsigned int *pageSizes,
                                unsigned long long *pageCounts,
                                int startCell,
                                unsigned int cellCount,
                                unsigned int flags);

/**
 * Read the AMD SEV platform data of the host (the VIR_NODE_SEV_* names).
 *
 * @param conn     connection handle
 * @param params   receives a newly allocated array to release with
 *                 virTypedParamsFree()
 * @param nparams  receives the number of entries
 * @param flags    must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeGetSEVInfo(virConnectPtr conn,
                                virTypedParameterPtr *params,
                                int *nparams,
                                unsigned int flags);

/**
 * Put the host into a low power state and arrange for it to wake up after a
 * while.
 *
 * @param conn      connection handle
 * @param target    a virNodeSuspendTarget value
 * @param duration  seconds before waking up (at least 60)
 * @param flags     must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virNodeSuspendForDuration(virConnectPtr conn,
                                        unsigned int target,
                                        unsigned long long duration,
                                        unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_HOST_H */
