/*
 * The QEMU driver with a real qemu-system-x86_64 (TCG) and the tiny test
 * guest: define, start, console, pause, resume, ACPI shutdown, reboot,
 * reset, destroy, a QEMU killed from outside, failed starts that leave
 * nothing behind, and a second process that takes a running domain over.
 *
 * Usage: qemu-lifecycle-test GUEST_IMAGE
 *        qemu-lifecycle-test --takeover ROOT NAME   (the second process)
 */

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../capi/check.h"
#include "qemu_test_support.h"

static const char *image;
static char *root;

static virDomainPtr define_guest(virConnectPtr conn, const char *name, const char *extra)
{
    char *xml = qt_guest_xml(name, image, extra);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    free(xml);
    return dom;
}

static void test_open_and_capabilities(void)
{
    virConnectPtr conn = virConnectOpen(qt_embed_uri(root));
    char *caps;
    CHECK(conn != NULL);
    if (!conn)
        return;
    CHECK_STR(virConnectGetType(conn), "QEMU");
    caps = virConnectGetCapabilities(conn);
    CHECK(caps != NULL);
    if (caps) {
        CHECK_SUBSTR(caps, "<domain type='qemu'/>");
        CHECK_SUBSTR(caps, "<machine canonical='pc-i440fx-");
        CHECK_SUBSTR(caps, "<emulator>");
        free(caps);
    }
    {
        unsigned long version = 0;
        CHECK_INT(virConnectGetVersion(conn, &version), 0);
        CHECK(version >= 7000000);
    }
    {
        char *uri = virConnectGetURI(conn);
        CHECK_STR(uri, qt_embed_uri(root));
        free(uri);
    }
    {
        /* the host's memory as libvirt's QEMU driver reports it (KiB, /proc/meminfo) */
        virNodeMemoryStats stats[8];
        int n = 0;
        CHECK_INT(virNodeGetMemoryStats(conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, NULL, &n, 0), 0);
        CHECK_INT(n, 4);
        memset(stats, 0, sizeof(stats));
        CHECK_INT(virNodeGetMemoryStats(conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, stats, &n, 0), 0);
        CHECK_INT(n, 4);
        CHECK_STR(stats[0].field, VIR_NODE_MEMORY_STATS_TOTAL);
        CHECK_STR(stats[1].field, VIR_NODE_MEMORY_STATS_FREE);
        CHECK_STR(stats[2].field, VIR_NODE_MEMORY_STATS_BUFFERS);
        CHECK_STR(stats[3].field, VIR_NODE_MEMORY_STATS_CACHED);
        CHECK(stats[0].value > stats[1].value && stats[1].value > 0);
        {
            virNodeInfo info;
            CHECK_INT(virNodeGetInfo(conn, &info), 0);
            CHECK_INT(stats[0].value, info.memory);
        }
        n = 2;
        CHECK_INT(virNodeGetMemoryStats(conn, 0, stats, &n, 0), 0);
        CHECK_INT(n, 2);
        CHECK_STR(stats[1].field, VIR_NODE_MEMORY_STATS_FREE);
        CHECK(stats[0].value > 0);
        n = 2;
        CHECK_INT(virNodeGetMemoryStats(conn, 4096, stats, &n, 0), -1);
        CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
    }
    CHECK_INT(virConnectClose(conn), 0);
}

/* No background job runs in this driver: libvirt's answers for a domain
 * without one (measured on Debian's libvirtd 9.0 with qemu:///session). */
static void check_no_job(virDomainPtr dom, int running)
{
    virDomainJobInfo info;
    virTypedParameterPtr params = NULL;
    int type = -1, nparams = -1;

    memset(&info, 0xff, sizeof(info));
    if (running) {
        CHECK_INT(virDomainGetJobInfo(dom, &info), 0);
        CHECK_INT(info.type, VIR_DOMAIN_JOB_NONE);
        CHECK_INT(virDomainGetJobStats(dom, &type, &params, &nparams, 0), 0);
        CHECK_INT(type, VIR_DOMAIN_JOB_NONE);
        CHECK_INT(nparams, 0);
        virTypedParamsFree(params, nparams);
        CHECK_INT(virDomainAbortJob(dom), -1);
        CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "no job is active on the domain");
        return;
    }
    CHECK_INT(virDomainGetJobInfo(dom, &info), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
    CHECK_INT(virDomainGetJobStats(dom, &type, &params, &nparams, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
    CHECK_INT(virDomainGetJobStats(dom, &type, &params, &nparams, VIR_DOMAIN_JOB_STATS_COMPLETED), 0);
    CHECK_INT(type, VIR_DOMAIN_JOB_NONE);
    virTypedParamsFree(params, nparams);
    CHECK_INT(virDomainAbortJobFlags(dom, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
}

static void test_bad_uris(void)
{
    char longroot[200];
    virConnectPtr conn;
    memset(longroot, 'x', sizeof longroot);
    memcpy(longroot, "/tmp/", 5);
    longroot[90] = '\0';
    {
        char uri[300];
        snprintf(uri, sizeof uri, "qemu:///embed?root=%s", longroot);
        conn = virConnectOpen(uri);
        CHECK(conn == NULL);
        CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU);
        CHECK_SUBSTR(virGetLastErrorMessage(), "too long");
    }
    conn = virConnectOpen("qemu:///embed?root=relative/dir");
    CHECK(conn == NULL);
    CHECK_SUBSTR(virGetLastErrorMessage(), "absolute");
    conn = virConnectOpen("qemu:///embed");
    CHECK(conn == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU);
    conn = virConnectOpen("qemu:///nonsense");
    CHECK(conn == NULL);
}

static void test_lifecycle(virConnectPtr conn)
{
    virDomainPtr dom = define_guest(conn, "life", NULL);
    const char *pty;
    char *xml;
    unsigned int id;
    CHECK(dom != NULL);
    if (!dom)
        return;
    xml = virDomainGetXMLDesc(dom, 0);
    CHECK_SUBSTR(xml, "machine='pc-i440fx-");
    free(xml);
    CHECK_INT(virDomainIsActive(dom), 0);
    CHECK_INT(virDomainIsPersistent(dom), 1);
    check_no_job(dom, 0);

    qt_clear_events();
    CHECK_INT(virDomainCreate(dom), 0);
    id = virDomainGetID(dom);
    CHECK(id >= 1 && id != (unsigned int)-1);
    CHECK_INT(virDomainIsActive(dom), 1);
    CHECK(qt_wait_state(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED, 1000));
    CHECK(qt_wait_lifecycle("life", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED, 2000));
    pty = qt_serial_pty(dom);
    CHECK(pty != NULL && strncmp(pty, "/dev/pts/", 9) == 0);
    CHECK(pty && qt_wait_console(pty, "vireo-guest:", 20000));
    xml = virDomainGetXMLDesc(dom, 0);
    CHECK_SUBSTR(xml, "<alias name='serial0'/>");
    free(xml);
    {
        char path[512];
        snprintf(path, sizeof path, "%s/run/qemu/life.xml", root);
        CHECK(qt_exists(path));
        CHECK(qt_status_pid(root, "life") > 0);
    }
    {
        virDomainInfo info;
        CHECK_INT(virDomainGetInfo(dom, &info), 0);
        CHECK_INT(info.state, VIR_DOMAIN_RUNNING);
        CHECK_INT(info.maxMem, 65536);
        CHECK_INT(info.nrVirtCpu, 1);
        CHECK(info.cpuTime > 0);
    }
    check_no_job(dom, 1);

    /* pause and resume */
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK(qt_wait_state(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER, 1000));
    CHECK(qt_wait_lifecycle("life", VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED, 2000));
    CHECK_INT(virDomainResume(dom), 0);
    CHECK(qt_wait_state(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED, 1000));
    CHECK(qt_wait_lifecycle("life", VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED, 2000));

    /* reset: the guest restarts from its firmware, a REBOOT event follows */
    qt_clear_events();
    CHECK_INT(virDomainReset(dom, 0), 0);
    CHECK(qt_wait_reboot("life", 5000));
    CHECK(pty && qt_wait_console(pty, "vireo-guest:", 20000));

    /* reboot through ACPI: the guest powers off and is started again */
    qt_clear_events();
    CHECK_INT(virDomainReboot(dom, 0), 0);
    CHECK(qt_wait_reboot("life", 10000));
    CHECK(pty && qt_wait_console(pty, "vireo-guest:", 20000));
    CHECK_INT(virDomainIsActive(dom), 1);
    CHECK_INT(virDomainGetID(dom), id);

    /* ACPI shutdown: the guest powers off, the domain stops */
    qt_clear_events();
    CHECK_INT(virDomainShutdown(dom), 0);
    CHECK(qt_wait_state(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN, 10000));
    CHECK(qt_wait_lifecycle("life", VIR_DOMAIN_EVENT_SHUTDOWN, VIR_DOMAIN_EVENT_SHUTDOWN_GUEST, 2000));
    CHECK(qt_wait_lifecycle("life", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN, 2000));
    {
        /* A handle caches the id it was made with (as in libvirt); a fresh
         * one shows the domain inactive. */
        virDomainPtr fresh = virDomainLookupByName(conn, "life");
        CHECK(fresh && virDomainGetID(fresh) == (unsigned int)-1);
        if (fresh)
            virDomainFree(fresh);
    }
    CHECK_INT(qt_count_domain_dirs(root), 0);

    /* start paused, then destroy */
    qt_clear_events();
    CHECK_INT(virDomainCreateWithFlags(dom, VIR_DOMAIN_START_PAUSED), 0);
    CHECK(qt_wait_state(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER, 1000));
    CHECK(virDomainGetID(dom) > id);
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK(qt_wait_state(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED, 1000));
    CHECK(qt_wait_lifecycle("life", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED, 2000));
    CHECK_INT(qt_count_domain_dirs(root), 0);
    {
        char path[512];
        snprintf(path, sizeof path, "%s/run/qemu/life.xml", root);
        CHECK(!qt_exists(path));
    }
    /* operations on an inactive domain */
    CHECK_INT(virDomainSuspend(dom), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainDestroy(dom), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN);

    CHECK_INT(virDomainUndefine(dom), 0);
    virDomainFree(dom);
}

/* A suspend right after the start: QEMU's RESUME event of the start's own
 * "cont", handled after the suspend, must not mark the paused domain
 * running (it did: then virDomainResume did nothing, the guest stayed
 * paused and the state said running). */
static void test_suspend_right_after_start(virConnectPtr conn)
{
    virDomainPtr dom = define_guest(conn, "quick", NULL);
    int i, state = -1, reason = -1, paused = 0;
    CHECK(dom != NULL);
    if (!dom)
        return;
    for (i = 0; i < 5; i++) {
        if (virDomainCreate(dom) != 0 || virDomainSuspend(dom) != 0) {
            CHECK(!"start and suspend");
            break;
        }
        usleep(300000);  /* every event of the start has been handled */
        if (virDomainGetState(dom, &state, &reason, 0) == 0 && state == VIR_DOMAIN_PAUSED &&
            reason == VIR_DOMAIN_PAUSED_USER)
            paused++;
        else
            fprintf(stderr, "try %d: state %d reason %d after suspend\n", i, state, reason);
        CHECK_INT(virDomainDestroy(dom), 0);
    }
    CHECK_INT(paused, 5);
    virDomainUndefine(dom);
    virDomainFree(dom);
}

static void test_killed_from_outside(virConnectPtr conn)
{
    virDomainPtr dom = define_guest(conn, "victim", NULL);
    int pid;
    CHECK(dom != NULL);
    if (!dom)
        return;
    CHECK_INT(virDomainCreate(dom), 0);
    pid = qt_status_pid(root, "victim");
    CHECK(pid > 0);
    qt_clear_events();
    if (pid > 0)
        kill(pid, SIGKILL);
    CHECK(qt_wait_state(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED, 5000));
    CHECK(qt_wait_lifecycle("victim", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FAILED, 2000));
    CHECK_INT(qt_count_domain_dirs(root), 0);
    /* it can start again */
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK_INT(virDomainUndefine(dom), 0);
    virDomainFree(dom);
}

/* The guest XML with lifecycle actions put in before <devices>. */
static char *guest_with_actions(const char *name, const char *poweroff, const char *reboot, const char *crash)
{
    char *xml = qt_guest_xml(name, image, NULL);
    const char *devices = strstr(xml, "<devices>");
    char actions[256], *out;
    size_t head;
    snprintf(actions, sizeof actions, "<on_poweroff>%s</on_poweroff><on_reboot>%s</on_reboot><on_crash>%s</on_crash>",
             poweroff, reboot, crash);
    if (!devices)
        return xml;
    head = (size_t)(devices - xml);
    out = malloc(strlen(xml) + strlen(actions) + 1);
    memcpy(out, xml, head);
    strcpy(out + head, actions);
    strcat(out, devices);
    free(xml);
    return out;
}

/* libvirt's QEMU driver refuses what QEMU cannot do, and with
 * <on_reboot>destroy</on_reboot> a reset or a reboot ends the domain. */
static void test_lifecycle_actions(virConnectPtr conn)
{
    static const char *refused[][3] = {
        {"preserve", "restart", "destroy"},
        {"destroy", "preserve", "destroy"},
        {"rename-restart", "restart", "destroy"},
        {"destroy", "restart", "rename-restart"},
        {"restart", "destroy", "destroy"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        char *xml = guest_with_actions("actions", refused[i][0], refused[i][1], refused[i][2]);
        virDomainPtr dom = virDomainDefineXML(conn, xml);
        CHECK(dom == NULL);
        CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU);
        if (dom) {
            virDomainUndefine(dom);
            virDomainFree(dom);
        }
        free(xml);
    }

    char *xml = guest_with_actions("noreboot", "destroy", "destroy", "preserve");
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    /* A reset becomes a shutdown (QEMU's reboot action is 'shutdown'). */
    CHECK_INT(virDomainCreate(dom), 0);
    qt_clear_events();
    CHECK_INT(virDomainReset(dom, 0), 0);
    CHECK(qt_wait_state(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN, 10000));
    CHECK(qt_wait_lifecycle("noreboot", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN, 2000));
    CHECK(!qt_wait_reboot("noreboot", 200));
    /* virDomainReboot shuts the guest down instead of restarting it. */
    CHECK_INT(virDomainCreate(dom), 0);
    {
        const char *pty = qt_serial_pty(dom);
        CHECK(pty && qt_wait_console(pty, "vireo-guest: up", 20000));
    }
    qt_clear_events();
    CHECK_INT(virDomainReboot(dom, 0), 0);
    CHECK(qt_wait_state(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN, 20000));
    CHECK(qt_wait_lifecycle("noreboot", VIR_DOMAIN_EVENT_SHUTDOWN, VIR_DOMAIN_EVENT_SHUTDOWN_GUEST, 2000));
    CHECK(!qt_wait_reboot("noreboot", 200));
    CHECK_INT(qt_count_domain_dirs(root), 0);
    CHECK_INT(virDomainUndefine(dom), 0);
    virDomainFree(dom);
}

static void test_failed_starts(virConnectPtr conn)
{
    /* QEMU refuses the configuration: its own message comes back */
    const char *huge =
        "<domain type='qemu'><name>huge</name><memory unit='TiB'>256</memory><vcpu>1</vcpu>"
        "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>";
    virDomainPtr dom = virDomainCreateXML(conn, huge, 0);
    CHECK(dom == NULL);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU);
    CHECK_SUBSTR(virGetLastErrorMessage(), "qemu-system");
    CHECK_INT(qt_count_domain_dirs(root), 0);
    CHECK(virDomainLookupByName(conn, "huge") == NULL);
    {
        char path[512];
        snprintf(path, sizeof path, "%s/run/qemu/huge.xml", root);
        CHECK(!qt_exists(path));
    }
    /* an emulator that is not there */
    {
        const char *missing =
            "<domain type='qemu'><name>noemu</name><memory unit='MiB'>64</memory>"
            "<os><type arch='x86_64'>hvm</type></os>"
            "<devices><emulator>/nonexistent/qemu</emulator></devices></domain>";
        dom = virDomainDefineXML(conn, missing);
        CHECK(dom == NULL);
        CHECK_SUBSTR(virGetLastErrorMessage(), "/nonexistent/qemu");
    }
    /* kvm without /dev/kvm */
    if (access("/dev/kvm", F_OK) != 0) {
        const char *kvm =
            "<domain type='kvm'><name>kvm</name><memory unit='MiB'>64</memory>"
            "<os><type arch='x86_64'>hvm</type></os><devices/></domain>";
        dom = virDomainCreateXML(conn, kvm, 0);
        CHECK(dom == NULL);
        CHECK_SUBSTR(virGetLastErrorMessage(), "does not support virt type 'kvm'");
        CHECK_INT(qt_count_domain_dirs(root), 0);
    }
}

/* Where /dev/kvm is usable, a type='kvm' domain runs under KVM: QEMU is
 * given -accel kvm, the guest boots and speaks. (Where it is not, the
 * failed-start test above checks the refusal instead.) The default CPU model
 * is used: `-cpu host` aborts inside QEMU 7.2 on some nested hosts, which
 * the command-line test checks against a bare QEMU. */
static void test_kvm(virConnectPtr conn)
{
    char *xml, *p;
    virDomainPtr dom;
    const char *pty;
    int pid;
    if (access("/dev/kvm", R_OK | W_OK) != 0) {
        printf("SKIPPED (part): type='kvm' start, /dev/kvm is not usable here\n");
        return;
    }
    xml = qt_guest_xml("kvmguest", image, NULL);
    p = strstr(xml, "type='qemu'");
    CHECK(p != NULL);
    if (!p) {
        free(xml);
        return;
    }
    memcpy(p, "type='kvm' ", strlen("type='qemu'"));
    dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    CHECK(qt_wait_state(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED, 1000));
    pid = qt_status_pid(root, "kvmguest");
    CHECK(pid > 0);
    if (pid > 0) {
        char cmdline[8192], path[64];
        size_t n = 0;
        FILE *f;
        snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
        f = fopen(path, "r");
        if (f) {
            n = fread(cmdline, 1, sizeof cmdline - 1, f);
            fclose(f);
        }
        for (size_t i = 0; i < n; i++)
            if (cmdline[i] == '\0')
                cmdline[i] = ' ';
        cmdline[n] = '\0';
        CHECK_SUBSTR(cmdline, "-accel kvm");
    }
    pty = qt_serial_pty(dom);
    CHECK(pty && qt_wait_console(pty, "vireo-guest:", 20000));
    xml = virDomainGetXMLDesc(dom, 0);
    CHECK_SUBSTR(xml, "<domain type='kvm' id=");
    free(xml);
    CHECK_INT(virDomainDestroy(dom), 0);
    virDomainFree(dom);
}

static void test_transient_and_native(virConnectPtr conn)
{
    char *xml = qt_guest_xml("transient", image, NULL);
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    char *native;
    CHECK(dom != NULL);
    if (dom) {
        CHECK_INT(virDomainIsPersistent(dom), 0);
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
        CHECK(virDomainLookupByName(conn, "transient") == NULL);
        CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU);
    }
    native = virConnectDomainXMLToNative(conn, "qemu-argv", xml, 0);
    CHECK(native != NULL);
    if (native) {
        CHECK_SUBSTR(native, "LC_ALL=C");
        CHECK_SUBSTR(native, "-name guest=transient");
        CHECK_SUBSTR(native, "-blockdev ");
        free(native);
    }
    CHECK(virConnectDomainXMLToNative(conn, "xen-xm", xml, 0) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU);
    free(xml);
}

/* The second process: takes the running domain over and drives it. */
static int takeover_child(const char *childroot, const char *name)
{
    virConnectPtr conn = virConnectOpen(qt_embed_uri(childroot));
    virDomainPtr dom;
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("qemu-takeover-child");
    dom = virDomainLookupByName(conn, name);
    CHECK(dom != NULL);
    if (dom) {
        char *xml = virDomainGetXMLDesc(dom, 0);
        CHECK_INT(virDomainIsActive(dom), 1);
        CHECK(virDomainGetID(dom) >= 1 && virDomainGetID(dom) != (unsigned int)-1);
        CHECK_SUBSTR(xml, "/dev/pts/");
        free(xml);
        CHECK_INT(virDomainSuspend(dom), 0);
        CHECK(qt_wait_state(dom, VIR_DOMAIN_PAUSED, -1, 1000));
        CHECK_INT(virDomainResume(dom), 0);
        CHECK_INT(virDomainDestroy(dom), 0);
        CHECK_INT(virDomainIsActive(dom), 0);
        virDomainFree(dom);
    }
    virConnectClose(conn);
    return check_finish("qemu-takeover-child");
}

/* A domain marked autostart starts when its root is opened (by a fresh
 * driver instance: every connection to the root closed before). */
static void test_autostart(void)
{
    virConnectPtr conn = virConnectOpen(qt_embed_uri(root));
    virDomainPtr dom;
    int autostart = -1;
    CHECK(conn != NULL);
    if (!conn)
        return;
    dom = define_guest(conn, "auto", NULL);
    CHECK(dom != NULL);
    if (dom) {
        CHECK_INT(virDomainSetAutostart(dom, 1), 0);
        CHECK_INT(virDomainGetAutostart(dom, &autostart), 0);
        CHECK_INT(autostart, 1);
        virDomainFree(dom);
    }
    CHECK_INT(virConnectClose(conn), 0);

    conn = virConnectOpen(qt_embed_uri(root));
    dom = conn ? virDomainLookupByName(conn, "auto") : NULL;
    CHECK(dom != NULL);
    if (dom) {
        CHECK_INT(virDomainIsActive(dom), 1);
        CHECK_INT(virDomainDestroy(dom), 0);
        CHECK_INT(virDomainSetAutostart(dom, 0), 0);
        CHECK_INT(virDomainUndefine(dom), 0);
        virDomainFree(dom);
    }
    if (conn)
        CHECK_INT(virConnectClose(conn), 0);
    CHECK_INT(qt_count_domain_dirs(root), 0);
}

static void test_takeover(const char *self)
{
    virConnectPtr conn = virConnectOpen(qt_embed_uri(root));
    virDomainPtr dom;
    int pid, status = -1;
    pid_t child;
    CHECK(conn != NULL);
    if (!conn)
        return;
    dom = define_guest(conn, "kept", NULL);
    CHECK(dom != NULL);
    if (!dom) {
        virConnectClose(conn);
        return;
    }
    CHECK_INT(virDomainCreate(dom), 0);
    pid = qt_status_pid(root, "kept");
    virDomainFree(dom);
    /* The last connection to the root goes: QEMU keeps running. */
    CHECK_INT(virConnectClose(conn), 0);
    CHECK(pid > 0 && kill(pid, 0) == 0);

    child = fork();
    if (child == 0) {
        execl(self, self, "--takeover", root, "kept", (char *)NULL);
        _exit(127);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_INT(qt_count_domain_dirs(root), 0);
    CHECK(qt_status_pid(root, "kept") == -1);

    /* A root whose QEMU died while nobody watched is cleaned up at open. */
    conn = virConnectOpen(qt_embed_uri(root));
    dom = conn ? virDomainLookupByName(conn, "kept") : NULL;
    CHECK(dom != NULL);
    if (dom) {
        CHECK_INT(virDomainCreate(dom), 0);
        pid = qt_status_pid(root, "kept");
        virDomainFree(dom);
    }
    if (conn)
        virConnectClose(conn);
    if (pid > 0)
        kill(pid, SIGKILL);
    usleep(200000);
    conn = virConnectOpen(qt_embed_uri(root));
    dom = conn ? virDomainLookupByName(conn, "kept") : NULL;
    CHECK(dom != NULL);
    if (dom) {
        CHECK_INT(virDomainIsActive(dom), 0);
        CHECK_INT(qt_count_domain_dirs(root), 0);
        CHECK_INT(virDomainUndefine(dom), 0);
        virDomainFree(dom);
    }
    if (conn)
        virConnectClose(conn);
}

int main(int argc, char **argv)
{
    virConnectPtr conn;
    if (argc == 4 && strcmp(argv[1], "--takeover") == 0)
        return takeover_child(argv[2], argv[3]);
    if (argc != 2) {
        fprintf(stderr, "usage: %s GUEST_IMAGE\n", argv[0]);
        return 2;
    }
    image = argv[1];
    qt_require_qemu_and_guest(image);
    root = qt_make_root();
    qt_start_event_loop();

    test_open_and_capabilities();
    test_bad_uris();
    conn = virConnectOpen(qt_embed_uri(root));
    CHECK(conn != NULL);
    if (conn) {
        qt_watch_events(conn);
        test_lifecycle(conn);
        test_suspend_right_after_start(conn);
        test_killed_from_outside(conn);
        test_lifecycle_actions(conn);
        test_failed_starts(conn);
        test_transient_and_native(conn);
        test_kvm(conn);
        qt_unwatch_events(conn);
        CHECK_INT(virConnectClose(conn), 0);
    }
    test_autostart();
    test_takeover(argv[0]);
    qt_remove_tree(root);
    return check_finish("qemu-lifecycle");
}
