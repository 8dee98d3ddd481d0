/*
 * test_remote_stream.c: streams through the remote driver.
 *
 * Passes against libvirt's client too (the differences are spelled out).
 *
 * Run by tests/remote/stream_test.py inside with_libvirtd.py, which saves
 * the screenshot that libvirt's own client gets from the same daemon in
 * VIREO_REF_SCREENSHOT. Against the daemon's test:///default:
 *  - virDomainScreenshot: the MIME type and the same PNG bytes as libvirt's;
 *  - a stream aborted mid-transfer: later calls say it is not open, the
 *    connection goes on working;
 *  - a non-blocking stream read from READABLE events of the default event
 *    loop, which also reads the connection's socket;
 *  - a stream freed without finishing: the connection goes on working;
 *  - the libvirt-qemu and libvirt-lxc programs reach the daemon, whose test
 *    driver refuses them with its own error.
 */
#include "../capi/check.h"

#include <libvirt/libvirt-lxc.h>
#include <libvirt/libvirt-qemu.h>

struct shot {
    char *data;
    size_t len;
    size_t cap;
    int done;
    int events;
    int failed;
};

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc(size + 1);
        if (buf && fread(buf, 1, size, f) != (size_t)size) {
            free(buf);
            buf = NULL;
        }
        *len = size;
    }
    fclose(f);
    return buf;
}

static void append(struct shot *s, const char *data, size_t n)
{
    if (s->len + n > s->cap) {
        s->cap = (s->len + n) * 2;
        s->data = realloc(s->data, s->cap);
    }
    memcpy(s->data + s->len, data, n);
    s->len += n;
}

/* Reads a blocking stream to its end; -1 on error. */
static int read_all(virStreamPtr st, struct shot *s)
{
    char buf[4096];
    int got;

    while ((got = virStreamRecv(st, buf, sizeof(buf))) > 0)
        append(s, buf, got);
    return got;
}

static void on_readable(virStreamPtr st, int events, void *opaque)
{
    struct shot *s = opaque;
    char buf[1000];
    int got;

    s->events++;
    if (!(events & VIR_STREAM_EVENT_READABLE))
        return;
    while ((got = virStreamRecv(st, buf, sizeof(buf))) > 0)
        append(s, buf, got);
    if (got == 0) {
        s->done = 1;
        virStreamEventRemoveCallback(st);
    } else if (got == -1) {
        s->failed = 1;
        s->done = 1;
        virStreamEventRemoveCallback(st);
    }
}

int main(void)
{
    const char *ref_path = getenv("VIREO_REF_SCREENSHOT");
    struct shot s = {0}, e = {0};
    size_t ref_len = 0;
    char *ref, *mime, *host;
    char buf[100];
    virConnectPtr conn;
    virDomainPtr dom;
    virStreamPtr st;
    int i;

    if (!check_is_remote() || !ref_path) {
        fprintf(stderr, "SKIP: run through tests/remote/stream_test.py\n");
        return 77;
    }
    check_init();
    CHECK_INT(virEventRegisterDefaultImpl(), 0);
    ref = read_file(ref_path, &ref_len);
    CHECK(ref != NULL && ref_len > 8);
    conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn || !ref)
        return check_finish("test_remote_stream");
    dom = virDomainLookupByName(conn, "test");
    CHECK(dom != NULL);

    /* the screenshot, as libvirt's client gets it */
    st = virStreamNew(conn, 0);
    mime = virDomainScreenshot(dom, st, 0, 0);
    CHECK_STR(mime, "image/png");
    free(mime);
    CHECK_INT(read_all(st, &s), 0);
    CHECK_INT(s.len, ref_len);
    CHECK(s.len == ref_len && memcmp(s.data, ref, ref_len) == 0);
    CHECK_INT(virStreamFinish(st), 0);
    CHECK_INT(virStreamRecv(st, buf, sizeof(buf)), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_RPC, "stream is closed");
    CHECK_INT(virStreamFree(st), 0);

    /* aborted after the first bytes; the connection goes on */
    st = virStreamNew(conn, 0);
    mime = virDomainScreenshot(dom, st, 0, 0);
    CHECK(mime != NULL);
    free(mime);
    CHECK_INT(virStreamRecv(st, buf, sizeof(buf)), sizeof(buf));
    CHECK(memcmp(buf, ref, sizeof(buf)) == 0);
    CHECK_INT(virStreamAbort(st), 0);
    CHECK_INT(virStreamRecv(st, buf, sizeof(buf)), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_RPC, "stream is closed");
    /* once ended, libvirt's remote streams refuse another Abort or Finish;
     * vireo's streams of every kind accept them (doc/remote.md) */
    CHECK_INT(virStreamAbort(st), check_client_is_vireo() ? 0 : -1);
    CHECK_INT(virStreamFinish(st), check_client_is_vireo() ? 0 : -1);
    CHECK_INT(virStreamFree(st), 0);
    host = virConnectGetHostname(conn);
    CHECK(host != NULL);
    free(host);

    /* a non-blocking stream read from the event loop's READABLE events */
    st = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    mime = virDomainScreenshot(dom, st, 0, 0);
    CHECK(mime != NULL);
    free(mime);
    CHECK_INT(virStreamEventAddCallback(st, VIR_STREAM_EVENT_READABLE, on_readable, &e, NULL), 0);
    for (i = 0; i < 1000 && !e.done; i++)
        virEventRunDefaultImpl();
    CHECK(e.done);
    CHECK_INT(e.failed, 0);
    CHECK(e.events >= 1);
    CHECK(e.len == ref_len && memcmp(e.data, ref, ref_len) == 0);
    CHECK_INT(virStreamFinish(st), 0);
    CHECK_INT(virStreamFree(st), 0);

    /* freed in the middle: libvirt aborts it; the next call works */
    st = virStreamNew(conn, 0);
    mime = virDomainScreenshot(dom, st, 0, 0);
    free(mime);
    CHECK_INT(virStreamFree(st), 0);
    host = virConnectGetHostname(conn);
    CHECK(host != NULL);
    free(host);

    /* the libvirt-qemu program reaches the daemon, which refuses it for the test driver */
    CHECK_INT(virDomainQemuMonitorCommand(dom, "{\"execute\":\"query-status\"}", &mime, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_NONE,
                  "this function is not supported by the connection driver: virDomainQemuMonitorCommand");
    CHECK(virDomainQemuAgentCommand(dom, "{\"execute\":\"guest-ping\"}", 1, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_NONE,
                  "this function is not supported by the connection driver: virDomainQemuAgentCommand");
    {
        int *fds = NULL;
        CHECK_INT(virDomainLxcOpenNamespace(dom, &fds, 0), -1);
        CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_NONE,
                      "this function is not supported by the connection driver: virDomainLxcOpenNamespace");
        free(fds);
    }

    virDomainFree(dom);
    CHECK_INT(virConnectClose(conn), 0);
    free(ref);
    free(s.data);
    free(e.data);
    return check_finish("test_remote_stream");
}
