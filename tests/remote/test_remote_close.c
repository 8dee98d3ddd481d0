/*
 * test_remote_close.c: a remote connection whose daemon dies.
 *
 * Run by tests/remote/with_libvirtd.py beside a private libvirtd. With the
 * default event loop running, it registers a close callback (libvirt's
 * one-per-connection rules), kills the daemon with SIGKILL, and checks that
 * the callback arrives with VIR_CONNECT_CLOSE_REASON_EOF, that
 * virConnectIsAlive says 0 and that the next call fails at once with
 * libvirt's error instead of hanging; then that unregistering releases the
 * callback's data and closing the connection works.
 */
#include "../capi/check.h"

#include <signal.h>
#include <time.h>

static int closed_reason = -1;
static int close_calls;
static int freed;

static void on_close(virConnectPtr conn, int reason, void *opaque)
{
    (void)conn;
    (void)opaque;
    closed_reason = reason;
    close_calls++;
}

static void on_close_other(virConnectPtr conn, int reason, void *opaque)
{
    (void)conn;
    (void)reason;
    (void)opaque;
}

static void free_opaque(void *opaque)
{
    (void)opaque;
    freed++;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
    const char *pid_text = getenv("VIREO_LIBVIRTD_PID");
    virConnectPtr conn;
    double start;
    char *host;

    if (!check_is_remote() || !pid_text) {
        fprintf(stderr, "SKIP: run through tests/remote/with_libvirtd.py\n");
        return 77;
    }
    CHECK_INT(virEventRegisterDefaultImpl(), 0);
    conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("test_remote_close");

    CHECK_INT(virConnectIsAlive(conn), 1);
    CHECK_INT(virConnectRegisterCloseCallback(conn, on_close, NULL, free_opaque), 0);
    CHECK_INT(virConnectRegisterCloseCallback(conn, on_close_other, NULL, NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_REMOTE, "A close callback is already registered");
    CHECK_INT(virConnectUnregisterCloseCallback(conn, on_close_other), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_REMOTE, "A different callback was requested");

    /* the daemon dies; the event loop notices */
    CHECK_INT(kill(atoi(pid_text), SIGKILL), 0);
    start = now();
    while (close_calls == 0 && now() - start < 10)
        virEventRunDefaultImpl();
    CHECK_INT(close_calls, 1);
    CHECK_INT(closed_reason, VIR_CONNECT_CLOSE_REASON_EOF);
    CHECK_INT(virConnectIsAlive(conn), 0);

    /* a call fails at once, with libvirt's error */
    start = now();
    host = virConnectGetHostname(conn);
    CHECK(host == NULL);
    CHECK(now() - start < 2);
    CHECK_ERR_MSG(VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC, "End of file while reading data");
    free(host);
    CHECK_INT(close_calls, 1); /* once */

    CHECK_INT(freed, 0);
    CHECK_INT(virConnectUnregisterCloseCallback(conn, on_close), 0);
    CHECK_INT(freed, 1);
    CHECK_INT(virConnectClose(conn), 0);
    return check_finish("test_remote_close");
}
