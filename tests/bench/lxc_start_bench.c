/*
 * lxc_start_bench: how long a container takes to start (until its init
 * runs) and to destroy, through vireo's container driver and on the floor,
 * measured side by side in one run:
 *
 *   floor:  clone(NEWNS|NEWPID|NEWUTS|NEWIPC|NEWNET), mounts private, the
 *           root bound onto itself, /out bound, pivot_root, the old root
 *           detached, /proc mounted, exec of the same init; destroy is
 *           SIGKILL and waitpid
 *   vireo:  virDomainCreate of a defined container on
 *           lxc:///embed?root=<fresh directory> (its full setup: /sys,
 *           /dev with its nodes, devpts, shm, mqueue, the old root
 *           unmounted mount by mount, capabilities), virDomainDestroy
 *
 * Both inits are busybox's sh writing one byte to a FIFO in /out (a host
 * directory bound into the container) and then sleeping; "started" is when
 * that byte arrives. The two are interleaved, run by run; one warm-up round
 * is not counted. Prints medians (ms), vireo/floor ratios and differences.
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
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char base[] = "/tmp/vireo-lxc-bench-XXXXXX";
static char root[128], out[128], fifo[192], state[128];

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

/* The floor's child: the same namespaces and the system calls a container
 * start cannot do without. */
static void floor_child(void)
{
    char path[512];
    if (mount("", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
        _exit(10);
    if (mount(root, root, NULL, MS_BIND | MS_REC, NULL) < 0)
        _exit(11);
    snprintf(path, sizeof path, "%s/out", root);
    if (mount(out, path, NULL, MS_BIND, NULL) < 0)
        _exit(12);
    if (chdir(root) < 0 || syscall(SYS_pivot_root, ".", ".") < 0)
        _exit(13);
    if (umount2(".", MNT_DETACH) < 0 || chdir("/") < 0)
        _exit(14);
    if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
        _exit(15);
    execl("/bin/sh", "/bin/sh", "-c", kScript, (char *)NULL);
    _exit(16);
}

static int floor_run(int fd, double *start, double *destroy)
{
    double t0 = now_ms(), t1;
    int status;
    pid_t pid = (pid_t)syscall(SYS_clone, CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | SIGCHLD,
                               NULL, NULL, NULL, NULL);
    if (pid == 0)
        floor_child();
    if (pid < 0 || wait_init(fd) < 0)
        return -1;
    t1 = now_ms();
    *start = t1 - t0;
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    *destroy = now_ms() - t1;
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
    double *fs, *fd_, *vs, *vd;
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
             "mkdir -p %s/bin %s/out %s/proc %s && cp /bin/busybox %s/bin/ && chroot %s /bin/busybox --install -s /bin",
             root, root, root, out, root, root);
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
    fs = calloc(runs, sizeof *fs);
    fd_ = calloc(runs, sizeof *fd_);
    vs = calloc(runs, sizeof *vs);
    vd = calloc(runs, sizeof *vd);
    for (i = -1; i < runs; i++) {
        double a, b, c, d;
        if (floor_run(fifofd, &a, &b) < 0) {
            fprintf(stderr, "floor run failed\n");
            return 1;
        }
        if (vireo_run(dom, fifofd, &c, &d) < 0) {
            fprintf(stderr, "vireo run failed: %s\n", virGetLastErrorMessage());
            return 1;
        }
        if (i < 0)
            continue; /* warm-up */
        fs[i] = a, fd_[i] = b, vs[i] = c, vd[i] = d;
    }
    {
        double mfs = median(fs, runs), mfd = median(fd_, runs), mvs = median(vs, runs), mvd = median(vd, runs);
        printf("container start/destroy (busybox init%s), %d runs each (after one warm-up), medians in ms\n",
               veth ? ", one veth interface" : "", runs);
        printf("%-22s %9s %9s %12s %12s\n", "figure", "vireo", "floor", "vireo/floor", "vireo-floor");
        printf("%-22s %9.2f %9.2f %12.2f %12.2f\n", "start to init", mvs, mfs, mvs / mfs, mvs - mfs);
        printf("%-22s %9.2f %9.2f %12.2f %12.2f\n", "destroy", mvd, mfd, mvd / mfd, mvd - mfd);
        printf("goals: start within 20 ms of the floor (%s), destroy within 2x of kill+reap (%s)\n",
               mvs - mfs <= 20 ? "met" : "NOT met", mvd <= 2 * mfd ? "met" : "NOT met");
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
