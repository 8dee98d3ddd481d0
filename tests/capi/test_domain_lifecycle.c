/*
 * test_domain_lifecycle.c: domains on test:///default.
 *
 * Asserts: the default domain "test" (info, max memory/vcpus, OS type,
 * hostname, UUID, state RUNNING/UNKNOWN, flags, exact XML), the state
 * machine of suspend/resume/shutdown/destroy/create/reboot/reset with
 * their states, reasons and the exact error code, domain and message of
 * each invalid transition, ids that only grow, the id cached in a handle,
 * lookups by id/name/uuid/uuid string and their NO_DOMAIN errors, define
 * replacing and conflicting (OPERATION_FAILED), undefine of a running
 * domain (transient, removed by destroy), createXML of transient domains,
 * virConnectListAllDomains with each filter flag, NumOf/List(Defined)
 * Domains, setmem/setmaxmem/setvcpus and their errors, autostart,
 * save/restore through a temp file and its "TestGuestMagic" header,
 * managed save, metadata, and XML errors (XML_DETAIL, NO_NAME).
 *
 * Every test function opens its own connection and closes it with no
 * handle left, so the shared test:///default state starts fresh each time.
 */
#include <fcntl.h>
#include <limits.h>

#include "check.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define DEFAULT_UUID "6695eb01-f6a4-8304-79aa-97f2502e193f"

/* virsh dumpxml test, libvirt 9.0.0. */
static const char default_xml[] =
    "<domain type='test' id='1'>\n"
    "  <name>test</name>\n"
    "  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>\n"
    "  <memory unit='KiB'>8388608</memory>\n"
    "  <currentMemory unit='KiB'>2097152</currentMemory>\n"
    "  <vcpu placement='static'>2</vcpu>\n"
    "  <os>\n"
    "    <type arch='i686'>hvm</type>\n"
    "    <boot dev='hd'/>\n"
    "  </os>\n"
    "  <clock offset='utc'/>\n"
    "  <on_poweroff>destroy</on_poweroff>\n"
    "  <on_reboot>restart</on_reboot>\n"
    "  <on_crash>destroy</on_crash>\n"
    "  <devices>\n"
    "    <disk type='file' device='disk'>\n"
    "      <source file='/guest/diskimage1'/>\n"
    "      <target dev='vda' bus='virtio'/>\n"
    "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\n"
    "    </disk>\n"
    "    <interface type='network'>\n"
    "      <mac address='aa:bb:cc:dd:ee:ff'/>\n"
    "      <source network='default'/>\n"
    "      <target dev='testnet0'/>\n"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>\n"
    "    </interface>\n"
    "    <memballoon model='virtio'>\n"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>\n"
    "    </memballoon>\n"
    "  </devices>\n"
    "</domain>\n";

#define SIMPLE_XML(name, uuid) \
    "<domain type='test'>" \
    "<name>" name "</name>" \
    "<uuid>" uuid "</uuid>" \
    "<memory unit='KiB'>524288</memory>" \
    "<currentMemory unit='KiB'>262144</currentMemory>" \
    "<vcpu>2</vcpu>" \
    "<os><type>hvm</type></os>" \
    "</domain>"

#define UUID_A "aaaaaaaa-0000-0000-0000-000000000001"
#define UUID_B "bbbbbbbb-0000-0000-0000-000000000002"
#define UUID_C "cccccccc-0000-0000-0000-000000000003"
#define UUID_D "dddddddd-0000-0000-0000-000000000004"

#define CHECK_STATE(dom, st, rs) check_state((dom), (st), (rs), __FILE__, __LINE__)

static void check_state(virDomainPtr dom, int st, int rs, const char *file,
                        int line)
{
    int state = -1, reason = -1;
    int rc = virDomainGetState(dom, &state, &reason, 0);
    check_int(rc, 0, file, line, "virDomainGetState(dom) == 0");
    check_int(state, st, file, line, "state");
    check_int(reason, rs, file, line, "reason");
}

/* Whether `conn` sees test:///default as it starts: only the running
 * domain "test", with id 1. */
static int is_fresh(virConnectPtr conn)
{
    virDomainPtr dom;
    int fresh;
    if (virConnectNumOfDomains(conn) != 1 || virConnectNumOfDefinedDomains(conn) != 0)
        return 0;
    dom = virDomainLookupByName(conn, "test");
    fresh = dom && virDomainGetID(dom) == 1;
    if (dom)
        virDomainFree(dom);
    return fresh;
}

/* Through a daemon, its test:///default lives on until the daemon has torn
 * down the previous connection, which it does after answering the close
 * (once seen under load: a start got id 6, not 2). Wait up to a few
 * seconds for a fresh one; the checks then fail as before if it never is. */
static virConnectPtr open_default(void)
{
    int attempt;
    for (attempt = 0;; attempt++) {
        virConnectPtr conn = virConnectOpen(check_default_uri());
        if (!conn || !check_is_remote() || is_fresh(conn) || attempt == 100) {
            CHECK(conn != NULL);
            return conn;
        }
        virConnectClose(conn);
        usleep(30000);
    }
}

/* Close and require that no handle kept the connection (and with it the
 * shared driver state) alive. */
#define CLOSE_CONN(conn) CHECK_INT(virConnectClose(conn), 0)

static virDomainPtr lookup(virConnectPtr conn, const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    CHECK(dom != NULL);
    return dom;
}

/* ---- the default domain ----------------------------------------------- */

static void test_default_domain(void)
{
    virConnectPtr conn = open_default();
    virDomainPtr dom;
    virDomainInfo info;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    char *s;
    int autostart = -1;

    if (!conn)
        return;
    dom = lookup(conn, "test");
    if (!dom) {
        virConnectClose(conn);
        return;
    }

    CHECK_STR(virDomainGetName(dom), "test");
    CHECK_INT(virDomainGetID(dom), 1);
    CHECK(virDomainGetConnect(dom) == conn);
    CHECK_INT(virDomainGetUUIDString(dom, uuidstr), 0);
    CHECK_STR(uuidstr, DEFAULT_UUID);
    CHECK_INT(virDomainGetUUID(dom, uuid), 0);
    CHECK_INT(uuid[0], 0x66);
    CHECK_INT(uuid[1], 0x95);
    CHECK_INT(uuid[15], 0x3f);

    memset(&info, 0, sizeof(info));
    CHECK_INT(virDomainGetInfo(dom, &info), 0);
    CHECK_INT(info.state, VIR_DOMAIN_RUNNING);
    CHECK_INT(info.maxMem, 8388608);
    CHECK_INT(info.memory, 2097152);
    CHECK_INT(info.nrVirtCpu, 2);
    CHECK(info.cpuTime > 0);

    CHECK_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNKNOWN);
    CHECK_INT(virDomainGetMaxMemory(dom), 8388608);
    CHECK_INT(virDomainGetMaxVcpus(dom), 2);
    CHECK_INT(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE), 2);
    CHECK_INT(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG), 2);
    CHECK_INT(virDomainGetVcpusFlags(dom, VIR_DOMAIN_VCPU_MAXIMUM |
                                          VIR_DOMAIN_AFFECT_CONFIG), 2);

    s = virDomainGetOSType(dom);
    CHECK_STR(s, "linux"); /* libvirt 9.0's test driver says "linux" */
    free(s);
    s = virDomainGetHostname(dom, 0);
    CHECK_STR(s, "testhost");
    free(s);

    CHECK_INT(virDomainIsActive(dom), 1);
    CHECK_INT(virDomainIsPersistent(dom), 1);
    CHECK_INT(virDomainIsUpdated(dom), 0);
    CHECK_INT(virDomainGetAutostart(dom, &autostart), 0);
    CHECK_INT(autostart, 0);
    CHECK_INT(virDomainHasManagedSaveImage(dom, 0), 0);

    s = virDomainGetXMLDesc(dom, 0);
    CHECK_STR(s, default_xml);
    free(s);
    /* The inactive XML has no id. */
    s = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    CHECK_SUBSTR(s, "<domain type='test'>\n  <name>test</name>");
    free(s);

    /* Ref + Free twice. */
    CHECK_INT(virDomainRef(dom), 0);
    CHECK_INT(virDomainFree(dom), 0);
    CHECK_STR(virDomainGetName(dom), "test");
    CHECK_INT(virDomainFree(dom), 0);

    CLOSE_CONN(conn);
}

/* ---- lookups ---------------------------------------------------------- */

static void test_lookups(void)
{
    virConnectPtr conn = open_default();
    virDomainPtr a, b;
    unsigned char uuid[VIR_UUID_BUFLEN];

    if (!conn)
        return;

    a = virDomainLookupByID(conn, 1);
    CHECK(a != NULL);
    if (a) {
        CHECK_STR(virDomainGetName(a), "test");
        CHECK_INT(virDomainGetUUID(a, uuid), 0);
        b = virDomainLookupByUUID(conn, uuid);
        CHECK(b != NULL);
        if (b) {
            CHECK_STR(virDomainGetName(b), "test");
            virDomainFree(b);
        }
        virDomainFree(a);
    }
    a = virDomainLookupByUUIDString(conn, DEFAULT_UUID);
    CHECK(a != NULL);
    if (a) {
        CHECK_INT(virDomainGetID(a), 1);
        virDomainFree(a);
    }

    CHECK(virDomainLookupByID(conn, 2) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    CHECK(virDomainLookupByID(conn, -1) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK(virDomainLookupByName(conn, "nope") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    CHECK(virDomainLookupByUUIDString(conn, UUID_A) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    memset(uuid, 0x42, sizeof(uuid));
    CHECK(virDomainLookupByUUID(conn, uuid) == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);
    CHECK(virDomainLookupByUUIDString(conn, "6695eb01") == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "Invalid UUID");

    CLOSE_CONN(conn);
}

/* ---- the state machine ------------------------------------------------ */

static void test_state_machine(void)
{
    virConnectPtr conn = open_default();
    virDomainPtr dom;

    if (!conn)
        return;
    dom = lookup(conn, "test");
    if (!dom) {
        virConnectClose(conn);
        return;
    }

    /* running: resume is invalid */
    CHECK_INT(virDomainResume(dom), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "domain 'test' not paused");
    /* running: create is invalid */
    CHECK_INT(virDomainCreate(dom), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "Domain 'test' is already running");

    /* running -> paused */
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_STATE(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    CHECK_INT(virDomainIsActive(dom), 1);
    CHECK_INT(virDomainGetID(dom), 1);
    CHECK_INT(virDomainSuspend(dom), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "domain 'test' not running");

    /* paused -> running */
    CHECK_INT(virDomainResume(dom), 0);
    CHECK_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);

    /* libvirt 9.0: reset changes neither state nor reason, running or
     * paused; reboot sets RUNNING/BOOTED, even from paused. Both keep the
     * id. */
    CHECK_INT(virDomainReset(dom, 0), 0);
    CHECK_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    CHECK_INT(virDomainReboot(dom, 0), 0);
    CHECK_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    CHECK_INT(virDomainGetID(dom), 1);
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainReset(dom, 0), 0);
    CHECK_STATE(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    CHECK_INT(virDomainReboot(dom, 0), 0);
    CHECK_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    CHECK_INT(virDomainGetID(dom), 1);

    /* running -> shut off by shutdown */
    CHECK_INT(virDomainShutdown(dom), 0);
    CHECK_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    /* libvirt's remote client refreshes a handle's id only on destroy, save
     * and managed save (vireo's does the same): through a daemon the
     * shut-off handle keeps its id. */
    CHECK_INT(virDomainGetID(dom), check_is_remote() ? 1 : (unsigned int)-1);
    CHECK_INT(virDomainIsActive(dom), 0);
    CHECK_INT(virDomainIsPersistent(dom), 1);
    CHECK(virDomainLookupByID(conn, 1) == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);

    /* shut off: everything but create is invalid */
    CHECK_INT(virDomainShutdown(dom), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "domain 'test' not running");
    CHECK_INT(virDomainSuspend(dom), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "domain 'test' not running");
    CHECK_INT(virDomainResume(dom), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "domain 'test' not paused");
    CHECK_INT(virDomainDestroy(dom), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                  "Requested operation is not valid: domain is not running");
    CHECK_INT(virDomainReboot(dom, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
    CHECK_INT(virDomainReset(dom, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
    CHECK_INT(virDomainManagedSave(dom, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN);

    /* shut off -> running: a new id */
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    CHECK_INT(virDomainGetID(dom), 2);

    /* paused -> shut off by shutdown too */
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainShutdown(dom), 0);
    CHECK_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);

    /* create with flags, then destroy */
    CHECK_INT(virDomainCreateWithFlags(dom, 0), 0);
    CHECK_INT(virDomainGetID(dom), 3);
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    CHECK_INT(virDomainGetID(dom), (unsigned int)-1);

    /* paused -> destroyed */
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_INT(virDomainGetID(dom), 4);
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainDestroyFlags(dom, 0), 0);
    CHECK_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);

    /* shutdown with flags */
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_INT(virDomainGetID(dom), 5);
    CHECK_INT(virDomainShutdownFlags(dom, 0), 0);
    CHECK_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);

    virDomainFree(dom);
    CLOSE_CONN(conn);
}

/* ---- ids only grow and are cached in handles --------------------------- */

static void test_ids(void)
{
    virConnectPtr conn = open_default();
    virDomainPtr a, b, c, other;

    if (!conn)
        return;
    a = lookup(conn, "test");
    b = lookup(conn, "test");
    if (!a || !b)
        goto out;

    /* Destroy through a: a's id is updated, b keeps the stale one. */
    CHECK_INT(virDomainDestroy(a), 0);
    CHECK_INT(virDomainGetID(a), (unsigned int)-1);
    CHECK_INT(virDomainGetID(b), 1);
    CHECK_INT(virDomainIsActive(b), 0); /* state itself is not cached */

    /* Start through a: new id 2; b still says 1. */
    CHECK_INT(virDomainCreate(a), 0);
    CHECK_INT(virDomainGetID(a), 2);
    CHECK_INT(virDomainGetID(b), 1);
    c = virDomainLookupByID(conn, 2);
    CHECK(c != NULL);
    if (c) {
        CHECK_STR(virDomainGetName(c), "test");
        virDomainFree(c);
    }
    CHECK(virDomainLookupByID(conn, 1) == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);

    /* Another domain started later takes the next id. */
    other = virDomainDefineXML(conn, SIMPLE_XML("other", UUID_A));
    CHECK(other != NULL);
    if (other) {
        CHECK_INT(virDomainGetID(other), (unsigned int)-1);
        CHECK_INT(virDomainCreate(other), 0);
        CHECK_INT(virDomainGetID(other), 3);
        CHECK_INT(virDomainDestroy(other), 0);
        CHECK_INT(virDomainCreate(other), 0);
        CHECK_INT(virDomainGetID(other), 4);
        CHECK_INT(virDomainDestroy(other), 0);
        CHECK_INT(virDomainUndefine(other), 0);
        virDomainFree(other);
    }

    /* Destroy through b (stale id 1) works: the handle is found by uuid. */
    CHECK_INT(virDomainDestroy(b), 0);
    CHECK_INT(virDomainGetID(b), (unsigned int)-1);
    CHECK_INT(virDomainGetID(a), 2); /* now a is the stale one */
    CHECK_INT(virDomainCreate(b), 0);
    CHECK_INT(virDomainGetID(b), 5);

out:
    if (a)
        virDomainFree(a);
    if (b)
        virDomainFree(b);
    CLOSE_CONN(conn);
}

/* ---- define, undefine, transient domains ------------------------------- */

static void test_define_undefine(void)
{
    virConnectPtr conn = open_default();
    virDomainPtr d, d2, t;
    char *s;

    if (!conn)
        return;

    d = virDomainDefineXML(conn, SIMPLE_XML("alpha", UUID_A));
    CHECK(d != NULL);
    if (!d)
        goto out;
    CHECK_STATE(d, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN);
    CHECK_INT(virDomainIsPersistent(d), 1);
    CHECK_INT(virDomainIsActive(d), 0);
    CHECK_INT(virDomainGetMaxMemory(d), 524288);

    /* Same name and uuid: the definition is replaced. */
    d2 = virDomainDefineXML(conn,
        "<domain type='test'><name>alpha</name><uuid>" UUID_A "</uuid>"
        "<memory unit='KiB'>1048576</memory><vcpu>1</vcpu>"
        "<os><type>hvm</type></os></domain>");
    CHECK(d2 != NULL);
    if (d2) {
        CHECK_INT(virDomainGetMaxMemory(d2), 1048576);
        virDomainFree(d2);
    }
    CHECK_INT(virDomainGetMaxMemory(d), 1048576);
    CHECK_INT(virConnectNumOfDefinedDomains(conn), 1);

    /* Same name, another uuid. */
    CHECK(virDomainDefineXML(conn, SIMPLE_XML("alpha", UUID_B)) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
                  "domain 'alpha' already exists with uuid " UUID_A);
    /* Same uuid, another name. */
    CHECK(virDomainDefineXML(conn, SIMPLE_XML("beta", UUID_A)) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
                  "domain 'alpha' is already defined with uuid " UUID_A);
    /* createXML of an existing name. */
    CHECK(virDomainCreateXML(conn, SIMPLE_XML("alpha", UUID_B), 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
                  "domain 'alpha' already exists with uuid " UUID_A);
    CHECK(virDomainCreateXML(conn, SIMPLE_XML("test", UUID_B), 0) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN);

    /* Undefine an inactive domain: gone; the handle then fails. */
    CHECK_INT(virDomainUndefine(d), 0);
    CHECK(virDomainLookupByName(conn, "alpha") == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);
    CHECK_INT(virDomainIsActive(d), -1);
    CHECK_ERR_MSG(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST,
                  "no domain with matching uuid '" UUID_A "' (alpha)");
    CHECK_INT(virDomainUndefine(d), -1);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);
    virDomainFree(d);

    /* Undefine a running domain: it becomes transient ... */
    t = lookup(conn, "test");
    if (!t)
        goto out;
    CHECK_INT(virDomainUndefineFlags(t, 0), 0);
    CHECK_INT(virDomainIsPersistent(t), 0);
    CHECK_INT(virDomainIsActive(t), 1);
    CHECK_STATE(t, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNKNOWN);
    CHECK_INT(virConnectNumOfDomains(conn), 1);
    /* ... libvirt 9.0's test driver lets a transient domain have
     * autostart (libvirt-tck's domain/051 expects a refusal) ... */
    CHECK_INT(virDomainSetAutostart(t, 1), 0);
    /* ... and destroying it removes it. */
    CHECK_INT(virDomainDestroy(t), 0);
    CHECK(virDomainLookupByName(conn, "test") == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);
    CHECK_INT(virConnectNumOfDomains(conn), 0);
    CHECK_INT(virConnectNumOfDefinedDomains(conn), 0);
    virDomainFree(t);

    /* createXML: a transient running domain with the next id. */
    t = virDomainCreateXML(conn, SIMPLE_XML("trans", UUID_C), 0);
    CHECK(t != NULL);
    if (t) {
        CHECK_INT(virDomainGetID(t), 2);
        CHECK_INT(virDomainIsPersistent(t), 0);
        CHECK_STATE(t, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
        s = virDomainGetXMLDesc(t, 0);
        CHECK_SUBSTR(s, "<domain type='test' id='2'>");
        CHECK_SUBSTR(s, "<name>trans</name>");
        free(s);
        /* Shutdown removes a transient domain too. */
        CHECK_INT(virDomainShutdown(t), 0);
        CHECK(virDomainLookupByName(conn, "trans") == NULL);
        CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);
        virDomainFree(t);
    }

    /* Defining a running transient domain makes it persistent. */
    t = virDomainCreateXML(conn, SIMPLE_XML("trans", UUID_C), 0);
    CHECK(t != NULL);
    if (t) {
        CHECK_INT(virDomainGetID(t), 3);
        d = virDomainDefineXML(conn, SIMPLE_XML("trans", UUID_C));
        CHECK(d != NULL);
        if (d)
            virDomainFree(d);
        CHECK_INT(virDomainIsPersistent(t), 1);
        CHECK_INT(virDomainIsActive(t), 1);
        CHECK_INT(virDomainDestroy(t), 0);
        CHECK_INT(virDomainIsPersistent(t), 1);
        CHECK_INT(virDomainUndefine(t), 0);
        virDomainFree(t);
    }

    /* createXML reads its document as a definition, as libvirt's test
     * driver does: live state in it (the port a network gave) is dropped. */
    t = virDomainCreateXML(conn,
        "<domain type='test'><name>port</name><memory>1024</memory><os><type>hvm</type></os>"
        "<devices><interface type='network'><mac address='52:54:00:00:00:01'/>"
        "<source network='default' portid='873be5a0-6b8a-4a0b-a1df-ef3659cd64bc'/>"
        "</interface></devices></domain>", 0);
    CHECK(t != NULL);
    if (t) {
        s = virDomainGetXMLDesc(t, 0);
        CHECK_SUBSTR(s, "<source network='default'/>");
        free(s);
        CHECK_INT(virDomainDestroy(t), 0);
        virDomainFree(t);
    }

    /* libvirt 9.0's test driver rejects createXML(START_PAUSED). */
    t = virDomainCreateXML(conn, SIMPLE_XML("paused", UUID_D), VIR_DOMAIN_START_PAUSED);
    CHECK(t == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1)");
    if (t)
        virDomainFree(t);

    /* domain type='kvm' is accepted by the test driver. */
    d = virDomainDefineXML(conn,
        "<domain type='kvm'><name>kvm</name><memory>1024</memory>"
        "<os><type>hvm</type></os></domain>");
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(virDomainUndefine(d), 0);
        virDomainFree(d);
    }

out:
    CLOSE_CONN(conn);
}

/* ---- bad XML ---------------------------------------------------------- */

static void test_bad_xml(void)
{
    virConnectPtr conn = open_default();
    virDomainPtr d;

    if (!conn)
        return;

    d = virDomainDefineXML(conn, "<domain type='test'><name>x</name>");
    CHECK(d == NULL);
    CHECK_ERR(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN);

    d = virDomainDefineXML(conn, "this is not xml");
    CHECK(d == NULL);
    CHECK_ERR(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN);

    d = virDomainDefineXML(conn,
        "<domain type='test'><memory>1024</memory><os><type>hvm</type></os></domain>");
    CHECK(d == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_NAME, VIR_FROM_DOMAIN, "missing name information");

    d = virDomainCreateXML(conn,
        "<domain type='test'><memory>1024</memory><os><type>hvm</type></os></domain>", 0);
    CHECK(d == NULL);
    CHECK_ERR(VIR_ERR_NO_NAME, VIR_FROM_DOMAIN);

    d = virDomainDefineXML(conn, NULL);
    CHECK(d == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    CHECK_INT(virConnectNumOfDefinedDomains(conn), 0);
    CLOSE_CONN(conn);
}

/* ---- listing ---------------------------------------------------------- */

static int list_has(virDomainPtr *doms, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(virDomainGetName(doms[i]), name) == 0)
            return 1;
    return 0;
}

#define CHECK_LIST(conn, flags, ...) \
    check_list((conn), (flags), #flags, __FILE__, __LINE__, \
               (const char *[]){ __VA_ARGS__, NULL })

static void check_list(virConnectPtr conn, unsigned int flags,
                       const char *flagstr, const char *file, int line,
                       const char **names)
{
    virDomainPtr *doms = NULL;
    int expected = 0;
    int n = virConnectListAllDomains(conn, &doms, flags);

    while (names[expected])
        expected++;
    check_int(n, expected, file, line, flagstr);
    for (int i = 0; names[i] && n >= 0; i++)
        check_report(list_has(doms, n, names[i]), file, line, names[i]);
    for (int i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
}

static void test_listing(void)
{
    virConnectPtr conn = open_default();
    virDomainPtr off, trans, paused;
    int ids[8];
    char *names[8];
    int n;

    if (!conn)
        return;

    off = virDomainDefineXML(conn, SIMPLE_XML("off", UUID_A));
    trans = virDomainCreateXML(conn, SIMPLE_XML("trans", UUID_B), 0);
    paused = virDomainDefineXML(conn, SIMPLE_XML("paused", UUID_C));
    CHECK(off && trans && paused);
    if (!off || !trans || !paused)
        goto out;
    CHECK_INT(virDomainCreate(paused), 0);
    CHECK_INT(virDomainSuspend(paused), 0);

    CHECK_LIST(conn, 0, "test", "off", "trans", "paused");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE, "test", "trans", "paused");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_INACTIVE, "off");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE,
               "test", "off", "trans", "paused");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_PERSISTENT, "test", "off", "paused");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_TRANSIENT, "trans");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_RUNNING, "test", "trans");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_PAUSED, "paused");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_SHUTOFF, "off");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
               "test", "paused");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED,
               "test", "trans", "paused");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART, "test", "off", "trans", "paused");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_AUTOSTART, NULL);
    CHECK_INT(virDomainSetAutostart(off, 1), 0);
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_AUTOSTART, "off");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, NULL);
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, "test", "off", "trans", "paused");

    /* Counting only. */
    CHECK_INT(virConnectListAllDomains(conn, NULL, 0), 4);
    CHECK_INT(virConnectListAllDomains(conn, NULL, VIR_CONNECT_LIST_DOMAINS_ACTIVE), 3);

    CHECK_INT(virConnectNumOfDomains(conn), 3);
    CHECK_INT(virConnectNumOfDefinedDomains(conn), 1);

    memset(ids, 0, sizeof(ids));
    n = virConnectListDomains(conn, ids, 8);
    CHECK_INT(n, 3);
    if (n == 3) {
        int seen1 = 0, seen2 = 0, seen3 = 0;
        for (int i = 0; i < n; i++) {
            seen1 |= ids[i] == 1;
            seen2 |= ids[i] == 2;
            seen3 |= ids[i] == 3;
        }
        CHECK(seen1 && seen2 && seen3);
    }
    /* A short array gets as many as fit. */
    CHECK_INT(virConnectListDomains(conn, ids, 1), 1);

    n = virConnectListDefinedDomains(conn, names, 8);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_STR(names[0], "off");
        free(names[0]);
    }

    /* After stopping them, the defined list grows. */
    CHECK_INT(virDomainDestroy(paused), 0);
    CHECK_INT(virDomainDestroy(trans), 0); /* transient: gone */
    CHECK_INT(virConnectNumOfDomains(conn), 1);
    CHECK_INT(virConnectNumOfDefinedDomains(conn), 2);
    n = virConnectListDefinedDomains(conn, names, 8);
    CHECK_INT(n, 2);
    for (int i = 0; i < n; i++)
        free(names[i]);
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_SHUTOFF, "off", "paused");

out:
    if (off)
        virDomainFree(off);
    if (trans)
        virDomainFree(trans);
    if (paused)
        virDomainFree(paused);
    CLOSE_CONN(conn);
}

/* ---- memory and vcpus -------------------------------------------------- */

static void test_memory_vcpus(void)
{
    virConnectPtr conn = open_default();
    virDomainPtr dom;
    virDomainInfo info;

    if (!conn)
        return;
    dom = lookup(conn, "test");
    if (!dom) {
        virConnectClose(conn);
        return;
    }

    CHECK_INT(virDomainSetMemory(dom, 1048576), 0);
    CHECK_INT(virDomainGetInfo(dom, &info), 0);
    CHECK_INT(info.memory, 1048576);
    CHECK_INT(info.maxMem, 8388608);

    CHECK_INT(virDomainSetMemory(dom, 8388609), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "cannot set memory higher than max memory");
    CHECK_INT(virDomainSetMemoryFlags(dom, 4096, VIR_DOMAIN_AFFECT_LIVE), 0);
    CHECK_INT(virDomainGetInfo(dom, &info), 0);
    CHECK_INT(info.memory, 4096);

    CHECK_INT(virDomainSetMaxMemory(dom, 4194304), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
                  "cannot resize the maximum memory on an active domain");

    /* A size whose bytes overflow an off_t (2^53 - 1 KiB and up) is refused
     * by the public layer before the driver looks at the domain's state. */
    CHECK_INT(virDomainSetMaxMemory(dom, ULONG_MAX), -1);
    CHECK_ERR_MSG(VIR_ERR_OVERFLOW, VIR_FROM_DOMAIN,
                  "numerical overflow: input too large: 18446744073709551615");
    CHECK_INT(virDomainSetMaxMemory(dom, 9007199254740991UL), -1);
    CHECK_ERR_MSG(VIR_ERR_OVERFLOW, VIR_FROM_DOMAIN, "input too large: 9007199254740991");
    CHECK_INT(virDomainSetMaxMemory(dom, 9007199254740990UL), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST);
    CHECK_INT(virDomainSetMemory(dom, ULONG_MAX / 1024 + 1), -1);
    CHECK_ERR_MSG(VIR_ERR_OVERFLOW, VIR_FROM_DOMAIN, "input too large: 18014398509481984");
    CHECK_INT(virDomainSetMemoryFlags(dom, ULONG_MAX, VIR_DOMAIN_AFFECT_CONFIG |
                                                      VIR_DOMAIN_MEM_MAXIMUM), -1);
    CHECK_ERR(VIR_ERR_OVERFLOW, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainGetMaxMemory(dom), 8388608);
    CHECK_INT(virDomainGetMaxMemory(dom), 8388608);

    CHECK_INT(virDomainSetVcpus(dom, 1), 0);
    CHECK_INT(virDomainGetInfo(dom, &info), 0);
    CHECK_INT(info.nrVirtCpu, 1);
    CHECK_INT(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE), 1);
    CHECK_INT(virDomainSetVcpus(dom, 2), 0);
    CHECK_INT(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE), 2);

    CHECK_INT(virDomainSetVcpus(dom, 64), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "requested cpu amount exceeds maximum supported amount (64 > 32)");
    CHECK_INT(virDomainSetVcpus(dom, 3), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST);
    CHECK_INT(virDomainSetVcpus(dom, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    /* Raise the persistent maximum, then the persistent count. */
    CHECK_INT(virDomainSetVcpusFlags(dom, 4, VIR_DOMAIN_AFFECT_CONFIG |
                                             VIR_DOMAIN_VCPU_MAXIMUM), 0);
    CHECK_INT(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG |
                                          VIR_DOMAIN_VCPU_MAXIMUM), 4);
    CHECK_INT(virDomainSetVcpusFlags(dom, 3, VIR_DOMAIN_AFFECT_CONFIG), 0);
    CHECK_INT(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG), 3);
    CHECK_INT(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE), 2);
    CHECK_INT(virDomainIsUpdated(dom), 0);

    /* Live changes on a shut off domain. */
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK_INT(virDomainSetMemory(dom, 1024), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
    CHECK_INT(virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_AFFECT_LIVE), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
    CHECK_INT(virDomainSetMemoryFlags(dom, 2048, VIR_DOMAIN_AFFECT_CONFIG), 0);
    CHECK_INT(virDomainGetInfo(dom, &info), 0);
    CHECK_INT(info.memory, 2048);
    CHECK_INT(info.nrVirtCpu, 3);
    CHECK_INT(virDomainSetMaxMemory(dom, 4194304), 0);
    CHECK_INT(virDomainGetMaxMemory(dom), 4194304);
    CHECK_INT(virDomainSetMemoryFlags(dom, 4194305, VIR_DOMAIN_AFFECT_CONFIG), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST);

    /* Starting applies the persistent config. */
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_INT(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE), 3);
    CHECK_INT(virDomainGetMaxVcpus(dom), 4);

    virDomainFree(dom);
    CLOSE_CONN(conn);
}

/* ---- live changes leave the persistent definition alone ---------------- */

/* Whether the domain's XML (with `flags`) contains `needle`. */
static int xml_has(virDomainPtr dom, unsigned int flags, const char *needle)
{
    char *xml = virDomainGetXMLDesc(dom, flags);
    int found = xml && strstr(xml, needle) != NULL;

    free(xml);
    return found;
}

static void test_live_changes(void)
{
    static const char xml[] =
        "<domain type='test'><name>live</name><memory>65536</memory>"
        "<currentMemory>65536</currentMemory><vcpu>2</vcpu>"
        "<os><type>hvm</type></os></domain>";
    static const char defined_mem[] = "<currentMemory unit='KiB'>65536</currentMemory>";
    static const char live_mem[] = "<currentMemory unit='KiB'>32768</currentMemory>";
    char dir[] = "/tmp/vireo-capi-live-XXXXXX";
    char image[64];
    virConnectPtr conn = open_default();
    virDomainPtr dom;

    if (!conn)
        return;
    dom = virDomainDefineXML(conn, xml);
    CHECK(dom != NULL);
    if (!dom) {
        CLOSE_CONN(conn);
        return;
    }
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_INT(virDomainSetMemory(dom, 32768), 0);
    CHECK_INT(virDomainSetVcpus(dom, 1), 0);
    CHECK(xml_has(dom, 0, live_mem));
    CHECK(xml_has(dom, 0, "current='1'"));
    /* The persistent definition is the one the domain started with. */
    CHECK(xml_has(dom, VIR_DOMAIN_XML_INACTIVE, defined_mem));
    CHECK(!xml_has(dom, VIR_DOMAIN_XML_INACTIVE, "current='1'"));
    CHECK_INT(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG), 2);
    CHECK_INT(virDomainIsUpdated(dom), 0);
    /* A config change later starts from it too, not from the live one. */
    CHECK_INT(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, "t", NULL,
                                   NULL, VIR_DOMAIN_AFFECT_CONFIG), 0);
    CHECK(xml_has(dom, VIR_DOMAIN_XML_INACTIVE, defined_mem));
    /* A save image holds the live definition; restoring runs it and
     * keeps the persistent one apart. */
    if (check_mkdtemp(dir)) {
        snprintf(image, sizeof(image), "%s/live.img", dir);
        CHECK_INT(virDomainSave(dom, image), 0);
        CHECK(xml_has(dom, 0, defined_mem));
        CHECK_INT(virDomainRestore(conn, image), 0);
        CHECK(xml_has(dom, 0, live_mem));
        CHECK(xml_has(dom, VIR_DOMAIN_XML_INACTIVE, defined_mem));
        CHECK_INT(unlink(image), 0);
        CHECK_INT(rmdir(dir), 0);
    } else {
        CHECK(!"mkdtemp failed");
    }
    /* Stopping drops the live changes. */
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK(xml_has(dom, 0, defined_mem));
    CHECK(xml_has(dom, 0, "<title>t</title>"));
    CHECK(!xml_has(dom, 0, "current='1'"));

    CHECK_INT(virDomainUndefine(dom), 0);
    virDomainFree(dom);
    CLOSE_CONN(conn);
}

/* ---- autostart -------------------------------------------------------- */

static void test_autostart(void)
{
    virConnectPtr conn = open_default();
    virDomainPtr dom;
    int as = -1;

    if (!conn)
        return;
    dom = lookup(conn, "test");
    if (dom) {
        CHECK_INT(virDomainSetAutostart(dom, 1), 0);
        CHECK_INT(virDomainGetAutostart(dom, &as), 0);
        CHECK_INT(as, 1);
        CHECK_INT(virDomainSetAutostart(dom, 0), 0);
        CHECK_INT(virDomainGetAutostart(dom, &as), 0);
        CHECK_INT(as, 0);
        virDomainFree(dom);
    }
    CLOSE_CONN(conn);
}

/* ---- save and restore -------------------------------------------------- */

static void test_save_restore(const char *dir)
{
    virConnectPtr conn = open_default();
    virDomainPtr dom, fresh;
    char path[512], bad[512], missing[512];
    FILE *f;
    unsigned char header[19];
    int32_t xmllen = 0;
    long size = 0;

    if (!conn)
        return;
    snprintf(path, sizeof(path), "%s/test.save", dir);
    snprintf(bad, sizeof(bad), "%s/bad.save", dir);
    snprintf(missing, sizeof(missing), "%s/missing.save", dir);

    dom = lookup(conn, "test");
    if (!dom)
        goto out;

    CHECK_INT(virDomainSave(dom, path), 0);
    CHECK_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SAVED);
    CHECK_INT(virDomainGetID(dom), (unsigned int)-1);
    CHECK_INT(virDomainSave(dom, path), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN);

    /* "TestGuestMagic\0", native int32 XML length, then the XML. */
    f = fopen(path, "rb");
    CHECK(f != NULL);
    if (f) {
        CHECK_INT(fread(header, 1, sizeof(header), f), sizeof(header));
        CHECK(memcmp(header, "TestGuestMagic", 15) == 0);
        memcpy(&xmllen, header + 15, sizeof(xmllen));
        fseek(f, 0, SEEK_END);
        size = ftell(f);
        CHECK(xmllen > 0);
        CHECK_INT(size, 19 + (long)xmllen);
        fclose(f);
    }

    CHECK_INT(virDomainRestore(conn, path), 0);
    /* the old handle keeps its cached id ... */
    CHECK_INT(virDomainGetID(dom), (unsigned int)-1);
    CHECK_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_RESTORED);
    /* ... a fresh lookup sees the new one: restore counts as a start. */
    fresh = lookup(conn, "test");
    if (fresh) {
        CHECK_INT(virDomainGetID(fresh), 2);
        virDomainFree(fresh);
    }

    /* Restoring while the domain runs fails (already active). */
    CHECK_INT(virDomainRestore(conn, path), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN);

    /* Save from paused works too; then restore with flags. */
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainSave(dom, path), 0);
    CHECK_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SAVED);
    CHECK_INT(virDomainRestoreFlags(conn, path, NULL, 0), 0);
    CHECK_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_RESTORED);

    CHECK_INT(virDomainRestore(conn, missing), -1);
    CHECK_ERR_MSG(VIR_ERR_SYSTEM_ERROR, VIR_FROM_TEST, "cannot read domain image");

    f = fopen(bad, "wb");
    if (f) {
        fputs("garbage", f);
        fclose(f);
    }
    CHECK_INT(virDomainRestore(conn, bad), -1);
    CHECK_ERR_MSG(VIR_ERR_SYSTEM_ERROR, VIR_FROM_TEST, "incomplete save header");

    virDomainFree(dom);
out:
    unlink(path);
    unlink(bad);
    CLOSE_CONN(conn);
}

/* ---- managed save ------------------------------------------------------ */

static void test_managed_save(void)
{
    virConnectPtr conn = open_default();
    virDomainPtr dom;

    if (!conn)
        return;
    dom = lookup(conn, "test");
    if (!dom)
        goto out;

    CHECK_INT(virDomainHasManagedSaveImage(dom, 0), 0);
    CHECK_INT(virDomainManagedSave(dom, 0), 0);
    CHECK_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SAVED);
    CHECK_INT(virDomainHasManagedSaveImage(dom, 0), 1);
    CHECK_INT(virDomainGetID(dom), (unsigned int)-1);

    /* Create consumes the image; libvirt 9.0 reports the reason BOOTED,
     * not RESTORED. */
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_INT(virDomainHasManagedSaveImage(dom, 0), 0);
    CHECK_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    CHECK_INT(virDomainGetID(dom), 2);

    /* ManagedSaveRemove drops it; then create boots. */
    CHECK_INT(virDomainManagedSave(dom, 0), 0);
    CHECK_INT(virDomainHasManagedSaveImage(dom, 0), 1);
    CHECK_INT(virDomainManagedSaveRemove(dom, 0), 0);
    CHECK_INT(virDomainHasManagedSaveImage(dom, 0), 0);
    CHECK_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SAVED);
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    CHECK_INT(virDomainGetID(dom), 3);

    /* A managed save image blocks a plain undefine. */
    CHECK_INT(virDomainManagedSave(dom, 0), 0);
    CHECK_INT(virDomainUndefine(dom), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST);
    /* Flags libvirt 9.0's test driver refuses, as it words it. */
    CHECK_INT(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_NVRAM), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x4) in function testDomainUndefineFlags");
    CHECK_INT(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_KEEP_TPM), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x40) in function testDomainUndefineFlags");
    CHECK_INT(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA), 0);
    CHECK(virDomainLookupByName(conn, "test") == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);

    virDomainFree(dom);
out:
    CLOSE_CONN(conn);
}

/* ---- metadata ---------------------------------------------------------- */

static void test_metadata(void)
{
    virConnectPtr conn = open_default();
    virDomainPtr dom;
    char *s;
    const char *ns = "http://vireo.example.org/ns/1";

    if (!conn)
        return;
    dom = lookup(conn, "test");
    if (!dom)
        goto out;

    s = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, 0);
    CHECK(s == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN_METADATA, VIR_FROM_DOMAIN);
    free(s);

    CHECK_INT(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION,
                                   "a test domain", NULL, NULL, 0), 0);
    s = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, 0);
    CHECK_STR(s, "a test domain");
    free(s);

    CHECK_INT(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE,
                                   "Test", NULL, NULL, 0), 0);
    s = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0);
    CHECK_STR(s, "Test");
    free(s);
    /* A title may not contain a newline. */
    CHECK_INT(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE,
                                   "two\nlines", NULL, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    s = virDomainGetXMLDesc(dom, 0);
    CHECK_SUBSTR(s, "<title>Test</title>");
    CHECK_SUBSTR(s, "<description>a test domain</description>");
    free(s);

    /* An element in a namespace. */
    CHECK_INT(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT,
                                   "<info><owner>vireo</owner></info>",
                                   "v", ns, 0), 0);
    s = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, ns, 0);
    /* libvirt 9.0 returns the element re-indented, without namespace. */
    CHECK_STR(s, "<info>\n  <owner>vireo</owner>\n</info>");
    free(s);
    s = virDomainGetXMLDesc(dom, 0);
    CHECK_SUBSTR(s, "<metadata>");
    CHECK_SUBSTR(s, "<v:info xmlns:v=\"http://vireo.example.org/ns/1\">");
    free(s);
    s = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT,
                             "http://other.example.org/", 0);
    CHECK(s == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN_METADATA, VIR_FROM_DOMAIN);
    free(s);

    /* Removing with NULL. */
    CHECK_INT(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT,
                                   NULL, NULL, ns, 0), 0);
    s = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, ns, 0);
    CHECK(s == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN_METADATA, VIR_FROM_DOMAIN);
    free(s);
    CHECK_INT(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION,
                                   NULL, NULL, NULL, 0), 0);
    s = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, 0);
    CHECK(s == NULL);
    free(s);

    virDomainFree(dom);
out:
    CLOSE_CONN(conn);
}

/* ---- starts with files ---------------------------------------------------- */

#define UUID_F "ffffffff-0000-0000-0000-000000000006"
#define UUID_G "ffffffff-0000-0000-0000-000000000007"

/* The descriptors go after the call, which only a UNIX socket can carry. */
static void check_files_on(virConnectPtr conn, int can_pass, const char *name, const char *uuid)
{
    char xml[512];
    int fd = open("/dev/null", O_RDONLY);
    virDomainPtr dom;
    snprintf(xml, sizeof xml, SIMPLE_XML("%s", "%s"), name, uuid);
    CHECK(fd >= 0);
    dom = virDomainCreateXMLWithFiles(conn, xml, 1, &fd, 0);
    if (can_pass) {
        CHECK(dom != NULL);
        if (dom) {
            CHECK_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
            CHECK_INT(virDomainDestroy(dom), 0);
            virDomainFree(dom);
        }
    } else {
        CHECK(dom == NULL);
        CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "Sending file descriptors is not supported on this socket");
    }
    /* The refusal came before anything was written: the connection goes on. */
    dom = virDomainCreateXMLWithFiles(conn, xml, 0, NULL, 0);
    CHECK(dom != NULL);
    if (dom) {
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
    }
    close(fd);
}

static void test_with_files(void)
{
    virConnectPtr conn = open_default();
    virConnectPtr ro = virConnectOpenReadOnly(check_default_uri());
    virDomainPtr dom;
    int fd = open("/dev/null", O_RDONLY);
    if (!conn || !ro)
        return;

    /* virDomainCreateXMLWithFiles: virDomainCreateXML's checks and answers
     * (the test driver ignores the files, as libvirt's). */
    CHECK(virDomainCreateXMLWithFiles(conn, NULL, 0, NULL, 0) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK(virDomainCreateXMLWithFiles(ro, SIMPLE_XML("wf1", UUID_F), 0, NULL, 0) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN);
    CHECK(virDomainCreateXMLWithFiles(conn, SIMPLE_XML("wf1", UUID_F), 0, NULL, VIR_DOMAIN_START_PAUSED) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testDomainCreateXML");
    dom = virDomainCreateXMLWithFiles(conn, SIMPLE_XML("wf1", UUID_F), 0, NULL, VIR_DOMAIN_START_VALIDATE);
    CHECK(dom != NULL);
    if (dom) {
        CHECK_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
        CHECK_INT(virDomainIsPersistent(dom), 0);
        CHECK(virDomainCreateXMLWithFiles(conn, SIMPLE_XML("wf1", UUID_F), 0, NULL, 0) == NULL);
        CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain 'wf1' is already active");
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
    }

    /* virDomainCreateWithFiles: virDomainCreateWithFlags's. */
    dom = virDomainDefineXML(conn, SIMPLE_XML("wf2", UUID_G));
    CHECK(dom != NULL);
    if (dom) {
        virDomainPtr rodom = virDomainLookupByName(ro, "wf2");
        CHECK_INT(virDomainCreateWithFiles(rodom, 0, NULL, 0), -1);
        CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN);
        if (rodom)
            virDomainFree(rodom);
        CHECK_INT(virDomainCreateWithFiles(dom, 0, NULL, VIR_DOMAIN_START_PAUSED), -1);
        CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testDomainCreateWithFlags");
        CHECK_INT(virDomainCreateWithFiles(dom, 0, NULL, 0), 0);
        CHECK_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
        CHECK(virDomainGetID(dom) > 0);
        CHECK_INT(virDomainCreateWithFiles(dom, 0, NULL, 0), -1);
        CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "Domain 'wf2' is already running");
        CHECK_INT(virDomainDestroy(dom), 0);
        /* With a descriptor: in-process and over a UNIX socket it goes
         * through; over TCP libvirt's client refuses before sending. */
        if (!check_is_remote()) {
            CHECK_INT(virDomainCreateWithFiles(dom, 1, &fd, 0), 0);
            CHECK_INT(virDomainDestroy(dom), 0);
        } else {
            CHECK_INT(virDomainCreateWithFiles(dom, 1, &fd, 0), -1);
            CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "Sending file descriptors is not supported on this socket");
        }
        CHECK_INT(virDomainUndefine(dom), 0);
        virDomainFree(dom);
    }
    check_files_on(conn, !check_is_remote(), "wf3", "ffffffff-0000-0000-0000-000000000008");
    if (check_is_remote()) {
        char uri[512];
        virConnectPtr local;
        snprintf(uri, sizeof uri, "test+unix:///default?socket=%s", getenv("VIREO_LIBVIRTD_SOCK"));
        local = virConnectOpen(uri);
        CHECK(local != NULL);
        if (local) {
            check_files_on(local, 1, "wf4", "ffffffff-0000-0000-0000-000000000009");
            CLOSE_CONN(local);
        }
    }
    close(fd);
    CLOSE_CONN(ro);
    CLOSE_CONN(conn);
}

int main(void)
{
    char dir[] = "/tmp/vireo-capi-lifecycle-XXXXXX";

    check_init();

    test_default_domain();
    test_lookups();
    test_state_machine();
    test_ids();
    test_define_undefine();
    test_bad_xml();
    test_listing();
    test_memory_vcpus();
    test_live_changes();
    test_autostart();
    if (check_mkdtemp(dir)) {
        test_save_restore(dir);
        CHECK_INT(rmdir(dir), 0);
    } else {
        CHECK(!"mkdtemp failed");
    }
    test_managed_save();
    test_metadata();
    test_with_files();

    return check_finish("test_domain_lifecycle");
}
