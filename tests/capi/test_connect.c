/*
 * test_connect.c: connections to the test driver.
 *
 * Asserts: the facts of test:///default (type, versions, hostname, URI,
 * capabilities, max vcpus, node info, free memory, cell free memory,
 * IsAlive/IsSecure/IsEncrypted), virGetVersion, reference counting of
 * connections (virConnectRef + two closes), read-only connections denying
 * mutating calls with VIR_ERR_OPERATION_DENIED, close callbacks (accepted
 * but inert on the test driver), the state shared by all test:///default connections
 * of a process and its reset when the last one closes, the errors of
 * test:/// and of a missing or non-<node> file, a custom node file with
 * <cpu>, <memory>, inline domains and a relative <domain file=.../>, and
 * the fake authentication of <auth> through virConnectOpenAuth.
 */
#include "check.h"

#include <stdlib.h>
#include <unistd.h>

#define DEFAULT_UUID "6695eb01-f6a4-8304-79aa-97f2502e193f"

/* ---- facts of test:///default ----------------------------------------- */

static void test_default_facts(virConnectPtr conn)
{
    unsigned long hvver = 0;
    unsigned long libver = 0;
    unsigned long typever = 0;
    char *s;
    char host[256];
    virNodeInfo info;
    unsigned long long cells[2] = { 0, 0 };

    CHECK_STR(virConnectGetType(conn), "TEST");

    CHECK_INT(virConnectGetVersion(conn, &hvver), 0);
    CHECK_INT(hvver, 2);

    CHECK_INT(virConnectGetLibVersion(conn, &libver), 0);
    CHECK_INT(libver, 9000000);

    CHECK_INT(virGetVersion(&libver, NULL, NULL), 0);
    CHECK_INT(libver, 9000000);
    libver = 0;
    CHECK_INT(virGetVersion(&libver, "Test", &typever), 0);
    CHECK_INT(libver, 9000000);
    CHECK_INT(typever, 9000000);

    /* The real host name; libvirt canonicalises a name without a dot
     * through getaddrinfo(AI_CANONNAME), which may append a domain. */
    s = virConnectGetHostname(conn);
    CHECK(s != NULL);
    if (s && gethostname(host, sizeof(host)) == 0) {
        size_t len;
        host[sizeof(host) - 1] = '\0';
        len = strlen(host);
        if (strcmp(s, host) != 0)
            CHECK(strncmp(s, host, len) == 0 && s[len] == '.');
    }
    free(s);

    s = virConnectGetURI(conn);
    CHECK_STR(s, "test:///default");
    free(s);

    s = virConnectGetCapabilities(conn);
    CHECK(s != NULL);
    CHECK_SUBSTR(s, "<capabilities>");
    CHECK_SUBSTR(s, "<arch>i686</arch>");
    CHECK_SUBSTR(s, "<cells num='2'>");
    CHECK_SUBSTR(s, "<os_type>hvm</os_type>");
    CHECK_SUBSTR(s, "<os_type>xen</os_type>");
    CHECK_SUBSTR(s, "<emulator>/usr/bin/test-hv</emulator>");
    CHECK_SUBSTR(s, "<domain type='test'");
    CHECK_SUBSTR(s, "<model>testSecurity</model>");
    free(s);

    CHECK_INT(virConnectGetMaxVcpus(conn, NULL), 32);
    CHECK_INT(virConnectGetMaxVcpus(conn, "test"), 32);

    memset(&info, 0xff, sizeof(info));
    CHECK_INT(virNodeGetInfo(conn, &info), 0);
    CHECK_STR(info.model, "i686");
    CHECK_INT(info.memory, 3145728);
    CHECK_INT(info.cpus, 16);
    CHECK_INT(info.mhz, 1400);
    CHECK_INT(info.nodes, 2);
    CHECK_INT(info.sockets, 2);
    CHECK_INT(info.cores, 2);
    CHECK_INT(info.threads, 2);

    CHECK_INT(virNodeGetFreeMemory(conn), 3145728);
    CHECK_INT(virNodeGetCellsFreeMemory(conn, cells, 0, 2), 2);
    CHECK_INT(cells[0], 2097152);
    CHECK_INT(cells[1], 4194304);

    CHECK_INT(virConnectIsAlive(conn), 1);
    CHECK_INT(virConnectIsSecure(conn), 1);
    CHECK_INT(virConnectIsEncrypted(conn), 0);
}

/* ---- reference counting ----------------------------------------------- */

static void test_ref_close(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");

    CHECK(conn != NULL);
    if (!conn)
        return;
    CHECK_INT(virConnectRef(conn), 0);
    CHECK_INT(virConnectRef(conn), 0);
    /* virConnectClose returns 1 while references remain (not how many). */
    CHECK_INT(virConnectClose(conn), 1);
    CHECK_INT(virConnectClose(conn), 1);
    CHECK_STR(virConnectGetType(conn), "TEST"); /* still usable */
    CHECK_INT(virConnectClose(conn), 0);
}

/* ---- read-only connections -------------------------------------------- */

static void test_read_only(void)
{
    virConnectPtr ro = virConnectOpenReadOnly("test:///default");
    virDomainPtr dom;
    virNodeInfo info;
    virDomainInfo dinfo;

    CHECK(ro != NULL);
    if (!ro)
        return;

    /* Read calls work ... */
    CHECK_INT(virNodeGetInfo(ro, &info), 0);
    dom = virDomainLookupByName(ro, "test");
    CHECK(dom != NULL);
    if (!dom) {
        virConnectClose(ro);
        return;
    }
    CHECK_INT(virDomainGetInfo(dom, &dinfo), 0);
    CHECK_INT(virConnectNumOfDomains(ro), 1);

    /* ... mutating ones are denied before they reach the driver. */
    CHECK_INT(virDomainSuspend(dom), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                  "read only access prevents virDomainSuspend");
    CHECK_INT(virDomainDestroy(dom), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN, "virDomainDestroy");
    CHECK_INT(virDomainSetMemory(dom, 1024), -1);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainSetAutostart(dom, 1), -1);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainUndefine(dom), -1);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN);
    CHECK(virDomainDefineXML(ro, "<domain type='test'><name>ro</name>"
                                 "<memory>1024</memory><os><type>hvm</type>"
                                 "</os></domain>") == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN, "virDomainDefineXML");

    /* The domain is untouched. */
    CHECK_INT(virDomainGetInfo(dom, &dinfo), 0);
    CHECK_INT(dinfo.state, VIR_DOMAIN_RUNNING);
    CHECK_INT(dinfo.memory, 2097152);

    virDomainFree(dom);
    CHECK_INT(virConnectClose(ro), 0);
}

/* ---- close callback --------------------------------------------------- */

static int close_cb_calls;
static int close_free_calls;

static void close_cb(virConnectPtr conn, int reason, void *opaque)
{
    (void)conn;
    (void)reason;
    (void)opaque;
    close_cb_calls++;
}

static void close_cb_other(virConnectPtr conn, int reason, void *opaque)
{
    (void)conn;
    (void)reason;
    (void)opaque;
}

static void close_free(void *opaque)
{
    (void)opaque;
    close_free_calls++;
}

static void test_close_callback(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    int marker = 0;

    CHECK(conn != NULL);
    if (!conn)
        return;
    close_cb_calls = close_free_calls = 0;

    /* libvirt 9.0: the test driver has no close callback support, and the
     * public functions then succeed without doing anything: every
     * register and unregister returns 0, and freecb is never called (not
     * at unregister, not at close). */
    CHECK_INT(virConnectRegisterCloseCallback(conn, close_cb, &marker, close_free), 0);
    CHECK_INT(virConnectRegisterCloseCallback(conn, close_cb_other, NULL, NULL), 0);
    CHECK_INT(virConnectUnregisterCloseCallback(conn, close_cb_other), 0);
    CHECK_INT(virConnectUnregisterCloseCallback(conn, close_cb), 0);
    CHECK_INT(virConnectUnregisterCloseCallback(conn, close_cb), 0);
    CHECK_INT(close_free_calls, 0);

    CHECK_INT(virConnectRegisterCloseCallback(conn, close_cb, &marker, close_free), 0);
    CHECK_INT(virConnectClose(conn), 0);
    CHECK_INT(close_cb_calls, 0);
    CHECK_INT(close_free_calls, 0);

    /* Argument checks still apply: a NULL callback is rejected. */
    conn = virConnectOpen("test:///default");
    CHECK(conn != NULL);
    if (!conn)
        return;
    CHECK_INT(virConnectRegisterCloseCallback(conn, NULL, NULL, NULL), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virConnectClose(conn), 0);
}

/* ---- shared state of test:///default ---------------------------------- */

static const char shared_xml[] =
    "<domain type='test'>"
    "<name>shared</name>"
    "<uuid>11111111-2222-3333-4444-555555555555</uuid>"
    "<memory unit='KiB'>65536</memory>"
    "<os><type>hvm</type></os>"
    "</domain>";

static void test_shared_state(void)
{
    virConnectPtr a = virConnectOpen("test:///default");
    virConnectPtr b = virConnectOpen("test:///default");
    virDomainPtr d;

    CHECK(a != NULL && b != NULL);
    if (!a || !b)
        return;

    d = virDomainDefineXML(a, shared_xml);
    CHECK(d != NULL);
    if (d)
        virDomainFree(d);
    d = virDomainLookupByName(b, "test");
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(virDomainDestroy(d), 0);
        virDomainFree(d);
    }

    /* b sees a's definition and a sees b's destroy. */
    d = virDomainLookupByName(b, "shared");
    CHECK(d != NULL);
    if (d)
        virDomainFree(d);
    CHECK_INT(virConnectNumOfDefinedDomains(a), 2);
    CHECK_INT(virConnectNumOfDomains(a), 0);

    /* Closing one connection keeps the state. */
    CHECK_INT(virConnectClose(a), 0);
    CHECK_INT(virConnectNumOfDefinedDomains(b), 2);
    a = virConnectOpen("test:///default");
    CHECK(a != NULL);
    CHECK_INT(virConnectNumOfDefinedDomains(a), 2);

    /* Closing the last one throws the state away. */
    CHECK_INT(virConnectClose(a), 0);
    CHECK_INT(virConnectClose(b), 0);
    a = virConnectOpen("test:///default");
    CHECK(a != NULL);
    if (!a)
        return;
    CHECK_INT(virConnectNumOfDefinedDomains(a), 0);
    CHECK_INT(virConnectNumOfDomains(a), 1);
    d = virDomainLookupByName(a, "shared");
    CHECK(d == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);
    d = virDomainLookupByName(a, "test");
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(virDomainIsActive(d), 1);
        CHECK_INT(virDomainGetID(d), 1);
        virDomainFree(d);
    }
    CHECK_INT(virConnectClose(a), 0);
}

/* ---- the default URI -------------------------------------------------- */

/* NULL, and an empty name as libvirt treats it, open LIBVIRT_DEFAULT_URI. */
static void test_default_uri(void)
{
    const char *names[] = { NULL, "" };

    CHECK_INT(setenv("LIBVIRT_DEFAULT_URI", "test:///default", 1), 0);
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        virConnectPtr c = virConnectOpen(names[i]);
        char *uri;

        CHECK(c != NULL);
        if (!c)
            continue;
        CHECK_STR(virConnectGetType(c), "TEST");
        uri = virConnectGetURI(c);
        CHECK_STR(uri, "test:///default");
        free(uri);
        CHECK_INT(virConnectClose(c), 0);
    }
    CHECK_INT(unsetenv("LIBVIRT_DEFAULT_URI"), 0);
}

/* ---- URI errors ------------------------------------------------------- */

static void test_uri_errors(void)
{
    virConnectPtr c;

    c = virConnectOpen("test:///");
    CHECK(c == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "testOpen: supply a path or use test:///default");
    if (c)
        virConnectClose(c);

    c = virConnectOpen("test:///nonexistent.xml");
    CHECK(c == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_TEST,
                  "failed to parse xml document '/nonexistent.xml'");
    if (c)
        virConnectClose(c);

    /* A node file that never ends fails at once, naming the file (libvirt:
     * "/dev/zero:1: Document is empty"; vireo stops reading past its size
     * limit for XML files) instead of reading without bound. */
    c = virConnectOpen("test:///dev/zero");
    CHECK(c == NULL);
    CHECK(virGetLastError() != NULL &&
          strstr(virGetLastError()->message, "/dev/zero") != NULL);
    if (c)
        virConnectClose(c);

    /* Query parameters are ignored. */
    c = virConnectOpen("test:///default?foo=1");
    CHECK(c != NULL);
    if (c)
        CHECK_INT(virConnectClose(c), 0);
}

/* ---- custom node file ------------------------------------------------- */

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

static const char node_xml[] =
    "<node>\n"
    "  <cpu>\n"
    "    <mhz>2400</mhz>\n"
    "    <model>vireo-cpu</model>\n"
    "    <active>8</active>\n"
    "    <nodes>1</nodes>\n"
    "    <sockets>2</sockets>\n"
    "    <cores>2</cores>\n"
    "    <threads>2</threads>\n"
    "  </cpu>\n"
    "  <memory>4194304</memory>\n"
    "  <domain type='test'>\n"
    "    <name>first</name>\n"
    "    <uuid>00000000-0000-0000-0000-000000000001</uuid>\n"
    "    <memory>131072</memory>\n"
    "    <vcpu>1</vcpu>\n"
    "    <os><type>hvm</type></os>\n"
    "  </domain>\n"
    "  <domain type='test'>\n"
    "    <name>second</name>\n"
    "    <uuid>00000000-0000-0000-0000-000000000002</uuid>\n"
    "    <memory>262144</memory>\n"
    "    <vcpu>2</vcpu>\n"
    "    <os><type>hvm</type></os>\n"
    "  </domain>\n"
    "  <domain file='rel.xml'/>\n"
    "</node>\n";

static const char rel_xml[] =
    "<domain type='test'>\n"
    "  <name>third</name>\n"
    "  <uuid>00000000-0000-0000-0000-000000000003</uuid>\n"
    "  <memory>524288</memory>\n"
    "  <vcpu>4</vcpu>\n"
    "  <os><type>hvm</type></os>\n"
    "</domain>\n";

static void check_custom_domain(virConnectPtr conn, int id, const char *name,
                                unsigned long mem, int vcpus)
{
    virDomainPtr d = virDomainLookupByID(conn, id);
    virDomainInfo info;

    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(virDomainGetName(d), name);
    CHECK_INT(virDomainGetInfo(d, &info), 0);
    CHECK_INT(info.state, VIR_DOMAIN_RUNNING);
    CHECK_INT(info.maxMem, mem);
    CHECK_INT(info.nrVirtCpu, vcpus);
    CHECK_INT(virDomainIsPersistent(d), 1);
    virDomainFree(d);
}

static void test_custom_file(const char *dir)
{
    char node_path[512], rel_path[512], bad_path[512], uri[600];
    virConnectPtr conn, conn2;
    virNodeInfo info;
    virDomainPtr d;

    snprintf(node_path, sizeof(node_path), "%s/node.xml", dir);
    snprintf(rel_path, sizeof(rel_path), "%s/rel.xml", dir);
    snprintf(bad_path, sizeof(bad_path), "%s/notnode.xml", dir);
    CHECK_INT(write_file(node_path, node_xml), 0);
    CHECK_INT(write_file(rel_path, rel_xml), 0);
    CHECK_INT(write_file(bad_path, rel_xml), 0);

    /* A file whose root is not <node>. */
    snprintf(uri, sizeof(uri), "test://%s", bad_path);
    conn = virConnectOpen(uri);
    CHECK(conn == NULL);
    /* libvirt 9.0 reports this one from VIR_FROM_XML. */
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                  "expecting root element of 'node', not 'domain'");
    if (conn)
        virConnectClose(conn);

    snprintf(uri, sizeof(uri), "test://%s", node_path);
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (!conn)
        goto cleanup;

    {
        char *got = virConnectGetURI(conn);
        CHECK_STR(got, uri);
        free(got);
    }

    CHECK_INT(virNodeGetInfo(conn, &info), 0);
    CHECK_STR(info.model, "vireo-cpu");
    CHECK_INT(info.memory, 4194304);
    CHECK_INT(info.cpus, 8);
    CHECK_INT(info.mhz, 2400);
    CHECK_INT(info.nodes, 1);
    CHECK_INT(info.sockets, 2);
    CHECK_INT(info.cores, 2);
    CHECK_INT(info.threads, 2);

    /* Running domains get ids 1, 2, 3 in file order; rel.xml was
     * resolved against the node file's directory. */
    CHECK_INT(virConnectNumOfDomains(conn), 3);
    CHECK_INT(virConnectNumOfDefinedDomains(conn), 0);
    check_custom_domain(conn, 1, "first", 131072, 1);
    check_custom_domain(conn, 2, "second", 262144, 2);
    check_custom_domain(conn, 3, "third", 524288, 4);
    d = virDomainLookupByName(conn, "test");
    CHECK(d == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);

    /* Each custom-file connection has a private instance. */
    conn2 = virConnectOpen(uri);
    CHECK(conn2 != NULL);
    if (conn2) {
        d = virDomainLookupByName(conn, "first");
        CHECK(d != NULL);
        if (d) {
            CHECK_INT(virDomainDestroy(d), 0);
            virDomainFree(d);
        }
        CHECK_INT(virConnectNumOfDomains(conn), 2);
        CHECK_INT(virConnectNumOfDomains(conn2), 3);
        CHECK_INT(virConnectClose(conn2), 0);
    }
    CHECK_INT(virConnectClose(conn), 0);

cleanup:
    unlink(node_path);
    unlink(rel_path);
    unlink(bad_path);
}

/* ---- authentication --------------------------------------------------- */

static const char auth_node_xml[] =
    "<node>\n"
    "  <auth>\n"
    "    <user password='secret'>alice</user>\n"
    "    <user>bob</user>\n"
    "  </auth>\n"
    "</node>\n";

struct auth_data {
    const char *user;
    const char *password;
    int calls;
    int max_ncred;
    int asked_authname;
    int asked_passphrase;
};

/* Fills only the first credential of each call, as libvirt-python's
 * tests do: the test driver asks for one credential per call. */
static int auth_cb(virConnectCredentialPtr cred, unsigned int ncred, void *opaque)
{
    struct auth_data *a = opaque;
    const char *val = NULL;

    a->calls++;
    if ((int)ncred > a->max_ncred)
        a->max_ncred = (int)ncred;
    if (ncred < 1 || !a->user)
        return -1;
    if (cred[0].type == VIR_CRED_AUTHNAME) {
        a->asked_authname++;
        val = a->user;
    } else if (cred[0].type == VIR_CRED_PASSPHRASE) {
        a->asked_passphrase++;
        val = a->password;
    } else {
        return -1;
    }
    cred[0].result = strdup(val);
    cred[0].resultlen = strlen(val);
    return 0;
}

static virConnectPtr open_auth(const char *uri, struct auth_data *a)
{
    int types[] = { VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE };
    virConnectAuth auth;

    auth.credtype = types;
    auth.ncredtype = 2;
    auth.cb = auth_cb;
    auth.cbdata = a;
    return virConnectOpenAuth(uri, &auth, 0);
}

static void test_auth(const char *dir)
{
    char path[512], uri[600];
    virConnectPtr conn;
    struct auth_data good = { "alice", "secret", 0, 0, 0, 0 };
    struct auth_data bad = { "alice", "wrong", 0, 0, 0, 0 };
    struct auth_data nouser = { "mallory", "x", 0, 0, 0, 0 };
    struct auth_data nopass = { "bob", "unused", 0, 0, 0, 0 };
    struct auth_data refuse = { NULL, NULL, 0, 0, 0, 0 };

    snprintf(path, sizeof(path), "%s/auth.xml", dir);
    CHECK_INT(write_file(path, auth_node_xml), 0);
    snprintf(uri, sizeof(uri), "test://%s", path);

    conn = open_auth(uri, &good);
    CHECK(conn != NULL);
    CHECK_INT(good.calls, 2);
    CHECK_INT(good.max_ncred, 1);
    CHECK_INT(good.asked_authname, 1);
    CHECK_INT(good.asked_passphrase, 1);
    if (conn)
        CHECK_INT(virConnectClose(conn), 0);

    conn = open_auth(uri, &bad);
    CHECK(conn == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_TEST,
                  "authentication failed, see test XML for the correct username/password");
    if (conn)
        virConnectClose(conn);

    conn = open_auth(uri, &nouser);
    CHECK(conn == NULL);
    CHECK_ERR(VIR_ERR_AUTH_FAILED, VIR_FROM_TEST);
    if (conn)
        virConnectClose(conn);

    /* A callback that fails: libvirt 9.0 reports it from VIR_FROM_AUTH,
     * "authentication failed: Username request failed". */
    conn = open_auth(uri, &refuse);
    CHECK(conn == NULL);
    CHECK_INT(refuse.calls, 1);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_AUTH, "Username request failed");
    if (conn)
        virConnectClose(conn);

    /* A user without a password is only asked for the name. */
    conn = open_auth(uri, &nopass);
    CHECK(conn != NULL);
    CHECK_INT(nopass.asked_authname, 1);
    CHECK_INT(nopass.asked_passphrase, 0);
    if (conn)
        CHECK_INT(virConnectClose(conn), 0);

    /* No auth callback at all: libvirt 9.0 fails with VIR_ERR_INVALID_ARG
     * from VIR_FROM_AUTH, "Missing authentication credentials". */
    conn = virConnectOpen(uri);
    CHECK(conn == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_AUTH,
                  "Missing authentication credentials");
    if (conn)
        virConnectClose(conn);

    unlink(path);
}

/*
 * virConnectGetCPUModelNames answers from libvirt's CPU map
 * (/usr/share/libvirt/cpu_map, from Debian's libvirt0; without it the
 * call fails with a system error, so these checks are skipped).
 */
static void test_cpu_model_names(virConnectPtr conn)
{
    char **models = NULL;
    int n, i, found486 = 0;

    if (access("/usr/share/libvirt/cpu_map/index.xml", R_OK) != 0) {
        fprintf(stderr, "test_cpu_model_names: skipped, libvirt's CPU map is not installed\n");
        return;
    }
    n = virConnectGetCPUModelNames(conn, "x86_64", &models, 0);
    CHECK(n > 40);
    for (i = 0; i < n; i++) {
        if (strcmp(models[i], "486") == 0)
            found486 = i == 0;
        free(models[i]);
    }
    CHECK(models && models[n] == NULL);
    free(models);
    CHECK(found486);
    CHECK_INT(virConnectGetCPUModelNames(conn, "i686", NULL, 0), n);
    CHECK_INT(virConnectGetCPUModelNames(conn, "ppc64le", NULL, 0), 7);
    CHECK_INT(virConnectGetCPUModelNames(conn, "aarch64", NULL, 0), 0);
    CHECK_INT(virConnectGetCPUModelNames(conn, "X86_64", NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "invalid argument: cannot find architecture X86_64");
    CHECK_INT(virConnectGetCPUModelNames(conn, "mips", NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_CPU,
                  "this function is not supported by the connection driver: "
                  "'mips' architecture is not supported by CPU driver");
    CHECK_INT(virConnectGetCPUModelNames(conn, "x86_64", NULL, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x1) in function testConnectGetCPUModelNames");
    CHECK_INT(virConnectGetCPUModelNames(conn, NULL, NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "arch in virConnectGetCPUModelNames must not be NULL");
}

int main(void)
{
    virConnectPtr conn;
    char dir[] = "/tmp/vireo-capi-connect-XXXXXX";

    check_init();

    conn = virConnectOpen("test:///default");
    CHECK(conn != NULL);
    if (conn) {
        test_default_facts(conn);
        test_cpu_model_names(conn);
        CHECK_INT(virConnectClose(conn), 0);
    }

    test_ref_close();
    test_read_only();
    test_close_callback();
    test_shared_state();
    test_default_uri();
    test_uri_errors();

    if (mkdtemp(dir)) {
        test_custom_file(dir);
        test_auth(dir);
        CHECK_INT(rmdir(dir), 0);
    } else {
        CHECK(!"mkdtemp failed");
    }

    return check_finish("test_connect");
}
