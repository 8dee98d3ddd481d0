/*
 * test_nodedev.c: node devices on test:///default, as libvirt 9.0's test
 * driver serves them: "computer" and its fibre channel hosts scsi_host1,
 * scsi_host2 and scsi_host11, their XML, lookups, parents, capabilities,
 * the listings with capability filters, creating and destroying a vHBA
 * (a copy of scsi_host11 named scsi_host12), its CREATED and DELETED
 * events, the devices of a custom node file, and libvirt's errors.
 *
 * The same program passes against Debian's libvirt 9.0 (the meson test
 * capi-nodedev-libvirt builds it with libvirt-dev). libvirt lists devices
 * in hash order, so listings are compared sorted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static const char *computer_xml =
    "<device>\n"
    "  <name>computer</name>\n"
    "  <capability type='system'>\n"
    "    <hardware>\n"
    "      <vendor>Libvirt</vendor>\n"
    "      <version>Test driver</version>\n"
    "      <serial>123456</serial>\n"
    "      <uuid>11111111-2222-3333-4444-555555555555</uuid>\n"
    "    </hardware>\n"
    "    <firmware>\n"
    "      <vendor>Libvirt</vendor>\n"
    "      <version>Test Driver</version>\n"
    "      <release_date>01/22/2007</release_date>\n"
    "    </firmware>\n"
    "  </capability>\n"
    "</device>\n";

static const char *scsi_host1_xml =
    "<device>\n"
    "  <name>scsi_host1</name>\n"
    "  <parent>computer</parent>\n"
    "  <capability type='scsi_host'>\n"
    "    <host>1</host>\n"
    "    <unique_id>0</unique_id>\n"
    "    <capability type='fc_host'>\n"
    "      <wwnn>2000000012341234</wwnn>\n"
    "      <wwpn>1000000012341234</wwpn>\n"
    "      <fabric_wwn>2000000043214321</fabric_wwn>\n"
    "    </capability>\n"
    "    <capability type='vport_ops'>\n"
    "      <max_vports>0</max_vports>\n"
    "      <vports>0</vports>\n"
    "    </capability>\n"
    "  </capability>\n"
    "</device>\n";

static const char *scsi_host11_xml =
    "<device>\n"
    "  <name>scsi_host11</name>\n"
    "  <parent>scsi_host1</parent>\n"
    "  <capability type='scsi_host'>\n"
    "    <host>11</host>\n"
    "    <unique_id>10</unique_id>\n"
    "    <capability type='fc_host'>\n"
    "      <wwnn>2000000034563456</wwnn>\n"
    "      <wwpn>1000000034563456</wwpn>\n"
    "      <fabric_wwn>2000000043214321</fabric_wwn>\n"
    "    </capability>\n"
    "  </capability>\n"
    "</device>\n";

/* The vHBA made from a create request with these names: scsi_host11's
 * copy, parent and numbers included. */
static const char *vhba_xml =
    "<device>\n"
    "  <name>scsi_host12</name>\n"
    "  <parent>scsi_host1</parent>\n"
    "  <capability type='scsi_host'>\n"
    "    <host>11</host>\n"
    "    <unique_id>10</unique_id>\n"
    "    <capability type='fc_host'>\n"
    "      <wwnn>2001001b32a9da4e</wwnn>\n"
    "      <wwpn>2101001b32a9da4e</wwpn>\n"
    "      <fabric_wwn>2000000043214321</fabric_wwn>\n"
    "    </capability>\n"
    "  </capability>\n"
    "</device>\n";

#define FC_HOST "<capability type='fc_host'><wwnn>2001001b32a9da4e</wwnn><wwpn>2101001b32a9da4e</wwpn></capability>"
#define VHBA(parent, inner) \
    "<device><name>x</name>" parent "<capability type='scsi_host'>" inner "</capability></device>"

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names, sorted and joined with ',' (n < 0 gives "error"). Frees them. */
static const char *joined(char **names, int n)
{
    static char buf[512];
    buf[0] = '\0';
    if (n < 0)
        return "error";
    qsort(names, n, sizeof(char *), cmp_names);
    for (int i = 0; i < n; i++) {
        if (i)
            strcat(buf, ",");
        strncat(buf, names[i], sizeof(buf) - strlen(buf) - 2);
        free(names[i]);
    }
    return buf;
}

static const char *list_names(virConnectPtr conn, const char *cap)
{
    char *names[16];
    return joined(names, virNodeListDevices(conn, cap, names, 16, 0));
}

static const char *list_all(virConnectPtr conn, unsigned int flags)
{
    virNodeDevicePtr *devs = NULL;
    char *names[16];
    int n = virConnectListAllNodeDevices(conn, &devs, flags);
    for (int i = 0; i < n && i < 16; i++) {
        names[i] = strdup(virNodeDeviceGetName(devs[i]));
        virNodeDeviceFree(devs[i]);
    }
    free(devs);
    return joined(names, n);
}

static const char *caps_of(virNodeDevicePtr dev)
{
    char *names[8];
    return joined(names, virNodeDeviceListCaps(dev, names, 8));
}

static void check_xml(virConnectPtr conn, const char *name, const char *expected)
{
    virNodeDevicePtr dev = virNodeDeviceLookupByName(conn, name);
    CHECK(dev != NULL);
    if (!dev)
        return;
    char *xml = virNodeDeviceGetXMLDesc(dev, 0);
    CHECK_STR(xml, expected);
    free(xml);
    virNodeDeviceFree(dev);
}

static void test_default(virConnectPtr conn)
{
    CHECK_INT(virNodeNumOfDevices(conn, NULL, 0), 4);
    CHECK_STR(list_names(conn, NULL), "computer,scsi_host1,scsi_host11,scsi_host2");
    CHECK_INT(virNodeNumOfDevices(conn, "system", 0), 1);
    CHECK_STR(list_names(conn, "scsi_host"), "scsi_host1,scsi_host11,scsi_host2");
    CHECK_STR(list_names(conn, "fc_host"), "scsi_host1,scsi_host11,scsi_host2");
    CHECK_STR(list_names(conn, "vports"), "scsi_host1,scsi_host2");
    CHECK_INT(virNodeNumOfDevices(conn, "pci", 0), 0);
    CHECK_INT(virNodeNumOfDevices(conn, "no-such-cap", 0), 0);

    CHECK_STR(list_all(conn, 0), "computer,scsi_host1,scsi_host11,scsi_host2");
    CHECK_INT(virConnectListAllNodeDevices(conn, NULL, 0), 4);
    CHECK_STR(list_all(conn, VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM), "computer");
    CHECK_STR(list_all(conn, VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST), "scsi_host1,scsi_host11,scsi_host2");
    CHECK_STR(list_all(conn, VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS), "scsi_host1,scsi_host2");
    CHECK_STR(list_all(conn, VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM | VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS),
              "computer,scsi_host1,scsi_host2");
    CHECK_STR(list_all(conn, VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV), "");
    CHECK_INT(virConnectListAllNodeDevices(conn, NULL, VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS), 2);

    check_xml(conn, "computer", computer_xml);
    check_xml(conn, "scsi_host1", scsi_host1_xml);
    check_xml(conn, "scsi_host11", scsi_host11_xml);

    virNodeDevicePtr computer = virNodeDeviceLookupByName(conn, "computer");
    virNodeDevicePtr host11 = virNodeDeviceLookupByName(conn, "scsi_host11");
    CHECK(computer != NULL && host11 != NULL);
    if (!computer || !host11)
        return;
    CHECK_STR(virNodeDeviceGetName(computer), "computer");
    CHECK_STR(virNodeDeviceGetParent(host11), "scsi_host1");
    CHECK(virNodeDeviceGetParent(computer) == NULL);
    /* Through a daemon the reason does not travel: libvirt's daemon answers
     * "no parent" with no error (libvirt's client then sets none, vireo's
     * says so in its own domain). */
    if (!check_is_remote())
        CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "no parent for this device");
    else if (check_client_is_vireo())
        CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV, "no parent for this device");
    CHECK_INT(virNodeDeviceNumOfCaps(computer), 1);
    CHECK_STR(caps_of(computer), "system");
    /* Only the device's own capabilities: not fc_host nor vport_ops. */
    CHECK_INT(virNodeDeviceNumOfCaps(host11), 1);
    CHECK_STR(caps_of(host11), "scsi_host");
    char *one[1];
    CHECK_INT(virNodeDeviceListCaps(host11, one, 0), 0);
    CHECK_INT(virNodeDeviceListCaps(host11, NULL, 0), 0);
    virNodeDeviceFree(computer);
    virNodeDeviceFree(host11);
}

static void test_errors(virConnectPtr conn)
{
    CHECK(virNodeDeviceLookupByName(conn, "nope") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_NODE_DEVICE, VIR_FROM_TEST,
                  "Node device not found: no node device with matching name 'nope'");
    CHECK(virNodeDeviceLookupByName(conn, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NODEDEV, "name in virNodeDeviceLookupByName must not be NULL");
    CHECK_INT(virNodeNumOfDevices(conn, NULL, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testNodeNumOfDevices");
    char *names[2];
    CHECK_INT(virNodeListDevices(conn, NULL, NULL, 1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NODEDEV, "names in virNodeListDevices must not be NULL");
    CHECK_INT(virNodeListDevices(conn, NULL, names, -1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NODEDEV, "maxnames in virNodeListDevices must be zero or greater");
    CHECK_INT(virNodeListDevices(conn, NULL, names, 1, 0), 1);
    free(names[0]);
    /* The test driver takes no ACTIVE / INACTIVE filter. */
    CHECK_INT(virConnectListAllNodeDevices(conn, NULL, VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x80000000) in function testConnectListAllNodeDevices");

    virNodeDevicePtr host1 = virNodeDeviceLookupByName(conn, "scsi_host1");
    CHECK(host1 != NULL);
    if (!host1)
        return;
    CHECK(virNodeDeviceGetXMLDesc(host1, 1) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testNodeDeviceGetXMLDesc");
    CHECK_INT(virNodeDeviceListCaps(host1, NULL, 2), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NODEDEV, "names in virNodeDeviceListCaps must not be NULL");
    /* What libvirt's test driver leaves out. */
    CHECK_INT(virNodeDeviceIsActive(host1), -1);
    CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_NODEDEV,
                  "this function is not supported by the connection driver: virNodeDeviceIsActive");
    {
        int autostart = -1;
        /* libvirt checks the driver first (and no argument). */
        CHECK_INT(virNodeDeviceGetAutostart(host1, NULL), -1);
        CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_NODEDEV,
                      "this function is not supported by the connection driver: virNodeDeviceGetAutostart");
        CHECK_INT(virNodeDeviceGetAutostart(host1, &autostart), -1);
        CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_NODEDEV,
                      "this function is not supported by the connection driver: virNodeDeviceGetAutostart");
    }
    CHECK_INT(virNodeDeviceDettach(host1), -1);
    CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_NODEDEV,
                  "this function is not supported by the connection driver: virNodeDeviceDettach");
    CHECK(virNodeDeviceDefineXML(conn, "<device/>", 0) == NULL);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, VIR_FROM_NODEDEV);
    CHECK(virNodeDeviceLookupSCSIHostByWWN(conn, "2000000012341234", "1000000012341234", 0) == NULL);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, VIR_FROM_NODEDEV);
    CHECK(virNodeDeviceGetName(NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_NODE_DEVICE, VIR_FROM_NODEDEV, "invalid node device pointer in virNodeDeviceGetName");
    virNodeDeviceFree(host1);
}

/* Each refused request leaves the four devices as they were. */
static void check_create_fails(virConnectPtr conn, const char *xml, int code, int domain, const char *msg)
{
    virNodeDevicePtr dev = virNodeDeviceCreateXML(conn, xml, 0);
    CHECK(dev == NULL);
    CHECK_ERR_MSG(code, domain, msg);
    if (dev)
        virNodeDeviceFree(dev);
    CHECK_INT(virNodeNumOfDevices(conn, NULL, 0), 4);
}

static void test_create_errors(virConnectPtr conn)
{
    check_create_fails(conn, "junk", VIR_ERR_XML_DETAIL, VIR_FROM_NODEDEV,
                       "(node_device_definition):1: Start tag expected, '<' not found");
    check_create_fails(conn, "<dev/>", VIR_ERR_XML_ERROR, VIR_FROM_XML, "expecting root element of 'device', not 'dev'");
    check_create_fails(conn, "<device><name>x</name></device>", VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
                       "no device capabilities for 'new device'");
    check_create_fails(conn, "<device><capability type='bogus'/></device>", VIR_ERR_XML_ERROR, VIR_FROM_XML,
                       "Invalid value for attribute 'type' in element 'capability': 'bogus'.");
    check_create_fails(conn, "<device><capability/></device>", VIR_ERR_XML_ERROR, VIR_FROM_XML,
                       "Missing required attribute 'type' in element 'capability'");
    check_create_fails(conn, "<device><capability type='system'/></device>", VIR_ERR_INTERNAL_ERROR,
                       VIR_FROM_NODEDEV, "no system UUID supplied for 'new device'");
    check_create_fails(conn, "<device><capability type='system'><hardware><uuid>zz</uuid></hardware></capability>"
                       "</device>", VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
                       "malformed uuid element for 'new device'");
    check_create_fails(conn, VHBA("", ""), VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
                       "Device is not a fibre channel HBA");
    check_create_fails(conn, VHBA("", "<capability type='vport_ops'/>"), VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
                       "Device is not a fibre channel HBA");
    check_create_fails(conn, VHBA("", "<capability type='fc_host'><wwpn>2101001b32a9da4e</wwpn></capability>"),
                       VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
                       "no WWNN supplied for 'new device', and auto-generation failed");
    check_create_fails(conn, VHBA("", "<capability type='fc_host'><wwnn>2101001b32a9da4e</wwnn></capability>"),
                       VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
                       "no WWPN supplied for 'new device', and auto-generation failed");
    check_create_fails(conn, VHBA("", "<capability/>" FC_HOST), VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
                       "missing SCSI host capability type for 'new device'");
    check_create_fails(conn, VHBA("", "<capability type='foo'/>" FC_HOST), VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
                       "unknown SCSI host capability type 'foo' for 'new device'");
    check_create_fails(conn, VHBA("<parent>nope</parent>", FC_HOST), VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
                       "Could not find parent device for 'new device'");
    check_create_fails(conn, VHBA("<parent>scsi_host11</parent>", FC_HOST), VIR_ERR_INTERNAL_ERROR,
                       VIR_FROM_NODEDEV, "Parent device scsi_host11 is not capable of vport operations");
    check_create_fails(conn, VHBA("<parent>computer</parent>", FC_HOST), VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
                       "Parent device computer is not capable of vport operations");
    check_create_fails(conn, VHBA("<parent wwnn='2000000099999999'/>", FC_HOST), VIR_ERR_XML_ERROR,
                       VIR_FROM_NODEDEV,
                       "when providing parent wwnn='2000000099999999', the wwpn must also be provided");
    check_create_fails(conn, VHBA("<parent wwpn='1000000012341234'/>", FC_HOST), VIR_ERR_XML_ERROR,
                       VIR_FROM_NODEDEV,
                       "when providing parent wwpn='1000000012341234', the wwnn must also be provided");
    /* scsi_host11 cannot make vports, so its names find no parent. */
    check_create_fails(conn, VHBA("<parent wwnn='2000000034563456' wwpn='1000000034563456'/>", FC_HOST),
                       VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV, "Could not find parent device for 'new device'");
    check_create_fails(conn, VHBA("<parent fabric_wwn='2000000043214399'/>", FC_HOST), VIR_ERR_INTERNAL_ERROR,
                       VIR_FROM_NODEDEV, "Could not find parent device for 'new device'");
    CHECK(virNodeDeviceCreateXML(conn, NULL, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NODEDEV, "xmlDesc in virNodeDeviceCreateXML must not be NULL");
    CHECK(virNodeDeviceCreateXML(conn, VHBA("", FC_HOST), 2) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x2) in function testNodeDeviceCreateXML");
}

/* Creates a vHBA from `xml`, checks it and destroys it. `parent` is what
 * the new handle reports (asked from the driver when the XML names none). */
static void create_and_destroy(virConnectPtr conn, const char *xml)
{
    virNodeDevicePtr dev = virNodeDeviceCreateXML(conn, xml, 0);
    CHECK(dev != NULL);
    if (!dev)
        return;
    CHECK_STR(virNodeDeviceGetName(dev), "scsi_host12");
    CHECK_STR(virNodeDeviceGetParent(dev), "scsi_host1");
    char *got = virNodeDeviceGetXMLDesc(dev, 0);
    CHECK_STR(got, vhba_xml);
    free(got);
    CHECK_INT(virNodeNumOfDevices(conn, NULL, 0), 5);
    CHECK_INT(virNodeDeviceDestroy(dev), 0);
    CHECK_INT(virNodeNumOfDevices(conn, NULL, 0), 4);
    virNodeDeviceFree(dev);
}

static void test_vhba(virConnectPtr conn)
{
    virNodeDevicePtr dev = virNodeDeviceCreateXML(conn, VHBA("<parent>scsi_host2</parent>", FC_HOST), 0);
    CHECK(dev != NULL);
    if (!dev)
        return;
    CHECK_STR(virNodeDeviceGetName(dev), "scsi_host12");
    /* The handle keeps the parent of the request; the device is scsi_host11's
     * copy. A handle from a daemon has no parent name (the wire carries
     * none), so it asks the daemon, which answers from the copy. */
    CHECK_STR(virNodeDeviceGetParent(dev), check_is_remote() ? "scsi_host1" : "scsi_host2");
    char *xml = virNodeDeviceGetXMLDesc(dev, 0);
    CHECK_STR(xml, vhba_xml);
    free(xml);
    CHECK_STR(list_all(conn, VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST),
              "scsi_host1,scsi_host11,scsi_host12,scsi_host2");
    CHECK_STR(list_names(conn, "vports"), "scsi_host1,scsi_host2");
    virNodeDevicePtr found = virNodeDeviceLookupByName(conn, "scsi_host12");
    CHECK(found != NULL);
    if (found) {
        CHECK_STR(virNodeDeviceGetParent(found), "scsi_host1");
        virNodeDeviceFree(found);
    }
    /* A second request replaces the copy. */
    virNodeDevicePtr again = virNodeDeviceCreateXML(conn, VHBA("", FC_HOST), 0);
    CHECK(again != NULL);
    CHECK_INT(virNodeNumOfDevices(conn, NULL, 0), 5);
    if (again)
        virNodeDeviceFree(again);

    CHECK_INT(virNodeDeviceDestroy(dev), 0);
    CHECK_INT(virNodeNumOfDevices(conn, NULL, 0), 4);
    /* The handle outlives the device. */
    CHECK_STR(virNodeDeviceGetName(dev), "scsi_host12");
    CHECK(virNodeDeviceGetXMLDesc(dev, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_NODE_DEVICE, VIR_FROM_TEST, "no node device with matching name 'scsi_host12'");
    CHECK_INT(virNodeDeviceNumOfCaps(dev), -1);
    CHECK_ERR(VIR_ERR_NO_NODE_DEVICE, VIR_FROM_TEST);
    CHECK_INT(virNodeDeviceDestroy(dev), -1);
    CHECK_ERR(VIR_ERR_NO_NODE_DEVICE, VIR_FROM_TEST);
    virNodeDeviceFree(dev);

    /* The other ways of naming the parent, and none. */
    create_and_destroy(conn, VHBA("<parent wwnn='2000000012341234' wwpn='1000000012341234'/>", FC_HOST));
    create_and_destroy(conn, VHBA("<parent fabric_wwn='2000000087658765'/>", FC_HOST));
    create_and_destroy(conn, VHBA("", FC_HOST));
    create_and_destroy(conn, "<device><capability type='scsi_host'>" FC_HOST "</capability></device>");
}

/* ------------------------------------------------------------ events */

#define MAX_EVENTS 8
static struct {
    char name[32];
    int event;
    int detail;
} events[MAX_EVENTS];
static int nevents;
static int filtered_events;

static void lifecycle_cb(virConnectPtr conn, virNodeDevicePtr dev, int event, int detail, void *opaque)
{
    (void)conn;
    (void)opaque;
    if (nevents >= MAX_EVENTS)
        return;
    snprintf(events[nevents].name, sizeof(events[nevents].name), "%s", virNodeDeviceGetName(dev));
    events[nevents].event = event;
    events[nevents].detail = detail;
    nevents++;
}

/* Registered for scsi_host2 only, which no test creates or destroys. */
static void filtered_cb(virConnectPtr conn, virNodeDevicePtr dev, int event, int detail, void *opaque)
{
    (void)conn;
    (void)dev;
    (void)event;
    (void)detail;
    (void)opaque;
    filtered_events++;
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

static void test_events(virConnectPtr conn)
{
    CHECK_INT(virConnectNodeDeviceEventRegisterAny(conn, NULL, 2 /* the last id + 1 */,
                                                   VIR_NODE_DEVICE_EVENT_CALLBACK(lifecycle_cb), NULL, NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NODEDEV, "must be less than 2");
    CHECK_INT(virConnectNodeDeviceEventRegisterAny(conn, NULL, VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE, NULL, NULL, NULL),
              -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NODEDEV);

    nevents = 0;
    int all = virConnectNodeDeviceEventRegisterAny(conn, NULL, VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                                                   VIR_NODE_DEVICE_EVENT_CALLBACK(lifecycle_cb), NULL, NULL);
    CHECK(all >= 0);
    virNodeDevicePtr host2 = virNodeDeviceLookupByName(conn, "scsi_host2");
    int one = virConnectNodeDeviceEventRegisterAny(conn, host2, VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                                                   VIR_NODE_DEVICE_EVENT_CALLBACK(filtered_cb), NULL, NULL);
    CHECK(one >= 0);

    virNodeDevicePtr dev = virNodeDeviceCreateXML(conn, VHBA("<parent>scsi_host2</parent>", FC_HOST), 0);
    CHECK(dev != NULL);
    if (dev) {
        CHECK_INT(virNodeDeviceDestroy(dev), 0);
        virNodeDeviceFree(dev);
    }
    /* A destroy that removes nothing sends nothing. */
    virNodeDevicePtr computer = virNodeDeviceLookupByName(conn, "computer");
    CHECK_INT(virNodeDeviceDestroy(computer), 0);
    virNodeDeviceFree(computer);
    run_until(2, 5.0);
    CHECK_INT(nevents, 2);
    CHECK_STR(events[0].name, "scsi_host12");
    CHECK_INT(events[0].event, VIR_NODE_DEVICE_EVENT_CREATED);
    CHECK_INT(events[0].detail, 0);
    CHECK_STR(events[1].name, "scsi_host12");
    CHECK_INT(events[1].event, VIR_NODE_DEVICE_EVENT_DELETED);
    CHECK_INT(events[1].detail, 0);
    CHECK_INT(filtered_events, 0);

    CHECK_INT(virConnectNodeDeviceEventDeregisterAny(conn, all), 0);
    CHECK_INT(virConnectNodeDeviceEventDeregisterAny(conn, one), 0);
    CHECK_INT(virConnectNodeDeviceEventDeregisterAny(conn, one), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "could not find event callback");
    if (host2)
        virNodeDeviceFree(host2);
}

/* libvirt's test driver reports success without removing a device that is
 * not a fibre channel HBA, or whose parent is gone. */
static void test_destroy_quirks(virConnectPtr conn)
{
    virNodeDevicePtr computer = virNodeDeviceLookupByName(conn, "computer");
    virNodeDevicePtr host1 = virNodeDeviceLookupByName(conn, "scsi_host1");
    virNodeDevicePtr host11 = virNodeDeviceLookupByName(conn, "scsi_host11");
    CHECK(computer && host1 && host11);
    if (!computer || !host1 || !host11)
        return;
    CHECK_INT(virNodeDeviceDestroy(computer), 0);
    CHECK_INT(virNodeNumOfDevices(conn, NULL, 0), 4);
    CHECK_INT(virNodeDeviceDestroy(host1), 0);
    CHECK_STR(list_names(conn, NULL), "computer,scsi_host11,scsi_host2");
    CHECK_INT(virNodeDeviceDestroy(host11), 0);
    CHECK_STR(list_names(conn, NULL), "computer,scsi_host11,scsi_host2");
    /* scsi_host11's parent is gone, but it still serves as the model. */
    virNodeDevicePtr dev = virNodeDeviceCreateXML(conn, VHBA("<parent>scsi_host2</parent>", FC_HOST), 0);
    CHECK(dev != NULL);
    if (dev)
        virNodeDeviceFree(dev);
    CHECK_STR(list_names(conn, NULL), "computer,scsi_host11,scsi_host12,scsi_host2");
    virNodeDeviceFree(computer);
    virNodeDeviceFree(host1);
    virNodeDeviceFree(host11);
}

/* ---------------------------------------------------- custom node file */

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

static const char *node_file_xml =
    "<node>\n"
    "  <device><name>hba</name><parent>computer</parent><capability type='scsi_host'><host>5</host>"
    "<capability type='fc_host'><wwnn>1</wwnn><wwpn>2</wwpn></capability>"
    "<capability type='vport_ops'/></capability></device>\n"
    "  <device file='sys.xml'/>\n"
    "  <device><name>hba</name><capability type='scsi_host'><host>3</host></capability></device>\n"
    "</node>\n";

static const char *sys_file_xml =
    "<device><name>sys</name><capability type='system'><product>P</product>"
    "<hardware><uuid>11111111-2222-3333-4444-555555555555</uuid></hardware></capability></device>\n";

static const char *sys_xml =
    "<device>\n"
    "  <name>sys</name>\n"
    "  <capability type='system'>\n"
    "    <product>P</product>\n"
    "    <hardware>\n"
    "      <uuid>11111111-2222-3333-4444-555555555555</uuid>\n"
    "    </hardware>\n"
    "    <firmware>\n"
    "    </firmware>\n"
    "  </capability>\n"
    "</device>\n";

/* The later "hba" replaces the first. */
static const char *hba_xml =
    "<device>\n"
    "  <name>hba</name>\n"
    "  <capability type='scsi_host'>\n"
    "    <host>3</host>\n"
    "  </capability>\n"
    "</device>\n";

/* Opening test:///`path` written with `text` fails with (code, msg). */
static void check_open_fails(const char *path, const char *text, int code, const char *msg)
{
    char uri[512];
    CHECK_INT(write_file(path, text), 0);
    snprintf(uri, sizeof(uri), "test://%s", path);
    virConnectPtr conn = virConnectOpen(uri);
    CHECK(conn == NULL);
    CHECK_ERR_MSG(code, VIR_FROM_NODEDEV, msg);
    if (conn)
        virConnectClose(conn);
    unlink(path);
}

static void test_node_file(const char *dir)
{
    char node[256], sys[256], uri[512];
    snprintf(node, sizeof(node), "%s/node.xml", dir);
    snprintf(sys, sizeof(sys), "%s/sys.xml", dir);
    CHECK_INT(write_file(node, node_file_xml), 0);
    CHECK_INT(write_file(sys, sys_file_xml), 0);
    snprintf(uri, sizeof(uri), "test://%s", node);
    virConnectPtr conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (conn) {
        /* Only the file's devices: the default node's are not there. */
        CHECK_STR(list_names(conn, NULL), "hba,sys");
        check_xml(conn, "sys", sys_xml);
        check_xml(conn, "hba", hba_xml);
        CHECK_INT(virNodeNumOfDevices(conn, "fc_host", 0), 0);
        CHECK_INT(virConnectClose(conn), 0);
    }
    unlink(sys);

    char bad[256];
    snprintf(bad, sizeof(bad), "%s/bad.xml", dir);
    check_open_fails(bad, "<node><device><capability type='system'/></device></node>", VIR_ERR_NO_NAME,
                     "missing name information");
    check_open_fails(bad, "<node><device><name>x</name><capability type='scsi_host'/></device></node>",
                     VIR_ERR_INTERNAL_ERROR, "no SCSI host ID supplied for 'x'");
    unlink(node);
}

static void test_read_only(void)
{
    virConnectPtr ro = virConnectOpenReadOnly(check_default_uri());
    CHECK(ro != NULL);
    if (!ro)
        return;
    CHECK(virNodeDeviceCreateXML(ro, VHBA("", FC_HOST), 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_NODEDEV, "read only access prevents virNodeDeviceCreateXML");
    virNodeDevicePtr host2 = virNodeDeviceLookupByName(ro, "scsi_host2");
    CHECK(host2 != NULL);
    if (host2) {
        CHECK_INT(virNodeDeviceDestroy(host2), -1);
        CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_NODEDEV, "read only access prevents virNodeDeviceDestroy");
        CHECK_INT(virNodeDeviceReset(host2), -1);
        CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_NODEDEV);
        CHECK_INT(virNodeDeviceDetachFlags(host2, NULL, 0), -1);
        CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_NODEDEV);
        virNodeDeviceFree(host2);
    }
    CHECK_INT(virNodeNumOfDevices(ro, "fc_host", 0), 3);
    virConnectClose(ro);
}

int main(void)
{
    check_init();
    CHECK_INT(virEventRegisterDefaultImpl(), 0);
    virConnectPtr conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("capi-nodedev");
    test_default(conn);
    test_errors(conn);
    test_create_errors(conn);
    test_vhba(conn);
    test_events(conn);
    test_destroy_quirks(conn);
    test_read_only();
    char dir[] = "/tmp/capi-nodedev-XXXXXX";
    if (mkdtemp(dir)) {
        test_node_file(dir);
        CHECK_INT(rmdir(dir), 0);
    } else {
        CHECK(!"mkdtemp failed");
    }
    CHECK_INT(virConnectClose(conn), 0);
    return check_finish("capi-nodedev");
}
