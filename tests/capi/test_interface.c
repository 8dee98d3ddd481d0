/*
 * test_interface.c: host interfaces on test:///default, as libvirt 9.0's
 * test driver serves them: the default "eth1", lookups by name and MAC,
 * define / undefine / create / destroy, listing with flags, XML, the
 * ChangeBegin / Commit / Rollback transaction, the interfaces of a custom
 * node file and libvirt's errors.
 *
 * The same program passes against Debian's libvirt 9.0 (the meson test
 * capi-interface-libvirt builds it with libvirt-dev).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static const char *eth1_xml =
    "<interface type='ethernet' name='eth1'>\n"
    "  <start mode='onboot'/>\n"
    "  <mtu size='1492'/>\n"
    "  <protocol family='ipv4'>\n"
    "    <ip address='192.168.0.5' prefix='24'/>\n"
    "    <route gateway='192.168.0.1'/>\n"
    "  </protocol>\n"
    "  <mac address='aa:bb:cc:dd:ee:ff'/>\n"
    "</interface>\n";

static const char *br0_in =
    "<interface type='bridge' name='br0'><start mode='onboot'/><mtu size='1500'/>"
    "<protocol family='ipv4'><dhcp/></protocol><bridge stp='off' delay='0.01'>"
    "<interface type='ethernet' name='eth0'><mac address='ab:bb:cc:dd:ee:ff'/></interface>"
    "</bridge></interface>";

static const char *br0_xml =
    "<interface type='bridge' name='br0'>\n"
    "  <start mode='onboot'/>\n"
    "  <mtu size='1500'/>\n"
    "  <protocol family='ipv4'>\n"
    "    <dhcp/>\n"
    "  </protocol>\n"
    "  <bridge stp='off' delay='0.01'>\n"
    "    <interface type='ethernet' name='eth0'>\n"
    "      <mac address='ab:bb:cc:dd:ee:ff'/>\n"
    "    </interface>\n"
    "  </bridge>\n"
    "</interface>\n";

static int count_all(virConnectPtr conn, unsigned int flags)
{
    virInterfacePtr *list = NULL;
    int n = virConnectListAllInterfaces(conn, &list, flags);
    for (int i = 0; i < n; i++)
        virInterfaceFree(list[i]);
    free(list);
    return n;
}

static void test_default(virConnectPtr conn)
{
    CHECK_INT(virConnectNumOfInterfaces(conn), 1);
    CHECK_INT(virConnectNumOfDefinedInterfaces(conn), 0);
    char *names[4] = {NULL};
    CHECK_INT(virConnectListInterfaces(conn, names, 4), 1);
    CHECK_STR(names[0], "eth1");
    free(names[0]);

    virInterfacePtr eth1 = virInterfaceLookupByName(conn, "eth1");
    CHECK(eth1 != NULL);
    if (!eth1)
        return;
    CHECK_STR(virInterfaceGetName(eth1), "eth1");
    CHECK_STR(virInterfaceGetMACString(eth1), "aa:bb:cc:dd:ee:ff");
    CHECK(virInterfaceGetConnect(eth1) == conn);
    CHECK_INT(virInterfaceIsActive(eth1), 1);
    char *xml = virInterfaceGetXMLDesc(eth1, 0);
    CHECK_STR(xml, eth1_xml);
    free(xml);
    CHECK(virInterfaceGetXMLDesc(eth1, VIR_INTERFACE_XML_INACTIVE) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x1) in function testInterfaceGetXMLDesc");
    virInterfaceFree(eth1);

    virInterfacePtr bymac = virInterfaceLookupByMACString(conn, "AA:BB:CC:DD:EE:FF");
    CHECK(bymac != NULL);
    if (bymac) {
        CHECK_STR(virInterfaceGetName(bymac), "eth1");
        virInterfaceFree(bymac);
    }
    CHECK_INT(count_all(conn, 0), 1);
    CHECK_INT(count_all(conn, VIR_CONNECT_LIST_INTERFACES_ACTIVE), 1);
    CHECK_INT(count_all(conn, VIR_CONNECT_LIST_INTERFACES_INACTIVE), 0);
}

static void test_errors(virConnectPtr conn)
{
    CHECK(virInterfaceLookupByName(conn, "nosuch") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_INTERFACE, VIR_FROM_TEST,
                  "Interface not found: no interface with matching name 'nosuch'");
    CHECK(virInterfaceLookupByMACString(conn, "11:22:33:44:55:66") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_INTERFACE, VIR_FROM_TEST,
                  "Interface not found: no interface with matching mac '11:22:33:44:55:66'");
    CHECK(virInterfaceLookupByName(conn, NULL) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_INTERFACE);
    CHECK_INT(virInterfaceIsActive(NULL), -1);
    CHECK_ERR(VIR_ERR_INVALID_INTERFACE, VIR_FROM_INTERFACE);
    CHECK_INT(count_all(conn, 4), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x4) in function testConnectListAllInterfaces");

    CHECK(virInterfaceDefineXML(conn, "<interface type='ethernet'/>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_INTERFACE, "XML error: interface has no name");
    CHECK(virInterfaceDefineXML(conn, "<interface/>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                  "XML error: Missing required attribute 'type' in element 'interface'");
    CHECK(virInterfaceDefineXML(conn, "<interface type='foo' name='x'/>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                  "XML error: Invalid value for attribute 'type' in element 'interface': 'foo'.");
    CHECK(virInterfaceDefineXML(conn, "<interface type='bridge' name='b'/>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_INTERFACE, "XML error: bridge interface misses the bridge element");
    CHECK(virInterfaceDefineXML(conn, "<interface type='ethernet' name='a'><start mode='bogus'/></interface>",
                                0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_INTERFACE, "XML error: unknown interface startmode bogus");
    CHECK(virInterfaceDefineXML(conn, "<foo type='ethernet' name='a'/>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_XML, "XML error: expecting root element of 'interface', not 'foo'");
    CHECK(virInterfaceDefineXML(conn, "garbage", 0) == NULL);
    CHECK_ERR(VIR_ERR_XML_DETAIL, VIR_FROM_INTERFACE);
    /* Nothing was defined by the failures. */
    CHECK_INT(virConnectNumOfDefinedInterfaces(conn), 0);

    CHECK_INT(virInterfaceChangeCommit(conn, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
                  "Requested operation is not valid: no transaction running, nothing to be committed.");
    CHECK_INT(virInterfaceChangeRollback(conn, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
                  "Requested operation is not valid: no transaction running, nothing to rollback.");
}

static void test_lifecycle(virConnectPtr conn)
{
    virInterfacePtr br0 = virInterfaceDefineXML(conn, br0_in, 0);
    CHECK(br0 != NULL);
    if (!br0)
        return;
    CHECK_STR(virInterfaceGetMACString(br0), "");
    CHECK_INT(virInterfaceIsActive(br0), 0);
    char *xml = virInterfaceGetXMLDesc(br0, 0);
    CHECK_STR(xml, br0_xml);
    free(xml);
    CHECK_INT(virConnectNumOfDefinedInterfaces(conn), 1);
    CHECK_INT(virInterfaceDestroy(br0, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "Requested operation is not valid");
    CHECK_INT(virInterfaceCreate(br0, 0), 0);
    CHECK_INT(virInterfaceIsActive(br0), 1);
    CHECK_INT(virInterfaceCreate(br0, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "Requested operation is not valid");
    CHECK_INT(count_all(conn, VIR_CONNECT_LIST_INTERFACES_ACTIVE), 2);
    CHECK_INT(virInterfaceDestroy(br0, 0), 0);
    CHECK_INT(virInterfaceIsActive(br0), 0);
    CHECK_INT(virInterfaceUndefine(br0), 0);
    CHECK_INT(virInterfaceIsActive(br0), -1);
    CHECK_ERR_MSG(VIR_ERR_NO_INTERFACE, VIR_FROM_TEST,
                  "Interface not found: no interface with matching name 'br0'");
    virInterfaceFree(br0);
    CHECK_INT(count_all(conn, 0), 1);
}

static void test_transaction(virConnectPtr conn)
{
    CHECK_INT(virInterfaceChangeBegin(conn, 0), 0);
    CHECK_INT(virInterfaceChangeBegin(conn, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
                  "Requested operation is not valid: there is another transaction running.");
    virInterfacePtr br0 = virInterfaceDefineXML(conn, br0_in, 0);
    CHECK(br0 != NULL);
    CHECK_INT(virInterfaceChangeRollback(conn, 0), 0);
    /* br0 is gone; eth1 is back, but as a definition only: not running. */
    CHECK_INT(virInterfaceIsActive(br0), -1);
    CHECK_ERR(VIR_ERR_NO_INTERFACE, VIR_FROM_TEST);
    if (br0)
        virInterfaceFree(br0);
    CHECK_INT(virConnectNumOfInterfaces(conn), 0);
    CHECK_INT(virConnectNumOfDefinedInterfaces(conn), 1);

    CHECK_INT(virInterfaceChangeBegin(conn, 0), 0);
    br0 = virInterfaceDefineXML(conn, br0_in, 0);
    CHECK(br0 != NULL);
    CHECK_INT(virInterfaceChangeCommit(conn, 0), 0);
    CHECK_INT(virInterfaceIsActive(br0), 0);
    if (br0)
        virInterfaceFree(br0);
    CHECK_INT(count_all(conn, 0), 2);
}

/* A node file's interfaces run; a later one of the same name replaces
 * the earlier. */
static void test_node_file(void)
{
    char dir[] = "/tmp/capi-interface-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp failed");
        return;
    }
    char path[256], uri[300];
    snprintf(path, sizeof(path), "%s/node.xml", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("<node><interface type='ethernet' name='eth9'><mac address='aa:bb:cc:dd:ee:01'/></interface>"
              "<interface type='ethernet' name='eth9'><mac address='aa:bb:cc:dd:ee:02'/></interface>"
              "<interface type='bridge' name='br1'><bridge/></interface></node>", f);
        CHECK_INT(fclose(f), 0);
    }
    snprintf(uri, sizeof(uri), "test://%s", path);
    virConnectPtr conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (conn) {
        CHECK_INT(virConnectNumOfInterfaces(conn), 2);
        CHECK_INT(virConnectNumOfDefinedInterfaces(conn), 0);
        virInterfacePtr eth9 = virInterfaceLookupByName(conn, "eth9");
        CHECK(eth9 != NULL);
        if (eth9) {
            CHECK_STR(virInterfaceGetMACString(eth9), "aa:bb:cc:dd:ee:02");
            virInterfaceFree(eth9);
        }
        CHECK(virInterfaceLookupByName(conn, "eth1") == NULL);
        CHECK_INT(virConnectClose(conn), 0);
    }
    unlink(path);
    CHECK_INT(rmdir(dir), 0);
}

static void test_read_only(void)
{
    virConnectPtr ro = virConnectOpenReadOnly(check_default_uri());
    CHECK(ro != NULL);
    if (!ro)
        return;
    CHECK(virInterfaceDefineXML(ro, br0_in, 0) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_INTERFACE);
    CHECK_INT(virInterfaceChangeBegin(ro, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_INTERFACE);
    /* test:///default is one driver instance for every connection. */
    CHECK_INT(virConnectNumOfDefinedInterfaces(ro), 2);
    virConnectClose(ro);
}

int main(void)
{
    check_init();
    virConnectPtr conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("capi-interface");
    test_default(conn);
    test_errors(conn);
    test_lifecycle(conn);
    test_transaction(conn);
    test_read_only();
    test_node_file();
    CHECK_INT(virConnectClose(conn), 0);
    return check_finish("capi-interface");
}
