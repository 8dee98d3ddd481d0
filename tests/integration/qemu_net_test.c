/*
 * Tap-based interfaces at domain start, with a real qemu-system-x86_64
 * (TCG): <interface type='ethernet'> (a bare tap, kernel-named vnetN,
 * multiqueue) and type='bridge' (a tap named by <target dev>, a port of a
 * bridge the test creates). For each tap: it exists, its MAC is the guest's
 * with the first byte 0xFE, its MTU is <mtu size> or the bridge's, it is up,
 * it has the vnet header exactly for virtio, its <target dev> is in the live
 * XML, QEMU holds one descriptor per queue and this process none; after
 * destroy it is gone. Starts that fail (a bridge that does not exist,
 * QEMU refusing the definition, type 'network') report a clear error and
 * leave no tap. A two-queue bridge interface is hotplugged and unplugged
 * too.
 *
 * Needs root, /dev/net/tun, `ip` and bridge support; skips (exit 77)
 * without, fails under CI=true.
 *
 * Usage: qemu-net-test GUEST_IMAGE
 */

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <dirent.h>
#include <limits.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../capi/check.h"
#include "qemu_test_support.h"

static const char *image;
static char *root;
static char bridge[IFNAMSIZ];      /* the test's bridge, MTU 1400 */
static char named_tap[IFNAMSIZ];   /* <target dev> of the bridge interface */
static char missing_bridge[IFNAMSIZ];

#define MAC_ETH "52:54:00:5e:00:01"
#define MAC_BR "52:54:00:5e:00:02"
#define MAC_MQ "52:54:00:5e:00:03"
#define MAC_FAIL "52:54:00:5e:00:04"
#define MAC_HOTPLUG "52:54:00:5e:00:05"

/* ---- helpers ------------------------------------------------------------- */

/* /sys/class/net/IF/ATTR, first line, into `out`; 1 if read. */
static int sysfs_attr(const char *ifname, const char *attr, char *out, size_t outsize)
{
    char path[128];
    FILE *f;
    snprintf(path, sizeof path, "/sys/class/net/%s/%s", ifname, attr);
    out[0] = '\0';
    if (!(f = fopen(path, "r")))
        return 0;
    if (!fgets(out, (int)outsize, f))
        out[0] = '\0';
    fclose(f);
    out[strcspn(out, "\n")] = '\0';
    return 1;
}

static long sysfs_number(const char *ifname, const char *attr)
{
    char buf[64];
    if (!sysfs_attr(ifname, attr, buf, sizeof buf) || !buf[0])
        return -1;
    return strtol(buf, NULL, 0);
}

/* The bridge the interface is a port of ("" if none). */
static void master_of(const char *ifname, char *out, size_t outsize)
{
    char path[128], link[PATH_MAX];
    ssize_t n;
    snprintf(path, sizeof path, "/sys/class/net/%s/master", ifname);
    out[0] = '\0';
    n = readlink(path, link, sizeof link - 1);
    if (n <= 0)
        return;
    link[n] = '\0';
    {
        const char *base = strrchr(link, '/') ? strrchr(link, '/') + 1 : link;
        size_t len = strlen(base);
        if (len < outsize)
            memcpy(out, base, len + 1);
    }
}

static int iface_exists(const char *ifname)
{
    return if_nametoindex(ifname) != 0;
}

/* Waits up to 2 s for the interface to go (a QEMU that exits closes its
 * descriptors a moment after the API call returns at worst). */
static int iface_gone(const char *ifname)
{
    for (int i = 0; i < 200 && iface_exists(ifname); i++)
        usleep(10000);
    return !iface_exists(ifname);
}

/* Whether any host interface has MAC `mac` (lower case): a tap that was
 * left behind, whatever it was named. */
static int any_iface_with_mac(const char *mac)
{
    DIR *d = opendir("/sys/class/net");
    struct dirent *e;
    int found = 0;
    if (!d)
        return 0;
    while (!found && (e = readdir(d))) {
        char addr[64];
        if (e->d_name[0] == '.')
            continue;
        if (sysfs_attr(e->d_name, "address", addr, sizeof addr))
            found = strcmp(addr, mac) == 0;
    }
    closedir(d);
    return found;
}

static char *domain_xml(const char *name, const char *nics)
{
    return qt_guest_xml(name, image, nics);
}

/* The tap `ifname` as libvirt makes it: MAC of the guest with 0xFE first,
 * up, MTU `mtu`, vnet header iff `vnet_hdr`, `queues` queues held by QEMU
 * (and none by us), port of `master` ("" for none). */
static void check_tap(int pid, const char *ifname, const char *tap_mac, long mtu, int vnet_hdr, int queues,
                      const char *master)
{
    char buf[64];
    long flags, tun_flags;
    CHECK(iface_exists(ifname));
    CHECK(sysfs_attr(ifname, "address", buf, sizeof buf));
    CHECK_STR(buf, tap_mac);
    CHECK_INT(sysfs_number(ifname, "mtu"), mtu);
    flags = sysfs_number(ifname, "flags");
    CHECK(flags >= 0 && (flags & IFF_UP));
    /* IFF_TAP 0x0002, IFF_NO_PI 0x1000, IFF_MULTI_QUEUE 0x0100, IFF_VNET_HDR 0x4000 */
    tun_flags = sysfs_number(ifname, "tun_flags");
    CHECK_INT(tun_flags, 0x1002 | (vnet_hdr ? 0x4000 : 0) | (queues > 1 ? 0x0100 : 0));
    master_of(ifname, buf, sizeof buf);
    CHECK_STR(buf, master);
    CHECK_INT(qt_tap_fds(pid, ifname), queues);
    CHECK_INT(qt_tap_fds(0, ifname), 0);
}

/* ---- starts ---------------------------------------------------------------- */

/* An ethernet tap (kernel-named, <mtu>), a bridge tap (named, the bridge's
 * MTU), a two-queue ethernet tap; then a bridge interface hotplugged. */
static void test_start_and_destroy(virConnectPtr conn)
{
    char nics[2048], eth[IFNAMSIZ] = "", br[IFNAMSIZ] = "", mq[IFNAMSIZ] = "", hp[IFNAMSIZ] = "";
    char *xml, hotplug[512];
    virDomainPtr dom;
    int pid;
    snprintf(nics, sizeof nics,
             "    <interface type='ethernet'><mac address='" MAC_ETH "'/><model type='virtio'/>"
             "<mtu size='1300'/></interface>\n"
             "    <interface type='bridge'><mac address='" MAC_BR "'/><source bridge='%s'/>"
             "<target dev='%s'/></interface>\n"
             "    <interface type='ethernet'><mac address='" MAC_MQ "'/><model type='virtio'/>"
             "<driver queues='2'/></interface>\n",
             bridge, named_tap);
    xml = domain_xml("net", nics);
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    if (!CHECK(dom != NULL))
        return;
    pid = qt_status_pid(root, "net");
    CHECK(pid > 0);

    /* <target dev> in the live XML: kernel-chosen vnetN, or the given name */
    CHECK(qt_iface_target(dom, MAC_ETH, eth, sizeof eth));
    CHECK(qt_iface_target(dom, MAC_BR, br, sizeof br));
    CHECK(qt_iface_target(dom, MAC_MQ, mq, sizeof mq));
    CHECK(strncmp(eth, "vnet", 4) == 0 && strlen(eth) > 4);
    CHECK(strncmp(mq, "vnet", 4) == 0 && strcmp(mq, eth) != 0);
    CHECK_STR(br, named_tap);

    check_tap(pid, eth, "fe:54:00:5e:00:01", 1300, 1, 1, "");
    check_tap(pid, br, "fe:54:00:5e:00:02", 1400, 0, 1, bridge);   /* rtl8139: no vnet header */
    check_tap(pid, mq, "fe:54:00:5e:00:03", 1500, 1, 2, "");
    /* QEMU's private /dev has the tun node */
    {
        char path[128];
        snprintf(path, sizeof path, "/proc/%d/root/dev/net/tun", pid);
        CHECK(qt_exists(path));
    }

    /* a two-queue bridge interface hotplugged: same rules, one getfd per queue */
    {
        const char *pty = qt_serial_pty(dom);
        /* the guest must be up to eject the NIC when asked */
        CHECK(pty && qt_wait_console(pty, "vireo-guest:", 20000));
    }
    snprintf(hotplug, sizeof hotplug,
             "<interface type='bridge'><mac address='" MAC_HOTPLUG "'/><source bridge='%s'/>"
             "<model type='virtio'/><driver queues='2'/></interface>",
             bridge);
    if (CHECK_INT(virDomainAttachDevice(dom, hotplug), 0)) {
        CHECK(qt_iface_target(dom, MAC_HOTPLUG, hp, sizeof hp));
        CHECK(strncmp(hp, "vnet", 4) == 0);
        check_tap(pid, hp, "fe:54:00:5e:00:05", 1400, 1, 2, bridge);
        CHECK_INT(virDomainDetachDevice(dom, hotplug), 0);
        CHECK(iface_gone(hp));
    }

    CHECK_INT(virDomainDestroy(dom), 0);
    /* QEMU's descriptors were the last: the taps went with it */
    CHECK(iface_gone(eth));
    CHECK(iface_gone(br));
    CHECK(iface_gone(mq));
    CHECK(!any_iface_with_mac("fe:54:00:5e:00:01"));
    CHECK(!any_iface_with_mac("fe:54:00:5e:00:02"));
    CHECK(!any_iface_with_mac("fe:54:00:5e:00:03"));
    virDomainFree(dom);
}

/* A second interface on a bridge that does not exist: the first one's tap
 * was made and must be gone again; the error names the bridge. */
static void test_missing_bridge(virConnectPtr conn)
{
    char nics[1024], tap[IFNAMSIZ];
    char *xml;
    virDomainPtr dom;
    snprintf(tap, sizeof tap, "vntf%d", (int)getpid() % 100000);
    snprintf(nics, sizeof nics,
             "    <interface type='ethernet'><mac address='" MAC_FAIL "'/><target dev='%s'/></interface>\n"
             "    <interface type='bridge'><mac address='" MAC_BR "'/><source bridge='%s'/></interface>\n",
             tap, missing_bridge);
    xml = domain_xml("net-nobridge", nics);
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(dom == NULL);
    {
        char want[128];
        snprintf(want, sizeof want, "Cannot get interface MTU on '%s': No such device", missing_bridge);
        CHECK_ERR_MSG(VIR_ERR_SYSTEM_ERROR, VIR_FROM_NONE, want);
    }
    if (dom) {
        virDomainDestroy(dom);
        virDomainFree(dom);
    }
    CHECK(!iface_exists(tap));
    CHECK(!any_iface_with_mac("fe:54:00:5e:00:04"));
    CHECK(!any_iface_with_mac("fe:54:00:5e:00:02"));
    CHECK_INT(qt_count_domain_dirs(root), 0);
}

/* QEMU itself refuses the definition (a NIC option ROM that is not there),
 * after it inherited the tap: the tap goes when QEMU exits. */
static void test_qemu_refuses(virConnectPtr conn)
{
    char nics[1024], tap[IFNAMSIZ];
    char *xml;
    virDomainPtr dom;
    snprintf(tap, sizeof tap, "vntq%d", (int)getpid() % 100000);
    snprintf(nics, sizeof nics,
             "    <interface type='ethernet'><mac address='" MAC_FAIL "'/><target dev='%s'/>"
             "<rom file='%s/no-such.rom'/></interface>\n",
             tap, root);
    xml = domain_xml("net-qemu-refuses", nics);
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(dom == NULL);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "no-such.rom");
    if (dom) {
        virDomainDestroy(dom);
        virDomainFree(dom);
    }
    CHECK(iface_gone(tap));
    CHECK(!any_iface_with_mac("fe:54:00:5e:00:04"));
    CHECK_INT(qt_count_domain_dirs(root), 0);
}

/* type 'network' is refused before anything is made (an ethernet interface
 * ahead of it gets no tap). */
static void test_network_refused(virConnectPtr conn)
{
    char nics[1024], tap[IFNAMSIZ];
    char *xml;
    virDomainPtr dom;
    snprintf(tap, sizeof tap, "vntn%d", (int)getpid() % 100000);
    snprintf(nics, sizeof nics,
             "    <interface type='ethernet'><mac address='" MAC_FAIL "'/><target dev='%s'/></interface>\n"
             "    <interface type='network'><mac address='" MAC_BR "'/><source network='default'/></interface>\n",
             tap);
    xml = domain_xml("net-network", nics);
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(dom == NULL);
    CHECK_ERR_MSG(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
                  "interface " MAC_BR ": type 'network' needs libvirt's virtual network driver");
    if (dom) {
        virDomainDestroy(dom);
        virDomainFree(dom);
    }
    CHECK(!iface_exists(tap));
    CHECK_INT(qt_count_domain_dirs(root), 0);
}

/* ---- main ------------------------------------------------------------------- */

static void cleanup(void)
{
    if (bridge[0])
        qt_remove_link(bridge);
    if (root)
        qt_remove_tree(root);
}

static void on_signal(int sig)
{
    (void)sig;
    exit(1);   /* through cleanup(); not async-signal-safe, good enough for a test */
}

int main(int argc, char **argv)
{
    virConnectPtr conn;
    long long started = qt_now_ms();
    int id = (int)getpid() % 100000;
    check_init();
    if (argc != 2) {
        fprintf(stderr, "usage: %s GUEST_IMAGE\n", argv[0]);
        return 2;
    }
    image = argv[1];
    qt_require_or_skip(geteuid() == 0, "tap interfaces need root (CAP_NET_ADMIN)");
    qt_require_qemu_and_guest(image);
    qt_require_or_skip(access("/dev/net/tun", R_OK | W_OK) == 0, "/dev/net/tun is missing (modprobe tun)");
    qt_require_or_skip(qt_run("ip -V >/dev/null 2>&1", NULL, 0) == 0, "`ip` is not installed (apt-get install iproute2)");

    /* unique names: other tests on this host make taps and bridges too */
    snprintf(bridge, sizeof bridge, "vntbr%d", id);
    snprintf(named_tap, sizeof named_tap, "vntp%d", id);
    snprintf(missing_bridge, sizeof missing_bridge, "vntnobr%d", id);
    qt_remove_link(bridge);
    atexit(cleanup);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    {
        int made = qt_make_bridge(bridge, 1400) == 0;
        if (!made)
            bridge[0] = '\0';
        qt_require_or_skip(made, "cannot create a Linux bridge (`ip link add NAME type bridge` failed)");
    }
    root = qt_make_root();
    qt_start_event_loop();
    conn = virConnectOpen(qt_embed_uri(root));
    if (!CHECK(conn != NULL))
        return check_finish("qemu-net");
    test_start_and_destroy(conn);
    test_missing_bridge(conn);
    test_qemu_refuses(conn);
    test_network_refused(conn);
    CHECK_INT(virConnectClose(conn), 0);
    printf("qemu-net: %lld ms\n", qt_now_ms() - started);
    return check_finish("qemu-net");
}
