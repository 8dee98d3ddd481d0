/*
 * lxc_cgroup_test.c: the container driver's cgroups, statistics, suspend and
 * resume, shutdown and reboot, with real busybox containers and the host's
 * real cgroup hierarchies.
 *
 * - limits: <memory>, <memtune> and <cputune> are in the cgroup files the
 *   status record names, the init is in every one of its cgroups, CPU time
 *   grows, memory statistics come from the cgroup; destroy removes the
 *   cgroup directories; a start that fails in the child leaves none;
 * - suspend freezes (the kernel says frozen, a counter the container writes
 *   stops moving), resume thaws, with states, reasons and events; a second
 *   process takes the suspended container over, sees it paused and resumes
 *   and suspends it;
 * - shutdown and reboot by signal (the init's traps record SIGTERM and
 *   SIGHUP) and by initctl (the init reads sysvinit's 384-byte request from
 *   /dev/initctl); an init that exits after a shutdown request shuts the
 *   domain off with reason shutdown and STOPPED/SHUTDOWN; libvirt's errors
 *   for unknown flags and for initctl without a FIFO.
 *
 * Needs root and /bin/busybox: skipped (77) otherwise, a failure under
 * CI=true. Public API only.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qemu_test_support.h"

static int failures;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                      \
        }                                                                    \
    } while (0)

static char *base;
static char root[512];
static char out[512];
static char state[512];
static char uri[600];

static long long read_number(const char *path)
{
    char *text = qt_read_file(path);
    long long v = text ? atoll(text) : -1;
    free(text);
    return v;
}

/* A container whose init is /bin/sh -c `script`, with `extra` top-level XML. */
static char *container_xml(const char *name, const char *script, const char *extra)
{
    char *xml = malloc(8192);
    snprintf(xml, 8192,
             "<domain type='lxc'><name>%s</name><memory unit='KiB'>65536</memory>%s"
             "<os><type>exe</type><init>/bin/sh</init><initarg>-c</initarg><initarg>%s</initarg></os>"
             "<devices>"
             "<filesystem type='mount'><source dir='%s'/><target dir='/'/></filesystem>"
             "<filesystem type='mount'><source dir='%s'/><target dir='/out'/></filesystem>"
             "</devices></domain>",
             name, extra, script, root, out);
    return xml;
}

/* The directory of `resource` in the status record of `name` ("" if none),
 * and its cgroup version. */
static int cgroup_dir(const char *name, const char *resource, char *dir, size_t size)
{
    char path[700], needle[64];
    char *text, *p;
    int version = 0;
    snprintf(path, sizeof path, "%s/run/lxc/%s.xml", state, name);
    text = qt_read_file(path);
    dir[0] = '\0';
    snprintf(needle, sizeof needle, "<cgroup resource='%s' version='", resource);
    if (text && (p = strstr(text, needle))) {
        p += strlen(needle);
        version = atoi(p);
        p = strstr(p, "path='");
        if (p) {
            p += 6;
            snprintf(dir, size, "%.*s", (int)(strchr(p, '\'') - p), p);
        }
    }
    free(text);
    return version;
}

/* The value of a file of `resource`'s cgroup: `v1` or `v2` by its version. */
static long long cgroup_value(const char *name, const char *resource, const char *v1, const char *v2)
{
    char dir[512], path[700];
    int version = cgroup_dir(name, resource, dir, sizeof dir);
    if (!version)
        return -2;
    snprintf(path, sizeof path, "%s/%s", dir, version == 2 ? v2 : v1);
    return read_number(path);
}

/* Whether `pid` is listed in the cgroup.procs of `resource`'s cgroup. */
static int in_cgroup(const char *name, const char *resource, int pid)
{
    char dir[512], path[700], *procs, *line;
    int found = 0;
    if (!cgroup_dir(name, resource, dir, sizeof dir))
        return 0;
    snprintf(path, sizeof path, "%s/cgroup.procs", dir);
    procs = qt_read_file(path);
    for (line = procs; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        found = found || atoi(line) == pid;
    free(procs);
    return found;
}

/* How many directories named NAME.libvirt-lxc the host's cgroup trees hold. */
static int cgroup_dirs_named(const char *name)
{
    char cmd[256], buf[4096];
    int n = 0;
    char *p;
    snprintf(cmd, sizeof cmd, "find /sys/fs/cgroup -type d -name '%s.libvirt-lxc' 2>/dev/null", name);
    qt_run(cmd, buf, sizeof buf);
    for (p = buf; (p = strstr(p, ".libvirt-lxc")); p++)
        n++;
    return n;
}

static int init_pid(const char *name)
{
    char path[700], *text, *p;
    int pid = -1;
    snprintf(path, sizeof path, "%s/run/lxc/%s.xml", state, name);
    text = qt_read_file(path);
    if (text && (p = strstr(text, " pid='")))
        pid = atoi(p + 6);
    free(text);
    return pid;
}

/* The counter the container writes, after `ms` milliseconds. */
static long long counter_after(int ms)
{
    char path[700];
    usleep(ms * 1000);
    snprintf(path, sizeof path, "%s/counter", out);
    return read_number(path);
}

/* Renamed into place, so that a freeze never leaves a half-written counter. */
static const char *kCounter = "i=0; while :; do i=$((i+1)); echo $i &gt; /out/c.tmp; mv /out/c.tmp /out/counter; done";

static void test_limits_and_stats(virConnectPtr conn)
{
    const char *tune =
        "<memtune><hard_limit unit='KiB'>98304</hard_limit><soft_limit unit='MiB'>32</soft_limit>"
        "<swap_hard_limit unit='KiB'>131072</swap_hard_limit></memtune>"
        "<cputune><shares>512</shares><period>100000</period><quota>20000</quota></cputune>";
    char *xml = container_xml("cg1", kCounter, tune);
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    virDomainInfo a, b;
    virDomainMemoryStatStruct stats[VIR_DOMAIN_MEMORY_STAT_NR];
    int pid, n, i, have_balloon = 0, have_rss = 0;
    char dir[512];
    if (!dom) {
        fprintf(stderr, "start cg1: %s\n", qt_error_message());
        failures++;
        free(xml);
        return;
    }
    pid = init_pid("cg1");
    CHECK(pid > 0);
    /* <memtune><hard_limit> replaces <memory> as the limit. */
    CHECK(cgroup_value("cg1", "memory", "memory.limit_in_bytes", "memory.max") == 98304LL * 1024);
    CHECK(cgroup_value("cg1", "memory", "memory.soft_limit_in_bytes", "memory.high") == 32LL * 1024 * 1024);
    if (cgroup_dir("cg1", "memory", dir, sizeof dir) == 1) {
        char path[700];
        snprintf(path, sizeof path, "%s/memory.memsw.limit_in_bytes", dir);
        if (qt_exists(path))
            CHECK(read_number(path) == 131072LL * 1024);
    }
    if (cgroup_dir("cg1", "cpu", dir, sizeof dir) == 1) {
        CHECK(cgroup_value("cg1", "cpu", "cpu.shares", "") == 512);
        CHECK(cgroup_value("cg1", "cpu", "cpu.cfs_period_us", "") == 100000);
        CHECK(cgroup_value("cg1", "cpu", "cpu.cfs_quota_us", "") == 20000);
    } else {
        CHECK(cgroup_value("cg1", "cpu", "", "cpu.weight") == 512);
    }
    /* The init joined every cgroup before it ran anything. */
    CHECK(in_cgroup("cg1", "memory", pid));
    CHECK(in_cgroup("cg1", "cpu", pid));
    CHECK(in_cgroup("cg1", "cpuacct", pid));
    CHECK(in_cgroup("cg1", "freezer", pid));
    CHECK(cgroup_dirs_named("cg1") >= 1);

    /* CPU time grows; memory in use is the cgroup's, below its limit. */
    CHECK(virDomainGetInfo(dom, &a) == 0);
    usleep(400 * 1000);
    CHECK(virDomainGetInfo(dom, &b) == 0);
    fprintf(stderr, "cg1: cpuTime %llu -> %llu ns, memory %lu KiB (max %lu)\n", a.cpuTime, b.cpuTime, b.memory,
            b.maxMem);
    CHECK(a.cpuTime > 0 && b.cpuTime > a.cpuTime);
    CHECK(b.memory > 0 && b.memory < 98304);
    CHECK(b.maxMem == 65536);
    CHECK(b.state == VIR_DOMAIN_RUNNING);

    n = virDomainMemoryStats(dom, stats, VIR_DOMAIN_MEMORY_STAT_NR, 0);
    CHECK(n >= 2);
    for (i = 0; i < n; i++) {
        have_balloon |= stats[i].tag == VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON && stats[i].val == 65536;
        have_rss |= stats[i].tag == VIR_DOMAIN_MEMORY_STAT_RSS && stats[i].val > 0;
    }
    CHECK(have_balloon && have_rss);
    CHECK(virDomainMemoryStats(dom, stats, 1, 0) == 1 && stats[0].tag == VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON);
    CHECK(virDomainMemoryStats(dom, stats, VIR_DOMAIN_MEMORY_STAT_NR, 1) == -1 && qt_error_code() == VIR_ERR_INVALID_ARG);

    /* Destroy removes every cgroup directory. */
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(cgroup_dirs_named("cg1") == 0);
    CHECK(virDomainMemoryStats(dom, stats, VIR_DOMAIN_MEMORY_STAT_NR, 0) == -1);  /* transient: gone */
    virDomainFree(dom);
    free(xml);
}

/* Starts that fail leave no cgroup: one refused before, one failing in the child. */
static void test_failed_starts(virConnectPtr conn)
{
    char *xml = container_xml("cgbad1", "exit 0",
                              "<memtune><hard_limit>131072</hard_limit><swap_hard_limit>65536</swap_hard_limit></memtune>");
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    CHECK(dom == NULL && qt_error_code() == VIR_ERR_INVALID_ARG);
    fprintf(stderr, "cgbad1: %s\n", qt_error_message());
    CHECK(strstr(qt_error_message(), "swap_hard_limit") != NULL);
    free(xml);

    /* A read-only root where the child must make a mount point. */
    xml = malloc(4096);
    snprintf(xml, 4096,
             "<domain type='lxc'><name>cgbad2</name><memory unit='KiB'>65536</memory>"
             "<os><type>exe</type><init>/bin/sh</init></os><devices>"
             "<filesystem type='mount'><source dir='%s'/><target dir='/'/><readonly/></filesystem>"
             "<filesystem type='ram'><source usage='1024'/><target dir='/no/such/dir'/></filesystem>"
             "</devices></domain>",
             root);
    dom = virDomainCreateXML(conn, xml, 0);
    CHECK(dom == NULL);
    fprintf(stderr, "cgbad2: %s\n", qt_error_message());
    CHECK(cgroup_dirs_named("cgbad2") == 0);
    CHECK(cgroup_dirs_named("cgbad1") == 0);
    if (dom) {
        virDomainDestroy(dom);
        virDomainFree(dom);
    }
    free(xml);
}

static int frozen(const char *name)
{
    char dir[512], path[700], *text;
    int version = cgroup_dir(name, "freezer", dir, sizeof dir), yes;
    snprintf(path, sizeof path, "%s/%s", dir, version == 2 ? "cgroup.events" : "freezer.state");
    text = qt_read_file(path);
    yes = text && (version == 2 ? strstr(text, "frozen 1") != NULL : strncmp(text, "FROZEN", 6) == 0);
    free(text);
    return yes;
}

static void check_state(virDomainPtr dom, int want_state, int want_reason)
{
    int st = -1, reason = -1;
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0);
    if (st != want_state || reason != want_reason)
        fprintf(stderr, "state %d/%d, expected %d/%d\n", st, reason, want_state, want_reason);
    CHECK(st == want_state && reason == want_reason);
}

/* Suspend from a second process that took the container over. */
static int takeover_child(void)
{
    virConnectPtr c = virConnectOpen(uri);
    virDomainPtr d = c ? virDomainLookupByName(c, "cg2") : NULL;
    int st = -1, reason = -1, ok;
    long long before;
    ok = d && virDomainGetState(d, &st, &reason, 0) == 0 && st == VIR_DOMAIN_PAUSED && reason == VIR_DOMAIN_PAUSED_USER;
    if (!ok)
        fprintf(stderr, "takeover: state %d/%d (%s)\n", st, reason, qt_error_message());
    ok = ok && virDomainResume(d) == 0;
    before = counter_after(100);
    ok = ok && counter_after(300) > before;
    ok = ok && virDomainSuspend(d) == 0 && frozen("cg2");
    if (!ok)
        fprintf(stderr, "takeover: %s\n", qt_error_message());
    if (d)
        virDomainFree(d);
    if (c)
        virConnectClose(c);
    return ok ? 0 : 1;
}

static void test_suspend_resume(void)
{
    virConnectPtr conn = virConnectOpen(uri);
    char *xml = container_xml("cg2", kCounter, "<cputune><quota>20000</quota></cputune>");
    virDomainPtr dom;
    long long c1, c2;
    int pid, status = -1;
    pid_t child;
    qt_must(conn != NULL, "open");
    qt_watch_events(conn);
    dom = virDomainCreateXML(conn, xml, 0);
    if (!dom) {
        fprintf(stderr, "start cg2: %s\n", qt_error_message());
        failures++;
        return;
    }
    pid = init_pid("cg2");
    /* <memory> alone is the hard limit. */
    CHECK(cgroup_value("cg2", "memory", "memory.limit_in_bytes", "memory.max") == 65536LL * 1024);
    CHECK(in_cgroup("cg2", "memory", pid));
    CHECK(in_cgroup("cg2", "freezer", pid));
    CHECK(counter_after(300) > 0);

    qt_clear_events();
    CHECK(virDomainSuspend(dom) == 0);
    CHECK(qt_wait_lifecycle("cg2", VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED, 5000));
    check_state(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    CHECK(frozen("cg2"));
    c1 = counter_after(100);
    c2 = counter_after(400);
    fprintf(stderr, "cg2 frozen: counter %lld then %lld\n", c1, c2);
    CHECK(c1 > 0 && c1 == c2);
    CHECK(virDomainSuspend(dom) == 0);  /* already paused: nothing to do */
    check_state(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);

    qt_clear_events();
    CHECK(virDomainResume(dom) == 0);
    CHECK(qt_wait_lifecycle("cg2", VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED, 5000));
    check_state(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    CHECK(!frozen("cg2"));
    CHECK(counter_after(400) > c2);
    CHECK(virDomainResume(dom) == 0);  /* already running */

    /* Suspended, handed over to another process that resumes and suspends it. */
    CHECK(virDomainSuspend(dom) == 0);
    virDomainFree(dom);
    qt_unwatch_events(conn);
    virConnectClose(conn);
    child = fork();
    if (child == 0)
        _exit(takeover_child());
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

    conn = virConnectOpen(uri);
    qt_must(conn != NULL, "reopen");
    dom = virDomainLookupByName(conn, "cg2");
    CHECK(dom != NULL);
    if (dom) {
        check_state(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
        c1 = counter_after(100);
        CHECK(counter_after(300) == c1);
        /* Destroy works on a frozen container, and removes its cgroups. */
        CHECK(virDomainDestroy(dom) == 0);
        CHECK(cgroup_dirs_named("cg2") == 0);
        CHECK(kill(pid, 0) != 0 || waitpid(pid, NULL, WNOHANG) == pid);
        virDomainFree(dom);
    }
    virConnectClose(conn);
    free(xml);
}

/* The init's traps record the signals it gets. */
static const char *kTraps =
    "trap 'echo term > /out/term; exit 0' TERM; trap 'echo hup >> /out/hup' HUP; "
    "touch /out/ready; while :; do sleep 1 &amp; wait; done";

static void reset_out(void)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -f %s/*", out);
    qt_run(cmd, NULL, 0);
}

static void test_shutdown_signal(virConnectPtr conn)
{
    char *xml = container_xml("cg3", kTraps, "");
    char path[700];
    virDomainPtr dom;
    reset_out();
    dom = virDomainCreateXML(conn, xml, 0);
    if (!dom) {
        fprintf(stderr, "start cg3: %s\n", qt_error_message());
        failures++;
        return;
    }
    snprintf(path, sizeof path, "%s/ready", out);
    CHECK(qt_wait_file(path, 5000));
    {
        /* Without <cputune> the cpu hierarchy is not joined: no cpu cgroup
         * in the status record; the freezer's is there. */
        char cpu[512], frz[512];
        int v = cgroup_dir("cg3", "cpu", cpu, sizeof cpu);
        cgroup_dir("cg3", "freezer", frz, sizeof frz);
        CHECK(v == 0);
        CHECK(frz[0] == '/');
    }

    /* libvirt's errors: unknown flags; initctl asked for without a FIFO. */
    CHECK(virDomainShutdownFlags(dom, 0x100) == -1 && qt_error_code() == VIR_ERR_INVALID_ARG);
    CHECK(virDomainReboot(dom, 0x100) == -1 && qt_error_code() == VIR_ERR_INVALID_ARG);
    CHECK(virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_INITCTL) == -1 &&
          qt_error_code() == VIR_ERR_OPERATION_UNSUPPORTED);
    CHECK(strstr(qt_error_message(), "Container does not provide an initctl pipe") != NULL);
    CHECK(virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_INITCTL | VIR_DOMAIN_SHUTDOWN_SIGNAL) == -1 &&
          qt_error_code() == VIR_ERR_OPERATION_UNSUPPORTED);
    CHECK(virDomainIsActive(dom) == 1);

    /* Reboot by signal: SIGHUP to the init. */
    CHECK(virDomainReboot(dom, VIR_DOMAIN_REBOOT_SIGNAL) == 0);
    snprintf(path, sizeof path, "%s/hup", out);
    CHECK(qt_wait_file(path, 5000));
    CHECK(virDomainIsActive(dom) == 1);

    /* Shutdown with no flag and no FIFO: SIGTERM; the init exits. */
    qt_clear_events();
    CHECK(virDomainShutdown(dom) == 0);
    snprintf(path, sizeof path, "%s/term", out);
    CHECK(qt_wait_file(path, 5000));
    CHECK(qt_wait_lifecycle("cg3", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN, 5000));
    CHECK(cgroup_dirs_named("cg3") == 0);
    CHECK(virDomainShutdown(dom) == -1 && qt_error_code() == VIR_ERR_NO_DOMAIN);  /* transient: gone */
    virDomainFree(dom);
    free(xml);
}

/* The init keeps /dev/initctl open for reading and writing (so that the
 * driver's non-blocking open finds a reader), then copies one request. */
static const char *kInitctl =
    "mkfifo /dev/initctl; exec 3&lt;&gt;/dev/initctl; touch /out/ready; "
    "dd bs=384 count=1 of=/out/initreq &lt;&amp;3 2&gt;/dev/null; exit 0";

/* The request init got: sysvinit's magic, command 1 (runlevel) and `level`. */
static int initreq_is(char level)
{
    char path[700];
    unsigned char buf[400];
    int32_t magic, cmd, runlevel;
    size_t n;
    FILE *f;
    snprintf(path, sizeof path, "%s/initreq", out);
    if (!qt_wait_file(path, 5000) || !(f = fopen(path, "rb")))
        return 0;
    usleep(100 * 1000);
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    memcpy(&magic, buf, 4);
    memcpy(&cmd, buf + 4, 4);
    memcpy(&runlevel, buf + 8, 4);
    fprintf(stderr, "initreq: %zu bytes, magic %#x, cmd %d, runlevel %d\n", n, magic, cmd, runlevel);
    return n == 384 && magic == 0x03091969 && cmd == 1 && runlevel == level;
}

static void test_shutdown_initctl(virConnectPtr conn)
{
    char *xml = container_xml("cg4", kInitctl, "");
    char path[700];
    virDomainPtr dom;

    /* No flag: the FIFO is tried first (and no SIGTERM follows). */
    reset_out();
    dom = virDomainCreateXML(conn, xml, 0);
    CHECK(dom != NULL);
    snprintf(path, sizeof path, "%s/ready", out);
    CHECK(qt_wait_file(path, 5000));
    qt_clear_events();
    CHECK(virDomainShutdown(dom) == 0);
    CHECK(initreq_is('0'));
    CHECK(qt_wait_lifecycle("cg4", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN, 5000));
    if (dom)
        virDomainFree(dom);

    /* Reboot by initctl: runlevel 6. */
    reset_out();
    dom = virDomainCreateXML(conn, xml, 0);
    CHECK(dom != NULL);
    CHECK(qt_wait_file(path, 5000));
    CHECK(virDomainReboot(dom, VIR_DOMAIN_REBOOT_INITCTL) == 0);
    CHECK(initreq_is('6'));
    if (dom) {
        qt_wait_state(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN, 5000);
        virDomainFree(dom);
    }
    free(xml);
}

int main(void)
{
    virConnectPtr conn;
    qt_require_or_skip(geteuid() == 0, "containers need root (namespaces, mounts, cgroups)");
    qt_require_or_skip(access("/bin/busybox", X_OK) == 0, "/bin/busybox (busybox-static) is not installed");
    base = qt_make_root();
    snprintf(root, sizeof root, "%s/root", base);
    qt_build_busybox_root(root);
    snprintf(out, sizeof out, "%s/out", base);
    snprintf(state, sizeof state, "%s/state", base);
    mkdir(out, 0755);
    snprintf(uri, sizeof uri, "lxc:///embed?root=%s", state);

    qt_start_event_loop();
    conn = virConnectOpen(uri);
    qt_must(conn != NULL, "open lxc:///embed");
    qt_watch_events(conn);
    test_limits_and_stats(conn);
    test_failed_starts(conn);
    test_shutdown_signal(conn);
    test_shutdown_initctl(conn);
    qt_unwatch_events(conn);
    virConnectClose(conn);
    test_suspend_resume();

    if (!failures)
        qt_remove_tree(base);
    else
        fprintf(stderr, "scratch directory kept: %s\n", base);
    printf("%s (%d failures)\n", failures ? "FAIL" : "PASS", failures);
    return failures ? 1 : 0;
}
