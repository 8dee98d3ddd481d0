/*
 * lxc_devices_test.c: block filesystems and host devices in real busybox
 * containers (doc/lxc-driver.md, "Block filesystems and host devices").
 *
 * The test makes an ext4 image holding a marker file (mkfs.ext4 -d) and a
 * loop device over it (losetup), plus a loop device over an image with no
 * filesystem, and detaches both at exit whatever happened.
 *
 * - block: <filesystem type='block'> with <readonly/> is mounted at its
 *   target (ext4, read-only): the container reads the marker and cannot
 *   write; without <readonly/> it writes, and the host reads that file back
 *   from the device after the container is gone; the XML keeps the element;
 * - hostdevs: <hostdev mode='capabilities'> of type storage (the loop device)
 *   and misc (/dev/net/tun, or /dev/fuse) appear in the container's /dev at
 *   the same path with the host's type, numbers, mode and owner; with an
 *   <idmap> (a root copy owned by the mapped root) the storage node is a
 *   bind mount of the host's, with the same type, numbers and mode;
 * - bad definitions: a block source that is a regular file ("Block device
 *   required", from the child, naming the step), a missing one, a device
 *   with no filesystem ("unable to detect filesystem"), a storage hostdev
 *   that is a character device, a misc one that is a block device, a
 *   missing one, a subsystem hostdev: each fails with its error and leaves
 *   no domain, cgroup, old-root directory or mount of the device behind.
 *
 * Needs root, /bin/busybox, mkfs.ext4 and losetup: skipped (77) otherwise, a
 * failure under CI=true. Public API only.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
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
static char uroot[512];      /* a copy of root owned by the user namespace's root */
static char out[512];
static char state[512];
static char uri[600];
static char loop_fs[64];     /* the loop device over the ext4 image */
static char loop_empty[64];  /* the loop device over an image of zeros */
static const char *kMarker = "vireo-block-marker";

/* Detached at exit, whatever happened before. */
static void detach_loops(void)
{
    char cmd[128];
    if (loop_fs[0]) {
        snprintf(cmd, sizeof cmd, "losetup -d %s 2>/dev/null", loop_fs);
        qt_run(cmd, NULL, 0);
    }
    if (loop_empty[0]) {
        snprintf(cmd, sizeof cmd, "losetup -d %s 2>/dev/null", loop_empty);
        qt_run(cmd, NULL, 0);
    }
}

/* A container of root `rootdir` whose init is /bin/sh -c `script`, with
 * `top` top-level XML (an <idmap>, or "") and `devices` added. */
static char *container_xml_with(const char *name, const char *rootdir, const char *script, const char *top,
                                const char *devices)
{
    char *xml = malloc(8192);
    snprintf(xml, 8192,
             "<domain type='lxc'><name>%s</name><memory unit='KiB'>65536</memory>%s"
             "<os><type>exe</type><init>/bin/sh</init><initarg>-c</initarg><initarg>%s</initarg></os>"
             "<devices>"
             "<filesystem type='mount'><source dir='%s'/><target dir='/'/></filesystem>"
             "<filesystem type='mount'><source dir='%s'/><target dir='/out'/></filesystem>"
             "%s</devices></domain>",
             name, top, script, rootdir, out, devices);
    return xml;
}

static char *container_xml(const char *name, const char *script, const char *devices)
{
    return container_xml_with(name, root, script, "", devices);
}

static char *out_file(const char *name)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", out, name);
    return qt_read_file(path);
}

/* Whether the host's mount table mentions `device`. */
static int host_mounts(const char *device)
{
    char *table = qt_read_file("/proc/self/mountinfo");
    int found = table && strstr(table, device) != NULL;
    free(table);
    return found;
}

static int cgroup_dirs_named(const char *name)
{
    char cmd[256], buf[4096];
    snprintf(cmd, sizeof cmd, "find /sys/fs/cgroup -type d -name '%s.libvirt-lxc' 2>/dev/null", name);
    qt_run(cmd, buf, sizeof buf);
    return buf[0] != '\0';
}

static void destroy(virDomainPtr dom)
{
    if (!dom)
        return;
    CHECK(virDomainDestroy(dom) == 0);
    virDomainFree(dom);
}

static void test_block_readonly(virConnectPtr conn)
{
    char devices[512], path[700];
    char *xml, *read, *write, *mounts, *desc;
    virDomainPtr dom;
    snprintf(devices, sizeof devices,
             "<filesystem type='block'><source dev='%s'/><target dir='/mnt/data'/><readonly/></filesystem>",
             loop_fs);
    xml = container_xml("blk1",
                        "cat /mnt/data/marker > /out/read; "
                        "if echo x 2>/dev/null > /mnt/data/new; then echo written; else echo refused; fi "
                        "> /out/w; "
                        "grep ' /mnt/data ' /proc/self/mounts > /out/mounts; exec sleep 1000",
                        devices);
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    if (!dom) {
        fprintf(stderr, "start blk1: %s\n", qt_error_message());
        failures++;
        return;
    }
    snprintf(path, sizeof path, "%s/mounts", out);
    CHECK(qt_wait_file(path, 5000));
    usleep(50000);
    read = out_file("read");
    write = out_file("w");
    mounts = out_file("mounts");
    fprintf(stderr, "blk1: read '%s', write %s, mount %s", read ? read : "", write ? write : "",
            mounts ? mounts : "");
    CHECK(read && strncmp(read, kMarker, strlen(kMarker)) == 0);
    CHECK(write && strcmp(write, "refused\n") == 0);
    CHECK(mounts && strstr(mounts, " ext4 ro") != NULL);
    /* The block device is not mounted in the host's namespace. */
    CHECK(!host_mounts(loop_fs));
    desc = virDomainGetXMLDesc(dom, 0);
    CHECK(desc && strstr(desc, "<filesystem type='block' accessmode='passthrough'>") != NULL);
    if (desc) {
        char needle[128];
        snprintf(needle, sizeof needle, "<source dev='%s'/>", loop_fs);
        CHECK(strstr(desc, needle) != NULL);
        CHECK(strstr(desc, "<target dir='/mnt/data'/>") != NULL);
    }
    free(desc);
    free(read);
    free(write);
    free(mounts);
    destroy(dom);
    CHECK(!host_mounts(loop_fs));
}

static void test_block_writable(virConnectPtr conn)
{
    char devices[512], path[700], cmd[256], got[256];
    char *xml;
    virDomainPtr dom;
    snprintf(devices, sizeof devices,
             "<filesystem type='block'><source dev='%s'/><target dir='/srv'/></filesystem>", loop_fs);
    xml = container_xml("blk2",
                        "echo from-container > /srv/written; sync; echo done > /out/done; exec sleep 1000",
                        devices);
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    if (!dom) {
        fprintf(stderr, "start blk2: %s\n", qt_error_message());
        failures++;
        return;
    }
    snprintf(path, sizeof path, "%s/done", out);
    CHECK(qt_wait_file(path, 5000));
    destroy(dom);
    /* The filesystem went with the container's mount namespace: read the
     * file back from the device itself. */
    snprintf(cmd, sizeof cmd, "debugfs -R 'cat /written' %s 2>/dev/null", loop_fs);
    CHECK(qt_run(cmd, got, sizeof got) == 0);
    fprintf(stderr, "blk2: host reads '%s'\n", got);
    CHECK(strcmp(got, "from-container") == 0);
    /* Remove it again for the other tests. */
    snprintf(cmd, sizeof cmd, "debugfs -w -R 'rm /written' %s >/dev/null 2>&1", loop_fs);
    qt_run(cmd, NULL, 0);
}

/* What busybox's stat prints for `path` on the host: name, type, major and
 * minor in hex, permission bits in octal, owner. */
static int host_stat_line(const char *path, char *line, size_t size)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    snprintf(line, size, "%s|%s|%x|%x|%o|%u|%u\n", path,
             S_ISBLK(st.st_mode) ? "block special file" : "character special file", major(st.st_rdev),
             minor(st.st_rdev), st.st_mode & 07777, st.st_uid, st.st_gid);
    return 1;
}

/* The first misc (character) device this host has, for a misc hostdev. */
static const char *misc_device(void)
{
    static const char *candidates[] = {"/dev/net/tun", "/dev/fuse"};
    struct stat st;
    size_t i;
    for (i = 0; i < sizeof candidates / sizeof candidates[0]; i++)
        if (stat(candidates[i], &st) == 0 && S_ISCHR(st.st_mode))
            return candidates[i];
    return NULL;
}

static void test_hostdevs(virConnectPtr conn)
{
    const char *misc = misc_device();
    char devices[1024], script[512], path[700], want_block[256], want_misc[256];
    char *xml, *devs, *desc;
    virDomainPtr dom;
    if (!misc) {
        fprintf(stderr, "hd1: no /dev/net/tun or /dev/fuse on this host: /dev/null is the misc device\n");
        misc = "/dev/null";
    }
    snprintf(devices, sizeof devices,
             "<hostdev mode='capabilities' type='storage'><source><block>%s</block></source></hostdev>"
             "<hostdev mode='capabilities' type='misc'><source><char>%s</char></source></hostdev>",
             loop_fs, misc);
    snprintf(script, sizeof script, "stat -c '%%n|%%F|%%t|%%T|%%a|%%u|%%g' %s %s > /out/devs.tmp; "
                                    "mv /out/devs.tmp /out/devs; exec sleep 1000", loop_fs, misc);
    xml = container_xml("hd1", script, devices);
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    if (!dom) {
        fprintf(stderr, "start hd1: %s\n", qt_error_message());
        failures++;
        return;
    }
    snprintf(path, sizeof path, "%s/devs", out);
    CHECK(qt_wait_file(path, 5000));
    devs = out_file("devs");
    fprintf(stderr, "hd1: the container's nodes:\n%s", devs ? devs : "(none)\n");
    CHECK(host_stat_line(loop_fs, want_block, sizeof want_block));
    CHECK(host_stat_line(misc, want_misc, sizeof want_misc));
    CHECK(devs && strstr(devs, want_block) != NULL);
    CHECK(devs && strstr(devs, want_misc) != NULL);
    desc = virDomainGetXMLDesc(dom, 0);
    if (desc) {
        char needle[256];
        snprintf(needle, sizeof needle,
                 "<hostdev mode='capabilities' type='storage'>\n      <source>\n        <block>%s</block>",
                 loop_fs);
        CHECK(strstr(desc, needle) != NULL);
    }
    CHECK(desc != NULL);
    free(desc);
    free(devs);
    destroy(dom);
    CHECK(!host_mounts(loop_fs));
}

/* A bad definition: fails with `code` and a message holding `needle` (and
 * `tail`, unless NULL), and leaves nothing behind. */
static void expect_refused(virConnectPtr conn, const char *name, const char *devices, int code,
                           const char *needle, const char *tail)
{
    char *xml = container_xml(name, "exec sleep 1000", devices);
    char oldroot[600];
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    fprintf(stderr, "%s: %s\n", name, qt_error_message());
    CHECK(dom == NULL);
    CHECK(qt_error_code() == code);
    CHECK(strstr(qt_error_message(), needle) != NULL);
    CHECK(!tail || strstr(qt_error_message(), tail) != NULL);
    CHECK(virConnectNumOfDomains(conn) == 0);
    CHECK(!cgroup_dirs_named(name));
    snprintf(oldroot, sizeof oldroot, "%s/.oldroot", root);
    CHECK(!qt_exists(oldroot));
    CHECK(!host_mounts(loop_fs));
    CHECK(!host_mounts(loop_empty));
    if (dom)
        destroy(dom);
}

static void test_bad_blocks(virConnectPtr conn)
{
    char devices[1024], needle[700];
    snprintf(devices, sizeof devices,
             "<filesystem type='block'><source dev='%s/fs.img'/><target dir='/mnt'/></filesystem>", base);
    snprintf(needle, sizeof needle, "Failed to mount device /.oldroot%s/fs.img to /mnt", base);
    expect_refused(conn, "bad1", devices, VIR_ERR_SYSTEM_ERROR, needle,
                   "Block device required (step: mount-block)");

    expect_refused(conn, "bad2",
                   "<filesystem type='block'><source dev='/dev/vireo-no-such-disk'/>"
                   "<target dir='/mnt'/></filesystem>",
                   VIR_ERR_SYSTEM_ERROR,
                   "Path '/dev/vireo-no-such-disk' is not accessible: No such file or directory", NULL);

    snprintf(devices, sizeof devices,
             "<filesystem type='block'><source dev='%s'/><target dir='/mnt'/></filesystem>", loop_empty);
    snprintf(needle, sizeof needle, "Failed to mount device /.oldroot%s to /mnt, unable to detect filesystem",
             loop_empty);
    expect_refused(conn, "bad3", devices, VIR_ERR_SYSTEM_ERROR, needle, "No such device (step: mount-block)");
}

/* With an <idmap> the nodes are bind mounts of the host's: same type, numbers
 * and mode (the owner, host root, is unmapped in the user namespace). */
static void test_hostdevs_userns(virConnectPtr conn)
{
    char devices[1024], script[512], path[700], want[256];
    char *xml, *devs;
    virDomainPtr dom;
    snprintf(devices, sizeof devices,
             "<hostdev mode='capabilities' type='storage'><source><block>%s</block></source></hostdev>",
             loop_fs);
    snprintf(script, sizeof script, "stat -c '%%n|%%F|%%t|%%T|%%a|' %s > /out/udevs.tmp; "
                                    "mv /out/udevs.tmp /out/udevs; exec sleep 1000", loop_fs);
    xml = container_xml_with("hd2", uroot, script,
                             "<idmap><uid start='0' target='100000' count='65536'/>"
                             "<gid start='0' target='100000' count='65536'/></idmap>",
                             devices);
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    if (!dom) {
        fprintf(stderr, "start hd2: %s\n", qt_error_message());
        failures++;
        return;
    }
    snprintf(path, sizeof path, "%s/udevs", out);
    CHECK(qt_wait_file(path, 5000));
    devs = out_file("udevs");
    fprintf(stderr, "hd2 (user namespace): %s", devs ? devs : "(none)\n");
    CHECK(host_stat_line(loop_fs, want, sizeof want));
    /* Up to the mode: "path|type|major|minor|mode|". */
    *(strrchr(want, '|')) = '\0';
    *(strrchr(want, '|') + 1) = '\0';
    CHECK(devs && strncmp(devs, want, strlen(want)) == 0);
    free(devs);
    destroy(dom);
}

static void test_bad_hostdevs(virConnectPtr conn)
{
    char devices[1024], needle[256];
    expect_refused(conn, "bad4",
                   "<hostdev mode='capabilities' type='storage'><source><block>/dev/null</block></source>"
                   "</hostdev>",
                   VIR_ERR_CONFIG_UNSUPPORTED, "Storage source /dev/null must be a block device", NULL);
    snprintf(devices, sizeof devices,
             "<hostdev mode='capabilities' type='misc'><source><char>%s</char></source></hostdev>", loop_fs);
    snprintf(needle, sizeof needle, "Storage source %s must be a character device", loop_fs);
    expect_refused(conn, "bad5", devices, VIR_ERR_CONFIG_UNSUPPORTED, needle, NULL);
    expect_refused(conn, "bad6",
                   "<hostdev mode='capabilities' type='storage'><source><block>/dev/vireo-no-disk</block>"
                   "</source></hostdev>",
                   VIR_ERR_SYSTEM_ERROR, "Unable to access /dev/vireo-no-disk: No such file or directory",
                   NULL);
    expect_refused(conn, "bad7",
                   "<hostdev mode='subsystem' type='usb'><source><vendor id='0x1d6b'/><product id='0x0002'/>"
                   "</source></hostdev>",
                   VIR_ERR_CONFIG_UNSUPPORTED,
                   "<hostdev mode='subsystem'> is not supported by the container driver", NULL);
}

int main(void)
{
    virConnectPtr conn;
    char cmd[4096];
    qt_require_or_skip(geteuid() == 0, "containers and loop devices need root");
    qt_require_or_skip(access("/bin/busybox", X_OK) == 0, "/bin/busybox (busybox-static) is not installed");
    qt_require_or_skip(access("/usr/sbin/mkfs.ext4", X_OK) == 0 && access("/usr/sbin/debugfs", X_OK) == 0,
                       "mkfs.ext4 and debugfs (e2fsprogs) are not installed");
    qt_require_or_skip(access("/usr/sbin/losetup", X_OK) == 0 || access("/sbin/losetup", X_OK) == 0,
                       "losetup (mount) is not installed");
    base = qt_make_root();
    chmod(base, 0755); /* the mapped root of the user namespace test goes through it */
    snprintf(uroot, sizeof uroot, "%s/uroot", base);
    snprintf(root, sizeof root, "%s/root", base);
    qt_build_busybox_root(root);
    snprintf(cmd, sizeof cmd, "cp -a %s %s && chown -R 100000:100000 %s", root, uroot, uroot);
    qt_must(qt_run(cmd, NULL, 0) == 0, "copying the busybox root for the user namespace");
    snprintf(out, sizeof out, "%s/out", base);
    snprintf(state, sizeof state, "%s/state", base);
    mkdir(out, 0755);
    chmod(out, 01777); /* writable by the mapped root of the user namespace test */
    snprintf(uri, sizeof uri, "lxc:///embed?root=%s", state);

    /* The images and their loop devices. */
    atexit(detach_loops);
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s/fsdata && printf '%s' > %s/fsdata/marker && "
             "mkfs.ext4 -q -F -d %s/fsdata %s/fs.img 8M && truncate -s 8M %s/empty.img",
             base, kMarker, base, base, base, base);
    qt_must(qt_run(cmd, NULL, 0) == 0, "making the ext4 image");
    snprintf(cmd, sizeof cmd, "losetup -f --show %s/fs.img", base);
    qt_require_or_skip(qt_run(cmd, loop_fs, sizeof loop_fs) == 0 && loop_fs[0] == '/',
                       "no loop device could be attached (losetup -f)");
    snprintf(cmd, sizeof cmd, "losetup -f --show %s/empty.img", base);
    qt_require_or_skip(qt_run(cmd, loop_empty, sizeof loop_empty) == 0 && loop_empty[0] == '/',
                       "no second loop device could be attached (losetup -f)");
    fprintf(stderr, "loop devices: %s (ext4), %s (zeros)\n", loop_fs, loop_empty);

    conn = virConnectOpen(uri);
    qt_must(conn != NULL, "open lxc:///embed");
    test_block_readonly(conn);
    test_block_writable(conn);
    test_bad_blocks(conn);
    test_hostdevs(conn);
    test_hostdevs_userns(conn);
    test_bad_hostdevs(conn);
    virConnectClose(conn);

    if (!failures)
        qt_remove_tree(base);
    else
        fprintf(stderr, "scratch directory kept: %s\n", base);
    printf("%s (%d failures)\n", failures ? "FAIL" : "PASS", failures);
    return failures ? 1 : 0;
}
