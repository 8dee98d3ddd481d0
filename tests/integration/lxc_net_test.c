/*
 * Container interfaces on veth pairs, with a busybox root and a bridge the
 * test makes (iproute2) and removes:
 *
 * - a bridge interface (MAC, <ip>, default <route>) and an ethernet one
 *   (generated MAC, <guest dev>): the host ends are vnetN with libvirt's
 *   0xFE host-side MAC, the first on the bridge; from inside (a forked child
 *   in the container's namespaces, virDomainLxcEnterNamespace) eth0 has the
 *   MAC, IPv4 address, netmask, broadcast, IPv6 address and route, the other is named as asked, all and lo
 *   are up; virDomainInterfaceStats counts an ARP request the host sends;
 * - destroy removes the host ends, as does an init that exits by itself and
 *   the destroy of a second process that took the container over;
 * - <privnet/> alone gives a network namespace of its own, nothing the host's;
 * - a bridge that does not exist, or a link that is no bridge, fails the
 *   start with a clear error and leaves no link and no domain behind; so
 *   does a failure in the container's child after its interface was made.
 *
 * Needs root and /bin/busybox: skipped (77) otherwise, a failure under
 * CI=true.
 */

#include <libvirt/libvirt.h>
#include <libvirt/libvirt-lxc.h>
#include <libvirt/virterror.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <sched.h>
#include <net/if.h>
#include <netinet/in.h>
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

#define BRIDGE "vrlxcbr0"
#define MAC1 "52:54:00:7a:00:01"

static char rootdir[512];

static char *container_xml_with(const char *name, const char *init_script, const char *features,
                                const char *interfaces)
{
    char *xml = malloc(8192);
    snprintf(xml, 8192,
             "<domain type='lxc'><name>%s</name><memory unit='KiB'>65536</memory>"
             "<os><type>exe</type><init>/bin/sh</init><initarg>-c</initarg><initarg>%s</initarg></os>%s"
             "<devices><filesystem type='mount'><source dir='%s'/><target dir='/'/></filesystem>%s</devices>"
             "</domain>",
             name, init_script, features, rootdir, interfaces);
    return xml;
}

static char *container_xml(const char *name, const char *init_script, const char *interfaces)
{
    return container_xml_with(name, init_script, "", interfaces);
}

/* The host's links, one name per line, sorted as readdir gives them. */
static char *host_links(void)
{
    return qt_dir_listing("/sys/class/net");
}

static int read_line(const char *path, char *out, size_t size)
{
    FILE *f = fopen(path, "r");
    int ok = f && fgets(out, (int)size, f) != NULL;
    if (f)
        fclose(f);
    if (ok)
        out[strcspn(out, "\n")] = '\0';
    return ok;
}

static int link_exists(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "/sys/class/net/%s", name);
    return qt_exists(path);
}

/* The bridge `ifname` is a port of, or "" when none. */
static void master_of(const char *ifname, char *out, size_t size)
{
    char path[128], link[256];
    ssize_t n;
    snprintf(path, sizeof path, "/sys/class/net/%s/master", ifname);
    n = readlink(path, link, sizeof link - 1);
    link[n > 0 ? n : 0] = '\0';
    snprintf(out, size, "%s", strrchr(link, '/') ? strrchr(link, '/') + 1 : "");
}

/* Inside the container (after entering its namespaces): exit status 0
 * when every interface looks as configured, else the failed check. */
static int check_inside(void)
{
    struct ifreq r;
    unsigned char want_mac[6] = {0x52, 0x54, 0x00, 0x7a, 0x00, 0x01};
    char line[256];
    int found_route = 0;
    FILE *f;
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0)
        return 20;
    memset(&r, 0, sizeof r);
    strcpy(r.ifr_name, "eth0");
    if (ioctl(s, SIOCGIFHWADDR, &r) != 0 || memcmp(r.ifr_hwaddr.sa_data, want_mac, 6) != 0)
        return 21;
    if (ioctl(s, SIOCGIFADDR, &r) != 0 ||
        ((struct sockaddr_in *)&r.ifr_addr)->sin_addr.s_addr != inet_addr("10.77.0.5"))
        return 22;
    if (ioctl(s, SIOCGIFNETMASK, &r) != 0 ||
        ((struct sockaddr_in *)&r.ifr_netmask)->sin_addr.s_addr != inet_addr("255.255.255.0"))
        return 23;
    if (ioctl(s, SIOCGIFBRDADDR, &r) != 0 ||
        ((struct sockaddr_in *)&r.ifr_broadaddr)->sin_addr.s_addr != inet_addr("10.77.0.255"))
        return 24;
    if (ioctl(s, SIOCGIFFLAGS, &r) != 0 || !(r.ifr_flags & IFF_UP))
        return 25;
    strcpy(r.ifr_name, "inner1");
    if (ioctl(s, SIOCGIFFLAGS, &r) != 0 || !(r.ifr_flags & IFF_UP))
        return 26;
    strcpy(r.ifr_name, "lo");
    if (ioctl(s, SIOCGIFFLAGS, &r) != 0 || !(r.ifr_flags & IFF_UP))
        return 27;
    /* Only these three: the host's links are not here. */
    if (if_nametoindex(BRIDGE) != 0 || if_nametoindex("eth1") != 0)
        return 28;
    /* The default route through 10.77.0.1 on eth0, in the routing table of
     * the init's namespace (this process is no member of the container's pid
     * namespace: its /proc has no "self" for it). */
    f = fopen("/proc/1/net/route", "r");
    if (!f)
        return 29;
    while (fgets(line, sizeof line, f)) {
        char dev[32];
        unsigned dst, gw;
        if (sscanf(line, "%31s %x %x", dev, &dst, &gw) == 3 && strcmp(dev, "eth0") == 0 && dst == 0 &&
            gw == inet_addr("10.77.0.1"))
            found_route = 1;
    }
    fclose(f);
    if (!found_route)
        return 30;
    /* The IPv6 address, /64, on eth0 (if_inet6: address in hex, index,
     * prefix length, scope, flags, name). */
    f = fopen("/proc/1/net/if_inet6", "r");
    if (!f)
        return 31;
    found_route = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "fd000077000000000000000000000005 ", 33) == 0 && strstr(line, " 40 ") &&
            strstr(line, "eth0"))
            found_route = 1;
    fclose(f);
    return found_route ? 0 : 32;
}

static void test_inside(virDomainPtr dom)
{
    int *fds = NULL;
    int n = virDomainLxcOpenNamespace(dom, &fds, 0);
    int i, status = -1;
    pid_t child;
    CHECK(n > 0);
    if (n <= 0)
        return;
    child = fork();
    if (child == 0) {
        unsigned int nold = 0;
        int *old = NULL;
        if (virDomainLxcEnterNamespace(dom, n, fds, &nold, &old, 0) != 0)
            _exit(10);
        _exit(check_inside());
    }
    CHECK(child > 0 && waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK_INT(WEXITSTATUS(status), 0);
    for (i = 0; i < n; i++)
        close(fds[i]);
    free(fds);
}

/* The host sends to an address behind the bridge: the container's end
 * receives at least the ARP request, which its statistics count. */
static void test_stats(virDomainPtr dom, const char *host_end)
{
    virDomainInterfaceStatsStruct st;
    struct sockaddr_in to;
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    int tries;
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = htons(9);
    to.sin_addr.s_addr = inet_addr("10.77.0.5");
    CHECK(s >= 0);
    for (tries = 0; tries < 40; tries++) {
        sendto(s, "x", 1, 0, (struct sockaddr *)&to, sizeof to);
        memset(&st, 0, sizeof st);
        if (virDomainInterfaceStats(dom, host_end, &st, sizeof st) != 0)
            break;
        if (st.rx_packets > 0)
            break;
        usleep(50 * 1000);
    }
    close(s);
    CHECK_INT(virDomainInterfaceStats(dom, host_end, &st, sizeof st), 0);
    CHECK(st.rx_packets > 0 && st.rx_bytes > 0);
    /* By MAC as well, as libvirt allows. */
    CHECK_INT(virDomainInterfaceStats(dom, MAC1, &st, sizeof st), 0);
    CHECK_INT(virDomainInterfaceStats(dom, "nosuch0", &st, sizeof st), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "'nosuch0' is not a known interface");
}

static void test_two_interfaces(virConnectPtr conn)
{
    char *xml = container_xml("netct", "while :; do sleep 1; done",
                              "<interface type='bridge'><mac address='" MAC1 "'/><source bridge='" BRIDGE "'/>"
                              "<ip address='10.77.0.5' prefix='24'/><ip address='fd00:77::5' prefix='64'/>"
                              "<route address='0.0.0.0' prefix='0' gateway='10.77.0.1'/></interface>"
                              "<interface type='ethernet'><guest dev='inner1'/></interface>");
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    char host1[64] = "", host2[64] = "", master[64], mac[64];
    char *live, *gen;
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    live = virDomainGetXMLDesc(dom, 0);
    CHECK(live != NULL);
    /* The second interface got a generated MAC with libvirt's prefix. */
    gen = live ? strstr(live, "<mac address='52:54:00:") : NULL;
    CHECK(gen && strstr(gen + 1, "<mac address='52:54:00:") != NULL);
    CHECK(live && strstr(live, "<guest actual='eth0'/>") != NULL);
    CHECK(live && strstr(live, "<guest dev='inner1' actual='inner1'/>") != NULL);
    CHECK(qt_iface_target(dom, MAC1, host1, sizeof host1));
    CHECK(strncmp(host1, "vnet", 4) == 0);
    if (gen) {
        char mac2[18];
        gen = strstr(gen + 1, "<mac address='");
        snprintf(mac2, sizeof mac2, "%s", gen ? gen + strlen("<mac address='") : "");
        CHECK(qt_iface_target(dom, mac2, host2, sizeof host2));
        CHECK(strncmp(host2, "vnet", 4) == 0 && strcmp(host1, host2) != 0);
    }
    free(live);

    master_of(host1, master, sizeof master);
    CHECK_STR(master, BRIDGE);
    master_of(host2, master, sizeof master);
    CHECK_STR(master, "");
    {
        char path[128];
        snprintf(path, sizeof path, "/sys/class/net/%s/address", host1);
        CHECK(read_line(path, mac, sizeof mac));
        CHECK_STR(mac, "fe:54:00:7a:00:01");
        snprintf(path, sizeof path, "/sys/class/net/%s/operstate", host1);
        CHECK(read_line(path, mac, sizeof mac));
        CHECK_STR(mac, "up");
    }

    test_inside(dom);
    test_stats(dom, host1);

    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK(!link_exists(host1));
    CHECK(!link_exists(host2));
    virDomainFree(dom);
}

/* An init that exits: the domain shuts off and its host end goes. */
static void test_init_exits(virConnectPtr conn)
{
    char *xml = container_xml("netexit", "sleep 2",
                              "<interface type='ethernet'><target dev='vrlxcexit0'/></interface>");
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK(link_exists("vrlxcexit0"));
    CHECK_INT(qt_wait_state(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN, 10000), 1);
    CHECK(!link_exists("vrlxcexit0"));
    CHECK_INT(virDomainUndefine(dom), 0);
    virDomainFree(dom);
}

/* Whether the container's network namespace (virDomainLxcOpenNamespace's
 * fourth descriptor) is this process's: 1 yes, 0 no, -1 unknown. */
static int shares_host_network(virDomainPtr dom)
{
    int *fds = NULL;
    int n = virDomainLxcOpenNamespace(dom, &fds, 0), i, same = -1;
    struct stat its, mine;
    if (n == 6 && fstat(fds[3], &its) == 0 && stat("/proc/self/ns/net", &mine) == 0)
        same = its.st_ino == mine.st_ino;
    for (i = 0; i < n; i++)
        close(fds[i]);
    free(fds);
    return same;
}

/* Whether lo is up in the container's network namespace (a forked child
 * enters only that one): 1 yes, 0 no. */
static int lo_up_inside(virDomainPtr dom)
{
    int *fds = NULL;
    int n = virDomainLxcOpenNamespace(dom, &fds, 0), i, status = -1;
    pid_t child;
    if (n != 6)
        return 0;
    child = fork();
    if (child == 0) {
        struct ifreq r;
        int s;
        if (setns(fds[3], CLONE_NEWNET) != 0)
            _exit(2);
        s = socket(AF_INET, SOCK_DGRAM, 0);
        memset(&r, 0, sizeof r);
        strcpy(r.ifr_name, "lo");
        _exit(s >= 0 && ioctl(s, SIOCGIFFLAGS, &r) == 0 && (r.ifr_flags & IFF_UP) ? 0 : 1);
    }
    waitpid(child, &status, 0);
    for (i = 0; i < n; i++)
        close(fds[i]);
    free(fds);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* <privnet/> without interfaces: a namespace of its own, lo up; neither:
 * the host's. */
static void test_privnet(virConnectPtr conn)
{
    char *xml = container_xml("privnet", "while :; do sleep 1; done", "");
    char *priv = container_xml_with("privnet", "while :; do sleep 1; done", "<features><privnet/></features>", "");
    virDomainPtr dom = virDomainCreateXML(conn, priv, 0);
    CHECK(dom != NULL);
    if (dom) {
        CHECK_INT(shares_host_network(dom), 0);
        CHECK_INT(lo_up_inside(dom), 1);
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
    }
    dom = virDomainCreateXML(conn, xml, 0);
    CHECK(dom != NULL);
    if (dom) {
        CHECK_INT(shares_host_network(dom), 1);
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
    }
    free(priv);
    free(xml);
}

static void test_bad_bridge(virConnectPtr conn)
{
    char *before = host_links(), *after;
    char *xml = container_xml("netbad", "while :; do sleep 1; done",
                              "<interface type='bridge'><source bridge='vrnosuchbr'/></interface>");
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(dom == NULL);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, VIR_FROM_LXC);
    {
        const char *msg = virGetLastErrorMessage();
        CHECK(strstr(msg, "Unable to add bridge vrnosuchbr port vnet") != NULL);
        CHECK(strstr(msg, "No such device") != NULL);
    }
    after = host_links();
    CHECK(before && after && strcmp(before, after) == 0);
    free(after);
    /* A link that is no bridge: found in the handshake, after the clone. */
    xml = container_xml("netbad", "while :; do sleep 1; done",
                        "<interface type='bridge'><source bridge='lo'/></interface>");
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(dom == NULL);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, VIR_FROM_LXC);
    CHECK_SUBSTR(virGetLastErrorMessage(), "Unable to add bridge lo port vnet");
    after = host_links();
    CHECK(before && after && strcmp(before, after) == 0);
    CHECK(virDomainLookupByName(conn, "netbad") == NULL);
    CHECK_INT(virConnectNumOfDomains(conn), 0);
    free(before);
    free(after);
}

/* A start that fails in the container's child, after the handshake made
 * its interface: no link left on the host. */
static void test_child_failure(virConnectPtr conn)
{
    char *before = host_links(), *after;
    /* The mount point cannot be made under a file: mkdir fails in the child. */
    char *xml = container_xml("netchildfail", "while :; do sleep 1; done",
                              "<filesystem type='ram'><source usage='1024'/><target dir='/bin/busybox/x'/></filesystem>"
                              "<interface type='ethernet'><target dev='vrlxcfail0'/></interface>");
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(dom == NULL);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, VIR_FROM_LXC);
    CHECK_SUBSTR(virGetLastErrorMessage(), "/bin/busybox/x");
    CHECK(!link_exists("vrlxcfail0"));
    after = host_links();
    CHECK(before && after && strcmp(before, after) == 0);
    free(before);
    free(after);
}

/* A second process takes the running container over; its destroy removes
 * the host end too (the name comes from the status record). */
static void test_takeover(const char *uri)
{
    char *xml = container_xml("nettake", "exec sleep 1000", "<interface type='ethernet'><target dev='vrlxctake0'/></interface>");
    virConnectPtr conn = virConnectOpen(uri);
    virDomainPtr dom = conn ? virDomainCreateXML(conn, xml, 0) : NULL;
    pid_t child;
    int status = -1;
    free(xml);
    CHECK(dom != NULL);
    if (dom)
        virDomainFree(dom);
    if (conn)
        CHECK_INT(virConnectClose(conn), 0);
    CHECK(link_exists("vrlxctake0"));
    child = fork();
    if (child == 0) {
        virConnectPtr c = virConnectOpen(uri);
        virDomainPtr d = c ? virDomainLookupByName(c, "nettake") : NULL;
        int ok = d && virDomainDestroy(d) == 0;
        if (d)
            virDomainFree(d);
        if (c)
            virConnectClose(c);
        _exit(ok ? 0 : 1);
    }
    CHECK(child > 0 && waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
    CHECK(!link_exists("vrlxctake0"));
}

int main(void)
{
    char *base, state[512], uri[600], cmd[2048];
    virConnectPtr conn;

    qt_require_or_skip(geteuid() == 0, "containers and veth pairs need root");
    qt_require_or_skip(access("/bin/busybox", X_OK) == 0, "/bin/busybox (busybox-static) is not installed");
    base = qt_make_root();
    snprintf(rootdir, sizeof rootdir, "%s/root", base);
    snprintf(state, sizeof state, "%s/state", base);
    snprintf(uri, sizeof uri, "lxc:///embed?root=%s", state);
    snprintf(cmd, sizeof cmd, "mkdir -p %s/bin && cp /bin/busybox %s/bin/busybox && chroot %s /bin/busybox --install -s /bin",
             rootdir, rootdir, rootdir);
    CHECK_INT(qt_run(cmd, NULL, 0), 0);
    qt_remove_link(BRIDGE);
    CHECK_INT(qt_make_bridge(BRIDGE, 0), 0);
    CHECK_INT(qt_run("ip addr add 10.77.0.1/24 dev " BRIDGE " && ip link set " BRIDGE " up", NULL, 0), 0);

    qt_start_event_loop();
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (conn) {
        test_two_interfaces(conn);
        test_init_exits(conn);
        test_privnet(conn);
        test_bad_bridge(conn);
        test_child_failure(conn);
        CHECK_INT(virConnectClose(conn), 0);
        test_takeover(uri);
    }
    qt_remove_link(BRIDGE);
    qt_remove_link("vrlxcexit0");
    qt_remove_link("vrlxcfail0");
    qt_remove_link("vrlxctake0");
    qt_remove_tree(base);
    return check_finish("lxc-net");
}
