/*
 * lxc_console_test.c: the console of a container with a real busybox root.
 *
 * The init is /bin/sh on the console (its stdin, stdout and stderr, and
 * /dev/console). Through virDomainOpenConsole the test sends
 * "echo hello-$((6*7))" and reads "hello-42" back (the shell computed it:
 * the tty's echo of the input holds no "hello-42"); checks that
 * /dev/console in the container is the same pty; that a second session is
 * refused and FORCE takes over; that what the init prints while no session
 * is open lands in log/lxc/NAME.log; and that a second process, which took
 * the container over, gets a clear error instead of a console.
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
    CHECK_INT(virDomainDestroy(dom), 0);
    virDomainFree(dom);
}

/* The second process (this program run again): it took the container over
 * and has no master, so a clear error. */
static int takeover_child(const char *childuri)
{
    virConnectPtr c = virConnectOpen(childuri);
    virDomainPtr d = c ? virDomainLookupByName(c, "con3") : NULL;
    virStreamPtr st = c ? virStreamNew(c, 0) : NULL;
    CHECK(d != NULL && st != NULL);
    if (d && st) {
        CHECK_INT(virDomainOpenConsole(d, NULL, st, 0), -1);
        CHECK_ERR_MSG(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_LXC, "held by the process that started it");
        CHECK_INT(virDomainDestroy(d), 0);
    }
    if (st)
        virStreamFree(st);
    if (d)
        virDomainFree(d);
    if (c)
        virConnectClose(c);
    return check_finish("lxc-console-takeover-child");
}

static void test_takeover(const char *self)
{
    virConnectPtr conn = virConnectOpen(uri);
    char *xml = container_xml("con3", "<initarg>-c</initarg><initarg>exec sleep 1000</initarg>");
    virDomainPtr dom = conn ? virDomainCreateXML(conn, xml, 0) : NULL;
    pid_t child;
    int status = -1;
    free(xml);
    CHECK(dom != NULL);
    if (dom)
        virDomainFree(dom);
    if (conn)
        virConnectClose(conn);
    child = fork();
    if (child == 0) {
        execl(self, self, "--takeover", uri, (char *)NULL);
        _exit(127);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
}

int main(int argc, char **argv)
{
    virConnectPtr conn;
    virSetErrorFunc(NULL, check_quiet_error_func);
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
