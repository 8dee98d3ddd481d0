/*
 * Disk leases of the QEMU driver through a real lock daemon
 * (lock_manager = "lockd"), with a real qemu-system-x86_64 and the tiny
 * test guest. Each root runs its own vireo-lockd, started on demand by the
 * driver ($VIREO_LOCKD_PATH), as two hosts sharing storage would: the
 * daemons exclude each other through fcntl locks on the same files.
 *
 *  - leases held while running, given back at suspend, taken at resume, none
 *    for a domain started paused, freed at destroy (checked from this
 *    process with F_GETLK on byte 0, the daemon's lock);
 *  - a lease held elsewhere (another root's domain, a libvirt host's
 *    daemon: here this process's own fcntl lock, as virtlockd takes it):
 *    the start fails with libvirt's VIR_ERR_RESOURCE_BUSY and message and
 *    leaves nothing behind; two processes racing for one lease: one runs;
 *  - shared disks: both domains run;
 *  - QEMU killed while no vireo process runs: the daemon frees its leases;
 *  - the daemon re-executed (SIGUSR1) while a domain holds leases: held
 *    throughout; killed: the next start starts a new one;
 *  - disk hotplug takes the disk's lease;
 *  - qemu-lockd.conf: a malformed file fails the open naming file, line and
 *    key; require_lease_for_disks refuses a start;
 *  - vireo's driver against Debian's virtlockd (when installed): the two
 *    daemons exclude each other on one lease.
 *
 * Needs root (QEMU's private /dev, virtlockd in a mount namespace).
 *
 * Usage: qemu-lockd-test GUEST_IMAGE
 *        qemu-lockd-test --racer ROOT NAME GO_FD
 *        qemu-lockd-test --leave-running ROOT NAME -1
 */

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../capi/check.h"
#include "qemu_test_support.h"

static const char *image;
static const char *self;

/* ---- helpers ------------------------------------------------------------ */

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return 0;
    fputs(text, f);
    return fclose(f) == 0;
}

/* A root whose qemu.conf selects lockd, with `lockd_conf` (or NULL) as its
 * qemu-lockd.conf. */
static char *lockd_root(const char *lockd_conf)
{
    char *root = qt_make_root();
    char path[512];
    snprintf(path, sizeof path, "%s/etc", root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/etc/qemu.conf", root);
    write_file(path, "lock_manager = \"lockd\"\n");
    if (lockd_conf) {
        snprintf(path, sizeof path, "%s/etc/qemu-lockd.conf", root);
        write_file(path, lockd_conf);
    }
    return root;
}

/* A writable raw disk image of 1 MiB. */
static void make_disk(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
        if (ftruncate(fd, 1 << 20) != 0)
            perror("ftruncate");
        close(fd);
    }
}

/* The pid in ROOT/run/lockd.pid, or -1. */
static int daemon_pid(const char *root)
{
    char path[512];
    int pid = -1;
    FILE *f;
    snprintf(path, sizeof path, "%s/run/lockd.pid", root);
    if (!(f = fopen(path, "r")))
        return -1;
    if (fscanf(f, "%d", &pid) != 1)
        pid = -1;
    fclose(f);
    return pid;
}

/* A guest with a writable disk `disk` (vdb); `shared` adds <shareable/>. */
static char *guest_with_disk(const char *name, const char *disk, int shared, const char *more)
{
    char *devices = NULL, *xml;
    if (asprintf(&devices,
                 "    <disk type='file' device='disk'>\n"
                 "      <driver name='qemu' type='raw'/>\n"
                 "      <source file='%s'/>\n"
                 "      <target dev='vdb' bus='virtio'/>\n"
                 "%s"
                 "    </disk>\n%s",
                 disk, shared ? "      <shareable/>\n" : "", more ? more : "") < 0)
        return NULL;
    xml = qt_guest_xml(name, image, devices);
    free(devices);
    return xml;
}

/* A guest with a <lease> (QEMU never sees it: only the daemon decides). */
static char *guest_with_lease(const char *name, const char *dir, const char *key)
{
    char *lease = NULL, *xml;
    if (asprintf(&lease,
                 "    <lease>\n"
                 "      <lockspace>space</lockspace>\n"
                 "      <key>%s</key>\n"
                 "      <target path='%s'/>\n"
                 "    </lease>\n",
                 key, dir) < 0)
        return NULL;
    xml = qt_guest_xml(name, image, lease);
    free(lease);
    return xml;
}

/* 1 if directory `dir` has an entry that starts with `prefix` and ends
 * with `suffix`. */
static int has_entry(const char *dir, const char *prefix, const char *suffix)
{
    char *listing = qt_dir_listing(dir);
    char *line, *save = NULL;
    int found = 0;
    if (!listing)
        return 0;
    for (line = strtok_r(listing, "\n", &save); line && !found; line = strtok_r(NULL, "\n", &save)) {
        size_t n = strlen(line), m = strlen(suffix);
        found = strncmp(line, prefix, strlen(prefix)) == 0 && n >= m && strcmp(line + n - m, suffix) == 0;
    }
    free(listing);
    return found;
}

/* Nothing of a refused start of NAME on ROOT: no status file, no domain
 * directory, no namespace staging directory. */
static void check_nothing_left(const char *root, const char *name)
{
    char path[512], suffix[256];
    snprintf(path, sizeof path, "%s/run/qemu/%s.xml", root, name);
    CHECK(!qt_exists(path));
    snprintf(suffix, sizeof suffix, "-%s", name);
    snprintf(path, sizeof path, "%s/lib/qemu", root);
    CHECK(!has_entry(path, "domain-", suffix));
    snprintf(path, sizeof path, "%s/run/qemu", root);
    CHECK(!has_entry(path, "ns-", ""));
}

/* Another host's lock daemon holding `path` (virtlockd's lock: fcntl on
 * byte 0), played by a child process: the lock must not live in this
 * process, whose vireo opens and closes the disk (which drops POSIX locks).
 * Returns the child's pid; it lets go when `release_fd` (its end: *out)
 * is closed. */
static pid_t hold_elsewhere(const char *path, int *release)
{
    int ready[2], go[2];
    pid_t pid;
    char c;
    if (pipe2(ready, O_CLOEXEC) != 0 || pipe2(go, O_CLOEXEC) != 0)
        return -1;
    pid = fork();
    if (pid == 0) {
        struct flock fl;
        int fd = open(path, O_RDWR | O_CLOEXEC);
        memset(&fl, 0, sizeof fl);
        fl.l_type = F_WRLCK;
        fl.l_whence = SEEK_SET;
        fl.l_len = 1;
        if (fd < 0 || fcntl(fd, F_SETLK, &fl) != 0)
            _exit(1);
        if (write(ready[1], "k", 1) != 1)
            _exit(1);
        close(go[1]);
        while (read(go[0], &c, 1) > 0) {
        }
        _exit(0);
    }
    close(ready[1]);
    close(go[0]);
    if (read(ready[0], &c, 1) != 1) {
        close(ready[0]);
        close(go[1]);
        waitpid(pid, NULL, 0);
        return -1;
    }
    close(ready[0]);
    *release = go[1];
    return pid;
}

/* ---- helper processes --------------------------------------------------- */

/* Waits for GO_FD to close, starts NAME on ROOT, reports "started" or
 * "failed CODE DOMAIN MESSAGE", and destroys it when stdin closes. */
static int racer(const char *root, const char *name, int go_fd)
{
    char c;
    virConnectPtr conn;
    virDomainPtr dom;
    qt_start_event_loop();
    conn = virConnectOpen(qt_embed_uri(root));
    dom = conn ? virDomainLookupByName(conn, name) : NULL;
    while (read(go_fd, &c, 1) > 0) {
    }
    close(go_fd);
    if (!dom || virDomainCreate(dom) != 0) {
        virErrorPtr e = virGetLastError();
        printf("failed %d %d %s\n", e ? e->code : -1, e ? e->domain : -1, virGetLastErrorMessage());
        fflush(stdout);
        qt_wait_stdin_closed();
        return 0;
    }
    printf("started\n");
    fflush(stdout);
    qt_wait_stdin_closed();
    virDomainDestroy(dom);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

/* Starts NAME on ROOT, reports "started PID" and exits, leaving QEMU (and
 * its leases) running with no vireo process watching. */
static int leave_running(const char *root, const char *name)
{
    virConnectPtr conn = virConnectOpen(qt_embed_uri(root));
    virDomainPtr dom = conn ? virDomainLookupByName(conn, name) : NULL;
    if (!dom || virDomainCreate(dom) != 0) {
        printf("failed %s\n", virGetLastErrorMessage());
        return 1;
    }
    printf("started %d\n", qt_status_pid(root, name));
    fflush(stdout);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

/* ---- the cases ---------------------------------------------------------- */

/* Leases follow the domain: running, suspended, resumed, started paused,
 * destroyed; a second domain of the same root on a held lease is refused
 * with libvirt's error and leaves nothing; hotplug takes a lease. */
static void test_lifecycle(void)
{
    char *root = lockd_root(NULL);
    char disk[512], disk2[512], xml_path[512];
    char *xml;
    virConnectPtr conn;
    virDomainPtr a, b;
    int pid;
    snprintf(disk, sizeof disk, "%s/a.img", root);
    snprintf(disk2, sizeof disk2, "%s/hot.img", root);
    make_disk(disk);
    make_disk(disk2);

    conn = virConnectOpen(qt_embed_uri(root));
    CHECK(conn != NULL);
    if (!conn)
        goto out;
    xml = guest_with_disk("a", disk, 0, NULL);
    a = virDomainDefineXML(conn, xml);
    free(xml);
    CHECK(a != NULL);
    CHECK_INT(qt_lease_holder(disk), 0);
    CHECK_INT(virDomainCreate(a), 0);
    /* The daemon was started for this root and holds the disk. */
    pid = daemon_pid(root);
    CHECK(pid > 0);
    CHECK_INT(qt_lease_holder(disk), pid);
    snprintf(xml_path, sizeof xml_path, "%s/run/lockd.sock", root);
    CHECK(qt_exists(xml_path));

    CHECK_INT(virDomainSuspend(a), 0);
    CHECK_INT(qt_lease_holder(disk), 0);
    CHECK_INT(virDomainResume(a), 0);
    CHECK_INT(qt_lease_holder(disk), pid);

    /* Hotplug: the plugged disk's lease is taken. */
    {
        char dev[1024];
        snprintf(dev, sizeof dev,
                 "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
                 "<source file='%s'/><target dev='vdc' bus='virtio'/></disk>",
                 disk2);
        CHECK_INT(virDomainAttachDeviceFlags(a, dev, VIR_DOMAIN_AFFECT_LIVE), 0);
        CHECK_INT(qt_lease_holder(disk2), pid);
        /* Unplug gives it back (once the guest let the device go). */
        CHECK_INT(virDomainDetachDeviceFlags(a, dev, VIR_DOMAIN_AFFECT_LIVE), 0);
        CHECK(qt_wait_lease(disk2, 0, 3000));
        CHECK_INT(virDomainAttachDeviceFlags(a, dev, VIR_DOMAIN_AFFECT_LIVE), 0);
        CHECK_INT(qt_lease_holder(disk2), pid);
    }

    /* A second domain of this root on the hotplugged disk: QEMU's own image
     * lock would refuse it first, so hold it through a <lease> instead. */
    xml = guest_with_lease("lease1", root, "k");
    b = virDomainDefineXML(conn, xml);
    free(xml);
    CHECK_INT(virDomainCreate(b), 0);
    {
        virDomainPtr c;
        char want[600];
        xml = guest_with_lease("lease2", root, "k");
        c = virDomainDefineXML(conn, xml);
        free(xml);
        snprintf(want, sizeof want, "Lockspace resource 'k' is locked");
        CHECK_INT(virDomainCreate(c), -1);
        CHECK_ERR_MSG(VIR_ERR_RESOURCE_BUSY, VIR_FROM_LOCKSPACE, want);
        CHECK_STR(virGetLastErrorMessage(), "resource busy: Lockspace resource 'k' is locked");
        CHECK_INT(virDomainIsActive(c), 0);
        check_nothing_left(root, "lease2");
        CHECK_INT(virDomainDestroy(b), 0);
        /* Given back at destroy: the other one starts now. */
        CHECK_INT(virDomainCreate(c), 0);
        CHECK_INT(virDomainDestroy(c), 0);
        virDomainUndefine(c);
        virDomainFree(c);
    }
    virDomainUndefine(b);
    virDomainFree(b);

    CHECK_INT(virDomainDestroy(a), 0);
    CHECK_INT(qt_lease_holder(disk), 0);
    CHECK_INT(qt_lease_holder(disk2), 0);

    /* Started paused: no lease until the CPUs run (as libvirt). */
    CHECK_INT(virDomainCreateWithFlags(a, VIR_DOMAIN_START_PAUSED), 0);
    CHECK_INT(qt_lease_holder(disk), 0);
    CHECK_INT(virDomainResume(a), 0);
    CHECK_INT(qt_lease_holder(disk), pid);

    /* Another host's daemon holds the disk (this process's fcntl lock on
     * byte 0, as virtlockd takes it): a start is refused with libvirt's
     * words, QEMU's own image lock never being involved. */
    CHECK_INT(virDomainDestroy(a), 0);
    {
        int release = -1;
        pid_t holder = hold_elsewhere(disk, &release);
        CHECK(holder > 0);
        CHECK_INT(qt_lease_holder(disk), holder);
        CHECK_INT(virDomainCreate(a), -1);
        CHECK_ERR(VIR_ERR_RESOURCE_BUSY, VIR_FROM_LOCKSPACE);
        {
            char want[600];
            snprintf(want, sizeof want, "resource busy: Lockspace resource '%s' is locked", disk);
            CHECK_STR(virGetLastErrorMessage(), want);
        }
        CHECK_INT(virDomainIsActive(a), 0);
        check_nothing_left(root, "a");
        if (holder > 0) {
            close(release);
            waitpid(holder, NULL, 0);
        }
        CHECK_INT(virDomainCreate(a), 0);
        CHECK_INT(qt_lease_holder(disk), pid);
    }

    /* The daemon re-executed while the lease is held: held throughout, by
     * the same pid, and still enforced afterwards. */
    CHECK_INT(kill(pid, SIGUSR1), 0);
    usleep(300000);
    CHECK_INT(qt_lease_holder(disk), pid);
    CHECK_INT(daemon_pid(root), pid);
    xml = guest_with_lease("lease1", root, "k");
    b = virDomainDefineXML(conn, xml);
    free(xml);
    CHECK_INT(virDomainCreate(b), 0);  /* the re-executed daemon serves */
    CHECK_INT(virDomainDestroy(b), 0);
    virDomainUndefine(b);
    virDomainFree(b);
    CHECK_INT(virDomainDestroy(a), 0);
    CHECK_INT(qt_lease_holder(disk), 0);

    /* The daemon killed: the next start starts another one. */
    CHECK_INT(virDomainCreate(a), 0);
    CHECK_INT(kill(pid, SIGKILL), 0);
    CHECK(qt_wait_lease(disk, 0, 2000));  /* the lease died with it, as in libvirt */
    {
        int i;
        for (i = 0; i < 100 && kill(pid, 0) == 0; i++)
            usleep(20000);  /* (a zombie until init reaps it) */
    }
    xml = guest_with_lease("lease1", root, "k");
    b = virDomainDefineXML(conn, xml);
    free(xml);
    CHECK_INT(virDomainCreate(b), 0);
    CHECK(daemon_pid(root) > 0 && daemon_pid(root) != pid);
    CHECK_INT(virDomainDestroy(b), 0);
    virDomainUndefine(b);
    virDomainFree(b);
    CHECK_INT(virDomainDestroy(a), 0);
    virDomainUndefine(a);
    virDomainFree(a);
    virConnectClose(conn);
out:
    if (daemon_pid(root) > 0)
        kill(daemon_pid(root), SIGTERM);
    qt_remove_tree(root);
}

/* Defines `xml` on both roots. */
static void define_on_both(char *const roots[2], const char *xml)
{
    int i;
    for (i = 0; i < 2; i++) {
        virConnectPtr conn = virConnectOpen(qt_embed_uri(roots[i]));
        virDomainPtr d = conn ? virDomainDefineXML(conn, xml) : NULL;
        CHECK(d != NULL);
        if (d)
            virDomainFree(d);
        if (conn)
            virConnectClose(conn);
    }
}

/* One race: a helper process per root starts NAME at the same moment.
 * Exactly one must run, and hold the lease on `lease_file`; the other's
 * refusal must leave nothing and, when `busy_message` is given, be
 * VIR_ERR_RESOURCE_BUSY (VIR_FROM_LOCKSPACE) with that message. The
 * helpers (the winner destroys its domain) are reaped before this returns. */
static void race_once(char *const roots[2], const char *name, const char *lease_file, const char *busy_message,
                      int try)
{
    int go[2], i, started = 0, refused = 0;
    struct qt_helper h[2];
    char line[1024];
    if (pipe2(go, O_CLOEXEC) != 0) {
        CHECK(!"pipe2");
        return;
    }
    for (i = 0; i < 2; i++)
        h[i] = qt_spawn_helper(self, "--racer", roots[i], name, go[0]);
    close(go[0]);
    usleep(300000);
    close(go[1]);
    for (i = 0; i < 2; i++) {
        int code = -1, domain = -1;
        if (!qt_read_report(&h[i], line, sizeof line)) {
            CHECK(!"racer reported nothing");
            continue;
        }
        if (strcmp(line, "started") == 0) {
            started++;
            continue;
        }
        sscanf(line, "failed %d %d", &code, &domain);
        if (busy_message &&
            !(code == VIR_ERR_RESOURCE_BUSY && domain == VIR_FROM_LOCKSPACE && strstr(line, busy_message))) {
            fprintf(stderr, "%s race %d: racer said: %s\n", name, try, line);
            continue;
        }
        refused++;
        check_nothing_left(roots[i], name);
    }
    if (started != 1)
        fprintf(stderr, "%s race %d: %d started\n", name, try, started);
    CHECK_INT(started, 1);
    CHECK_INT(refused, 1);
    CHECK(qt_lease_holder(lease_file) > 0);
    for (i = 0; i < 2; i++)
        CHECK_INT(qt_finish_helper(&h[i]), 0);
}

/* Two processes, two roots (two "hosts", two daemons), started at once on
 * one lease, then on one writable disk: exactly one runs each time. */
static void test_race(void)
{
    enum { kTries = 3 };
    char *roots[2];
    char shared_dir[512], lease_file[600], disk[512];
    int i, t;
    char *xml;
    roots[0] = lockd_root(NULL);
    roots[1] = lockd_root(NULL);
    snprintf(shared_dir, sizeof shared_dir, "%s/shared", roots[0]);
    mkdir(shared_dir, 0700);
    snprintf(lease_file, sizeof lease_file, "%s/space/the-disk", shared_dir);
    xml = guest_with_lease("racer", shared_dir, "the-disk");
    define_on_both(roots, xml);
    free(xml);
    for (t = 0; t < kTries; t++)
        race_once(roots, "racer", lease_file, "Lockspace resource 'the-disk' is locked", t);

    /* The loser of a disk race may be refused by the other's lease, or by
     * QEMU's own image lock when that comes first: on one host both guard
     * the disk. */
    snprintf(disk, sizeof disk, "%s/raced.img", roots[0]);
    make_disk(disk);
    xml = guest_with_disk("diskracer", disk, 0, NULL);
    define_on_both(roots, xml);
    free(xml);
    for (t = 0; t < kTries; t++) {
        race_once(roots, "diskracer", disk, NULL, t);
        CHECK(qt_wait_lease(disk, 0, 3000));  /* the winner was destroyed */
    }
    for (i = 0; i < 2; i++) {
        if (daemon_pid(roots[i]) > 0)
            kill(daemon_pid(roots[i]), SIGTERM);
        qt_remove_tree(roots[i]);
    }
}

/* Shared disks: two domains on one <shareable/> disk both run, holding
 * shared leases (read locks: another reader's lock fits, a writer's not);
 * the lease lasts until the last of them stops. */
static void test_shared(void)
{
    char *root = lockd_root(NULL);
    char disk[512];
    char *xml;
    virConnectPtr conn = virConnectOpen(qt_embed_uri(root));
    virDomainPtr s1, s2;
    snprintf(disk, sizeof disk, "%s/shared.img", root);
    make_disk(disk);
    CHECK(conn != NULL);
    if (!conn)
        goto out;
    xml = guest_with_disk("s1", disk, 1, NULL);
    s1 = virDomainCreateXML(conn, xml, 0);
    free(xml);
    xml = guest_with_disk("s2", disk, 1, NULL);
    s2 = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(s1 != NULL);
    CHECK(s2 != NULL);
    {
        /* A shared lease is a read lock: another reader fits, a writer not. */
        struct flock fl;
        int fd = open(disk, O_RDONLY | O_CLOEXEC);
        memset(&fl, 0, sizeof fl);
        fl.l_type = F_RDLCK;
        fl.l_whence = SEEK_SET;
        fl.l_len = 1;
        CHECK(fd >= 0 && fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type == F_UNLCK);
        close(fd);
        CHECK(qt_lease_holder(disk) > 0);
    }
    if (s1) {
        virDomainDestroy(s1);
        virDomainFree(s1);
    }
    CHECK(qt_lease_holder(disk) > 0);  /* s2 still holds its share */
    if (s2) {
        virDomainDestroy(s2);
        virDomainFree(s2);
    }
    CHECK_INT(qt_lease_holder(disk), 0);
    virConnectClose(conn);
out:
    if (daemon_pid(root) > 0)
        kill(daemon_pid(root), SIGTERM);
    qt_remove_tree(root);
}

/* QEMU killed while no vireo process runs: the daemon sees QEMU's own
 * connection close and frees the lease. The daemon also outlived the
 * process that started it. */
static void test_killed_qemu(void)
{
    char *root = lockd_root(NULL);
    char disk[512], line[256];
    char *xml;
    int qemu = -1;
    struct qt_helper h;
    virConnectPtr conn = virConnectOpen(qt_embed_uri(root));
    virDomainPtr d;
    snprintf(disk, sizeof disk, "%s/k.img", root);
    make_disk(disk);
    xml = guest_with_disk("k", disk, 0, NULL);
    d = conn ? virDomainDefineXML(conn, xml) : NULL;
    free(xml);
    CHECK(d != NULL);
    if (d)
        virDomainFree(d);
    if (conn)
        virConnectClose(conn);  /* the root is free for the helper */

    h = qt_spawn_helper(self, "--leave-running", root, "k", -1);
    CHECK(qt_read_report(&h, line, sizeof line) && sscanf(line, "started %d", &qemu) == 1);
    CHECK_INT(qt_finish_helper(&h), 0);
    CHECK(daemon_pid(root) > 0 && kill(daemon_pid(root), 0) == 0);
    CHECK(qt_lease_holder(disk) > 0);
    if (qemu > 0) {
        CHECK_INT(kill(qemu, SIGKILL), 0);
        CHECK(qt_wait_lease(disk, 0, 3000));
    }
    if (daemon_pid(root) > 0)
        kill(daemon_pid(root), SIGTERM);
    qt_remove_tree(root);
}

/* qemu-lockd.conf: malformed, refused at open; require_lease_for_disks. */
static void test_config(void)
{
    char *bad = lockd_root("auto_disk_leases = 0\nfile_lockspace_dir = 3\n");
    char *strict = lockd_root("auto_disk_leases = 0\nrequire_lease_for_disks = 1\n");
    char want[600], disk[512];
    char *xml;
    virConnectPtr conn = virConnectOpen(qt_embed_uri(bad));
    CHECK(conn == NULL);
    snprintf(want, sizeof want, "%s/etc/qemu-lockd.conf:2: expected a string for 'file_lockspace_dir' parameter",
             bad);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_CONF, want);
    if (conn)
        virConnectClose(conn);

    conn = virConnectOpen(qt_embed_uri(strict));
    CHECK(conn != NULL);
    snprintf(disk, sizeof disk, "%s/s.img", strict);
    make_disk(disk);
    xml = guest_with_disk("strict", disk, 0, NULL);
    if (conn) {
        virDomainPtr d = virDomainCreateXML(conn, xml, 0);
        CHECK(d == NULL);
        CHECK_ERR_MSG(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LOCKING,
                      "Read/write, exclusive access, disks were present, but no leases specified");
        check_nothing_left(strict, "strict");
        virConnectClose(conn);
    }
    free(xml);
    if (daemon_pid(strict) > 0)
        kill(daemon_pid(strict), SIGTERM);
    qt_remove_tree(bad);
    qt_remove_tree(strict);
}

/* Debian's virtlockd as the daemon of one root (its socket linked to
 * ROOT/run/lockd.sock), vireo-lockd of another: the two exclude each other
 * on one lease, in both orders. */
static void test_against_virtlockd(void)
{
    const char *virtlockd = access("/usr/sbin/virtlockd", X_OK) == 0 ? "/usr/sbin/virtlockd" : NULL;
    char *theirs, *ours, runlib[512], link[600], cmd[2048], shared[512];
    char *xml;
    pid_t vpid;
    int i;
    virConnectPtr c1, c2;
    virDomainPtr d1, d2;
    if (!virtlockd) {
        if (getenv("CI") && strcmp(getenv("CI"), "true") == 0)
            CHECK(!"virtlockd is missing (package libvirt-daemon)");
        else
            fprintf(stderr, "SKIP: vireo against virtlockd: virtlockd is not installed\n");
        return;
    }
    theirs = lockd_root(NULL);
    ours = lockd_root(NULL);
    snprintf(shared, sizeof shared, "%s/shared", ours);
    mkdir(shared, 0700);
    /* virtlockd in a mount namespace whose /run is our directory (its pid
     * file and socket land there, apart from any virtlockd of the host). */
    snprintf(runlib, sizeof runlib, "%s/virtlockd-run", theirs);
    mkdir(runlib, 0700);
    snprintf(cmd, sizeof cmd, "mount --bind '%s' /run && exec %s", runlib, virtlockd);
    vpid = fork();
    if (vpid == 0) {
        int null = open("/dev/null", O_RDWR);
        /* (meson points LD_LIBRARY_PATH at vireo's libvirt.so.0) */
        unsetenv("LD_LIBRARY_PATH");
        dup2(null, 0);
        dup2(null, 1);
        execl("/usr/bin/unshare", "unshare", "-m", "--propagation", "private", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    snprintf(link, sizeof link, "%s/libvirt/virtlockd-sock", runlib);
    for (i = 0; i < 200 && !qt_exists(link); i++)
        usleep(10000);
    CHECK(qt_exists(link));
    {
        char run[512], sock[512];
        snprintf(run, sizeof run, "%s/run", theirs);
        mkdir(run, 0755);
        snprintf(sock, sizeof sock, "%s/run/lockd.sock", theirs);
        CHECK_INT(symlink(link, sock), 0);
    }
    c1 = virConnectOpen(qt_embed_uri(theirs));
    c2 = virConnectOpen(qt_embed_uri(ours));
    CHECK(c1 && c2);
    if (!c1 || !c2)
        goto out;

    /* virtlockd first: vireo-lockd's domain is refused. */
    xml = guest_with_lease("v1", shared, "both");
    d1 = virDomainCreateXML(c1, xml, 0);
    free(xml);
    CHECK(d1 != NULL);
    {
        char res[600];
        int holder;
        snprintf(res, sizeof res, "%s/space/both", shared);
        holder = qt_lease_holder(res);
        CHECK(holder > 0 && holder != daemon_pid(ours));  /* virtlockd's */
    }
    CHECK_INT(daemon_pid(theirs), -1);  /* vireo started no daemon for that root */
    xml = guest_with_lease("v2", shared, "both");
    d2 = virDomainCreateXML(c2, xml, 0);
    CHECK(d2 == NULL);
    CHECK_ERR_MSG(VIR_ERR_RESOURCE_BUSY, VIR_FROM_LOCKSPACE, "Lockspace resource 'both' is locked");
    if (d2) {
        virDomainDestroy(d2);
        virDomainFree(d2);
    }
    if (d1) {
        CHECK_INT(virDomainDestroy(d1), 0);
        virDomainFree(d1);
    }
    /* Now vireo-lockd first: virtlockd's domain is refused, with the same
     * error from libvirt's daemon. */
    d2 = virDomainCreateXML(c2, xml, 0);
    free(xml);
    CHECK(d2 != NULL);
    xml = guest_with_lease("v1", shared, "both");
    d1 = virDomainCreateXML(c1, xml, 0);
    free(xml);
    CHECK(d1 == NULL);
    CHECK_ERR_MSG(VIR_ERR_RESOURCE_BUSY, VIR_FROM_LOCKSPACE, "Lockspace resource 'both' is locked");
    if (d1) {
        virDomainDestroy(d1);
        virDomainFree(d1);
    }
    if (d2) {
        CHECK_INT(virDomainDestroy(d2), 0);
        virDomainFree(d2);
    }
out:
    if (c1)
        virConnectClose(c1);
    if (c2)
        virConnectClose(c2);
    kill(vpid, SIGTERM);
    waitpid(vpid, NULL, 0);
    if (daemon_pid(ours) > 0)
        kill(daemon_pid(ours), SIGTERM);
    qt_remove_tree(theirs);
    qt_remove_tree(ours);
}

int main(int argc, char **argv)
{
    self = argv[0];
    virSetErrorFunc(NULL, check_quiet_error_func);
    if (argc == 5 && strcmp(argv[1], "--racer") == 0)
        return racer(argv[2], argv[3], atoi(argv[4]));
    if (argc == 5 && strcmp(argv[1], "--leave-running") == 0)
        return leave_running(argv[2], argv[3]);
    if (argc != 2) {
        fprintf(stderr, "usage: %s GUEST_IMAGE\n", argv[0]);
        return 2;
    }
    image = argv[1];
    qt_require_or_skip(geteuid() == 0, "needs root");
    qt_require_qemu_and_guest(image);
    qt_require_or_skip(getenv("VIREO_LOCKD_PATH") != NULL, "VIREO_LOCKD_PATH does not name vireo-lockd");
    qt_start_event_loop();

    test_config();
    test_lifecycle();
    test_shared();
    test_killed_qemu();
    test_race();
    test_against_virtlockd();
    return check_finish("qemu-lockd");
}
