/*
 * test_nwfilter.c: network filters and their bindings. libvirt's test
 * driver has none (test:///default answers VIR_ERR_NO_SUPPORT). Through a
 * daemon (tests/remote/with_libvirtd.py) the checks reach the nwfilter
 * driver of its unprivileged session, qemu+tcp://HOST:PORT/session, which
 * lists and looks up but refuses to define filters or create bindings:
 * its answers and errors must come back unchanged (code, domain, message).
 *
 * The same program passes against Debian's libvirt 9.0 client
 * (capi-nwfilter-libvirt, remote-capi-nwfilter-libvirt).
 */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#define FILTER_UUID "7a3b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"

static const char *filter_xml =
    "<filter name='vireo-test' chain='root'><uuid>" FILTER_UUID "</uuid>"
    "<rule action='accept' direction='out'><all/></rule></filter>";

static const char *binding_xml =
    "<filterbinding><owner><name>guest</name><uuid>" FILTER_UUID "</uuid></owner>"
    "<portdev name='vnet7'/><mac address='52:54:00:00:00:07'/>"
    "<filterref filter='clean-traffic'/></filterbinding>";

/* libvirt's test driver has no network filters. */
static void test_unsupported(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    CHECK(conn != NULL);
    if (!conn)
        return;
    CHECK_INT(virConnectNumOfNWFilters(conn), -1);
    CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_NWFILTER, "virConnectNumOfNWFilters");
    CHECK(virNWFilterLookupByName(conn, "clean-traffic") == NULL);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, VIR_FROM_NWFILTER);
    CHECK(virNWFilterDefineXML(conn, filter_xml) == NULL);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, VIR_FROM_NWFILTER);
    CHECK_INT(virConnectListAllNWFilterBindings(conn, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, VIR_FROM_NWFILTER);
    virConnectClose(conn);
}

static void test_session(virConnectPtr conn)
{
    /* An unprivileged daemon has no filters and no bindings. */
    CHECK_INT(virConnectNumOfNWFilters(conn), 0);
    char *names[4] = {NULL};
    CHECK_INT(virConnectListNWFilters(conn, names, 4), 0);
    virNWFilterPtr *filters = NULL;
    CHECK_INT(virConnectListAllNWFilters(conn, &filters, 0), 0);
    CHECK(filters != NULL);
    free(filters);
    CHECK_INT(virConnectListAllNWFilters(conn, NULL, 0), 0);
    virNWFilterBindingPtr *bindings = NULL;
    CHECK_INT(virConnectListAllNWFilterBindings(conn, &bindings, 0), 0);
    free(bindings);

    /* Lookups fail with the daemon's error. */
    CHECK(virNWFilterLookupByName(conn, "clean-traffic") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_NWFILTER, VIR_FROM_NWFILTER, "no nwfilter with matching name 'clean-traffic'");
    CHECK(virNWFilterLookupByUUIDString(conn, FILTER_UUID) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_NWFILTER, VIR_FROM_NWFILTER, "no nwfilter with matching uuid '" FILTER_UUID "'");
    unsigned char raw[VIR_UUID_BUFLEN] = {0};
    CHECK(virNWFilterLookupByUUID(conn, raw) == NULL);
    CHECK_ERR(VIR_ERR_NO_NWFILTER, VIR_FROM_NWFILTER);
    CHECK(virNWFilterLookupByUUIDString(conn, "not-a-uuid") == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NWFILTER);
    CHECK(virNWFilterBindingLookupByPortDev(conn, "vnet7") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_NWFILTER_BINDING, VIR_FROM_NWFILTER, "no nwfilter binding for port dev 'vnet7'");

    /* Defining is refused in session mode, by the daemon. */
    CHECK(virNWFilterDefineXML(conn, filter_xml) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_NWFILTER, "Can't define NWFilters in session mode");
    CHECK(virNWFilterDefineXMLFlags(conn, filter_xml, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_NWFILTER, "Can't define NWFilters in session mode");
    CHECK(virNWFilterBindingCreateXML(conn, binding_xml, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_NWFILTER, "Can't define NWFilter bindings in session mode");

    /* The client's own checks come first. */
    CHECK(virNWFilterDefineXML(conn, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NWFILTER, "xmlDesc in virNWFilterDefineXML must not be NULL");
    CHECK(virNWFilterLookupByName(conn, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NWFILTER, "name in virNWFilterLookupByName must not be NULL");
    CHECK_INT(virConnectListNWFilters(conn, NULL, 4), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NWFILTER, "names in virConnectListNWFilters must not be NULL");
    CHECK_INT(virNWFilterFree(NULL), -1);
    CHECK_ERR(VIR_ERR_INVALID_NWFILTER, VIR_FROM_NWFILTER);
    CHECK(virNWFilterBindingGetPortDev(NULL) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_NWFILTER_BINDING, VIR_FROM_NWFILTER);
}

int main(void)
{
    check_init();
    test_unsupported();
    const char *tcp = getenv("VIREO_LIBVIRTD_TCP");
    if (tcp && *tcp) {
        char uri[256];
        snprintf(uri, sizeof(uri), "qemu+tcp://%s/session", tcp);
        virConnectPtr conn = virConnectOpen(uri);
        CHECK(conn != NULL);
        if (conn) {
            test_session(conn);
            virConnectPtr ro = virConnectOpenReadOnly(uri);
            CHECK(ro != NULL);
            if (ro) {
                CHECK(virNWFilterDefineXML(ro, filter_xml) == NULL);
                CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_NWFILTER,
                              "read only access prevents virNWFilterDefineXML");
                virConnectClose(ro);
            }
            CHECK_INT(virConnectClose(conn), 0);
        }
    }
    return check_finish("capi-nwfilter");
}
