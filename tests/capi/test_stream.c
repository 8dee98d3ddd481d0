/*
 * test_stream.c: stream handles on test:///default, before any driver call
 * opens them.
 *
 * Asserts libvirt 9.0.0's behaviour (passes against it too):
 * - virStreamNew works on read-write and read-only connections, with any
 *   flags; Ref/Free count references and the connection outlives its
 *   streams;
 * - a NULL or foreign stream pointer is VIR_ERR_INVALID_STREAM,
 *   "invalid stream pointer in <function>", in VIR_FROM_STREAMS;
 * - a stream no driver opened reports VIR_ERR_NO_SUPPORT for every data and
 *   event call and for Finish, while Abort succeeds;
 * - NULL buffers and callbacks are VIR_ERR_INVALID_ARG;
 * - the *All helpers refuse a non-blocking stream;
 * - a valid stream passed to a domain call the driver lacks gives that
 *   call's VIR_ERR_NO_SUPPORT, not an invalid-stream error.
 * Run through tests/remote/with_libvirtd.py it checks the same against the
 * daemon's test driver, through the remote driver's streams.
 */
#include "check.h"

#define NO_SUPPORT(fn) "this function is not supported by the connection driver: " fn

#define CHECK_FAILS_INT(call, code, domain, msg)   \
    do {                                           \
        virResetLastError();                       \
        CHECK_INT((call), -1);                     \
        CHECK_ERR_MSG(code, domain, msg);          \
    } while (0)

#define CHECK_FAILS_PTR(call, code, domain, msg)   \
    do {                                           \
        virResetLastError();                       \
        CHECK((call) == NULL);                     \
        CHECK_ERR_MSG(code, domain, msg);          \
    } while (0)

static char not_a_handle[64];

static int source_calls;

static int source(virStreamPtr st, char *data, size_t nbytes, void *opaque)
{
    (void)st; (void)data; (void)nbytes; (void)opaque;
    source_calls++;
    return 0;
}

static int sink(virStreamPtr st, const char *data, size_t nbytes, void *opaque)
{
    (void)st; (void)data; (void)opaque;
    return (int)nbytes;
}

static void ignored_event(virStreamPtr st, int events, void *opaque)
{
    (void)st; (void)events; (void)opaque;
}

static void test_refs(void)
{
    virConnectPtr conn = virConnectOpen(check_default_uri());
    virStreamPtr st;

    CHECK(conn != NULL);
    st = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    CHECK(st != NULL);
    CHECK_INT(virStreamRef(st), 0);
    CHECK_INT(virStreamFree(st), 0);
    /* The stream holds a reference to its connection. */
    CHECK_INT(virConnectClose(conn), 1);
    CHECK_INT(virStreamFree(st), 0);

    conn = virConnectOpenReadOnly(check_default_uri());
    st = virStreamNew(conn, 0x7);  /* libvirt does not check the flags */
    CHECK(st != NULL);
    CHECK_INT(virStreamFree(st), 0);
    CHECK_INT(virConnectClose(conn), 0);
}

static void test_invalid(void)
{
    virStreamPtr fake = (virStreamPtr)(void *)not_a_handle;
    char buf[8];

    CHECK_FAILS_INT(virStreamRef(NULL), VIR_ERR_INVALID_STREAM, VIR_FROM_STREAMS,
                    "invalid stream pointer in virStreamRef");
    CHECK_FAILS_INT(virStreamFree(fake), VIR_ERR_INVALID_STREAM, VIR_FROM_STREAMS,
                    "invalid stream pointer in virStreamFree");
    CHECK_FAILS_INT(virStreamRecv(fake, buf, sizeof(buf)), VIR_ERR_INVALID_STREAM, VIR_FROM_STREAMS,
                    "invalid stream pointer in virStreamRecv");
    CHECK_FAILS_INT(virStreamFinish(NULL), VIR_ERR_INVALID_STREAM, VIR_FROM_STREAMS,
                    "invalid stream pointer in virStreamFinish");
    CHECK_FAILS_INT(virStreamAbort(fake), VIR_ERR_INVALID_STREAM, VIR_FROM_STREAMS,
                    "invalid stream pointer in virStreamAbort");
    CHECK_FAILS_INT(virStreamEventRemoveCallback(NULL), VIR_ERR_INVALID_STREAM, VIR_FROM_STREAMS,
                    "invalid stream pointer in virStreamEventRemoveCallback");
    virResetLastError();
    CHECK(virStreamNew(NULL, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_CONN, VIR_FROM_STREAMS, "invalid connection pointer in virStreamNew");
}

static void test_unopened(virConnectPtr conn)
{
    virStreamPtr st = virStreamNew(conn, 0);
    char buf[8];
    long long length = 0;

    CHECK_FAILS_INT(virStreamSend(st, "abc", 3), VIR_ERR_NO_SUPPORT, VIR_FROM_STREAMS,
                    NO_SUPPORT("virStreamSend"));
    CHECK_FAILS_INT(virStreamRecv(st, buf, sizeof(buf)), VIR_ERR_NO_SUPPORT, VIR_FROM_STREAMS,
                    NO_SUPPORT("virStreamRecv"));
    CHECK_FAILS_INT(virStreamRecvFlags(st, buf, sizeof(buf), 0), VIR_ERR_NO_SUPPORT, VIR_FROM_STREAMS,
                    NO_SUPPORT("virStreamRecvFlags"));
    CHECK_FAILS_INT(virStreamSendHole(st, 10, 0), VIR_ERR_NO_SUPPORT, VIR_FROM_STREAMS,
                    NO_SUPPORT("virStreamSendHole"));
    CHECK_FAILS_INT(virStreamRecvHole(st, &length, 0), VIR_ERR_NO_SUPPORT, VIR_FROM_STREAMS,
                    NO_SUPPORT("virStreamRecvHole"));
    CHECK_FAILS_INT(virStreamEventAddCallback(st, VIR_STREAM_EVENT_READABLE, ignored_event, NULL, NULL),
                    VIR_ERR_NO_SUPPORT, VIR_FROM_STREAMS, NO_SUPPORT("virStreamEventAddCallback"));
    CHECK_FAILS_INT(virStreamEventUpdateCallback(st, VIR_STREAM_EVENT_READABLE), VIR_ERR_NO_SUPPORT,
                    VIR_FROM_STREAMS, NO_SUPPORT("virStreamEventUpdateCallback"));
    CHECK_FAILS_INT(virStreamEventRemoveCallback(st), VIR_ERR_NO_SUPPORT, VIR_FROM_STREAMS,
                    NO_SUPPORT("virStreamEventRemoveCallback"));
    CHECK_FAILS_INT(virStreamFinish(st), VIR_ERR_NO_SUPPORT, VIR_FROM_STREAMS, NO_SUPPORT("virStreamFinish"));
    /* The source says "end of data" at once, so nothing is sent. */
    CHECK_INT(virStreamSendAll(st, source, NULL), 0);
    CHECK_INT(source_calls, 1);
    CHECK_FAILS_INT(virStreamRecvAll(st, sink, NULL), VIR_ERR_NO_SUPPORT, VIR_FROM_STREAMS,
                    NO_SUPPORT("virStreamRecv"));
    /* Aborting a stream without a driver is a no-op, twice. */
    CHECK_INT(virStreamAbort(st), 0);
    CHECK_INT(virStreamAbort(st), 0);

    /* Argument checks. */
    CHECK_FAILS_INT(virStreamSend(st, NULL, 3), VIR_ERR_INVALID_ARG, VIR_FROM_STREAMS,
                    "data in virStreamSend must not be NULL");
    CHECK_FAILS_INT(virStreamRecv(st, NULL, 3), VIR_ERR_INVALID_ARG, VIR_FROM_STREAMS,
                    "data in virStreamRecv must not be NULL");
    CHECK_FAILS_INT(virStreamSendAll(st, NULL, NULL), VIR_ERR_INVALID_ARG, VIR_FROM_STREAMS,
                    "handler in virStreamSendAll must not be NULL");
    CHECK_FAILS_INT(virStreamRecvAll(st, NULL, NULL), VIR_ERR_INVALID_ARG, VIR_FROM_STREAMS,
                    "handler in virStreamRecvAll must not be NULL");
    CHECK_INT(virStreamFree(st), 0);

    st = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    CHECK_FAILS_INT(virStreamSendAll(st, source, NULL), VIR_ERR_OPERATION_INVALID, VIR_FROM_STREAMS,
                    "data sources cannot be used for non-blocking streams");
    CHECK_FAILS_INT(virStreamRecvAll(st, sink, NULL), VIR_ERR_OPERATION_INVALID, VIR_FROM_STREAMS,
                    "data sinks cannot be used for non-blocking streams");
    CHECK_INT(virStreamFree(st), 0);
}

static void test_domain_calls(virConnectPtr conn)
{
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virStreamPtr st = virStreamNew(conn, 0);

    CHECK(dom != NULL);
    /* A valid stream gets past the argument checks to the driver. */
    CHECK_FAILS_INT(virDomainOpenConsole(dom, NULL, st, 0), VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN,
                    NO_SUPPORT("virDomainOpenConsole"));
    CHECK_FAILS_INT(virDomainOpenChannel(dom, NULL, st, 0), VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN,
                    NO_SUPPORT("virDomainOpenChannel"));
    CHECK_FAILS_INT(virDomainOpenConsole(dom, NULL, NULL, 0), VIR_ERR_INVALID_STREAM, VIR_FROM_STREAMS,
                    "invalid stream pointer in virDomainOpenConsole");
    CHECK_INT(virStreamFree(st), 0);
    virDomainFree(dom);
}

/* virDomainScreenshot: a PNG through the stream, for a running or a shut
 * off domain; libvirt's flags and read-only refusals. */
static void test_screenshot(virConnectPtr conn)
{
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virStreamPtr st = virStreamNew(conn, 0);
    virConnectPtr ro;
    char *mime;
    char buf[4096];
    long long total = 0;
    unsigned char head[8] = {0};
    int n;

    CHECK(dom != NULL && st != NULL);
    if (!dom || !st)
        return;
    mime = virDomainScreenshot(dom, st, 0, 0);
    CHECK_STR(mime, "image/png");
    free(mime);
    while ((n = virStreamRecv(st, buf, sizeof(buf))) > 0) {
        if (total == 0 && n >= 8)
            memcpy(head, buf, 8);
        total += n;
    }
    CHECK_INT(n, 0);
    CHECK(total > 67); /* more than an empty PNG */
    CHECK(memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0);
    CHECK_INT(virStreamFinish(st), 0);
    CHECK_INT(virStreamFree(st), 0);

    st = virStreamNew(conn, 0);
    CHECK_FAILS_PTR(virDomainScreenshot(dom, st, 0, 1), VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                    "unsupported flags (0x1) in function testDomainScreenshot");
    /* any screen, running or not */
    CHECK_INT(virDomainDestroy(dom), 0);
    mime = virDomainScreenshot(dom, st, 7, 0);
    CHECK_STR(mime, "image/png");
    free(mime);
    CHECK_INT(virStreamAbort(st), 0);
    CHECK_INT(virStreamFree(st), 0);
    CHECK_INT(virDomainCreate(dom), 0);
    virDomainFree(dom);

    ro = virConnectOpenReadOnly(check_default_uri());
    dom = ro ? virDomainLookupByName(ro, "test") : NULL;
    st = ro ? virStreamNew(ro, 0) : NULL;
    CHECK(dom != NULL && st != NULL);
    if (dom && st)
        CHECK_FAILS_PTR(virDomainScreenshot(dom, st, 0, 0), VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                        "read only access prevents virDomainScreenshot");
    if (st)
        virStreamFree(st);
    if (dom)
        virDomainFree(dom);
    if (ro)
        virConnectClose(ro);
}

int main(void)
{
    virConnectPtr conn;

    virSetErrorFunc(NULL, check_quiet_error_func);
    test_refs();
    test_invalid();
    conn = virConnectOpen(check_default_uri());
    test_unopened(conn);
    test_domain_calls(conn);
    test_screenshot(conn);
    virConnectClose(conn);
    return check_finish("stream");
}
