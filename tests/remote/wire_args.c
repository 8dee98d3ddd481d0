/*
 * wire_args.c: one call of each function that the remote driver carries
 * with a hand-written layout, with arguments chosen to show every field
 * (64-bit values, NULL and non-NULL optional strings, string lists, typed
 * parameters, flags), on the daemon's test:///default domain "test".
 *
 * Run twice by tests/remote/wire_args_test.py, built against vireo and
 * against Debian's libvirt, under strace: the test compares the bytes of
 * the requests. The answers do not matter (libvirt 9.0's test driver
 * refuses most of these), so nothing is asserted here. Calls whose count
 * field vireo deliberately fills differently (the typed-parameter getters
 * ask for the protocol's maximum, NodeGetSEVInfo sends 0) are left out.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

int main(void)
{
    const char *tcp = getenv("VIREO_LIBVIRTD_TCP");
    const char *keys[2] = { "ssh-rsa AAAA one", "ssh-ed25519 BBBB two" };
    const char *cpus[2] = { "<cpu><model>qemu64</model></cpu>", "<cpu><model>kvm64</model></cpu>" };
    unsigned int sizes[2] = { 4, 2048 };
    unsigned long long counts[2] = { 10, 3 }, ull;
    virTypedParameterPtr params = NULL, got = NULL;
    int nparams = 0, maxparams = 0, type, n;
    unsigned int un;
    unsigned long ul;
    virTypedParameter one;
    virNodeMemoryStats stats[4];
    virDomainJobInfo job;
    virSecurityLabelPtr labels;
    char uri[256], buf[32], **list;
    virConnectPtr conn;
    virDomainPtr dom;

    if (!tcp)
        return 2;
    virSetErrorFunc(NULL, quiet);
    snprintf(uri, sizeof(uri), "test+tcp://%s/default", tcp);
    conn = virConnectOpen(uri);
    dom = conn ? virDomainLookupByName(conn, "test") : NULL;
    if (!dom)
        return 1;
    virTypedParamsAddString(&params, &nparams, &maxparams, VIR_DOMAIN_SAVE_PARAM_FILE, "/nonexistent/save.img");
    virTypedParamsAddString(&params, &nparams, &maxparams, VIR_DOMAIN_SAVE_PARAM_DXML, "<domain/>");
    virTypedParamsAddULLong(&params, &nparams, &maxparams, VIR_DOMAIN_BLOCK_COPY_BANDWIDTH, 77);
    memset(&one, 0, sizeof(one));
    strcpy(one.field, "shm_pages_to_scan");
    one.type = VIR_TYPED_PARAM_UINT;
    one.value.ui = 99;

    virDomainGetJobInfo(dom, &job);
    virDomainGetJobStats(dom, &type, &got, &n, VIR_DOMAIN_JOB_STATS_COMPLETED);
    virDomainAbortJob(dom);
    virDomainAbortJobFlags(dom, 1);
    virDomainMigrateGetMaxDowntime(dom, &ull, 0);
    virDomainMigrateSetMaxDowntime(dom, 123456789012ULL, 0);
    virDomainMigrateGetMaxSpeed(dom, &ul, VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY);
    virDomainMigrateSetMaxSpeed(dom, 4242, VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY);
    virDomainMigrateGetCompressionCache(dom, &ull, 0);
    virDomainMigrateSetCompressionCache(dom, 1ULL << 33, 0);
    virDomainMigrateStartPostCopy(dom, 0);
    virDomainStartDirtyRateCalc(dom, 3, 2);
    virDomainGetGuestVcpus(dom, &got, &un, 0);
    virDomainSetGuestVcpus(dom, "0-2,^1", 1, 0);
    virDomainGetGuestInfo(dom, VIR_DOMAIN_GUEST_INFO_USERS | VIR_DOMAIN_GUEST_INFO_OS, &got, &n, 0);
    virDomainAgentSetResponseTimeout(dom, -2, 0);
    virDomainAuthorizedSSHKeysGet(dom, "root", &list, 0);
    virDomainAuthorizedSSHKeysSet(dom, "alice", keys, 2, VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND);
    virDomainPMSuspendForDuration(dom, VIR_NODE_SUSPEND_TARGET_DISK, 300, 0);
    virDomainPMWakeup(dom, 0);
    virDomainBlockPeek(dom, "vda", 1ULL << 40, 17, buf, 0);
    virDomainBlockCopy(dom, "vda", "<disk type='file'/>", params + 2, 1, VIR_DOMAIN_BLOCK_COPY_SHALLOW);
    virDomainDetachDeviceAlias(dom, "ua-x", 3);
    virDomainSetVcpu(dom, "1-3", 0, 1);
    virDomainGetSecurityLabelList(dom, &labels);
    virDomainSaveParams(dom, params, 2, VIR_DOMAIN_SAVE_PAUSED);
    virDomainRestoreParams(conn, params, 2, 0);
    virDomainManagedSaveDefineXML(dom, NULL, 0);
    virDomainManagedSaveDefineXML(dom, "<domain/>", VIR_DOMAIN_SAVE_RUNNING);
    virDomainBackupBegin(dom, "<domainbackup/>", NULL, 0);
    virDomainBackupBegin(dom, "<domainbackup/>", "<domaincheckpoint/>", 0);
    free(virDomainBackupGetXMLDesc(dom, 0));
    virDomainSetLaunchSecurityState(dom, params, 1, 0);
    n = 4;
    virNodeGetMemoryStats(conn, 3, stats, &n, 0);
    virNodeSetMemoryParameters(conn, &one, 1, 0);
    virNodeAllocPages(conn, 2, sizes, counts, 1, 2, VIR_NODE_ALLOC_PAGES_SET);
    virNodeSuspendForDuration(conn, 99, 60, 0); /* an unknown target: refused */
    free(virConnectDomainXMLFromNative(conn, "qemu-argv", "qemu -m 1", 0));
    virConnectCompareCPU(conn, "<cpu><model>qemu64</model></cpu>", 0);
    virConnectCompareHypervisorCPU(conn, NULL, "x86_64", NULL, "kvm", "<cpu mode='host-model'/>", 1);
    free(virConnectBaselineCPU(conn, cpus, 2, 0));
    free(virConnectBaselineHypervisorCPU(conn, "/usr/bin/qemu-system-x86_64", NULL, "pc", NULL, cpus, 2, 0));

    virTypedParamsFree(params, nparams);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}
