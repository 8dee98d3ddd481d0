/*
 * test_remote_qemu.c: a real QEMU domain on the daemon, through vireo's
 * remote driver.
 *
 * Run by tests/remote/qemu_test.py inside with_libvirtd.py: the daemon runs
 * unprivileged, so this is its qemu:///session (TCG, no KVM needed), reached
 * as qemu+tcp://127.0.0.1:PORT/session. A tiny domain without disks (its
 * firmware finds nothing to boot and idles) is defined, started, listed,
 * asked QMP and HMP monitor commands, its STOP monitor event delivered by
 * the default event loop when it is suspended, its console opened as a stream
 * (blocking and not), then destroyed. Last, with the domain started again
 * and a blocking read waiting on its console, the daemon is killed: the
 * read fails with libvirt's end-of-file error instead of hanging. Passes
 * against libvirt's client too (the differences are spelled out).
 */
#include "../capi/check.h"

#include <libvirt/libvirt-qemu.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char domain_xml[] =
    "<domain type='qemu'><name>vireo-remote</name><memory>65536</memory>"
    "<os><type arch='x86_64'>hvm</type></os>"
    "<devices><serial type='pty'/><console type='pty'/></devices></domain>";

static char stop_event[64];
static char stop_domain[64];
static int monitor_events;

static void on_monitor_event(virConnectPtr conn, virDomainPtr dom, const char *event, long long seconds,
                             unsigned int micros, const char *details, void *opaque)
{
    (void)conn;
    (void)seconds;
    (void)micros;
    (void)details;
    (void)opaque;
    monitor_events++;
    snprintf(stop_event, sizeof(stop_event), "%s", event);
    snprintf(stop_domain, sizeof(stop_domain), "%s", virDomainGetName(dom));
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whether the active domains include `name`. */
static int is_listed(virConnectPtr conn, const char *name)
{
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(conn, &doms, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
    int found = 0, i;

    for (i = 0; i < n; i++) {
        if (strcmp(virDomainGetName(doms[i]), name) == 0)
            found = 1;
        virDomainFree(doms[i]);
    }
    free(doms);
    return found;
}

int main(void)
{
    const char *tcp = getenv("VIREO_LIBVIRTD_TCP");
    const char *pid_text = getenv("VIREO_LIBVIRTD_PID");
    char uri[256], buf[1024];
    char *result = NULL;
    virConnectPtr conn;
    virDomainPtr dom;
    virStreamPtr st, other;
    double start;
    pid_t killer;
    int got, callback;

    if (!check_is_remote() || !pid_text || !getenv("VIREO_QEMU_TEST")) {
        fprintf(stderr, "SKIP: run through tests/remote/qemu_test.py\n");
        return 77;
    }
    check_init();
    CHECK_INT(virEventRegisterDefaultImpl(), 0);
    snprintf(uri, sizeof(uri), "qemu+tcp://%s/session", tcp);
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("test_remote_qemu");

    /* define, start, list */
    dom = virDomainDefineXML(conn, domain_xml);
    CHECK(dom != NULL);
    if (!dom)
        return check_finish("test_remote_qemu");
    CHECK_INT(virDomainIsActive(dom), 0);
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_INT(virDomainIsActive(dom), 1);
    CHECK(virDomainGetID(dom) != (unsigned int)-1);
    CHECK(is_listed(conn, "vireo-remote"));

    /* the libvirt-qemu program: QMP and HMP */
    CHECK_INT(virDomainQemuMonitorCommand(dom, "{\"execute\":\"query-status\"}", &result, 0), 0);
    CHECK_SUBSTR(result, "\"status\":\"running\"");
    free(result);
    result = NULL;
    CHECK_INT(virDomainQemuMonitorCommand(dom, "info status", &result,
                                          VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP), 0);
    CHECK_SUBSTR(result, "VM status: running");
    free(result);
    result = NULL;
    CHECK_INT(virDomainQemuMonitorCommand(dom, "{\"execute\":\"no-such-command\"}", &result, 0), 0);
    CHECK_SUBSTR(result, "CommandNotFound");
    free(result);

    /* a monitor event, through the default event loop (only STOP passes the filter) */
    callback = virConnectDomainQemuMonitorEventRegister(conn, dom, "STOP", on_monitor_event, NULL, NULL, 0);
    CHECK(callback >= 0);
    CHECK_INT(virDomainSuspend(dom), 0);
    start = now();
    while (monitor_events == 0 && now() - start < 10)
        virEventRunDefaultImpl();
    CHECK_INT(monitor_events, 1);
    CHECK_STR(stop_event, "STOP");
    CHECK_STR(stop_domain, "vireo-remote");
    CHECK_INT(virDomainResume(dom), 0);
    CHECK_INT(virConnectDomainQemuMonitorEventDeregister(conn, callback), 0);

    /* the console: a non-blocking stream has nothing yet; a second session is refused by the daemon */
    st = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    CHECK_INT(virDomainOpenConsole(dom, NULL, st, 0), 0);
    CHECK_INT(virStreamRecv(st, buf, sizeof(buf)), -2);
    other = virStreamNew(conn, 0);
    CHECK_INT(virDomainOpenConsole(dom, NULL, other, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU, "Active console session exists for this domain");
    virStreamFree(other);
    CHECK_INT(virStreamAbort(st), 0);
    CHECK_INT(virStreamFree(st), 0);

    /* destroy: gone from the list */
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK_INT(virDomainIsActive(dom), 0);
    CHECK(!is_listed(conn, "vireo-remote"));

    /* the daemon killed while a blocking read waits on the console */
    CHECK_INT(virDomainCreate(dom), 0);
    st = virStreamNew(conn, 0);
    CHECK_INT(virDomainOpenConsole(dom, NULL, st, 0), 0);
    killer = fork();
    if (killer == 0) {
        sleep(1);
        kill(atoi(pid_text), SIGKILL);
        _exit(0);
    }
    start = now();
    while ((got = virStreamRecv(st, buf, sizeof(buf))) > 0)
        ;
    CHECK_INT(got, -1);
    CHECK_ERR_MSG(VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC, "End of file while reading data");
    CHECK(now() - start < 10);
    waitpid(killer, NULL, 0);
    CHECK_INT(virStreamRecv(st, buf, sizeof(buf)), -1);
    /* libvirt's client fails to tell a dead daemon ("client socket is
     * closed"); vireo's abort always succeeds, as the stream must end on
     * virStreamFree whatever the connection's state (doc/remote.md) */
    CHECK_INT(virStreamAbort(st), check_client_is_vireo() ? 0 : -1);
    virStreamFree(st);
    virDomainFree(dom);
    virConnectClose(conn);
    /* qemu_test.py ends the domain's QEMU, which outlives its daemon */
    return check_finish("test_remote_qemu");
}
