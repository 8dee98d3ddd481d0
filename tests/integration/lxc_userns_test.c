/*
 * A container with <idmap>: its init runs in a user namespace whose maps
 * the parent wrote (uid 0 -> 100000, gid 0 -> 200000), as the mapped root on
 * the host; the root filesystem, chowned to the mapped root by the test (the
 * user's part, as with libvirt), belongs to root inside; the /dev nodes are
 * usable inside (written, read), /dev belongs to the container's root; the
 * container has a network namespace of its own, where its interface has its
 * address, and destroy removes the interface's host end. An idmap that does not map
 * root is refused and leaves nothing behind.
 *
 * Inside is checked from a forked child that enters the container's
 * namespaces (virDomainLxcEnterNamespace, the user namespace first).
 *
 * Needs root, /bin/busybox and user namespaces: skipped (77) otherwise, a
 * failure under CI=true.
 */

#include <libvirt/libvirt.h>
#include <libvirt/libvirt-lxc.h>
#include <libvirt/virterror.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../capi/check.h"
#include "qemu_test_support.h"

#define UID_TARGET 100000
#define GID_TARGET 200000

static char rootdir[512];
static char statedir[512];

static char *container_xml(const char *name, const char *idmap, const char *interfaces)
{
    char *xml = malloc(4096);
    snprintf(xml, 4096,
             "<domain type='lxc'><name>%s</name><memory unit='KiB'>65536</memory>"
             "<os><type>exe</type><init>/bin/sh</init><initarg>-c</initarg>"
             "<initarg>while :; do sleep 1; done</initarg></os>%s"
             "<devices><filesystem type='mount'><source dir='%s'/><target dir='/'/></filesystem>%s</devices>"
             "</domain>",
             name, idmap, rootdir, interfaces);
    return xml;
}

static const char *const kIdmap = "<idmap><uid start='0' target='100000' count='65536'/>"
                                  "<gid start='0' target='200000' count='65536'/></idmap>";

/* The first line of `path` that starts with `key`, or "". */
static void line_of(const char *path, const char *key, char *out, size_t size)
{
    char line[512];
    FILE *f = fopen(path, "r");
    out[0] = '\0';
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, strlen(key)) == 0) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(out, size, "%s", line);
            break;
        }
    if (f)
        fclose(f);
}

/* The host pid of the container's init, from its status file (pid='N'). */
static int init_pid(const char *name)
{
    char path[1024], buf[4096];
    const char *p;
    size_t n;
    FILE *f;
    snprintf(path, sizeof path, "%s/run/lxc/%s.xml", statedir, name);
    f = fopen(path, "r");
    if (!f)
        return -1;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    p = strstr(buf, " pid='");
    return p ? atoi(p + 6) : -1;
}

/* Inside: exit status 0 when ids, / and /dev look right, else the check. */
static int check_inside(void)
{
    struct stat st;
    char buf[4] = {1, 1, 1, 1};
    int fd;
    if (getuid() != 0 || getgid() != 0)
        return 20;
    if (stat("/", &st) != 0 || st.st_uid != 0 || st.st_gid != 0)
        return 21;
    if (stat("/dev", &st) != 0 || st.st_uid != 0)
        return 22;
    if (stat("/dev/null", &st) != 0 || !S_ISCHR(st.st_mode))
        return 23;
    fd = open("/dev/null", O_WRONLY);
    if (fd < 0 || write(fd, "x", 1) != 1)
        return 24;
    close(fd);
    fd = open("/dev/zero", O_RDONLY);
    if (fd < 0 || read(fd, buf, sizeof buf) != sizeof buf || buf[0] || buf[3])
        return 25;
    close(fd);
    fd = open("/dev/urandom", O_RDONLY);
    if (fd < 0 || read(fd, buf, sizeof buf) != sizeof buf)
        return 26;
    close(fd);
    /* Its interface, configured by the parent in a namespace this user
     * namespace owns. */
    {
        struct ifreq r;
        int s = socket(AF_INET, SOCK_DGRAM, 0);
        memset(&r, 0, sizeof r);
        strcpy(r.ifr_name, "eth0");
        if (s < 0 || ioctl(s, SIOCGIFADDR, &r) != 0 ||
            ((struct sockaddr_in *)&r.ifr_addr)->sin_addr.s_addr != inet_addr("10.78.0.2"))
            return 28;
        if (ioctl(s, SIOCGIFFLAGS, &r) != 0 || !(r.ifr_flags & IFF_UP))
            return 29;
        close(s);
    }
    /* The container's root may write its own tree. */
    fd = open("/made-inside", O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return 27;
    close(fd);
    return 0;
}

static void test_mapped(virConnectPtr conn)
{
    char *xml = container_xml("usernsct", kIdmap,
                              "<interface type='ethernet'><target dev='vrlxcuser0'/>"
                              "<ip address='10.78.0.2' prefix='24'/></interface>");
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    char path[600], line[512];
    int pid, *fds = NULL, n, status = -1, i;
    pid_t child;
    struct stat st;
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    pid = init_pid("usernsct");
    CHECK(pid > 0);
    snprintf(path, sizeof path, "/proc/%d/uid_map", pid);
    line_of(path, "", line, sizeof line);
    {
        unsigned long a = 1, b = 0, c = 0;
        CHECK(sscanf(line, "%lu %lu %lu", &a, &b, &c) == 3 && a == 0 && b == UID_TARGET && c == 65536);
        snprintf(path, sizeof path, "/proc/%d/gid_map", pid);
        line_of(path, "", line, sizeof line);
        CHECK(sscanf(line, "%lu %lu %lu", &a, &b, &c) == 3 && a == 0 && b == GID_TARGET && c == 65536);
    }
    /* On the host, the init runs as the mapped root. */
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    line_of(path, "Uid:", line, sizeof line);
    CHECK_STR(line, "Uid:\t100000\t100000\t100000\t100000");
    line_of(path, "Gid:", line, sizeof line);
    CHECK_STR(line, "Gid:\t200000\t200000\t200000\t200000");
    /* Its own network namespace. */
    {
        struct stat mine, its;
        snprintf(path, sizeof path, "/proc/%d/ns/net", pid);
        CHECK(stat(path, &its) == 0 && stat("/proc/self/ns/net", &mine) == 0 && its.st_ino != mine.st_ino);
    }

    n = virDomainLxcOpenNamespace(dom, &fds, 0);
    CHECK_INT(n, 6);
    if (n > 0) {
        child = fork();
        if (child == 0) {
            unsigned int nold = 0;
            int *old = NULL;
            if (virDomainLxcEnterNamespace(dom, n, fds, &nold, &old, 0) != 0)
                _exit(10);
            /* Entering a user namespace keeps the host's ids (unmapped
             * there): become its root, as the driver makes the init. */
            if (setresgid(0, 0, 0) != 0 || setgroups(0, NULL) != 0 || setresuid(0, 0, 0) != 0)
                _exit(11);
            _exit(check_inside());
        }
        CHECK(child > 0 && waitpid(child, &status, 0) == child);
        CHECK(WIFEXITED(status));
        CHECK_INT(WEXITSTATUS(status), 0);
        for (i = 0; i < n; i++)
            close(fds[i]);
        free(fds);
    }
    /* What the container's root made is the mapped root's on the host. */
    snprintf(path, sizeof path, "%s/made-inside", rootdir);
    CHECK(stat(path, &st) == 0 && st.st_uid == UID_TARGET && st.st_gid == GID_TARGET);
    unlink(path);
    CHECK(access("/sys/class/net/vrlxcuser0", F_OK) == 0);
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK(access("/sys/class/net/vrlxcuser0", F_OK) != 0);
    virDomainFree(dom);
}

static void test_root_not_mapped(virConnectPtr conn)
{
    char *xml = container_xml("usernsbad",
                              "<idmap><uid start='1' target='100000' count='10'/>"
                              "<gid start='0' target='200000' count='10'/></idmap>",
                              "");
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(dom == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "XML error: You must map the root user of container");
    CHECK_INT(virConnectNumOfDomains(conn), 0);
}

int main(void)
{
    char *base, uri[600], cmd[4096];
    virConnectPtr conn;

    qt_require_or_skip(geteuid() == 0, "containers need root (namespaces, mounts)");
    qt_require_or_skip(access("/bin/busybox", X_OK) == 0, "/bin/busybox (busybox-static) is not installed");
    qt_require_or_skip(access("/proc/self/ns/user", F_OK) == 0, "the kernel has no user namespaces");
    base = qt_make_root();
    snprintf(rootdir, sizeof rootdir, "%s/root", base);
    snprintf(statedir, sizeof statedir, "%s/state", base);
    snprintf(uri, sizeof uri, "lxc:///embed?root=%s", statedir);
    /* The mapped root must reach and own its root filesystem. */
    snprintf(cmd, sizeof cmd,
             "chmod 755 %s && mkdir -p %s/bin && cp /bin/busybox %s/bin/busybox && "
             "chroot %s /bin/busybox --install -s /bin && chown -R %d:%d %s",
             base, rootdir, rootdir, rootdir, UID_TARGET, GID_TARGET, rootdir);
    CHECK_INT(qt_run(cmd, NULL, 0), 0);

    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (conn) {
        test_mapped(conn);
        test_root_not_mapped(conn);
        CHECK_INT(virConnectClose(conn), 0);
    }
    qt_remove_tree(base);
    return check_finish("lxc-userns");
}
