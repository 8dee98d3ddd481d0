/*
 * test_remote_qemu_events.c: the domain events a real QEMU produces without
 * a guest OS, delivered from the daemon's qemu:///session to this client.
 *
 * Run by tests/remote/qemu_test.py inside with_libvirtd.py (TCG, no KVM
 * needed), built twice: against vireo (remote-qemu-events) and against
 * Debian's libvirt (remote-qemu-events-libvirt), with the same expectations.
 * One domain (a qcow2 overlay on a qcow2 base, an IDE cdrom, an optional
 * cdrom whose source is missing, VNC on a unix socket) is started once, with a
 * callback registered for every event id; then:
 *   DISK_CHANGE   the missing optional cdrom dropped at start
 *   REBOOT        virDomainReset
 *   TUNABLE       virDomainSetBlockIoTune (blkdeviotune.*), virDomainPinVcpu (cputune.vcpupin0)
 *   GRAPHICS      a connection to the VNC server's unix socket: the RFB
 *                 handshake with security type None (connect, initialize),
 *                 then closed (disconnect)
 *   TRAY_CHANGE   the cdrom ejected with virDomainUpdateDeviceFlags
 *   DEVICE_ADDED / DEVICE_REMOVED   a USB tablet attached and detached
 *   BLOCK_THRESHOLD   virDomainSetBlockThreshold, then a write through HMP qemu-io
 *   BLOCK_JOB / BLOCK_JOB_2   virDomainBlockPull of the overlay (and no
 *                 JOB_COMPLETED: libvirt sends that for domain jobs such as a
 *                 migration, not for block jobs)
 */
#include "../capi/check.h"

#include <libvirt/libvirt-qemu.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* libvirt 9.0's number of domain event ids (VIR_DOMAIN_EVENT_ID_LAST needs
 * VIR_ENUM_SENTINELS). */
#define N_EVENT_IDS (VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE + 1)
#define NAME "vireo-events"

static char uri[256];
static char dir[] = "/tmp/vireo-remote-events-XXXXXX";
static char overlay[300], base[300], media[300], missing[300], vnc_socket[100];

/* What the callbacks saw: per id, the calls and the last arguments. */
struct seen {
    int calls;
    int a, b, c;                  /* integer arguments, in order */
    char s1[256], s2[256], s3[256]; /* string arguments ("(null)" for NULL) */
    int order[8];                 /* GRAPHICS phases, TRAY_CHANGE reasons: in order */
};
static struct seen seen[N_EVENT_IDS];
static int ids[N_EVENT_IDS];

static void copy(char *to, size_t size, const char *from)
{
    snprintf(to, size, "%s", from ? from : "(null)");
}

#define S(o) (&seen[*(const int *)(o)])

static void on_plain(virConnectPtr c, virDomainPtr d, void *o)
{ (void)c; (void)d; S(o)->calls++; }
static void on_string(virConnectPtr c, virDomainPtr d, const char *alias, void *o)
{ (void)c; (void)d; S(o)->calls++; copy(S(o)->s1, sizeof(S(o)->s1), alias); }
static void on_tray(virConnectPtr c, virDomainPtr d, const char *alias, int reason, void *o)
{
    struct seen *s = S(o);
    (void)c;
    (void)d;
    if (s->calls < 8)
        s->order[s->calls] = reason;
    s->calls++;
    copy(s->s1, sizeof(s->s1), alias);
}
static void on_disk_change(virConnectPtr c, virDomainPtr d, const char *old_src, const char *new_src,
                           const char *alias, int reason, void *o)
{
    struct seen *s = S(o);
    (void)c;
    (void)d;
    s->calls++;
    copy(s->s1, sizeof(s->s1), old_src);
    copy(s->s2, sizeof(s->s2), new_src);
    copy(s->s3, sizeof(s->s3), alias);
    s->a = reason;
}
static void on_block_job(virConnectPtr c, virDomainPtr d, const char *disk, int type, int status, void *o)
{
    (void)c;
    (void)d;
    S(o)->calls++;
    copy(S(o)->s1, sizeof(S(o)->s1), disk);
    S(o)->a = type;
    S(o)->b = status;
}
/* TUNABLE: s1 collects "field=value;" of the string and unsigned long long parameters. */
static void on_tunable(virConnectPtr c, virDomainPtr d, virTypedParameterPtr params, int n, void *o)
{
    struct seen *s = S(o);
    (void)c;
    (void)d;
    s->calls++;
    for (int i = 0; i < n; i++) {
        char item[128];
        if (params[i].type == VIR_TYPED_PARAM_STRING)
            snprintf(item, sizeof(item), "%s=%s;", params[i].field, params[i].value.s);
        else if (params[i].type == VIR_TYPED_PARAM_ULLONG)
            snprintf(item, sizeof(item), "%s=%llu;", params[i].field, params[i].value.ul);
        else
            snprintf(item, sizeof(item), "%s;", params[i].field);
        if (strlen(s->s1) + strlen(item) < sizeof(s->s1))
            strcat(s->s1, item);
    }
}
static void on_graphics(virConnectPtr c, virDomainPtr d, int phase, const virDomainEventGraphicsAddress *local,
                        const virDomainEventGraphicsAddress *remote, const char *scheme,
                        const virDomainEventGraphicsSubject *subject, void *o)
{
    struct seen *s = S(o);
    (void)c;
    (void)d;
    if (s->calls < 8)
        s->order[s->calls] = phase;
    s->calls++;
    s->a = local->family;
    s->b = remote->family;
    s->c = subject->nidentity;
    copy(s->s1, sizeof(s->s1), local->node);
    copy(s->s2, sizeof(s->s2), remote->node);
    copy(s->s3, sizeof(s->s3), scheme);
}
static void on_threshold(virConnectPtr c, virDomainPtr d, const char *dev, const char *path,
                         unsigned long long threshold, unsigned long long excess, void *o)
{
    (void)c;
    (void)d;
    S(o)->calls++;
    /* s1 collects the devs, "dev;" each */
    if (strlen(S(o)->s1) + strlen(dev) + 2 < sizeof(S(o)->s1)) {
        strcat(S(o)->s1, dev);
        strcat(S(o)->s1, ";");
    }
    copy(S(o)->s2, sizeof(S(o)->s2), path);
    S(o)->a = (int)(threshold >> 10); /* KiB */
    S(o)->b = excess > 0;
}

static virConnectDomainEventGenericCallback callback_of(int id)
{
    switch (id) {
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED: return VIR_DOMAIN_EVENT_CALLBACK(on_string);
    case VIR_DOMAIN_EVENT_ID_TRAY_CHANGE: return VIR_DOMAIN_EVENT_CALLBACK(on_tray);
    case VIR_DOMAIN_EVENT_ID_DISK_CHANGE: return VIR_DOMAIN_EVENT_CALLBACK(on_disk_change);
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB:
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2: return VIR_DOMAIN_EVENT_CALLBACK(on_block_job);
    case VIR_DOMAIN_EVENT_ID_TUNABLE:
    case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED: return VIR_DOMAIN_EVENT_CALLBACK(on_tunable);
    case VIR_DOMAIN_EVENT_ID_GRAPHICS: return VIR_DOMAIN_EVENT_CALLBACK(on_graphics);
    case VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD: return VIR_DOMAIN_EVENT_CALLBACK(on_threshold);
    case VIR_DOMAIN_EVENT_ID_REBOOT: return VIR_DOMAIN_EVENT_CALLBACK(on_plain);
    default: return NULL; /* ids this test does not produce */
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Runs the event loop until event `id` was seen `calls` times or 15 s passed. */
static int wait_for(int id, int calls)
{
    double start = now();
    while (seen[id].calls < calls && now() - start < 15)
        virEventRunDefaultImpl();
    return seen[id].calls;
}

static void tick(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
}

static int run(const char *command)
{
    int rc = system(command);
    if (rc != 0)
        fprintf(stderr, "    command failed (%d): %s\n", rc, command);
    return rc;
}

static int make_images(void)
{
    char command[2048];
    FILE *f;
    snprintf(base, sizeof(base), "%s/base.qcow2", dir);
    snprintf(overlay, sizeof(overlay), "%s/overlay.qcow2", dir);
    snprintf(media, sizeof(media), "%s/media.iso", dir);
    snprintf(missing, sizeof(missing), "%s/missing.iso", dir);
    snprintf(vnc_socket, sizeof(vnc_socket), "%s/vnc.sock", dir);
    snprintf(command, sizeof(command),
             "qemu-img create -q -f qcow2 %s 16M && qemu-img create -q -f qcow2 -b %s -F qcow2 %s && chmod 0666 %s",
             base, base, overlay, overlay);
    if (run(command) != 0)
        return -1;
    f = fopen(media, "w");
    if (!f)
        return -1;
    for (int i = 0; i < 2048; i++)
        fputs("vireo-media-", f);
    fclose(f);
    return chmod(media, 0644);
}

static int read_full(int fd, char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

/* An RFB 3.8 client up to the server's init message, security type None,
 * on the VNC server's unix socket (a TCP port could be taken by another test). */
static int vnc_handshake(void)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    char buf[64];
    unsigned char ntypes, none = 1, shared = 1;
    int fd = socket(AF_UNIX, SOCK_STREAM, 0), ok = 0;
    snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", vnc_socket);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
        goto out;
    if (read_full(fd, buf, 12) < 0 || memcmp(buf, "RFB 003.008\n", 12) != 0)
        goto out;
    if (write(fd, "RFB 003.008\n", 12) != 12 || read_full(fd, (char *)&ntypes, 1) < 0 || ntypes == 0 ||
        read_full(fd, buf, ntypes) < 0 || memchr(buf, 1, ntypes) == NULL)
        goto out;
    if (write(fd, &none, 1) != 1 || read_full(fd, buf, 4) < 0 || memcmp(buf, "\0\0\0\0", 4) != 0)
        goto out;
    /* ClientInit; the ServerInit header is 24 bytes */
    ok = write(fd, &shared, 1) == 1 && read_full(fd, buf, 24) == 0;
out:
    if (fd >= 0)
        close(fd);
    return ok;
}

static void domain_xml(char *xml, size_t size)
{
    snprintf(xml, size,
             "<domain type='qemu'><name>" NAME "</name><memory>65536</memory>"
             "<os><type arch='x86_64'>hvm</type></os><devices>"
             "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
             "<source file='%s'/><target dev='vda' bus='virtio'/></disk>"
             "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>"
             "<source file='%s'/><target dev='hdc' bus='ide'/><readonly/></disk>"
             "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>"
             "<source file='%s' startupPolicy='optional'/><target dev='hdd' bus='ide'/><readonly/></disk>"
             "<graphics type='vnc' socket='%s'/>"
             "</devices></domain>",
             overlay, media, missing, vnc_socket);
}

static const char eject_xml[] =
    "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>";
static const char tablet_xml[] = "<input type='tablet' bus='usb'/>";

int main(void)
{
    const char *tcp = getenv("VIREO_LIBVIRTD_TCP");
    char xml[2048], *reply = NULL;
    int callback[N_EVENT_IDS];
    virConnectPtr conn;
    virDomainPtr dom;
    virTypedParameter iotune;
    unsigned char cpumap = 1;
    int id;

    if (!check_is_remote() || !getenv("VIREO_QEMU_TEST")) {
        fprintf(stderr, "SKIP: run through tests/remote/qemu_test.py\n");
        return 77;
    }
    check_init();
    CHECK_INT(virEventRegisterDefaultImpl(), 0);
    virEventAddTimeout(50, tick, NULL, NULL);
    if (!check_mkdtemp(dir) || make_images() < 0) {
        CHECK(!"the test's images could not be made");
        return check_finish("test_remote_qemu_events");
    }
    snprintf(uri, sizeof(uri), "qemu+tcp://%s/session", tcp);
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("test_remote_qemu_events");
    for (id = 0; id < N_EVENT_IDS; id++) {
        ids[id] = id;
        callback[id] = -1;
        if (callback_of(id))
            callback[id] = virConnectDomainEventRegisterAny(conn, NULL, id, callback_of(id), &ids[id], NULL);
        if (callback_of(id) && !CHECK(callback[id] >= 0))
            check_print_last_error();
    }

    domain_xml(xml, sizeof(xml));
    dom = virDomainCreateXML(conn, xml, 0);
    CHECK(dom != NULL);
    if (!dom) {
        check_print_last_error();
        return check_finish("test_remote_qemu_events");
    }

    /* DISK_CHANGE: the optional cdrom whose source is missing, dropped at start */
    CHECK_INT(wait_for(VIR_DOMAIN_EVENT_ID_DISK_CHANGE, 1), 1);
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_DISK_CHANGE].s1, missing);
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_DISK_CHANGE].s2, "(null)");
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_DISK_CHANGE].s3, "ide0-1-1");
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_DISK_CHANGE].a, VIR_DOMAIN_EVENT_DISK_CHANGE_MISSING_ON_START);

    /* REBOOT: none before the reset; after it, at least one (the firmware,
     * restarted by the reset, may reset the machine again itself: SeaBIOS
     * turns a warm reset into a hard one) */
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_REBOOT].calls, 0);
    CHECK_INT(virDomainReset(dom, 0), 0);
    CHECK(wait_for(VIR_DOMAIN_EVENT_ID_REBOOT, 1) >= 1);

    /* TUNABLE: block I/O tuning, then a vCPU pinned */
    memset(&iotune, 0, sizeof(iotune));
    snprintf(iotune.field, sizeof(iotune.field), "%s", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC);
    iotune.type = VIR_TYPED_PARAM_ULLONG;
    iotune.value.ul = 1 << 30;
    CHECK_INT(virDomainSetBlockIoTune(dom, "vda", &iotune, 1, VIR_DOMAIN_AFFECT_LIVE), 0);
    CHECK_INT(wait_for(VIR_DOMAIN_EVENT_ID_TUNABLE, 1), 1);
    CHECK_SUBSTR(seen[VIR_DOMAIN_EVENT_ID_TUNABLE].s1, "blkdeviotune.disk=vda;");
    CHECK_SUBSTR(seen[VIR_DOMAIN_EVENT_ID_TUNABLE].s1, "blkdeviotune.total_bytes_sec=1073741824;");
    seen[VIR_DOMAIN_EVENT_ID_TUNABLE].s1[0] = '\0';
    CHECK_INT(virDomainPinVcpu(dom, 0, &cpumap, 1), 0);
    CHECK_INT(wait_for(VIR_DOMAIN_EVENT_ID_TUNABLE, 2), 2);
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_TUNABLE].s1, "cputune.vcpupin0=0;");

    /* GRAPHICS: connect, initialize, disconnect; both ends are the unix socket */
    CHECK(vnc_handshake());
    CHECK_INT(wait_for(VIR_DOMAIN_EVENT_ID_GRAPHICS, 3), 3);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_GRAPHICS].order[0], VIR_DOMAIN_EVENT_GRAPHICS_CONNECT);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_GRAPHICS].order[1], VIR_DOMAIN_EVENT_GRAPHICS_INITIALIZE);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_GRAPHICS].order[2], VIR_DOMAIN_EVENT_GRAPHICS_DISCONNECT);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_GRAPHICS].a, VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_UNIX);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_GRAPHICS].b, VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_UNIX);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_GRAPHICS].c, 0);
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_GRAPHICS].s1, ""); /* unix sockets have no node name */
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_GRAPHICS].s2, "");
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_GRAPHICS].s3, "none");

    /* TRAY_CHANGE: the cdrom ejected (libvirt opens the tray, removes the
     * medium and closes the tray again). FORCE opens the tray even if the
     * firmware has locked it: without it libvirtd asks the guest and waits
     * a bounded time for the tray to open, and on a loaded machine either
     * gave up ("Tray of device ... is not open") or saw only the opening. */
    int ejected = virDomainUpdateDeviceFlags(dom, eject_xml, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_DEVICE_MODIFY_FORCE);
    CHECK_INT(ejected, 0);
    CHECK_INT(wait_for(VIR_DOMAIN_EVENT_ID_TRAY_CHANGE, 2), 2);
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_TRAY_CHANGE].s1, "ide0-1-0");
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_TRAY_CHANGE].order[0], VIR_DOMAIN_EVENT_TRAY_CHANGE_OPEN);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_TRAY_CHANGE].order[1], VIR_DOMAIN_EVENT_TRAY_CHANGE_CLOSE);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_DISK_CHANGE].calls, 1); /* libvirt 9.0 sends none for an eject */

    /* DEVICE_ADDED / DEVICE_REMOVED: a USB tablet (its removal needs no
     * guest), with the vCPUs paused: the firmware polling the USB controller
     * was seen to hold the unplug back for seconds */
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainAttachDeviceFlags(dom, tablet_xml, VIR_DOMAIN_AFFECT_LIVE), 0);
    CHECK_INT(wait_for(VIR_DOMAIN_EVENT_ID_DEVICE_ADDED, 1), 1);
    CHECK_SUBSTR(seen[VIR_DOMAIN_EVENT_ID_DEVICE_ADDED].s1, "input");
    CHECK_INT(virDomainDetachDeviceFlags(dom, tablet_xml, VIR_DOMAIN_AFFECT_LIVE), 0);
    CHECK_INT(wait_for(VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED, 1), 1);
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED].s1, seen[VIR_DOMAIN_EVENT_ID_DEVICE_ADDED].s1);
    CHECK_INT(virDomainResume(dom), 0);

    /* BLOCK_THRESHOLD: 1 MiB on the overlay, then 4 MiB written through HMP
     * qemu-io (on the virtio device's backend: the PCI proxy has none) */
    CHECK_INT(virDomainSetBlockThreshold(dom, "vda", 1 << 20, 0), 0);
    CHECK_INT(virDomainQemuMonitorCommand(dom, "qemu-io -d /machine/peripheral/virtio-disk0/virtio-backend \"write 0 4M\"", &reply,
                                          VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP), 0);
    CHECK_STR(reply, ""); /* qemu-io's report goes to QEMU's stdout */
    free(reply);
    /* libvirt reports the top image twice: by its index and as the disk */
    CHECK_INT(wait_for(VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD, 2), 2);
    CHECK_SUBSTR(seen[VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD].s1, "vda[");
    CHECK_SUBSTR(seen[VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD].s1, "vda;");
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD].s2, overlay);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD].a, 1024);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD].b, 1);

    /* BLOCK_JOB (the image's path) and BLOCK_JOB_2 (the disk's target) */
    CHECK_INT(virDomainBlockPull(dom, "vda", 0, 0), 0);
    CHECK_INT(wait_for(VIR_DOMAIN_EVENT_ID_BLOCK_JOB, 1), 1);
    CHECK_INT(wait_for(VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2, 1), 1);
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_BLOCK_JOB].s1, overlay);
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2].s1, "vda");
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_BLOCK_JOB].a, VIR_DOMAIN_BLOCK_JOB_TYPE_PULL);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_BLOCK_JOB].b, VIR_DOMAIN_BLOCK_JOB_COMPLETED);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2].a, VIR_DOMAIN_BLOCK_JOB_TYPE_PULL);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2].b, VIR_DOMAIN_BLOCK_JOB_COMPLETED);
    /* JOB_COMPLETED is for domain jobs (a migration), not block jobs */
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_JOB_COMPLETED].calls, 0);

    CHECK_INT(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    for (id = 0; id < N_EVENT_IDS; id++)
        if (callback[id] >= 0)
            CHECK_INT(virConnectDomainEventDeregisterAny(conn, callback[id]), 0);
    CHECK_INT(virConnectClose(conn), 0);
    unlink(overlay);
    unlink(base);
    unlink(media);
    unlink(vnc_socket);
    rmdir(dir);
    return check_finish("test_remote_qemu_events");
}
