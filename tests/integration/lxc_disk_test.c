/*
 * lxc_disk_test.c: <disk type='block'> in real busybox containers, and their
 * leases through a real lock daemon (doc/lxc-driver.md, "Disks and leases").
 *
 * The test makes two small images and loop devices over them (losetup),
 * detached at exit whatever happened.
 *
 * - nodes: a disk (device='disk', target sda) and a read-only LUN
 *   (device='lun', target sdb) appear in the container's /dev as block
 *   devices with the loop devices' numbers and mode 0700; the XML keeps them;
 * - bad definitions: a source that is a regular file, a missing source, a
 *   disk of type 'file' (vireo's refusal: libvirt attaches a loop device), of
 *   type 'volume', no source (refused at define too): each fails with
 *   libvirt's error and leaves no
 *   domain, status record, console socket, cgroup or old root behind;
 * - leases (lock_manager = "lockd" in lxc.conf, vireo-lockd started by the
 *   driver from $VIREO_LOCKD_PATH): a running container holds its disk's
 *   lease (the daemon's lock on the device); a second container on the same
 *   disk is refused with the daemon's VIR_ERR_RESOURCE_BUSY and leaves
 *   nothing behind; after a destroy it starts; an init that exits by itself
 *   gives the lease back; read-only disks take none (two containers share
 *   one).
 *
 * Needs root, /bin/busybox and losetup (and VIREO_LOCKD_PATH for the
 * leases): skipped (77) otherwise, a failure under CI=true. Public API only.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "../capi/check.h"
#include "qemu_test_support.h"

static char *base;
static char root[512];
static char out[512];
static char loop_a[64];
static char loop_b[64];

static void detach_loops(void)
{
    char cmd[128];
    const char *loops[] = {loop_a, loop_b};
    for (int i = 0; i < 2; i++) {
        if (!loops[i][0])
            continue;
        snprintf(cmd, sizeof cmd, "losetup -d %s 2>/dev/null", loops[i]);
        qt_run(cmd, NULL, 0);
    }
}

static int make_loop(const char *image, char *loop, size_t size)
{
    char cmd[700];
    int fd = open(image, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || ftruncate(fd, 1 << 20) != 0)
        return -1;
    close(fd);
    snprintf(cmd, sizeof cmd, "losetup -f --show %s", image);
    return qt_run(cmd, loop, size) == 0 && loop[0] == '/' ? 0 : -1;
}

/* A container whose init is /bin/sh -c `script`, with `devices` added. */
static char *container_xml(const char *name, const char *script, const char *devices)
{
    char *xml = malloc(8192);
    snprintf(xml, 8192,
             "<domain type='lxc'><name>%s</name><memory unit='KiB'>65536</memory>"
             "<os><type>exe</type><init>/bin/sh</init><initarg>-c</initarg><initarg>%s</initarg></os>"
             "<devices>"
             "<filesystem type='mount'><source dir='%s'/><target dir='/'/></filesystem>"
             "<filesystem type='mount'><source dir='%s'/><target dir='/out'/></filesystem>"
             "%s</devices></domain>",
             name, script, root, out, devices);
    return xml;
}

static char *disk_xml(const char *source, const char *target, const char *more)
{
    static char xml[1024];
    snprintf(xml, sizeof xml, "<disk type='block' device='disk'><source dev='%s'/><target dev='%s'/>%s</disk>",
             source, target, more);
    return xml;
}

static int cgroup_dirs_named(const char *name)
{
    char cmd[256], buf[4096] = "";
    snprintf(cmd, sizeof cmd, "find /sys/fs/cgroup -type d -name '%s.libvirt-lxc' 2>/dev/null", name);
    qt_run(cmd, buf, sizeof buf);
    return buf[0] != '\0';
}

/* Nothing of container `name` under `state` nor on the host. */
static void check_nothing_left(const char *state, const char *name)
{
    char path[700];
    snprintf(path, sizeof path, "%s/run/lxc/%s.xml", state, name);
    CHECK(!qt_exists(path));
    snprintf(path, sizeof path, "%s/run/lxc/%s.console", state, name);
    CHECK(!qt_exists(path));
    CHECK(!cgroup_dirs_named(name));
    snprintf(path, sizeof path, "%s/.oldroot", root);
    CHECK(!qt_exists(path));
}

static char *out_file(const char *name)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", out, name);
    qt_wait_file(path, 10000);
    return qt_read_file(path);
}

static void test_nodes(virConnectPtr conn)
{
    char devices[2048], expect[128];
    struct stat st;
    char *xml, *text;
    virDomainPtr dom;
    snprintf(devices, sizeof devices, "%s<disk type='block' device='lun'><source dev='%s'/><target dev='sdb'/>"
             "<readonly/></disk>", disk_xml(loop_a, "sda", ""), loop_b);
    xml = container_xml("disk1",
                        "stat -c \"%F %t:%T %a\" /dev/sda /dev/sdb > /out/nodes.tmp; mv /out/nodes.tmp /out/nodes; "
                        "exec sleep 1000",
                        devices);
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    text = out_file("nodes");
    CHECK(stat(loop_a, &st) == 0);
    snprintf(expect, sizeof expect, "block special file %x:%x 700\n", major(st.st_rdev), minor(st.st_rdev));
    CHECK(text && strncmp(text, expect, strlen(expect)) == 0);
    CHECK(stat(loop_b, &st) == 0);
    snprintf(expect, sizeof expect, "\nblock special file %x:%x 700\n", major(st.st_rdev), minor(st.st_rdev));
    CHECK_SUBSTR(text, expect);
    free(text);
    xml = virDomainGetXMLDesc(dom, 0);
    CHECK_SUBSTR(xml, "<target dev='sda'");
    CHECK_SUBSTR(xml, "<disk type='block' device='lun'>");
    free(xml);
    CHECK_INT(virDomainDestroy(dom), 0);
    virDomainFree(dom);
}

static void expect_refused(virConnectPtr conn, const char *name, const char *devices, int code, const char *msg)
{
    char *xml = container_xml(name, "exec sleep 1000", devices);
    char state[600];
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(dom == NULL);
    CHECK_ERR_MSG(code, VIR_FROM_LXC, msg);
    CHECK_INT(virConnectNumOfDomains(conn), 0);
    snprintf(state, sizeof state, "%s/state", base);
    check_nothing_left(state, name);
    if (dom) {
        virDomainDestroy(dom);
        virDomainFree(dom);
    }
}

static void test_bad_disks(virConnectPtr conn)
{
    char file[600], devices[2048], msg[700];
    snprintf(file, sizeof file, "%s/a.img", base);
    snprintf(msg, sizeof msg, "Disk source %s must be a character/block device", file);
    expect_refused(conn, "bad1", disk_xml(file, "sda", ""), VIR_ERR_CONFIG_UNSUPPORTED, msg);
    expect_refused(conn, "bad2", disk_xml("/dev/vireo-no-such-disk", "sda", ""), VIR_ERR_SYSTEM_ERROR,
                   "Unable to access /dev/vireo-no-such-disk: No such file or directory");
    snprintf(devices, sizeof devices, "<disk type='file' device='disk'><source file='%s'/><target dev='sda'/></disk>",
             file);
    expect_refused(conn, "bad3", devices, VIR_ERR_CONFIG_UNSUPPORTED,
                   "<disk type='file'> is not supported by the container driver yet");
    snprintf(devices, sizeof devices,
             "<disk type='volume' device='disk'><source pool='p' volume='v'/><target dev='sda'/></disk>");
    expect_refused(conn, "bad4", devices, VIR_ERR_CONFIG_UNSUPPORTED, "Can't setup disk for non-block device");
    /* No source: the parser's rule, libvirt's words and numbers. */
    {
        char *xml = container_xml("bad6", "exec sleep 1000", "<disk type='block' device='disk'><target dev='sda'/></disk>");
        CHECK(virDomainCreateXML(conn, xml, 0) == NULL);
        CHECK_ERR_MSG(VIR_ERR_NO_SOURCE, VIR_FROM_DOMAIN, "missing source information for device sda");
        CHECK(virDomainDefineXML(conn, xml) == NULL);
        CHECK_INT(virConnectNumOfDefinedDomains(conn), 0);
        free(xml);
    }
    /* Not a disk name: the parser says so, as libvirt's. */
    {
        char *xml = container_xml("bad5", "exec sleep 1000", disk_xml(loop_a, "null", ""));
        CHECK(virDomainCreateXML(conn, xml, 0) == NULL);
        CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "Unknown disk name 'null'");
        free(xml);
    }
}

static void test_leases(void)
{
    char state[600], uri[700], path[700], msg[256];
    virConnectPtr conn;
    virDomainPtr a, b, c;
    char *xml;
    FILE *f;
    int daemon = -1;
    snprintf(state, sizeof state, "%s/lockstate", base);
    snprintf(path, sizeof path, "%s/etc", state);
    CHECK(mkdir(state, 0700) == 0 && mkdir(path, 0700) == 0);
    snprintf(path, sizeof path, "%s/etc/lxc.conf", state);
    f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("lock_manager = \"lockd\"\n", f);
    fclose(f);
    snprintf(uri, sizeof uri, "lxc:///embed?root=%s", state);
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (!conn)
        return;

    xml = container_xml("lease1", "exec sleep 1000", disk_xml(loop_a, "sda", ""));
    a = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(a != NULL);
    CHECK(qt_lease_holder(loop_a) > 0);

    /* The same disk again: refused by the lock daemon, nothing left. */
    xml = container_xml("lease2", "exec sleep 1000", disk_xml(loop_a, "sdc", ""));
    b = virDomainCreateXML(conn, xml, 0);
    CHECK(b == NULL);
    snprintf(msg, sizeof msg, "Lockspace resource '%s' is locked", loop_a);
    CHECK_ERR_MSG(VIR_ERR_RESOURCE_BUSY, VIR_FROM_LOCKSPACE, msg);
    check_nothing_left(state, "lease2");
    CHECK_INT(virConnectNumOfDomains(conn), 1);

    /* After a destroy the lease is free and the second one starts. */
    if (a) {
        CHECK_INT(virDomainDestroy(a), 0);
        virDomainFree(a);
    }
    CHECK(qt_wait_lease(loop_a, 0, 2000));
    b = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(b != NULL);
    CHECK(qt_lease_holder(loop_a) > 0);
    if (b) {
        CHECK_INT(virDomainDestroy(b), 0);
        virDomainFree(b);
    }
    CHECK(qt_wait_lease(loop_a, 0, 2000));

    /* An init that exits by itself gives its lease back. */
    xml = container_xml("lease3", "sleep 0.5", disk_xml(loop_a, "sda", ""));
    c = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(c != NULL);
    CHECK(qt_lease_holder(loop_a) > 0);
    CHECK(qt_wait_lease(loop_a, 0, 10000));
    {
        long long end = qt_now_ms() + 5000;
        while (virConnectNumOfDomains(conn) > 0 && qt_now_ms() < end)
            usleep(10000);
        CHECK_INT(virConnectNumOfDomains(conn), 0);
    }
    check_nothing_left(state, "lease3");
    if (c)
        virDomainFree(c);

    /* Read-only disks take no lease: both run. */
    xml = container_xml("ro1", "exec sleep 1000", disk_xml(loop_b, "sda", "<readonly/>"));
    a = virDomainCreateXML(conn, xml, 0);
    free(xml);
    xml = container_xml("ro2", "exec sleep 1000", disk_xml(loop_b, "sda", "<readonly/>"));
    b = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(a != NULL && b != NULL);
    CHECK_INT(qt_lease_holder(loop_b), 0);
    if (a) {
        CHECK_INT(virDomainDestroy(a), 0);
        virDomainFree(a);
    }
    if (b) {
        CHECK_INT(virDomainDestroy(b), 0);
        virDomainFree(b);
    }
    virConnectClose(conn);

    snprintf(path, sizeof path, "%s/run/lockd.pid", state);
    f = fopen(path, "r");
    if (f) {
        if (fscanf(f, "%d", &daemon) != 1)
            daemon = -1;
        fclose(f);
    }
    CHECK(daemon > 0);
    if (daemon > 0)
        kill(daemon, SIGTERM);
}

int main(void)
{
    char image[600], state[600], uri[700];
    virConnectPtr conn;
    virSetErrorFunc(NULL, check_quiet_error_func);
    qt_require_or_skip(geteuid() == 0, "containers need root (namespaces, mounts, loop devices)");
    qt_require_or_skip(access("/bin/busybox", X_OK) == 0, "/bin/busybox (busybox-static) is not installed");
    qt_require_or_skip(qt_run("losetup --version >/dev/null 2>&1", NULL, 0) == 0, "losetup is not installed");
    base = qt_make_root();
    snprintf(root, sizeof root, "%s/root", base);
    qt_build_busybox_root(root);
    snprintf(out, sizeof out, "%s/out", base);
    mkdir(out, 0755);
    atexit(detach_loops);
    snprintf(image, sizeof image, "%s/a.img", base);
    CHECK(make_loop(image, loop_a, sizeof loop_a) == 0);
    snprintf(image, sizeof image, "%s/b.img", base);
    CHECK(make_loop(image, loop_b, sizeof loop_b) == 0);
    if (!loop_a[0] || !loop_b[0]) {
        qt_remove_tree(base);
        return check_finish("lxc-disk");
    }
    snprintf(state, sizeof state, "%s/state", base);
    snprintf(uri, sizeof uri, "lxc:///embed?root=%s", state);
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (conn) {
        test_nodes(conn);
        test_bad_disks(conn);
        virConnectClose(conn);
    }
    if (getenv("VIREO_LOCKD_PATH"))
        test_leases();
    else
        qt_require_or_skip(0, "VIREO_LOCKD_PATH does not name vireo-lockd");
    detach_loops();
    loop_a[0] = loop_b[0] = '\0';
    qt_remove_tree(base);
    return check_finish("lxc-disk");
}
