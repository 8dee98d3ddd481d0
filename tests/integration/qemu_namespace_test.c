/*
 * The private /dev of a real QEMU domain (qemu.conf namespaces = ["mount"],
 * the default as root), looked at from outside through /proc/PID/root/dev:
 *
 *  - it holds exactly the seed list (libvirt 9.0's cgroup_device_acl, missing
 *    entries absent), the domain's device nodes (a serial on a host char
 *    node with an owner and an ACL, a loop device used as a block disk, a
 *    second loop reached through a two-link symlink chain), the directories
 *    on their way and the host's /dev/pts, /dev/shm, /dev/mqueue and
 *    hugetlbfs mounts; every node is compared with the host's field by
 *    field (type, mode, rdev, owner, group, raw ACL and label xattrs,
 *    symlink target), except the owner of the serial's node, which the DAC
 *    driver gives to QEMU's user inside the namespace only;
 *  - the pty QEMU opened is the host's pty (same devpts);
 *  - the host's /dev is not touched, the status file records the namespace
 *    and the node list, nothing is left after destroy;
 *  - bad paths are refused before anything is started, leaving nothing;
 *  - with `namespaces = []` QEMU sees the host's /dev.
 *
 * Needs root (mknod, losetup, mount namespaces); skips loudly without, fails
 * under CI=true.
 *
 * Usage: qemu-namespace-test GUEST_IMAGE
 */

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/acl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "../capi/check.h"
#include "qemu_test_support.h"

#define TMPFS_MAGIC_NUMBER 0x01021994

/* snprintf into an array, failing the test instead of truncating a path. */
#define FMT(buf, ...) fmt_checked((buf), sizeof(buf), snprintf((buf), sizeof(buf), __VA_ARGS__))
static void fmt_checked(const char *buf, size_t size, int n)
{
    if (n < 0 || (size_t)n >= size) {
        fprintf(stderr, "FAIL: a path does not fit in %zu bytes: %s...\n", size, buf);
        exit(1);
    }
}

static const char *image;
static char *root;

/* ---- host fixtures --------------------------------------------------------- */

/* Everything the test creates on the host, removed by cleanup_fixtures(). */
static struct {
    char node[64];          /* /dev/vireo-it-PID: c 1 3, owner 4242:4243, an ACL */
    char backing[2][64];    /* /tmp/vireo-it-loop-XXXXXX */
    char loop[2][32];       /* /dev/loopN attached to them */
    int made_disk_dir;      /* /dev/disk did not exist before */
    char link_dir[96];      /* /dev/disk/by-vireo-test-PID */
    char link[96];          /* LINK_DIR/d1 -> hop */
    char hop[96];           /* LINK_DIR/hop -> ../../loopM */
    char escape[96];        /* LINK_DIR/out -> /etc/passwd (refused) */
    char *extra_root;       /* the root without namespaces */
} fx;

static int run_quiet(const char *cmd)
{
    int rc = system(cmd);
    return rc == 0 ? 0 : -1;
}

/* 1 if the command line of process `pid_dir` (a /proc entry) has an
 * argument that contains `text`, or, with `prefix`, starts with it. */
static int cmdline_has(const char *pid_dir, const char *text, int prefix)
{
    char path[300], buf[8192];
    ssize_t n;
    int fd, found = 0;
    FMT(path, "/proc/%s/cmdline", pid_dir);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    for (ssize_t i = 0; i < n && !found;) {
        found = prefix ? strncmp(buf + i, text, strlen(text)) == 0 : strstr(buf + i, text) != NULL;
        i += (ssize_t)strnlen(buf + i, (size_t)(n - i)) + 1;
    }
    return found;
}

/* Kills every QEMU whose command line names a path under root `r` (its
 * master key does): a test that failed or was stopped half-way may have
 * left one running, even before its status file exists, and it would keep
 * the loop devices busy. */
static void kill_qemus_under(const char *r)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] >= '1' && e->d_name[0] <= '9' && cmdline_has(e->d_name, r, 0) &&
            cmdline_has(e->d_name, "/usr/bin/qemu-system-x86_64", 1) && kill(atoi(e->d_name), SIGKILL) == 0)
            usleep(100000);
    if (d)
        closedir(d);
}

static void cleanup_fixtures(void)
{
    char cmd[128];
    if (root)
        kill_qemus_under(root);
    if (fx.extra_root)
        kill_qemus_under(fx.extra_root);
    if (fx.node[0])
        unlink(fx.node);
    if (fx.escape[0])
        unlink(fx.escape);
    if (fx.link[0])
        unlink(fx.link);
    if (fx.hop[0])
        unlink(fx.hop);
    if (fx.link_dir[0])
        rmdir(fx.link_dir);
    if (fx.made_disk_dir)
        rmdir("/dev/disk");   /* fails harmlessly if someone else uses it now */
    for (int i = 0; i < 2; i++) {
        if (fx.loop[i][0]) {
            FMT(cmd, "losetup -d %s", fx.loop[i]);
            if (run_quiet(cmd) != 0)
                fprintf(stderr, "warning: could not detach %s\n", fx.loop[i]);
        }
        if (fx.backing[i][0])
            unlink(fx.backing[i]);
    }
    if (fx.extra_root)
        qt_remove_tree(fx.extra_root);
    if (root)
        qt_remove_tree(root);
}

/* A meson timeout sends SIGTERM: exit through cleanup_fixtures() so that
 * no loop device or test node is left. (exit() is not async-signal-safe;
 * at worst the test hangs until meson's SIGKILL.) */
static void on_signal(int sig)
{
    (void)sig;
    exit(1);
}

static int attach_loop(int i)
{
    char cmd[160];
    FILE *p;
    int fd;
    FMT(fx.backing[i], "/tmp/vireo-it-loop-XXXXXX");
    fd = mkstemp(fx.backing[i]);
    if (fd < 0) {
        fx.backing[i][0] = '\0';
        return -1;
    }
    if (ftruncate(fd, 1 << 20) != 0) {
        close(fd);
        return -1;
    }
    close(fd);
    FMT(cmd, "losetup -f --show %s", fx.backing[i]);
    p = popen(cmd, "r");
    if (!p)
        return -1;
    if (!fgets(fx.loop[i], sizeof fx.loop[i], p))
        fx.loop[i][0] = '\0';
    pclose(p);
    fx.loop[i][strcspn(fx.loop[i], "\n")] = '\0';
    return strncmp(fx.loop[i], "/dev/loop", 9) == 0 ? 0 : -1;
}

static int setup_fixtures(void)
{
    struct stat st;
    acl_t acl;
    int rc;
    pid_t me = getpid();

    /* A char node of our own (a copy of /dev/null) with an unusual owner,
     * mode and an access ACL, so that the copy has something to get wrong. */
    FMT(fx.node, "/dev/vireo-it-%d", (int)me);
    unlink(fx.node);
    if (mknod(fx.node, S_IFCHR | 0640, makedev(1, 3)) != 0 || chown(fx.node, 4242, 4243) != 0) {
        perror(fx.node);
        return -1;
    }
    acl = acl_from_text("u::rw-,u:4244:rw-,g::r--,g:4245:r--,m::rw-,o::---");
    rc = acl ? acl_set_file(fx.node, ACL_TYPE_ACCESS, acl) : -1;
    if (acl)
        acl_free(acl);
    if (rc != 0) {
        perror("acl_set_file");
        return -1;
    }

    for (int i = 0; i < 2; i++)
        if (attach_loop(i) != 0) {
            fprintf(stderr, "losetup failed for %s\n", fx.backing[i]);
            return -1;
        }

    /* /dev/disk/by-vireo-test-PID/d1 -> hop -> ../../loopM */
    if (lstat("/dev/disk", &st) != 0) {
        if (mkdir("/dev/disk", 0755) != 0)
            return -1;
        fx.made_disk_dir = 1;
    }
    FMT(fx.link_dir, "/dev/disk/by-vireo-test-%d", (int)me);
    if (mkdir(fx.link_dir, 0750) != 0) {
        fx.link_dir[0] = '\0';
        return -1;
    }
    FMT(fx.hop, "%s/hop", fx.link_dir);
    FMT(fx.link, "%s/d1", fx.link_dir);
    FMT(fx.escape, "%s/out", fx.link_dir);
    {
        char target[64];
        FMT(target, "../../%s", fx.loop[1] + 5);
        if (symlink(target, fx.hop) != 0 || symlink("hop", fx.link) != 0 ||
            symlink("/etc/passwd", fx.escape) != 0)
            return -1;
    }
    return 0;
}

/* ---- reading the host and the namespace ------------------------------------ */

/* A host path below /dev, relative to it ("loop3", "disk/by-x/d1"). */
static const char *rel_of(const char *dev_path)
{
    return dev_path + strlen("/dev/");
}

/* The raw bytes of an xattr: length, or -1 with errno (ENODATA: none). */
static ssize_t raw_xattr(const char *path, const char *name, char *buf, size_t size)
{
    return lgetxattr(path, name, buf, size);
}

static int xattr_equal(const char *a, const char *b, const char *name, const char *rel)
{
    char va[512], vb[512];
    ssize_t na = raw_xattr(a, name, va, sizeof va);
    ssize_t nb = raw_xattr(b, name, vb, sizeof vb);
    int ok;
    /* ENODATA and ENOTSUP both mean "none" */
    if (na < 0)
        na = -1;
    if (nb < 0)
        nb = -1;
    ok = na == nb && (na <= 0 || memcmp(va, vb, (size_t)na) == 0);
    if (!CHECK(ok))
        fprintf(stderr, "    node %s: %s differs (inside %zd bytes, host %zd bytes)\n", rel, name, na, nb);
    return ok;
}

/* Compares node `rel` inside the namespace (IN_DEV/rel) with the host's. */
static void compare_node(const char *in_dev, const char *rel)
{
    char in[PATH_MAX], host[PATH_MAX];
    struct stat a, b;
    FMT(in, "%s/%s", in_dev, rel);
    FMT(host, "/dev/%s", rel);
    if (!CHECK(lstat(in, &a) == 0) || !CHECK(lstat(host, &b) == 0)) {
        fprintf(stderr, "    node %s: missing\n", rel);
        return;
    }
#define NODE_INT(x, y) \
    do { if (!CHECK_INT((x), (y))) fprintf(stderr, "    node %s\n", rel); } while (0)
    NODE_INT(a.st_mode & S_IFMT, b.st_mode & S_IFMT);
    if (!S_ISLNK(b.st_mode))
        NODE_INT(a.st_mode, b.st_mode);          /* permission bits too */
    if (strcmp(rel, rel_of(fx.node)) == 0) {
        /* The serial's host device: the DAC driver gives it to QEMU's user
         * (root, qemu.conf's default here) inside the namespace only; the
         * host's node keeps 4242:4243 (checked after destroy). */
        NODE_INT(a.st_uid, 0);
        NODE_INT(a.st_gid, 0);
        NODE_INT(b.st_uid, 4242);
        NODE_INT(b.st_gid, 4243);
    } else {
        NODE_INT(a.st_uid, b.st_uid);
        NODE_INT(a.st_gid, b.st_gid);
    }
    if (S_ISCHR(b.st_mode) || S_ISBLK(b.st_mode))
        NODE_INT(a.st_rdev, b.st_rdev);
#undef NODE_INT
    if (S_ISLNK(b.st_mode)) {
        char ta[PATH_MAX], tb[PATH_MAX];
        ssize_t la = readlink(in, ta, sizeof ta - 1), lb = readlink(host, tb, sizeof tb - 1);
        ta[la > 0 ? la : 0] = '\0';
        tb[lb > 0 ? lb : 0] = '\0';
        if (!CHECK_STR(ta, tb))
            fprintf(stderr, "    node %s\n", rel);
    } else {
        xattr_equal(in, host, "system.posix_acl_access", rel);
    }
    xattr_equal(in, host, "security.selinux", rel);
}

/* The host's mounts below /dev that a private /dev keeps (pts, shm,
 * mqueue, hugetlbfs), relative to /dev. */
static int kept_mounts(char names[][64], int max)
{
    FILE *f = fopen("/proc/self/mountinfo", "r");
    char line[1024];
    int n = 0;
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f) && n < max) {
        char mp[512], fstype[64];
        const char *dash = strstr(line, " - ");
        int dup = 0;
        if (!dash || sscanf(line, "%*s %*s %*s %*s %511s", mp) != 1 || sscanf(dash + 3, "%63s", fstype) != 1)
            continue;
        if (strncmp(mp, "/dev/", 5) != 0 || strchr(mp + 5, '/'))
            continue;
        if (strcmp(mp, "/dev/pts") && strcmp(mp, "/dev/shm") && strcmp(mp, "/dev/mqueue") &&
            strcmp(fstype, "hugetlbfs"))
            continue;
        for (int i = 0; i < n; i++)
            dup |= strcmp(names[i], mp + 5) == 0;
        if (!dup) {
            FMT(names[n], "%s", mp + 5);
            n++;
        }
    }
    fclose(f);
    return n;
}

/* What the private /dev should hold. */
enum kind { EXPECT_NODE, EXPECT_MOUNT, EXPECT_ABSENT };
struct expected {
    char rel[128];
    enum kind kind;
    int seen;
};
static struct expected want[64];
static int nwant;

static void expect(const char *rel, enum kind kind)
{
    FMT(want[nwant].rel, "%s", rel);
    want[nwant].kind = kind;
    want[nwant].seen = 0;
    nwant++;
}

static void build_expectations(void)
{
    static const char *seeds[] = { "null", "full", "zero", "random", "urandom", "ptmx", "kvm" };
    char mounts[8][64];
    int nmounts = kept_mounts(mounts, 8);
    char path[PATH_MAX];
    struct stat st;
    nwant = 0;
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
        FMT(path, "/dev/%s", seeds[i]);
        expect(seeds[i], lstat(path, &st) == 0 ? EXPECT_NODE : EXPECT_ABSENT);
    }
    expect(rel_of(fx.node), EXPECT_NODE);
    expect(rel_of(fx.loop[0]), EXPECT_NODE);
    expect("disk", EXPECT_NODE);
    expect(rel_of(fx.link_dir), EXPECT_NODE);
    expect(rel_of(fx.link), EXPECT_NODE);
    expect(rel_of(fx.hop), EXPECT_NODE);
    expect(rel_of(fx.loop[1]), EXPECT_NODE);
    /* the link that leaves /dev is in the same directory, but not used */
    expect(rel_of(fx.escape), EXPECT_ABSENT);
    for (int i = 0; i < nmounts; i++)
        expect(mounts[i], EXPECT_MOUNT);
}

static struct expected *find_expected(const char *rel)
{
    for (int i = 0; i < nwant; i++)
        if (strcmp(want[i].rel, rel) == 0)
            return &want[i];
    return NULL;
}

/* Walks IN_DEV (not into submounts) and checks every entry against the
 * expectations: nothing unexpected, nothing missing, each node as on the
 * host, each kept mount the host's own. */
static void walk_inside(const char *in_dev, const char *rel_dir, dev_t tmpfs_dev)
{
    char dir[PATH_MAX];
    DIR *d;
    struct dirent *e;
    FMT(dir, "%s%s%s", in_dev, rel_dir[0] ? "/" : "", rel_dir);
    d = opendir(dir);
    if (!CHECK(d != NULL))
        return;
    while ((e = readdir(d))) {
        char rel[256], path[PATH_MAX];
        struct stat st;
        struct expected *x;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        FMT(rel, "%s%s%s", rel_dir, rel_dir[0] ? "/" : "", e->d_name);
        FMT(path, "%s/%s", in_dev, rel);
        x = find_expected(rel);
        if (!CHECK(x != NULL && x->kind != EXPECT_ABSENT)) {
            fprintf(stderr, "    unexpected entry in the private /dev: %s\n", rel);
            continue;
        }
        x->seen = 1;
        if (lstat(path, &st) != 0)
            continue;
        if (x->kind == EXPECT_MOUNT) {
            /* the host's mount itself, moved in: same file system, same root */
            char host[PATH_MAX];
            struct stat h;
            FMT(host, "/dev/%s", rel);
            CHECK(st.st_dev != tmpfs_dev);
            if (CHECK(stat(host, &h) == 0)) {
                CHECK_INT(st.st_dev, h.st_dev);
                CHECK_INT(st.st_ino, h.st_ino);
            }
            continue;
        }
        CHECK_INT(st.st_dev, tmpfs_dev);
        compare_node(in_dev, rel);
        if (S_ISDIR(st.st_mode))
            walk_inside(in_dev, rel, tmpfs_dev);
    }
    closedir(d);
}

/* The mountinfo line of `mount_point` in /proc/PID/mountinfo (or self). */
static int mount_line(const char *mountinfo, const char *mount_point, char *out, size_t size)
{
    FILE *f = fopen(mountinfo, "r");
    char line[1024], mp[512];
    int found = 0;
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "%*s %*s %*s %*s %511s", mp) == 1 && strcmp(mp, mount_point) == 0) {
            snprintf(out, size, "%s", line);   /* the last one: the top of the stack */
            found = 1;
        }
    fclose(f);
    return found;
}

/* Mount points below /dev in the QEMU's mount table must all be kept ones. */
static void check_inside_mounts(int pid)
{
    char path[64], line[1024], mp[512];
    FILE *f;
    FMT(path, "/proc/%d/mountinfo", pid);
    f = fopen(path, "r");
    if (!CHECK(f != NULL))
        return;
    while (fgets(line, sizeof line, f)) {
        struct expected *x;
        char top[128];
        if (sscanf(line, "%*s %*s %*s %*s %511s", mp) != 1 || strncmp(mp, "/dev/", 5) != 0)
            continue;
        FMT(top, "%.*s", (int)strcspn(mp + 5, "/"), mp + 5);
        x = find_expected(top);
        if (!CHECK(x && x->kind == EXPECT_MOUNT))
            fprintf(stderr, "    unexpected mount in the private /dev: %s", line);
    }
    fclose(f);
}

/* ---- the host's /dev, before and after ------------------------------------- */

#define MAX_SNAP 4096
static char *snap_lines[MAX_SNAP];
static int snap_count;

static int snap_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    char acl[256], hex[520] = "", target[PATH_MAX] = "", *line;
    ssize_t n;
    (void)flag; (void)ftw;
    if (snap_count >= MAX_SNAP)
        return 0;
    n = S_ISLNK(st->st_mode) ? -1 : lgetxattr(path, "system.posix_acl_access", acl, sizeof acl);
    for (ssize_t i = 0; i < n; i++)
        sprintf(hex + 2 * i, "%02x", (unsigned char)acl[i]);
    if (S_ISLNK(st->st_mode)) {
        ssize_t l = readlink(path, target, sizeof target - 1);
        target[l > 0 ? l : 0] = '\0';
    }
    if (asprintf(&line, "%s %o %lx %u:%u %s %s", path, st->st_mode, (unsigned long)st->st_rdev, st->st_uid,
                 st->st_gid, target, hex) >= 0)
        snap_lines[snap_count++] = line;
    return 0;
}

static int cmp_lines(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A sorted listing of the host's /dev (its own file system only: not the
 * ptys or shm files other processes make), one line per entry. */
static char *snapshot_dev(void)
{
    size_t size = 1;
    char *all, *p;
    snap_count = 0;
    nftw("/dev", snap_entry, 32, FTW_PHYS | FTW_MOUNT);
    qsort(snap_lines, (size_t)snap_count, sizeof *snap_lines, cmp_lines);
    for (int i = 0; i < snap_count; i++)
        size += strlen(snap_lines[i]) + 1;
    all = p = malloc(size);
    for (int i = 0; i < snap_count; i++) {
        p = stpcpy(p, snap_lines[i]);
        *p++ = '\n';
        free(snap_lines[i]);
    }
    *p = '\0';
    return all;
}

static struct expected *find_expected(const char *rel);

/* Whether a changed host entry is this test's business: a path the domain
 * uses (or a directory on its way), one named after this process, or a name
 * vireo makes (a node moved aside, a staging directory). Other processes
 * on the host, such as a parallel test making loop devices, change others. */
static int is_ours(const char *path)
{
    char pid[32];
    FMT(pid, "%d", (int)getpid());
    if (strncmp(path, "/dev/", 5) == 0 && find_expected(path + 5))
        return 1;
    return strstr(path, pid) || strstr(path, ".vireo") || strstr(path, "/ns-");
}

/* Prints the lines of `a` that `b` lacks; returns how many are ours. */
static int missing_lines(const char *label, const char *a, const char *b)
{
    const char *line = a;
    int ours = 0;
    while (*line) {
        size_t len = strcspn(line, "\n");
        char *copy = strndup(line, len + 1);
        if (!strstr(b, copy)) {
            char *path = strndup(line, strcspn(line, " "));
            int mine = is_ours(path);
            ours += mine;
            fprintf(stderr, "    %s%s: %.*s\n", label, mine ? "" : " (not ours)", (int)len, line);
            free(path);
        }
        free(copy);
        line += len + (line[len] ? 1 : 0);
    }
    return ours;
}

/* The host's /dev is as it was. Changes to entries that are not this
 * domain's are reported, not failed: the host is shared. */
static void check_dev_unchanged(const char *before, const char *after, const char *when)
{
    int ours;
    if (strcmp(before, after) == 0) {
        CHECK(1);
        return;
    }
    fprintf(stderr, "    host /dev changed %s:\n", when);
    ours = missing_lines("gone", before, after) + missing_lines("new", after, before);
    CHECK_INT(ours, 0);
}

/* ---- leftovers ------------------------------------------------------------- */

/* 1 if a process runs with "-name guest=NAME,...". */
static int qemu_running(const char *name)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    char want_arg[160];
    int found = 0;
    FMT(want_arg, "guest=%s,", name);
    while (d && !found && (e = readdir(d)))
        found = e->d_name[0] >= '1' && e->d_name[0] <= '9' && cmdline_has(e->d_name, want_arg, 1);
    if (d)
        closedir(d);
    return found;
}

/* The entries of `dir`, not counting the root owner's pid file
 * (run/qemu/driver.pid, there while the root is open). */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "driver.pid"))
            n++;
    if (d)
        closedir(d);
    return n;
}

/* 1 if /proc/self/mountinfo mentions `text`. */
static int mountinfo_mentions(const char *text)
{
    FILE *f = fopen("/proc/self/mountinfo", "r");
    char line[1024];
    int found = 0;
    while (f && !found && fgets(line, sizeof line, f))
        found = strstr(line, text) != NULL;
    if (f)
        fclose(f);
    return found;
}

/* No QEMU, domain directory, status file, staging directory or mount of
 * domain `name` under `r`. */
static void check_nothing_left(const char *r, const char *name)
{
    char path[PATH_MAX];
    if (!CHECK(!qemu_running(name)))
        fprintf(stderr, "    a QEMU of '%s' is still running\n", name);
    CHECK_INT(qt_count_domain_dirs(r), 0);
    FMT(path, "%s/run/qemu/%s.xml", r, name);
    CHECK(!qt_exists(path));
    FMT(path, "%s/run/qemu", r);
    if (!CHECK_INT(count_entries(path), 0))   /* no status file, no ns-XXXXXX */
        fprintf(stderr, "    leftovers in %s\n", path);
    CHECK(!mountinfo_mentions(r));
}

/* ---- the tests ------------------------------------------------------------- */

static char *nodes_xml(void)
{
    char *xml = NULL;
    if (asprintf(&xml,
                 "    <disk type='block' device='disk'>\n"
                 "      <driver name='qemu' type='raw'/>\n"
                 "      <source dev='%s'/>\n"
                 "      <target dev='vdb' bus='virtio'/>\n"
                 "      <readonly/>\n"
                 "    </disk>\n"
                 "    <disk type='block' device='disk'>\n"
                 "      <driver name='qemu' type='raw'/>\n"
                 "      <source dev='%s'/>\n"
                 "      <target dev='vdc' bus='virtio'/>\n"
                 "      <readonly/>\n"
                 "    </disk>\n"
                 "    <serial type='dev'>\n"
                 "      <source path='%s'/>\n"
                 "    </serial>\n",
                 fx.loop[0], fx.link, fx.node) < 0)
        return NULL;
    return xml;
}

/* The node paths of the status file's <devNodes>, each checked against the
 * non-directory nodes expected. */
static void check_status_file(const char *name)
{
    char path[PATH_MAX];
    char *text, *list, *end;
    int listed = 0, expected_nodes = 0;
    FMT(path, "%s/run/qemu/%s.xml", root, name);
    text = qt_read_file(path);
    if (!CHECK(text != NULL))
        return;
    CHECK_SUBSTR(text, "<namespaces>");
    CHECK_SUBSTR(text, "<mount/>");
    list = strstr(text, "<devNodes>");
    end = list ? strstr(list, "</devNodes>") : NULL;
    if (CHECK(list && end)) {
        *end = '\0';
        for (char *p = strstr(list, "<node path='"); p; p = strstr(p, "<node path='")) {
            char rel[256], host[PATH_MAX];
            struct expected *x;
            struct stat st;
            p += strlen("<node path='");
            FMT(rel, "%.*s", (int)strcspn(p, "'"), p);
            FMT(host, "/dev/%s", rel);
            x = find_expected(rel);
            listed++;
            if (!CHECK(x && x->kind == EXPECT_NODE && lstat(host, &st) == 0 && !S_ISDIR(st.st_mode)))
                fprintf(stderr, "    devNodes lists %s\n", rel);
        }
    }
    for (int i = 0; i < nwant; i++) {
        char host[PATH_MAX];
        struct stat st;
        FMT(host, "/dev/%s", want[i].rel);
        expected_nodes += want[i].kind == EXPECT_NODE && lstat(host, &st) == 0 && !S_ISDIR(st.st_mode);
    }
    CHECK_INT(listed, expected_nodes);
    free(text);
}

static void test_private_dev(virConnectPtr conn)
{
    char *extra = nodes_xml();
    char *xml = qt_guest_xml("nsdom", image, extra);
    char in_dev[64], path[PATH_MAX], line[1024];
    char *before, *after;
    struct stat host_dev, in_st, node_before, node_after;
    struct statfs sfs;
    const char *pty;
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    int pid;
    free(extra);
    free(xml);
    if (!CHECK(dom != NULL))
        return;
    build_expectations();
    lstat(fx.node, &node_before);

    before = snapshot_dev();
    if (!CHECK_INT(virDomainCreate(dom), 0)) {
        free(before);
        virDomainUndefine(dom);
        virDomainFree(dom);
        return;
    }
    after = snapshot_dev();
    check_dev_unchanged(before, after, "by the start");
    free(after);

    pid = qt_status_pid(root, "nsdom");
    CHECK(pid > 0);
    FMT(in_dev, "/proc/%d/root/dev", pid);

    /* A new tmpfs, not the host's /dev, in its own mount namespace. */
    CHECK(stat("/dev", &host_dev) == 0);
    if (CHECK(stat(in_dev, &in_st) == 0)) {
        CHECK(in_st.st_dev != host_dev.st_dev);
        CHECK_INT(in_st.st_mode, S_IFDIR | 0755);
    }
    CHECK(statfs(in_dev, &sfs) == 0 && sfs.f_type == TMPFS_MAGIC_NUMBER);
    {
        char a[64], b[64], la[64] = "", lb[64] = "";
        FMT(a, "/proc/%d/ns/mnt", pid);
        FMT(b, "/proc/self/ns/mnt");
        if (readlink(a, la, sizeof la - 1) < 0 || readlink(b, lb, sizeof lb - 1) < 0)
            la[0] = '\0';
        CHECK(la[0] && strcmp(la, lb) != 0);
    }
    FMT(path, "/proc/%d/mountinfo", pid);
    if (CHECK(mount_line(path, "/dev", line, sizeof line))) {
        CHECK_SUBSTR(line, " - tmpfs devfs ");
        CHECK_SUBSTR(line, "nosuid");
        CHECK_SUBSTR(line, "size=65536k");
        CHECK_SUBSTR(line, "mode=755");
    }
    check_inside_mounts(pid);

    /* Node by node. */
    walk_inside(in_dev, "", in_st.st_dev);
    for (int i = 0; i < nwant; i++)
        if (!CHECK(want[i].kind == EXPECT_ABSENT ? !want[i].seen : want[i].seen))
            fprintf(stderr, "    /dev/%s: expected %s inside\n", want[i].rel,
                    want[i].kind == EXPECT_ABSENT ? "absent" : "present");
    {
        /* The ACL comparison above must not be vacuous. */
        char acl[256];
        CHECK(lgetxattr(fx.node, "system.posix_acl_access", acl, sizeof acl) > 4);
        FMT(path, "%s/%s", in_dev, rel_of(fx.node));
        CHECK(lgetxattr(path, "system.posix_acl_access", acl, sizeof acl) > 4);
    }

    /* The guest runs, and its pty is the host's. */
    pty = qt_serial_pty(dom);
    if (CHECK(pty != NULL && strncmp(pty, "/dev/pts/", 9) == 0)) {
        struct stat h, i;
        FMT(path, "/proc/%d/root%s", pid, pty);
        if (CHECK(stat(pty, &h) == 0) && CHECK(stat(path, &i) == 0)) {
            CHECK(S_ISCHR(h.st_mode));
            CHECK_INT(i.st_rdev, h.st_rdev);
            CHECK_INT(i.st_dev, h.st_dev);
            CHECK_INT(i.st_ino, h.st_ino);
        }
        CHECK(qt_wait_console(pty, "vireo-guest:", 20000));
    }

    check_status_file("nsdom");
    FMT(path, "%s/run/qemu", root);
    CHECK_INT(count_entries(path), 1);   /* the status file, no staging directory */
    CHECK(!mountinfo_mentions(root));

    CHECK_INT(virDomainDestroy(dom), 0);
    check_nothing_left(root, "nsdom");
    after = snapshot_dev();
    check_dev_unchanged(before, after, "after destroy");
    free(after);
    free(before);
    /* The host node keeps its owner, mode and ACL. */
    if (CHECK(lstat(fx.node, &node_after) == 0)) {
        CHECK_INT(node_after.st_mode, node_before.st_mode);
        CHECK_INT(node_after.st_uid, node_before.st_uid);
        CHECK_INT(node_after.st_gid, node_before.st_gid);
    }
    CHECK_INT(virDomainUndefine(dom), 0);
    virDomainFree(dom);
}

/* A start with one bad device path fails with `code` and `msg`, leaving
 * nothing behind. */
static void expect_refused(virConnectPtr conn, const char *name, const char *extra, int code, int domain,
                           const char *msg)
{
    char *xml = qt_guest_xml(name, image, extra);
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    if (!CHECK(dom == NULL)) {
        fprintf(stderr, "    %s started\n", name);
        virDomainDestroy(dom);
        virDomainFree(dom);
        return;
    }
    if (!check_error(code, domain, msg, __FILE__, __LINE__, name))
        fprintf(stderr, "    (%s)\n", name);
    CHECK(virDomainLookupByName(conn, name) == NULL);
    check_nothing_left(root, name);
}

static char *block_disk(const char *source)
{
    char *xml = NULL;
    if (asprintf(&xml,
                 "    <disk type='block' device='disk'>\n"
                 "      <driver name='qemu' type='raw'/>\n"
                 "      <source dev='%s'/>\n"
                 "      <target dev='vdb' bus='virtio'/>\n"
                 "    </disk>\n",
                 source) < 0)
        return NULL;
    return xml;
}

static void test_bad_paths(virConnectPtr conn)
{
    char *disk, missing[96], msg[256];

    disk = block_disk("/dev/../etc/shadow");
    expect_refused(conn, "dotdot", disk, VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
                   "device path '/dev/../etc/shadow' has a '..' component");
    free(disk);

    /* The same path as an image file (type='file') is refused the same way. */
    if (asprintf(&disk,
                 "    <disk type='file' device='disk'>\n"
                 "      <source file='/dev/../etc/shadow'/>\n"
                 "      <target dev='vdb' bus='virtio'/>\n"
                 "    </disk>\n") >= 0) {
        expect_refused(conn, "dotdotfile", disk, VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
                       "'/dev/../etc/shadow' has a '..' component");
        free(disk);
    }

    FMT(msg, "%s/", fx.loop[0]);
    disk = block_disk(msg);   /* a trailing slash */
    expect_refused(conn, "slash", disk, VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, msg);
    free(disk);

    /* A block device outside /dev is no device path: the shared file
     * system has it, or the start is refused before QEMU runs. */
    disk = block_disk("/devfoo");
    expect_refused(conn, "devfoo", disk, VIR_ERR_SYSTEM_ERROR, VIR_FROM_QEMU,
                   "Cannot access storage file '/devfoo': No such file or directory");
    free(disk);

    /* A relative path would be looked up from the application's directory. */
    disk = block_disk(rel_of(fx.loop[0]));
    FMT(msg, "disk source '%s' of disk 'vdb' must be an absolute path", rel_of(fx.loop[0]));
    expect_refused(conn, "relative", disk, VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, msg);
    free(disk);

    /* A device that is not there. */
    FMT(missing, "/dev/vireo-it-missing-%d", (int)getpid());
    disk = block_disk(missing);
    FMT(msg, "Cannot access storage file '%s': No such file or directory", missing);
    expect_refused(conn, "missing", disk, VIR_ERR_SYSTEM_ERROR, VIR_FROM_QEMU, msg);
    free(disk);

    /* A symlink under /dev that leads out of it. */
    disk = block_disk(fx.escape);
    FMT(msg, "device path '%s' resolves to '/etc/passwd', which is outside /dev", fx.escape);
    expect_refused(conn, "escape", disk, VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, msg);
    free(disk);
}

static void test_without_namespace(void)
{
    char path[PATH_MAX];
    FILE *f;
    virConnectPtr conn;
    virDomainPtr dom;
    char *xml, *status;
    int pid;
    fx.extra_root = qt_make_root();
    FMT(path, "%s/etc", fx.extra_root);
    mkdir(path, 0755);
    FMT(path, "%s/etc/qemu.conf", fx.extra_root);
    f = fopen(path, "w");
    if (!CHECK(f != NULL))
        return;
    fputs("namespaces = []\n", f);
    fclose(f);

    conn = virConnectOpen(qt_embed_uri(fx.extra_root));
    if (!CHECK(conn != NULL))
        return;
    xml = qt_guest_xml("plain", image, NULL);
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    if (CHECK(dom != NULL)) {
        struct stat in, host;
        char a[64], la[64] = "", lb[64] = "";
        pid = qt_status_pid(fx.extra_root, "plain");
        CHECK(pid > 0);
        FMT(path, "/proc/%d/root/dev", pid);
        if (CHECK(stat(path, &in) == 0 && stat("/dev", &host) == 0)) {
            CHECK_INT(in.st_dev, host.st_dev);
            CHECK_INT(in.st_ino, host.st_ino);
        }
        FMT(a, "/proc/%d/ns/mnt", pid);
        if (readlink(a, la, sizeof la - 1) > 0 && readlink("/proc/self/ns/mnt", lb, sizeof lb - 1) > 0)
            CHECK_STR(la, lb);
        else
            CHECK(!"readlink of the mount namespaces");
        FMT(path, "%s/run/qemu/plain.xml", fx.extra_root);
        status = qt_read_file(path);
        if (CHECK(status != NULL)) {
            CHECK(strstr(status, "<namespaces") == NULL);
            CHECK(strstr(status, "<devNodes") == NULL);
            CHECK_SUBSTR(status, "<domstatus");
            free(status);
        }
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
        check_nothing_left(fx.extra_root, "plain");
    }
    virConnectClose(conn);
}

int main(int argc, char **argv)
{
    virConnectPtr conn;
    long long started = qt_now_ms();
    if (argc != 2) {
        fprintf(stderr, "usage: %s GUEST_IMAGE\n", argv[0]);
        return 2;
    }
    image = argv[1];
    check_init();
    qt_require_or_skip(geteuid() == 0, "the private /dev test needs root (mknod, losetup, mount namespaces)");
    qt_require_qemu_and_guest(image);
    qt_require_or_skip(system("losetup --version >/dev/null 2>&1") == 0, "losetup (util-linux) is not installed");

    atexit(cleanup_fixtures);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    root = qt_make_root();
    if (!CHECK_INT(setup_fixtures(), 0))
        return check_finish("qemu-namespace");

    conn = virConnectOpen(qt_embed_uri(root));
    if (CHECK(conn != NULL)) {
        test_private_dev(conn);
        test_bad_paths(conn);
        CHECK_INT(virConnectClose(conn), 0);
    }
    test_without_namespace();
    printf("qemu-namespace: %lld ms\n", qt_now_ms() - started);
    return check_finish("qemu-namespace");
}
