/*
 * test_remote_qemu.c: a real QEMU domain on a libvirtd, through vireo's
 * remote driver.
 *
 * Run by tests/remote/with_libvirtd.py: the daemon runs unprivileged, so
 * its QEMU driver is the session one (qemu+tcp://HOST:PORT/session) and
 * QEMU runs as the daemon's user, under TCG (type='qemu': the same on
 * machines with and without /dev/kvm). The domain is defined, started,
 * listed, looked at, destroyed and undefined from this process; QEMU is
 * the daemon's child, not ours.
 */
#include "../capi/check.h"

#include <unistd.h>

static const char domain_xml[] =
    "<domain type='qemu'>"
    "  <name>vireo-remote-qemu</name>"
    "  <memory unit='MiB'>64</memory>"
    "  <vcpu>1</vcpu>"
    "  <os><type arch='x86_64' machine='pc'>hvm</type></os>"
    "  <devices>"
    "    <emulator>/usr/bin/qemu-system-x86_64</emulator>"
    "    <memballoon model='none'/>"
    "  </devices>"
    "</domain>";

int main(void)
{
    const char *tcp = getenv("VIREO_LIBVIRTD_TCP");
    char uri[256];
    virConnectPtr conn;
    virDomainPtr dom, *doms = NULL;
    virDomainInfo info;
    int state, reason, n, found = 0;
    char *xml;

    if (!tcp) {
        fprintf(stderr, "SKIP: run through tests/remote/with_libvirtd.py\n");
        return 77;
    }
    if (access("/usr/bin/qemu-system-x86_64", X_OK) != 0) {
        const char *ci = getenv("CI");
        fprintf(stderr, "%s: /usr/bin/qemu-system-x86_64 is not installed (qemu-system-x86)\n",
                ci && !strcmp(ci, "true") ? "FAIL" : "SKIP");
        return ci && !strcmp(ci, "true") ? 1 : 77;
    }
    check_init();
    snprintf(uri, sizeof(uri), "qemu+tcp://%s/session", tcp);
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("test_remote_qemu");
    CHECK_STR(virConnectGetType(conn), "QEMU");

    dom = virDomainDefineXML(conn, domain_xml);
    CHECK(dom != NULL);
    if (dom) {
        CHECK_INT(virDomainIsActive(dom), 0);
        CHECK_INT(virDomainCreate(dom), 0);
        CHECK_INT(virDomainIsActive(dom), 1);
        CHECK(virDomainGetID(dom) > 0);
        CHECK_INT(virDomainGetState(dom, &state, &reason, 0), 0);
        CHECK_INT(state, VIR_DOMAIN_RUNNING);

        n = virConnectListAllDomains(conn, &doms, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
        CHECK(n >= 1);
        for (int i = 0; i < n; i++) {
            if (!strcmp(virDomainGetName(doms[i]), "vireo-remote-qemu"))
                found++;
            virDomainFree(doms[i]);
        }
        free(doms);
        CHECK_INT(found, 1);

        /* The daemon's live XML: QEMU's emulator and an alias it assigned. */
        xml = virDomainGetXMLDesc(dom, 0);
        CHECK(xml != NULL);
        if (xml) {
            CHECK_SUBSTR(xml, "<domain type='qemu' id=");
            CHECK_SUBSTR(xml, "<emulator>/usr/bin/qemu-system-x86_64</emulator>");
            free(xml);
        }
        CHECK_INT(virDomainGetInfo(dom, &info), 0);
        CHECK_INT(info.state, VIR_DOMAIN_RUNNING);
        CHECK_INT(info.maxMem, 64 * 1024);

        CHECK_INT(virDomainDestroy(dom), 0);
        CHECK_INT(virDomainIsActive(dom), 0);
        CHECK_INT(virDomainGetState(dom, &state, &reason, 0), 0);
        CHECK_INT(state, VIR_DOMAIN_SHUTOFF);
        CHECK_INT(reason, VIR_DOMAIN_SHUTOFF_DESTROYED);
        CHECK_INT(virDomainUndefine(dom), 0);
        virDomainFree(dom);
    }
    /* Undefined: gone from the daemon. */
    dom = virDomainLookupByName(conn, "vireo-remote-qemu");
    CHECK(dom == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU);
    CHECK_INT(virConnectClose(conn), 0);
    return check_finish("test_remote_qemu");
}
