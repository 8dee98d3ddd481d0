/*
 * test_errors.c: the error reporting API (virterror.h).
 *
 * Asserts: the per-thread last error (an error raised in one thread is not
 * seen by another), virGetLastError{Code,Domain,Message}, virResetLastError,
 * virCopyLastError, virSaveLastError + virFreeError, virResetError, the
 * global handler of virSetErrorFunc and the default handler it restores,
 * the per-connection error and handler (virConnSetErrorFunc,
 * virConnGetLastError, virConnCopyLastError, virConnResetLastError), the
 * errors for NULL handles and NULL arguments, and failing opens.
 */
#include "check.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- per-thread last error ------------------------------------------ */

struct thread_result {
    virConnectPtr conn;
    int code_at_start;      /* last error code seen when the thread starts */
    int lookup_failed;      /* the lookup of a missing domain returned NULL */
    int code_after;         /* last error code after that failure */
    int domain_after;
};

static void *error_thread(void *opaque)
{
    struct thread_result *r = opaque;
    virDomainPtr dom;

    r->code_at_start = virGetLastErrorCode();
    dom = virDomainLookupByName(r->conn, "no-such-domain-in-thread");
    r->lookup_failed = dom == NULL;
    if (dom)
        virDomainFree(dom);
    r->code_after = virGetLastErrorCode();
    r->domain_after = virGetLastErrorDomain();
    return NULL;
}

static void test_per_thread(virConnectPtr conn)
{
    pthread_t tid;
    struct thread_result r = { conn, -1, 0, -1, -1 };
    virDomainPtr dom;

    /* An error in the main thread is not visible in a new thread. */
    dom = virDomainLookupByName(conn, "no-such-domain-in-main");
    CHECK(dom == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);

    CHECK_INT(pthread_create(&tid, NULL, error_thread, &r), 0);
    CHECK_INT(pthread_join(tid, NULL), 0);
    CHECK_INT(r.code_at_start, VIR_ERR_OK);
    CHECK(r.lookup_failed);
    CHECK_INT(r.code_after, VIR_ERR_NO_DOMAIN);
    CHECK_INT(r.domain_after, VIR_FROM_TEST);

    /* ... and the thread's error did not replace the main thread's one. */
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);

    /* With a clean main thread, the thread's error does not leak here. */
    virResetLastError();
    CHECK_INT(pthread_create(&tid, NULL, error_thread, &r), 0);
    CHECK_INT(pthread_join(tid, NULL), 0);
    CHECK_INT(r.code_after, VIR_ERR_NO_DOMAIN);
    CHECK(virGetLastError() == NULL);
    CHECK_INT(virGetLastErrorCode(), VIR_ERR_OK);
}

/* ---- last error accessors --------------------------------------------- */

static void test_last_error(virConnectPtr conn)
{
    virErrorPtr err;
    virError copy;
    virErrorPtr saved;
    virDomainPtr dom;

    virResetLastError();
    CHECK(virGetLastError() == NULL);
    CHECK_INT(virGetLastErrorCode(), VIR_ERR_OK);
    CHECK_INT(virGetLastErrorDomain(), VIR_FROM_NONE);
    CHECK_STR(virGetLastErrorMessage(), "no error");

    /* A lookup of a missing domain: code 42 from the test driver.
     * libvirt 9.0 reports just "Domain not found" for a missing name. */
    dom = virDomainLookupByName(conn, "missing");
    CHECK(dom == NULL);
    err = virGetLastError();
    CHECK(err != NULL);
    if (err) {
        CHECK_INT(err->code, VIR_ERR_NO_DOMAIN);
        CHECK_INT(err->domain, VIR_FROM_TEST);
        CHECK_INT(err->level, VIR_ERR_ERROR);
        CHECK_SUBSTR(err->message, "Domain not found");
    }
    CHECK_INT(virGetLastErrorCode(), VIR_ERR_NO_DOMAIN);
    CHECK_INT(virGetLastErrorDomain(), VIR_FROM_TEST);
    CHECK_SUBSTR(virGetLastErrorMessage(), "Domain not found");

    /* virCopyLastError returns the code and deep-copies the error. */
    memset(&copy, 0, sizeof(copy));
    CHECK_INT(virCopyLastError(&copy), VIR_ERR_NO_DOMAIN);
    CHECK_INT(copy.code, VIR_ERR_NO_DOMAIN);
    CHECK_INT(copy.domain, VIR_FROM_TEST);
    CHECK_SUBSTR(copy.message, "Domain not found");
    CHECK(err == NULL || copy.message != err->message);
    virResetError(&copy);
    CHECK_INT(copy.code, VIR_ERR_OK);
    CHECK(copy.message == NULL);

    /* virSaveLastError returns a heap copy that outlives a reset. */
    saved = virSaveLastError();
    CHECK(saved != NULL);
    virResetLastError();
    CHECK(virGetLastError() == NULL);
    if (saved) {
        CHECK_INT(saved->code, VIR_ERR_NO_DOMAIN);
        CHECK_INT(saved->domain, VIR_FROM_TEST);
        CHECK_SUBSTR(saved->message, "Domain not found");
        virFreeError(saved);
    }

    /* With no error: virCopyLastError returns 0; libvirt 9.0's
     * virSaveLastError still returns an (empty) error object. */
    memset(&copy, 0, sizeof(copy));
    CHECK_INT(virCopyLastError(&copy), 0);
    CHECK_INT(copy.code, VIR_ERR_OK);
    virResetError(&copy);
    saved = virSaveLastError();
    CHECK(saved != NULL);
    if (saved) {
        CHECK_INT(saved->code, VIR_ERR_OK);
        virFreeError(saved);
    }
    virFreeError(NULL); /* harmless */

    /* Every public API call resets the last error on entry, so a
     * successful call after a failed one leaves no error behind. */
    dom = virDomainLookupByName(conn, "missing");
    CHECK(dom == NULL);
    dom = virDomainLookupByName(conn, "test");
    CHECK(dom != NULL);
    CHECK(virGetLastError() == NULL);
    if (dom)
        virDomainFree(dom);
}

/* ---- NULL handles and arguments --------------------------------------- */

static void test_null_handles(virConnectPtr conn)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    CHECK(virDomainGetName(NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM,
                  "invalid domain pointer in virDomainGetName");

    CHECK_INT(virDomainGetID(NULL), (unsigned int)-1);
    CHECK_ERR(VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM);

    CHECK_INT(virDomainGetUUID(NULL, uuid), -1);
    CHECK_ERR(VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM);

    CHECK_INT(virDomainSuspend(NULL), -1);
    CHECK_ERR(VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM);

    CHECK(virConnectGetType(NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_CONN, VIR_FROM_DOMAIN,
                  "invalid connection pointer in virConnectGetType");

    CHECK(virDomainLookupByName(NULL, "test") == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_CONN, VIR_FROM_DOMAIN,
                  "invalid connection pointer in virDomainLookupByName");

    CHECK(virDomainLookupByName(conn, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                  "name in virDomainLookupByName must not be NULL");

    CHECK(virDomainLookupByUUIDString(conn, "not-a-uuid") == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "Invalid UUID");

    /* libvirt 9.0 reports a NULL connection in virConnectClose from
     * VIR_FROM_NONE, but from VIR_FROM_DOMAIN in virConnectGetType. */
    CHECK_INT(virConnectClose(NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_CONN, VIR_FROM_NONE,
                  "invalid connection pointer in virConnectClose");
}

/* ---- argument checks: libvirt's exact messages ------------------------ */

/* The message is exactly `msg`: libvirt's argument checks
 * (virReportInvalidArg) carry no "invalid argument: " prefix, while errors
 * raised with virReportError do. */
#define CHECK_ARG_ERR(msg)                                   \
    do {                                                     \
        CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);     \
        CHECK_STR(virGetLastErrorMessage(), (msg));          \
    } while (0)

static int noop_lifecycle(virConnectPtr c, virDomainPtr d, int event,
                          int detail, void *opaque)
{
    (void)c; (void)d; (void)event; (void)detail; (void)opaque;
    return 0;
}

static void test_argument_messages(virConnectPtr conn)
{
    virConnectPtr other = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainPtr foreign = other ? virDomainLookupByName(other, "test") : NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0, maxparams = 0, value = 0;

    CHECK(dom != NULL && foreign != NULL);
    if (!dom || !foreign)
        goto out;

    CHECK_INT(virDomainGetInfo(dom, NULL), -1);
    CHECK_ARG_ERR("info in virDomainGetInfo must not be NULL");
    CHECK_INT(virDomainSetMemoryFlags(dom, 0, 0), -1);
    CHECK_ARG_ERR("memory in virDomainSetMemoryFlags must not be zero");
    /* The size is checked before the array, which may be NULL when empty. */
    CHECK_INT(virConnectListDomains(conn, NULL, -1), -1);
    CHECK_ARG_ERR("maxids in virConnectListDomains must be zero or greater");
    CHECK_INT(virConnectListDomains(conn, NULL, 0), 0);
    CHECK_INT(virConnectListDefinedDomains(conn, NULL, 1), -1);
    CHECK_ARG_ERR("names in virConnectListDefinedDomains must not be NULL");
    CHECK_INT(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, "a\nb",
                                   NULL, NULL, 0), -1);
    CHECK_ARG_ERR("metadata title can't contain newlines");
    CHECK(virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL,
                               VIR_DOMAIN_AFFECT_LIVE |
                               VIR_DOMAIN_AFFECT_CONFIG) == NULL);
    CHECK_ARG_ERR("Flags 'VIR_DOMAIN_AFFECT_LIVE' and "
                  "'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
    CHECK_INT(virConnectDomainEventRegisterAny(conn, foreign,
                  VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                  VIR_DOMAIN_EVENT_CALLBACK(noop_lifecycle), NULL, NULL), -1);
    CHECK_ARG_ERR("domain 'test' must match connection");
    CHECK_INT(virConnectDomainEventRegisterAny(conn, NULL, 1000,
                  VIR_DOMAIN_EVENT_CALLBACK(noop_lifecycle), NULL, NULL), -1);
    CHECK_ARG_ERR("eventID must be less than 27");

    /* Reported through virReportError: with the prefix. */
    CHECK_INT(virTypedParamsAddUInt(&params, &nparams, &maxparams, "a", 1), 0);
    CHECK_INT(virTypedParamsGetInt(params, nparams, "a", &value), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
    CHECK_STR(virGetLastErrorMessage(), "invalid argument: Invalid type 'int' "
              "requested for parameter 'a', actual type is 'uint'");
    virTypedParamsFree(params, nparams);

out:
    if (foreign)
        virDomainFree(foreign);
    if (dom)
        virDomainFree(dom);
    if (other)
        virConnectClose(other);
}

/* ---- global handler --------------------------------------------------- */

static int handler_calls;
static int handler_code;
static void *handler_opaque;

static void counting_handler(void *opaque, virErrorPtr err)
{
    handler_calls++;
    handler_opaque = opaque;
    handler_code = err ? err->code : -1;
}

static void test_global_handler(virConnectPtr conn)
{
    int marker = 0;
    char dir[] = "/tmp/vireo-capi-errors-XXXXXX";
    char path[sizeof(dir) + 16];
    FILE *f;
    char buf[4096];
    size_t n;
    int saved_stderr;

    virSetErrorFunc(&marker, counting_handler);
    handler_calls = 0;
    CHECK(virDomainLookupByName(conn, "missing") == NULL);
    CHECK_INT(handler_calls, 1);
    CHECK_INT(handler_code, VIR_ERR_NO_DOMAIN);
    CHECK(handler_opaque == &marker);

    /* A handle error is dispatched to the global handler too. */
    CHECK(virDomainGetName(NULL) == NULL);
    CHECK_INT(handler_calls, 2);
    CHECK_INT(handler_code, VIR_ERR_INVALID_DOMAIN);

    /* virSetErrorFunc(NULL, NULL) restores the default handler, which
     * prints "libvirt: <domain> error : <message>" to stderr. */
    virSetErrorFunc(NULL, NULL);
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/stderr", dir);
    fflush(stderr);
    saved_stderr = dup(STDERR_FILENO);
    f = fopen(path, "w+");
    CHECK(f != NULL);
    if (f && saved_stderr >= 0) {
        dup2(fileno(f), STDERR_FILENO);
        CHECK(virDomainLookupByName(conn, "printed-by-default") == NULL);
        fflush(stderr);
        dup2(saved_stderr, STDERR_FILENO);
        rewind(f);
        n = fread(buf, 1, sizeof(buf) - 1, f);
        buf[n] = '\0';
        CHECK_SUBSTR(buf, "libvirt:");
        CHECK_SUBSTR(buf, "Domain not found");
        CHECK_INT(handler_calls, 2); /* our handler is gone */
    }
    if (f)
        fclose(f);
    if (saved_stderr >= 0)
        close(saved_stderr);
    unlink(path);
    rmdir(dir);

    check_init(); /* quiet again */
}

/* ---- per-connection error and handler --------------------------------- */

static int conn_handler_calls;
static int conn_handler_code;

static void conn_handler(void *opaque, virErrorPtr err)
{
    (void)opaque;
    conn_handler_calls++;
    conn_handler_code = err ? err->code : -1;
}

static void test_conn_errors(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virErrorPtr cerr;
    virError copy;
    virDomainPtr dom;

    CHECK(conn != NULL);
    if (!conn)
        return;

    /* libvirt 9.0: the connection error is an embedded object, so
     * virConnGetLastError returns non-NULL with code VIR_ERR_OK. */
    cerr = virConnGetLastError(conn);
    CHECK(cerr == NULL || cerr->code == VIR_ERR_OK);

    CHECK(virDomainLookupByName(conn, "missing") == NULL);
    cerr = virConnGetLastError(conn);
    CHECK(cerr != NULL);
    if (cerr) {
        CHECK_INT(cerr->code, VIR_ERR_NO_DOMAIN);
        CHECK_INT(cerr->domain, VIR_FROM_TEST);
        CHECK_SUBSTR(cerr->message, "Domain not found");
    }

    memset(&copy, 0, sizeof(copy));
    CHECK_INT(virConnCopyLastError(conn, &copy), VIR_ERR_NO_DOMAIN);
    CHECK_INT(copy.code, VIR_ERR_NO_DOMAIN);
    CHECK_SUBSTR(copy.message, "Domain not found");
    virResetError(&copy);

    virConnResetLastError(conn);
    cerr = virConnGetLastError(conn);
    CHECK(cerr == NULL || cerr->code == VIR_ERR_OK);
    memset(&copy, 0, sizeof(copy));
    CHECK_INT(virConnCopyLastError(conn, &copy), 0);
    virResetError(&copy);
    /* Resetting the connection's error leaves the thread's one alone. */
    CHECK_INT(virGetLastErrorCode(), VIR_ERR_NO_DOMAIN);

    /* A connection handler takes precedence over the global one. */
    handler_calls = 0;
    virSetErrorFunc(NULL, counting_handler);
    virConnSetErrorFunc(conn, NULL, conn_handler);
    conn_handler_calls = 0;
    CHECK(virDomainLookupByName(conn, "missing") == NULL);
    CHECK_INT(conn_handler_calls, 1);
    CHECK_INT(conn_handler_code, VIR_ERR_NO_DOMAIN);
    CHECK_INT(handler_calls, 0);

    /* Errors raised through a domain of that connection go there too. */
    dom = virDomainLookupByName(conn, "test");
    CHECK(dom != NULL);
    if (dom) {
        CHECK_INT(virDomainResume(dom), -1); /* running: not paused */
        CHECK_INT(conn_handler_calls, 2);
        CHECK_INT(conn_handler_code, VIR_ERR_INTERNAL_ERROR);
        CHECK_INT(handler_calls, 0);
        virDomainFree(dom);
    }

    /* An error with no connection goes to the global handler. */
    CHECK(virDomainGetName(NULL) == NULL);
    CHECK_INT(handler_calls, 1);
    CHECK_INT(conn_handler_calls, 2);

    /* Removing the connection handler falls back to the global one. */
    virConnSetErrorFunc(conn, NULL, NULL);
    CHECK(virDomainLookupByName(conn, "missing") == NULL);
    CHECK_INT(conn_handler_calls, 2);
    CHECK_INT(handler_calls, 2);

    check_init();
    CHECK_INT(virConnectClose(conn), 0);
}

/* ---- failing opens ---------------------------------------------------- */

static void test_failing_opens(void)
{
    virConnectPtr conn;
    virErrorPtr err;

    /* No driver claims "bogus". A library without a remote driver reports
     * VIR_ERR_NO_CONNECT naming the URI; libvirt 9.0 hands unknown URIs to
     * its remote driver, which fails to reach the daemon socket here with
     * VIR_ERR_SYSTEM_ERROR from VIR_FROM_RPC. Either is accepted. */
    conn = virConnectOpen("bogus:///x");
    CHECK(conn == NULL);
    err = virGetLastError();
    CHECK(err != NULL);
    if (err) {
        CHECK(err->code == VIR_ERR_NO_CONNECT ||
              (err->code == VIR_ERR_SYSTEM_ERROR && err->domain == VIR_FROM_RPC));
        if (err->code == VIR_ERR_NO_CONNECT)
            CHECK_SUBSTR(err->message, "bogus:///x");
    }
    if (conn)
        virConnectClose(conn);

    conn = virConnectOpen("test:///");
    CHECK(conn == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "testOpen: supply a path or use test:///default");
    if (conn)
        virConnectClose(conn);
}

int main(void)
{
    virConnectPtr conn;

    check_init();
    conn = virConnectOpen("test:///default");
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("test_errors");

    test_last_error(conn);
    test_per_thread(conn);
    test_null_handles(conn);
    test_argument_messages(conn);
    test_global_handler(conn);
    test_conn_errors();
    test_failing_opens();

    CHECK_INT(virConnectClose(conn), 0);
    return check_finish("test_errors");
}
