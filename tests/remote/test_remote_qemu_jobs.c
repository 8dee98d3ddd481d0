/*
 * test_remote_qemu_jobs.c: jobs, migration tuning, block statistics and
 * peeks, security labels, devices by alias, the guest agent's calls, save
 * and restore with parameters, backups and the host's memory, on a real
 * QEMU domain of the daemon, through the remote driver.
 *
 * Run by tests/remote/qemu_test.py inside with_libvirtd.py (the daemon's
 * qemu:///session, TCG). The domain has one raw disk whose first bytes the
 * test writes, so that BlockPeek has something to find. Asserts, on the
 * running domain: no job (GetJobInfo, GetJobStats) and AbortJob refused;
 * the migration settings read back after a set; BlockStatsFlags counts and
 * returns the disk's counters; the security label list starts with the
 * label GetSecurityLabel gives; DetachDeviceAlias removes a USB tablet the
 * test hot-plugged with a user alias; BlockPeek reads the bytes written;
 * the agent's calls fail as the daemon says without an agent; a pull-mode
 * backup shows as a running job with its XML until AbortJob ends it;
 * SaveParams stops the domain and RestoreParams brings it back. On a
 * defined domain that does not run: no job ("domain is not running"),
 * BlockPeek reads the image, no security labels. The host's memory
 * statistics have "total" and "free", and KSM's pages_to_scan from
 * NodeGetMemoryParameters is the one in sysfs. A block copy with a
 * bandwidth parameter runs as a copy job with that bandwidth until
 * aborted. With NULL or bad arguments,
 * each call fails before the daemon with libvirt's error. The same program
 * is built against Debian's libvirt (remote-qemu-jobs-libvirt), so every
 * answer asserted here is libvirt's.
 */
#include "../capi/check.h"

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#define NAME "vireo-remote-jobs"
#define MARK "vireo-block-peek"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A 16 MiB raw image that starts with MARK. */
static int make_image(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    int ok;
    if (fd < 0)
        return -1;
    ok = write(fd, MARK, strlen(MARK)) == (ssize_t)strlen(MARK) && ftruncate(fd, 16 << 20) == 0;
    close(fd);
    return ok && chmod(path, 0666) == 0 ? 0 : -1;
}

static int has_param(virTypedParameterPtr params, int n, const char *field)
{
    int i;
    for (i = 0; i < n; i++)
        if (strcmp(params[i].field, field) == 0)
            return 1;
    return 0;
}

static void test_jobs(virDomainPtr dom)
{
    virDomainJobInfo info;
    virTypedParameterPtr params = NULL;
    int type = -1, nparams = -1;
    unsigned long long ull = 0;
    unsigned long ul = 0;

    memset(&info, 0xff, sizeof(info));
    CHECK_INT(virDomainGetJobInfo(dom, &info), 0);
    CHECK_INT(info.type, VIR_DOMAIN_JOB_NONE);
    CHECK_INT(virDomainGetJobInfo(dom, NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "info in virDomainGetJobInfo must not be NULL");

    CHECK_INT(virDomainGetJobStats(dom, &type, &params, &nparams, 0), 0);
    CHECK_INT(type, VIR_DOMAIN_JOB_NONE);
    CHECK_INT(nparams, 0);
    virTypedParamsFree(params, nparams);
    CHECK_INT(virDomainGetJobStats(dom, NULL, &params, &nparams, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "type in virDomainGetJobStats must not be NULL");

    CHECK_INT(virDomainAbortJob(dom), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "no job is active on the domain");
    CHECK_INT(virDomainAbortJobFlags(dom, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "no job is active on the domain");
    CHECK_INT(virDomainMigrateStartPostCopy(dom, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU);

    CHECK_INT(virDomainMigrateSetMaxDowntime(dom, 750, 0), 0);
    CHECK_INT(virDomainMigrateGetMaxDowntime(dom, &ull, 0), 0);
    CHECK_INT(ull, 750);
    CHECK_INT(virDomainMigrateGetMaxDowntime(dom, NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "downtime in virDomainMigrateGetMaxDowntime must not be NULL");

    CHECK_INT(virDomainMigrateSetMaxSpeed(dom, 42, 0), 0);
    CHECK_INT(virDomainMigrateGetMaxSpeed(dom, &ul, 0), 0);
    CHECK_INT(ul, 42);
    CHECK_INT(virDomainMigrateGetMaxSpeed(dom, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    CHECK_INT(virDomainMigrateSetCompressionCache(dom, 128ULL << 20, 0), 0);
    CHECK_INT(virDomainMigrateGetCompressionCache(dom, &ull, 0), 0);
    CHECK_INT(ull, 128ULL << 20);
    CHECK_INT(virDomainMigrateGetCompressionCache(dom, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    CHECK_INT(virDomainStartDirtyRateCalc(dom, 1, 0), 0);
}

/* A block copy of vda into a new file with a bandwidth limit: a mirror job
 * that stays until it is aborted. */
static void copy_and_abort(virDomainPtr dom, const char *dir)
{
    char dest[1024], path[512];
    virTypedParameterPtr params = NULL;
    int nparams = 0, maxparams = 0, r;
    virDomainBlockJobInfo info;
    double start;

    snprintf(path, sizeof(path), "%s/copy.raw", dir);
    snprintf(dest, sizeof(dest), "<disk type='file'><driver type='raw'/><source file='%s'/></disk>", path);
    CHECK_INT(virTypedParamsAddULLong(&params, &nparams, &maxparams, VIR_DOMAIN_BLOCK_COPY_BANDWIDTH, 64ULL << 20), 0);
    CHECK_INT(virDomainBlockCopy(dom, "vda", dest, params, nparams, 0), 0);
    memset(&info, 0, sizeof(info));
    CHECK_INT(virDomainGetBlockJobInfo(dom, "vda", &info, VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES), 1);
    CHECK_INT(info.type, VIR_DOMAIN_BLOCK_JOB_TYPE_COPY);
    CHECK_INT(info.bandwidth, 64ULL << 20);
    CHECK_INT(virDomainBlockJobAbort(dom, "vda", 0), 0);
    start = now();
    do {
        r = virDomainGetBlockJobInfo(dom, "vda", &info, 0);
        if (r == 1)
            usleep(100000);
    } while (r == 1 && now() - start < 10);
    CHECK_INT(r, 0);
    virTypedParamsFree(params, nparams);
    unlink(path);
}

static void test_block(virDomainPtr dom, const char *dir)
{
    virDomainBlockStatsStruct stats;
    virTypedParameter params[32];
    int nparams = 0, i;
    char buf[64];

    /* with the vCPUs paused the firmware's reads stop: both calls see the same counters */
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainBlockStats(dom, "vda", &stats, sizeof(stats)), 0);
    CHECK_INT(virDomainBlockStatsFlags(dom, "vda", NULL, &nparams, 0), 0);
    CHECK(nparams >= 4);
    if (nparams > 32)
        nparams = 32;
    memset(params, 0, sizeof(params));
    CHECK_INT(virDomainBlockStatsFlags(dom, "vda", params, &nparams, 0), 0);
    CHECK(has_param(params, nparams, VIR_DOMAIN_BLOCK_STATS_READ_BYTES));
    CHECK(has_param(params, nparams, VIR_DOMAIN_BLOCK_STATS_WRITE_REQ));
    for (i = 0; i < nparams; i++) {
        if (strcmp(params[i].field, VIR_DOMAIN_BLOCK_STATS_READ_BYTES) == 0)
            CHECK_INT(params[i].value.l, stats.rd_bytes);
        if (strcmp(params[i].field, VIR_DOMAIN_BLOCK_STATS_READ_REQ) == 0)
            CHECK_INT(params[i].value.l, stats.rd_req);
    }
    virTypedParamsClear(params, nparams);
    CHECK_INT(virDomainResume(dom), 0);
    nparams = 1;
    CHECK_INT(virDomainBlockStatsFlags(dom, "vda", params, &nparams, 0), 0);
    CHECK_INT(nparams, 1);
    virTypedParamsClear(params, nparams);
    CHECK_INT(virDomainBlockStatsFlags(dom, "vdz", params, &nparams, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU);
    nparams = 1;
    CHECK_INT(virDomainBlockStatsFlags(dom, "vda", NULL, &nparams, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "params in virDomainBlockStatsFlags must not be NULL");

    memset(buf, 0, sizeof(buf));
    CHECK_INT(virDomainBlockPeek(dom, "vda", 0, strlen(MARK), buf, 0), 0);
    CHECK_STR(buf, MARK);
    memset(buf, 0, sizeof(buf));
    CHECK_INT(virDomainBlockPeek(dom, "vda", 4, 5, buf, 0), 0);
    CHECK_STR(buf, "o-blo");
    CHECK_INT(virDomainBlockPeek(dom, "vdz", 0, 4, buf, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU);
    CHECK_INT(virDomainBlockPeek(dom, "vda", 0, 4, NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "buffer in virDomainBlockPeek must not be NULL");

    copy_and_abort(dom, dir);
    CHECK_INT(virDomainBlockCopy(dom, "vdz", "<disk type='file'><source file='/nonexistent/copy.raw'/></disk>",
                                 NULL, 0, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU);
    CHECK_INT(virDomainBlockCopy(dom, "vda", NULL, NULL, 0, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "destxml in virDomainBlockCopy must not be NULL");
}

static void test_labels_and_devices(virDomainPtr dom)
{
    virSecurityLabel label;
    virSecurityLabelPtr labels = NULL;
    char *xml;
    double start;
    int n, gone = 0;
    static const char tablet[] = "<input type='tablet' bus='usb'><alias name='ua-vireo-tablet'/></input>";

    memset(&label, 0, sizeof(label));
    CHECK_INT(virDomainGetSecurityLabel(dom, &label), 0);
    n = virDomainGetSecurityLabelList(dom, &labels);
    CHECK(n >= 1);
    if (n >= 1) {
        CHECK_STR(labels[0].label, label.label);
        CHECK_INT(labels[0].enforcing, label.enforcing);
    }
    free(labels);
    CHECK_INT(virDomainGetSecurityLabelList(dom, NULL), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    /* a USB tablet: its removal needs no guest (vCPUs paused, see remote-qemu-events) */
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainAttachDeviceFlags(dom, tablet, VIR_DOMAIN_AFFECT_LIVE), 0);
    xml = virDomainGetXMLDesc(dom, 0);
    CHECK(xml && strstr(xml, "ua-vireo-tablet"));
    free(xml);
    CHECK_INT(virDomainDetachDeviceAlias(dom, "ua-vireo-tablet", VIR_DOMAIN_AFFECT_LIVE), 0);
    start = now();
    while (!gone && now() - start < 10) {
        xml = virDomainGetXMLDesc(dom, 0);
        gone = xml && !strstr(xml, "ua-vireo-tablet");
        free(xml);
        if (!gone)
            usleep(100000);
    }
    CHECK(gone);
    CHECK_INT(virDomainDetachDeviceAlias(dom, "ua-vireo-none", VIR_DOMAIN_AFFECT_LIVE), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "no device found with alias ua-vireo-none");
    CHECK_INT(virDomainDetachDeviceAlias(dom, NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "alias in virDomainDetachDeviceAlias must not be NULL");
    CHECK_INT(virDomainResume(dom), 0);

    CHECK_INT(virDomainSetVcpu(dom, "0", 0, VIR_DOMAIN_AFFECT_LIVE), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU, "vcpu '0' can't be unplugged");
    CHECK_INT(virDomainSetVcpu(dom, NULL, 0, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
}

/* The domain has no guest agent: the daemon refuses each agent call. */
static void test_agent(virDomainPtr dom)
{
    virTypedParameterPtr params = NULL;
    unsigned int nvcpus = 0;
    int nparams = 0;
    char **keys = NULL;
    const char *one[] = { "ssh-ed25519 AAAA vireo" };

    CHECK_INT(virDomainGetGuestVcpus(dom, &params, &nvcpus, 0), -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_QEMU);
    CHECK_INT(virDomainSetGuestVcpus(dom, "0", 1, 0), -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_QEMU);
    CHECK_INT(virDomainGetGuestInfo(dom, VIR_DOMAIN_GUEST_INFO_OS, &params, &nparams, 0), -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_QEMU);
    CHECK_INT(virDomainAuthorizedSSHKeysGet(dom, "root", &keys, 0), -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_QEMU);
    CHECK_INT(virDomainAuthorizedSSHKeysSet(dom, "root", one, 1, VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND), -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_QEMU);
    CHECK_INT(virDomainAuthorizedSSHKeysSet(dom, "root", NULL, 0, VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "keys in virDomainAuthorizedSSHKeysSet must not be NULL");
    CHECK_INT(virDomainPMSuspendForDuration(dom, VIR_NODE_SUSPEND_TARGET_MEM, 0, 0), -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_QEMU);
    CHECK_INT(virDomainAgentSetResponseTimeout(dom, 7, 0), 0);
    CHECK_INT(virDomainAgentSetResponseTimeout(dom, -3, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU);
}

/* A pull-mode backup: an NBD export that stays until the job is aborted. */
static void test_backup(virDomainPtr dom, const char *dir)
{
    char backup[1024];
    virDomainJobInfo info;
    virTypedParameterPtr params = NULL;
    int type = -1, nparams = 0;
    char *xml;
    double start;

    snprintf(backup, sizeof(backup),
             "<domainbackup mode='pull'><server transport='unix' socket='%s/nbd.sock'/>"
             "<disks><disk name='vda' backup='yes' type='file'><scratch file='%s/scratch.qcow2'/></disk>"
             "</disks></domainbackup>", dir, dir);
    CHECK_INT(virDomainBackupBegin(dom, backup, NULL, 0), 0);
    xml = virDomainBackupGetXMLDesc(dom, 0);
    CHECK(xml && strstr(xml, "mode='pull'"));
    free(xml);
    CHECK_INT(virDomainGetJobInfo(dom, &info), 0);
    CHECK_INT(info.type, VIR_DOMAIN_JOB_UNBOUNDED);
    CHECK_INT(virDomainGetJobStats(dom, &type, &params, &nparams, 0), 0);
    CHECK_INT(type, VIR_DOMAIN_JOB_UNBOUNDED);
    CHECK(has_param(params, nparams, VIR_DOMAIN_JOB_OPERATION));
    virTypedParamsFree(params, nparams);
    CHECK_INT(virDomainAbortJob(dom), 0);
    /* the daemon may still be tearing the export down when the abort returns */
    start = now();
    do {
        CHECK_INT(virDomainGetJobInfo(dom, &info), 0);
        if (info.type != VIR_DOMAIN_JOB_NONE)
            usleep(100000);
    } while (info.type != VIR_DOMAIN_JOB_NONE && now() - start < 10);
    CHECK_INT(info.type, VIR_DOMAIN_JOB_NONE);
    CHECK(virDomainBackupGetXMLDesc(dom, 0) == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN_BACKUP, VIR_FROM_QEMU);
    CHECK_INT(virDomainBackupBegin(dom, NULL, NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "backupXML in virDomainBackupBegin must not be NULL");
}

static void test_save(virConnectPtr conn, virDomainPtr dom, const char *dir)
{
    char path[512];
    virTypedParameterPtr params = NULL;
    int nparams = 0, maxparams = 0;

    snprintf(path, sizeof(path), "%s/saved.img", dir);
    CHECK_INT(virTypedParamsAddString(&params, &nparams, &maxparams, VIR_DOMAIN_SAVE_PARAM_FILE, path), 0);
    CHECK_INT(virDomainSaveParams(dom, params, nparams, VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainSaveParams(dom, params, nparams, 0), 0);
    /* the domain is transient: saved, it is gone until the restore */
    CHECK_INT(virDomainIsActive(dom), -1);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU);
    CHECK_INT(virDomainRestoreParams(conn, params, nparams, VIR_DOMAIN_SAVE_PAUSED), 0);
    CHECK_INT(virDomainIsActive(dom), 1);
    virTypedParamsFree(params, nparams);
    unlink(path);

    CHECK_INT(virDomainManagedSaveDefineXML(dom, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU);
}

static void test_host(virConnectPtr conn)
{
    virNodeMemoryStats stats[16];
    virTypedParameterPtr params = NULL;
    int nparams = 0, i, total = -1, free_ = -1;
    unsigned int size = 4;
    unsigned long long count = 1;
    char *xml;

    CHECK_INT(virNodeGetMemoryStats(conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, NULL, &nparams, 0), 0);
    CHECK(nparams >= 2 && nparams <= 16);
    memset(stats, 0, sizeof(stats));
    CHECK_INT(virNodeGetMemoryStats(conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, stats, &nparams, 0), 0);
    for (i = 0; i < nparams; i++) {
        if (strcmp(stats[i].field, VIR_NODE_MEMORY_STATS_TOTAL) == 0)
            total = i;
        if (strcmp(stats[i].field, VIR_NODE_MEMORY_STATS_FREE) == 0)
            free_ = i;
    }
    CHECK(total >= 0 && free_ >= 0);
    if (total >= 0 && free_ >= 0)
        CHECK(stats[total].value > stats[free_].value && stats[free_].value > 0);
    nparams = 0;
    CHECK_INT(virNodeGetMemoryStats(conn, -2, NULL, &nparams, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "cellNum in virNodeGetMemoryStats only accepts -1 as a negative value");

    /* KSM's tunables, read by the daemon from sysfs when the kernel has KSM */
    nparams = 0;
    if (access("/sys/kernel/mm/ksm/pages_to_scan", R_OK) == 0) {
        virTypedParameter mp[16];
        unsigned int scan = 0, file = 0;
        FILE *f;
        CHECK_INT(virNodeGetMemoryParameters(conn, NULL, &nparams, 0), 0);
        CHECK(nparams >= 2 && nparams <= 16);
        memset(mp, 0, sizeof(mp));
        CHECK_INT(virNodeGetMemoryParameters(conn, mp, &nparams, 0), 0);
        CHECK_INT(virTypedParamsGetUInt(mp, nparams, VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, &scan), 1);
        f = fopen("/sys/kernel/mm/ksm/pages_to_scan", "r");
        CHECK(f && fscanf(f, "%u", &file) == 1);
        if (f)
            fclose(f);
        CHECK_INT(scan, file);
        virTypedParamsClear(mp, nparams);
    }
    nparams = 1;
    CHECK_INT(virNodeGetMemoryParameters(conn, NULL, &nparams, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "params in virNodeGetMemoryParameters must not be NULL");

    CHECK_INT(virNodeAllocPages(conn, 1, &size, &count, -1, 1, 0), -1);
    CHECK_INT(virNodeAllocPages(conn, 0, &size, &count, 0, 1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "npages in virNodeAllocPages must not be zero");
    /* an unknown target: refused before the host is touched */
    CHECK_INT(virNodeSuspendForDuration(conn, 99, 60, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);

    nparams = 0;
    CHECK_INT(virNodeGetSEVInfo(conn, &params, &nparams, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU);

    xml = virConnectDomainXMLFromNative(conn, "qemu-argv", "qemu-system-x86_64 -m 64", 0);
    CHECK(xml == NULL);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN); /* libvirt 9.0's QEMU driver parses no argv */
}

/* A defined domain that does not run. */
static void test_inactive(virConnectPtr conn, const char *image)
{
    char xml[2048], buf[8];
    virDomainPtr dom;
    virDomainJobInfo info;
    virTypedParameterPtr params = NULL;
    int type = -1, nparams = 0;
    unsigned long long ull = 0;
    virSecurityLabelPtr labels = NULL;

    snprintf(xml, sizeof(xml),
             "<domain type='qemu'><name>" NAME "-off</name><memory>65536</memory>"
             "<os><type arch='x86_64'>hvm</type></os><devices>"
             "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
             "<source file='%s'/><target dev='vda' bus='virtio'/></disk>"
             "</devices></domain>", image);
    dom = virDomainDefineXML(conn, xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    CHECK_INT(virDomainGetJobInfo(dom, &info), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
    CHECK_INT(virDomainGetJobStats(dom, &type, &params, &nparams, VIR_DOMAIN_JOB_STATS_COMPLETED), 0);
    CHECK_INT(type, VIR_DOMAIN_JOB_NONE);
    virTypedParamsFree(params, nparams);
    CHECK_INT(virDomainAbortJob(dom), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
    CHECK_INT(virDomainMigrateGetMaxDowntime(dom, &ull, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
    /* the daemon reads an inactive domain's image itself */
    memset(buf, 0, sizeof(buf));
    CHECK_INT(virDomainBlockPeek(dom, "vda", 0, 4, buf, 0), 0);
    CHECK_STR(buf, "vire");
    /* no labels before a start */
    CHECK_INT(virDomainGetSecurityLabelList(dom, &labels), 0);
    free(labels);
    CHECK_INT(virDomainDetachDeviceAlias(dom, "ua-none", VIR_DOMAIN_AFFECT_LIVE), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainUndefine(dom), 0);
    virDomainFree(dom);
}

int main(void)
{
    const char *tcp = getenv("VIREO_LIBVIRTD_TCP");
    char dir[] = "/tmp/vireo-remote-jobs-XXXXXX";
    char uri[256], image[512], xml[2048], scratch[512];
    virConnectPtr conn;
    virDomainPtr dom;

    if (!check_is_remote() || !getenv("VIREO_QEMU_TEST")) {
        fprintf(stderr, "SKIP: run through tests/remote/qemu_test.py\n");
        return 77;
    }
    check_init();
    if (!check_mkdtemp(dir)) {
        CHECK(!"mkdtemp failed");
        return check_finish("test_remote_qemu_jobs");
    }
    snprintf(image, sizeof(image), "%s/disk.raw", dir);
    snprintf(scratch, sizeof(scratch), "%s/scratch.qcow2", dir);
    CHECK_INT(make_image(image), 0);
    snprintf(xml, sizeof(xml),
             "<domain type='qemu'><name>" NAME "</name><memory>65536</memory>"
             "<os><type arch='x86_64'>hvm</type></os><devices>"
             "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
             "<source file='%s'/><target dev='vda' bus='virtio'/></disk>"
             "</devices></domain>", image);

    snprintf(uri, sizeof(uri), "qemu+tcp://%s/session", tcp);
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    dom = conn ? virDomainCreateXML(conn, xml, 0) : NULL;
    CHECK(dom != NULL);
    if (dom) {
        test_jobs(dom);
        test_block(dom, dir);
        test_labels_and_devices(dom);
        test_agent(dom);
        test_backup(dom, dir);
        test_save(conn, dom, dir);
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
    }
    if (conn) {
        test_inactive(conn, image);
        test_host(conn);
        virConnectClose(conn);
    }
    unlink(scratch);
    unlink(image);
    rmdir(dir);
    return check_finish("test_remote_qemu_jobs");
}
