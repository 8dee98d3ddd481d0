/*
 * qemu_start_bench: how long a QEMU domain takes to start (to a running
 * guest) and to destroy, through vireo, through the real libvirt and on the
 * floor, measured side by side in one run:
 *
 *   floor:   fork/exec of the very command line vireo's
 *            virConnectDomainXMLToNative gives, the monitor socket passed as
 *            fd 3 (as vireo and libvirt do), QMP greeting, qmp_capabilities,
 *            cont; destroy is SIGTERM and waitpid
 *   driver:  virDomainCreate (returns once the guest runs) and
 *            virDomainDestroy on qemu:///embed?root=<fresh directory>, one
 *            connection, the domain defined once
 *
 * This file is built twice, against vireo and against libvirt
 * (tests/bench/meson.build). The vireo build measures the floor and vireo in
 * its own process, and runs the libvirt build as a child in "--serve" mode:
 * the child opens libvirt's embedded QEMU driver (no daemon; an event loop
 * thread; qemu.conf keeps QEMU as root and writes its output to a file, as
 * no virtlogd runs) and does one start/destroy each time it reads "run".
 * The three are interleaved, iteration by iteration, so that all see the
 * same machine. One warm-up round is not counted.
 *
 * Usage: qemu-start-bench GUEST_IMAGE [ITERATIONS] [--libvirt BENCH]
 *        BENCH --serve GUEST_IMAGE       (the child; speaks on stdin/stdout)
 *
 * A fourth column, vireo with lock_manager = "lockd" (the domain has one
 * <lease>; vireo-lockd from $VIREO_LOCKD_PATH, started by the first run),
 * gives what disk leases add to a start, paired run by run with vireo's.
 *
 * Prints the medians (ms) and the ratios vireo/floor and vireo/libvirt.
 * Without --libvirt, or when libvirt's QEMU driver cannot run here, the
 * libvirt column says why it is empty. Exit 77 when QEMU is missing.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* dladdr, pipe2 */
#endif
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORDS 256
#define QEMU "/usr/bin/qemu-system-x86_64"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- scratch roots and leftover processes ------------------------------ */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path); /* best effort: keep going */
    return 0;
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Kills (SIGKILL) every process whose command line mentions `root`: a QEMU
 * that a failed run left behind. Only QEMUs started under our own scratch
 * root can match. */
static void kill_leftovers(const char *root)
{
    DIR *proc = opendir("/proc");
    struct dirent *e;
    if (!proc)
        return;
    while ((e = readdir(proc))) {
        char path[300], cmdline[65536];
        pid_t pid = (pid_t)atoi(e->d_name);
        ssize_t n;
        int fd;
        if (pid <= 0 || pid == getpid())
            continue;
        snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        n = read(fd, cmdline, sizeof cmdline - 1);
        close(fd);
        if (n <= 0)
            continue;
        for (ssize_t i = 0; i < n; i++)
            if (cmdline[i] == '\0')
                cmdline[i] = ' ';
        cmdline[n] = '\0';
        if (strstr(cmdline, root) && strstr(cmdline, "qemu-system")) {
            fprintf(stderr, "killing leftover QEMU %d\n", (int)pid);
            kill(pid, SIGKILL);
        }
    }
    closedir(proc);
}

/* A fresh root with a qemu.conf that both drivers accept: as root, QEMU
 * stays root (libvirt would switch to its 'libvirt-qemu' user), and QEMU's
 * output goes to a file (libvirt would ask virtlogd, which is not running). */
static char *make_root(const char *extra_conf)
{
    char *root = strdup("/tmp/vireo-bench-XXXXXX");
    char path[300];
    FILE *f;
    if (!root || !mkdtemp(root))
        return NULL;
    snprintf(path, sizeof path, "%s/etc", root);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/etc/qemu.conf", root);
    f = fopen(path, "w");
    if (!f)
        return root;
    if (geteuid() == 0)
        fprintf(f, "user = \"root\"\ngroup = \"root\"\n");
    fprintf(f, "stdio_handler = \"file\"\n%s", extra_conf);
    fclose(f);
    return root;
}

/* ---- the driver under test ----------------------------------------------- */

static const char *guest_xml_with(const char *image, const char *extra_devices)
{
    static char xml[8192];
    snprintf(xml, sizeof xml,
             "<domain type='qemu'><name>bench</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
             "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features>"
             "<devices><disk type='file' device='disk'><driver name='qemu' type='raw'/>"
             "<source file='%s'/><target dev='vda' bus='virtio'/><readonly/></disk>"
             "<serial type='pty'/><console type='pty'/>%s</devices></domain>",
             image, extra_devices);
    return xml;
}

static const char *guest_xml(const char *image)
{
    return guest_xml_with(image, "");
}

static void *event_loop(void *unused)
{
    (void)unused;
    for (;;)
        if (virEventRunDefaultImpl() < 0)
            break;
    return NULL;
}

/* libvirt's embedded driver needs an event loop; vireo does not, but gets
 * the same so that both run the same code. */
static void start_event_loop(void)
{
    static int started;
    pthread_t t;
    if (started)
        return;
    started = 1;
    virEventRegisterDefaultImpl();
    pthread_create(&t, NULL, event_loop, NULL);
    pthread_detach(t);
}

struct driver_bench {
    char *root;
    virConnectPtr conn;
    virDomainPtr dom;
};

static int driver_open_with(struct driver_bench *b, const char *image, const char *extra_conf,
                            const char *lease_key)
{
    char uri[400], lease[600] = "";
    memset(b, 0, sizeof *b);
    start_event_loop();
    b->root = make_root(extra_conf);
    if (!b->root)
        return -1;
    snprintf(uri, sizeof uri, "qemu:///embed?root=%s", b->root);
    b->conn = virConnectOpen(uri);
    if (!b->conn)
        return -1;
    if (lease_key)
        snprintf(lease, sizeof lease,
                 "<lease><lockspace>bench</lockspace><key>%s</key><target path='%s'/></lease>", lease_key,
                 b->root);
    b->dom = virDomainDefineXML(b->conn, guest_xml_with(image, lease));
    return b->dom ? 0 : -1;
}

static int driver_open(struct driver_bench *b, const char *image, const char *extra_conf)
{
    return driver_open_with(b, image, extra_conf, NULL);
}

static int driver_once(struct driver_bench *b, double *start, double *destroy)
{
    double t0 = now_ms();
    if (virDomainCreate(b->dom) < 0)
        return -1;
    *start = now_ms() - t0;
    t0 = now_ms();
    if (virDomainDestroy(b->dom) < 0)
        return -1;
    *destroy = now_ms() - t0;
    return 0;
}

static void driver_close(struct driver_bench *b)
{
    if (b->dom) {
        if (virDomainIsActive(b->dom) == 1)
            virDomainDestroy(b->dom);
        virDomainUndefine(b->dom);
        virDomainFree(b->dom);
    }
    if (b->conn)
        virConnectClose(b->conn);
    if (b->root) {
        kill_leftovers(b->root);
        remove_tree(b->root);
        free(b->root);
    }
    memset(b, 0, sizeof *b);
}

/* Which shared object provides the API in this process. */
static const char *api_library(void)
{
    Dl_info info;
    if (dladdr((void *)virConnectOpen, &info) && info.dli_fname)
        return info.dli_fname;
    return "?";
}

/* The child: "ready" (or "error: ..."), then per "run" line one
 * "START DESTROY" line (or "error: ..."), until "quit" or EOF. */
static int serve(const char *image)
{
    struct driver_bench b;
    char line[64];
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (driver_open(&b, image, "") < 0) {
        printf("error: %s\n", virGetLastErrorMessage());
        driver_close(&b);
        return 1;
    }
    printf("ready %s %s\n", b.root, api_library());
    while (fgets(line, sizeof line, stdin) && strncmp(line, "run", 3) == 0) {
        double s, d;
        if (driver_once(&b, &s, &d) < 0)
            printf("error: %s\n", virGetLastErrorMessage());
        else
            printf("%.3f %.3f\n", s, d);
    }
    driver_close(&b);
    return 0;
}

/* ---- the libvirt child, seen from the parent ----------------------------- */

struct child {
    pid_t pid;
    FILE *in, *out;
    char root[256]; /* the child's scratch root, cleaned again after it exits */
    char why[1100]; /* why there are no libvirt figures, when there are none */
};

static int child_start(struct child *c, const char *program, const char *image)
{
    int to[2], from[2];
    char line[1024];
    memset(c, 0, sizeof *c);
    c->pid = -1;
    if (pipe2(to, O_CLOEXEC) < 0 || pipe2(from, O_CLOEXEC) < 0)
        return -1;
    c->pid = fork();
    if (c->pid == 0) {
        dup2(to[0], 0);
        dup2(from[1], 1);
        /* Not the build tree's libraries: with -Dlibvirt_compat=true it
         * holds vireo's own libvirt.so.0, which would be measured instead. */
        unsetenv("LD_LIBRARY_PATH");
        execl(program, program, "--serve", image, (char *)NULL);
        _exit(127);
    }
    close(to[0]);
    close(from[1]);
    c->in = fdopen(to[1], "w");
    c->out = fdopen(from[0], "r");
    if (!c->out || !fgets(line, sizeof line, c->out)) {
        snprintf(c->why, sizeof c->why, "%s did not start", program);
        return -1;
    }
    line[strcspn(line, "\n")] = '\0';
    if (strncmp(line, "ready ", 6) != 0) {
        snprintf(c->why, sizeof c->why, "%s", line);
        return -1;
    }
    {
        const char *lib = strchr(line + 6, ' ');
        size_t len = lib ? (size_t)(lib - (line + 6)) : strlen(line + 6);
        if (len < sizeof c->root)
            memcpy(c->root, line + 6, len);
        printf("libvirt: %s (embedded QEMU driver, no daemon)\n", lib ? lib + 1 : "?");
    }
    return 0;
}

static int child_once(struct child *c, double *start, double *destroy)
{
    char line[1024];
    fprintf(c->in, "run\n");
    fflush(c->in);
    if (!fgets(line, sizeof line, c->out)) {
        snprintf(c->why, sizeof c->why, "the libvirt child died");
        return -1;
    }
    if (sscanf(line, "%lf %lf", start, destroy) != 2) {
        line[strcspn(line, "\n")] = '\0';
        snprintf(c->why, sizeof c->why, "%s", line);
        return -1;
    }
    return 0;
}

static void child_stop(struct child *c)
{
    int status;
    if (c->in) {
        fprintf(c->in, "quit\n");
        fclose(c->in);
    }
    if (c->out)
        fclose(c->out);
    if (c->pid > 0)
        waitpid(c->pid, &status, 0);
    /* A child that died halfway leaves its QEMU and root behind. */
    if (c->root[0]) {
        kill_leftovers(c->root);
        remove_tree(c->root);
    }
    memset(c, 0, sizeof *c);
}

/* Why libvirt's QEMU driver cannot run here, or NULL. */
static const char *libvirt_missing(void)
{
    static const char *drivers[] = {
        "/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so",
        "/usr/lib64/libvirt/connection-driver/libvirt_driver_qemu.so",
        "/usr/lib/libvirt/connection-driver/libvirt_driver_qemu.so",
    };
    int found = 0;
    for (size_t i = 0; i < sizeof drivers / sizeof *drivers; i++)
        found |= access(drivers[i], R_OK) == 0;
    if (!found)
        return "libvirt's QEMU driver is not installed (libvirt-daemon-driver-qemu)";
    if (system("getent passwd libvirt-qemu >/dev/null && getent group libvirt-qemu >/dev/null") != 0)
        return "no 'libvirt-qemu' user/group (libvirt's QEMU driver will not start without them)";
    return NULL;
}

/* ---- the floor ------------------------------------------------------------- */

/* Splits the qemu-argv text (one line, or libvirt's multi-line layout) into
 * environment and argument words, undoing the shell quoting. */
static int split_native(const char *text, char **env, int *nenv, char **argv, int *nargv)
{
    const char *p = text;
    int in_args = 0;
    *nenv = *nargv = 0;
    while (*p) {
        char word[8192];
        size_t len = 0;
        while (*p == ' ' || *p == '\n' || (*p == '\\' && p[1] == '\n'))
            p++;
        if (!*p)
            break;
        while (*p && *p != ' ' && *p != '\n' && len < sizeof word - 1) {
            if (*p == '\'') {
                p++;
                while (*p && *p != '\'' && len < sizeof word - 1)
                    word[len++] = *p++;
                if (*p == '\'')
                    p++;
            } else if (*p == '\\' && p[1] == '\'') {
                word[len++] = '\'';
                p += 2;
            } else {
                word[len++] = *p++;
            }
        }
        word[len] = '\0';
        if (!in_args && word[0] == '/')
            in_args = 1;
        if ((in_args ? *nargv : *nenv) >= MAX_WORDS - 1)
            return -1;
        if (in_args)
            argv[(*nargv)++] = strdup(word);
        else
            env[(*nenv)++] = strdup(word);
    }
    env[*nenv] = NULL;
    argv[*nargv] = NULL;
    return *nargv > 0 ? 0 : -1;
}

/* The conversion names the monitor socket by path; a real start passes the
 * listening socket, and so does the floor. */
static void monitor_by_fd(char **argv)
{
    for (int i = 0; argv[i]; i++) {
        if (strncmp(argv[i], "socket,id=charmonitor,", 22) == 0) {
            free(argv[i]);
            argv[i] = strdup("socket,id=charmonitor,fd=3,server=on,wait=off");
        }
    }
}

static int read_line(int fd, char *buf, size_t size, int timeout_ms)
{
    size_t used = 0;
    while (used < size - 1) {
        struct pollfd p = { fd, POLLIN, 0 };
        ssize_t n;
        if (poll(&p, 1, timeout_ms) <= 0)
            return -1;
        n = read(fd, buf + used, 1);
        if (n <= 0)
            return -1;
        if (buf[used++] == '\n')
            break;
    }
    buf[used] = '\0';
    return 0;
}

/* Waits for the reply to the command just sent (skipping events). */
static int qmp_command(int fd, const char *cmd)
{
    char line[65536];
    if (write(fd, cmd, strlen(cmd)) < 0)
        return -1;
    for (;;) {
        if (read_line(fd, line, sizeof line, 10000) < 0)
            return -1;
        if (strstr(line, "\"return\""))
            return 0;
        if (strstr(line, "\"error\""))
            return -1;
    }
}

static int floor_once(char **env, char **argv, const char *dir, double *start, double *destroy)
{
    char path[300], line[65536];
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int lfd, cfd, status;
    pid_t pid;
    double t0;
    snprintf(path, sizeof path, "%s/floor.sock", dir);
    unlink(path);
    memcpy(addr.sun_path, path, strlen(path) + 1);

    t0 = now_ms();
    lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(lfd, 1) < 0)
        return -1;
    pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        if (lfd == 3)
            fcntl(3, F_SETFD, 0); /* dup2 onto itself would keep FD_CLOEXEC */
        else
            dup2(lfd, 3);
        setsid();
        execve(argv[0], argv, env);
        _exit(127);
    }
    close(lfd);
    cfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (connect(cfd, (struct sockaddr *)&addr, sizeof addr) < 0 || read_line(cfd, line, sizeof line, 30000) < 0 ||
        qmp_command(cfd, "{\"execute\":\"qmp_capabilities\"}\n") < 0 ||
        qmp_command(cfd, "{\"execute\":\"cont\"}\n") < 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        close(cfd);
        return -1;
    }
    *start = now_ms() - t0;

    t0 = now_ms();
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    *destroy = now_ms() - t0;
    close(cfd);
    unlink(path);
    return 0;
}

/* The floor's command: vireo's conversion of the guest, run in a scratch
 * root of its own, with the master key file that the command names. */
static int floor_prepare(const char *root, const char *image, char **env, char **args)
{
    char uri[400], dir[400], key[500];
    int nenv, nargs, kfd;
    virConnectPtr conn;
    char *native;
    snprintf(uri, sizeof uri, "qemu:///embed?root=%s", root);
    conn = virConnectOpen(uri);
    if (!conn)
        return -1;
    native = virConnectDomainXMLToNative(conn, "qemu-argv", guest_xml(image), 0);
    virConnectClose(conn);
    if (!native || split_native(native, env, &nenv, args, &nargs) < 0) {
        free(native);
        return -1;
    }
    free(native);
    monitor_by_fd(args);
    snprintf(dir, sizeof dir, "%s/lib/qemu/domain--1-bench", root);
    mkdir(dir, 0700);
    snprintf(key, sizeof key, "%s/master-key.aes", dir);
    kfd = open(key, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (kfd < 0)
        return -1;
    if (write(kfd, "0123456789abcdef0123456789abcdef", 32) != 32) {
        close(kfd);
        return -1;
    }
    close(kfd);
    return 0;
}

/* ---- main -------------------------------------------------------------- */

static void print_row(const char *figure, double v, double f, double l, int have_libvirt)
{
    if (have_libvirt)
        printf("%-26s %9.1f %9.1f %9.1f %13.2f %15.2f\n", figure, v, f, l, v / f, v / l);
    else
        printf("%-26s %9.1f %9.1f %9s %13.2f %15s\n", figure, v, f, "-", v / f, "-");
}

int main(int argc, char **argv)
{
    const char *image = NULL, *libvirt_bench = NULL;
    int n = 10, have_libvirt = 0, rc = 1;
    char *floor_root = NULL, *env[MAX_WORDS], *args[MAX_WORDS];
    double *fs, *fd, *vs, *vd, *ls, *ld, *ns, *nd, *ks, *kd;
    int have_lockd = 0;
    struct driver_bench vireo, plain, locked;
    struct child lv;

    memset(&vireo, 0, sizeof vireo);
    memset(&plain, 0, sizeof plain);
    memset(&locked, 0, sizeof locked);
    /* A child that has died must not kill us with SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    if (argc == 3 && strcmp(argv[1], "--serve") == 0)
        return serve(argv[2]); /* given an absolute path by the parent */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--libvirt") == 0 && i + 1 < argc)
            libvirt_bench = argv[++i];
        else if (!image)
            image = argv[i];
        else if (atoi(argv[i]) > 0)
            n = atoi(argv[i]);
    }
    if (!image) {
        fprintf(stderr, "usage: %s GUEST_IMAGE [ITERATIONS] [--libvirt BENCH]\n", argv[0]);
        return 2;
    }
    /* libvirt starts QEMU in "/": a relative image path would not open. */
    {
        static char absolute[4096];
        if (!realpath(image, absolute)) {
            perror(image);
            return 2;
        }
        image = absolute;
    }
    if (access(QEMU, X_OK) != 0) {
        printf("SKIP: %s is not installed\n", QEMU);
        return 77;
    }
    printf("this process: %s\n", api_library());

    memset(&lv, 0, sizeof lv);
    if (libvirt_bench && *libvirt_bench) {
        const char *missing = libvirt_missing();
        if (missing)
            snprintf(lv.why, sizeof lv.why, "%s", missing);
        else
            have_libvirt = child_start(&lv, libvirt_bench, image) == 0;
    } else {
        snprintf(lv.why, sizeof lv.why, "no benchmark built against libvirt (libvirt-dev missing)");
    }

    floor_root = make_root("");
    if (!floor_root || floor_prepare(floor_root, image, env, args) < 0) {
        fprintf(stderr, "cannot get the floor's command line: %s\n", virGetLastErrorMessage());
        goto out;
    }
    if (driver_open(&vireo, image, "") < 0) {
        fprintf(stderr, "vireo: %s\n", virGetLastErrorMessage());
        goto out_vireo;
    }
    /* The same without the private /dev, to show what the namespace costs. */
    if (driver_open(&plain, image, "namespaces = []\n") < 0) {
        fprintf(stderr, "vireo (namespaces = []): %s\n", virGetLastErrorMessage());
        goto out_vireo;
    }

    /* Disk leases through vireo-lockd (a missing daemon program only loses
     * that row). */
    if (getenv("VIREO_LOCKD_PATH") && driver_open_with(&locked, image, "lock_manager = \"lockd\"\n", "k") == 0)
        have_lockd = 1;
    else
        fprintf(stderr, "vireo with lockd: not measured: %s\n",
                getenv("VIREO_LOCKD_PATH") ? virGetLastErrorMessage() : "VIREO_LOCKD_PATH is not set");

    fs = calloc((size_t)n + 1, sizeof *fs);
    fd = calloc((size_t)n + 1, sizeof *fd);
    vs = calloc((size_t)n + 1, sizeof *vs);
    vd = calloc((size_t)n + 1, sizeof *vd);
    ls = calloc((size_t)n + 1, sizeof *ls);
    ld = calloc((size_t)n + 1, sizeof *ld);
    ns = calloc((size_t)n + 1, sizeof *ns);
    nd = calloc((size_t)n + 1, sizeof *nd);
    ks = calloc((size_t)n + 1, sizeof *ks);
    kd = calloc((size_t)n + 1, sizeof *kd);
    /* Round 0 warms caches up and is not counted. */
    for (int i = 0; i <= n; i++) {
        if (floor_once(env, args, floor_root, &fs[i], &fd[i]) < 0) {
            fprintf(stderr, "floor run failed\n");
            goto out_vireo;
        }
        /* The three vireo variants take turns at going first: a run
         * right after another's destroy pays for what that one left to
         * the kernel, and the paired differences below must not carry
         * that. */
        for (int k = 0; k < 3; k++) {
            int which = (i + k) % 3;
            if (which == 0 && driver_once(&vireo, &vs[i], &vd[i]) < 0) {
                fprintf(stderr, "vireo run failed: %s\n", virGetLastErrorMessage());
                goto out_vireo;
            }
            if (which == 1 && driver_once(&plain, &ns[i], &nd[i]) < 0) {
                fprintf(stderr, "vireo (namespaces = []) run failed: %s\n", virGetLastErrorMessage());
                goto out_vireo;
            }
            if (which == 2 && have_lockd && driver_once(&locked, &ks[i], &kd[i]) < 0) {
                fprintf(stderr, "vireo (lockd) run failed: %s\n", virGetLastErrorMessage());
                have_lockd = 0;
            }
        }
        if (have_libvirt && child_once(&lv, &ls[i], &ld[i]) < 0)
            have_libvirt = 0;
    }
    printf("qemu start/destroy, %d runs each (after one warm-up), medians in ms\n", n);
    printf("%-26s %9s %9s %9s %13s %15s\n", "figure", "vireo", "floor", "libvirt", "vireo/floor", "vireo/libvirt");
    print_row("start (to running guest)", median(vs + 1, n), median(fs + 1, n), have_libvirt ? median(ls + 1, n) : 0,
              have_libvirt);
    print_row("destroy", median(vd + 1, n), median(fd + 1, n), have_libvirt ? median(ld + 1, n) : 0, have_libvirt);
    print_row("start, namespaces = []", median(ns + 1, n), median(fs + 1, n), 0, 0);
    print_row("destroy, namespaces = []", median(nd + 1, n), median(fd + 1, n), 0, 0);
    {
        /* Run by run, the namespace's share of a start: the two vireo starts
         * of one round ran back to back on the same machine. */
        double *diff = calloc((size_t)n, sizeof *diff);
        for (int i = 0; i < n; i++)
            diff[i] = vs[i + 1] - ns[i + 1];
        printf("the private /dev adds %.1f ms to a start (median of %d paired runs)\n", median(diff, n), n);
        free(diff);
    }
    if (have_lockd) {
        /* Paired with the nop runs of the same round, as above. */
        double *diff = calloc((size_t)n, sizeof *diff);
        print_row("start, lock_manager=lockd", median(ks + 1, n), median(fs + 1, n), 0, 0);
        print_row("destroy, lock_manager=lockd", median(kd + 1, n), median(fd + 1, n), 0, 0);
        for (int i = 0; i < n; i++)
            diff[i] = ks[i + 1] - vs[i + 1];
        printf("lockd (one lease) adds %.2f ms to a start (median of %d paired runs; goal < 2 ms)\n",
               median(diff, n), n);
        for (int i = 0; i < n; i++)
            diff[i] = kd[i + 1] - vd[i + 1];
        printf("lockd adds %.2f ms to a destroy (median of %d paired runs)\n", median(diff, n), n);
        free(diff);
    }
    if (!have_libvirt)
        printf("libvirt: not measured: %s\n", lv.why);
    rc = 0;
out_vireo:
    driver_close(&vireo);
    driver_close(&plain);
    if (locked.root) {
        /* The daemon the lockd runs started outlives them: stop it. */
        char pidfile[600];
        FILE *f;
        int pid = -1;
        snprintf(pidfile, sizeof pidfile, "%s/run/lockd.pid", locked.root);
        if ((f = fopen(pidfile, "r"))) {
            if (fscanf(f, "%d", &pid) == 1 && pid > 0)
                kill(pid, SIGTERM);
            fclose(f);
        }
    }
    driver_close(&locked);
out:
    child_stop(&lv);
    if (floor_root) {
        kill_leftovers(floor_root);
        remove_tree(floor_root);
        free(floor_root);
    }
    return rc;
}
