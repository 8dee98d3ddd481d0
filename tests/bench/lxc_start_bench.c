/*
 * lxc_start_bench: how long a container takes to start (until its init
 * runs) and to destroy, through vireo's container driver and on the floor,
 * measured side by side in one run:
 *
 *   floor:  clone(NEWNS|NEWPID|NEWUTS|NEWIPC|NEWNET), mounts private, the
 *           root bound onto itself, /out bound, pivot_root, the old root
 *           detached, /proc mounted, exec of the same init; destroy is
 *           SIGKILL and waitpid
 *   replica: the floor plus what a vireo container holds when it dies: the
 *           same mounts (/proc/sys read-only, /sys, a tmpfs /dev with the
 *           same nodes, devpts, /dev/shm, /dev/mqueue, the console), a pty
 *           as stdin/stdout/stderr and the same cgroups (v1 memory and v2,
 *           where the host has them); destroy is SIGKILL and waitpid. The
 *           kernel's teardown of that container is most of a destroy: this
 *           is the bare kill and reap of the container vireo destroys, and
 *           what is above it is the driver's own cost
 *   vireo:  virDomainCreate of a defined container on
 *           lxc:///embed?root=<fresh directory> (its full setup: /sys,
 *           /dev with its nodes, devpts, shm, mqueue, the old root
 *           unmounted mount by mount, capabilities), virDomainDestroy
 *
 * Both inits are busybox's sh writing one byte to a FIFO in /out (a host
 * directory bound into the container) and then sleeping; "started" is when
 * that byte arrives. The two are interleaved, run by run; one warm-up round
 * is not counted. Prints medians (ms), vireo/floor ratios and differences;
 * the destroy goal is checked against both floors.
 *
 * The container has <privnet/> (a network namespace, as the floor's
 * NEWNET). With the argument "veth" it also has one <interface
 * type='ethernet'>: a veth pair made, moved in and brought up per start,
 * still against the same floor (which has none).
 *
 * Usage: lxc-start-bench [RUNS [veth]]. Needs root and /bin/busybox (exit 77).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char base[] = "/tmp/vireo-lxc-bench-XXXXXX";
static char root[128], out[128], fifo[192], state[128];
/* The replica's cgroups (empty: the host lacks that hierarchy). */
static char cg_v1_memory[512], cg_v2[512];

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Waits for the init's byte on the FIFO (opened read-write, so that it
 * never reports a hang-up). */
static int wait_init(int fd)
{
    struct pollfd p = {fd, POLLIN, 0};
    char c;
    if (poll(&p, 1, 10000) != 1)
        return -1;
    return read(fd, &c, 1) == 1 ? 0 : -1;
}

static const char *kScript = "echo > /out/fifo; exec sleep 1000";

/* Where the hierarchy with option `want` ("memory", or NULL for cgroup2) is
 * mounted, and this process's cgroup in it: DIR/machine/floor.libvirt-lxc,
 * as vireo names a container's. Empty when the host lacks it. */
static void replica_cgroup_dir(const char *want, char *dir, size_t len)
{
    char line[1024], mnt[512] = "", rel[512] = "";
    FILE *f = fopen("/proc/self/mountinfo", "r");
    dir[0] = '\0';
    while (f && fgets(line, sizeof line, f)) {
        char point[512], fstype[64], opts[512];
        const char *sep = strstr(line, " - ");
        if (!sep || sscanf(line, "%*s %*s %*s %*s %511s", point) != 1 ||
            sscanf(sep + 3, "%63s %*s %511s", fstype, opts) != 2)
            continue;
        if (want ? strcmp(fstype, "cgroup") == 0 && strstr(opts, want) : strcmp(fstype, "cgroup2") == 0) {
            snprintf(mnt, sizeof mnt, "%s", point);
            break;
        }
    }
    if (f)
        fclose(f);
    f = fopen("/proc/self/cgroup", "r");
    while (f && fgets(line, sizeof line, f)) {
        char *ctl = strchr(line, ':'), *path = ctl ? strchr(ctl + 1, ':') : NULL;
        if (!path)
            continue;
        *path++ = '\0';
        path[strcspn(path, "\n")] = '\0';
        if (want ? strstr(ctl + 1, want) != NULL : strcmp(line, "0") == 0)
            snprintf(rel, sizeof rel, "%s", strcmp(path, "/") == 0 ? "" : path);
    }
    if (f)
        fclose(f);
    if (mnt[0])
        snprintf(dir, len, "%s%s/machine/floor.libvirt-lxc", mnt, rel);
}

static int make_cgroup(const char *dir)
{
    char parent[512];
    if (!dir[0])
        return 0;
    snprintf(parent, sizeof parent, "%s", dir);
    *strrchr(parent, '/') = '\0';
    mkdir(parent, 0755);
    return mkdir(dir, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

static int join_cgroup(const char *dir)
{
    char procs[600];
    int fd, ok;
    if (!dir[0])
        return 0;
    snprintf(procs, sizeof procs, "%s/cgroup.procs", dir);
    fd = open(procs, O_WRONLY | O_CLOEXEC);
    ok = fd >= 0 && write(fd, "0", 1) == 1;
    if (fd >= 0)
        close(fd);
    return ok ? 0 : -1;
}

static int replica_join_cgroups(void)
{
    return join_cgroup(cg_v1_memory) < 0 || join_cgroup(cg_v2) < 0 ? -1 : 0;
}

/* The console pty's slave as the init's stdin, stdout and stderr. */
static int replica_stdio(const char *console)
{
    int fd = open(console, O_RDWR | O_NOCTTY);
    if (fd < 0 || dup2(fd, 0) < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
        return -1;
    return close(fd);
}

static int mount_at(const char *source, const char *sub, const char *type, unsigned long flags, const char *data)
{
    char target[512];
    snprintf(target, sizeof target, "%s%s", root, sub);
    return mount(source, target, type, flags, data);
}

/* The container's mounts under the root, made before pivot_root (the
 * order differs from vireo's, the mounts that die with it do not). */
static int replica_mounts(const char *console)
{
    static const struct {
        const char *name;
        unsigned major, minor;
    } nodes[] = {{"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0}};
    static const char *links[][2] = {{"ptmx", "pts/ptmx"},          {"fd", "/proc/self/fd"},
                                     {"stdin", "/proc/self/fd/0"}, {"stdout", "/proc/self/fd/1"},
                                     {"stderr", "/proc/self/fd/2"}};
    const unsigned long safe = MS_NOSUID | MS_NODEV | MS_NOEXEC;
    char path[512];
    size_t i;
    if (mount_at("sysfs", "/sys", "sysfs", safe | MS_RDONLY, NULL) < 0 ||
        mount_at("devfs", "/dev", "tmpfs", MS_NOSUID, "mode=755") < 0)
        return -1;
    for (i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
        snprintf(path, sizeof path, "%s/dev/%s", root, nodes[i].name);
        if (mknod(path, S_IFCHR | 0666, makedev(nodes[i].major, nodes[i].minor)) < 0)
            return -1;
    }
    for (i = 0; i < sizeof links / sizeof links[0]; i++) {
        snprintf(path, sizeof path, "%s/dev/%s", root, links[i][0]);
        if (symlink(links[i][1], path) < 0)
            return -1;
    }
    snprintf(path, sizeof path, "%s/dev/pts", root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/dev/shm", root);
    mkdir(path, 01777);
    snprintf(path, sizeof path, "%s/dev/mqueue", root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/dev/console", root);
    close(open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
    return mount_at("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=5") < 0 ||
                   mount_at("shm", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777") < 0 ||
                   mount_at("mqueue", "/dev/mqueue", "mqueue", safe, NULL) < 0 ||
                   mount_at(console, "/dev/console", NULL, MS_BIND, NULL) < 0
               ? -1
               : 0;
}

/* The floor's child: the same namespaces and the system calls a container
 * start cannot do without. */
static void floor_child(int replica, const char *console)
{
    char path[512];
    if (replica && replica_join_cgroups() < 0)
        _exit(20);
    if (replica && replica_stdio(console) < 0)
        _exit(21);
    if (mount("", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
        _exit(10);
    if (mount(root, root, NULL, MS_BIND | MS_REC, NULL) < 0)
        _exit(11);
    snprintf(path, sizeof path, "%s/out", root);
    if (mount(out, path, NULL, MS_BIND, NULL) < 0)
        _exit(12);
    if (replica && replica_mounts(console) < 0)
        _exit(22);
    if (chdir(root) < 0 || syscall(SYS_pivot_root, ".", ".") < 0)
        _exit(13);
    if (umount2(".", MNT_DETACH) < 0 || chdir("/") < 0)
        _exit(14);
    if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
        _exit(15);
    if (replica && (mount("/proc/sys", "/proc/sys", NULL, MS_BIND, NULL) < 0 ||
                    mount(NULL, "/proc/sys", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) < 0))
        _exit(23);
    execl("/bin/sh", "/bin/sh", "-c", kScript, (char *)NULL);
    _exit(16);
}

static int floor_run(int fd, int replica, double *start, double *destroy)
{
    double t0, t1;
    int status, master = -1;
    const char *console = NULL;
    pid_t pid;
    if (replica) {
        /* The console and the cgroups exist before the start, as vireo's
         * (its pty, cgroups and plan are also timed in its start). */
        master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 || !(console = ptsname(master)) ||
            make_cgroup(cg_v1_memory) < 0 || make_cgroup(cg_v2) < 0)
            return -1;
    }
    t0 = now_ms();
    pid = (pid_t)syscall(SYS_clone, CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | SIGCHLD,
                         NULL, NULL, NULL, NULL);
    if (pid == 0)
        floor_child(replica, console);
    if (pid < 0 || wait_init(fd) < 0)
        return -1;
    t1 = now_ms();
    *start = t1 - t0;
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    *destroy = now_ms() - t1;
    if (replica) {
        close(master);
        if ((cg_v1_memory[0] && rmdir(cg_v1_memory) < 0) || (cg_v2[0] && rmdir(cg_v2) < 0))
            return -1;
    }
    return 0;
}

static int vireo_run(virDomainPtr dom, int fd, double *start, double *destroy)
{
    double t0 = now_ms(), t1;
    if (virDomainCreate(dom) < 0 || wait_init(fd) < 0)
        return -1;
    t1 = now_ms();
    *start = t1 - t0;
    if (virDomainDestroy(dom) < 0)
        return -1;
    *destroy = now_ms() - t1;
    return 0;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 20;
    int veth = argc > 2 && strcmp(argv[2], "veth") == 0;
    char cmd[2048], xml[4096], uri[512];
    double *fs, *fd_, *rs, *rd, *vs, *vd;
    virConnectPtr conn;
    virDomainPtr dom;
    int fifofd, i;

    if (geteuid() != 0 || access("/bin/busybox", X_OK) != 0) {
        printf("SKIP: needs root and /bin/busybox (busybox-static)\n");
        return 77;
    }
    if (runs < 1)
        runs = 1;
    if (!mkdtemp(base)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(root, sizeof root, "%s/root", base);
    snprintf(out, sizeof out, "%s/out", base);
    snprintf(fifo, sizeof fifo, "%s/fifo", out);
    snprintf(state, sizeof state, "%s/state", base);
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s/bin %s/out %s/proc %s/dev %s/sys %s && cp /bin/busybox %s/bin/ && chroot %s /bin/busybox --install -s /bin",
             root, root, root, root, root, out, root, root);
    if (system(cmd) != 0 || mkfifo(fifo, 0600) < 0) {
        fprintf(stderr, "cannot build the root in %s\n", base);
        return 1;
    }
    fifofd = open(fifo, O_RDWR | O_CLOEXEC);
    snprintf(uri, sizeof uri, "lxc:///embed?root=%s", state);
    conn = virConnectOpen(uri);
    snprintf(xml, sizeof xml,
             "<domain type='lxc'><name>bench</name><memory>65536</memory>"
             "<os><type>exe</type><init>/bin/sh</init><initarg>-c</initarg><initarg>%s</initarg></os>"
             "<features><privnet/></features><devices>"
             "<filesystem type='mount'><source dir='%s'/><target dir='/'/></filesystem>"
             "<filesystem type='mount'><source dir='%s'/><target dir='/out'/></filesystem>%s"
             "</devices></domain>",
             kScript, root, out, veth ? "<interface type='ethernet'/>" : "");
    dom = conn ? virDomainDefineXML(conn, xml) : NULL;
    if (!dom) {
        fprintf(stderr, "vireo: %s\n", virGetLastErrorMessage());
        return 1;
    }
    replica_cgroup_dir("memory", cg_v1_memory, sizeof cg_v1_memory);
    replica_cgroup_dir(NULL, cg_v2, sizeof cg_v2);
    fs = calloc(runs, sizeof *fs);
    fd_ = calloc(runs, sizeof *fd_);
    rs = calloc(runs, sizeof *rs);
    rd = calloc(runs, sizeof *rd);
    vs = calloc(runs, sizeof *vs);
    vd = calloc(runs, sizeof *vd);
    for (i = -1; i < runs; i++) {
        double a, b, c, d, e, f;
        if (floor_run(fifofd, 0, &a, &b) < 0 || floor_run(fifofd, 1, &e, &f) < 0) {
            fprintf(stderr, "floor run failed\n");
            return 1;
        }
        if (vireo_run(dom, fifofd, &c, &d) < 0) {
            fprintf(stderr, "vireo run failed: %s\n", virGetLastErrorMessage());
            return 1;
        }
        if (i < 0)
            continue; /* warm-up */
        fs[i] = a, fd_[i] = b, rs[i] = e, rd[i] = f, vs[i] = c, vd[i] = d;
    }
    {
        double mfs = median(fs, runs), mfd = median(fd_, runs), mrs = median(rs, runs), mrd = median(rd, runs);
        double mvs = median(vs, runs), mvd = median(vd, runs);
        printf("container start/destroy (busybox init%s), %d runs each (after one warm-up), medians in ms\n",
               veth ? ", one veth interface" : "", runs);
        printf("replica cgroups: v1 memory %s, v2 %s\n", cg_v1_memory[0] ? cg_v1_memory : "(none)",
               cg_v2[0] ? cg_v2 : "(none)");
        printf("%-22s %9s %9s %12s %12s\n", "figure", "vireo", "floor", "vireo/floor", "vireo-floor");
        printf("%-22s %9.2f %9.2f %12.2f %12.2f\n", "start to init", mvs, mfs, mvs / mfs, mvs - mfs);
        printf("%-22s %9.2f %9.2f %12.2f %12.2f\n", "destroy", mvd, mfd, mvd / mfd, mvd - mfd);
        printf("%-22s %9.2f %9.2f %12.2f %12.2f\n", "start (vs replica)", mvs, mrs, mvs / mrs, mvs - mrs);
        printf("%-22s %9.2f %9.2f %12.2f %12.2f\n", "destroy (vs replica)", mvd, mrd, mvd / mrd, mvd - mrd);
        printf("goals: start within 20 ms of the floor (%s), destroy within 2x of kill+reap: of the bare floor (%s), "
               "of the replica (%s)\n",
               mvs - mfs <= 20 ? "met" : "NOT met", mvd <= 2 * mfd ? "met" : "NOT met", mvd <= 2 * mrd ? "met" : "NOT met");
    }
    virDomainUndefine(dom);
    virDomainFree(dom);
    virConnectClose(conn);
    close(fifofd);
    snprintf(cmd, sizeof cmd, "rm -rf %s", base);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", base);
    return 0;
}
