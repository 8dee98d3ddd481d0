/*
 * test_unsupported.c: the public functions that no vireo driver implements
 * yet, sampled from every header.
 *
 * Asserts, with libvirt 9.0.0's codes, error domains and messages:
 * - a function whose driver entry is null fails with VIR_ERR_NO_SUPPORT,
 *   "this function is not supported by the connection driver: <function>",
 *   in the error domain of its API file, and returns -1 or NULL;
 * - a write call on a read-only connection fails with
 *   VIR_ERR_OPERATION_DENIED before the driver is asked;
 * - an invalid connection or domain gives VIR_ERR_INVALID_CONN or
 *   VIR_ERR_INVALID_DOMAIN;
 * - a handle of a kind vireo cannot create yet (secret, nwfilter,
 *   binding, port, snapshot, checkpoint) is invalid whether NULL or not, and
 *   so is a network, interface, storage pool, volume, node device or stream
 *   pointer that vireo did not hand out: VIR_ERR_INVALID_<KIND> in libvirt's domain for
 *   that kind;
 * - the free functions of result structures accept NULL.
 *
 * Unlike the other C tests this one is about vireo: the real libvirt test
 * driver implements networks, pools, snapshots, ... so the NO_SUPPORT checks
 * fail there (the invalid-handle and read-only ones pass).
 */
#include "check.h"

/* Fails with the expected error: -1 from an int function. */
#define CHECK_FAILS_INT(call, code, domain, msg)   \
    do {                                           \
        virResetLastError();                       \
        CHECK_INT((call), -1);                     \
        CHECK_ERR_MSG(code, domain, msg);          \
    } while (0)

/* Fails with the expected error: NULL from a pointer function. */
#define CHECK_FAILS_PTR(call, code, domain, msg)   \
    do {                                           \
        virResetLastError();                       \
        CHECK((call) == NULL);                     \
        CHECK_ERR_MSG(code, domain, msg);          \
    } while (0)

#define NO_SUPPORT(fn) "this function is not supported by the connection driver: " fn
#define DENIED(fn) "operation forbidden: read only access prevents " fn

/* A pointer that vireo never handed out, to show that any pointer of a kind
 * without handles is rejected without being dereferenced (a network pointer
 * has its magic read, as libvirt reads its class: this one is zeroed). */
static char not_a_handle[64];
#define FAKE(type) ((type)(void *)not_a_handle)

static int ignored_event(virConnectPtr conn, void *obj, void *opaque)
{
    (void)conn;
    (void)obj;
    (void)opaque;
    return 0;
}

static void test_host(virConnectPtr conn, virConnectPtr ro)
{
    virNodeMemoryStats stats[4];
    int nparams = 4;

    CHECK_FAILS_INT(virNodeGetMemoryStats(conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, stats, &nparams, 0),
                    VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN, NO_SUPPORT("virNodeGetMemoryStats"));
    CHECK_FAILS_PTR(virConnectDomainXMLFromNative(conn, "qemu-argv", "x", 0), VIR_ERR_NO_SUPPORT,
                    VIR_FROM_DOMAIN, NO_SUPPORT("virConnectDomainXMLFromNative"));
    CHECK_FAILS_PTR(virConnectGetSysinfo(NULL, 0), VIR_ERR_INVALID_CONN, VIR_FROM_DOMAIN,
                    "invalid connection pointer in virConnectGetSysinfo");
    /* Read-only is checked first. */
    CHECK_FAILS_INT(virNodeSuspendForDuration(ro, VIR_NODE_SUSPEND_TARGET_MEM, 60, 0),
                    VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN, DENIED("virNodeSuspendForDuration"));
    CHECK_FAILS_INT(virNodeSuspendForDuration(conn, VIR_NODE_SUSPEND_TARGET_MEM, 60, 0),
                    VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN, NO_SUPPORT("virNodeSuspendForDuration"));
    /* A read call is allowed on a read-only connection. */
    CHECK_FAILS_INT(virConnectCompareCPU(ro, "<cpu/>", 0), VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN,
                    NO_SUPPORT("virConnectCompareCPU"));
}

static void test_domain(virDomainPtr dom, virDomainPtr rodom)
{
    virDomainBlockStatsStruct stats;
    int nparams = 0;
    virTypedParameterPtr guestVcpus = NULL;
    unsigned int nguestVcpus = 0;
    virDomainStatsRecordPtr *records = NULL;

    CHECK_FAILS_INT(virDomainBlockStatsFlags(dom, "vda", NULL, &nparams, 0), VIR_ERR_NO_SUPPORT,
                    VIR_FROM_DOMAIN, NO_SUPPORT("virDomainBlockStatsFlags"));
    CHECK_FAILS_INT(virDomainGetGuestVcpus(dom, &guestVcpus, &nguestVcpus, 0), VIR_ERR_NO_SUPPORT,
                    VIR_FROM_DOMAIN, NO_SUPPORT("virDomainGetGuestVcpus"));
    CHECK_FAILS_INT(virDomainBlockStats(NULL, "vda", &stats, sizeof(stats)), VIR_ERR_INVALID_DOMAIN,
                    VIR_FROM_DOM, "invalid domain pointer in virDomainBlockStats");
    CHECK_FAILS_INT(virDomainInjectNMI(rodom, 0), VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                    DENIED("virDomainInjectNMI"));
    CHECK_FAILS_INT(virDomainAgentSetResponseTimeout(dom, 5, 0), VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN,
                    NO_SUPPORT("virDomainAgentSetResponseTimeout"));
    /* Only the secure flag needs write access. */
    CHECK_FAILS_PTR(virDomainManagedSaveGetXMLDesc(rodom, VIR_DOMAIN_SAVE_IMAGE_XML_SECURE),
                    VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                    "operation forbidden: virDomainManagedSaveGetXMLDesc with secure flag");
    CHECK_FAILS_PTR(virDomainManagedSaveGetXMLDesc(rodom, 0), VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN,
                    NO_SUPPORT("virDomainManagedSaveGetXMLDesc"));
    /* Migration checks its destination connection. */
    CHECK_FAILS_PTR(virDomainMigrate(dom, NULL, 0, NULL, NULL, 0), VIR_ERR_INVALID_CONN, VIR_FROM_DOMAIN,
                    "invalid connection pointer in virDomainMigrate");
    /* A stream argument is checked before the driver (test_stream.c has valid ones). */
    CHECK_FAILS_PTR(virDomainScreenshot(dom, NULL, 0, 0), VIR_ERR_INVALID_STREAM, VIR_FROM_STREAMS,
                    "invalid stream pointer in virDomainScreenshot");
    CHECK_FAILS_INT(virDomainOpenConsole(dom, NULL, FAKE(virStreamPtr), 0), VIR_ERR_INVALID_STREAM,
                    VIR_FROM_STREAMS, "invalid stream pointer in virDomainOpenConsole");
    /* (the statistics of many domains: test_all_stats.c) */
    CHECK_FAILS_INT(virDomainListGetStats(NULL, 0, &records, 0), VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                    "doms in virDomainListGetStats must not be NULL");
    /* The structure free functions accept NULL. */
    virDomainFSInfoFree(NULL);
    virDomainIOThreadInfoFree(NULL);
    virDomainInterfaceFree(NULL);
    virDomainStatsRecordListFree(NULL);
    virNetworkDHCPLeaseFree(NULL);
}

static void test_snapshot_checkpoint(virDomainPtr dom, virDomainPtr rodom)
{
    /* Snapshots are served (test_snapshot.c); the common checks still come first. */
    (void)dom;
    CHECK_FAILS_PTR(virDomainSnapshotCreateXML(rodom, "<domainsnapshot/>", 0), VIR_ERR_OPERATION_DENIED,
                    VIR_FROM_DOMAIN_SNAPSHOT, DENIED("virDomainSnapshotCreateXML"));
    CHECK_FAILS_INT(virDomainSnapshotFree(NULL), VIR_ERR_INVALID_DOMAIN_SNAPSHOT, VIR_FROM_DOMAIN_SNAPSHOT,
                    "Invalid domain snapshot: virDomainSnapshotFree");
    CHECK_FAILS_PTR(virDomainSnapshotGetName(NULL), VIR_ERR_INVALID_DOMAIN_SNAPSHOT,
                    VIR_FROM_DOMAIN_SNAPSHOT, "Invalid domain snapshot: virDomainSnapshotGetName");

    /* Checkpoints too (test_checkpoint.c). */
    CHECK_FAILS_PTR(virDomainCheckpointCreateXML(rodom, "<domaincheckpoint/>", 0), VIR_ERR_OPERATION_DENIED,
                    VIR_FROM_DOMAIN_CHECKPOINT, DENIED("virDomainCheckpointCreateXML"));
    CHECK_FAILS_INT(virDomainCheckpointFree(NULL), VIR_ERR_INVALID_DOMAIN_CHECKPOINT,
                    VIR_FROM_DOMAIN_CHECKPOINT, "Invalid domain checkpoint: virDomainCheckpointFree");
}

/* The test driver serves networks (test_network.c); what libvirt 9.0's test
 * driver lacks stays unsupported: DHCP leases and network ports. */
static void test_network(virConnectPtr conn, virConnectPtr ro)
{
    CHECK_FAILS_INT(virConnectNumOfNetworks(NULL), VIR_ERR_INVALID_CONN, VIR_FROM_NETWORK,
                    "invalid connection pointer in virConnectNumOfNetworks");
    virNetworkPtr net = virNetworkLookupByName(conn, "default");
    CHECK(net != NULL);
    if (net) {
        virNetworkDHCPLeasePtr *leases = NULL;
        virNetworkPortPtr *ports = NULL;
        CHECK_FAILS_INT(virNetworkGetDHCPLeases(net, NULL, &leases, 0), VIR_ERR_NO_SUPPORT, VIR_FROM_NETWORK,
                        NO_SUPPORT("virNetworkGetDHCPLeases"));
        CHECK_FAILS_INT(virNetworkListAllPorts(net, &ports, 0), VIR_ERR_NO_SUPPORT, VIR_FROM_NETWORK,
                        NO_SUPPORT("virNetworkListAllPorts"));
        CHECK_FAILS_PTR(virNetworkPortLookupByUUIDString(net, "dd8fe884-6c02-601e-7551-cca97df1c5df"),
                        VIR_ERR_NO_SUPPORT, VIR_FROM_NETWORK, NO_SUPPORT("virNetworkPortLookupByUUIDString"));
        CHECK_INT(virNetworkFree(net), 0);
    }
    virNetworkPtr ronet = virNetworkLookupByName(ro, "default");
    CHECK(ronet != NULL);
    if (ronet) {
        CHECK_FAILS_PTR(virNetworkPortCreateXML(ronet, "<networkport/>", 0), VIR_ERR_OPERATION_DENIED,
                        VIR_FROM_NETWORK, DENIED("virNetworkPortCreateXML"));
        CHECK_INT(virNetworkFree(ronet), 0);
    }
    CHECK_FAILS_PTR(virNetworkDefineXML(ro, "<network/>"), VIR_ERR_OPERATION_DENIED, VIR_FROM_NETWORK,
                    DENIED("virNetworkDefineXML"));
    CHECK_FAILS_INT(virNetworkFree(NULL), VIR_ERR_INVALID_NETWORK, VIR_FROM_NETWORK,
                    "invalid network pointer in virNetworkFree");
    CHECK_FAILS_PTR(virNetworkGetBridgeName(FAKE(virNetworkPtr)), VIR_ERR_INVALID_NETWORK, VIR_FROM_NETWORK,
                    "invalid network pointer in virNetworkGetBridgeName");
    CHECK_FAILS_INT(virNetworkPortFree(NULL), VIR_ERR_INVALID_NETWORK_PORT, VIR_FROM_NETWORK,
                    "Invalid network port pointer: virNetworkPortFree");
    /* The event filter is optional; when given it must be valid. */
    CHECK_FAILS_INT(virConnectNetworkEventRegisterAny(conn, FAKE(virNetworkPtr), VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                                      VIR_NETWORK_EVENT_CALLBACK(ignored_event), NULL, NULL),
                    VIR_ERR_INVALID_NETWORK, VIR_FROM_NETWORK,
                    "invalid network pointer in virConnectNetworkEventRegisterAny");
}

static void test_storage_interface_nodedev(virConnectPtr conn, virConnectPtr ro)
{
    CHECK_FAILS_PTR(virStoragePoolLookupByTargetPath(conn, "/default-pool"), VIR_ERR_NO_SUPPORT,
                    VIR_FROM_STORAGE, NO_SUPPORT("virStoragePoolLookupByTargetPath"));
    CHECK_FAILS_INT(virConnectStoragePoolEventRegisterAny(conn, FAKE(virStoragePoolPtr),
                                                          VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                                                          VIR_STORAGE_POOL_EVENT_CALLBACK(ignored_event), NULL,
                                                          NULL),
                    VIR_ERR_INVALID_STORAGE_POOL, VIR_FROM_STORAGE,
                    "invalid storage pool pointer in virConnectStoragePoolEventRegisterAny");
    CHECK_FAILS_INT(virStoragePoolFree(NULL), VIR_ERR_INVALID_STORAGE_POOL, VIR_FROM_STORAGE,
                    "invalid storage pool pointer in virStoragePoolFree");
    CHECK_FAILS_PTR(virStorageVolGetPath(FAKE(virStorageVolPtr)), VIR_ERR_INVALID_STORAGE_VOL,
                    VIR_FROM_STORAGE, "invalid storage volume pointer in virStorageVolGetPath");

    /* Interfaces are served (test_interface.c); the common checks stay. */
    CHECK_FAILS_INT(virInterfaceChangeBegin(ro, 0), VIR_ERR_OPERATION_DENIED, VIR_FROM_INTERFACE,
                    DENIED("virInterfaceChangeBegin"));
    CHECK_FAILS_INT(virInterfaceFree(NULL), VIR_ERR_INVALID_INTERFACE, VIR_FROM_INTERFACE,
                    "invalid interface pointer in virInterfaceFree");

    /* Node devices are served (test_nodedev.c); libvirt's test driver has no SCSI host lookup by WWN. */
    CHECK_FAILS_PTR(virNodeDeviceLookupSCSIHostByWWN(conn, "2000000012341234", "1000000012341234", 0),
                    VIR_ERR_NO_SUPPORT, VIR_FROM_NODEDEV, NO_SUPPORT("virNodeDeviceLookupSCSIHostByWWN"));
    CHECK_FAILS_INT(virNodeDeviceFree(NULL), VIR_ERR_INVALID_NODE_DEVICE, VIR_FROM_NODEDEV,
                    "invalid node device pointer in virNodeDeviceFree");
}

static void test_secret_nwfilter_stream(virConnectPtr conn, virConnectPtr ro)
{
    size_t size = 0;
    char buf[16];

    CHECK_FAILS_INT(virConnectSecretEventRegisterAny(conn, NULL, VIR_SECRET_EVENT_ID_LIFECYCLE,
                                                     VIR_SECRET_EVENT_CALLBACK(ignored_event), NULL, NULL),
                    VIR_ERR_NO_SUPPORT, VIR_FROM_SECRET, NO_SUPPORT("virConnectSecretEventRegisterAny"));
    CHECK_FAILS_PTR(virSecretDefineXML(ro, "<secret/>", 0), VIR_ERR_OPERATION_DENIED, VIR_FROM_SECRET,
                    DENIED("virSecretDefineXML"));
    CHECK_FAILS_PTR(virSecretGetValue(NULL, &size, 0), VIR_ERR_INVALID_SECRET, VIR_FROM_SECRET,
                    "Invalid secret: virSecretGetValue");

    CHECK_FAILS_INT(virConnectListAllNWFilters(conn, NULL, 0), VIR_ERR_NO_SUPPORT, VIR_FROM_NWFILTER,
                    NO_SUPPORT("virConnectListAllNWFilters"));
    CHECK_FAILS_INT(virNWFilterBindingFree(NULL), VIR_ERR_INVALID_NWFILTER_BINDING, VIR_FROM_NWFILTER,
                    "Invalid network filter binding: virNWFilterBindingFree");

    CHECK_FAILS_PTR(virStreamNew(NULL, 0), VIR_ERR_INVALID_CONN, VIR_FROM_STREAMS,
                    "invalid connection pointer in virStreamNew");
    CHECK_FAILS_INT(virStreamFree(NULL), VIR_ERR_INVALID_STREAM, VIR_FROM_STREAMS,
                    "invalid stream pointer in virStreamFree");
    CHECK_FAILS_INT(virStreamSend(FAKE(virStreamPtr), buf, sizeof(buf)), VIR_ERR_INVALID_STREAM,
                    VIR_FROM_STREAMS, "invalid stream pointer in virStreamSend");
}

int main(void)
{
    virConnectPtr conn;
    virConnectPtr ro;
    virDomainPtr dom = NULL;
    virDomainPtr rodom = NULL;

    check_init();
    conn = virConnectOpen("test:///default");
    ro = virConnectOpenReadOnly("test:///default");
    CHECK(conn != NULL && ro != NULL);
    if (!conn || !ro)
        return check_finish("capi-test-unsupported");
    dom = virDomainLookupByName(conn, "test");
    rodom = virDomainLookupByName(ro, "test");
    CHECK(dom != NULL && rodom != NULL);

    test_host(conn, ro);
    if (dom && rodom) {
        test_domain(dom, rodom);
        test_snapshot_checkpoint(dom, rodom);
        /* The failed calls changed nothing. */
        CHECK_INT(virDomainIsActive(dom), 1);
        CHECK_INT(virDomainGetID(dom), 1);
    }
    test_network(conn, ro);
    test_storage_interface_nodedev(conn, ro);
    test_secret_nwfilter_stream(conn, ro);

    if (dom)
        virDomainFree(dom);
    if (rodom)
        virDomainFree(rodom);
    CHECK_INT(virConnectClose(ro), 0);
    CHECK_INT(virConnectClose(conn), 0);
    return check_finish("capi-test-unsupported");
}
