/*
 * lxc_console_test.c: the console of a container with a real busybox root.
 *
 * The init is /bin/sh on the console (its stdin, stdout and stderr, and
 * /dev/console). Through virDomainOpenConsole the test sends
 * "echo hello-$((6*7))" and reads "hello-42" back (the shell computed it:
 * the tty's echo of the input holds no "hello-42"); checks that
 * /dev/console in the container is the same pty; that a second session is
 * refused and FORCE takes over; that what the init prints while no session
 * is open lands in log/lxc/NAME.log; and the console after a takeover: a
 * child process starts a container whose init is an interactive sh and
 * exits, a second one takes it over, opens the console twice (a line in,
 * the shell's answer out), finds the init running and its earlier output in
 * the log, destroys it and finds no keeper process, socket, status record,
 * cgroup or old root left. A keeper this process started is reaped after
 * a destroy (no zombie stays).
 *
 * Needs root and /bin/busybox: skipped (77) otherwise, a failure under
 * CI=true. Public API only.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../capi/check.h"
#include "qemu_test_support.h"

static char *base;
static char root[512];
static char state[512];
static char uri[600];

static void build_root(void)
{
    snprintf(root, sizeof root, "%s/root", base);
    qt_build_busybox_root(root);
}

static char *container_xml(const char *name, const char *script)
{
    char *xml = malloc(4096);
    snprintf(xml, 4096,
             "<domain type='lxc'><name>%s</name><memory unit='KiB'>65536</memory>"
             "<os><type>exe</type><init>/bin/sh</init>%s</os>"
             "<devices><filesystem type='mount'><source dir='%s'/><target dir='/'/></filesystem></devices>"
             "</domain>",
             name, script, root);
    return xml;
}

/* Reads a non-blocking stream until `needle` appears or `ms` pass; 1 if it
 * appeared. */
static int stream_wait_for(virStreamPtr st, const char *needle, int ms)
{
    char seen[16384];
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
            return 0;
        if (len + (size_t)n >= sizeof seen)
            len = 0;
        memcpy(seen + len, buf, (size_t)n);
        len += (size_t)n;
        seen[len] = '\0';
        if (strstr(seen, needle))
            return 1;
    }
    return 0;
}

static int send_text(virStreamPtr st, const char *text)
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

static virStreamPtr open_console(virDomainPtr dom, unsigned int flags)
{
    virStreamPtr st = virStreamNew(virDomainGetConnect(dom), VIR_STREAM_NONBLOCK);
    if (virDomainOpenConsole(dom, NULL, st, flags) < 0) {
        virStreamFree(st);
        return NULL;
    }
    return st;
}

static void test_shell_on_console(virConnectPtr conn)
{
    char *xml = container_xml("con1", "");
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    virStreamPtr st, other;
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    {
        /* The live XML shows the console as libvirt's does. */
        char *live = virDomainGetXMLDesc(dom, 0);
        CHECK_SUBSTR(live, "<console type='pty' tty='/dev/pts/");
        CHECK_SUBSTR(live, "<target type='lxc' port='0'/>");
        CHECK_SUBSTR(live, "<alias name='console0'/>");
        free(live);
    }
    st = open_console(dom, 0);
    CHECK(st != NULL);
    if (st) {
        CHECK_INT(send_text(st, "echo hello-$((6*7))\n"), 0);
        CHECK_INT(stream_wait_for(st, "hello-42", 10000), 1);
        /* /dev/console is the same terminal as the shell's stdin. */
        CHECK_INT(send_text(st, "[ /dev/console -ef /proc/self/fd/0 ] && echo same-$((1+1))\n"), 0);
        CHECK_INT(stream_wait_for(st, "same-2", 10000), 1);

        other = virStreamNew(conn, 0);
        CHECK_INT(virDomainOpenConsole(dom, NULL, other, 0), -1);
        CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_LXC, "Active console session exists for this domain");
        CHECK_INT(virDomainOpenConsole(dom, "tty7", other, VIR_DOMAIN_CONSOLE_FORCE), -1);
        CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LXC, "cannot find console device 'tty7'");
        virStreamFree(other);

        other = open_console(dom, VIR_DOMAIN_CONSOLE_FORCE);
        CHECK(other != NULL);
        {
            char buf[8];
            CHECK_INT(virStreamRecv(st, buf, sizeof buf), -1);
            CHECK_ERR(VIR_ERR_INTERNAL_ERROR, VIR_FROM_STREAMS);
        }
        if (other) {
            CHECK_INT(send_text(other, "echo again-$((2*3))\n"), 0);
            CHECK_INT(stream_wait_for(other, "again-6", 10000), 1);
            CHECK_INT(virStreamFinish(other), 0);
            virStreamFree(other);
        }
        virStreamFree(st);
    }
    CHECK_INT(virDomainDestroy(dom), 0);
    {
        virStreamPtr late = virStreamNew(conn, 0);
        CHECK_INT(virDomainOpenConsole(dom, NULL, late, 0), -1);
        CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_LXC);  /* transient: gone */
        virStreamFree(late);
    }
    virDomainFree(dom);
}

static int keeper_pid(const char *name);

/* The parent pid of `pid` from /proc, or -1. */
static int parent_of(int pid)
{
    char path[64], *stat;
    const char *close_paren;
    int ppid = -1;
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    stat = qt_read_file(path);
    close_paren = stat ? strrchr(stat, ')') : NULL;
    if (close_paren)
        sscanf(close_paren + 2, "%*c %d", &ppid);
    free(stat);
    return ppid;
}

/* Output while nobody holds the console goes to the log file. */
static void test_log_without_session(virConnectPtr conn)
{
    char *xml = container_xml("con2", "<initarg>-c</initarg><initarg>echo logged-$((3*3)); exec sleep 1000</initarg>");
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    char path[700], line[256] = "";
    long long deadline = qt_now_ms() + 10000;
    int found = 0;
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    snprintf(path, sizeof path, "grep -o 'logged-9' %s/log/lxc/con2.log", state);
    while (!found && qt_now_ms() < deadline) {
        found = qt_run(path, line, sizeof line) == 0 && strcmp(line, "logged-9") == 0;
        if (!found)
            usleep(50000);
    }
    CHECK(found);
    {
        /* The keeper is this process's child; destroy kills it and the
         * driver reaps it without waiting for its exit: soon it is not
         * even a zombie. */
        int keeper = keeper_pid("con2");
        char proc[64];
        CHECK(keeper > 0 && parent_of(keeper) == getpid());
        CHECK_INT(virDomainDestroy(dom), 0);
        snprintf(proc, sizeof proc, "/proc/%d", keeper);
        deadline = qt_now_ms() + 5000;
        while (keeper > 0 && qt_exists(proc) && qt_now_ms() < deadline)
            usleep(5000);
        CHECK(keeper > 0 && !qt_exists(proc));
    }
    virDomainFree(dom);
}

/* The process that starts con3 (this program run again) and exits: the
 * init is an interactive busybox sh on the console, after one line of output
 * that nobody reads but the keeper, into the log. */
static int start_child(const char *childuri)
{
    virConnectPtr c = virConnectOpen(childuri);
    char *xml = container_xml("con3", "<initarg>-c</initarg><initarg>echo early-$((7*8)); exec sh</initarg>");
    virDomainPtr d = c ? virDomainCreateXML(c, xml, 0) : NULL;
    free(xml);
    CHECK(d != NULL);
    if (d)
        virDomainFree(d);
    if (c)
        virConnectClose(c);
    return check_finish("lxc-console-start-child");
}

/* The keeper's pid in the status record of container `name`, or -1. */
static int keeper_pid(const char *name)
{
    char path[700];
    char *text;
    const char *at;
    int pid = -1;
    snprintf(path, sizeof path, "%s/run/lxc/%s.xml", state, name);
    text = qt_read_file(path);
    at = text ? strstr(text, " keeper='") : NULL;
    if (at)
        pid = atoi(at + strlen(" keeper='"));
    free(text);
    return pid;
}

/* Whether `pid` is a live process (a zombie is not). */
static int running(int pid)
{
    char path[64], *stat;
    const char *close_paren;
    int live = 0;
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    stat = qt_read_file(path);
    close_paren = stat ? strrchr(stat, ')') : NULL;
    live = close_paren && close_paren[1] == ' ' && close_paren[2] != 'Z';
    free(stat);
    return live;
}

/* One session: a line in, its echo computed by the shell out. */
static void session(virDomainPtr d, const char *command, const char *expect)
{
    virStreamPtr st = open_console(d, 0);
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(send_text(st, command), 0);
    CHECK_INT(stream_wait_for(st, expect, 10000), 1);
    CHECK_INT(virStreamFinish(st), 0);
    virStreamFree(st);
}

/* The second process: it took con3 over after its starter exited. */
static int takeover_child(const char *childuri)
{
    virConnectPtr c = virConnectOpen(childuri);
    virDomainPtr d = c ? virDomainLookupByName(c, "con3") : NULL;
    int keeper = keeper_pid("con3");
    char path[700], cmd[800], line[256] = "";
    CHECK(d != NULL);
    CHECK(keeper > 0 && running(keeper));
    if (d) {
        int state_now = -1, reason = -1;
        session(d, "echo take-$((5*5))\n", "take-25");
        session(d, "echo again-$((4*4))\n", "again-16");
        /* The init lived through the starter's exit and both sessions. */
        CHECK_INT(virDomainGetState(d, &state_now, &reason, 0), 0);
        CHECK_INT(state_now, VIR_DOMAIN_RUNNING);
        /* What it printed while nobody held the console is in the log. */
        snprintf(cmd, sizeof cmd, "grep -o 'early-56' %s/log/lxc/con3.log", state);
        CHECK(qt_run(cmd, line, sizeof line) == 0 && strcmp(line, "early-56") == 0);
        CHECK_INT(virDomainDestroy(d), 0);
        virDomainFree(d);
    }
    /* Nothing left: keeper, socket, status, cgroup, old root. */
    {
        long long deadline = qt_now_ms() + 5000;
        while (keeper > 0 && running(keeper) && qt_now_ms() < deadline)
            usleep(10000);
        CHECK(keeper > 0 && !running(keeper));
    }
    snprintf(path, sizeof path, "%s/run/lxc/con3.console", state);
    CHECK(!qt_exists(path));
    snprintf(path, sizeof path, "%s/run/lxc/con3.xml", state);
    CHECK(!qt_exists(path));
    snprintf(cmd, sizeof cmd, "find /sys/fs/cgroup -type d -name 'con3.libvirt-lxc' 2>/dev/null");
    line[0] = '\0';
    qt_run(cmd, line, sizeof line);
    CHECK_STR(line, "");
    snprintf(path, sizeof path, "%s/.oldroot", root);
    CHECK(!qt_exists(path));
    if (c)
        virConnectClose(c);
    return check_finish("lxc-console-takeover-child");
}

static int run_self(const char *self, const char *mode)
{
    pid_t child = fork();
    int status = -1;
    if (child == 0) {
        execl(self, self, mode, uri, (char *)NULL);
        _exit(127);
    }
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_takeover(const char *self)
{
    CHECK_INT(run_self(self, "--start"), 0);
    CHECK_INT(run_self(self, "--takeover"), 0);
}

int main(int argc, char **argv)
{
    virConnectPtr conn;
    virSetErrorFunc(NULL, check_quiet_error_func);
    if (argc == 3 && strncmp(argv[1], "--", 2) == 0) {
        /* A child: the paths follow from the URI (BASE/state). */
        const char *at = strstr(argv[2], "root=");
        snprintf(uri, sizeof uri, "%s", argv[2]);
        snprintf(state, sizeof state, "%s", at ? at + 5 : "");
        snprintf(root, sizeof root, "%.*s/root", (int)(strlen(state) > 6 ? strlen(state) - 6 : 0), state);
    }
    if (argc == 3 && strcmp(argv[1], "--start") == 0)
        return start_child(argv[2]);
    if (argc == 3 && strcmp(argv[1], "--takeover") == 0)
        return takeover_child(argv[2]);
    qt_require_or_skip(geteuid() == 0, "containers need root (namespaces, mounts)");
    qt_require_or_skip(access("/bin/busybox", X_OK) == 0, "/bin/busybox (busybox-static) is not installed");
    base = qt_make_root();
    build_root();
    snprintf(state, sizeof state, "%s/state", base);
    snprintf(uri, sizeof uri, "lxc:///embed?root=%s", state);

    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (conn) {
        test_shell_on_console(conn);
        test_log_without_session(conn);
        virConnectClose(conn);
    }
    test_takeover(argv[0]);
    qt_remove_tree(base);
    return check_finish("lxc-console");
}
