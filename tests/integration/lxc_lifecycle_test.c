/*
 * lxc_lifecycle_test.c: the container driver with a real busybox root.
 *
 * A root filesystem is built in a temporary directory from busybox-static
 * (busybox --install -s inside it). A container whose init writes what it
 * sees (its pid, hostname, /dev, /proc/self/mountinfo) to a bind-mounted
 * host directory is started and checked: pid 1, hostname = domain name,
 * exactly the expected /dev nodes, none of the host's tree and no old root
 * in its mount table, even with a mount hidden under another one (which
 * cannot be unmounted by its path) and an autofs mount (where the kernel
 * allows one) under the host's tree. Destroy leaves no process of the
 * container's pid namespace and no status file; an init that exits by
 * itself shuts the domain off (reason shutdown, with its event); a second
 * process takes a running container over and destroys it. Bad definitions
 * fail with clear errors and leave nothing behind.
 *
 * Needs root (namespaces, mounts) and /bin/busybox: skipped (77) otherwise,
 * a failure under CI=true. Public API only.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
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

static char *base;              /* the scratch directory */
static char root[512];          /* the container's root filesystem */
static char out[512];           /* host directory bound at /out */
static char state[512];         /* lxc:///embed root */
static char uri[600];

static void build_root(void)
{
    snprintf(root, sizeof root, "%s/root", base);
    qt_build_busybox_root(root);
}

/* The XML of a container named `name` with `init` run by /bin/sh -c. */
static char *container_xml(const char *name, const char *rootdir, const char *script, const char *init)
{
    char *xml = malloc(8192);
    snprintf(xml, 8192,
             "<domain type='lxc'><name>%s</name><memory unit='KiB'>65536</memory>"
             "<os><type>exe</type><init>%s</init><initarg>-c</initarg><initarg>%s</initarg>"
             "<initenv name='VIREO_TEST'>yes</initenv></os>"
             "<devices>"
             "<filesystem type='mount'><source dir='%s'/><target dir='/'/></filesystem>"
             "<filesystem type='mount'><source dir='%s'/><target dir='/out'/></filesystem>"
             "<filesystem type='ram'><source usage='1024'/><target dir='/tmp'/></filesystem>"
             "</devices></domain>",
             name, init, script, rootdir, out);
    return xml;
}

/* The inode of a process's pid namespace, 0 if it is gone. */
static unsigned long pid_ns_of(int pid)
{
    char path[64];
    struct stat st;
    snprintf(path, sizeof path, "/proc/%d/ns/pid", pid);
    return stat(path, &st) == 0 ? (unsigned long)st.st_ino : 0;
}

/* How many processes of the host live in pid namespace `ns`. */
static int processes_in_ns(unsigned long ns)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        int pid = atoi(e->d_name);
        if (pid > 0 && pid_ns_of(pid) == ns)
            n++;
    }
    closedir(d);
    return n;
}

/* The mount points in a mountinfo text, joined by ' ' in table order. */
static void mount_points(const char *text, char *buf, size_t size)
{
    const char *line = text;
    buf[0] = '\0';
    while (line && *line) {
        char point[512];
        if (sscanf(line, "%*s %*s %*s %*s %511s", point) == 1) {
            strncat(buf, point, size - strlen(buf) - 2);
            strncat(buf, " ", size - strlen(buf) - 1);
        }
        line = strchr(line, '\n');
        if (line)
            line++;
    }
}

static char hidden[600], autofs[600];
static int have_autofs;

/* Mounts under the host's tree that the container's child cannot simply
 * unmount: one hidden under another (its path leads to the upper one), and
 * an autofs mount when the kernel has autofs. */
static void awkward_host_mounts(void)
{
    char deep[700], opts[128];
    int pipefd[2];
    snprintf(hidden, sizeof hidden, "%s/hidden", base);
    snprintf(deep, sizeof deep, "%s/a/b", hidden);
    qt_must(qt_run("true", NULL, 0) == 0, "shell");
    {
        char cmd[800];
        snprintf(cmd, sizeof cmd, "mkdir -p %s", deep);
        qt_must(qt_run(cmd, NULL, 0) == 0, "mkdir hidden");
    }
    qt_must(mount("deep", deep, "tmpfs", 0, "size=16k") == 0, "mount deep tmpfs");
    snprintf(deep, sizeof deep, "%s/a", hidden);
    qt_must(mount("over", deep, "tmpfs", 0, "size=16k") == 0, "mount tmpfs over it");
    snprintf(autofs, sizeof autofs, "%s/auto", base);
    qt_run("modprobe autofs4 2>/dev/null", NULL, 0);
    mkdir(autofs, 0755);
    if (pipe(pipefd) == 0) {
        snprintf(opts, sizeof opts, "fd=%d,pgrp=%d,minproto=5,maxproto=5,direct", pipefd[1], (int)getpgrp());
        have_autofs = mount("vireo-test", autofs, "autofs", 0, opts) == 0;
        if (!have_autofs)
            fprintf(stderr, "note: no autofs mount here (%s); the hidden mount alone is tested\n", strerror(errno));
    }
}

static void remove_awkward_mounts(void)
{
    char path[700];
    if (have_autofs)
        umount2(autofs, MNT_DETACH);
    snprintf(path, sizeof path, "%s/a", hidden);
    umount2(path, MNT_DETACH);  /* the upper one: the deep one shows again */
    snprintf(path, sizeof path, "%s/a/b", hidden);
    umount2(path, MNT_DETACH);
}

static const char *kReport =
    "echo pid=$$ > /out/report; echo host=$(hostname) >> /out/report; echo env=$VIREO_TEST/$container/$LIBVIRT_LXC_NAME >> /out/report; "
    "ls -a /dev | tr '\\n' ' ' > /out/dev; cat /proc/self/mountinfo > /out/mountinfo; "
    "ls -a / | tr '\\n' ' ' > /out/rootdir; "
    "sleep 1000 &amp; touch /out/done; exec sleep 1001";

static void test_start_inspect_destroy(virConnectPtr conn)
{
    char *xml = container_xml("ct1", root, kReport, "/bin/sh");
    char path[700], points[4096];
    char *report, *dev, *mountinfo, *rootdir;
    unsigned long ns;
    int pid, state_, reason;
    virDomainInfo info;
    virDomainPtr dom;

    awkward_host_mounts();
    dom = virDomainDefineXML(conn, xml);
    if (!dom) {
        fprintf(stderr, "define: %s\n", qt_error_message());
        exit(1);
    }
    qt_clear_events();
    if (virDomainCreate(dom) != 0) {
        fprintf(stderr, "start: %s\n", qt_error_message());
        exit(1);
    }
    CHECK(qt_wait_lifecycle("ct1", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED, 5000));
    CHECK(virDomainIsActive(dom) == 1);
    CHECK(virDomainIsPersistent(dom) == 1);
    CHECK(virDomainGetID(dom) >= 1);
    CHECK(virDomainGetState(dom, &state_, &reason, 0) == 0 && state_ == VIR_DOMAIN_RUNNING &&
          reason == VIR_DOMAIN_RUNNING_BOOTED);
    CHECK(virDomainGetInfo(dom, &info) == 0 && info.state == VIR_DOMAIN_RUNNING && info.maxMem == 65536);

    snprintf(path, sizeof path, "%s/done", out);
    CHECK(qt_wait_file(path, 10000));
    snprintf(path, sizeof path, "%s/report", out);
    report = qt_read_file(path);
    snprintf(path, sizeof path, "%s/dev", out);
    dev = qt_read_file(path);
    snprintf(path, sizeof path, "%s/mountinfo", out);
    mountinfo = qt_read_file(path);
    snprintf(path, sizeof path, "%s/rootdir", out);
    rootdir = qt_read_file(path);
    if (!report || !dev || !mountinfo || !rootdir) {
        fprintf(stderr, "FAIL: the container's report is missing\n");
        exit(1);
    }
    fprintf(stderr, "report:\n%sdev: %s\nmounts:\n%s", report, dev, mountinfo);
    CHECK(strstr(report, "pid=1\n") != NULL);
    CHECK(strstr(report, "host=ct1\n") != NULL);
    CHECK(strstr(report, "env=yes/lxc-libvirt/ct1\n") != NULL);
    CHECK(strcmp(dev, ". .. console fd full mqueue null ptmx pts random shm stderr stdin stdout tty urandom zero ") == 0);
    mount_points(mountinfo, points, sizeof points);
    fprintf(stderr, "mount points: %s\n", points);
    CHECK(strcmp(points, "/ /proc /proc/sys /sys /dev /dev/pts /dev/shm /dev/mqueue /dev/console /out /tmp ") == 0);
    CHECK(strstr(mountinfo, "oldroot") == NULL);
    CHECK(strstr(rootdir, ".oldroot") == NULL);
    snprintf(path, sizeof path, "%s/.oldroot", root);
    CHECK(!qt_exists(path));

    /* Destroy: no process of its pid namespace, no status file. */
    pid = qt_status_pid(state, "ct1");
    CHECK(pid < 0);  /* qt_status_pid reads run/qemu; the container's is run/lxc */
    {
        char status[700], line[4096];
        FILE *f;
        snprintf(status, sizeof status, "%s/run/lxc/ct1.xml", state);
        f = fopen(status, "r");
        CHECK(f != NULL);
        pid = -1;
        if (f && fgets(line, sizeof line, f)) {
            char *p = strstr(line, "pid='");
            if (p)
                pid = atoi(p + 5);
        }
        if (f)
            fclose(f);
        ns = pid_ns_of(pid);
        CHECK(ns != 0);
        CHECK(processes_in_ns(ns) == 2);  /* the init (exec'd sleep) and the sleep it started */
        qt_clear_events();
        CHECK(virDomainDestroy(dom) == 0);
        CHECK(qt_wait_lifecycle("ct1", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED, 5000));
        CHECK(processes_in_ns(ns) == 0);
        CHECK(!qt_exists(status));
    }
    CHECK(virDomainIsActive(dom) == 0);
    CHECK(virDomainGetState(dom, &state_, &reason, 0) == 0 && state_ == VIR_DOMAIN_SHUTOFF &&
          reason == VIR_DOMAIN_SHUTOFF_DESTROYED);
    remove_awkward_mounts();
    virDomainFree(dom);
    free(xml);
    free(report);
    free(dev);
    free(mountinfo);
    free(rootdir);
}

static void test_init_exits(virConnectPtr conn)
{
    char *xml = container_xml("ct2", root, "exit 0", "/bin/sh");
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    int st = 0, reason = 0;
    CHECK(dom != NULL);
    if (!dom)
        return;
    qt_clear_events();
    CHECK(virDomainCreate(dom) == 0);
    CHECK(qt_wait_lifecycle("ct2", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN, 5000));
    CHECK(qt_wait_state(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN, 5000));
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0 && reason == VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    free(xml);
}

/* A bad definition fails with `needle` in its message and leaves no domain,
 * status file or old-root directory behind. */
static void expect_bad(virConnectPtr conn, const char *name, const char *xml, const char *needle)
{
    char status[700], oldroot[700];
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    CHECK(dom == NULL);
    if (dom) {
        virDomainDestroy(dom);
        virDomainFree(dom);
        return;
    }
    fprintf(stderr, "%s: %s\n", name, qt_error_message());
    if (!strstr(qt_error_message(), needle)) {
        fprintf(stderr, "  expected '%s'\n", needle);
        failures++;
    }
    dom = virDomainLookupByName(conn, name);
    CHECK(dom == NULL);
    if (dom)
        virDomainFree(dom);
    snprintf(status, sizeof status, "%s/run/lxc/%s.xml", state, name);
    CHECK(!qt_exists(status));
    snprintf(oldroot, sizeof oldroot, "%s/.oldroot", root);
    CHECK(!qt_exists(oldroot));
}

static void test_bad_definitions(virConnectPtr conn)
{
    char file[600], *xml;
    char noroot[1024];
    snprintf(noroot, sizeof noroot,
             "<domain type='lxc'><name>bad1</name><memory>65536</memory><os><type>exe</type><init>/bin/sh</init></os>"
             "<devices/></domain>");
    expect_bad(conn, "bad1", noroot, "has no root filesystem");

    snprintf(file, sizeof file, "%s/not-a-dir", base);
    close(open(file, O_CREAT | O_WRONLY, 0644));
    xml = container_xml("bad2", file, "true", "/bin/sh");
    expect_bad(conn, "bad2", xml, "is not a directory");
    free(xml);

    xml = container_xml("bad3", root, "true", "/sbin/no-such-init");
    expect_bad(conn, "bad3", xml, "cannot find init path '/sbin/no-such-init'");
    free(xml);

    xml = container_xml("bad4", "/nonexistent/vireo-root", "true", "/bin/sh");
    expect_bad(conn, "bad4", xml, "No such file or directory");
    free(xml);
}

/* The container outlives the connection (and the driver instance) that
 * started it; a second process takes it over and destroys it. */
/* The host entries of libvirt's LXC driver: capabilities with an "exe"
 * guest of domain type lxc for the host's arch (and i686 on x86_64), the
 * host's NUMA cell memory as sysfs has it; the hostname; node info; a
 * secure, unencrypted, live connection. */
static void test_host_entries(virConnectPtr conn)
{
    char *caps = virConnectGetCapabilities(conn);
    char *host = virConnectGetHostname(conn);
    char name[256] = "", *meminfo, *total, expect[128];
    virNodeInfo info;

    CHECK(caps != NULL);
    if (caps) {
        CHECK(strstr(caps, "<capabilities>\n\n  <host>\n") != NULL);
        CHECK(strstr(caps, "<os_type>exe</os_type>") != NULL);
        CHECK(strstr(caps, "<domain type='lxc'/>") != NULL);
        CHECK(strstr(caps, "<secmodel>\n      <model>none</model>\n      <doi>0</doi>") != NULL);
#if defined(__x86_64__)
        CHECK(strstr(caps, "<arch name='x86_64'>\n      <wordsize>64</wordsize>") != NULL);
        CHECK(strstr(caps, "<arch name='i686'>\n      <wordsize>32</wordsize>") != NULL);
#endif
        meminfo = qt_read_file("/sys/devices/system/node/node0/meminfo");
        if (meminfo && (total = strstr(meminfo, "MemTotal:"))) {
            snprintf(expect, sizeof expect, "<memory unit='KiB'>%llu</memory>",
                     strtoull(total + strlen("MemTotal:"), NULL, 10));
            CHECK(strstr(caps, expect) != NULL);
        }
        free(meminfo);
        free(caps);
    }
    gethostname(name, sizeof name - 1);
    CHECK(host != NULL && strncmp(host, name, strlen(name)) == 0);
    free(host);
    CHECK(virNodeGetInfo(conn, &info) == 0 && info.memory > 0 && info.cpus > 0);
    CHECK(virConnectIsSecure(conn) == 1);
    CHECK(virConnectIsEncrypted(conn) == 0);
    CHECK(virConnectIsAlive(conn) == 1);
    /* libvirt's LXC driver has no domain capabilities either. */
    CHECK(virConnectGetDomainCapabilities(conn, NULL, NULL, NULL, NULL, 0) == NULL);
    CHECK(virGetLastErrorCode() == VIR_ERR_NO_SUPPORT);
}

static void test_takeover(void)
{
    char *xml = container_xml("ct3", root, "exec sleep 1000", "/bin/sh");
    virConnectPtr conn = virConnectOpen(uri);
    virDomainPtr dom;
    pid_t child;
    int status = -1;
    qt_must(conn != NULL, "open");
    dom = virDomainCreateXML(conn, xml, 0);
    CHECK(dom != NULL);
    if (dom)
        virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);

    child = fork();
    if (child == 0) {
        virConnectPtr c = virConnectOpen(uri);
        virDomainPtr d = c ? virDomainLookupByName(c, "ct3") : NULL;
        int ok = d && virDomainIsActive(d) == 1 && virDomainIsPersistent(d) == 0 && virDomainDestroy(d) == 0;
        if (!ok)
            fprintf(stderr, "takeover: %s\n", qt_error_message());
        if (d)
            virDomainFree(d);
        if (c)
            virConnectClose(c);
        _exit(ok ? 0 : 1);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* The init was our child: the zombie the destroy left is ours to reap. */
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
    conn = virConnectOpen(uri);
    qt_must(conn != NULL, "reopen");
    dom = virDomainLookupByName(conn, "ct3");
    CHECK(dom == NULL);  /* transient, and gone */
    if (dom)
        virDomainFree(dom);
    virConnectClose(conn);
    free(xml);
}

int main(void)
{
    virConnectPtr conn;
    qt_require_or_skip(geteuid() == 0, "containers need root (namespaces, mounts)");
    qt_require_or_skip(access("/bin/busybox", X_OK) == 0, "/bin/busybox (busybox-static) is not installed");
    base = qt_make_root();
    build_root();
    snprintf(out, sizeof out, "%s/out", base);
    snprintf(state, sizeof state, "%s/state", base);
    mkdir(out, 0755);
    snprintf(uri, sizeof uri, "lxc:///embed?root=%s", state);

    qt_start_event_loop();
    conn = virConnectOpen(uri);
    qt_must(conn != NULL, "open lxc:///embed");
    CHECK(strcmp(virConnectGetType(conn), "LXC") == 0);
    qt_watch_events(conn);
    test_host_entries(conn);
    test_start_inspect_destroy(conn);
    test_init_exits(conn);
    test_bad_definitions(conn);
    qt_unwatch_events(conn);
    virConnectClose(conn);
    test_takeover();

    if (!failures)
        qt_remove_tree(base);
    else
        fprintf(stderr, "scratch directory kept: %s\n", base);
    printf("%s (%d failures)\n", failures ? "FAIL" : "PASS", failures);
    return failures ? 1 : 0;
}
