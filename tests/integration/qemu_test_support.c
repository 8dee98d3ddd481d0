#include "qemu_test_support.h"

#include <libvirt/virterror.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

void qt_require_or_skip(int condition, const char *why)
{
    const char *ci = getenv("CI");
    if (condition)
        return;
    if (ci && strcmp(ci, "true") == 0) {
        fprintf(stderr, "FAIL: %s (required under CI=true)\n", why);
        exit(1);
    }
    fprintf(stderr, "SKIP: %s\n", why);
    exit(77);
}

void qt_require_qemu_and_guest(const char *image)
{
    qt_require_or_skip(access("/usr/bin/qemu-system-x86_64", X_OK) == 0,
                       "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)");
    qt_require_or_skip(access(image, R_OK) == 0, "the test guest image was not built");
}

char *qt_make_root(void)
{
    char *root = strdup("/tmp/vireo-it-XXXXXX");
    if (!root || !mkdtemp(root)) {
        perror("mkdtemp");
        exit(1);
    }
    return root;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    remove(path);
    return 0;
}

void qt_remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *qt_embed_uri(const char *root)
{
    static char uri[512];
    snprintf(uri, sizeof uri, "qemu:///embed?root=%s", root);
    return uri;
}

long long qt_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* ---- events ------------------------------------------------------------ */

#define MAX_EVENTS 256
struct recorded {
    char name[64];
    int type;   /* -1 for a reboot event */
    int detail;
};
static struct recorded events[MAX_EVENTS];
static int nevents;
static pthread_mutex_t events_mu = PTHREAD_MUTEX_INITIALIZER;

static void *loop_thread(void *arg)
{
    (void)arg;
    for (;;)
        virEventRunDefaultImpl();
    return NULL;
}

void qt_start_event_loop(void)
{
    static int started;
    pthread_t t;
    if (started)
        return;
    started = 1;
    virEventRegisterDefaultImpl();
    pthread_create(&t, NULL, loop_thread, NULL);
    pthread_detach(t);
}

static void record(virDomainPtr dom, int type, int detail)
{
    pthread_mutex_lock(&events_mu);
    if (nevents < MAX_EVENTS) {
        snprintf(events[nevents].name, sizeof events[nevents].name, "%s", virDomainGetName(dom));
        events[nevents].type = type;
        events[nevents].detail = detail;
        nevents++;
    }
    pthread_mutex_unlock(&events_mu);
}

static int on_lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void)conn; (void)opaque;
    record(dom, event, detail);
    return 0;
}

static void on_reboot(virConnectPtr conn, virDomainPtr dom, void *opaque)
{
    (void)conn; (void)opaque;
    record(dom, -1, 0);
}

static int watch_ids[2] = { -1, -1 };

void qt_watch_events(virConnectPtr conn)
{
    watch_ids[0] = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                    VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle), NULL, NULL);
    watch_ids[1] = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_REBOOT,
                                                    VIR_DOMAIN_EVENT_CALLBACK(on_reboot), NULL, NULL);
}

void qt_unwatch_events(virConnectPtr conn)
{
    for (int i = 0; i < 2; i++)
        if (watch_ids[i] >= 0)
            virConnectDomainEventDeregisterAny(conn, watch_ids[i]);
    watch_ids[0] = watch_ids[1] = -1;
}

/* ---- device events ----------------------------------------------------- */

#define MAX_DEVICE_EVENTS 128
struct device_event {
    char name[64];
    char alias[64];
    int added;
};
static struct device_event device_events[MAX_DEVICE_EVENTS];
static int ndevice_events;

static void record_device(virDomainPtr dom, const char *alias, int added)
{
    pthread_mutex_lock(&events_mu);
    if (ndevice_events < MAX_DEVICE_EVENTS) {
        struct device_event *e = &device_events[ndevice_events++];
        snprintf(e->name, sizeof e->name, "%s", virDomainGetName(dom));
        snprintf(e->alias, sizeof e->alias, "%s", alias);
        e->added = added;
    }
    pthread_mutex_unlock(&events_mu);
}

static void on_device_added(virConnectPtr conn, virDomainPtr dom, const char *alias, void *opaque)
{
    (void)conn; (void)opaque;
    record_device(dom, alias, 1);
}

static void on_device_removed(virConnectPtr conn, virDomainPtr dom, const char *alias, void *opaque)
{
    (void)conn; (void)opaque;
    record_device(dom, alias, 0);
}

static int device_watch_ids[2] = { -1, -1 };

void qt_watch_device_events(virConnectPtr conn)
{
    device_watch_ids[0] = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_DEVICE_ADDED,
                                                           VIR_DOMAIN_EVENT_CALLBACK(on_device_added), NULL, NULL);
    device_watch_ids[1] = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
                                                           VIR_DOMAIN_EVENT_CALLBACK(on_device_removed), NULL, NULL);
}

void qt_unwatch_device_events(virConnectPtr conn)
{
    for (int i = 0; i < 2; i++)
        if (device_watch_ids[i] >= 0)
            virConnectDomainEventDeregisterAny(conn, device_watch_ids[i]);
    device_watch_ids[0] = device_watch_ids[1] = -1;
}

static int device_seen(const char *name, int added, const char *alias)
{
    int found = 0;
    pthread_mutex_lock(&events_mu);
    for (int i = 0; i < ndevice_events && !found; i++)
        found = strcmp(device_events[i].name, name) == 0 && device_events[i].added == added &&
                strcmp(device_events[i].alias, alias) == 0;
    pthread_mutex_unlock(&events_mu);
    return found;
}

int qt_wait_device_event(const char *name, int added, const char *alias, int ms)
{
    long long end = qt_now_ms() + ms;
    while (!device_seen(name, added, alias)) {
        if (qt_now_ms() > end)
            return 0;
        usleep(5000);
    }
    return 1;
}

void qt_clear_events(void)
{
    pthread_mutex_lock(&events_mu);
    nevents = 0;
    ndevice_events = 0;
    pthread_mutex_unlock(&events_mu);
}

static int seen(const char *name, int type, int detail)
{
    int found = 0;
    pthread_mutex_lock(&events_mu);
    for (int i = 0; i < nevents && !found; i++)
        found = strcmp(events[i].name, name) == 0 && events[i].type == type &&
                (type == -1 || events[i].detail == detail);
    pthread_mutex_unlock(&events_mu);
    return found;
}

int qt_wait_lifecycle(const char *name, int type, int detail, int ms)
{
    long long end = qt_now_ms() + ms;
    while (!seen(name, type, detail)) {
        if (qt_now_ms() > end)
            return 0;
        usleep(5000);
    }
    return 1;
}

int qt_wait_reboot(const char *name, int ms)
{
    return qt_wait_lifecycle(name, -1, 0, ms);
}

int qt_wait_state(virDomainPtr dom, int state, int reason, int ms)
{
    long long end = qt_now_ms() + ms;
    for (;;) {
        int s = -1, r = -1;
        if (virDomainGetState(dom, &s, &r, 0) == 0 && s == state && (reason < 0 || r == reason))
            return 1;
        if (qt_now_ms() > end)
            return 0;
        usleep(5000);
    }
}

/* ---- console ------------------------------------------------------------ */

const char *qt_serial_pty(virDomainPtr dom)
{
    static char path[256];
    char *xml = virDomainGetXMLDesc(dom, 0);
    const char *serial, *src, *start, *end;
    path[0] = '\0';
    if (!xml)
        return NULL;
    serial = strstr(xml, "<serial type='pty'>");
    src = serial ? strstr(serial, "<source path='") : NULL;
    if (src) {
        start = src + strlen("<source path='");
        end = strchr(start, '\'');
        if (end && (size_t)(end - start) < sizeof path) {
            memcpy(path, start, (size_t)(end - start));
            path[end - start] = '\0';
        }
    }
    free(xml);
    return path[0] ? path : NULL;
}

int qt_wait_console(const char *pty, const char *needle, int ms)
{
    char buf[4096];
    size_t used = 0;
    long long end = qt_now_ms() + ms;
    int found = 0;
    int fd = open(pty, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    struct termios tio;
    if (fd < 0)
        return 0;
    if (tcgetattr(fd, &tio) == 0) {
        cfmakeraw(&tio);
        tcsetattr(fd, TCSANOW, &tio);
    }
    while (!found && qt_now_ms() < end) {
        struct pollfd p = { fd, POLLIN, 0 };
        if (poll(&p, 1, 50) > 0) {
            ssize_t n = read(fd, buf + used, sizeof buf - 1 - used);
            if (n > 0) {
                used += (size_t)n;
                buf[used] = '\0';
                found = strstr(buf, needle) != NULL;
                if (used > sizeof buf / 2) {
                    memmove(buf, buf + used / 2, used - used / 2 + 1);
                    used -= used / 2;
                }
            }
        }
    }
    close(fd);
    return found;
}

/* ---- files -------------------------------------------------------------- */

int qt_status_pid(const char *root, const char *name)
{
    char path[512], buf[8192];
    const char *p;
    FILE *f;
    size_t n;
    snprintf(path, sizeof path, "%s/run/qemu/%s.xml", root, name);
    f = fopen(path, "r");
    if (!f)
        return -1;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    p = strstr(buf, "pid='");
    return p ? atoi(p + 5) : -1;
}

int qt_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

int qt_process_has_open(int pid, const char *path)
{
    char dir[64];
    struct stat want, st;
    DIR *d;
    struct dirent *e;
    int found = 0;
    if (stat(path, &want) != 0)
        return 0;
    snprintf(dir, sizeof dir, "/proc/%d/fd", pid);
    d = opendir(dir);
    if (!d)
        return 0;
    while (!found && (e = readdir(d))) {
        char fd[320];
        if (e->d_name[0] == '.')
            continue;
        snprintf(fd, sizeof fd, "%s/%s", dir, e->d_name);
        if (stat(fd, &st) != 0)
            continue;
        if (S_ISBLK(want.st_mode) || S_ISCHR(want.st_mode))
            found = (st.st_mode & S_IFMT) == (want.st_mode & S_IFMT) && st.st_rdev == want.st_rdev;
        else
            found = st.st_dev == want.st_dev && st.st_ino == want.st_ino;
    }
    closedir(d);
    return found;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *qt_dir_listing(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, len = 1;
    char *out;
    if (!d)
        return NULL;
    while ((e = readdir(d))) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
        }
        names[n] = strdup(e->d_name);
        len += strlen(names[n]) + 1;
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, compare_names);
    out = calloc(1, len);
    for (size_t i = 0; i < n; i++) {
        strcat(out, names[i]);
        strcat(out, "\n");
        free(names[i]);
    }
    free(names);
    return out;
}

int qt_run(const char *command, char *out, size_t outsize)
{
    FILE *p = popen(command, "r");
    char line[512];
    int status;
    if (!p)
        return -1;
    if (out && outsize)
        out[0] = '\0';
    while (fgets(line, sizeof line, p)) {
        if (out && outsize && !out[0]) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(out, outsize, "%s", line);
        }
    }
    status = pclose(p);
    return status == -1 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *qt_device_xml(virDomainPtr dom, unsigned int flags, const char *element, const char *needle)
{
    char *xml = virDomainGetXMLDesc(dom, flags);
    char open_tag[64], close_tag[64];
    char *at, *start = NULL, *end, *out = NULL;
    if (!xml)
        return NULL;
    snprintf(open_tag, sizeof open_tag, "<%s ", element);
    snprintf(close_tag, sizeof close_tag, "</%s>", element);
    for (at = strstr(xml, open_tag); at; at = strstr(at + 1, open_tag)) {
        end = strstr(at, close_tag);
        if (!end)
            break;
        end += strlen(close_tag);
        {
            char saved = *end;
            *end = '\0';
            if (strstr(at, needle))
                start = at;
            *end = saved;
        }
        if (start) {
            out = strndup(start, (size_t)(end - start));
            break;
        }
    }
    free(xml);
    return out;
}

int qt_iface_target(virDomainPtr dom, const char *mac, char *out, size_t outsize)
{
    char *nic = qt_device_xml(dom, 0, "interface", mac);
    const char *t = nic ? strstr(nic, "<target dev='") : NULL;
    int found = 0;
    if (t && outsize) {
        size_t n;
        t += strlen("<target dev='");
        n = strcspn(t, "'");
        if (n < outsize) {
            memcpy(out, t, n);
            out[n] = '\0';
            found = n > 0;
        }
    }
    free(nic);
    return found;
}

int qt_make_bridge(const char *name, int mtu)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ip link add '%s' type bridge 2>&1", name);
    if (qt_run(cmd, NULL, 0) != 0)
        return -1;
    if (mtu > 0) {
        snprintf(cmd, sizeof cmd, "ip link set '%s' mtu %d 2>&1", name, mtu);
        if (qt_run(cmd, NULL, 0) != 0) {
            qt_remove_link(name);
            return -1;
        }
    }
    return 0;
}

void qt_remove_link(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ip link del '%s' >/dev/null 2>&1", name);
    qt_run(cmd, NULL, 0);
}

int qt_tap_fds(int pid, const char *ifname)
{
    char dir[64], want[64];
    DIR *d;
    struct dirent *e;
    int count = 0;
    if (pid > 0)
        snprintf(dir, sizeof dir, "/proc/%d/fdinfo", pid);
    else
        snprintf(dir, sizeof dir, "/proc/self/fdinfo");
    snprintf(want, sizeof want, "iff:\t%s\n", ifname);
    d = opendir(dir);
    if (!d)
        return -1;
    while ((e = readdir(d))) {
        char path[320], buf[1024];
        FILE *f;
        size_t n;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (!(f = fopen(path, "r")))
            continue;
        n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = '\0';
        count += strstr(buf, want) != NULL;
    }
    closedir(d);
    return count;
}

int qt_count_domain_dirs(const char *root)
{
    char path[512];
    DIR *d;
    struct dirent *e;
    int n = 0;
    snprintf(path, sizeof path, "%s/lib/qemu", root);
    d = opendir(path);
    if (!d)
        return 0;
    while ((e = readdir(d)))
        n += strncmp(e->d_name, "domain-", 7) == 0;
    closedir(d);
    return n;
}

char *qt_guest_xml(const char *name, const char *image, const char *extra_devices)
{
    char *xml = NULL;
    if (asprintf(&xml,
                 "<domain type='qemu'>\n"
                 "  <name>%s</name>\n"
                 "  <memory unit='MiB'>64</memory>\n"
                 "  <vcpu>1</vcpu>\n"
                 "  <os>\n"
                 "    <type arch='x86_64' machine='pc'>hvm</type>\n"
                 "  </os>\n"
                 "  <features><acpi/></features>\n"
                 "  <devices>\n"
                 "    <disk type='file' device='disk'>\n"
                 "      <driver name='qemu' type='raw'/>\n"
                 "      <source file='%s'/>\n"
                 "      <target dev='vda' bus='virtio'/>\n"
                 "      <readonly/>\n"
                 "    </disk>\n"
                 "    <serial type='pty'/>\n"
                 "    <console type='pty'/>\n"
                 "%s"
                 "  </devices>\n"
                 "</domain>\n",
                 name, image, extra_devices ? extra_devices : "") < 0)
        return NULL;
    return xml;
}

struct qt_helper qt_spawn_helper(const char *self, const char *mode, const char *root, const char *name,
                                 int keep_fd)
{
    struct qt_helper h = {-1, NULL, -1};
    int to[2], from[2];
    /* Close-on-exec: a helper must not hold the pipes of another helper
     * (it would never see its own stdin close). */
    if (pipe2(to, O_CLOEXEC) != 0 || pipe2(from, O_CLOEXEC) != 0)
        return h;
    h.pid = fork();
    if (h.pid == 0) {
        char fdarg[16];
        if (keep_fd >= 0)
            fcntl(keep_fd, F_SETFD, 0);
        dup2(to[0], 0);
        dup2(from[1], 1);
        close(to[0]);
        close(to[1]);
        close(from[0]);
        close(from[1]);
        snprintf(fdarg, sizeof fdarg, "%d", keep_fd);
        execl(self, self, mode, root, name, fdarg, (char *)NULL);
        _exit(127);
    }
    close(to[0]);
    close(from[1]);
    h.in = to[1];
    h.out = fdopen(from[0], "r");
    return h;
}

int qt_read_report(struct qt_helper *h, char *line, size_t size)
{
    if (!h->out || !fgets(line, (int)size, h->out))
        return 0;
    line[strcspn(line, "\n")] = '\0';
    return 1;
}

int qt_finish_helper(struct qt_helper *h)
{
    int status = 0;
    if (h->in >= 0)
        close(h->in);
    h->in = -1;
    if (h->out)
        fclose(h->out);
    h->out = NULL;
    if (h->pid > 0 && waitpid(h->pid, &status, 0) == h->pid)
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return -1;
}

void qt_wait_stdin_closed(void)
{
    char c;
    while (read(0, &c, 1) > 0 || errno == EINTR) {
    }
}

void qt_must(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "FAIL: %s: %s\n", what, strerror(errno));
        exit(1);
    }
}

const char *qt_error_message(void)
{
    const virError *e = virGetLastError();
    return e && e->message ? e->message : "(no error)";
}

int qt_error_code(void)
{
    const virError *e = virGetLastError();
    return e ? e->code : 0;
}

char *qt_read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    if (!f)
        return NULL;
    do {
        if (cap - len < 4096) {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap);
        }
        n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
    } while (n > 0);
    buf[len] = '\0';
    fclose(f);
    return buf;
}

int qt_wait_file(const char *path, int ms)
{
    long long end = qt_now_ms() + ms;
    while (qt_now_ms() < end) {
        if (qt_exists(path))
            return 1;
        usleep(10000);
    }
    return 0;
}

void qt_build_busybox_root(const char *root)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s/bin %s/dev && cp /bin/busybox %s/bin/busybox && chroot %s /bin/busybox --install -s /bin",
             root, root, root, root);
    qt_must(qt_run(cmd, NULL, 0) == 0, "building the busybox root");
}

int qt_lease_holder(const char *path)
{
    struct flock fl;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = 0;
    fl.l_len = 1;
    if (fcntl(fd, F_GETLK, &fl) != 0) {
        close(fd);
        return -1;
    }
    close(fd);
    return fl.l_type == F_UNLCK ? 0 : (int)fl.l_pid;
}

int qt_wait_lease(const char *path, int held, int ms)
{
    long long end = qt_now_ms() + ms;
    do {
        int h = qt_lease_holder(path);
        if (held ? h > 0 : h == 0)
            return 1;
        usleep(10000);
    } while (qt_now_ms() < end);
    return 0;
}
