/*
 * test_remote_sasl.c: SASL authentication against a private libvirtd.
 *
 * Run by `tests/remote/with_libvirtd.py --sasl`: the daemon asks for SASL
 * on TCP and on its UNIX socket, offers scram-sha-256 and digest-md5, and
 * knows one user (VIREO_SASL_USER, VIREO_SASL_PASSWORD).
 *
 * On plain TCP the client demands a security layer of at least 56 bits, so
 * scram (no layer) is not even offered and digest-md5 is chosen: its layer
 * (SSF 128) then carries every byte, which a large domain definition sent
 * and read back crosses in many pieces. On the UNIX socket no layer is
 * needed and scram works. Events read by the event loop come through the
 * layer too. Credentials come from the callback or from an auth file; wrong
 * or missing ones fail with libvirt's errors.
 *
 * Without --sasl, it checks that auth= cannot ask a daemon without
 * authentication for SASL or polkit.
 *
 * Built twice: against vireo and against Debian's libvirt 9.0, whose
 * client must pass the same checks.
 */
#include "../capi/check.h"

#include <time.h>
#include <unistd.h>

static const char *user;
static const char *password;
static int asked[16];  /* the credential types the last callback saw */
static int nasked;

static int answer(virConnectCredentialPtr cred, unsigned int ncred, void *cbdata)
{
    const char *pass = cbdata ? cbdata : password;
    nasked = 0;
    for (unsigned int i = 0; i < ncred; i++) {
        const char *value = "";
        if (nasked < 16)
            asked[nasked++] = cred[i].type;
        if (cred[i].type == VIR_CRED_AUTHNAME || cred[i].type == VIR_CRED_USERNAME)
            value = user;
        else if (cred[i].type == VIR_CRED_PASSPHRASE)
            value = pass;
        cred[i].result = strdup(value);
        cred[i].resultlen = strlen(value);
    }
    return 0;
}

static int refuse(virConnectCredentialPtr cred, unsigned int ncred, void *cbdata)
{
    (void)cred;
    (void)ncred;
    (void)cbdata;
    return -1;
}

static int credtypes[] = {VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE, VIR_CRED_REALM};

static virConnectPtr open_with(const char *uri, virConnectAuthCallbackPtr cb, const char *pass)
{
    virConnectAuth auth = {credtypes, 3, cb, (void *)pass};
    nasked = 0;
    return virConnectOpenAuth(uri, &auth, 0);
}

static char tcp_uri[512];
static char unix_uri[512];
static char dir[] = "/tmp/vireo-sasl-XXXXXX";

static const char *uri_with(const char *base, const char *query)
{
    static char uri[1024];
    snprintf(uri, sizeof(uri), "%s%s%s", base, strchr(base, '?') ? "&" : "?", query);
    return uri;
}

static const char *write_file(const char *name, const char *text)
{
    static char path[256];
    FILE *f;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "w");
    if (!f)
        return path;
    fputs(text, f);
    fclose(f);
    return path;
}

/* Right credentials through the callback over plain TCP: digest-md5 with its
 * security layer, which a large definition crosses both ways. */
static void test_tcp_layer(void)
{
    virConnectPtr conn = open_with(tcp_uri, answer, NULL);
    size_t big = 300 * 1024;
    char *xml, *back;
    virDomainPtr dom;

    CHECK(conn != NULL);
    if (!conn)
        return;
    CHECK_INT(nasked, 2);
    CHECK_INT(asked[0], VIR_CRED_AUTHNAME);
    CHECK_INT(asked[1], VIR_CRED_PASSPHRASE);
    CHECK_INT(virConnectIsEncrypted(conn), 1);
    CHECK_INT(virConnectIsSecure(conn), 1);

    xml = malloc(big + 512);
    strcpy(xml, "<domain type='test'><name>sasl-big</name><memory>8192</memory>"
                "<os><type>hvm</type></os><description>");
    memset(xml + strlen(xml), 'x', big);
    strcpy(xml + strlen("<domain type='test'><name>sasl-big</name><memory>8192</memory>"
                        "<os><type>hvm</type></os><description>") + big,
           "</description></domain>");
    dom = virDomainDefineXML(conn, xml);
    CHECK(dom != NULL);
    if (dom) {
        back = virDomainGetXMLDesc(dom, 0);
        CHECK(back != NULL && strlen(back) > big);
        CHECK(back && strstr(back, "<description>xxxx") != NULL);
        free(back);
        CHECK_INT(virDomainUndefine(dom), 0);
        virDomainFree(dom);
    }
    free(xml);
    CHECK_INT(virConnectNumOfDomains(conn), 1);
    CHECK_INT(virConnectClose(conn), 0);
}

static void test_tcp_refusals(void)
{
    virConnectAuth nocb = {credtypes, 3, NULL, NULL};

    /* scram has no security layer: neither side offers it on plain TCP */
    CHECK(open_with(uri_with(tcp_uri, "auth=sasl.SCRAM-SHA-256"), answer, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE,
                  "authentication failed: SASL mechanism SCRAM-SHA-256 not supported by server");
    /* the mechanism's name is matched with its case */
    CHECK(open_with(uri_with(tcp_uri, "auth=sasl.digest-md5"), answer, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "SASL mechanism digest-md5 not supported by server");

    CHECK(open_with(tcp_uri, answer, "wrong") == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_RPC, "authentication failed: authentication failed");

    CHECK(virConnectOpenAuth(tcp_uri, &nocb, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "authentication failed: No authentication callback available");

    CHECK(open_with(tcp_uri, refuse, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "authentication failed: Failed to collect auth credentials");

    /* without an auth structure SASL has no way to ask: no mechanism fits */
    CHECK(virConnectOpen(tcp_uri) == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_RPC,
                  "authentication failed: Failed to start SASL negotiation: -4 (SASL(-4): no mechanism available");

    CHECK(open_with(uri_with(tcp_uri, "auth=polkit"), answer, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "requested authentication type polkit rejected");
    CHECK(open_with(uri_with(tcp_uri, "auth=kerberos"), answer, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "authentication failed: unknown authentication type kerberos");
}

/* A daemon that asks for no authentication (with_libvirtd.py without
 * --sasl): an auth= that asks for a method refuses it. */
static int test_auth_none_daemon(void)
{
    virConnectPtr conn;
    CHECK(open_with(uri_with(tcp_uri, "auth=sasl"), answer, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "authentication failed: requested authentication type sasl rejected");
    CHECK(open_with(uri_with(tcp_uri, "auth=SASL.DIGEST-MD5"), answer, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "requested authentication type SASL.DIGEST-MD5 rejected");
    CHECK(open_with(uri_with(tcp_uri, "auth=polkit"), answer, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "requested authentication type polkit rejected");
    CHECK(open_with(uri_with(tcp_uri, "auth=kerberos"), answer, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "unknown authentication type kerberos");
    conn = open_with(tcp_uri, answer, NULL);
    CHECK(conn != NULL);
    CHECK_INT(nasked, 0);
    if (conn) {
        CHECK_INT(virConnectIsEncrypted(conn), 0);
        CHECK_INT(virConnectClose(conn), 0);
    }
    return check_finish("test_remote_sasl (daemon without auth)");
}

static void test_authfile(void)
{
    virConnectAuth nocb = {credtypes, 3, NULL, NULL};
    char text[512], good[256], uri[1024];
    const char *path;
    virConnectPtr conn;

    snprintf(text, sizeof(text), "# vireo's test\n[credentials-test]\nauthname=%s\npassword=%s\n\n"
             "[auth-libvirt-127.0.0.1]\ncredentials=test\n", user, password);
    snprintf(good, sizeof(good), "%s", write_file("good.conf", text));
    snprintf(uri, sizeof(uri), "%s", uri_with(tcp_uri, "authfile="));
    strncat(uri, good, sizeof(uri) - strlen(uri) - 1);
    conn = virConnectOpenAuth(uri, &nocb, 0);
    CHECK(conn != NULL);
    if (conn)
        CHECK_INT(virConnectClose(conn), 0);

    /* LIBVIRT_AUTH_FILE wins over authfile= */
    snprintf(text, sizeof(text), "[credentials-x]\nauthname=%s\npassword=wrong\n[auth-libvirt-default]\n"
             "credentials=x\n", user);
    path = write_file("wrong.conf", text);
    snprintf(uri, sizeof(uri), "%s", uri_with(tcp_uri, "authfile="));
    strncat(uri, path, sizeof(uri) - strlen(uri) - 1);
    setenv("LIBVIRT_AUTH_FILE", good, 1);
    conn = virConnectOpenAuth(uri, &nocb, 0);
    CHECK(conn != NULL);
    if (conn)
        CHECK_INT(virConnectClose(conn), 0);
    /* ... and a wrong password there is the daemon's refusal */
    setenv("LIBVIRT_AUTH_FILE", path, 1);
    CHECK(virConnectOpenAuth(tcp_uri, &nocb, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_RPC, "authentication failed: authentication failed");

    /* what the file lacks, the callback is asked for (only that) */
    snprintf(text, sizeof(text), "[credentials-x]\nauthname=%s\n[auth-libvirt-default]\ncredentials=x\n", user);
    setenv("LIBVIRT_AUTH_FILE", write_file("partial.conf", text), 1);
    conn = open_with(tcp_uri, answer, NULL);
    CHECK(conn != NULL);
    CHECK_INT(nasked, 1);
    CHECK_INT(asked[0], VIR_CRED_PASSPHRASE);
    if (conn)
        CHECK_INT(virConnectClose(conn), 0);

    /* a file for another host: the callback is needed */
    snprintf(text, sizeof(text), "[credentials-x]\nauthname=%s\npassword=%s\n[auth-libvirt-example.org]\n"
             "credentials=x\n", user, password);
    setenv("LIBVIRT_AUTH_FILE", write_file("other.conf", text), 1);
    CHECK(virConnectOpenAuth(tcp_uri, &nocb, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "No authentication callback available");

    /* broken files */
    path = write_file("nocred.conf", "[auth-libvirt-127.0.0.1]\nfoo=bar\n");
    setenv("LIBVIRT_AUTH_FILE", path, 1);
    CHECK(virConnectOpenAuth(tcp_uri, &nocb, 0) == NULL);
    snprintf(text, sizeof(text), "Missing item 'credentials' in group 'auth-libvirt-127.0.0.1' in '%s'", path);
    CHECK_ERR_MSG(VIR_ERR_CONF_SYNTAX, VIR_FROM_NONE, text);
    path = write_file("nogroup.conf", "[auth-libvirt-127.0.0.1]\ncredentials=gone\n");
    setenv("LIBVIRT_AUTH_FILE", path, 1);
    CHECK(virConnectOpenAuth(tcp_uri, &nocb, 0) == NULL);
    snprintf(text, sizeof(text),
             "Missing group 'credentials-gone' referenced from group 'auth-libvirt-127.0.0.1' in '%s'", path);
    CHECK_ERR_MSG(VIR_ERR_CONF_SYNTAX, VIR_FROM_NONE, text);
    unsetenv("LIBVIRT_AUTH_FILE");
}

static int lifecycle_events;

static int on_lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void)conn;
    (void)dom;
    (void)event;
    (void)detail;
    (void)opaque;
    lifecycle_events++;
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Events arrive through the layer while the application makes no call: the
 * event loop reads them, several messages may come out of one decode. */
static void test_tcp_events(void)
{
    virConnectPtr watcher = open_with(tcp_uri, answer, NULL);
    virConnectPtr actor = open_with(tcp_uri, answer, NULL);
    double start;
    int id;

    CHECK(watcher != NULL && actor != NULL);
    if (!watcher || !actor)
        return;
    id = virConnectDomainEventRegisterAny(watcher, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle), NULL, NULL);
    CHECK(id >= 0);
    for (int i = 0; i < 5; i++) {
        char xml[256];
        virDomainPtr dom;
        snprintf(xml, sizeof(xml), "<domain type='test'><name>sasl-ev%d</name><memory>8192</memory>"
                 "<os><type>hvm</type></os></domain>", i);
        dom = virDomainDefineXML(actor, xml);
        CHECK(dom != NULL);
        if (dom) {
            CHECK_INT(virDomainUndefine(dom), 0);
            virDomainFree(dom);
        }
    }
    start = now();
    while (lifecycle_events < 10 && now() - start < 10)
        virEventRunDefaultImpl();
    CHECK_INT(lifecycle_events, 10);
    CHECK_INT(virConnectDomainEventDeregisterAny(watcher, id), 0);
    CHECK_INT(virConnectClose(actor), 0);
    CHECK_INT(virConnectClose(watcher), 0);
}

/* The UNIX socket is secure already: no layer is asked for, scram works,
 * and the connection still counts as encrypted (a SASL session). */
static void test_unix(void)
{
    virConnectPtr conn = open_with(unix_uri, answer, NULL);
    CHECK(conn != NULL);
    if (conn) {
        CHECK_INT(nasked, 2);
        CHECK_INT(virConnectIsEncrypted(conn), 1);
        CHECK_INT(virConnectNumOfDomains(conn), 1);
        CHECK_INT(virConnectClose(conn), 0);
    }
    conn = open_with(uri_with(unix_uri, "auth=sasl.SCRAM-SHA-256"), answer, NULL);
    CHECK(conn != NULL);
    if (conn) {
        CHECK_INT(virConnectNumOfDomains(conn), 1);
        CHECK_INT(virConnectClose(conn), 0);
    }
    CHECK(open_with(uri_with(unix_uri, "auth=sasl.SCRAM-SHA-256"), answer, "wrong") == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_RPC, "authentication failed: authentication failed");
}

int main(void)
{
    const char *tcp = getenv("VIREO_LIBVIRTD_TCP");
    const char *sock = getenv("VIREO_LIBVIRTD_SOCK");
    char cmd[300];

    user = getenv("VIREO_SASL_USER");
    password = getenv("VIREO_SASL_PASSWORD");
    if (!tcp || !sock) {
        fprintf(stderr, "SKIP: run through tests/remote/with_libvirtd.py [--sasl]\n");
        return 77;
    }
    check_init();
    snprintf(tcp_uri, sizeof(tcp_uri), "test+tcp://%s/default", tcp);
    if (!user || !password)
        return test_auth_none_daemon();
    CHECK_INT(virEventRegisterDefaultImpl(), 0);
    unsetenv("LIBVIRT_AUTH_FILE");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    /* no auth.conf of the user running the test may interfere */
    setenv("XDG_CONFIG_HOME", dir, 1);
    snprintf(unix_uri, sizeof(unix_uri), "test+unix:///default?socket=%s", sock);

    test_tcp_layer();
    test_tcp_refusals();
    test_tcp_events();
    test_authfile();
    test_unix();

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_finish("test_remote_sasl");
}
