/*
 * virDomainOpenConsole on the QEMU driver with a real qemu-system-x86_64
 * (TCG) and the test guest, which writes to COM1 and echoes what it reads:
 * the guest's output read through the stream, input echoed back, the
 * exclusive session (a second open fails, FORCE takes the console over and
 * aborts the first stream), selection by alias, the argument errors, the
 * console of a domain taken over by a second process, and a stream on a
 * virtio channel's UNIX socket (virDomainOpenChannel).
 *
 * Usage: qemu-console-test GUEST_IMAGE
 *        qemu-console-test --takeover ROOT NAME   (the second process)
 */

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../capi/check.h"
#include "qemu_test_support.h"

static const char *image;
static char *root;

/* Reads a non-blocking stream until `needle` appears or `ms` pass; 1 if it
 * appeared, 0 on timeout, -1 when the stream failed or ended. */
static int stream_wait_for(virStreamPtr st, const char *needle, int ms)
{
    char seen[8192];
    size_t len = 0;
    long long deadline = qt_now_ms() + ms;
    seen[0] = '\0';
    while (qt_now_ms() < deadline) {
        char buf[512];
        int n = virStreamRecv(st, buf, sizeof buf);
        if (n == -2) {
            usleep(10000);
            continue;
        }
        if (n <= 0)
            return -1;
        if (len + (size_t)n >= sizeof seen) {  /* keep the tail */
            size_t keep = sizeof seen / 2;
            memmove(seen, seen + len - keep, keep);
            len = keep;
        }
        memcpy(seen + len, buf, (size_t)n);
        len += (size_t)n;
        seen[len] = '\0';
        if (strstr(seen, needle))
            return 1;
    }
    return 0;
}

static int send_all(virStreamPtr st, const char *text)
{
    size_t off = 0, len = strlen(text);
    while (off < len) {
        int n = virStreamSend(st, text + off, len - off);
        if (n == -2) {
            usleep(1000);
            continue;
        }
        if (n < 0)
            return -1;
        off += (size_t)n;
    }
    return 0;
}

/* Opens the console (`dev` may be NULL) on a new non-blocking stream. */
static virStreamPtr open_console(virDomainPtr dom, const char *dev, unsigned int flags)
{
    virStreamPtr st = virStreamNew(virDomainGetConnect(dom), VIR_STREAM_NONBLOCK);
    if (virDomainOpenConsole(dom, dev, st, flags) < 0) {
        virStreamFree(st);
        return NULL;
    }
    return st;
}

static void test_console(virConnectPtr conn)
{
    char *xml = qt_guest_xml("con", image, NULL);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    virStreamPtr st, second, forced;
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;

    /* Not running yet. */
    st = virStreamNew(conn, 0);
    CHECK_INT(virDomainOpenConsole(dom, NULL, st, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
    virStreamFree(st);

    CHECK_INT(virDomainCreate(dom), 0);
    st = open_console(dom, NULL, 0);
    CHECK(st != NULL);
    if (!st)
        goto out;
    /* The guest says "alive" now and then; anything it prints will do. */
    CHECK_INT(stream_wait_for(st, "vireo-guest:", 30000), 1);
    CHECK_INT(send_all(st, "ping-42"), 0);
    CHECK_INT(stream_wait_for(st, "ping-42", 20000), 1);

    /* One session at a time. */
    second = virStreamNew(conn, 0);
    CHECK_INT(virDomainOpenConsole(dom, NULL, second, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU, "Active console session exists for this domain");
    CHECK_INT(virDomainOpenConsole(dom, "serial0", second, VIR_DOMAIN_CONSOLE_SAFE), -1);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU);
    virStreamFree(second);

    /* FORCE takes it over: the first stream is aborted. */
    forced = open_console(dom, "serial0", VIR_DOMAIN_CONSOLE_FORCE);
    CHECK(forced != NULL);
    {
        char buf[16];
        CHECK_INT(virStreamRecv(st, buf, sizeof buf), -1);
        CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_STREAMS, "stream is not open");
    }
    virStreamFree(st);
    if (forced) {
        CHECK_INT(send_all(forced, "pong-7"), 0);
        CHECK_INT(stream_wait_for(forced, "pong-7", 20000), 1);
        CHECK_INT(virStreamFinish(forced), 0);
        virStreamFree(forced);
    }

    /* A finished session frees the console. */
    st = open_console(dom, NULL, 0);
    CHECK(st != NULL);
    if (st) {
        CHECK_INT(virStreamAbort(st), 0);
        virStreamFree(st);
    }

    /* Argument errors. */
    st = virStreamNew(conn, 0);
    CHECK_INT(virDomainOpenConsole(dom, "nosuch0", st, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "cannot find character device nosuch0");
    CHECK_INT(virDomainOpenConsole(dom, NULL, st, 0x10), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU);
    CHECK_INT(virDomainOpenChannel(dom, NULL, st, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "cannot find channel <null>");
    virStreamFree(st);
    {
        virConnectPtr ro = virConnectOpenReadOnly(qt_embed_uri(root));
        virDomainPtr rodom = ro ? virDomainLookupByName(ro, "con") : NULL;
        CHECK(rodom != NULL);
        if (rodom) {
            st = virStreamNew(ro, 0);
            CHECK_INT(virDomainOpenConsole(rodom, NULL, st, 0), -1);
            CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN);
            virStreamFree(st);
            virDomainFree(rodom);
        }
        if (ro)
            virConnectClose(ro);
    }

out:
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK_INT(virDomainUndefine(dom), 0);
    virDomainFree(dom);
}

/* A stream on the UNIX socket of a virtio channel QEMU listens on. */
static void test_channel(virConnectPtr conn)
{
    char extra[1024], *xml;
    virDomainPtr dom;
    virStreamPtr st, second, forced;
    snprintf(extra, sizeof extra,
             "<channel type='unix'><source mode='bind' path='%s/chan.sock'/>"
             "<target type='virtio' name='org.vireo.test'/></channel>"
             "<channel type='pty'><target type='virtio' name='org.vireo.pty'/></channel>",
             root);
    xml = qt_guest_xml("chan", image, extra);
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    st = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    CHECK_INT(virDomainOpenChannel(dom, "org.vireo.test", st, 0), 0);
    CHECK(virStreamSend(st, "hi", 2) == 2);

    second = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    CHECK_INT(virDomainOpenChannel(dom, NULL, second, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU, "Active channel stream exists for this domain");
    CHECK_INT(virDomainOpenChannel(dom, "org.vireo.pty", second, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "channel org.vireo.pty is not using a UNIX socket");
    virStreamFree(second);

    forced = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    CHECK_INT(virDomainOpenChannel(dom, "channel0", forced, VIR_DOMAIN_CHANNEL_FORCE), 0);
    CHECK_INT(virStreamSend(st, "x", 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_STREAMS, "stream is not open");
    CHECK_INT(virStreamFinish(forced), 0);
    virStreamFree(forced);
    virStreamFree(st);
    CHECK_INT(virDomainDestroy(dom), 0);
    virDomainFree(dom);
}

/* The second process: the pty path comes from the status file. */
static int takeover_child(const char *childroot, const char *name)
{
    virConnectPtr conn = virConnectOpen(qt_embed_uri(childroot));
    virDomainPtr dom = conn ? virDomainLookupByName(conn, name) : NULL;
    CHECK(dom != NULL);
    if (dom) {
        virStreamPtr st = open_console(dom, NULL, 0);
        CHECK(st != NULL);
        if (st) {
            CHECK_INT(send_all(st, "taken-over"), 0);
            CHECK_INT(stream_wait_for(st, "taken-over", 20000), 1);
            CHECK_INT(virStreamFinish(st), 0);
            virStreamFree(st);
        }
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
    }
    if (conn)
        virConnectClose(conn);
    return check_finish("qemu-console-takeover-child");
}

static void test_takeover(const char *self)
{
    virConnectPtr conn = virConnectOpen(qt_embed_uri(root));
    char *xml = qt_guest_xml("kept", image, NULL);
    virDomainPtr dom = conn ? virDomainCreateXML(conn, xml, 0) : NULL;
    int status = -1;
    pid_t child;
    free(xml);
    CHECK(dom != NULL);
    if (dom)
        virDomainFree(dom);
    if (conn)
        CHECK_INT(virConnectClose(conn), 0);
    if (!dom)
        return;
    child = fork();
    if (child == 0) {
        execl(self, self, "--takeover", root, "kept", (char *)NULL);
        _exit(127);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_INT(qt_count_domain_dirs(root), 0);
}

int main(int argc, char **argv)
{
    virConnectPtr conn;
    virSetErrorFunc(NULL, check_quiet_error_func);
    if (argc == 4 && strcmp(argv[1], "--takeover") == 0)
        return takeover_child(argv[2], argv[3]);
    if (argc != 2) {
        fprintf(stderr, "usage: %s GUEST_IMAGE\n", argv[0]);
        return 2;
    }
    image = argv[1];
    qt_require_qemu_and_guest(image);
    root = qt_make_root();
    qt_start_event_loop();

    conn = virConnectOpen(qt_embed_uri(root));
    CHECK(conn != NULL);
    if (conn) {
        test_console(conn);
        test_channel(conn);
        CHECK_INT(virConnectClose(conn), 0);
    }
    test_takeover(argv[0]);
    qt_remove_tree(root);
    return check_finish("qemu-console");
}
