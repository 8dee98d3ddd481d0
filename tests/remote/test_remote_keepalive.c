/*
 * test_remote_keepalive.c: virConnectSetKeepAlive against a daemon that
 * stops answering.
 *
 * Run by tests/remote/with_libvirtd.py. Without an event loop keepalive is
 * refused as libvirt refuses it. With the default event loop: a live
 * daemon answers the PINGs and the connection stays; then the daemon is
 * frozen (SIGSTOP), and after interval x (count + 1) seconds of silence the
 * connection is given up: the close callback gets
 * VIR_CONNECT_CLOSE_REASON_KEEPALIVE and calls fail instead of hanging.
 */
#include "../capi/check.h"

#include <signal.h>
#include <time.h>

static int closed_reason = -1;
static int close_calls;

static void on_close(virConnectPtr conn, int reason, void *opaque)
{
    (void)conn;
    (void)opaque;
    closed_reason = reason;
    close_calls++;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void run_loop_for(double seconds, int stop_on_close)
{
    double start = now();
    while (now() - start < seconds && !(stop_on_close && close_calls))
        virEventRunDefaultImpl();
}

int main(void)
{
    const char *pid_text = getenv("VIREO_LIBVIRTD_PID");
    virConnectPtr conn;
    pid_t daemon;
    double start;
    char *host;

    if (!check_is_remote() || !pid_text) {
        fprintf(stderr, "SKIP: run through tests/remote/with_libvirtd.py\n");
        return 77;
    }
    daemon = atoi(pid_text);

    /* no event loop yet: libvirt's refusal */
    conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("test_remote_keepalive");
    CHECK_INT(virConnectSetKeepAlive(conn, 1, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_REMOTE, "perhaps it's missing event loop implementation");
    CHECK_INT(virConnectClose(conn), 0);

    CHECK_INT(virEventRegisterDefaultImpl(), 0);
    conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("test_remote_keepalive");
    CHECK_INT(virConnectRegisterCloseCallback(conn, on_close, NULL, NULL), 0);
    CHECK_INT(virConnectSetKeepAlive(conn, 1, 1), 0);

    /* a daemon that answers keeps the connection through idle seconds */
    run_loop_for(3.5, 1);
    CHECK_INT(close_calls, 0);
    CHECK_INT(virConnectIsAlive(conn), 1);

    /* a frozen one is given up after about 1 x (1 + 1) seconds */
    CHECK_INT(kill(daemon, SIGSTOP), 0);
    start = now();
    run_loop_for(10, 1);
    CHECK_INT(close_calls, 1);
    CHECK_INT(closed_reason, VIR_CONNECT_CLOSE_REASON_KEEPALIVE);
    CHECK(now() - start < 5);
    CHECK_INT(virConnectIsAlive(conn), 0);
    host = virConnectGetHostname(conn);
    CHECK(host == NULL);
    CHECK_ERR_MSG(VIR_ERR_RPC, VIR_FROM_RPC, "connection closed due to keepalive timeout");
    free(host);
    kill(daemon, SIGCONT);

    CHECK_INT(virConnectUnregisterCloseCallback(conn, on_close), 0);
    CHECK_INT(virConnectClose(conn), 0);
    return check_finish("test_remote_keepalive");
}
