/*
 * test_remote_tls.c: the tls transport against a real libvirtd.
 *
 * Run by tests/remote/with_libvirtd.py --tls, which makes the certificates
 * (tls_pki.py) and a daemon that listens for TLS with them. Built twice,
 * against vireo and against Debian's libvirt 9.0: the messages checked
 * here are libvirt's own, so both builds must pass.
 *
 * usage: test_remote_tls            (daemon certificate for 127.0.0.1, localhost)
 *        test_remote_tls mismatch   (daemon certificate for another name)
 *        test_remote_tls packed     (the fake daemon of tls_packed_test.py)
 *
 * Default mode: a good connection is encrypted and secure, answers calls,
 * delivers events, and survives two threads calling as fast as they can
 * while events stream in. (libvirtd writes each message in TLS records of
 * its own; several messages in one record come from tls_packed_test.py's
 * fake daemon, in packed mode.) Then each refusal: a CA that did not sign the daemon's
 * certificate, our own certificate not signed by our CA, no client
 * certificate (the daemon refuses us), no CA file, a CRL that revokes the
 * daemon's certificate (and one that revokes nothing), a bad priority string,
 * TLS to a port that does not speak it. Mismatch mode: the daemon's
 * certificate names another host: refused, accepted with no_verify=1.
 * Packed mode: one call, then idle with the event loop running, while
 * tls_packed_test.py packs keepalive PINGs with the reply and with each
 * other in single TLS records and counts the PONGs.
 */
#include "../capi/check.h"

#include <pthread.h>
#include <unistd.h>

#define ROUNDS 150

static char pki[400];
static char log_dir[] = "/tmp/vireo-tls-log-XXXXXX";
static char log_path[64];
static char port[16];
static char uri[1024];

static int events_seen;
static pthread_mutex_t events_mu = PTHREAD_MUTEX_INITIALIZER;
static volatile int stop_loop;

/* The URI of the daemon's TLS socket at `host` with the client set `set`
 * (a directory of tls_pki.py) and extra parameters. */
static const char *tls_uri(const char *host, const char *set, const char *extra)
{
    snprintf(uri, sizeof(uri), "test+tls://%s:%s/default?pkipath=%s/%s%s", host, port, pki, set, extra);
    return uri;
}

/* The reason of a refusal is only in the log, as in libvirt: the log file
 * (LIBVIRT_LOG_OUTPUTS, set before the library reads it) must hold `reason`. */
static void check_logged(const char *reason)
{
    char text[65536];
    size_t got = 0;
    FILE *f = fopen(log_path, "r");

    if (f) {
        got = fread(text, 1, sizeof(text) - 1, f);
        fclose(f);
    }
    text[got] = '\0';
    CHECK_SUBSTR(text, reason);
}

/* The same with the path of a file of the set, for the messages. */
static const char *pki_file(char *buf, size_t size, const char *set, const char *file)
{
    snprintf(buf, size, "%s/%s/%s", pki, set, file);
    return buf;
}

static int on_lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void)conn;
    (void)dom;
    (void)event;
    (void)detail;
    (void)opaque;
    pthread_mutex_lock(&events_mu);
    events_seen++;
    pthread_mutex_unlock(&events_mu);
    return 0;
}

static int seen(void)
{
    int n;
    pthread_mutex_lock(&events_mu);
    n = events_seen;
    pthread_mutex_unlock(&events_mu);
    return n;
}

static void wake(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
}

static void *run_loop(void *arg)
{
    (void)arg;
    while (!stop_loop)
        virEventRunDefaultImpl();
    return NULL;
}

struct worker {
    virConnectPtr conn;
    int suspender; /* suspends and resumes "test"; otherwise reads */
    int failures;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    virDomainPtr dom = virDomainLookupByName(w->conn, "test");
    virDomainInfo info;
    int i;

    if (!dom) {
        w->failures = ROUNDS;
        return NULL;
    }
    for (i = 0; i < ROUNDS; i++) {
        if (w->suspender) {
            if (virDomainSuspend(dom) < 0 || virDomainResume(dom) < 0)
                w->failures++;
        } else {
            if (virConnectNumOfDomains(w->conn) < 1 || virDomainGetInfo(dom, &info) < 0)
                w->failures++;
        }
    }
    virDomainFree(dom);
    return NULL;
}

/* A good connection: calls, an event, then two threads at once. */
static void check_good_connection(void)
{
    virConnectPtr conn = virConnectOpen(tls_uri("127.0.0.1", "client", ""));
    virDomainPtr dom;
    virDomainInfo info;
    pthread_t loop, threads[2];
    struct worker workers[2];
    char *hostname;
    int callback, timer, i;

    CHECK(conn != NULL);
    if (!conn) {
        check_print_last_error();
        return;
    }
    CHECK_INT(virConnectIsEncrypted(conn), 1);
    CHECK_INT(virConnectIsSecure(conn), 1);
    hostname = virConnectGetHostname(conn);
    CHECK(hostname != NULL);
    free(hostname);
    CHECK(virConnectNumOfDomains(conn) >= 1);
    dom = virDomainLookupByName(conn, "test");
    CHECK(dom != NULL);
    CHECK_INT(virDomainGetInfo(dom, &info), 0);
    CHECK_INT(info.state, VIR_DOMAIN_RUNNING);

    /* One event, with nobody calling: the event loop reads it. */
    timer = virEventAddTimeout(50, wake, NULL, NULL);
    CHECK(timer >= 0);
    CHECK(pthread_create(&loop, NULL, run_loop, NULL) == 0);
    callback = virConnectDomainEventRegisterAny(conn, dom, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle), NULL, NULL);
    CHECK(callback >= 0);
    CHECK_INT(virDomainSuspend(dom), 0);
    for (i = 0; i < 200 && seen() < 1; i++)
        usleep(10000);
    CHECK_INT(seen(), 1);
    CHECK_INT(virDomainResume(dom), 0);
    for (i = 0; i < 200 && seen() < 2; i++)
        usleep(10000);
    CHECK_INT(seen(), 2);

    /* Two threads calling while events stream in: every call succeeds and
     * every event arrives, the last ones too. */
    for (i = 0; i < 2; i++) {
        workers[i].conn = conn;
        workers[i].suspender = i == 0;
        workers[i].failures = 0;
        CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0);
    }
    for (i = 0; i < 2; i++) {
        pthread_join(threads[i], NULL);
        CHECK_INT(workers[i].failures, 0);
    }
    for (i = 0; i < 500 && seen() < 2 + 2 * ROUNDS; i++)
        usleep(10000);
    CHECK_INT(seen(), 2 + 2 * ROUNDS);

    CHECK_INT(virConnectDomainEventDeregisterAny(conn, callback), 0);
    stop_loop = 1;
    pthread_join(loop, NULL);
    virEventRemoveTimeout(timer);
    virDomainFree(dom);
    CHECK_INT(virConnectClose(conn), 0);

    /* The name in the URI is checked against the certificate's names. */
    conn = virConnectOpen(tls_uri("localhost", "client", ""));
    CHECK(conn != NULL);
    if (conn)
        CHECK_INT(virConnectClose(conn), 0);

    /* A host and no transport means TLS. */
    snprintf(uri, sizeof(uri), "test://127.0.0.1:%s/default?pkipath=%s/client", port, pki);
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (conn) {
        CHECK_INT(virConnectIsEncrypted(conn), 1);
        CHECK_INT(virConnectClose(conn), 0);
    }
}

/* Expects the open of `u` to fail with (code, domain, msg). */
static void check_refused(const char *u, int code, int domain, const char *msg)
{
    virConnectPtr conn = virConnectOpen(u);
    CHECK(conn == NULL);
    if (conn) {
        fprintf(stderr, "    opened %s\n", u);
        virConnectClose(conn);
        return;
    }
    CHECK_ERR_MSG(code, domain, msg);
}

static void check_refusals(const char *tcp_port)
{
    char msg[2048], cert[600], ca[600];
    virConnectPtr conn;

    /* Our CA did not sign the daemon's certificate (no_sanity=1, else our
     * own certificate fails first). The reason goes to the log only. */
    check_refused(tls_uri("127.0.0.1", "wrong-ca", "&no_sanity=1"), VIR_ERR_AUTH_FAILED, VIR_FROM_RPC,
                  "authentication failed: Failed to verify peer's certificate");
    check_logged("Certificate check failed Certificate failed validation: "
                 "The certificate hasn't got a known issuer.");
    conn = virConnectOpen(tls_uri("127.0.0.1", "wrong-ca", "&no_sanity=1&no_verify=1"));
    CHECK(conn != NULL);
    if (conn) {
        CHECK_INT(virConnectIsEncrypted(conn), 1);
        CHECK_INT(virConnectClose(conn), 0);
    }

    /* Without no_sanity, our own certificate is checked against our CA. */
    snprintf(msg, sizeof(msg), "Our own certificate %s failed validation against %s: "
             "The certificate hasn't got a known issuer.",
             pki_file(cert, sizeof(cert), "wrong-ca", "clientcert.pem"),
             pki_file(ca, sizeof(ca), "wrong-ca", "cacert.pem"));
    check_refused(tls_uri("127.0.0.1", "wrong-ca", ""), VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC, msg);
    /* no_verify=1 does not skip that check; only no_sanity=1 does. */
    check_refused(tls_uri("127.0.0.1", "wrong-ca", "&no_verify=1"), VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC, msg);

    /* No certificate of ours: the client goes on without one, and the
     * daemon (tls_no_verify_certificate = 0) hangs up instead of
     * confirming. */
    check_refused(tls_uri("127.0.0.1", "no-client-cert", ""), VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC,
                  "Unable to read TLS confirmation: Input/output error");

    /* No CA certificate: refused before connecting, naming the file. */
    snprintf(msg, sizeof(msg), "Cannot read CA certificate '%s': No such file or directory",
             pki_file(ca, sizeof(ca), "no-ca", "cacert.pem"));
    check_refused(tls_uri("127.0.0.1", "no-ca", ""), VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC, msg);

    /* A CRL that revokes nothing changes nothing; one that revokes the
     * daemon's certificate refuses it. */
    conn = virConnectOpen(tls_uri("127.0.0.1", "crl-empty", ""));
    CHECK(conn != NULL);
    if (conn)
        CHECK_INT(virConnectClose(conn), 0);
    check_refused(tls_uri("127.0.0.1", "crl-revoked", ""), VIR_ERR_AUTH_FAILED, VIR_FROM_RPC,
                  "authentication failed: Failed to verify peer's certificate");
    check_logged("Certificate check failed Certificate failed validation: The certificate has been revoked.");

    check_refused(tls_uri("127.0.0.1", "client", "&tls_priority=BOGUS"), VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC,
                  "Failed to set TLS session priority to BOGUS: The request is invalid.");

    /* TLS to the daemon's plain TCP socket: it hangs up on the hello. */
    snprintf(uri, sizeof(uri), "test+tls://127.0.0.1:%s/default?pkipath=%s/client", tcp_port, pki);
    check_refused(uri, VIR_ERR_AUTH_FAILED, VIR_FROM_RPC,
                  "authentication failed: TLS handshake failed Error in the pull function.");
}

/* The daemon's certificate names another host than the URI's. */
static void check_mismatch(void)
{
    virConnectPtr conn;

    check_refused(tls_uri("127.0.0.1", "client", ""), VIR_ERR_AUTH_FAILED, VIR_FROM_RPC,
                  "authentication failed: Failed to verify peer's certificate");
    check_logged("Certificate check failed Certificate [session] owner does not match the hostname 127.0.0.1");
    conn = virConnectOpen(tls_uri("127.0.0.1", "client", "&no_verify=1"));
    CHECK(conn != NULL);
    if (conn) {
        CHECK_INT(virConnectIsSecure(conn), 1);
        CHECK(virConnectNumOfDomains(conn) >= 1);
        CHECK_INT(virConnectClose(conn), 0);
    }
}

/* Against tls_packed_test.py's daemon, which counts our PONGs. */
static void check_packed(void)
{
    virConnectPtr conn = virConnectOpen(tls_uri("127.0.0.1", "client", ""));
    pthread_t loop;
    char *hostname;
    int timer;

    CHECK(conn != NULL);
    if (!conn) {
        check_print_last_error();
        return;
    }
    timer = virEventAddTimeout(50, wake, NULL, NULL);
    CHECK(pthread_create(&loop, NULL, run_loop, NULL) == 0);
    hostname = virConnectGetHostname(conn);
    CHECK_STR(hostname, "fake");
    free(hostname);
    /* Idle: only the event loop reads now. */
    sleep(2);
    stop_loop = 1;
    pthread_join(loop, NULL);
    virEventRemoveTimeout(timer);
    CHECK_INT(virConnectClose(conn), 0);
}

static int finish(const char *name)
{
    unlink(log_path);
    rmdir(log_dir);
    return check_finish(name);
}

int main(int argc, char **argv)
{
    const char *tls = getenv("VIREO_LIBVIRTD_TLS");
    const char *dir = getenv("VIREO_LIBVIRTD_PKI");
    const char *tcp = getenv("VIREO_LIBVIRTD_TCP");
    const char *colon;
    int packed = argc > 1 && strcmp(argv[1], "packed") == 0;

    /* Packed mode talks to tls_packed_test.py's daemon: no TCP socket. */
    if (!tls || !dir || (!tcp && !packed)) {
        fprintf(stderr, "SKIP: run through tests/remote/with_libvirtd.py --tls\n");
        return 77;
    }
    colon = strrchr(tls, ':');
    snprintf(port, sizeof(port), "%s", colon ? colon + 1 : "");
    snprintf(pki, sizeof(pki), "%s", dir);
    if (!mkdtemp(log_dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(log_path, sizeof(log_path), "%s/log", log_dir);
    snprintf(uri, sizeof(uri), "3:file:%s", log_path);
    setenv("LIBVIRT_LOG_OUTPUTS", uri, 1);
    check_init();
    CHECK_INT(virEventRegisterDefaultImpl(), 0);

    if (packed) {
        check_packed();
        return finish("test_remote_tls packed");
    }
    if (argc > 1 && strcmp(argv[1], "mismatch") == 0) {
        check_mismatch();
        return finish("test_remote_tls mismatch");
    }
    check_good_connection();
    check_refusals(strrchr(tcp, ':') + 1);
    return finish("test_remote_tls");
}
