/*
 * test_arg_order.c: libvirt's argument checks and read-only refusals of the
 * jobs, migration tuning, guest agent, block, save, backup, host memory
 * and CPU comparison functions, in libvirt's order, on test:///default.
 *
 * libvirt 9.0's test driver implements none of these functions, so each
 * call that passes its checks fails with VIR_ERR_NO_SUPPORT; which check
 * comes first is what this test pins down (libvirt checks some arguments
 * before it refuses a read-only connection, others after). Measured with
 * Debian's libvirt 9.0.0, which this file passes too. Through the daemon
 * (remote-capi-arg-order) the checks run in the client and the daemon
 * answers the rest, so there only the failure is asserted for those.
 */
#include "check.h"

#define NO_SUPPORT(fn) "this function is not supported by the connection driver: " fn
#define DENIED(fn) "operation forbidden: read only access prevents " fn
#define NOT_NULL(arg, fn) arg " in " fn " must not be NULL"

/* The call fails with libvirt's error (code, domain, message). */
#define FAILS(call, code, domain, msg)    \
    do {                                  \
        virResetLastError();              \
        CHECK_INT((int)(long)(call), -1); \
        CHECK_ERR_MSG(code, domain, msg); \
    } while (0)
#define FAILS_PTR(call, code, domain, msg) \
    do {                                   \
        virResetLastError();               \
        CHECK((call) == NULL);             \
        CHECK_ERR_MSG(code, domain, msg);  \
    } while (0)
/* The call passed its checks: the driver (or the daemon) refuses it. */
#define REACHES_DRIVER(call, fn)                                        \
    do {                                                                \
        virResetLastError();                                            \
        CHECK_INT((int)(long)(call), -1);                               \
        if (!check_is_remote())                                         \
            CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN, NO_SUPPORT(fn)); \
    } while (0)
#define INVALID(call, msg) FAILS(call, VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, msg)
#define DENIES(call, fn) FAILS(call, VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN, DENIED(fn))

static void test_jobs(virDomainPtr d, virDomainPtr r)
{
    virDomainJobInfo info;
    virTypedParameterPtr params = NULL;
    int type, n = 0;
    unsigned long long ull;
    unsigned long ul;

    INVALID(virDomainGetJobInfo(d, NULL), NOT_NULL("info", "virDomainGetJobInfo"));
    REACHES_DRIVER(virDomainGetJobInfo(r, &info), "virDomainGetJobInfo");
    INVALID(virDomainGetJobStats(d, NULL, &params, &n, 0), NOT_NULL("type", "virDomainGetJobStats"));
    INVALID(virDomainGetJobStats(d, &type, NULL, &n, 0), NOT_NULL("params", "virDomainGetJobStats"));
    INVALID(virDomainGetJobStats(d, &type, &params, NULL, 0), NOT_NULL("nparams", "virDomainGetJobStats"));
    REACHES_DRIVER(virDomainGetJobStats(r, &type, &params, &n, 0), "virDomainGetJobStats");
    DENIES(virDomainAbortJob(r), "virDomainAbortJob");
    REACHES_DRIVER(virDomainAbortJob(d), "virDomainAbortJob");
    DENIES(virDomainAbortJobFlags(r, 0), "virDomainAbortJobFlags");

    /* the getters check their pointer first; only GetMaxSpeed then refuses read-only */
    INVALID(virDomainMigrateGetMaxDowntime(r, NULL, 0), NOT_NULL("downtime", "virDomainMigrateGetMaxDowntime"));
    REACHES_DRIVER(virDomainMigrateGetMaxDowntime(r, &ull, 0), "virDomainMigrateGetMaxDowntime");
    INVALID(virDomainMigrateGetMaxSpeed(r, NULL, 0), NOT_NULL("bandwidth", "virDomainMigrateGetMaxSpeed"));
    DENIES(virDomainMigrateGetMaxSpeed(r, &ul, 0), "virDomainMigrateGetMaxSpeed");
    REACHES_DRIVER(virDomainMigrateGetMaxSpeed(d, &ul, 0), "virDomainMigrateGetMaxSpeed");
    INVALID(virDomainMigrateGetCompressionCache(d, NULL, 0),
            NOT_NULL("cacheSize", "virDomainMigrateGetCompressionCache"));
    REACHES_DRIVER(virDomainMigrateGetCompressionCache(r, &ull, 0), "virDomainMigrateGetCompressionCache");
    DENIES(virDomainMigrateSetMaxDowntime(r, 1, 0), "virDomainMigrateSetMaxDowntime");
    DENIES(virDomainMigrateSetMaxSpeed(r, 1, 0), "virDomainMigrateSetMaxSpeed");
    DENIES(virDomainMigrateSetCompressionCache(r, 1, 0), "virDomainMigrateSetCompressionCache");
    DENIES(virDomainMigrateStartPostCopy(r, 0), "virDomainMigrateStartPostCopy");
    DENIES(virDomainStartDirtyRateCalc(r, 1, 0), "virDomainStartDirtyRateCalc");
    REACHES_DRIVER(virDomainStartDirtyRateCalc(d, -1, 0), "virDomainStartDirtyRateCalc");
}

static void test_guest(virDomainPtr d, virDomainPtr r)
{
    virTypedParameterPtr params = NULL;
    unsigned int un = 0;
    int n = 0;
    char **keys = NULL;
    const char *one[] = { "k" };
    const unsigned int both = VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND | VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE;

    INVALID(virDomainGetGuestVcpus(d, NULL, &un, 0), NOT_NULL("params", "virDomainGetGuestVcpus"));
    INVALID(virDomainGetGuestVcpus(d, &params, NULL, 0), NOT_NULL("nparams", "virDomainGetGuestVcpus"));
    DENIES(virDomainGetGuestVcpus(r, NULL, NULL, 0), "virDomainGetGuestVcpus");
    INVALID(virDomainSetGuestVcpus(d, NULL, 1, 0), NOT_NULL("cpumap", "virDomainSetGuestVcpus"));
    DENIES(virDomainSetGuestVcpus(r, NULL, 1, 0), "virDomainSetGuestVcpus");
    INVALID(virDomainGetGuestInfo(d, 0, NULL, &n, 0), NOT_NULL("params", "virDomainGetGuestInfo"));
    INVALID(virDomainGetGuestInfo(d, 0, &params, NULL, 0), NOT_NULL("nparams", "virDomainGetGuestInfo"));
    DENIES(virDomainGetGuestInfo(r, 0, NULL, NULL, 0), "virDomainGetGuestInfo");
    REACHES_DRIVER(virDomainGetGuestInfo(d, 0, &params, &n, 0), "virDomainGetGuestInfo");
    DENIES(virDomainAgentSetResponseTimeout(r, 1, 0), "virDomainAgentSetResponseTimeout");
    REACHES_DRIVER(virDomainAgentSetResponseTimeout(d, -3, 0), "virDomainAgentSetResponseTimeout");
    DENIES(virDomainPMSuspendForDuration(r, 0, 0, 0), "virDomainPMSuspendForDuration");
    DENIES(virDomainPMWakeup(r, 0), "virDomainPMWakeup");
    REACHES_DRIVER(virDomainPMWakeup(d, 0), "virDomainPMWakeup");

    /* the SSH key calls check everything before refusing read-only */
    INVALID(virDomainAuthorizedSSHKeysGet(r, NULL, NULL, 0), NOT_NULL("user", "virDomainAuthorizedSSHKeysGet"));
    INVALID(virDomainAuthorizedSSHKeysGet(r, "u", NULL, 0), NOT_NULL("keys", "virDomainAuthorizedSSHKeysGet"));
    DENIES(virDomainAuthorizedSSHKeysGet(r, "u", &keys, 0), "virDomainAuthorizedSSHKeysGet");
    INVALID(virDomainAuthorizedSSHKeysSet(r, NULL, NULL, 0, 0), NOT_NULL("user", "virDomainAuthorizedSSHKeysSet"));
    INVALID(virDomainAuthorizedSSHKeysSet(r, "u", NULL, 1, VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND),
            NOT_NULL("keys", "virDomainAuthorizedSSHKeysSet"));
    INVALID(virDomainAuthorizedSSHKeysSet(d, "u", NULL, 0, both), NOT_NULL("keys", "virDomainAuthorizedSSHKeysSet"));
    INVALID(virDomainAuthorizedSSHKeysSet(r, "u", one, 1, both),
            "Flags 'VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND' and 'VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE' "
            "are mutually exclusive");
    DENIES(virDomainAuthorizedSSHKeysSet(r, "u", one, 1, 0), "virDomainAuthorizedSSHKeysSet");
    /* without APPEND or REMOVE the list may be empty and NULL */
    REACHES_DRIVER(virDomainAuthorizedSSHKeysSet(d, "u", NULL, 0, 0), "virDomainAuthorizedSSHKeysSet");
}

static void test_block_and_devices(virDomainPtr d, virDomainPtr r)
{
    virTypedParameter params[2];
    virSecurityLabelPtr labels;
    int n;
    char buf[4];

    memset(params, 0, sizeof(params));
    INVALID(virDomainBlockStatsFlags(d, NULL, params, &n, 0), NOT_NULL("disk", "virDomainBlockStatsFlags"));
    INVALID(virDomainBlockStatsFlags(d, "vda", params, NULL, 0), NOT_NULL("nparams", "virDomainBlockStatsFlags"));
    n = -1;
    INVALID(virDomainBlockStatsFlags(d, "vda", params, &n, 0),
            "*nparams in virDomainBlockStatsFlags must be zero or greater");
    n = 1;
    INVALID(virDomainBlockStatsFlags(d, "vda", NULL, &n, 0), NOT_NULL("params", "virDomainBlockStatsFlags"));
    n = 0;
    REACHES_DRIVER(virDomainBlockStatsFlags(r, "vda", NULL, &n, 0), "virDomainBlockStatsFlags");

    DENIES(virDomainBlockPeek(r, NULL, 0, 1, buf, 0), "virDomainBlockPeek");
    INVALID(virDomainBlockPeek(d, NULL, 0, 1, buf, 0), NOT_NULL("disk", "virDomainBlockPeek"));
    INVALID(virDomainBlockPeek(d, "vda", 0, 1, NULL, 0), NOT_NULL("buffer", "virDomainBlockPeek"));
    REACHES_DRIVER(virDomainBlockPeek(d, "vda", 0, 0, NULL, 0), "virDomainBlockPeek"); /* size 0: an access test */

    DENIES(virDomainBlockCopy(r, NULL, NULL, NULL, 0, 0), "virDomainBlockCopy");
    INVALID(virDomainBlockCopy(d, NULL, "<disk/>", NULL, 0, 0), NOT_NULL("disk", "virDomainBlockCopy"));
    INVALID(virDomainBlockCopy(d, "vda", NULL, NULL, 0, 0), NOT_NULL("destxml", "virDomainBlockCopy"));
    INVALID(virDomainBlockCopy(d, "vda", "<disk/>", NULL, -1, 0), "nparams in virDomainBlockCopy must be zero or greater");
    INVALID(virDomainBlockCopy(d, "vda", "<disk/>", NULL, 1, 0), NOT_NULL("params", "virDomainBlockCopy"));
    REACHES_DRIVER(virDomainBlockCopy(d, "vda", "<disk/>", NULL, 0, 0), "virDomainBlockCopy");

    INVALID(virDomainDetachDeviceAlias(r, NULL, 0), NOT_NULL("alias", "virDomainDetachDeviceAlias"));
    DENIES(virDomainDetachDeviceAlias(r, "ua-x", 0), "virDomainDetachDeviceAlias");
    DENIES(virDomainSetVcpu(r, NULL, 1, 0), "virDomainSetVcpu");
    INVALID(virDomainSetVcpu(d, NULL, 1, 0), NOT_NULL("vcpumap", "virDomainSetVcpu"));
    REACHES_DRIVER(virDomainSetVcpu(d, "0", 1, 0), "virDomainSetVcpu");
    INVALID(virDomainGetSecurityLabelList(r, NULL), NOT_NULL("seclabels", "virDomainGetSecurityLabelList"));
    if (!check_is_remote()) /* libvirtd 9.0 loses the test driver's error here ("cause is unknown") */
        REACHES_DRIVER(virDomainGetSecurityLabelList(r, &labels), "virDomainGetSecurityLabelList");
}

static void test_save_and_backup(virConnectPtr rw, virConnectPtr ro, virDomainPtr d, virDomainPtr r)
{
    virTypedParameter param;
    const unsigned int both = VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED;

    memset(&param, 0, sizeof(param));
    DENIES(virDomainSaveParams(r, NULL, 0, both), "virDomainSaveParams");
    INVALID(virDomainSaveParams(d, NULL, 0, both),
            "Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' are mutually exclusive");
    /* the parameters themselves are the driver's to judge (libvirt 9.0's
     * client crashes on a NULL array of one, so only in-process) */
    REACHES_DRIVER(virDomainSaveParams(d, NULL, 0, 0), "virDomainSaveParams");
    if (!check_is_remote())
        REACHES_DRIVER(virDomainSaveParams(d, NULL, 1, 0), "virDomainSaveParams");
    DENIES(virDomainRestoreParams(ro, NULL, 0, both), "virDomainRestoreParams");
    INVALID(virDomainRestoreParams(rw, NULL, 0, both),
            "Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' are mutually exclusive");
    REACHES_DRIVER(virDomainRestoreParams(rw, NULL, 0, 0), "virDomainRestoreParams");
    if (!check_is_remote()) /* libvirt 9.0's client aborts on the count -1 */
        REACHES_DRIVER(virDomainRestoreParams(rw, NULL, -1, 0), "virDomainRestoreParams");
    DENIES(virDomainManagedSaveDefineXML(r, NULL, 0), "virDomainManagedSaveDefineXML");
    REACHES_DRIVER(virDomainManagedSaveDefineXML(d, NULL, 0), "virDomainManagedSaveDefineXML");

    INVALID(virDomainSetLaunchSecurityState(r, NULL, 0, 0), NOT_NULL("params", "virDomainSetLaunchSecurityState"));
    INVALID(virDomainSetLaunchSecurityState(r, &param, 0, 0),
            "nparams in virDomainSetLaunchSecurityState must be greater than zero");
    strcpy(param.field, "sev-secret");
    param.type = VIR_TYPED_PARAM_STRING;
    FAILS(virDomainSetLaunchSecurityState(d, &param, 1, 0), VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
          "NULL string parameter 'sev-secret'");
    param.value.s = (char *)"x";
    DENIES(virDomainSetLaunchSecurityState(r, &param, 1, 0), "virDomainSetLaunchSecurityState");
    REACHES_DRIVER(virDomainSetLaunchSecurityState(d, &param, 1, 0), "virDomainSetLaunchSecurityState");

    INVALID(virDomainBackupBegin(r, NULL, NULL, 0), NOT_NULL("backupXML", "virDomainBackupBegin"));
    DENIES(virDomainBackupBegin(r, "<domainbackup/>", NULL, 0), "virDomainBackupBegin");
    REACHES_DRIVER(virDomainBackupBegin(d, "<domainbackup/>", NULL, 0), "virDomainBackupBegin");
    virResetLastError();
    CHECK(virDomainBackupGetXMLDesc(r, 0) == NULL);
    if (!check_is_remote())
        CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN, NO_SUPPORT("virDomainBackupGetXMLDesc"));
}

static void test_host(virConnectPtr rw, virConnectPtr ro)
{
    virNodeMemoryStats stats[4];
    virTypedParameter params[2];
    virTypedParameterPtr sev = NULL;
    unsigned int sizes[1] = { 4 };
    unsigned long long counts[1] = { 1 };
    const char *cpus[1] = { "<cpu/>" };
    int n;

    memset(params, 0, sizeof(params));
    INVALID(virNodeGetMemoryStats(rw, -1, stats, NULL, 0), NOT_NULL("nparams", "virNodeGetMemoryStats"));
    n = -1;
    INVALID(virNodeGetMemoryStats(rw, -1, stats, &n, 0), "*nparams in virNodeGetMemoryStats must be zero or greater");
    n = 0;
    INVALID(virNodeGetMemoryStats(ro, -2, NULL, &n, 0), "cellNum in virNodeGetMemoryStats only accepts -1 as a negative value");
    REACHES_DRIVER(virNodeGetMemoryStats(ro, 5, NULL, &n, 0), "virNodeGetMemoryStats");

    INVALID(virNodeGetMemoryParameters(rw, params, NULL, 0), NOT_NULL("nparams", "virNodeGetMemoryParameters"));
    n = -1;
    INVALID(virNodeGetMemoryParameters(rw, params, &n, 0),
            "*nparams in virNodeGetMemoryParameters must be zero or greater");
    n = 2;
    INVALID(virNodeGetMemoryParameters(rw, NULL, &n, 0), NOT_NULL("params", "virNodeGetMemoryParameters"));
    n = 0;
    REACHES_DRIVER(virNodeGetMemoryParameters(ro, NULL, &n, 0), "virNodeGetMemoryParameters");

    DENIES(virNodeSetMemoryParameters(ro, NULL, 0, 0), "virNodeSetMemoryParameters");
    INVALID(virNodeSetMemoryParameters(rw, NULL, 0, 0), NOT_NULL("params", "virNodeSetMemoryParameters"));
    INVALID(virNodeSetMemoryParameters(rw, params, -1, 0), "nparams in virNodeSetMemoryParameters must be zero or greater");
    strcpy(params[0].field, "shm_pages_to_scan");
    params[0].type = VIR_TYPED_PARAM_UINT;
    REACHES_DRIVER(virNodeSetMemoryParameters(rw, params, 1, 0), "virNodeSetMemoryParameters");

    DENIES(virNodeAllocPages(ro, 1, NULL, NULL, 0, 1, 0), "virNodeAllocPages");
    INVALID(virNodeAllocPages(rw, 0, NULL, NULL, 0, 1, 0), "npages in virNodeAllocPages must not be zero");
    INVALID(virNodeAllocPages(rw, 1, NULL, counts, 0, 1, 0), NOT_NULL("pageSizes", "virNodeAllocPages"));
    INVALID(virNodeAllocPages(rw, 1, sizes, NULL, 0, 1, 0), NOT_NULL("pageCounts", "virNodeAllocPages"));
    INVALID(virNodeAllocPages(rw, 1, sizes, counts, 0, 0, 0), "cellCount in virNodeAllocPages must not be zero");
    REACHES_DRIVER(virNodeAllocPages(rw, 1, sizes, counts, -2, 1, 0), "virNodeAllocPages");

    DENIES(virNodeSuspendForDuration(ro, 0, 1, 0), "virNodeSuspendForDuration");

    n = 0;
    INVALID(virNodeGetSEVInfo(ro, NULL, NULL, 0), NOT_NULL("nparams", "virNodeGetSEVInfo"));
    n = -1;
    INVALID(virNodeGetSEVInfo(ro, &sev, &n, 0), "*nparams in virNodeGetSEVInfo must be zero or greater");
    n = 0;
    DENIES(virNodeGetSEVInfo(ro, &sev, &n, 0), "virNodeGetSEVInfo");
    REACHES_DRIVER(virNodeGetSEVInfo(rw, &sev, &n, 0), "virNodeGetSEVInfo");

    /* the CPU calls (vireo passed NULL definitions on to the driver before) */
    INVALID(virConnectCompareCPU(ro, NULL, 0), NOT_NULL("xmlDesc", "virConnectCompareCPU"));
    INVALID(virConnectCompareHypervisorCPU(ro, NULL, NULL, NULL, NULL, NULL, 0),
            NOT_NULL("xmlCPU", "virConnectCompareHypervisorCPU"));
    DENIES(virConnectCompareHypervisorCPU(ro, NULL, NULL, NULL, NULL, "<cpu/>", 0), "virConnectCompareHypervisorCPU");
    FAILS_PTR(virConnectBaselineCPU(ro, NULL, 1, 0), VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
              NOT_NULL("xmlCPUs", "virConnectBaselineCPU"));
    FAILS_PTR(virConnectBaselineHypervisorCPU(ro, NULL, NULL, NULL, NULL, NULL, 1, 0), VIR_ERR_INVALID_ARG,
              VIR_FROM_DOMAIN, NOT_NULL("xmlCPUs", "virConnectBaselineHypervisorCPU"));
    FAILS_PTR(virConnectBaselineHypervisorCPU(ro, NULL, NULL, NULL, NULL, cpus, 1, 0), VIR_ERR_OPERATION_DENIED,
              VIR_FROM_DOMAIN, DENIED("virConnectBaselineHypervisorCPU"));

    FAILS_PTR(virConnectDomainXMLFromNative(ro, NULL, NULL, 0), VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
              DENIED("virConnectDomainXMLFromNative"));
    FAILS_PTR(virConnectDomainXMLFromNative(rw, NULL, "x", 0), VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
              NOT_NULL("nativeFormat", "virConnectDomainXMLFromNative"));
    FAILS_PTR(virConnectDomainXMLFromNative(rw, "qemu-argv", NULL, 0), VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
              NOT_NULL("nativeConfig", "virConnectDomainXMLFromNative"));
}

int main(void)
{
    virConnectPtr rw, ro;
    virDomainPtr d = NULL, r = NULL;

    check_init();
    virSetErrorFunc(NULL, check_quiet_error_func);
    rw = virConnectOpen(check_default_uri());
    ro = virConnectOpenReadOnly(check_default_uri());
    CHECK(rw != NULL && ro != NULL);
    if (rw && ro) {
        d = virDomainLookupByName(rw, "test");
        r = virDomainLookupByName(ro, "test");
    }
    CHECK(d != NULL && r != NULL);
    if (d && r) {
        test_jobs(d, r);
        test_guest(d, r);
        test_block_and_devices(d, r);
        test_save_and_backup(rw, ro, d, r);
        test_host(rw, ro);
    }
    if (d)
        virDomainFree(d);
    if (r)
        virDomainFree(r);
    if (ro)
        virConnectClose(ro);
    if (rw)
        virConnectClose(rw);
    return check_finish("arg_order");
}
