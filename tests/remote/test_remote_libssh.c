/*
 * test_remote_libssh.c: the libssh transport (+libssh), end to end.
 *
 * Run by tests/remote/libssh_test.py, which starts a private libvirtd and a
 * real sshd on a loopback port, and passes VIREO_LIBSSH_BASE (the URI up to
 * its socket= parameter) and VIREO_LIBSSH_DIR (the keys and a known_hosts
 * file whose entry for the host does not match). Built against vireo and,
 * where installed, against Debian's libvirt (whose libvirt.so.0 has libssh):
 * the same checks pass on both.
 */
#include "reach_check.h"

#include <pthread.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *base;
static const char *dir;
static char uri[4096];

/* The URI with extra query parameters. */
static const char *uri_with(const char *extra)
{
    snprintf(uri, sizeof(uri), "%s&%s", base, extra);
    return uri;
}

static int prompts_seen;
static int host_key_prompt_seen;

/* Answers "y" to the host key question. */
static int accept_host_key(virConnectCredentialPtr cred, unsigned int ncred, void *cbdata)
{
    (void)cbdata;
    for (unsigned int i = 0; i < ncred; i++) {
        prompts_seen++;
        if (cred[i].type == VIR_CRED_ECHOPROMPT && cred[i].prompt &&
            strstr(cred[i].prompt, "Accept SSH host key with hash"))
            host_key_prompt_seen++;
        cred[i].result = strdup("y");
        cred[i].resultlen = 1;
    }
    return 0;
}

static char password_prompt[256];

/* Answers any password question with a wrong password, noting the prompt. */
static int wrong_password(virConnectCredentialPtr cred, unsigned int ncred, void *cbdata)
{
    (void)cbdata;
    for (unsigned int i = 0; i < ncred; i++) {
        if (cred[i].prompt)
            snprintf(password_prompt, sizeof(password_prompt), "%s", cred[i].prompt);
        cred[i].result = strdup("not-the-password");
        cred[i].resultlen = strlen(cred[i].result);
    }
    return 0;
}

/* Password authentication (the server offers it, and refuses root's). */
static void check_passwords(void)
{
    char extra[2048], path[1024];
    int passphrase[] = {VIR_CRED_PASSPHRASE};
    int echo_only[] = {VIR_CRED_ECHOPROMPT};
    virConnectAuth ask = {passphrase, 1, wrong_password, NULL};
    virConnectAuth cannot_ask = {echo_only, 1, wrong_password, NULL};
    virConnectPtr conn;
    FILE *f;

    /* No callback: refused before anything is asked. */
    conn = virConnectOpen(uri_with("known_hosts_verify=ignore&sshauth=password"));
    CHECK(conn == NULL);
    CHECK_ERR_MSG(VIR_ERR_LIBSSH, VIR_FROM_LIBSSH, "Authentication callback not provided");

    /* A callback that cannot answer a hidden question. */
    conn = virConnectOpenAuth(uri_with("known_hosts_verify=ignore&sshauth=password"), &cannot_ask, 0);
    CHECK(conn == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_AUTH, "Missing VIR_CRED_PASSPHRASE or VIR_CRED_NOECHOPROMPT");

    /* libvirt 9.0's client asks again after a refused password, in a loop
     * until the server gives up; against this sshd it never returns. vireo
     * asks once: the rest is vireo's behaviour only. */
    if (!check_library_is_vireo())
        return;

    /* Asked, with libvirt's prompt; the wrong password is refused. */
    conn = virConnectOpenAuth(uri_with("known_hosts_verify=ignore&sshauth=password"), &ask, 0);
    CHECK(conn == NULL);
    CHECK_ERR_MSG(VIR_ERR_LIBSSH, VIR_FROM_LIBSSH, "failed to authenticate");
    CHECK_STR(password_prompt, "Enter root's password for 127.0.0.1");

    /* The auth file's password for service ssh on this host: nobody is asked. */
    snprintf(path, sizeof(path), "%s/auth.conf", dir);
    f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fprintf(f, "[credentials-t]\npassword=also-wrong\n\n[auth-ssh-127.0.0.1]\ncredentials=t\n");
    fclose(f);
    password_prompt[0] = '\0';
    snprintf(extra, sizeof(extra), "known_hosts_verify=ignore&sshauth=password&authfile=%s", path);
    conn = virConnectOpenAuth(uri_with(extra), &ask, 0);
    CHECK(conn == NULL);
    CHECK_ERR_MSG(VIR_ERR_LIBSSH, VIR_FROM_LIBSSH, "failed to authenticate");
    CHECK_STR(password_prompt, "");
}

static void check_works(virConnectPtr conn)
{
    CHECK(conn != NULL);
    if (!conn)
        return;
    CHECK_STR(virConnectGetType(conn), "TEST");
    /* libvirt trusts the libssh transport (secure), though it is neither TLS nor SASL (not encrypted). */
    CHECK_INT(virConnectIsEncrypted(conn), 0);
    CHECK_INT(virConnectIsSecure(conn), 1);
    check_reaches_test_domain(conn);
    CHECK_INT(virConnectClose(conn), 0);
}

/* Many calls from two threads at once over one libssh channel: replies
 * must reach their callers while the other thread writes. */
static void *lookups(void *opaque)
{
    virConnectPtr conn = opaque;
    long ok = 0;
    for (int i = 0; i < 200; i++) {
        virDomainPtr dom = virDomainLookupByName(conn, "test");
        if (dom) {
            ok++;
            virDomainFree(dom);
        }
    }
    return (void *)ok;
}

static void check_two_threads(virConnectPtr conn)
{
    pthread_t a, b;
    void *ra, *rb;

    CHECK(conn != NULL);
    if (!conn)
        return;
    pthread_create(&a, NULL, lookups, conn);
    pthread_create(&b, NULL, lookups, conn);
    pthread_join(a, &ra);
    pthread_join(b, &rb);
    CHECK_INT((long)ra, 200);
    CHECK_INT((long)rb, 200);
    CHECK_INT(virConnectClose(conn), 0);
}

int main(void)
{
    char path[1024], extra[2048];
    int credtypes[] = {VIR_CRED_ECHOPROMPT};
    virConnectAuth auth = {credtypes, 1, accept_host_key, NULL};
    virConnectPtr conn;
    struct stat st;

    base = getenv("VIREO_LIBSSH_BASE");
    dir = getenv("VIREO_LIBSSH_DIR");
    if (!base || !dir) {
        fprintf(stderr, "SKIP: run through tests/remote/libssh_test.py\n");
        return 77;
    }
    check_init();

    /* No host key check: the authorized key gets through to the daemon. */
    snprintf(extra, sizeof(extra), "keyfile=%s/good_key&known_hosts_verify=ignore", dir);
    check_works(virConnectOpen(uri_with(extra)));
    check_two_threads(virConnectOpen(uri_with(extra)));

    /* auto: the unknown host's key is added to known_hosts= without asking. */
    snprintf(path, sizeof(path), "%s/known_hosts_auto", dir);
    snprintf(extra, sizeof(extra), "keyfile=%s/good_key&known_hosts=%s&known_hosts_verify=auto", dir, path);
    check_works(virConnectOpen(uri_with(extra)));
    CHECK_INT(stat(path, &st), 0);
    CHECK(st.st_size > 0);
    /* ... and then it is known: normal verification passes without a callback. */
    snprintf(extra, sizeof(extra), "keyfile=%s/good_key&known_hosts=%s", dir, path);
    check_works(virConnectOpen(uri_with(extra)));

    /* normal with an unknown host and nobody to ask: refused. */
    snprintf(extra, sizeof(extra), "keyfile=%s/good_key&known_hosts=%s/known_hosts_new", dir, dir);
    conn = virConnectOpen(uri_with(extra));
    CHECK(conn == NULL);
    CHECK_ERR_MSG(VIR_ERR_LIBSSH, VIR_FROM_LIBSSH, "No user interaction callback provided");

    /* normal with a callback: asked about the host key, accepted, recorded. */
    conn = virConnectOpenAuth(uri_with(extra), &auth, 0);
    CHECK_INT(host_key_prompt_seen, 1);
    check_works(conn);
    snprintf(path, sizeof(path), "%s/known_hosts_new", dir);
    CHECK_INT(stat(path, &st), 0);

    /* A known_hosts entry with another key for this host and port. */
    snprintf(extra, sizeof(extra), "keyfile=%s/good_key&known_hosts=%s/known_hosts_wrong", dir, dir);
    conn = virConnectOpen(uri_with(extra));
    CHECK(conn == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_LIBSSH, "SSH HOST KEY VERIFICATION FAILED");

    /* A key the server does not authorize, as the only method. */
    snprintf(extra, sizeof(extra), "keyfile=%s/bad_key&known_hosts_verify=ignore&sshauth=privkey", dir);
    conn = virConnectOpen(uri_with(extra));
    CHECK(conn == NULL);
    CHECK_ERR_MSG(VIR_ERR_LIBSSH, VIR_FROM_LIBSSH, "failed to authenticate");

    /* The same key after a method the server does not offer. */
    snprintf(extra, sizeof(extra), "keyfile=%s/bad_key&known_hosts_verify=ignore&sshauth=keyboard-interactive,privkey",
             dir);
    conn = virConnectOpen(uri_with(extra));
    CHECK(conn == NULL);
    CHECK_ERR_MSG(VIR_ERR_AUTH_FAILED, VIR_FROM_LIBSSH, "All provided authentication methods");

    /* An unknown method and an unknown verification mode. */
    conn = virConnectOpen(uri_with("known_hosts_verify=ignore&sshauth=carrier-pigeon"));
    CHECK(conn == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_RPC, "Invalid authentication method: 'carrier-pigeon'");
    conn = virConnectOpen(uri_with("known_hosts_verify=sometimes"));
    CHECK(conn == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_RPC, "Invalid host key verification method: 'sometimes'");

    check_passwords();

    /* Nothing left behind: no child process of ours. */
    CHECK_INT(waitpid(-1, NULL, WNOHANG), -1);
    return check_finish("test_remote_libssh");
}
