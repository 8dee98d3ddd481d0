/*
 * Device hotplug and unplug in the QEMU driver with a real
 * qemu-system-x86_64 (TCG) and the tiny test guest (which ejects PCI
 * devices the host asks to remove, as an OS's ACPI code would): file and
 * block disks, a disk whose unplug stays pending while the guest is
 * paused, failing attaches that must leave nothing behind, persistent
 * (AFFECT_CONFIG) changes that survive a reopen, user and tap interfaces,
 * chardevs, and a second process that takes the domain over and detaches
 * a disk the first one attached.
 *
 * Needs root (private /dev namespaces, loop devices, tap devices).
 *
 * Usage: qemu-hotplug-test GUEST_IMAGE
 *        qemu-hotplug-test --takeover ROOT NAME LOOPDEV   (the second process)
 */

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../capi/check.h"
#include "qemu_test_support.h"

static const char *image;
static char *root;
static char loopdev[64];   /* /dev/loopN backing the block disk, "" if none */

/* ---- helpers ------------------------------------------------------------- */

static int in_namespace(int pid, const char *devpath)
{
    char path[256];
    snprintf(path, sizeof path, "/proc/%d/root%s", pid, devpath);
    return qt_exists(path);
}

static int status_has(const char *dir, const char *name, const char *needle)
{
    char path[512], buf[65536];
    FILE *f;
    size_t n;
    snprintf(path, sizeof path, "%s/run/qemu/%s.xml", dir, name);
    if (!(f = fopen(path, "r")))
        return 0;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strstr(buf, needle) != NULL;
}

static int has_device(virDomainPtr dom, unsigned int flags, const char *element, const char *needle)
{
    char *xml = qt_device_xml(dom, flags, element, needle);
    int found = xml != NULL;
    free(xml);
    return found;
}

static char *file_disk_xml(const char *path, const char *format, const char *target, const char *extra)
{
    char *xml = NULL;
    if (asprintf(&xml,
                 "<disk type='file' device='disk'><driver name='qemu' type='%s'/>"
                 "<source file='%s'/><target dev='%s' bus='virtio'/>%s</disk>",
                 format, path, target, extra ? extra : "") < 0)
        exit(1);
    return xml;
}

static char *block_disk_xml(const char *dev, const char *target, const char *extra)
{
    char *xml = NULL;
    if (asprintf(&xml,
                 "<disk type='block' device='disk'><driver name='qemu' type='raw'/>"
                 "<source dev='%s'/><target dev='%s' bus='virtio'/>%s</disk>",
                 dev, target, extra ? extra : "") < 0)
        exit(1);
    return xml;
}

static void make_qcow2(const char *path)
{
    char cmd[640];
    snprintf(cmd, sizeof cmd, "qemu-img create -q -f qcow2 '%s' 16M", path);
    CHECK_INT(qt_run(cmd, NULL, 0), 0);
}

static virDomainPtr define_guest(virConnectPtr conn, const char *name, const char *extra)
{
    char *xml = qt_guest_xml(name, image, extra);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    free(xml);
    return dom;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

/* ---- disks ------------------------------------------------------------------ */

/* A qcow2 file disk, attached and detached a few times: the figures are
 * the median latencies. */
static void test_file_disk(virDomainPtr dom)
{
    enum { ROUNDS = 5 };
    long long attach_ms[ROUNDS], detach_ms[ROUNDS];
    char path[512];
    char *xml;
    int pid = qt_status_pid(root, "hp");
    snprintf(path, sizeof path, "%s/file-disk.qcow2", root);
    make_qcow2(path);
    xml = file_disk_xml(path, "qcow2", "vdb", NULL);
    for (int i = 0; i < ROUNDS; i++) {
        char *disk;
        long long t0;
        qt_clear_events();
        t0 = qt_now_ms();
        CHECK_INT(virDomainAttachDevice(dom, xml), 0);
        attach_ms[i] = qt_now_ms() - t0;
        disk = qt_device_xml(dom, 0, "disk", "dev='vdb'");
        CHECK(disk != NULL);
        CHECK_SUBSTR(disk, "<alias name='virtio-disk1'/>");
        CHECK_SUBSTR(disk, "<address type='pci' domain='0x0000' bus='0x00'");
        CHECK_SUBSTR(disk, "<backingStore/>");
        free(disk);
        CHECK(qt_wait_device_event("hp", 1, "virtio-disk1", 2000));
        CHECK(qt_process_has_open(pid, path));
        CHECK(status_has(root, "hp", path));
        /* LIVE only: the persistent definition has no vdb */
        CHECK(!has_device(dom, VIR_DOMAIN_XML_INACTIVE, "disk", "dev='vdb'"));

        t0 = qt_now_ms();
        CHECK_INT(virDomainDetachDevice(dom, xml), 0);
        detach_ms[i] = qt_now_ms() - t0;
        CHECK(!has_device(dom, 0, "disk", "dev='vdb'"));
        CHECK(qt_wait_device_event("hp", 0, "virtio-disk1", 2000));
        /* blockdev-del closed the image: nothing of the disk is left in QEMU */
        CHECK(!qt_process_has_open(pid, path));
        CHECK(!status_has(root, "hp", path));
    }
    qsort(attach_ms, ROUNDS, sizeof attach_ms[0], cmp_ll);
    qsort(detach_ms, ROUNDS, sizeof detach_ms[0], cmp_ll);
    printf("hotplug latency (virtio qcow2 disk, TCG, median of %d): attach %lld ms (min %lld, max %lld), "
           "detach %lld ms (min %lld, max %lld; includes the guest's ACPI eject)\n",
           ROUNDS, attach_ms[ROUNDS / 2], attach_ms[0], attach_ms[ROUNDS - 1], detach_ms[ROUNDS / 2], detach_ms[0],
           detach_ms[ROUNDS - 1]);
    free(xml);
}

/* A block disk on a loop device: its node appears in QEMU's private /dev
 * (and only there), and goes again with the disk. A failing attach of it
 * leaves no node, no open descriptor and no device behind. The disk stays
 * attached at the end for the takeover test. */
static void test_block_disk(virDomainPtr dom)
{
    char file[512], cmd[1200], node[80], nodeRecord[96];
    char *host_before, *host_after, *xml, *bad;
    int pid = qt_status_pid(root, "hp");
    snprintf(file, sizeof file, "%s/loop.img", root);
    snprintf(cmd, sizeof cmd, "truncate -s 16M '%s' && losetup --find --show '%s'", file, file);
    if (qt_run(cmd, loopdev, sizeof loopdev) != 0 || strncmp(loopdev, "/dev/loop", 9) != 0) {
        fprintf(stderr, "SKIP: block disk tests: losetup could not attach a loop device\n");
        loopdev[0] = '\0';
        return;
    }
    snprintf(node, sizeof node, "%s", loopdev + 4);  /* "/loopN" */
    snprintf(nodeRecord, sizeof nodeRecord, "<node path='%s'/>", loopdev + 5);
    CHECK(!in_namespace(pid, loopdev));
    host_before = qt_dir_listing("/dev");

    xml = block_disk_xml(loopdev, "vdc", NULL);
    qt_clear_events();
    CHECK_INT(virDomainAttachDevice(dom, xml), 0);
    CHECK(qt_wait_device_event("hp", 1, "virtio-disk2", 2000));
    CHECK(in_namespace(pid, loopdev));
    CHECK(qt_process_has_open(pid, loopdev));
    CHECK(status_has(root, "hp", nodeRecord));
    host_after = qt_dir_listing("/dev");
    CHECK(host_before && host_after && strcmp(host_before, host_after) == 0);
    free(host_after);

    CHECK_INT(virDomainDetachDevice(dom, xml), 0);
    CHECK(qt_wait_device_event("hp", 0, "virtio-disk2", 2000));
    CHECK(!in_namespace(pid, loopdev));
    CHECK(!qt_process_has_open(pid, loopdev));
    CHECK(!status_has(root, "hp", nodeRecord));
    CHECK(!has_device(dom, 0, "disk", "dev='vdc'"));

    /* QEMU refuses the device after both block nodes were added: the
     * attach undoes them and the /dev node. The guest is paused meanwhile:
     * QEMU 7.2 under TCG can stall in device_add's error path (it drains
     * RCU callbacks) while the vCPU spins in the guest's polling loop. */
    bad = block_disk_xml(loopdev, "vdc", "<blockio logical_block_size='3'/>");
    qt_clear_events();
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainAttachDevice(dom, bad), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "unable to execute QEMU command 'device_add'");
    CHECK_INT(virDomainResume(dom), 0);
    CHECK(!in_namespace(pid, loopdev));
    CHECK(!qt_process_has_open(pid, loopdev));
    CHECK(!has_device(dom, 0, "disk", "dev='vdc'"));
    CHECK(!status_has(root, "hp", nodeRecord));
    CHECK(!qt_wait_device_event("hp", 1, "virtio-disk2", 100));
    free(bad);

    /* the same target attaches fine afterwards, and stays for the takeover */
    CHECK_INT(virDomainAttachDevice(dom, xml), 0);
    CHECK(in_namespace(pid, loopdev));
    host_after = qt_dir_listing("/dev");
    CHECK(host_before && host_after && strcmp(host_before, host_after) == 0);
    free(host_after);
    free(host_before);
    free(xml);
    (void)node;
}

static void test_failed_attaches(virDomainPtr dom)
{
    char raw[512], cmd[600];
    char *xml;
    int pid = qt_status_pid(root, "hp");

    /* a missing image: refused before QEMU sees it */
    xml = file_disk_xml("/nonexistent/vireo.qcow2", "qcow2", "vdd", NULL);
    CHECK_INT(virDomainAttachDevice(dom, xml), -1);
    CHECK_ERR_MSG(VIR_ERR_SYSTEM_ERROR, VIR_FROM_STORAGE, "Cannot access storage file '/nonexistent/vireo.qcow2'");
    CHECK(!has_device(dom, 0, "disk", "dev='vdd'"));
    free(xml);

    /* IDE cannot be hotplugged */
    snprintf(raw, sizeof raw, "%s/raw.img", root);
    snprintf(cmd, sizeof cmd, "truncate -s 8M '%s'", raw);
    CHECK_INT(qt_run(cmd, NULL, 0), 0);
    if (asprintf(&xml, "<disk type='file' device='disk'><source file='%s'/><target dev='hdb' bus='ide'/></disk>",
                 raw) < 0)
        exit(1);
    CHECK_INT(virDomainAttachDevice(dom, xml), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU, "disk bus 'ide' cannot be hotplugged.");
    CHECK(!has_device(dom, 0, "disk", "dev='hdb'"));
    free(xml);

    /* a raw image declared qcow2: the storage node was added, the format
     * node refused; the storage node goes again (the image is not open) */
    xml = file_disk_xml(raw, "qcow2", "vdd", NULL);
    CHECK_INT(virDomainAttachDevice(dom, xml), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "Image is not in qcow2 format");
    CHECK(!qt_process_has_open(pid, raw));
    CHECK(!has_device(dom, 0, "disk", "dev='vdd'"));
    free(xml);
    xml = file_disk_xml(raw, "raw", "vdd", NULL);
    CHECK_INT(virDomainAttachDevice(dom, xml), 0);
    CHECK(qt_process_has_open(pid, raw));
    CHECK_INT(virDomainDetachDevice(dom, xml), 0);
    CHECK(!qt_process_has_open(pid, raw));
    free(xml);

    /* a target that exists */
    xml = file_disk_xml(raw, "raw", "vda", NULL);
    CHECK_INT(virDomainAttachDevice(dom, xml), -1);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "target 'vda' duplicated");
    free(xml);

    /* detaching what is not there */
    xml = file_disk_xml(raw, "raw", "vdz", NULL);
    CHECK_INT(virDomainDetachDevice(dom, xml), -1);
    CHECK_ERR_MSG(VIR_ERR_DEVICE_MISSING, VIR_FROM_QEMU, "disk vdz not found");
    free(xml);

    /* a device kind vireo does not hotplug */
    CHECK_INT(virDomainAttachDevice(dom, "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>"), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU, "live attach of device 'rng' is not supported");

    /* unknown flags */
    CHECK_INT(virDomainAttachDeviceFlags(dom, "<disk/>", 0x100), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU);
}

/* Audit records, through qemu.conf's audit_logging, which writes each
 * record to standard error (captured here): every attach and detach with
 * its outcome, and each /dev/net/tun open for a tap. */
static void test_audit_records(virDomainPtr dom)
{
    char log[512], raw[512], want[1024], buf[65536];
    char *ok_xml, *bad_xml;
    const char *tap = "<interface type='ethernet'><mac address='52:54:00:aa:bb:04'/><model type='virtio'/></interface>";
    int saved, fd;
    FILE *f;
    size_t n;
    int with_tap = access("/dev/net/tun", R_OK | W_OK) == 0;
    snprintf(log, sizeof log, "%s/audit.log", root);
    snprintf(raw, sizeof raw, "%s/raw.img", root);
    ok_xml = file_disk_xml(raw, "raw", "vdd", NULL);
    bad_xml = file_disk_xml(raw, "qcow2", "vdd", NULL);

    fflush(stderr);
    saved = dup(2);
    fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 2);
    close(fd);
    int rc_attach = virDomainAttachDevice(dom, ok_xml);
    int rc_detach = virDomainDetachDevice(dom, ok_xml);
    int rc_bad = virDomainAttachDevice(dom, bad_xml);
    int rc_tap = with_tap ? virDomainAttachDevice(dom, tap) : 0;
    int rc_untap = with_tap ? virDomainDetachDevice(dom, tap) : 0;
    fflush(stderr);
    dup2(saved, 2);
    close(saved);

    CHECK_INT(rc_attach, 0);
    CHECK_INT(rc_detach, 0);
    CHECK_INT(rc_bad, -1);
    CHECK_INT(rc_tap, 0);
    CHECK_INT(rc_untap, 0);
    f = fopen(log, "r");
    n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    snprintf(want, sizeof want, "success=yes virt=qemu resrc=disk reason=attach vm=\"hp\" uuid=");
    CHECK_SUBSTR(buf, want);
    snprintf(want, sizeof want, "old-disk=\"?\" new-disk=\"%s\"", raw);
    CHECK_SUBSTR(buf, want);
    snprintf(want, sizeof want, "success=yes virt=qemu resrc=disk reason=detach");
    CHECK_SUBSTR(buf, want);
    snprintf(want, sizeof want, "old-disk=\"%s\" new-disk=\"?\"", raw);
    CHECK_SUBSTR(buf, want);
    CHECK_SUBSTR(buf, "success=no virt=qemu resrc=disk reason=attach");
    if (with_tap) {
        CHECK_SUBSTR(buf, "resrc=net reason=open vm=\"hp\"");
        CHECK_SUBSTR(buf, "net=52:54:00:aa:bb:04 path=\"/dev/net/tun\" rdev=0A:C8");
        CHECK_SUBSTR(buf, "success=yes virt=qemu resrc=net reason=attach");
        CHECK_SUBSTR(buf, "old-net=\"?\" new-net=\"52:54:00:aa:bb:04\"");
        CHECK_SUBSTR(buf, "success=yes virt=qemu resrc=net reason=detach");
    }
    free(ok_xml);
    free(bad_xml);
}

/* The guest cannot eject while paused: the detach returns after libvirt's
 * 5 s with the removal pending, and DEVICE_DELETED finishes it later. */
static void test_pending_removal(virDomainPtr dom)
{
    char path[512];
    char *xml;
    long long t0, waited;
    int pid = qt_status_pid(root, "hp");
    snprintf(path, sizeof path, "%s/pending.qcow2", root);
    make_qcow2(path);
    xml = file_disk_xml(path, "qcow2", "vdb", NULL);
    CHECK_INT(virDomainAttachDevice(dom, xml), 0);
    CHECK_INT(virDomainSuspend(dom), 0);
    t0 = qt_now_ms();
    CHECK_INT(virDomainDetachDevice(dom, xml), 0);
    waited = qt_now_ms() - t0;
    CHECK(waited >= 4500 && waited < 10000);
    CHECK(has_device(dom, 0, "disk", "dev='vdb'"));
    CHECK(qt_process_has_open(pid, path));
    qt_clear_events();
    CHECK_INT(virDomainResume(dom), 0);
    CHECK(qt_wait_device_event("hp", 0, "virtio-disk1", 5000));
    CHECK(!has_device(dom, 0, "disk", "dev='vdb'"));
    CHECK(!qt_process_has_open(pid, path));
    CHECK(!status_has(root, "hp", path));
    free(xml);
}

/* ---- interfaces and chardevs --------------------------------------------------- */

static void test_interfaces(virDomainPtr dom)
{
    const char *user = "<interface type='user'><mac address='52:54:00:aa:bb:01'/><model type='virtio'/></interface>";
    const char *tap = "<interface type='ethernet'><mac address='52:54:00:aa:bb:02'/><model type='virtio'/></interface>";
    int pid = qt_status_pid(root, "hp");
    char *nic;

    qt_clear_events();
    CHECK_INT(virDomainAttachDevice(dom, user), 0);
    nic = qt_device_xml(dom, 0, "interface", "52:54:00:aa:bb:01");
    CHECK(nic != NULL);
    CHECK_SUBSTR(nic, "<alias name='net0'/>");
    CHECK_SUBSTR(nic, "<address type='pci'");
    free(nic);
    CHECK(qt_wait_device_event("hp", 1, "net0", 2000));
    CHECK_INT(virDomainDetachDevice(dom, user), 0);
    CHECK(!has_device(dom, 0, "interface", "52:54:00:aa:bb:01"));
    CHECK(qt_wait_device_event("hp", 0, "net0", 2000));
    CHECK_INT(virDomainDetachDevice(dom, user), -1);
    CHECK_ERR_MSG(VIR_ERR_DEVICE_MISSING, VIR_FROM_DOMAIN, "no device matching MAC address 52:54:00:aa:bb:01 found");

    if (access("/dev/net/tun", R_OK | W_OK) != 0) {
        fprintf(stderr, "SKIP: tap interface test: /dev/net/tun is missing\n");
        return;
    }
    CHECK(!in_namespace(pid, "/dev/net/tun"));
    qt_clear_events();
    CHECK_INT(virDomainAttachDevice(dom, tap), 0);
    nic = qt_device_xml(dom, 0, "interface", "52:54:00:aa:bb:02");
    CHECK(nic != NULL);
    if (nic) {
        char ifname[32] = "", sysfs[96];
        const char *t = strstr(nic, "<target dev='");
        if (t)
            sscanf(t + strlen("<target dev='"), "%31[^']", ifname);
        CHECK(strncmp(ifname, "vnet", 4) == 0);
        snprintf(sysfs, sizeof sysfs, "/sys/class/net/%s", ifname);
        CHECK(qt_exists(sysfs));
        CHECK(in_namespace(pid, "/dev/net/tun"));
        CHECK(qt_process_has_open(pid, "/dev/net/tun"));
        CHECK(status_has(root, "hp", "<node path='net/tun'/>"));
        CHECK(qt_wait_device_event("hp", 1, "net0", 2000));
        CHECK_INT(virDomainDetachDevice(dom, tap), 0);
        CHECK(qt_wait_device_event("hp", 0, "net0", 2000));
        /* netdev_del closed QEMU's descriptor: the tap device is gone */
        for (int i = 0; i < 100 && qt_exists(sysfs); i++)
            usleep(10000);
        CHECK(!qt_exists(sysfs));
        CHECK(!in_namespace(pid, "/dev/net/tun"));
        CHECK(!qt_process_has_open(pid, "/dev/net/tun"));
        free(nic);
    }
}

static void test_chardevs(virDomainPtr dom)
{
    char sock[512], *unix_xml = NULL, *dev;
    const char *pty = "<channel type='pty'><target type='virtio' name='org.vireo.pty'/></channel>";
    const char *usb = "<serial type='pty'><target type='usb-serial'/></serial>";
    snprintf(sock, sizeof sock, "%s/channel.sock", root);
    if (asprintf(&unix_xml,
                 "<channel type='unix'><source mode='bind' path='%s'/>"
                 "<target type='virtio' name='org.vireo.test'/></channel>",
                 sock) < 0)
        exit(1);

    qt_clear_events();
    CHECK_INT(virDomainAttachDevice(dom, unix_xml), 0);
    dev = qt_device_xml(dom, 0, "channel", "org.vireo.test");
    CHECK(dev != NULL);
    CHECK_SUBSTR(dev, "<alias name='channel0'/>");
    CHECK_SUBSTR(dev, "<address type='virtio-serial' controller='0' bus='0' port='1'/>");
    free(dev);
    CHECK(qt_exists(sock));
    CHECK(qt_wait_device_event("hp", 1, "channel0", 2000));
    CHECK_INT(virDomainDetachDevice(dom, unix_xml), 0);
    CHECK(!has_device(dom, 0, "channel", "org.vireo.test"));
    CHECK(qt_wait_device_event("hp", 0, "channel0", 2000));

    CHECK_INT(virDomainAttachDevice(dom, pty), 0);
    dev = qt_device_xml(dom, 0, "channel", "org.vireo.pty");
    CHECK(dev != NULL);
    CHECK_SUBSTR(dev, "<source path='/dev/pts/");
    free(dev);
    CHECK_INT(virDomainDetachDevice(dom, pty), 0);
    CHECK(!has_device(dom, 0, "channel", "org.vireo.pty"));

    qt_clear_events();
    CHECK_INT(virDomainAttachDevice(dom, usb), 0);
    dev = qt_device_xml(dom, 0, "serial", "usb-serial");
    CHECK(dev != NULL);
    CHECK_SUBSTR(dev, "<alias name='serial1'/>");
    CHECK_SUBSTR(dev, "<address type='usb' bus='0' port='");
    free(dev);
    CHECK(qt_wait_device_event("hp", 1, "serial1", 2000));
    /* as in libvirt, a serial port is named by its port number too: the
     * live XML says which (what `virsh dumpxml` users pass) */
    dev = qt_device_xml(dom, 0, "serial", "usb-serial");
    CHECK(dev && virDomainDetachDevice(dom, dev) == 0);
    free(dev);
    CHECK(!has_device(dom, 0, "serial", "usb-serial"));
    CHECK(qt_wait_device_event("hp", 0, "serial1", 2000));

    /* the guest's console is not a device that can go */
    CHECK_INT(virDomainDetachDevice(dom, "<console type='pty'><target type='serial' port='0'/></console>"), -1);
    CHECK_ERR(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU);
    free(unix_xml);
}

/* ---- persistent changes ------------------------------------------------------------- */

static void test_config(void)
{
    char *root2 = qt_make_root();
    char disk[512], cfgfile[512];
    char *xml;
    const char *nic = "<interface type='user'><mac address='52:54:00:aa:bb:03'/></interface>";
    virConnectPtr conn = virConnectOpen(qt_embed_uri(root2));
    virDomainPtr dom;
    CHECK(conn != NULL);
    if (!conn)
        return;
    snprintf(disk, sizeof disk, "%s/config.qcow2", root2);
    make_qcow2(disk);
    xml = file_disk_xml(disk, "qcow2", "vdb", NULL);
    dom = define_guest(conn, "cfg", NULL);
    CHECK(dom != NULL);

    CHECK_INT(virDomainAttachDeviceFlags(dom, xml, VIR_DOMAIN_AFFECT_LIVE), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
    CHECK_INT(virDomainAttachDeviceFlags(dom, xml, VIR_DOMAIN_AFFECT_CONFIG), 0);
    CHECK_INT(virDomainAttachDeviceFlags(dom, xml, VIR_DOMAIN_AFFECT_CONFIG), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "target vdb already exists");
    /* AFFECT_CURRENT on an inactive domain is AFFECT_CONFIG */
    CHECK_INT(virDomainAttachDeviceFlags(dom, nic, VIR_DOMAIN_AFFECT_CURRENT), 0);
    {
        char *d = qt_device_xml(dom, VIR_DOMAIN_XML_INACTIVE, "disk", "dev='vdb'");
        CHECK(d != NULL);
        CHECK_SUBSTR(d, "<address type='pci'");
        free(d);
    }
    virDomainFree(dom);
    CHECK_INT(virConnectClose(conn), 0);

    /* a new driver instance reads it back from disk */
    snprintf(cfgfile, sizeof cfgfile, "%s/etc/qemu/cfg.xml", root2);
    conn = virConnectOpen(qt_embed_uri(root2));
    dom = conn ? virDomainLookupByName(conn, "cfg") : NULL;
    CHECK(dom != NULL);
    if (dom) {
        char *d;
        CHECK(has_device(dom, VIR_DOMAIN_XML_INACTIVE, "disk", "dev='vdb'"));
        CHECK(has_device(dom, VIR_DOMAIN_XML_INACTIVE, "interface", "52:54:00:aa:bb:03"));
        /* it runs with the disk: the command line has it */
        CHECK_INT(virDomainCreate(dom), 0);
        d = qt_device_xml(dom, 0, "disk", "dev='vdb'");
        CHECK(d != NULL);
        CHECK_SUBSTR(d, "<alias name='virtio-disk1'/>");
        free(d);
        CHECK(qt_process_has_open(qt_status_pid(root2, "cfg"), disk));
        /* CONFIG while running changes only the next start */
        CHECK_INT(virDomainDetachDeviceFlags(dom, xml, VIR_DOMAIN_AFFECT_CONFIG), 0);
        CHECK(has_device(dom, 0, "disk", "dev='vdb'"));
        CHECK(!has_device(dom, VIR_DOMAIN_XML_INACTIVE, "disk", "dev='vdb'"));
        CHECK_INT(virDomainDestroy(dom), 0);
        CHECK(!has_device(dom, 0, "disk", "dev='vdb'"));
        /* AFFECT_CURRENT on an inactive domain again */
        CHECK_INT(virDomainDetachDeviceFlags(dom, nic, VIR_DOMAIN_AFFECT_CURRENT), 0);
        CHECK_INT(virDomainDetachDeviceFlags(dom, xml, VIR_DOMAIN_AFFECT_CONFIG), -1);
        CHECK_ERR_MSG(VIR_ERR_DEVICE_MISSING, VIR_FROM_QEMU, "no target device vdb");
        virDomainFree(dom);
    }
    if (conn)
        virConnectClose(conn);
    conn = virConnectOpen(qt_embed_uri(root2));
    dom = conn ? virDomainLookupByName(conn, "cfg") : NULL;
    CHECK(dom != NULL);
    if (dom) {
        CHECK(!has_device(dom, VIR_DOMAIN_XML_INACTIVE, "disk", "dev='vdb'"));
        CHECK(!has_device(dom, VIR_DOMAIN_XML_INACTIVE, "interface", "52:54:00:aa:bb:03"));
        CHECK_INT(virDomainUndefine(dom), 0);
        virDomainFree(dom);
    }

    /* a transient domain has no persistent definition to change */
    {
        char *guest = qt_guest_xml("transient", image, NULL);
        virDomainPtr tr = conn ? virDomainCreateXML(conn, guest, 0) : NULL;
        CHECK(tr != NULL);
        if (tr) {
            CHECK_INT(virDomainAttachDeviceFlags(tr, xml, VIR_DOMAIN_AFFECT_CONFIG), -1);
            CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                          "transient domains do not have any persistent config");
            CHECK_INT(virDomainDestroy(tr), 0);
            virDomainFree(tr);
        }
        free(guest);
    }
    if (conn)
        virConnectClose(conn);
    free(xml);
    (void)cfgfile;
    qt_remove_tree(root2);
    free(root2);
}

/* ---- takeover ---------------------------------------------------------------------- */

/* The monitor socket that ROOT/run/qemu/NAME.xml records (static buffer). */
static const char *monitor_path(const char *name)
{
    static char path[512];
    char status[512], buf[65536];
    const char *at;
    FILE *f;
    size_t n;
    path[0] = '\0';
    snprintf(status, sizeof status, "%s/run/qemu/%s.xml", root, name);
    if (!(f = fopen(status, "r")))
        return NULL;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    if ((at = strstr(buf, "<monitor path='")))
        sscanf(at + strlen("<monitor path='"), "%511[^']", path);
    return path[0] ? path : NULL;
}

/* Reads one line of QMP (up to the newline); 0 on success. */
static int qmp_line(int fd, char *buf, size_t size)
{
    size_t used = 0;
    while (used + 1 < size) {
        ssize_t r = read(fd, buf + used, 1);
        if (r <= 0)
            return -1;
        if (buf[used++] == '\n')
            break;
    }
    buf[used] = '\0';
    return 0;
}

/* A bare QMP client, standing in for "nobody from vireo is connected":
 * greets, negotiates and runs `command`; 0 when QEMU returned success. */
static int raw_qmp(const char *socket_path, const char *command)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    char line[4096];
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), rc = -1;
    const char *caps = "{\"execute\":\"qmp_capabilities\"}\n";
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s", socket_path);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || qmp_line(fd, line, sizeof line) != 0 ||
        write(fd, caps, strlen(caps)) < 0 || qmp_line(fd, line, sizeof line) != 0 ||
        write(fd, command, strlen(command)) < 0 || write(fd, "\n", 1) < 0)
        goto out;
    while (qmp_line(fd, line, sizeof line) == 0) {
        if (strstr(line, "\"return\"")) {
            rc = 0;
            break;
        }
        if (strstr(line, "\"error\""))
            break;
    }
out:
    if (fd >= 0)
        close(fd);
    return rc;
}

/* A removal still pending when the last connection went, finished by the
 * guest while nobody listened: the next process that takes the domain over
 * notices the device is gone from QEMU and finishes the removal. */
static void test_removal_while_away(void)
{
    char path[512];
    char *xml;
    const char *monitor;
    virConnectPtr conn = virConnectOpen(qt_embed_uri(root));
    virDomainPtr dom = conn ? virDomainLookupByName(conn, "hp") : NULL;
    int pid = qt_status_pid(root, "hp");
    CHECK(dom != NULL);
    if (!dom) {
        if (conn)
            virConnectClose(conn);
        return;
    }
    snprintf(path, sizeof path, "%s/away.qcow2", root);
    make_qcow2(path);
    xml = file_disk_xml(path, "qcow2", "vdb", NULL);
    CHECK_INT(virDomainAttachDevice(dom, xml), 0);
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainDetachDevice(dom, xml), 0);   /* pending: the guest is paused */
    CHECK(has_device(dom, 0, "disk", "dev='vdb'"));
    virDomainFree(dom);
    CHECK_INT(virConnectClose(conn), 0);

    monitor = monitor_path("hp");
    CHECK(monitor != NULL);
    CHECK(monitor && raw_qmp(monitor, "{\"execute\":\"cont\"}") == 0);
    usleep(500000);   /* the guest ejects the disk; nobody hears DEVICE_DELETED */

    conn = virConnectOpen(qt_embed_uri(root));
    dom = conn ? virDomainLookupByName(conn, "hp") : NULL;
    CHECK(dom != NULL);
    if (dom) {
        CHECK(!has_device(dom, 0, "disk", "dev='vdb'"));
        CHECK(!qt_process_has_open(pid, path));
        CHECK(!status_has(root, "hp", path));
        CHECK(qt_wait_state(dom, VIR_DOMAIN_RUNNING, -1, 1000));
        virDomainFree(dom);
    }
    if (conn)
        virConnectClose(conn);
    free(xml);
}

/* The second process: detaches the block disk the first one attached. */
static int takeover_child(const char *childroot, const char *name, const char *dev)
{
    virConnectPtr conn;
    virDomainPtr dom;
    char nodeRecord[96];
    int pid = qt_status_pid(childroot, name);
    root = (char *)childroot;
    snprintf(nodeRecord, sizeof nodeRecord, "<node path='%s'/>", dev + 5);
    conn = virConnectOpen(qt_embed_uri(childroot));
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("qemu-hotplug-takeover-child");
    dom = virDomainLookupByName(conn, name);
    CHECK(dom != NULL);
    if (dom) {
        char *xml = block_disk_xml(dev, "vdc", NULL);
        CHECK(has_device(dom, 0, "disk", "dev='vdc'"));
        CHECK(in_namespace(pid, dev));
        CHECK(status_has(childroot, name, nodeRecord));
        CHECK_INT(virDomainDetachDevice(dom, xml), 0);
        CHECK(!has_device(dom, 0, "disk", "dev='vdc'"));
        CHECK(!in_namespace(pid, dev));
        CHECK(!qt_process_has_open(pid, dev));
        CHECK(!status_has(childroot, name, nodeRecord));
        free(xml);
        virDomainFree(dom);
    }
    virConnectClose(conn);
    return check_finish("qemu-hotplug-takeover-child");
}

static void test_takeover(const char *self)
{
    virConnectPtr conn;
    virDomainPtr dom;
    int status = -1;
    pid_t child;
    if (!loopdev[0]) {
        fprintf(stderr, "SKIP: takeover test: no loop device\n");
        return;
    }
    child = fork();
    if (child == 0) {
        execl(self, self, "--takeover", root, "hp", loopdev, (char *)NULL);
        _exit(127);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* and this process, taking it over again, sees the result */
    conn = virConnectOpen(qt_embed_uri(root));
    dom = conn ? virDomainLookupByName(conn, "hp") : NULL;
    CHECK(dom != NULL);
    if (dom) {
        CHECK(!has_device(dom, 0, "disk", "dev='vdc'"));
        virDomainFree(dom);
    }
    if (conn)
        virConnectClose(conn);
}

int main(int argc, char **argv)
{
    virConnectPtr conn;
    virDomainPtr dom;
    check_init();
    /* audit_logging writes each record to the library's log, which is off
     * unless asked for (doc/logging.md): send the audit lines (info, module
     * util.audit) to stderr, where the audit checks read them. Set before
     * the first API call, which reads the logging environment. */
    setenv("LIBVIRT_LOG_FILTERS", "2:util.audit", 0);
    setenv("LIBVIRT_LOG_OUTPUTS", "2:stderr", 0);
    if (argc == 5 && strcmp(argv[1], "--takeover") == 0)
        return takeover_child(argv[2], argv[3], argv[4]);
    if (argc != 2) {
        fprintf(stderr, "usage: %s GUEST_IMAGE\n", argv[0]);
        return 2;
    }
    image = argv[1];
    qt_require_qemu_and_guest(image);
    qt_require_or_skip(access("/usr/bin/qemu-img", X_OK) == 0, "qemu-img is not installed");
    qt_require_or_skip(geteuid() == 0, "device hotplug tests need root (private /dev, loop and tap devices)");
    root = qt_make_root();
    qt_start_event_loop();
    {
        /* audit_logging: every audit record also goes to the log (stderr, above) */
        char etc[512], conf[600];
        FILE *f;
        snprintf(etc, sizeof etc, "%s/etc", root);
        mkdir(etc, 0700);
        snprintf(conf, sizeof conf, "%s/qemu.conf", etc);
        f = fopen(conf, "w");
        CHECK(f != NULL);
        if (f) {
            fputs("audit_logging = 1\n", f);
            fclose(f);
        }
    }

    conn = virConnectOpen(qt_embed_uri(root));
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("qemu-hotplug");
    qt_watch_events(conn);
    qt_watch_device_events(conn);
    dom = define_guest(conn, "hp", "    <controller type='virtio-serial' index='0'/>\n");
    CHECK(dom != NULL);
    if (dom && virDomainCreate(dom) == 0) {
        const char *pty = qt_serial_pty(dom);
        /* the guest must be up to eject what it is asked to */
        CHECK(pty && qt_wait_console(pty, "vireo-guest:", 20000));
        test_file_disk(dom);
        test_failed_attaches(dom);
        test_audit_records(dom);
        test_pending_removal(dom);
        test_interfaces(dom);
        test_chardevs(dom);
        test_block_disk(dom);
    } else {
        CHECK(!"the domain started");
    }
    if (dom)
        virDomainFree(dom);
    qt_unwatch_device_events(conn);
    qt_unwatch_events(conn);
    /* the last connection goes; QEMU runs on for the takeover */
    CHECK_INT(virConnectClose(conn), 0);
    test_takeover(argv[0]);
    test_removal_while_away();
    test_config();

    conn = virConnectOpen(qt_embed_uri(root));
    dom = conn ? virDomainLookupByName(conn, "hp") : NULL;
    if (dom) {
        if (virDomainIsActive(dom) == 1)
            CHECK_INT(virDomainDestroy(dom), 0);
        CHECK_INT(virDomainUndefine(dom), 0);
        virDomainFree(dom);
    }
    if (conn)
        virConnectClose(conn);
    if (loopdev[0]) {
        char cmd[128];
        snprintf(cmd, sizeof cmd, "losetup -d '%s'", loopdev);
        CHECK_INT(qt_run(cmd, NULL, 0), 0);
    }
    qt_remove_tree(root);
    return check_finish("qemu-hotplug");
}
