/*
 * test_network.c: virtual networks on test:///default, as libvirt 9.0's
 * test driver serves them: the default network, define / create / destroy /
 * undefine, lookups, listing with flags, XML, autostart, virNetworkUpdate,
 * lifecycle events and libvirt's errors.
 *
 * The same program passes against Debian's libvirt 9.0 (build it with
 * `cc test_network.c $(pkg-config --cflags --libs libvirt)`; the meson test
 * capi-network-libvirt does so when libvirt-dev is installed). Listings are
 * compared as sets: libvirt keeps networks in a hash table.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

#define DEFAULT_UUID "dd8fe884-6c02-601e-7551-cca97df1c5df"

static const char *default_xml =
    "<network>\n"
    "  <name>default</name>\n"
    "  <uuid>" DEFAULT_UUID "</uuid>\n"
    "  <forward mode='nat'/>\n"
    "  <bridge name='virbr0' stp='on' delay='0'/>\n"
    "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
    "    <dhcp>\n"
    "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
    "    </dhcp>\n"
    "  </ip>\n"
    "</network>\n";

static const char *net_a_xml =
    "<network><name>neta</name><uuid>6e1f5fd5-92ac-4d6a-9d2f-6d0fb61a7a01</uuid>"
    "<bridge name='virbr10'/>"
    "<ip address='10.10.0.1' prefix='24'><dhcp><range start='10.10.0.2' end='10.10.0.9'/></dhcp></ip>"
    "</network>";

static const char *net_a_formatted =
    "<network>\n"
    "  <name>neta</name>\n"
    "  <uuid>6e1f5fd5-92ac-4d6a-9d2f-6d0fb61a7a01</uuid>\n"
    "  <bridge name='virbr10' stp='on' delay='0'/>\n"
    "  <ip address='10.10.0.1' prefix='24'>\n"
    "    <dhcp>\n"
    "      <range start='10.10.0.2' end='10.10.0.9'/>\n"
    "    </dhcp>\n"
    "  </ip>\n"
    "</network>\n";

/* ------------------------------------------------------------ events */

#define MAX_EVENTS 16
static struct {
    char name[64];
    int event;
    int detail;
} events[MAX_EVENTS];
static int nevents;

static void lifecycle_cb(virConnectPtr conn, virNetworkPtr net, int event, int detail, void *opaque)
{
    (void)conn;
    (void)opaque;
    if (nevents >= MAX_EVENTS)
        return;
    snprintf(events[nevents].name, sizeof(events[nevents].name), "%s", virNetworkGetName(net));
    events[nevents].event = event;
    events[nevents].detail = detail;
    nevents++;
}

/* Counts the events of a callback registered for one network only. */
static int filtered_events;

static void filtered_cb(virConnectPtr conn, virNetworkPtr net, int event, int detail, void *opaque)
{
    (void)conn;
    (void)event;
    (void)detail;
    (void)opaque;
    if (strcmp(virNetworkGetName(net), "default") == 0)
        filtered_events++;
    else
        filtered_events += 100; /* an event of another network: wrong */
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void tick(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
}

/* Run the default loop until `want` events arrived or `limit` seconds
 * passed; a 50 ms timer keeps the loop from blocking when none comes. */
static void run_until(int want, double limit)
{
    int timer = virEventAddTimeout(50, tick, NULL, NULL);
    double deadline = now_s() + limit;
    while (nevents < want && now_s() < deadline)
        if (virEventRunDefaultImpl() < 0)
            break;
    if (timer >= 0)
        virEventRemoveTimeout(timer);
}

/* Whether `name` is among the first `n` strings of `names`. */
static int has_name(char **names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (names[i] && strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

static void free_names(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
}

/* ------------------------------------------------------------ cases */

static void test_default_network(virConnectPtr conn)
{
    virNetworkPtr net = virNetworkLookupByName(conn, "default");
    CHECK(net != NULL);
    if (!net)
        return;
    CHECK_STR(virNetworkGetName(net), "default");
    char uuid[VIR_UUID_STRING_BUFLEN];
    CHECK_INT(virNetworkGetUUIDString(net, uuid), 0);
    CHECK_STR(uuid, DEFAULT_UUID);
    unsigned char raw[VIR_UUID_BUFLEN];
    CHECK_INT(virNetworkGetUUID(net, raw), 0);
    CHECK_INT(raw[0], 0xdd);
    CHECK(virNetworkGetConnect(net) == conn);

    char *xml = virNetworkGetXMLDesc(net, 0);
    CHECK_STR(xml, default_xml);
    free(xml);
    char *bridge = virNetworkGetBridgeName(net);
    CHECK_STR(bridge, "virbr0");
    free(bridge);
    CHECK_INT(virNetworkIsActive(net), 1);
    CHECK_INT(virNetworkIsPersistent(net), 1);
    int autostart = -1;
    CHECK_INT(virNetworkGetAutostart(net, &autostart), 0);
    CHECK_INT(autostart, 0);

    virNetworkPtr byuuid = virNetworkLookupByUUIDString(conn, DEFAULT_UUID);
    CHECK(byuuid != NULL);
    if (byuuid) {
        CHECK_STR(virNetworkGetName(byuuid), "default");
        virNetworkFree(byuuid);
    }
    byuuid = virNetworkLookupByUUID(conn, raw);
    CHECK(byuuid != NULL);
    if (byuuid)
        virNetworkFree(byuuid);

    CHECK_INT(virConnectNumOfNetworks(conn), 1);
    CHECK_INT(virConnectNumOfDefinedNetworks(conn), 0);
    char *names[4] = {NULL};
    CHECK_INT(virConnectListNetworks(conn, names, 4), 1);
    CHECK_STR(names[0], "default");
    free_names(names, 4);
    CHECK_INT(virConnectListDefinedNetworks(conn, names, 4), 0);

    /* A second reference keeps the handle alive across one free. */
    CHECK_INT(virNetworkRef(net), 0);
    CHECK_INT(virNetworkFree(net), 0);
    CHECK_STR(virNetworkGetName(net), "default");
    CHECK_INT(virNetworkFree(net), 0);
}

static void test_errors(virConnectPtr conn)
{
    CHECK(virNetworkLookupByName(conn, "nosuch") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_NETWORK, VIR_FROM_TEST, "Network not found: no network with matching name 'nosuch'");
    CHECK(virNetworkLookupByUUIDString(conn, "dd8fe884-6c02-601e-7551-cca97df1c5d0") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_NETWORK, VIR_FROM_TEST,
                  "no network with matching uuid 'dd8fe884-6c02-601e-7551-cca97df1c5d0'");
    CHECK(virNetworkLookupByUUIDString(conn, "zz") == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NETWORK,
                  "uuidstr in virNetworkLookupByUUIDString must be a valid UUID");
    CHECK(virNetworkLookupByName(conn, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NETWORK, "name in virNetworkLookupByName must not be NULL");
    CHECK(virNetworkDefineXML(conn, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NETWORK, "xml in virNetworkDefineXML must not be NULL");

    CHECK_INT(virNetworkFree(NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_NETWORK, VIR_FROM_NETWORK, "virNetworkFree");
    CHECK(virNetworkGetName(NULL) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_NETWORK, VIR_FROM_NETWORK);

    virNetworkPtr net = virNetworkLookupByName(conn, "default");
    if (!net)
        return;
    CHECK_INT(virNetworkCreate(net), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "Network 'default' is already running");
    CHECK_INT(virNetworkUndefine(net), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "Network 'default' is still running");
    CHECK(virNetworkGetXMLDesc(net, VIR_NETWORK_XML_INACTIVE) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testNetworkGetXMLDesc");
    CHECK_INT(virNetworkGetAutostart(net, NULL), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NETWORK);
    /* The list pointer is cleared first, whatever follows. */
    virNetworkDHCPLeasePtr *leases = (virNetworkDHCPLeasePtr *)&net;
    CHECK_INT(virNetworkGetDHCPLeases(net, NULL, &leases, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_NETWORK, "virNetworkGetDHCPLeases");
    CHECK(leases == NULL);
    CHECK_INT(virNetworkGetDHCPLeases(net, "52:54:00:00:00:01", NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_NETWORK, "virNetworkGetDHCPLeases");
    CHECK_INT(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_IP_DHCP_HOST, -1,
                               "<host mac='00:16:3e:77:e2:ed' ip='192.168.122.10'/>", 0x10), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x10) in function testNetworkUpdate");
    virNetworkFree(net);

    virNetworkPtr *all = NULL;
    CHECK_INT(virConnectListAllNetworks(conn, &all, 0x400), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x400) in function testConnectListAllNetworks");
    CHECK(virNetworkDefineXMLFlags(conn, net_a_xml, 0x2) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x2) in function testNetworkDefineXMLFlags");
    CHECK(virNetworkDefineXML(conn, "<network><name>x</name><forward mode='bogus'/></network>") == NULL);
    CHECK_ERR_MSG(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_NETWORK, "unknown forwarding type 'bogus'");
    CHECK(virNetworkDefineXML(conn, "<network/>") == NULL);
    CHECK_ERR(VIR_ERR_NO_NAME, VIR_FROM_NETWORK);
    CHECK(virNetworkDefineXML(conn, "<network><name>default</name></network>") == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_NETWORK, "network 'default' already exists with uuid " DEFAULT_UUID);
    CHECK(virNetworkDefineXML(conn, "<network><name>other</name><uuid>" DEFAULT_UUID "</uuid></network>") == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_NETWORK, "network 'default' is already defined with uuid");
    /* Nothing was left behind by the refusals. */
    CHECK_INT(virConnectNumOfDefinedNetworks(conn), 0);
    CHECK_INT(virConnectNumOfNetworks(conn), 1);
}

static void test_event_arguments(virConnectPtr conn)
{
    virConnectPtr other = virConnectOpen(check_default_uri());
    CHECK(other != NULL);
    if (!other)
        return;
    virNetworkPtr foreign = virNetworkLookupByName(other, "default");
    CHECK(foreign != NULL);
    CHECK_INT(virConnectNetworkEventRegisterAny(conn, foreign, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                                VIR_NETWORK_EVENT_CALLBACK(lifecycle_cb), NULL, NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NETWORK,
                  "network 'default' in virConnectNetworkEventRegisterAny must match connection");
    CHECK_INT(virConnectNetworkEventRegisterAny(conn, NULL, 1 /* the last id + 1 */,
                                                VIR_NETWORK_EVENT_CALLBACK(lifecycle_cb), NULL, NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NETWORK, "must be less than 1");
    CHECK_INT(virConnectNetworkEventRegisterAny(conn, NULL, VIR_NETWORK_EVENT_ID_LIFECYCLE, NULL, NULL, NULL), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NETWORK);
    if (foreign)
        virNetworkFree(foreign);
    CHECK_INT(virConnectClose(other), 0);
}

static void test_read_only(void)
{
    virConnectPtr ro = virConnectOpenReadOnly(check_default_uri());
    CHECK(ro != NULL);
    if (!ro)
        return;
    virNetworkPtr net = virNetworkLookupByName(ro, "default");
    CHECK(net != NULL);
    if (net) {
        CHECK_INT(virNetworkDestroy(net), -1);
        CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_NETWORK, "read only access prevents virNetworkDestroy");
        CHECK_INT(virNetworkSetAutostart(net, 1), -1);
        CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_NETWORK);
        char *xml = virNetworkGetXMLDesc(net, 0);
        CHECK(xml != NULL);
        free(xml);
        virNetworkFree(net);
    }
    CHECK(virNetworkDefineXML(ro, net_a_xml) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_NETWORK, "read only access prevents virNetworkDefineXML");
    virConnectClose(ro);
}

static void test_lifecycle(virConnectPtr conn)
{
    nevents = 0;
    int cbid = virConnectNetworkEventRegisterAny(conn, NULL, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                                 VIR_NETWORK_EVENT_CALLBACK(lifecycle_cb), NULL, NULL);
    CHECK(cbid >= 0);
    virNetworkPtr def = virNetworkLookupByName(conn, "default");
    int filtered = virConnectNetworkEventRegisterAny(conn, def, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                                     VIR_NETWORK_EVENT_CALLBACK(filtered_cb), NULL, NULL);
    CHECK(filtered >= 0);
    CHECK(filtered != cbid);

    virNetworkPtr a = virNetworkDefineXML(conn, net_a_xml);
    CHECK(a != NULL);
    if (!a)
        return;
    char *xml = virNetworkGetXMLDesc(a, 0);
    CHECK_STR(xml, net_a_formatted);
    free(xml);
    CHECK_INT(virNetworkIsActive(a), 0);
    CHECK_INT(virNetworkIsPersistent(a), 1);
    CHECK_INT(virConnectNumOfDefinedNetworks(conn), 1);

    char *names[4] = {NULL};
    CHECK_INT(virConnectListDefinedNetworks(conn, names, 4), 1);
    CHECK_STR(names[0], "neta");
    free_names(names, 4);

    CHECK_INT(virNetworkCreate(a), 0);
    CHECK_INT(virNetworkIsActive(a), 1);
    CHECK_INT(virNetworkSetAutostart(a, 1), 0);
    int autostart = 0;
    CHECK_INT(virNetworkGetAutostart(a, &autostart), 0);
    CHECK_INT(autostart, 1);

    virNetworkPtr t = virNetworkCreateXML(conn, "<network><name>nett</name></network>");
    CHECK(t != NULL);
    if (t) {
        CHECK_INT(virNetworkIsPersistent(t), 0);
        CHECK_INT(virNetworkIsActive(t), 1);
        char *bridge = virNetworkGetBridgeName(t);
        CHECK(bridge == NULL);
        CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "network 'nett' does not have a bridge name.");
    }

    /* Listing: 3 running (default, neta, nett), nothing defined inactive. */
    virNetworkPtr *all = NULL;
    int n = virConnectListAllNetworks(conn, &all, 0);
    CHECK_INT(n, 3);
    for (int i = 0; i < n && all; i++)
        virNetworkFree(all[i]);
    free(all);
    CHECK_INT(virConnectListAllNetworks(conn, NULL, VIR_CONNECT_LIST_NETWORKS_TRANSIENT), 1);
    CHECK_INT(virConnectListAllNetworks(conn, NULL, VIR_CONNECT_LIST_NETWORKS_PERSISTENT), 2);
    CHECK_INT(virConnectListAllNetworks(conn, NULL, VIR_CONNECT_LIST_NETWORKS_AUTOSTART), 1);
    CHECK_INT(virConnectListAllNetworks(conn, NULL, VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART), 2);
    CHECK_INT(virConnectListAllNetworks(conn, NULL, VIR_CONNECT_LIST_NETWORKS_INACTIVE), 0);
    CHECK_INT(virConnectListNetworks(conn, names, 4), 3);
    CHECK(has_name(names, 3, "default") && has_name(names, 3, "neta") && has_name(names, 3, "nett"));
    free_names(names, 4);
    memset(names, 0, sizeof(names));
    CHECK_INT(virConnectListNetworks(conn, names, 1), 1);
    free_names(names, 4);

    /* A transient network disappears when it stops. */
    if (t) {
        CHECK_INT(virNetworkDestroy(t), 0);
        CHECK_INT(virNetworkIsActive(t), -1);
        CHECK_ERR(VIR_ERR_NO_NETWORK, VIR_FROM_TEST);
        virNetworkFree(t);
    }
    CHECK_INT(virNetworkDestroy(a), 0);
    CHECK_INT(virNetworkIsActive(a), 0);
    CHECK_INT(virConnectListAllNetworks(conn, NULL, VIR_CONNECT_LIST_NETWORKS_INACTIVE), 1);
    CHECK_INT(virNetworkUndefine(a), 0);
    CHECK_INT(virNetworkIsActive(a), -1);
    CHECK_ERR_MSG(VIR_ERR_NO_NETWORK, VIR_FROM_TEST, "no network with matching uuid");
    virNetworkFree(a);

    /* Six events; virNetworkSetAutostart sends none. */
    run_until(7, 0.5);
    CHECK_INT(nevents, 6);
    static const struct {
        const char *name;
        int event;
    } want[] = {
        {"neta", VIR_NETWORK_EVENT_DEFINED}, {"neta", VIR_NETWORK_EVENT_STARTED},
        {"nett", VIR_NETWORK_EVENT_STARTED}, {"nett", VIR_NETWORK_EVENT_STOPPED},
        {"neta", VIR_NETWORK_EVENT_STOPPED}, {"neta", VIR_NETWORK_EVENT_UNDEFINED},
    };
    for (int i = 0; i < 6 && i < nevents; i++) {
        CHECK_STR(events[i].name, want[i].name);
        CHECK_INT(events[i].event, want[i].event);
        CHECK_INT(events[i].detail, 0);
    }
    /* The filtered callback saw none of them; it sees the default network's. */
    CHECK_INT(filtered_events, 0);
    if (def) {
        CHECK_INT(virNetworkDestroy(def), 0);
        CHECK_INT(virNetworkCreate(def), 0);
        run_until(8, 0.5);
        CHECK_INT(nevents, 8);
        CHECK_INT(filtered_events, 2);
        virNetworkFree(def);
    }
    CHECK_INT(virConnectNetworkEventDeregisterAny(conn, filtered), 0);
    CHECK_INT(virConnectNetworkEventDeregisterAny(conn, cbid), 0);
    CHECK_INT(virConnectNetworkEventDeregisterAny(conn, cbid), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
}

static void test_update(virConnectPtr conn)
{
    virNetworkPtr net = virNetworkLookupByName(conn, "default");
    if (!net)
        return;
    const char *host = "<host mac='00:16:3e:77:e2:ee' name='h' ip='192.168.122.11'/>";
    CHECK_INT(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_IP_DHCP_HOST, -1,
                               host, 0), 0);
    char *xml = virNetworkGetXMLDesc(net, 0);
    CHECK_SUBSTR(xml, "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
                      "      <host mac='00:16:3e:77:e2:ee' name='h' ip='192.168.122.11'/>\n");
    free(xml);
    CHECK_INT(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST, VIR_NETWORK_SECTION_IP_DHCP_HOST, -1,
                               host, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_NETWORK,
                  "there is an existing dhcp host entry in network 'default' that matches");
    CHECK_INT(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_IP_DHCP_HOST, 3,
                               "<host mac='00:16:3e:77:e2:ef' ip='192.168.122.13'/>", 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_NETWORK,
                  "couldn't update dhcp host entry - no <ip> element found at index 3 in network 'default'");
    CHECK_INT(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_DELETE, VIR_NETWORK_SECTION_IP_DHCP_HOST, -1,
                               host, 0), 0);
    CHECK_INT(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_DELETE, VIR_NETWORK_SECTION_IP_DHCP_HOST, -1,
                               host, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_NETWORK,
                  "couldn't locate a matching dhcp host entry in network 'default'");
    CHECK_INT(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_IP_DHCP_RANGE, -1,
                               host, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_NETWORK,
                  "unexpected element <host>, expecting <range>, while updating network 'default'");
    CHECK_INT(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_BRIDGE, -1,
                               "<bridge/>", 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_NETWORK, "can't update 'bridge' section of network 'default'");
    CHECK_INT(virNetworkUpdate(net, 9, VIR_NETWORK_SECTION_DNS_TXT, -1, "<txt name='a' value='b'/>", 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_NETWORK, "unrecognized network update command code 9");
    CHECK_INT(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_DNS_TXT, -1,
                               "<txt name='example' value='v'/>", 0), 0);
    xml = virNetworkGetXMLDesc(net, 0);
    CHECK_SUBSTR(xml, "  <dns>\n    <txt name='example' value='v'/>\n  </dns>\n");
    free(xml);
    CHECK_INT(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_DELETE, VIR_NETWORK_SECTION_DNS_TXT, -1,
                               "<txt name='example' value='v'/>", 0), 0);
    xml = virNetworkGetXMLDesc(net, 0);
    CHECK_STR(xml, default_xml);
    free(xml);
    virNetworkFree(net);
}

int main(void)
{
    check_init();
    CHECK_INT(virEventRegisterDefaultImpl(), 0);
    virConnectPtr conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("capi-network");
    test_default_network(conn);
    test_errors(conn);
    test_read_only();
    test_event_arguments(conn);
    test_lifecycle(conn);
    test_update(conn);
    CHECK_INT(virConnectClose(conn), 0);
    return check_finish("capi-network");
}
