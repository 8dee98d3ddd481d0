/*
 * One owner per QEMU driver root, across processes, with a real
 * qemu-system-x86_64 (TCG) and the tiny test guest:
 *
 *  - two processes race to open one root and start one domain, many
 *    times: exactly one QEMU, and the loser is refused at open with the
 *    pid file and the owner's pid in the message;
 *  - a process is killed (SIGKILL) at several points of virDomainCreate (0 to 300 ms),
 *    then a new process opens the root: zero or one QEMU is left, the new
 *    process agrees, and nothing of a cut-short start remains;
 *  - a read-only inspector beside a live owner: lists, looks up, formats;
 *    a read-write open is refused; once the owner exits, a read-write open
 *    succeeds at once and takes the domain over.
 *
 * Usage: qemu-owner-test GUEST_IMAGE [VIREO_TOOL]
 *        qemu-owner-test --racer ROOT NAME GO_FD   (a racing process)
 *        qemu-owner-test --starter ROOT NAME       (a process killed mid-start)
 *        qemu-owner-test --owner ROOT NAME         (a process that owns a root)
 *
 * The helper processes report on stdout, one line, and wait for their
 * stdin to close before they exit.
 */

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../capi/check.h"
#include "qemu_test_support.h"

static const char *image;
static const char *self;

/* ---- helpers ------------------------------------------------------------ */

/* How many live processes have `root` on their command line and are QEMU
 * ("guest=" in it); their pids go to `pids` (up to `max`). */
static int count_qemus(const char *root, int *pids, int max)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int n = 0;
    if (!d)
        return -1;
    while ((e = readdir(d))) {
        char path[300], buf[8192];
        FILE *f;
        size_t len, i;
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%s/cmdline", e->d_name);
        if (!(f = fopen(path, "r")))
            continue;
        len = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        for (i = 0; i < len; i++)
            if (buf[i] == '\0')
                buf[i] = ' ';
        buf[len] = '\0';
        if (strstr(buf, root) && strstr(buf, "guest=")) {
            if (n < max)
                pids[n] = atoi(e->d_name);
            n++;
        }
    }
    closedir(d);
    return n;
}

/* Entries of ROOT/run/qemu named ns-* (staging directories). */
static int count_staging_dirs(const char *root)
{
    char path[512];
    DIR *d;
    struct dirent *e;
    int n = 0;
    snprintf(path, sizeof path, "%s/run/qemu", root);
    if (!(d = opendir(path)))
        return 0;
    while ((e = readdir(d)))
        n += strncmp(e->d_name, "ns-", 3) == 0;
    closedir(d);
    return n;
}

static virDomainPtr define_guest(virConnectPtr conn, const char *name)
{
    char *xml = qt_guest_xml(name, image, NULL);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    free(xml);
    return dom;
}

/* ---- the helper processes ----------------------------------------------- */

/* Waits for GO_FD to close (all racers go at once), opens the root read-write
 * and starts NAME. Reports "refused MESSAGE", "started PID" or "failed
 * MESSAGE"; a winner then destroys the domain once stdin closes. */
static int racer(const char *root, const char *name, int go_fd)
{
    char c;
    virConnectPtr conn;
    virDomainPtr dom;
    qt_start_event_loop();
    while (read(go_fd, &c, 1) > 0) {
    }
    close(go_fd);
    conn = virConnectOpen(qt_embed_uri(root));
    if (!conn) {
        printf("refused %d %d %s\n", virGetLastError() ? virGetLastError()->code : -1,
               virGetLastError() ? virGetLastError()->domain : -1, virGetLastErrorMessage());
        fflush(stdout);
        qt_wait_stdin_closed();
        return 0;
    }
    dom = virDomainLookupByName(conn, name);
    if (!dom || virDomainCreate(dom) != 0) {
        printf("failed %s\n", virGetLastErrorMessage());
        fflush(stdout);
        qt_wait_stdin_closed();
        return 1;
    }
    printf("started %d\n", qt_status_pid(root, name));
    fflush(stdout);
    qt_wait_stdin_closed();
    virDomainDestroy(dom);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

/* Opens the root, reports "opened" and starts NAME (to be killed during
 * the start). */
static int starter(const char *root, const char *name)
{
    virConnectPtr conn;
    virDomainPtr dom;
    qt_start_event_loop();
    conn = virConnectOpen(qt_embed_uri(root));
    dom = conn ? virDomainLookupByName(conn, name) : NULL;
    if (!dom) {
        printf("failed %s\n", virGetLastErrorMessage());
        fflush(stdout);
        return 1;
    }
    printf("opened\n");
    fflush(stdout);
    if (virDomainCreate(dom) != 0) {
        printf("failed %s\n", virGetLastErrorMessage());
        fflush(stdout);
        return 1;
    }
    printf("started\n");
    fflush(stdout);
    qt_wait_stdin_closed();
    return 0;
}

/* Opens the root, starts NAME, reports "running PID" and exits once stdin
 * closes, leaving QEMU running. */
static int owner(const char *root, const char *name)
{
    virConnectPtr conn;
    virDomainPtr dom;
    qt_start_event_loop();
    conn = virConnectOpen(qt_embed_uri(root));
    dom = conn ? virDomainLookupByName(conn, name) : NULL;
    if (!dom || virDomainCreate(dom) != 0) {
        printf("failed %s\n", virGetLastErrorMessage());
        fflush(stdout);
        return 1;
    }
    printf("running %d\n", qt_status_pid(root, name));
    fflush(stdout);
    qt_wait_stdin_closed();
    return 0;
}

/* ---- the tests ---------------------------------------------------------- */

/* Defines NAME in ROOT and closes again (so that no instance of this
 * process holds the root). */
static int prepare_root(const char *root, const char *name)
{
    virConnectPtr conn = virConnectOpen(qt_embed_uri(root));
    virDomainPtr dom = conn ? define_guest(conn, name) : NULL;
    CHECK(dom != NULL);
    if (dom)
        virDomainFree(dom);
    if (conn)
        CHECK_INT(virConnectClose(conn), 0);
    return dom != NULL;
}

static void test_race(void)
{
    enum { kTries = 20 };
    const long long budget_ms = 150000;
    char *root = qt_make_root();
    long long t0 = qt_now_ms();
    int tries = 0, one_qemu = 0, refused_ok = 0, both_opened = 0;
    if (!prepare_root(root, "racer")) {
        qt_remove_tree(root);
        return;
    }
    for (; tries < kTries && qt_now_ms() - t0 < budget_ms; tries++) {
        int go[2], i, started = 0, refused = 0, pids[8];
        struct qt_helper h[2];
        char line[1024];
        if (pipe2(go, O_CLOEXEC) != 0)
            break;
        for (i = 0; i < 2; i++)
            h[i] = qt_spawn_helper(self, "--racer", root, "racer", go[0]);
        close(go[0]);
        usleep(100000); /* both are waiting on the pipe */
        close(go[1]);
        for (i = 0; i < 2; i++) {
            if (!qt_read_report(&h[i], line, sizeof line)) {
                CHECK(!"racer reported nothing");
                continue;
            }
            if (strncmp(line, "started ", 8) == 0) {
                started++;
            } else if (strncmp(line, "refused ", 8) == 0) {
                char want[600];
                int code = -1, domain = -1;
                refused++;
                sscanf(line + 8, "%d %d", &code, &domain);
                snprintf(want, sizeof want,
                         "Failed to acquire pid file '%s/run/qemu/driver.pid': "
                         "Resource temporarily unavailable (held by pid %d)",
                         root, (int)h[1 - i].pid);
                if (code == VIR_ERR_SYSTEM_ERROR && domain == VIR_FROM_QEMU && strstr(line, want))
                    refused_ok++;
                else
                    fprintf(stderr, "try %d: refusal was: %s\n    expected: %s\n", tries, line, want);
            } else {
                fprintf(stderr, "try %d: racer said: %s\n", tries, line);
            }
        }
        if (started + refused == 2 && refused == 0)
            both_opened++;
        /* Both racers have reported: any QEMU of the root exists now. */
        if (started == 1 && count_qemus(root, pids, 8) == 1)
            one_qemu++;
        else
            fprintf(stderr, "try %d: %d started, %d QEMU processes\n", tries, started,
                    count_qemus(root, pids, 8));
        for (i = 0; i < 2; i++)
            CHECK_INT(qt_finish_helper(&h[i]), 0);
        CHECK_INT(count_qemus(root, pids, 8), 0);
    }
    fprintf(stderr, "race: %d tries in %lld ms: %d with exactly one QEMU, %d clear refusals, "
                    "%d with both opened\n",
            tries, qt_now_ms() - t0, one_qemu, refused_ok, both_opened);
    CHECK(tries >= 5);
    CHECK_INT(one_qemu, tries);
    CHECK_INT(refused_ok, tries);
    CHECK_INT(both_opened, 0);
    qt_remove_tree(root);
}

static void test_killed_during_create(void)
{
    char *root = qt_make_root();
    int delay, running = 0, shutoff = 0, runs = 0;
    long long t0 = qt_now_ms();
    if (!prepare_root(root, "cut")) {
        qt_remove_tree(root);
        return;
    }
    for (delay = 0; delay <= 300; delay += 20) {
        struct qt_helper h = qt_spawn_helper(self, "--starter", root, "cut", -1);
        char line[1024];
        int pids[8], n, status_pid, active;
        virConnectPtr conn;
        virDomainPtr dom;
        if (!qt_read_report(&h, line, sizeof line) || strcmp(line, "opened") != 0) {
            CHECK(!"starter did not open the root");
            fprintf(stderr, "starter said: %s\n", line);
            qt_finish_helper(&h);
            break;
        }
        usleep((useconds_t)delay * 1000);
        kill(h.pid, SIGKILL);
        qt_finish_helper(&h);
        runs++;

        /* A new process (this one) opens the root and takes over. */
        conn = virConnectOpen(qt_embed_uri(root));
        CHECK(conn != NULL);
        if (!conn)
            break;
        dom = virDomainLookupByName(conn, "cut");
        CHECK(dom != NULL);
        n = count_qemus(root, pids, 8);
        status_pid = qt_status_pid(root, "cut");
        CHECK(n == 0 || n == 1);
        active = dom && virDomainIsActive(dom) == 1;
        fprintf(stderr, "killed %3d ms into virDomainCreate: %s\n", delay, active ? "running" : "shut off");
        if (active) {
            running++;
            CHECK_INT(n, 1);
            CHECK_INT(status_pid, pids[0]);
            CHECK(status_pid > 0 && kill(status_pid, 0) == 0);
            CHECK_INT(virDomainDestroy(dom), 0);
        } else {
            int state = -1, reason = -1;
            shutoff++;
            CHECK_INT(n, 0);
            CHECK_INT(status_pid, -1);
            CHECK_INT(virDomainGetState(dom, &state, &reason, 0), 0);
            CHECK_INT(state, VIR_DOMAIN_SHUTOFF);
        }
        /* Either way, after a destroy or a takeover cleanup: */
        CHECK_INT(count_qemus(root, pids, 8), 0);
        CHECK_INT(qt_count_domain_dirs(root), 0);
        CHECK_INT(count_staging_dirs(root), 0);
        if (dom)
            virDomainFree(dom);
        CHECK_INT(virConnectClose(conn), 0);
    }
    fprintf(stderr, "kill sweep: %d runs in %lld ms: %d taken over running, %d left shut off\n", runs,
            qt_now_ms() - t0, running, shutoff);
    CHECK_INT(runs, 16);
    qt_remove_tree(root);
}

static void test_inspector(const char *tool)
{
    char *root = qt_make_root();
    struct qt_helper h;
    char line[1024], want[600];
    int qemu_pid = -1;
    virConnectPtr ro, rw;
    virDomainPtr dom;
    long long t;
    if (!prepare_root(root, "seen")) {
        qt_remove_tree(root);
        return;
    }
    h = qt_spawn_helper(self, "--owner", root, "seen", -1);
    if (!qt_read_report(&h, line, sizeof line) || sscanf(line, "running %d", &qemu_pid) != 1) {
        CHECK(!"owner did not start the domain");
        fprintf(stderr, "owner said: %s\n", line);
        qt_finish_helper(&h);
        qt_remove_tree(root);
        return;
    }

    ro = virConnectOpenReadOnly(qt_embed_uri(root));
    CHECK(ro != NULL);
    if (ro) {
        virDomainPtr *all = NULL;
        int n = virConnectListAllDomains(ro, &all, 0), i, id = -1;
        CHECK_INT(n, 1);
        for (i = 0; i < n; i++) {
            virDomainInfo info;
            char *xml;
            char needle[64];
            CHECK_STR(virDomainGetName(all[i]), "seen");
            id = (int)virDomainGetID(all[i]);
            CHECK(id >= 1);
            CHECK_INT(virDomainIsActive(all[i]), 1);
            CHECK_INT(virDomainGetInfo(all[i], &info), 0);
            CHECK_INT(info.state, VIR_DOMAIN_RUNNING);
            xml = virDomainGetXMLDesc(all[i], 0);
            snprintf(needle, sizeof needle, "<domain type='qemu' id='%d'>", id);
            CHECK_SUBSTR(xml, needle);
            CHECK_SUBSTR(xml, "/dev/pts/");
            free(xml);
            CHECK_INT(virDomainDestroy(all[i]), -1); /* read-only */
            CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_OPERATION_DENIED);
            virDomainFree(all[i]);
        }
        free(all);
        dom = virDomainLookupByID(ro, id);
        CHECK(dom != NULL);
        if (dom) {
            int state = -1, reason = -1;
            CHECK_INT(virDomainGetState(dom, &state, &reason, 0), 0);
            CHECK_INT(state, VIR_DOMAIN_RUNNING);
            virDomainFree(dom);
        }
    }
    if (tool && *tool) {
        char cmd[1024], out[512] = "";
        snprintf(cmd, sizeof cmd, "'%s' -r -c '%s' list --all | grep -w seen", tool, qt_embed_uri(root));
        CHECK_INT(qt_run(cmd, out, sizeof out), 0);
        CHECK_SUBSTR(out, "running");
    }

    /* A read-write open is refused while the owner lives. */
    rw = virConnectOpen(qt_embed_uri(root));
    CHECK(rw == NULL);
    snprintf(want, sizeof want, "Failed to acquire pid file '%s/run/qemu/driver.pid': "
                                "Resource temporarily unavailable (held by pid %d)", root, (int)h.pid);
    CHECK_ERR_MSG(VIR_ERR_SYSTEM_ERROR, VIR_FROM_QEMU, want);
    if (rw)
        virConnectClose(rw);

    /* The owner exits (its QEMU runs on): the next open takes over at once. */
    CHECK_INT(qt_finish_helper(&h), 0);
    CHECK(kill(qemu_pid, 0) == 0);
    t = qt_now_ms();
    rw = virConnectOpen(qt_embed_uri(root));
    CHECK(rw != NULL);
    fprintf(stderr, "read-write open after the owner exited: %lld ms\n", qt_now_ms() - t);
    dom = rw ? virDomainLookupByName(rw, "seen") : NULL;
    CHECK(dom != NULL);
    if (dom) {
        CHECK_INT(virDomainIsActive(dom), 1);
        CHECK_INT(qt_status_pid(root, "seen"), qemu_pid);
        CHECK_INT(virDomainSuspend(dom), 0); /* the monitor was taken over */
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
    }
    /* The passive view follows. */
    dom = ro ? virDomainLookupByName(ro, "seen") : NULL;
    CHECK(dom != NULL);
    if (dom) {
        CHECK_INT(virDomainIsActive(dom), 0);
        virDomainFree(dom);
    }
    if (rw)
        CHECK_INT(virConnectClose(rw), 0);
    if (ro)
        CHECK_INT(virConnectClose(ro), 0);
    qt_remove_tree(root);
}

int main(int argc, char **argv)
{
    self = argv[0];
    virSetErrorFunc(NULL, check_quiet_error_func);
    if (argc == 5 && strcmp(argv[1], "--racer") == 0)
        return racer(argv[2], argv[3], atoi(argv[4]));
    if (argc == 5 && strcmp(argv[1], "--starter") == 0)
        return starter(argv[2], argv[3]);
    if (argc == 5 && strcmp(argv[1], "--owner") == 0)
        return owner(argv[2], argv[3]);
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: %s GUEST_IMAGE [VIREO_TOOL]\n", argv[0]);
        return 2;
    }
    image = argv[1];
    qt_require_qemu_and_guest(image);
    qt_start_event_loop();

    test_inspector(argc == 3 ? argv[2] : NULL);
    test_killed_during_create();
    test_race();
    return check_finish("qemu-owner");
}
