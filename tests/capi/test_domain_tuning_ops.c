/*
 * test_domain_tuning_ops.c: changing a domain's tuning on test:///default
 * and reading it back, through the parameters and the XML.
 *
 * Asserts: virDomainSetMemoryParameters sets hard and soft limits (shown in
 * <memtune> and by the get) and refuses hard above swap; SetNumaParameters
 * sets mode and nodeset (<numatune>) and refuses a bad mode and an empty
 * nodeset; SetBlkioParameters sets the weight and a device weight
 * (<blkiotune>) and refuses a malformed device list;
 * SetInterfaceParameters sets inbound/outbound (<bandwidth>) and refuses an
 * unknown field; SetBlockIoTune sets limits (<iotune>) with libvirt's checks
 * (max below the value, total with read); perf events set and read back
 * (<perf>); SetLifecycleAction changes <on_poweroff> and refuses a
 * coredump action on power-off; SetMemoryStatsPeriod shows <stats>; the
 * I/O thread calls add, list, pin, tune and delete threads (<iothreadids>,
 * <iothreadpin>) with libvirt's errors for duplicates and unknown ids;
 * empty parameter lists, unsupported flags and LIVE on an inactive domain
 * are refused.
 */
#include "check.h"

static void set_ullong(virTypedParameterPtr p, const char *field, unsigned long long v)
{
    memset(p, 0, sizeof(*p));
    strcpy(p->field, field);
    p->type = VIR_TYPED_PARAM_ULLONG;
    p->value.ul = v;
}

static void set_uint(virTypedParameterPtr p, const char *field, unsigned int v)
{
    memset(p, 0, sizeof(*p));
    strcpy(p->field, field);
    p->type = VIR_TYPED_PARAM_UINT;
    p->value.ui = v;
}

static void set_int(virTypedParameterPtr p, const char *field, int v)
{
    memset(p, 0, sizeof(*p));
    strcpy(p->field, field);
    p->type = VIR_TYPED_PARAM_INT;
    p->value.i = v;
}

static void set_str(virTypedParameterPtr p, const char *field, char *v)
{
    memset(p, 0, sizeof(*p));
    strcpy(p->field, field);
    p->type = VIR_TYPED_PARAM_STRING;
    p->value.s = v;
}

static void set_bool(virTypedParameterPtr p, const char *field, int v)
{
    memset(p, 0, sizeof(*p));
    strcpy(p->field, field);
    p->type = VIR_TYPED_PARAM_BOOLEAN;
    p->value.b = v;
}

static void check_xml(virDomainPtr dom, unsigned int flags, const char *needle)
{
    char *xml = virDomainGetXMLDesc(dom, flags);
    CHECK_SUBSTR(xml, needle);
    free(xml);
}

static void test_memory(virDomainPtr dom)
{
    virTypedParameter p[3];
    int n = 3;
    set_ullong(&p[0], VIR_DOMAIN_MEMORY_HARD_LIMIT, 1048576);
    set_ullong(&p[1], VIR_DOMAIN_MEMORY_SOFT_LIMIT, 524288);
    CHECK_INT(virDomainSetMemoryParameters(dom, p, 2, 0), 0);
    check_xml(dom, 0, "<hard_limit unit='KiB'>1048576</hard_limit>");
    check_xml(dom, 0, "<soft_limit unit='KiB'>524288</soft_limit>");
    memset(p, 0, sizeof(p));
    CHECK_INT(virDomainGetMemoryParameters(dom, p, &n, 0), 0);
    CHECK_STR(p[0].field, VIR_DOMAIN_MEMORY_HARD_LIMIT);
    CHECK_INT(p[0].value.ul, 1048576);
    CHECK_INT(p[1].value.ul, 524288);

    set_ullong(&p[0], VIR_DOMAIN_MEMORY_HARD_LIMIT, 2048);
    set_ullong(&p[1], VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, 1024);
    CHECK_INT(virDomainSetMemoryParameters(dom, p, 2, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "must be lower than or equal to swap_hard_limit");
    CHECK_INT(virDomainSetMemoryParameters(dom, p, 0, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "nparams in virDomainSetMemoryParameters must be greater than zero");
    set_uint(&p[0], "weight", 1);
    CHECK_INT(virDomainSetMemoryParameters(dom, p, 1, 0), -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_NONE);
    set_ullong(&p[0], VIR_DOMAIN_MEMORY_SOFT_LIMIT, 1);
    CHECK_INT(virDomainSetMemoryParameters(dom, p, 1, 0x10), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x10) in function testDomainSetMemoryParameters");
}

static void test_numa(virDomainPtr dom)
{
    virTypedParameter p[2];
    int n = 2;
    char nodes[] = "0-1", empty[] = "0,^0", bad[] = "x";
    set_int(&p[0], VIR_DOMAIN_NUMA_MODE, VIR_DOMAIN_NUMATUNE_MEM_PREFERRED);
    set_str(&p[1], VIR_DOMAIN_NUMA_NODESET, nodes);
    CHECK_INT(virDomainSetNumaParameters(dom, p, 2, 0), 0);
    check_xml(dom, 0, "<memory mode='preferred' nodeset='0-1'/>");
    memset(p, 0, sizeof(p));
    CHECK_INT(virDomainGetNumaParameters(dom, p, &n, 0), 0);
    CHECK_INT(p[0].value.i, VIR_DOMAIN_NUMATUNE_MEM_PREFERRED);
    CHECK_STR(p[1].value.s, "0-1");
    virTypedParamsClear(p, n);

    set_int(&p[0], VIR_DOMAIN_NUMA_MODE, 7);
    CHECK_INT(virDomainSetNumaParameters(dom, p, 1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported numatune mode: '7'");
    set_str(&p[0], VIR_DOMAIN_NUMA_NODESET, empty);
    CHECK_INT(virDomainSetNumaParameters(dom, p, 1, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST);
    set_str(&p[0], VIR_DOMAIN_NUMA_NODESET, bad);
    CHECK_INT(virDomainSetNumaParameters(dom, p, 1, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
}

static void test_blkio(virDomainPtr dom)
{
    virTypedParameter p[6];
    int n = 6;
    char dev[] = "/dev/sda,100", bad[] = "/dev/sda";
    set_uint(&p[0], VIR_DOMAIN_BLKIO_WEIGHT, 500);
    set_str(&p[1], VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, dev);
    CHECK_INT(virDomainSetBlkioParameters(dom, p, 2, 0), 0);
    check_xml(dom, 0, "<weight>500</weight>");
    check_xml(dom, 0, "<path>/dev/sda</path>");
    memset(p, 0, sizeof(p));
    CHECK_INT(virDomainGetBlkioParameters(dom, p, &n, 0), 0);
    CHECK_INT(p[0].value.ui, 500);
    CHECK_STR(p[1].value.s, "/dev/sda,100");
    virTypedParamsClear(p, n);
    set_str(&p[0], VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, bad);
    CHECK_INT(virDomainSetBlkioParameters(dom, p, 1, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
}

static void test_bandwidth(virDomainPtr dom)
{
    virTypedParameter p[7];
    int n = 7;
    set_uint(&p[0], VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, 100);
    set_uint(&p[1], VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, 50);
    set_uint(&p[2], VIR_DOMAIN_BANDWIDTH_OUT_BURST, 7);
    CHECK_INT(virDomainSetInterfaceParameters(dom, "testnet0", p, 3, 0), 0);
    check_xml(dom, 0, "<inbound average='100'/>");
    check_xml(dom, 0, "<outbound average='50' burst='7'/>");
    memset(p, 0, sizeof(p));
    CHECK_INT(virDomainGetInterfaceParameters(dom, "testnet0", p, &n, 0), 0);
    CHECK_INT(p[0].value.ui, 100);
    CHECK_INT(p[4].value.ui, 50);
    CHECK_INT(p[6].value.ui, 7);
    /* an inbound average of 0 clears inbound and keeps outbound */
    set_uint(&p[0], VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, 0);
    CHECK_INT(virDomainSetInterfaceParameters(dom, "testnet0", p, 1, 0), 0);
    n = 7;
    CHECK_INT(virDomainGetInterfaceParameters(dom, "testnet0", p, &n, 0), 0);
    CHECK_INT(p[0].value.ui, 0);
    CHECK_INT(p[4].value.ui, 50);
    set_uint(&p[0], VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, 1);
    CHECK_INT(virDomainSetInterfaceParameters(dom, "nosuch", p, 1, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
}

static void test_iotune(virDomainPtr dom)
{
    virTypedParameter p[20];
    int n = 20;
    char group[] = "g";
    set_ullong(&p[0], VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC, 1000);
    CHECK_INT(virDomainSetBlockIoTune(dom, "vda", p, 1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "total_bytes_sec cannot be set higher than total_bytes_sec_max");
    set_ullong(&p[1], VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX, 2000);
    set_str(&p[2], VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME, group);
    CHECK_INT(virDomainSetBlockIoTune(dom, "vda", p, 3, 0), 0);
    check_xml(dom, 0, "<total_bytes_sec>1000</total_bytes_sec>");
    check_xml(dom, 0, "<total_bytes_sec_max>2000</total_bytes_sec_max>");
    check_xml(dom, 0, "<group_name>g</group_name>");
    memset(p, 0, sizeof(p));
    CHECK_INT(virDomainGetBlockIoTune(dom, "vda", p, &n, 0), 0);
    CHECK_INT(p[0].value.ul, 1000);
    CHECK_INT(p[6].value.ul, 2000);
    CHECK_STR(p[13].value.s, "g");
    virTypedParamsClear(p, n);
    set_ullong(&p[0], VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC, 10);
    set_ullong(&p[1], VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX, 10);
    CHECK_INT(virDomainSetBlockIoTune(dom, "vda", p, 2, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "total and read/write of bytes_sec cannot be set at the same time");
    CHECK_INT(virDomainSetBlockIoTune(dom, "vdz", p, 2, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "missing persistent configuration for disk 'vdz'");
    CHECK_INT(virDomainSetBlockIoTune(dom, NULL, p, 2, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
}

static void test_perf(virDomainPtr dom)
{
    virTypedParameter p[2];
    virTypedParameterPtr got = NULL;
    int n = 0, b = -1;
    set_bool(&p[0], VIR_PERF_PARAM_MBMT, 0);
    set_bool(&p[1], VIR_PERF_PARAM_CMT, 1);
    CHECK_INT(virDomainSetPerfEvents(dom, p, 2, 0), 0);
    check_xml(dom, 0, "<event name='cmt' enabled='yes'/>\n    <event name='mbmt' enabled='no'/>");
    CHECK_INT(virDomainGetPerfEvents(dom, &got, &n, 0), 0);
    CHECK_INT(n, 22);
    CHECK_INT(virTypedParamsGetBoolean(got, n, VIR_PERF_PARAM_CMT, &b), 1);
    CHECK_INT(b, 1);
    CHECK_INT(virTypedParamsGetBoolean(got, n, VIR_PERF_PARAM_CPU_CYCLES, &b), 1);
    CHECK_INT(b, 0);
    virTypedParamsFree(got, n);
    set_uint(&p[0], VIR_PERF_PARAM_CMT, 1);
    CHECK_INT(virDomainSetPerfEvents(dom, p, 1, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
}

static void test_lifecycle(virDomainPtr dom)
{
    CHECK_INT(virDomainSetLifecycleAction(dom, VIR_DOMAIN_LIFECYCLE_POWEROFF,
                                          VIR_DOMAIN_LIFECYCLE_ACTION_RESTART, 0), 0);
    check_xml(dom, 0, "<on_poweroff>restart</on_poweroff>");
    CHECK_INT(virDomainSetLifecycleAction(dom, VIR_DOMAIN_LIFECYCLE_POWEROFF,
                                          VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
                  "Lifecycle event 'poweroff' doesn't support 'coredump-destroy' action");
    CHECK_INT(virDomainSetLifecycleAction(dom, 9, 0, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "invalid lifecycle type '9'");
    CHECK_INT(virDomainSetLifecycleAction(dom, VIR_DOMAIN_LIFECYCLE_CRASH,
                                          VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART, 0), 0);
    check_xml(dom, 0, "<on_crash>coredump-restart</on_crash>");

    CHECK_INT(virDomainSetMemoryStatsPeriod(dom, 5, 0), 0);
    check_xml(dom, 0, "<stats period='5'/>");
    CHECK_INT(virDomainSetMemoryStatsPeriod(dom, -1, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
}

static void test_iothreads(virDomainPtr dom)
{
    virDomainIOThreadInfoPtr *info = NULL;
    virTypedParameter p[1];
    unsigned char map = 0x06;
    int n, i;
    CHECK_INT(virDomainAddIOThread(dom, 5, 0), 0);
    CHECK_INT(virDomainAddIOThread(dom, 2, 0), 0);
    CHECK_INT(virDomainAddIOThread(dom, 2, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "an IOThread is already using iothread_id '2'");
    CHECK_INT(virDomainAddIOThread(dom, 0, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "invalid value of 0 for iothread_id");
    check_xml(dom, 0, "<iothreads>2</iothreads>");
    check_xml(dom, 0, "<iothread id='5'/>\n    <iothread id='2'/>");

    CHECK_INT(virDomainPinIOThread(dom, 5, &map, 1, 0), 0);
    check_xml(dom, 0, "<iothreadpin iothread='5' cpuset='1-2'/>");
    CHECK_INT(virDomainPinIOThread(dom, 9, &map, 1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "iothreadid 9 not found");

    n = virDomainGetIOThreadInfo(dom, &info, 0);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_INT(info[0]->iothread_id, 5);
        CHECK(info[0]->cpumaplen >= 1);
        CHECK_INT(info[0]->cpumap[0], 0x06);
        CHECK_INT(info[1]->iothread_id, 2);
    }
    for (i = 0; i < n; i++)
        virDomainIOThreadInfoFree(info[i]);
    free(info);

    set_ullong(&p[0], VIR_DOMAIN_IOTHREAD_POLL_MAX_NS, 10);
    CHECK_INT(virDomainSetIOThreadParams(dom, 5, p, 1, 0), 0);
    CHECK_INT(virDomainSetIOThreadParams(dom, 7, p, 1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "cannot find IOThread '7' in iothreadids");
    set_int(&p[0], VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX, 4);
    CHECK_INT(virDomainSetIOThreadParams(dom, 5, p, 1, 0), -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_NONE);

    CHECK_INT(virDomainDelIOThread(dom, 2, 0), 0);
    CHECK_INT(virDomainDelIOThread(dom, 2, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "cannot find IOThread '2' in iothreadids list");
    CHECK_INT(virDomainDelIOThread(dom, 0, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "iothread_id in virDomainDelIOThread must not be zero");
    check_xml(dom, 0, "<iothreads>1</iothreads>");
    CHECK_INT(virDomainAddIOThread(dom, 3, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
}

/* An inactive domain: AFFECT_CURRENT changes its definition, LIVE is refused. */
static void test_inactive(virDomainPtr dom)
{
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK_INT(virDomainAddIOThread(dom, 7, 0), 0);
    check_xml(dom, VIR_DOMAIN_XML_INACTIVE, "<iothread id='7'/>");
    CHECK_INT(virDomainAddIOThread(dom, 8, VIR_DOMAIN_AFFECT_LIVE), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
    CHECK_INT(virDomainSetMemoryStatsPeriod(dom, 3, 0), 0);
    check_xml(dom, VIR_DOMAIN_XML_INACTIVE, "<stats period='3'/>");
    CHECK_INT(virDomainCreate(dom), 0);
}

int main(void)
{
    virConnectPtr conn;
    virDomainPtr dom;

    check_init();
    virSetErrorFunc(NULL, check_quiet_error_func);
    conn = virConnectOpen(check_default_uri());
    if (!conn)
        return 1;
    dom = virDomainLookupByName(conn, "test");
    CHECK(dom != NULL);
    if (dom) {
        test_memory(dom);
        test_numa(dom);
        test_blkio(dom);
        test_bandwidth(dom);
        test_iotune(dom);
        test_perf(dom);
        test_lifecycle(dom);
        test_iothreads(dom);
        test_inactive(dom);
        virDomainFree(dom);
    }
    virConnectClose(conn);
    return check_finish("domain_tuning_ops");
}
