/*
 * test_snapshot.c: domain snapshots on test:///default, as libvirt 9.0's
 * test driver keeps them: create (named after the creation time when
 * unnamed), the tree of parents and children, the current snapshot,
 * listing filters, XML, redefinition, revert with its state changes and
 * events, delete with and without children, and libvirt's errors.
 *
 * The same program passes against Debian's libvirt 9.0 (the meson test
 * capi-snapshot-libvirt builds it against libvirt-dev). Listings are
 * compared as sets: libvirt keeps snapshots in a hash table.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

static const char *dom_xml =
    "<domain type='test'><name>snapdom</name><uuid>8b4f3f7e-3f0e-4c55-9d8e-0c6d1f7a2b10</uuid>"
    "<memory>1048576</memory><vcpu>1</vcpu><os><type>hvm</type></os><devices>"
    "<disk type='file' device='disk'><source file='/guest/snap.img'/><target dev='vda' bus='virtio'/></disk>"
    "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>"
    "</devices></domain>";

/* ------------------------------------------------------------ events */

#define MAX_EVENTS 16
static struct {
    int event;
    int detail;
} events[MAX_EVENTS];
static int nevents;

static int lifecycle_cb(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void)conn;
    (void)opaque;
    if (strcmp(virDomainGetName(dom), "snapdom") != 0 || nevents >= MAX_EVENTS)
        return 0;
    events[nevents].event = event;
    events[nevents].detail = detail;
    nevents++;
    return 0;
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

/* Runs the default loop until `want` events arrived or half a second
 * passed (then a few more turns, to catch any extra event). */
static void run_events(int want)
{
    int timer = virEventAddTimeout(20, tick, NULL, NULL);
    double deadline = now_s() + 0.5;
    while (nevents < want && now_s() < deadline)
        if (virEventRunDefaultImpl() < 0)
            break;
    for (int i = 0; i < 3; i++)
        virEventRunDefaultImpl();
    if (timer >= 0)
        virEventRemoveTimeout(timer);
}

static void check_events(int n, const int want[][2])
{
    run_events(n);
    CHECK_INT(nevents, n);
    for (int i = 0; i < n && i < nevents; i++) {
        CHECK_INT(events[i].event, want[i][0]);
        CHECK_INT(events[i].detail, want[i][1]);
    }
    nevents = 0;
}

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

static int list_count(virDomainPtr dom, unsigned int flags)
{
    virDomainSnapshotPtr *snaps = NULL;
    int n = virDomainListAllSnapshots(dom, &snaps, flags);
    for (int i = 0; i < n; i++)
        virDomainSnapshotFree(snaps[i]);
    free(snaps);
    return n;
}

static void check_state(virDomainPtr dom, int state, int reason)
{
    int s = -1, r = -1;
    CHECK_INT(virDomainGetState(dom, &s, &r, 0), 0);
    CHECK_INT(s, state);
    CHECK_INT(r, reason);
}

/* ------------------------------------------------------------ cases */

/* The default domain, running: what a snapshot records. */
static void test_default_domain(virConnectPtr conn)
{
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    CHECK(dom != NULL);
    CHECK_INT(virDomainHasCurrentSnapshot(dom, 0), 0);
    CHECK(virDomainSnapshotCurrent(dom, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_FROM_TEST, "the domain does not have a current snapshot");

    long long before = (long long)time(NULL);
    virDomainSnapshotPtr snap = virDomainSnapshotCreateXML(dom, "<domainsnapshot/>", 0);
    long long after = (long long)time(NULL);
    CHECK(snap != NULL);
    if (!snap) {
        virDomainFree(dom);
        return;
    }
    /* Unnamed: named after its creation time. */
    const char *name = virDomainSnapshotGetName(snap);
    char *end = NULL;
    long long stamp = strtoll(name, &end, 10);
    CHECK(end && *end == '\0' && stamp >= before && stamp <= after);
    CHECK(virDomainSnapshotGetDomain(snap) == dom);
    CHECK(virDomainSnapshotGetConnect(snap) == conn);

    char *xml = virDomainSnapshotGetXMLDesc(snap, 0);
    char head[256];
    snprintf(head, sizeof(head),
             "<domainsnapshot>\n  <name>%s</name>\n  <state>running</state>\n  <creationTime>%s</creationTime>\n"
             "  <memory snapshot='internal'/>\n  <disks>\n    <disk name='vda' snapshot='internal'/>\n"
             "  </disks>\n  <domain type='test'>\n    <name>test</name>\n",
             name, name);
    CHECK(xml && strncmp(xml, head, strlen(head)) == 0);
    CHECK_SUBSTR(xml, "        <target dev='testnet0'/>\n");
    CHECK_SUBSTR(xml, "  </domain>\n</domainsnapshot>\n");
    free(xml);

    CHECK_INT(virDomainSnapshotDelete(snap, 0), 0);
    CHECK_INT(virDomainSnapshotNum(dom, 0), 0);
    CHECK_INT(virDomainHasCurrentSnapshot(dom, 0), 0);
    CHECK_INT(virDomainSnapshotFree(snap), 0);
    virDomainFree(dom);
}

/* A tree: a <- b <- c, and a <- d after a revert to a. */
static void test_tree(virConnectPtr conn, virDomainPtr dom)
{
    virDomainSnapshotPtr a = virDomainSnapshotCreateXML(
        dom, "<domainsnapshot><name>a</name><description>first &amp; oldest</description></domainsnapshot>", 0);
    virDomainSnapshotPtr b = virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>b</name></domainsnapshot>", 0);
    virDomainSnapshotPtr c = virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>c</name></domainsnapshot>", 0);
    CHECK(a && b && c);
    if (!a || !b || !c)
        return;
    char *xml = virDomainSnapshotGetXMLDesc(a, 0);
    CHECK_SUBSTR(xml, "<domainsnapshot>\n  <name>a</name>\n  <description>first &amp; oldest</description>\n"
                      "  <state>shutoff</state>\n  <creationTime>");
    CHECK_SUBSTR(xml, "</creationTime>\n  <memory snapshot='no'/>\n  <disks>\n"
                      "    <disk name='vda' snapshot='internal'/>\n    <disk name='hdc' snapshot='no'/>\n"
                      "  </disks>\n  <domain type='test'>\n    <name>snapdom</name>\n");
    free(xml);
    xml = virDomainSnapshotGetXMLDesc(c, 0);
    CHECK_SUBSTR(xml, "  <state>shutoff</state>\n  <parent>\n    <name>b</name>\n  </parent>\n");
    free(xml);

    CHECK_INT(virDomainSnapshotIsCurrent(c, 0), 1);
    CHECK_INT(virDomainSnapshotIsCurrent(a, 0), 0);
    CHECK_INT(virDomainSnapshotHasMetadata(a, 0), 1);
    virDomainSnapshotPtr cur = virDomainSnapshotCurrent(dom, 0);
    CHECK_STR(cur ? virDomainSnapshotGetName(cur) : NULL, "c");
    if (cur)
        virDomainSnapshotFree(cur);
    virDomainSnapshotPtr parent = virDomainSnapshotGetParent(c, 0);
    CHECK_STR(parent ? virDomainSnapshotGetName(parent) : NULL, "b");
    CHECK(parent && virDomainSnapshotGetDomain(parent) == dom);
    if (parent)
        virDomainSnapshotFree(parent);
    CHECK(virDomainSnapshotGetParent(a, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_FROM_TEST, "snapshot 'a' does not have a parent");

    /* Back to a, then a second child of a. */
    CHECK_INT(virDomainRevertToSnapshot(a, 0), 0);
    CHECK_INT(virDomainSnapshotIsCurrent(a, 0), 1);
    virDomainSnapshotPtr d = virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>d</name></domainsnapshot>", 0);
    CHECK(d != NULL);

    CHECK_INT(virDomainSnapshotNum(dom, 0), 4);
    CHECK_INT(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS), 1);
    CHECK_INT(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_LEAVES), 2);
    CHECK_INT(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES), 2);
    /* Both filters at once: nothing is a leaf and not a leaf. */
    CHECK_INT(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_LEAVES | VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES), 0);
    CHECK_INT(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_METADATA), 4);
    CHECK_INT(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA), 0);
    CHECK_INT(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE), 4);
    CHECK_INT(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE), 0);
    CHECK_INT(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY), 0);
    CHECK_INT(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL), 4);
    CHECK_INT(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL), 0);
    CHECK_INT(list_count(dom, 0), 4);
    CHECK_INT(list_count(dom, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS), 1);
    CHECK_INT(virDomainListAllSnapshots(dom, NULL, VIR_DOMAIN_SNAPSHOT_LIST_LEAVES), 2);

    char *names[8] = {0};
    int n = virDomainSnapshotListNames(dom, names, 8, 0);
    CHECK_INT(n, 4);
    CHECK(has_name(names, n, "a") && has_name(names, n, "b") && has_name(names, n, "c") && has_name(names, n, "d"));
    free_names(names, n);
    /* A parent comes before its children. */
    n = virDomainSnapshotListNames(dom, names, 8, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL);
    CHECK_INT(n, 4);
    CHECK_STR(names[0], "a");
    for (int i = 0; i < n; i++)
        if (names[i] && strcmp(names[i], "c") == 0)
            CHECK(i > 0 && has_name(names, i, "b"));
    free_names(names, n);
    /* Room for two: libvirt 9.0 fills two but returns how many there are,
     * vireo returns how many it filled (doc/test-driver.md). */
    CHECK_INT(virDomainSnapshotListNames(dom, names, 2, 0), check_client_is_vireo() ? 2 : 4);
    free_names(names, 2);

    CHECK_INT(virDomainSnapshotNumChildren(a, 0), 2);
    CHECK_INT(virDomainSnapshotNumChildren(a, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS), 3);
    CHECK_INT(virDomainSnapshotNumChildren(a, VIR_DOMAIN_SNAPSHOT_LIST_LEAVES), 1);
    CHECK_INT(virDomainSnapshotNumChildren(c, 0), 0);
    n = virDomainSnapshotListChildrenNames(a, names, 8, 0);
    CHECK_INT(n, 2);
    CHECK(has_name(names, n, "b") && has_name(names, n, "d"));
    free_names(names, n);
    virDomainSnapshotPtr *snaps = NULL;
    n = virDomainSnapshotListAllChildren(a, &snaps, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS);
    CHECK_INT(n, 3);
    for (int i = 0; i < n; i++) {
        CHECK(virDomainSnapshotGetDomain(snaps[i]) == dom);
        virDomainSnapshotFree(snaps[i]);
    }
    free(snaps);

    /* Deleting b hands c to a; deleting a's children only leaves a. */
    CHECK_INT(virDomainSnapshotDelete(b, 0), 0);
    parent = virDomainSnapshotGetParent(c, 0);
    CHECK_STR(parent ? virDomainSnapshotGetName(parent) : NULL, "a");
    if (parent)
        virDomainSnapshotFree(parent);
    CHECK(virDomainSnapshotGetXMLDesc(b, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_FROM_TEST, "no domain snapshot with matching name 'b'");
    CHECK_INT(virDomainSnapshotDelete(a, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY), 0);
    CHECK_INT(virDomainSnapshotNum(dom, 0), 1);
    /* d was current and went with the children: a is current now. */
    CHECK_INT(virDomainSnapshotIsCurrent(a, 0), 1);
    virDomainSnapshotPtr e = virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>e</name></domainsnapshot>", 0);
    CHECK_INT(virDomainSnapshotDelete(a, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN), 0);
    CHECK_INT(virDomainSnapshotNum(dom, 0), 0);
    CHECK_INT(virDomainHasCurrentSnapshot(dom, 0), 0);
    (void)conn;
    virDomainSnapshotFree(a);
    virDomainSnapshotFree(b);
    virDomainSnapshotFree(c);
    if (d)
        virDomainSnapshotFree(d);
    if (e)
        virDomainSnapshotFree(e);
}

/* The XML of a snapshot, deleted and redefined, comes back the same. */
static void test_redefine(virDomainPtr dom)
{
    virDomainSnapshotPtr r1 = virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>r1</name></domainsnapshot>", 0);
    virDomainSnapshotPtr r2 = virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>r2</name></domainsnapshot>", 0);
    char *xml = r2 ? virDomainSnapshotGetXMLDesc(r2, 0) : NULL;
    CHECK(xml != NULL);
    if (!r1 || !r2 || !xml)
        return;
    CHECK_INT(virDomainSnapshotDelete(r2, 0), 0);
    virDomainSnapshotPtr again = virDomainSnapshotCreateXML(dom, xml, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE);
    CHECK(again != NULL);
    char *back = again ? virDomainSnapshotGetXMLDesc(again, 0) : NULL;
    CHECK_STR(back, xml);
    free(back);
    /* Redefined without CURRENT: r1 stays current. */
    CHECK_INT(virDomainSnapshotIsCurrent(r1, 0), 1);
    if (again) {
        virDomainSnapshotFree(again);
        again = virDomainSnapshotCreateXML(dom, xml, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                                         VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT);
        CHECK(again != NULL);
        CHECK_INT(virDomainSnapshotIsCurrent(r2, 0), 1);
        if (again)
            virDomainSnapshotFree(again);
    }
    free(xml);

    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>x</name></domainsnapshot>",
                                     VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN_SNAPSHOT, "missing creationTime from existing snapshot");
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot><creationTime>1</creationTime></domainsnapshot>",
                                     VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN_SNAPSHOT, "a redefined snapshot must have a name");
    CHECK_INT(virDomainSnapshotDelete(r1, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN), 0);
    CHECK_INT(virDomainSnapshotNum(dom, 0), 0);
    virDomainSnapshotFree(r1);
    virDomainSnapshotFree(r2);
}

/* Revert and HALT: states and events. */
static void test_revert(virDomainPtr dom)
{
    static const int stopped[][2] = {{VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT}};
    static const int started[][2] = {{VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT}};
    static const int stopped_started[][2] = {
        {VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT},
        {VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT}};
    static const int restarted_paused[][2] = {
        {VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT},
        {VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT},
        {VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT}};

    virDomainSnapshotPtr off = virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>off</name></domainsnapshot>", 0);
    CHECK_INT(virDomainCreate(dom), 0);
    run_events(1);
    nevents = 0;
    /* HALT: the snapshot is of the running domain, which then stops. */
    virDomainSnapshotPtr run = virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>run</name></domainsnapshot>",
                                                          VIR_DOMAIN_SNAPSHOT_CREATE_HALT);
    CHECK(off && run);
    if (!off || !run)
        return;
    check_events(1, stopped);
    check_state(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
    char *xml = virDomainSnapshotGetXMLDesc(run, 0);
    CHECK_SUBSTR(xml, "  <state>running</state>\n  <parent>\n    <name>off</name>\n  </parent>\n");
    free(xml);
    CHECK_INT(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE), 1);

    /* off -> running snapshot: started. */
    CHECK_INT(virDomainRevertToSnapshot(run, 0), 0);
    check_events(1, started);
    check_state(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
    CHECK(virDomainGetID(dom) > 0);
    /* running -> running snapshot, PAUSED: libvirt 9.0 restarts the domain. */
    CHECK_INT(virDomainRevertToSnapshot(run, VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED), 0);
    check_events(3, restarted_paused);
    check_state(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_FROM_SNAPSHOT);
    /* Reverting to an inactive snapshot stops the domain; with RUNNING,
     * libvirt 9.0 then sends STARTED but leaves it shut off. */
    CHECK_INT(virDomainRevertToSnapshot(off, VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING), 0);
    check_events(2, stopped_started);
    check_state(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
    /* libvirt's remote client (and vireo's) refresh a handle's id only on
     * start, destroy and save: through a daemon it keeps the last one. */
    CHECK_INT(virDomainGetID(dom), check_is_remote() ? 2 : (unsigned int)-1);
    CHECK_INT(virDomainSnapshotIsCurrent(off, 0), 1);
    CHECK_INT(virDomainRevertToSnapshot(run, 0), 0);
    check_events(1, started);
    CHECK_INT(virDomainRevertToSnapshot(off, 0), 0);
    check_events(1, stopped);
    check_state(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
    /* off -> off: nothing happens. */
    CHECK_INT(virDomainRevertToSnapshot(off, 0), 0);
    check_events(0, NULL);

    CHECK_INT(virDomainRevertToSnapshot(off, VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED),
              -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_SNAPSHOT,
                  "Flags 'VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING' and 'VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED' are mutually "
                  "exclusive");
    CHECK_INT(virDomainSnapshotDelete(off, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN), 0);
    virDomainSnapshotFree(off);
    virDomainSnapshotFree(run);
}

static void test_errors(virConnectPtr conn, virDomainPtr dom)
{
    CHECK(virDomainSnapshotCreateXML(dom, NULL, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_SNAPSHOT, "xmlDesc in virDomainSnapshotCreateXML must not be NULL");
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot/>", VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x10) in function testDomainSnapshotCreateXML");
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot/>", VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x4) in function testDomainSnapshotCreateXML");
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot/>", VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_SNAPSHOT,
                  "Flag 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' is required by flag 'VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT'");
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot/>",
                                     VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | VIR_DOMAIN_SNAPSHOT_CREATE_HALT) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_SNAPSHOT,
                  "Flags 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' and 'VIR_DOMAIN_SNAPSHOT_CREATE_HALT' are mutually "
                  "exclusive");
    CHECK(virDomainSnapshotCreateXML(dom, "<snapshot/>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_XML, "expecting root element of 'domainsnapshot', not 'snapshot'");
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot", 0) == NULL);
    CHECK_ERR(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN_SNAPSHOT);
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot><disks><disk name='vdz'/></disks></domainsnapshot>", 0) ==
          NULL);
    CHECK_ERR_MSG(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN_SNAPSHOT, "no disk named 'vdz'");
    CHECK(virDomainSnapshotCreateXML(
              dom, "<domainsnapshot><disks><disk name='vda'/><disk name='/guest/snap.img'/></disks></domainsnapshot>",
              0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN_SNAPSHOT, "disk '/guest/snap.img' specified twice");
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot><disks><disk/></disks></domainsnapshot>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN_SNAPSHOT, "missing name from disk snapshot element");
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot><memory snapshot='bogus'/></domainsnapshot>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_XML, "Invalid value for attribute 'snapshot' in element 'memory': 'bogus'");
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot><memory snapshot='external'/></domainsnapshot>", 0) ==
          NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN_SNAPSHOT, "external memory snapshots require a filename");
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot><memory file='rel'/></domainsnapshot>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN_SNAPSHOT, "memory snapshot file path (rel) must be absolute");
    CHECK(virDomainSnapshotCreateXML(
              dom, "<domainsnapshot><disks><disk name='vda' snapshot='external'/></disks></domainsnapshot>", 0) ==
          NULL);
    CHECK_ERR_MSG(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN_SNAPSHOT, "disk 'vda' must use snapshot mode 'internal'");
    CHECK(virDomainSnapshotCreateXML(
              dom, "<domainsnapshot><disks><disk name='vda' snapshot='manual'/></disks></domainsnapshot>", 0) ==
          NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_TEST,
                  "'manual' snapshot mode is not supported by the test driver");
    /* Nothing was left behind by the refusals. */
    CHECK_INT(virDomainSnapshotNum(dom, 0), 0);

    virDomainSnapshotPtr s = virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>dup</name></domainsnapshot>", 0);
    CHECK(s != NULL);
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>dup</name></domainsnapshot>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, "domain moment dup already exists");
    CHECK(virDomainSnapshotLookupByName(dom, "nope", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_FROM_TEST, "no domain snapshot with matching name 'nope'");
    CHECK(virDomainSnapshotLookupByName(dom, NULL, 0) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_SNAPSHOT);
    CHECK_INT(virDomainSnapshotListNames(dom, NULL, 1, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_SNAPSHOT);
    CHECK_INT(virDomainSnapshotDelete(s, VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x2) in function testDomainSnapshotDelete");
    char *secure = virDomainSnapshotGetXMLDesc(s, VIR_DOMAIN_SNAPSHOT_XML_SECURE);
    CHECK(secure != NULL);
    free(secure);
    virDomainSnapshotPtr found = virDomainSnapshotLookupByName(dom, "dup", 0);
    CHECK_STR(found ? virDomainSnapshotGetName(found) : NULL, "dup");
    CHECK_INT(virDomainSnapshotRef(found), 0);
    CHECK_INT(virDomainSnapshotFree(found), 0);
    CHECK_INT(virDomainSnapshotFree(found), 0);

    /* An inactive domain with snapshots is not undefined without SNAPSHOTS_METADATA. */
    CHECK_INT(virDomainUndefine(dom), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "cannot delete inactive domain with 1 snapshots");

    /* A read-only connection reads snapshots but changes none. */
    virConnectPtr ro = virConnectOpenReadOnly(check_default_uri());
    virDomainPtr rodom = ro ? virDomainLookupByName(ro, "snapdom") : NULL;
    CHECK(rodom != NULL);
    if (rodom) {
        CHECK(virDomainSnapshotCreateXML(rodom, "<domainsnapshot/>", 0) == NULL);
        CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN_SNAPSHOT,
                      "read only access prevents virDomainSnapshotCreateXML");
        virDomainSnapshotPtr ros = virDomainSnapshotLookupByName(rodom, "dup", 0);
        CHECK(ros != NULL);
        if (ros) {
            CHECK(virDomainSnapshotGetXMLDesc(ros, VIR_DOMAIN_SNAPSHOT_XML_SECURE) == NULL);
            CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN_SNAPSHOT,
                          "virDomainSnapshotGetXMLDesc with secure flag");
            CHECK_INT(virDomainSnapshotDelete(ros, 0), -1);
            CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN_SNAPSHOT,
                          "read only access prevents virDomainSnapshotDelete");
            CHECK_INT(virDomainRevertToSnapshot(ros, 0), -1);
            CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN_SNAPSHOT);
            virDomainSnapshotFree(ros);
        }
        virDomainFree(rodom);
    }
    if (ro)
        virConnectClose(ro);

    CHECK_INT(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA), 0);
    CHECK_INT(virDomainSnapshotFree(NULL), -1);
    CHECK_ERR(VIR_ERR_INVALID_DOMAIN_SNAPSHOT, VIR_FROM_DOMAIN_SNAPSHOT);
    virDomainSnapshotFree(s);
    (void)conn;
}

int main(void)
{
    check_init();
    CHECK_INT(virEventRegisterDefaultImpl(), 0);
    virConnectPtr conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("capi-snapshot");
    int cb = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                              VIR_DOMAIN_EVENT_CALLBACK(lifecycle_cb), NULL, NULL);
    CHECK(cb >= 0);
    test_default_domain(conn);
    virDomainPtr dom = virDomainDefineXML(conn, dom_xml);
    CHECK(dom != NULL);
    if (dom) {
        run_events(1);
        nevents = 0;
        test_tree(conn, dom);
        test_redefine(dom);
        test_revert(dom);
        test_errors(conn, dom);
        virDomainFree(dom);
    }
    virConnectDomainEventDeregisterAny(conn, cb);
    CHECK_INT(virConnectClose(conn), 0);
    return check_finish("capi-snapshot");
}
