/*
 * libvirt-lxc.h on a real container (a busybox root), linked against
 * libvireo-lxc.so.0 as a libvirt program links libvirt-lxc.so.0: the init's
 * namespaces in libvirt's order, a forked child that enters them and reads
 * the container's hostname and joins its cgroup, the security label of the
 * model "none", and the argument errors.
 *
 * Needs root (namespaces, mounts) and /bin/busybox: skipped (77) otherwise,
 * failing instead under CI=true.
 */

#include <libvirt/libvirt.h>
#include <libvirt/libvirt-lxc.h>
#include <libvirt/virterror.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../capi/check.h"
#include "qemu_test_support.h"

static const char *const kinds[] = {"user", "ipc", "uts", "net", "pid", "mnt"};

static char *container_xml(const char *name, const char *rootdir)
{
    char *xml = malloc(4096);
    snprintf(xml, 4096,
             "<domain type='lxc'><name>%s</name><memory unit='KiB'>65536</memory>"
             "<os><type>exe</type><init>/bin/sh</init><initarg>-c</initarg>"
             "<initarg>while :; do sleep 1; done</initarg></os>"
             "<devices><filesystem type='mount'><source dir='%s'/><target dir='/'/></filesystem></devices>"
             "</domain>",
             name, rootdir);
    return xml;
}

/* "uts" for a descriptor of a UTS namespace: the part of its link before ':'. */
static void ns_kind(int fd, char *out, size_t size)
{
    char path[64], link[128];
    ssize_t n;
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    n = readlink(path, link, sizeof link - 1);
    link[n > 0 ? n : 0] = '\0';
    snprintf(out, size, "%.*s", (int)strcspn(link, ":"), link);
}

/* The host pid of a process in the pid namespace of descriptor `fd`. */
static int pid_in_ns_of(int fd)
{
    struct stat want;
    DIR *d = opendir("/proc");
    struct dirent *e;
    int found = -1;
    if (fstat(fd, &want) != 0 || !d)
        return -1;
    while ((e = readdir(d)) && found < 0) {
        char path[64];
        struct stat st;
        int pid = atoi(e->d_name);
        snprintf(path, sizeof path, "/proc/%d/ns/pid", pid);
        if (pid > 0 && stat(path, &st) == 0 && st.st_ino == want.st_ino)
            found = pid;
    }
    closedir(d);
    return found;
}

/* The cgroup v2 line ("0::/...") of process `pid` ("self" for 0). */
static void cgroup_of(int pid, char *out, size_t size)
{
    char path[64], line[512];
    FILE *f;
    out[0] = '\0';
    if (pid)
        snprintf(path, sizeof path, "/proc/%d/cgroup", pid);
    else
        snprintf(path, sizeof path, "/proc/self/cgroup");
    f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "0::", 3) == 0)
            snprintf(out, size, "%s", line);
    fclose(f);
}

/* In a forked child, in virsh lxc-enter-namespace's order: the cgroup
 * first (found through the host's /proc, as libvirt does), then the
 * namespaces; checks the cgroup, the hostname and the old namespaces handed
 * back. Exit status: the failed step. */
static int child_enters(virDomainPtr dom, int nfds, int *fds, const char *want_cgroup)
{
    unsigned int nold = 0;
    int *old = NULL;
    char host[256] = "", cgroup[512];
    if (virDomainLxcEnterCGroup(dom, 0) != 0)
        return 10;
    cgroup_of(0, cgroup, sizeof cgroup);
    if (strcmp(cgroup, want_cgroup) != 0)
        return 11;
    if (virDomainLxcEnterNamespace(dom, nfds, fds, &nold, &old, 0) != 0)
        return 12;
    if (gethostname(host, sizeof host) != 0 || strcmp(host, "nsct") != 0)
        return 13;
    if (nold != 6 || !old)
        return 14;
    return 0;
}

static void test_namespaces(virDomainPtr dom)
{
    int *fds = NULL;
    int n = virDomainLxcOpenNamespace(dom, &fds, 0);
    int i, init, status = -1;
    char kind[32], init_cgroup[512];
    pid_t child;

    CHECK_INT(n, 6);
    if (n != 6)
        return;
    for (i = 0; i < n; i++) {
        ns_kind(fds[i], kind, sizeof kind);
        CHECK_STR(kind, kinds[i]);
    }
    init = pid_in_ns_of(fds[4]);
    CHECK(init > 0);
    cgroup_of(init, init_cgroup, sizeof init_cgroup);
    CHECK(init_cgroup[0] != '\0');

    child = fork();
    if (child == 0)
        _exit(child_enters(dom, n, fds, init_cgroup));
    CHECK(child > 0 && waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK_INT(WEXITSTATUS(status), 0);

    /* This process stayed where it was. */
    {
        char host[256] = "";
        gethostname(host, sizeof host);
        CHECK(strcmp(host, "nsct") != 0);
    }
    for (i = 0; i < n; i++)
        close(fds[i]);
    free(fds);
}

static void test_errors(virDomainPtr dom, virDomainPtr inactive)
{
    int *fds = NULL;
    int one = 0;
    virSecurityModel model;
    virSecurityLabel label, old;

    CHECK_INT(virDomainLxcOpenNamespace(dom, NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "fdlist in virDomainLxcOpenNamespace must not be NULL");
    CHECK_INT(virDomainLxcOpenNamespace(dom, &fds, 1), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_LXC);
    CHECK_INT(virDomainLxcOpenNamespace(inactive, &fds, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_LXC, "domain is not running");
    CHECK_INT(virDomainLxcOpenNamespace(NULL, &fds, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM);
    CHECK(fds == NULL);

    CHECK_INT(virDomainLxcEnterNamespace(dom, 0, &one, NULL, NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "Expected at least one file descriptor");
    CHECK_INT(virDomainLxcEnterNamespace(dom, 1, &one, NULL, NULL, 2), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
    CHECK_INT(virDomainLxcEnterCGroup(dom, 4), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
    CHECK_INT(virDomainLxcEnterCGroup(inactive, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_LXC);

    memset(&model, 0, sizeof model);
    memset(&label, 0, sizeof label);
    memset(&old, 'x', sizeof old);
    strcpy(model.model, "none");
    CHECK_INT(virDomainLxcEnterSecurityLabel(&model, &label, &old, 0), 0);
    CHECK(old.label[0] == '\0' && old.enforcing == 0);
    strcpy(model.model, "selinux");
    CHECK_INT(virDomainLxcEnterSecurityLabel(&model, &label, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_NONE);
    strcpy(model.model, "smack");
    CHECK_INT(virDomainLxcEnterSecurityLabel(&model, &label, NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_NONE, "Security model smack cannot be entered");
    CHECK_INT(virDomainLxcEnterSecurityLabel(NULL, &label, NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "model in virDomainLxcEnterSecurityLabel must not be NULL");
    CHECK_INT(virDomainLxcEnterSecurityLabel(&model, &label, NULL, 1), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
}

int main(void)
{
    char *base, rootdir[512], state[512], uri[600], cmd[2048];
    char *xml;
    virConnectPtr conn;
    virDomainPtr dom, inactive;

    qt_require_or_skip(geteuid() == 0, "containers need root (namespaces, mounts)");
    qt_require_or_skip(access("/bin/busybox", X_OK) == 0, "/bin/busybox (busybox-static) is not installed");
    base = qt_make_root();
    snprintf(rootdir, sizeof rootdir, "%s/root", base);
    snprintf(state, sizeof state, "%s/state", base);
    snprintf(uri, sizeof uri, "lxc:///embed?root=%s", state);
    snprintf(cmd, sizeof cmd, "mkdir -p %s/bin && cp /bin/busybox %s/bin/busybox && chroot %s /bin/busybox --install -s /bin",
             rootdir, rootdir, rootdir);
    CHECK_INT(qt_run(cmd, NULL, 0), 0);

    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("lxc-namespace");
    xml = container_xml("nsct", rootdir);
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    xml = container_xml("idle", rootdir);
    inactive = virDomainDefineXML(conn, xml);
    free(xml);
    CHECK(dom != NULL && inactive != NULL);
    if (dom && inactive) {
        test_namespaces(dom);
        test_errors(dom, inactive);
    }
    if (dom) {
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
    }
    if (inactive) {
        CHECK_INT(virDomainUndefine(inactive), 0);
        virDomainFree(inactive);
    }
    CHECK_INT(virConnectClose(conn), 0);
    qt_remove_tree(base);
    return check_finish("lxc-namespace");
}
