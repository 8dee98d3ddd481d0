/*
 * Security labelling and privileges of real QEMU domains (doc/security.md):
 *
 *  - QEMU runs as qemu.conf's user and group (a non-root account,
 *    'libvirt-qemu') with every capability set empty (CapInh, CapPrm,
 *    CapEff, CapBnd, CapAmb), and as root without capabilities unless
 *    clear_emulator_capabilities = 0;
 *  - the guest boots as that user: QEMU could open everything it needs;
 *  - a writable image (owned 1234:1234 before) belongs to the QEMU user
 *    while the domain runs and remembers its owner in libvirt's
 *    trusted.libvirt.security.* attributes; destroy gives it back and removes
 *    them; a read-only image is given to the QEMU user and never back;
 *  - a file two domains use is counted (2, 1, then given back); a start that
 *    fails (a missing disk, a disk QEMU refuses, an image another QEMU holds)
 *    leaves owners and attributes as they were;
 *  - a loop device used as a block disk belongs to the QEMU user inside the
 *    domain's private /dev only: the host's node keeps its owner, also after
 *    the domain stops;
 *  - hotplug labels, unplug and a failed hotplug give back;
 *  - a second process that takes the domain over gives the files back when
 *    it destroys it, and so does one that finds the domain dead;
 *  - dynamic_ownership = 0 changes no owner;
 *  - the live XML and the status file carry the DAC <seclabel>, the
 *    capabilities XML the DAC <secmodel>.
 *
 * Needs root (chown, trusted.* attributes, losetup) and the 'libvirt-qemu'
 * account (created here when missing, as .ci/install-deps does); skips
 * loudly without, fails under CI=true.
 *
 * Usage: qemu-security-test GUEST_IMAGE
 *        qemu-security-test --takeover ROOT NAME IMAGE   (the second process)
 */

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "../capi/check.h"
#include "qemu_test_support.h"

#define QEMU_ACCOUNT "libvirt-qemu"
#define ORIG_UID 1234
#define ORIG_GID 1234
#define ORIG_LABEL "+1234:+1234"
#define BOOT_MS 30000

#define XATTR_DAC "trusted.libvirt.security.dac"
#define XATTR_REF "trusted.libvirt.security.ref_dac"
#define XATTR_STAMP "trusted.libvirt.security.timestamp_dac"

static const char *guest_image;   /* the build's image: never labelled, only copied */
static uid_t qemu_uid;
static gid_t qemu_gid;
static char label[64];            /* "+UID:+GID" of the QEMU account */

#define MAX_ROOTS 8
static char *roots[MAX_ROOTS];
static int nroots;
static char loopdev[32];
static char loopfile[512];

/* ---- fixtures ------------------------------------------------------------------ */

static void fmt(char *buf, size_t size, const char *f1, const char *f2)
{
    if ((size_t)snprintf(buf, size, "%s%s", f1, f2) >= size) {
        fprintf(stderr, "FAIL: path too long: %s%s\n", f1, f2);
        exit(1);
    }
}

static int cmdline_names(const char *pid_dir, const char *text)
{
    char path[300], buf[8192];
    ssize_t n;
    int fd, found = 0;
    snprintf(path, sizeof path, "/proc/%s/cmdline", pid_dir);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    for (ssize_t i = 0; i < n && !found; i += (ssize_t)strnlen(buf + i, (size_t)(n - i)) + 1)
        found = strstr(buf + i, text) != NULL;
    return found;
}

/* Kills the QEMUs this test started (their command line names one of our
 * roots) that a failed check left running. */
static void kill_our_qemus(void)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        for (int i = 0; i < nroots; i++)
            if (cmdline_names(e->d_name, roots[i]) && cmdline_names(e->d_name, "qemu-system") &&
                kill(atoi(e->d_name), SIGKILL) == 0)
                usleep(100000);
    }
    if (d)
        closedir(d);
}

static void cleanup(void)
{
    char cmd[128];
    kill_our_qemus();
    if (loopdev[0]) {
        snprintf(cmd, sizeof cmd, "losetup -d %s", loopdev);
        if (system(cmd) != 0)
            fprintf(stderr, "warning: could not detach %s\n", loopdev);
    }
    for (int i = 0; i < nroots; i++)
        qt_remove_tree(roots[i]);
}

static void on_signal(int sig)
{
    (void)sig;
    exit(1);
}

/* A root for qemu:///embed with `conf` as its qemu.conf. The QEMU user must
 * be able to pass through it (to its domains' directories) and through
 * ROOT/img, where the images live. */
static const char *make_root(const char *conf)
{
    char path[512];
    FILE *f;
    char *r = qt_make_root();
    roots[nroots++] = r;
    chmod(r, 0755);
    fmt(path, sizeof path, r, "/etc");
    mkdir(path, 0755);
    fmt(path, sizeof path, r, "/img");
    mkdir(path, 0755);
    fmt(path, sizeof path, r, "/etc/qemu.conf");
    f = fopen(path, "w");
    if (!f || fputs(conf, f) < 0 || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
    return r;
}

/* ROOT/img/NAME, a file of `size` bytes (a copy of `from` when given), with
 * owner uid:gid and `mode`. Returns the path (static rotation of buffers). */
static const char *make_image(const char *r, const char *name, const char *from, uid_t uid, gid_t gid, mode_t mode)
{
    static char paths[8][512];
    static int next;
    char *path = paths[next++ % 8];
    char cmd[1200];
    snprintf(path, 512, "%s/img/%s", r, name);
    if (from)
        snprintf(cmd, sizeof cmd, "cp '%s' '%s'", from, path);
    else
        snprintf(cmd, sizeof cmd, "truncate -s 1M '%s'", path);
    if (qt_run(cmd, NULL, 0) != 0 || chown(path, uid, gid) != 0 || chmod(path, mode) != 0) {
        fprintf(stderr, "FAIL: cannot make %s\n", path);
        exit(1);
    }
    return path;
}

static int ensure_qemu_account(void)
{
    struct passwd *pw = getpwnam(QEMU_ACCOUNT);
    struct group *gr = getgrnam(QEMU_ACCOUNT);
    if (!gr && system("groupadd -r " QEMU_ACCOUNT) != 0)
        return -1;
    if (!pw && system("useradd -r -g " QEMU_ACCOUNT " -d /var/lib/libvirt -s /usr/sbin/nologin " QEMU_ACCOUNT) != 0)
        return -1;
    pw = getpwnam(QEMU_ACCOUNT);
    gr = getgrnam(QEMU_ACCOUNT);
    if (!pw || !gr)
        return -1;
    qemu_uid = pw->pw_uid;
    qemu_gid = gr->gr_gid;
    snprintf(label, sizeof label, "+%u:+%u", (unsigned)qemu_uid, (unsigned)qemu_gid);
    return 0;
}

static int attach_loop(const char *r)
{
    char cmd[1200];
    snprintf(loopfile, sizeof loopfile, "%s/img/loop.img", r);
    snprintf(cmd, sizeof cmd, "truncate -s 1M '%s' && losetup --find --show '%s'", loopfile, loopfile);
    if (qt_run(cmd, loopdev, sizeof loopdev) != 0 || strncmp(loopdev, "/dev/loop", 9) != 0) {
        loopdev[0] = '\0';
        return -1;
    }
    return 0;
}

/* ---- what the checks read -------------------------------------------------------- */

static int owned_by(const char *path, uid_t uid, gid_t gid)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    if (st.st_uid != uid || st.st_gid != gid)
        fprintf(stderr, "    %s is owned by %u:%u, expected %u:%u\n", path, (unsigned)st.st_uid,
                (unsigned)st.st_gid, (unsigned)uid, (unsigned)gid);
    return st.st_uid == uid && st.st_gid == gid;
}

/* The attribute's value as a string, or "" when it is missing. */
static const char *xattr(const char *path, const char *name)
{
    static char buf[4][128];
    static int next;
    char *b = buf[next++ % 4];
    ssize_t n = getxattr(path, name, b, 127);
    b[n > 0 ? n : 0] = '\0';
    return b;
}

static int no_remembered_owner(const char *path)
{
    return !xattr(path, XATTR_DAC)[0] && !xattr(path, XATTR_REF)[0] && !xattr(path, XATTR_STAMP)[0];
}

/* Labelled for the running domains: the QEMU user owns it, the owner
 * before is remembered and counted `refs` times. */
static void check_labelled(const char *path, const char *refs)
{
    CHECK(owned_by(path, qemu_uid, qemu_gid));
    CHECK_STR(xattr(path, XATTR_DAC), ORIG_LABEL);
    CHECK_STR(xattr(path, XATTR_REF), refs);
    CHECK(xattr(path, XATTR_STAMP)[0] != '\0');
}

static void check_given_back(const char *path)
{
    CHECK(owned_by(path, ORIG_UID, ORIG_GID));
    CHECK(no_remembered_owner(path));
}

/* A line "Name:\tvalue..." of /proc/PID/status. */
static int status_line(int pid, const char *name, char *out, size_t size)
{
    char path[64], line[256];
    FILE *f;
    int found = 0;
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    f = fopen(path, "r");
    if (!f)
        return 0;
    while (!found && fgets(line, sizeof line, f))
        if (strncmp(line, name, strlen(name)) == 0 && line[strlen(name)] == ':') {
            const char *v = line + strlen(name) + 1;
            while (*v == '\t' || *v == ' ')
                v++;
            snprintf(out, size, "%s", v);
            out[strcspn(out, "\n")] = '\0';
            found = 1;
        }
    fclose(f);
    return found;
}

/* Uid: and Gid: list real, effective, saved and file system ids. */
static void check_ids(int pid, uid_t uid, gid_t gid)
{
    char got[128], want[128];
    CHECK(status_line(pid, "Uid", got, sizeof got));
    snprintf(want, sizeof want, "%u\t%u\t%u\t%u", (unsigned)uid, (unsigned)uid, (unsigned)uid, (unsigned)uid);
    CHECK_STR(got, want);
    CHECK(status_line(pid, "Gid", got, sizeof got));
    snprintf(want, sizeof want, "%u\t%u\t%u\t%u", (unsigned)gid, (unsigned)gid, (unsigned)gid, (unsigned)gid);
    CHECK_STR(got, want);
}

static const char *const cap_lines[] = { "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb" };

static void check_no_capabilities(int pid)
{
    for (size_t i = 0; i < sizeof cap_lines / sizeof cap_lines[0]; i++) {
        char got[64];
        CHECK(status_line(pid, cap_lines[i], got, sizeof got));
        if (!CHECK_STR(got, "0000000000000000"))
            fprintf(stderr, "    (%s)\n", cap_lines[i]);
    }
}

/* The QEMU kept what we have (clear_emulator_capabilities = 0, root). */
static void check_our_capabilities(int pid)
{
    for (size_t i = 1; i < 4; i++) {   /* CapPrm, CapEff, CapBnd */
        char got[64], ours[64];
        CHECK(status_line(pid, cap_lines[i], got, sizeof got));
        CHECK(status_line(getpid(), cap_lines[i], ours, sizeof ours));
        CHECK_STR(got, ours);
        CHECK(strcmp(got, "0000000000000000") != 0);
    }
}

static void check_booted(virDomainPtr dom)
{
    const char *pty = qt_serial_pty(dom);
    CHECK(pty != NULL);
    if (pty && !CHECK(qt_wait_console(pty, "vireo-guest: up", BOOT_MS)))
        fprintf(stderr, "    (guest %s did not say it is up)\n", virDomainGetName(dom));
}

static char *file_disk(const char *path, const char *format, const char *target, const char *extra)
{
    char *xml = NULL;
    if (asprintf(&xml,
                 "    <disk type='file' device='disk'>\n"
                 "      <driver name='qemu' type='%s'/>\n"
                 "      <source file='%s'/>\n"
                 "      <target dev='%s' bus='virtio'/>\n"
                 "%s"
                 "    </disk>\n",
                 format, path, target, extra ? extra : "") < 0)
        exit(1);
    return xml;
}

static virDomainPtr create(virConnectPtr conn, const char *name, const char *guest, const char *extra)
{
    char *xml = qt_guest_xml(name, guest, extra);
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    return dom;
}

static char *read_text(const char *path)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = fopen(path, "r");
    FILE *mem = open_memstream(&buf, &size);
    int c;
    if (!f) {
        fclose(mem);
        free(buf);
        return NULL;
    }
    while ((c = fgetc(f)) != EOF)
        fputc(c, mem);
    fclose(f);
    fclose(mem);
    return buf;
}

/* ---- the tests ------------------------------------------------------------------ */

/* The stack at open, and the checks of a definition's <seclabel>s. */
static void test_capabilities_and_define(virConnectPtr conn)
{
    char *caps = virConnectGetCapabilities(conn);
    char want[160];
    virDomainPtr dom;
    char *xml;
    CHECK(caps != NULL);
    if (caps) {
        CHECK_SUBSTR(caps, "<secmodel>\n      <model>none</model>\n      <doi>0</doi>\n    </secmodel>");
        snprintf(want, sizeof want, "<model>dac</model>\n      <doi>0</doi>\n      <baselabel type='kvm'>%s</baselabel>",
                 label);
        CHECK_SUBSTR(caps, want);
        snprintf(want, sizeof want, "<baselabel type='qemu'>%s</baselabel>", label);
        CHECK_SUBSTR(caps, want);
        free(caps);
    }

    /* SELinux is not this host's: a label for it is refused at define. */
    xml = qt_guest_xml("selinuxlabel", guest_image, NULL);
    {
        char *at = strstr(xml, "</domain>");
        char *bad = NULL;
        *at = '\0';
        if (asprintf(&bad, "%s  <seclabel type='dynamic' model='selinux'/>\n</domain>\n", xml) < 0)
            exit(1);
        CHECK(virDomainDefineXML(conn, bad) == NULL);
        CHECK_ERR_MSG(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_SECURITY, "Security driver model 'selinux' is not available");
        free(bad);
        /* A lone label without a model gets the host's first model. */
        if (asprintf(&bad, "%s  <seclabel type='none'/>\n</domain>\n", xml) < 0)
            exit(1);
        dom = virDomainDefineXML(conn, bad);
        CHECK(dom != NULL);
        if (dom) {
            char *back = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
            CHECK_SUBSTR(back, "<seclabel type='none' model='none'/>");
            free(back);
            CHECK_INT(virDomainUndefine(dom), 0);
            virDomainFree(dom);
        }
        free(bad);
    }
    free(xml);
}

/* QEMU's ids and capabilities, its images while it runs and after, the
 * live XML and the status file. */
static void test_user_and_images(virConnectPtr conn, const char *r)
{
    const char *guest = make_image(r, "guest-ro.img", guest_image, 0, 0, 0644);
    const char *disk = make_image(r, "disk1.img", NULL, ORIG_UID, ORIG_GID, 0600);
    char *extra = file_disk(disk, "raw", "vdb", NULL);
    virDomainPtr dom = create(conn, "sec", guest, extra);
    char want[256];
    free(extra);
    if (!CHECK(dom != NULL))
        return;
    int pid = qt_status_pid(r, "sec");
    CHECK(pid > 0);
    check_ids(pid, qemu_uid, qemu_gid);
    check_no_capabilities(pid);
    check_booted(dom);
    check_labelled(disk, "1");
    /* Read-only: the QEMU user's, not remembered. */
    CHECK(owned_by(guest, qemu_uid, qemu_gid));
    CHECK(no_remembered_owner(guest));
    CHECK(qt_process_has_open(pid, disk));

    {
        char *live = virDomainGetXMLDesc(dom, 0);
        char path[512];
        char *status;
        snprintf(want, sizeof want,
                 "  <seclabel type='dynamic' model='dac' relabel='yes'>\n"
                 "    <label>%s</label>\n"
                 "    <imagelabel>%s</imagelabel>\n"
                 "  </seclabel>\n",
                 label, label);
        CHECK_SUBSTR(live, want);
        /* libvirt's place: after <devices> */
        CHECK(live && strstr(live, "</devices>") < strstr(live, "<seclabel"));
        /* "none" confines nothing: no label of its own */
        CHECK(live && !strstr(live, "model='none'"));
        free(live);
        snprintf(path, sizeof path, "%s/run/qemu/sec.xml", r);
        status = read_text(path);
        CHECK(status != NULL);
        snprintf(want, sizeof want, "<label>%s</label>", label);
        CHECK_SUBSTR(status, want);
        free(status);
    }
    /* The private directory and the master key are the QEMU user's. */
    {
        char dir[512], key[600];
        snprintf(dir, sizeof dir, "%s/lib/qemu/domain-%d-sec", r, virDomainGetID(dom));
        snprintf(key, sizeof key, "%s/master-key.aes", dir);
        CHECK(owned_by(dir, qemu_uid, qemu_gid));
        CHECK(owned_by(key, qemu_uid, qemu_gid));
    }

    CHECK_INT(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    check_given_back(disk);
    CHECK(owned_by(guest, qemu_uid, qemu_gid));   /* never given back */
    CHECK(no_remembered_owner(guest));
}

/* Two domains: a read-only image both boot from, a parallel port's log file
 * both write (remembered: counted twice), and a writable disk image the second
 * QEMU cannot open because the first holds its write lock. */
static void test_shared(virConnectPtr conn, const char *r)
{
    const char *guest = make_image(r, "guest-shared.img", guest_image, 0, 0, 0644);
    const char *log = make_image(r, "shared.log", NULL, ORIG_UID, ORIG_GID, 0600);
    const char *disk = make_image(r, "shared-disk.img", NULL, ORIG_UID, ORIG_GID, 0600);
    char parallel[700];
    char *extra_a, *extra_b, *extra_c;
    virDomainPtr a, b, c;
    /* (a parallel port: a second serial would take COM1 from the console) */
    snprintf(parallel, sizeof parallel, "    <parallel type='file'><source path='%s'/><target port='0'/></parallel>\n", log);
    extra_a = file_disk(disk, "raw", "vdb", NULL);
    {
        char *tmp = NULL;
        if (asprintf(&tmp, "%s%s", extra_a, parallel) < 0)
            exit(1);
        free(extra_a);
        extra_a = tmp;
    }
    extra_b = strdup(parallel);
    extra_c = file_disk(disk, "raw", "vdb", NULL);

    /* (the console is read right after each start: a pty nobody reads
     * drops what the guest wrote) */
    a = create(conn, "share-a", guest, extra_a);
    if (CHECK(a != NULL))
        check_booted(a);
    check_labelled(log, "1");
    check_labelled(disk, "1");
    b = create(conn, "share-b", guest, extra_b);
    if (CHECK(b != NULL))
        check_booted(b);
    check_labelled(log, "2");
    CHECK(owned_by(guest, qemu_uid, qemu_gid));
    CHECK(no_remembered_owner(guest));

    /* A third domain wants the disk: QEMU refuses (the write lock), the
     * start fails and takes only its own count back. */
    c = create(conn, "share-c", guest, extra_c);
    CHECK(c == NULL);
    CHECK_SUBSTR(virGetLastErrorMessage(), "lock");
    check_labelled(disk, "1");

    if (a) {
        CHECK_INT(virDomainDestroy(a), 0);
        virDomainFree(a);
    }
    check_labelled(log, "1");
    check_given_back(disk);
    if (b) {
        CHECK_INT(virDomainDestroy(b), 0);
        virDomainFree(b);
    }
    check_given_back(log);
    CHECK(owned_by(guest, qemu_uid, qemu_gid));
    free(extra_a);
    free(extra_b);
    free(extra_c);
}

/* Starts that fail leave owners and attributes as they were: a missing
 * second disk (the labelling stops at it), and a second disk QEMU cannot
 * read as qcow2 (QEMU exits after everything was labelled). */
static void test_failed_starts(virConnectPtr conn, const char *r)
{
    const char *guest = make_image(r, "guest-fail.img", guest_image, 0, 0, 0644);
    const char *disk = make_image(r, "first.img", NULL, ORIG_UID, ORIG_GID, 0600);
    const char *notqcow2 = make_image(r, "notqcow2.img", NULL, ORIG_UID, ORIG_GID, 0600);
    char missing[512], *extra, *second;
    virDomainPtr dom;
    int dirs_before = qt_count_domain_dirs(r);

    snprintf(missing, sizeof missing, "%s/img/missing.img", r);
    extra = file_disk(disk, "raw", "vdb", NULL);
    second = file_disk(missing, "raw", "vdc", NULL);
    extra = realloc(extra, strlen(extra) + strlen(second) + 1);
    strcat(extra, second);
    free(second);
    dom = create(conn, "fail-missing", guest, extra);
    CHECK(dom == NULL);
    CHECK_SUBSTR(virGetLastErrorMessage(), missing);
    check_given_back(disk);
    free(extra);

    extra = file_disk(disk, "raw", "vdb", NULL);
    second = file_disk(notqcow2, "qcow2", "vdc", NULL);
    extra = realloc(extra, strlen(extra) + strlen(second) + 1);
    strcat(extra, second);
    free(second);
    dom = create(conn, "fail-qemu", guest, extra);
    CHECK(dom == NULL);
    CHECK_SUBSTR(virGetLastErrorMessage(), "qcow2");
    check_given_back(disk);
    check_given_back(notqcow2);
    free(extra);
    CHECK_INT(qt_count_domain_dirs(r), dirs_before);
}

/* A loop device as a block disk: inside the private /dev the QEMU user owns
 * it (with the owner remembered on that node); the host's node is not
 * touched, while the domain runs nor after it stops. */
static void test_block_disk(virConnectPtr conn, const char *r)
{
    const char *guest = make_image(r, "guest-block.img", guest_image, 0, 0, 0644);
    char inside[128], host_owner[32], want[32], *extra = NULL;
    struct stat host_before, host_after, in;
    virDomainPtr dom;
    int pid;
    if (!loopdev[0]) {
        CHECK(!"a loop device for the block disk test");
        return;
    }
    CHECK_INT(stat(loopdev, &host_before), 0);
    if (asprintf(&extra,
                 "    <disk type='block' device='disk'>\n"
                 "      <driver name='qemu' type='raw'/>\n"
                 "      <source dev='%s'/>\n"
                 "      <target dev='vdb' bus='virtio'/>\n"
                 "    </disk>\n",
                 loopdev) < 0)
        exit(1);
    dom = create(conn, "blk", guest, extra);
    free(extra);
    if (!CHECK(dom != NULL))
        return;
    pid = qt_status_pid(r, "blk");
    snprintf(inside, sizeof inside, "/proc/%d/root%s", pid, loopdev);
    CHECK(owned_by(inside, qemu_uid, qemu_gid));
    CHECK_INT(stat(inside, &in), 0);
    CHECK(in.st_rdev == host_before.st_rdev);
    snprintf(want, sizeof want, "+%u:+%u", (unsigned)host_before.st_uid, (unsigned)host_before.st_gid);
    CHECK_STR(xattr(inside, XATTR_DAC), want);
    CHECK_INT(stat(loopdev, &host_after), 0);
    CHECK(host_after.st_uid == host_before.st_uid && host_after.st_gid == host_before.st_gid);
    CHECK(no_remembered_owner(loopdev));
    CHECK(qt_process_has_open(pid, loopdev));
    check_booted(dom);
    CHECK_INT(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    /* Not "restored" to root:root on the host: it never changed there. */
    CHECK_INT(stat(loopdev, &host_after), 0);
    snprintf(host_owner, sizeof host_owner, "%u:%u", (unsigned)host_after.st_uid, (unsigned)host_after.st_gid);
    snprintf(want, sizeof want, "%u:%u", (unsigned)host_before.st_uid, (unsigned)host_before.st_gid);
    CHECK_STR(host_owner, want);
    CHECK(no_remembered_owner(loopdev));
}

/* Hotplug: an image is labelled on attach and given back on detach; a
 * failing attach gives back what it took; a block disk is labelled inside
 * the private /dev only. */
static void test_hotplug(virConnectPtr conn, const char *r)
{
    const char *guest = make_image(r, "guest-hp.img", guest_image, 0, 0, 0644);
    const char *disk = make_image(r, "hot.img", NULL, ORIG_UID, ORIG_GID, 0600);
    const char *bad = make_image(r, "hot-notqcow2.img", NULL, ORIG_UID, ORIG_GID, 0600);
    virDomainPtr dom = create(conn, "hp", guest, NULL);
    char *xml;
    int pid;
    if (!CHECK(dom != NULL))
        return;
    pid = qt_status_pid(r, "hp");
    check_booted(dom);   /* the guest ejects PCI devices once it is up */

    xml = file_disk(disk, "raw", "vdb", NULL);
    CHECK_INT(virDomainAttachDevice(dom, xml), 0);
    check_labelled(disk, "1");
    CHECK(qt_process_has_open(pid, disk));
    CHECK_INT(virDomainDetachDevice(dom, xml), 0);
    CHECK(!qt_process_has_open(pid, disk));
    check_given_back(disk);
    free(xml);

    xml = file_disk(bad, "qcow2", "vdb", NULL);
    CHECK_INT(virDomainAttachDevice(dom, xml), -1);
    check_given_back(bad);
    free(xml);

    if (loopdev[0]) {
        char inside[128];
        struct stat before, after;
        CHECK_INT(stat(loopdev, &before), 0);
        if (asprintf(&xml,
                     "<disk type='block' device='disk'><driver name='qemu' type='raw'/>"
                     "<source dev='%s'/><target dev='vdc' bus='virtio'/></disk>",
                     loopdev) < 0)
            exit(1);
        CHECK_INT(virDomainAttachDevice(dom, xml), 0);
        snprintf(inside, sizeof inside, "/proc/%d/root%s", pid, loopdev);
        CHECK(owned_by(inside, qemu_uid, qemu_gid));
        CHECK(qt_process_has_open(pid, loopdev));
        CHECK_INT(stat(loopdev, &after), 0);
        CHECK(after.st_uid == before.st_uid && after.st_gid == before.st_gid);
        CHECK(no_remembered_owner(loopdev));
        CHECK_INT(virDomainDetachDevice(dom, xml), 0);
        CHECK_INT(stat(loopdev, &after), 0);
        CHECK(after.st_uid == before.st_uid && after.st_gid == before.st_gid);
        free(xml);
    }
    CHECK_INT(virDomainDestroy(dom), 0);
    virDomainFree(dom);
}

static int takeover_child(const char *r, const char *name, const char *disk)
{
    virConnectPtr conn;
    virDomainPtr dom;
    check_init();
    if (ensure_qemu_account() != 0)
        return 1;
    conn = virConnectOpen(qt_embed_uri(r));
    if (!CHECK(conn != NULL))
        return check_finish("qemu-security-takeover");
    dom = virDomainLookupByName(conn, name);
    if (CHECK(dom != NULL)) {
        CHECK_INT(virDomainIsActive(dom), 1);
        check_labelled(disk, "1");
        CHECK_INT(virDomainDestroy(dom), 0);
        check_given_back(disk);
        virDomainFree(dom);
    }
    virConnectClose(conn);
    return check_finish("qemu-security-takeover");
}

/* A second process takes the running domain over and destroys it; then a
 * domain whose QEMU died while no process watched is cleaned up at open. */
static void test_takeover(const char *self, const char *r)
{
    const char *guest = make_image(r, "guest-tk.img", guest_image, 0, 0, 0644);
    const char *disk = make_image(r, "tk.img", NULL, ORIG_UID, ORIG_GID, 0600);
    char *extra = file_disk(disk, "raw", "vdb", NULL);
    virConnectPtr conn = virConnectOpen(qt_embed_uri(r));
    virDomainPtr dom;
    int status = -1, pid;
    pid_t child;
    if (!CHECK(conn != NULL))
        return;
    dom = create(conn, "tk", guest, extra);
    CHECK(dom != NULL);
    if (dom)
        virDomainFree(dom);
    CHECK_INT(virConnectClose(conn), 0);   /* the last connection: QEMU keeps running */
    check_labelled(disk, "1");

    child = fork();
    if (child == 0) {
        execl(self, self, "--takeover", r, "tk", disk, (char *)NULL);
        _exit(127);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    check_given_back(disk);

    conn = virConnectOpen(qt_embed_uri(r));
    if (!CHECK(conn != NULL))
        goto out;
    dom = create(conn, "tk", guest, extra);
    CHECK(dom != NULL);
    if (dom)
        virDomainFree(dom);
    pid = qt_status_pid(r, "tk");
    CHECK_INT(virConnectClose(conn), 0);
    check_labelled(disk, "1");
    if (pid > 0)
        kill(pid, SIGKILL);   /* the QEMU this test started */
    usleep(300000);
    conn = virConnectOpen(qt_embed_uri(r));
    CHECK(conn != NULL);
    check_given_back(disk);
    if (conn)
        virConnectClose(conn);
out:
    free(extra);
}

/* user = root: no capability left (clear_emulator_capabilities = 1, the
 * default), or ours (0). */
static void test_root_capabilities(void)
{
    const char *cleared = make_root("user = \"root\"\ngroup = \"root\"\n");
    const char *kept = make_root("user = \"root\"\ngroup = \"root\"\nclear_emulator_capabilities = 0\n");
    for (int i = 0; i < 2; i++) {
        const char *r = i == 0 ? cleared : kept;
        const char *guest = make_image(r, "guest.img", guest_image, 0, 0, 0644);
        virConnectPtr conn = virConnectOpen(qt_embed_uri(r));
        virDomainPtr dom;
        int pid;
        if (!CHECK(conn != NULL))
            continue;
        dom = create(conn, "rootcaps", guest, NULL);
        if (CHECK(dom != NULL)) {
            pid = qt_status_pid(r, "rootcaps");
            check_ids(pid, 0, 0);
            if (i == 0)
                check_no_capabilities(pid);
            else
                check_our_capabilities(pid);
            check_booted(dom);
            CHECK_INT(virDomainDestroy(dom), 0);
            virDomainFree(dom);
        }
        virConnectClose(conn);
    }
}

/* dynamic_ownership = 0: no image changes owner (QEMU reaches them through
 * their modes); QEMU still runs as the user, and without capabilities even
 * with clear_emulator_capabilities = 0, because it is not root. */
static void test_no_dynamic_ownership(void)
{
    const char *r = make_root("user = \"" QEMU_ACCOUNT "\"\ngroup = \"" QEMU_ACCOUNT "\"\n"
                              "dynamic_ownership = 0\nclear_emulator_capabilities = 0\n");
    const char *guest = make_image(r, "guest.img", guest_image, 0, 0, 0644);
    const char *disk = make_image(r, "plain.img", NULL, ORIG_UID, ORIG_GID, 0666);
    char *extra = file_disk(disk, "raw", "vdb", NULL);
    virConnectPtr conn = virConnectOpen(qt_embed_uri(r));
    virDomainPtr dom;
    if (!CHECK(conn != NULL)) {
        free(extra);
        return;
    }
    dom = create(conn, "static", guest, extra);
    if (CHECK(dom != NULL)) {
        int pid = qt_status_pid(r, "static");
        check_ids(pid, qemu_uid, qemu_gid);
        check_no_capabilities(pid);
        check_booted(dom);
        CHECK(qt_process_has_open(pid, disk));
        check_given_back(disk);   /* i.e. never taken */
        CHECK(owned_by(guest, 0, 0));
        CHECK(no_remembered_owner(guest));
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
        check_given_back(disk);
        CHECK(owned_by(guest, 0, 0));
    }
    free(extra);
    virConnectClose(conn);
}

int main(int argc, char **argv)
{
    const char *r;
    virConnectPtr conn;
    long long started = qt_now_ms();
    if (argc == 5 && strcmp(argv[1], "--takeover") == 0)
        return takeover_child(argv[2], argv[3], argv[4]);
    if (argc != 2) {
        fprintf(stderr, "usage: %s GUEST_IMAGE\n", argv[0]);
        return 2;
    }
    guest_image = argv[1];
    check_init();
    qt_require_or_skip(geteuid() == 0, "the security test needs root (chown, trusted.* attributes, losetup)");
    qt_require_qemu_and_guest(guest_image);
    qt_require_or_skip(system("losetup --version >/dev/null 2>&1") == 0, "losetup (util-linux) is not installed");
    qt_require_or_skip(ensure_qemu_account() == 0, "cannot find or create the '" QEMU_ACCOUNT "' account");
    qt_require_or_skip(qemu_uid != 0 && qemu_gid != 0, "'" QEMU_ACCOUNT "' must not be root");

    atexit(cleanup);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    qt_start_event_loop();

    r = make_root("user = \"" QEMU_ACCOUNT "\"\ngroup = \"" QEMU_ACCOUNT "\"\n");
    {
        /* trusted.* attributes must work where the images are */
        char probe[512];
        snprintf(probe, sizeof probe, "%s/img", r);
        qt_require_or_skip(setxattr(probe, "trusted.vireo-test", "1", 1, 0) == 0,
                           "the file system of /tmp has no trusted.* extended attributes");
        removexattr(probe, "trusted.vireo-test");
    }
    CHECK_INT(attach_loop(r), 0);
    conn = virConnectOpen(qt_embed_uri(r));
    if (CHECK(conn != NULL)) {
        test_capabilities_and_define(conn);
        test_user_and_images(conn, r);
        test_shared(conn, r);
        test_failed_starts(conn, r);
        test_block_disk(conn, r);
        test_hotplug(conn, r);
        CHECK_INT(virConnectClose(conn), 0);
    }
    test_takeover(argv[0], r);
    test_root_capabilities();
    test_no_dynamic_ownership();
    printf("qemu-security: %lld ms\n", qt_now_ms() - started);
    return check_finish("qemu-security");
}
