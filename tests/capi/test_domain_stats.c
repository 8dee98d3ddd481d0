/*
 * test_domain_stats.c: statistics and tuning parameters of test:///default
 * domains, as libvirt 9.0's test driver reports them.
 *
 * Asserts: virDomainBlockStats and virDomainInterfaceStats answer for a disk
 * (by target or source path) and an interface (by target or MAC), copy only
 * the `size` bytes asked for, refuse a bigger size, a NULL name or struct,
 * an unknown disk or interface, and an inactive domain; virDomainMemoryStats
 * gives libvirt's 13 figures in its order for a domain with a balloon, none
 * without one, and at most nr_stats; virDomainGetBlockInfo, GetTime,
 * GetControlInfo, GetDiskErrors answer libvirt's values and errors; the
 * Get{Memory,Numa,Blkio,Interface}Parameters and GetBlockIoTune functions
 * count with *nparams == 0, copy at most *nparams, and read <memtune>,
 * <numatune>, <blkiotune>, <bandwidth> and <iotune> from the definition.
 * Passes against libvirt 9.0 too (build it by hand against libvirt-dev).
 */
#include "check.h"

static void quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static const char tuned_xml[] =
    "<domain type='test'><name>tuned</name>"
    "<memory unit='KiB'>1000000</memory><currentMemory unit='KiB'>600001</currentMemory>"
    "<memtune><hard_limit unit='MiB'>100</hard_limit><swap_hard_limit unit='KiB'>300000</swap_hard_limit></memtune>"
    "<numatune><memory mode='interleave' nodeset='0'/></numatune>"
    "<blkiotune><weight>300</weight><device><path>/dev/sda</path><weight>500</weight>"
    "<read_bytes_sec>1000</read_bytes_sec></device></blkiotune>"
    "<os><type>hvm</type></os><devices>"
    "<disk type='file' device='disk'><source file='/a'/><target dev='vda'/>"
    "<iotune><total_bytes_sec>5000</total_bytes_sec><read_iops_sec>7</read_iops_sec>"
    "<group_name>g1</group_name></iotune></disk>"
    "<disk type='file' device='disk'><source file='/b'/><target dev='vdb'/></disk>"
    "<disk type='file' device='cdrom'><target dev='hdc'/></disk>"
    "<disk type='file' device='disk'><source file='/d'/><target dev='vdd'/></disk>"
    "<interface type='network'><mac address='52:54:00:00:00:01'/><source network='default'/>"
    "<target dev='t1'/><bandwidth><inbound average='100' peak='200' burst='300' floor='50'/>"
    "<outbound average='10'/></bandwidth></interface>"
    "<memballoon model='virtio'/>"
    "</devices></domain>";

static const virTypedParameter *find(const virTypedParameter *p, int n, const char *field)
{
    int i;
    for (i = 0; i < n; i++)
        if (strcmp(p[i].field, field) == 0)
            return &p[i];
    return NULL;
}

static void test_block_and_interface_stats(virDomainPtr dom)
{
    virDomainBlockStatsStruct bs;
    virDomainInterfaceStatsStruct is;

    memset(&bs, 0, sizeof(bs));
    CHECK_INT(virDomainBlockStats(dom, "vda", &bs, sizeof(bs)), 0);
    CHECK(bs.errs > 0);
    CHECK(bs.rd_req > bs.rd_bytes && bs.rd_bytes > bs.wr_req && bs.wr_req > bs.wr_bytes);
    CHECK_INT(virDomainBlockStats(dom, "/guest/diskimage1", &bs, sizeof(bs)), 0);
    /* only the first `size` bytes are written */
    memset(&bs, 0, sizeof(bs));
    CHECK_INT(virDomainBlockStats(dom, "vda", &bs, sizeof(long long)), 0);
    CHECK(bs.rd_req > 0);
    CHECK_INT(bs.rd_bytes, 0);
    CHECK_INT(virDomainBlockStats(dom, "vda", &bs, sizeof(bs) + 8), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "size must not exceed 40");
    CHECK_INT(virDomainBlockStats(dom, "hda", &bs, sizeof(bs)), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "invalid argument: invalid path: hda");
    CHECK_INT(virDomainBlockStats(dom, NULL, &bs, sizeof(bs)), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "disk in virDomainBlockStats must not be NULL");
    CHECK_INT(virDomainBlockStats(dom, "vda", NULL, sizeof(bs)), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "stats in virDomainBlockStats must not be NULL");

    memset(&is, 0, sizeof(is));
    CHECK_INT(virDomainInterfaceStats(dom, "testnet0", &is, sizeof(is)), 0);
    CHECK(is.rx_bytes > is.tx_bytes && is.rx_errs > is.rx_drop && is.tx_drop > 0);
    CHECK_INT(virDomainInterfaceStats(dom, "AA:BB:CC:DD:EE:FF", &is, sizeof(is)), 0);
    CHECK_INT(virDomainInterfaceStats(dom, "eth7", &is, sizeof(is)), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "invalid argument: 'eth7' is not a known interface");
    CHECK_INT(virDomainInterfaceStats(dom, "aa:bb:cc:dd:ee:00", &is, sizeof(is)), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                  "invalid argument: 'aa:bb:cc:dd:ee:00' is not a known interface");
    CHECK_INT(virDomainInterfaceStats(dom, "testnet0", &is, sizeof(is) + 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "size must not exceed 64");
    CHECK_INT(virDomainInterfaceStats(dom, NULL, &is, sizeof(is)), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "device in virDomainInterfaceStats must not be NULL");
}

static void test_memory_stats(virDomainPtr dom, virDomainPtr tuned)
{
    static const int tags[] = {6, 0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 7};
    static const unsigned long long values[] = {600001, 0, 0, 0, 0, 300000, 600001, 300000,
                                                627319920, 75000, 0, 0, 300000};
    virDomainMemoryStatStruct ms[VIR_DOMAIN_MEMORY_STAT_NR + 5];
    int i, n;

    n = virDomainMemoryStats(tuned, ms, VIR_DOMAIN_MEMORY_STAT_NR + 5, 0);
    CHECK_INT(n, 13);
    for (i = 0; i < n && i < 13; i++) {
        CHECK_INT(ms[i].tag, tags[i]);
        CHECK_INT(ms[i].val, values[i]);
    }
    CHECK_INT(virDomainMemoryStats(tuned, ms, 3, 0), 3);
    CHECK_INT(virDomainMemoryStats(tuned, ms, 0, 0), 0);
    CHECK_INT(virDomainMemoryStats(tuned, NULL, 5, 0), 0);
    CHECK_INT(virDomainMemoryStats(tuned, ms, 5, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testDomainMemoryStats");
    n = virDomainMemoryStats(dom, ms, VIR_DOMAIN_MEMORY_STAT_NR, 0);
    CHECK_INT(n, 13);
    CHECK_INT(ms[0].val, 2097152);
}

static void test_info(virDomainPtr dom, virDomainPtr tuned)
{
    virDomainBlockInfo bi;
    virDomainControlInfo ci;
    virDomainDiskError de[8];
    long long seconds = 0;
    unsigned int nseconds = 7;
    int i, n;

    CHECK_INT(virDomainGetBlockInfo(dom, "vda", &bi, 0), 0);
    CHECK_INT(bi.capacity, 1099506450432ULL);
    CHECK_INT(bi.allocation, 1099511627776ULL);
    CHECK_INT(bi.physical, 1099511627776ULL);
    CHECK_INT(virDomainGetBlockInfo(dom, "hda", &bi, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "invalid argument: invalid path hda not assigned to domain");
    CHECK_INT(virDomainGetBlockInfo(tuned, "hdc", &bi, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "invalid argument: disk 'hdc' does not currently have a source assigned");
    CHECK_INT(virDomainGetBlockInfo(dom, "vda", &bi, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testDomainGetBlockInfo");
    CHECK_INT(virDomainGetBlockInfo(dom, NULL, &bi, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "disk in virDomainGetBlockInfo must not be NULL");

    CHECK_INT(virDomainGetTime(dom, &seconds, &nseconds, 0), 0);
    CHECK_INT(seconds, 627319920);
    CHECK_INT(nseconds, 0);
    CHECK_INT(virDomainGetTime(dom, &seconds, &nseconds, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testDomainGetTime");

    memset(&ci, 0xff, sizeof(ci));
    CHECK_INT(virDomainGetControlInfo(dom, &ci, 0), 0);
    CHECK_INT(ci.state, VIR_DOMAIN_CONTROL_OK);
    CHECK_INT(ci.details, 0);
    CHECK_INT(ci.stateTime, 0);
    CHECK_INT(virDomainGetControlInfo(dom, NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "info in virDomainGetControlInfo must not be NULL");

    CHECK_INT(virDomainGetDiskErrors(tuned, NULL, 0, 0), 4);
    n = virDomainGetDiskErrors(tuned, de, 8, 0);
    CHECK_INT(n, 4);
    for (i = 0; i < n && i < 4; i++) {
        static const char *disks[] = {"vda", "vdb", "hdc", "vdd"};
        CHECK_STR(de[i].disk, disks[i]);
        CHECK_INT(de[i].error, i % 2 ? VIR_DOMAIN_DISK_ERROR_NO_SPACE : VIR_DOMAIN_DISK_ERROR_UNSPEC);
        free(de[i].disk);
    }
    n = virDomainGetDiskErrors(tuned, de, 1, 0);
    CHECK_INT(n, 1);
    if (n == 1)
        free(de[0].disk);
    CHECK_INT(virDomainGetDiskErrors(tuned, NULL, 2, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "errors in virDomainGetDiskErrors must not be NULL");
}

static void test_parameters(virDomainPtr dom, virDomainPtr tuned)
{
    virTypedParameter p[32];
    const virTypedParameter *f;
    int n;

    n = 0;
    CHECK_INT(virDomainGetMemoryParameters(dom, NULL, &n, 0), 0);
    CHECK_INT(n, 3);
    n = 32;
    CHECK_INT(virDomainGetMemoryParameters(dom, p, &n, 0), 0);
    CHECK_INT(n, 3);
    CHECK_STR(p[0].field, "hard_limit");
    CHECK_INT(p[0].type, VIR_TYPED_PARAM_ULLONG);
    CHECK_INT(p[0].value.ul, VIR_DOMAIN_MEMORY_PARAM_UNLIMITED);
    n = 2;
    CHECK_INT(virDomainGetMemoryParameters(dom, p, &n, 0), 0);
    CHECK_INT(n, 2);
    n = 32;
    CHECK_INT(virDomainGetMemoryParameters(tuned, p, &n, 0), 0);
    CHECK_INT(p[0].value.ul, 102400);
    CHECK_INT(p[1].value.ul, VIR_DOMAIN_MEMORY_PARAM_UNLIMITED);
    CHECK_INT(p[2].value.ul, 300000);
    n = 32;
    CHECK_INT(virDomainGetMemoryParameters(dom, p, &n, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                  "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
    n = 32;
    CHECK_INT(virDomainGetMemoryParameters(dom, p, &n, 8), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x8) in function testDomainGetMemoryParameters");
    n = -1;
    CHECK_INT(virDomainGetMemoryParameters(dom, p, &n, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                  "*nparams in virDomainGetMemoryParameters must be zero or greater");
    n = 2;
    CHECK_INT(virDomainGetMemoryParameters(dom, NULL, &n, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "params in virDomainGetMemoryParameters must not be NULL");

    n = 32;
    CHECK_INT(virDomainGetNumaParameters(tuned, p, &n, 0), 0);
    CHECK_INT(n, 2);
    CHECK_INT(p[0].value.i, VIR_DOMAIN_NUMATUNE_MEM_INTERLEAVE);
    CHECK_STR(p[1].value.s, "0");
    virTypedParamsClear(p, n);

    n = 32;
    CHECK_INT(virDomainGetBlkioParameters(tuned, p, &n, 0), 0);
    CHECK_INT(n, 6);
    f = find(p, n, "weight");
    CHECK(f && f->value.ui == 300);
    f = find(p, n, "device_weight");
    CHECK(f && strcmp(f->value.s, "/dev/sda,500") == 0);
    f = find(p, n, "device_read_bytes_sec");
    CHECK(f && strcmp(f->value.s, "/dev/sda,1000") == 0);
    f = find(p, n, "device_write_iops_sec");
    CHECK(f && strcmp(f->value.s, "") == 0);
    virTypedParamsClear(p, n);

    n = 0;
    CHECK_INT(virDomainGetInterfaceParameters(tuned, "t1", NULL, &n, 0), 0);
    CHECK_INT(n, 7);
    n = 32;
    CHECK_INT(virDomainGetInterfaceParameters(tuned, "52:54:00:00:00:01", p, &n, 0), 0);
    CHECK_STR(p[0].field, "inbound.average");
    CHECK_INT(p[0].value.ui, 100);
    CHECK_INT(p[3].value.ui, 50);
    CHECK_INT(p[4].value.ui, 10);
    CHECK_INT(p[6].value.ui, 0);
    n = 32;
    CHECK_INT(virDomainGetInterfaceParameters(dom, "eth7", p, &n, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "invalid argument: 'eth7' is not a known interface");

    n = 0;
    CHECK_INT(virDomainGetBlockIoTune(tuned, "vda", NULL, &n, 0), 0);
    CHECK_INT(n, 20);
    n = 32;
    CHECK_INT(virDomainGetBlockIoTune(tuned, "/a", p, &n, 0), 0);
    CHECK_INT(n, 20);
    f = find(p, n, "total_bytes_sec");
    CHECK(f && f->value.ul == 5000);
    f = find(p, n, "read_iops_sec");
    CHECK(f && f->value.ul == 7);
    f = find(p, n, "group_name");
    CHECK(f && f->type == VIR_TYPED_PARAM_STRING && strcmp(f->value.s, "g1") == 0);
    virTypedParamsClear(p, n);
    n = 32;
    CHECK_INT(virDomainGetBlockIoTune(tuned, "hda", p, &n, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "invalid argument: disk 'hda' was not found in the domain config");
    n = 32;
    CHECK_INT(virDomainGetBlockIoTune(tuned, NULL, p, &n, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "disk in virDomainGetBlockIoTune must not be NULL");
}

static void test_inactive(virDomainPtr dom)
{
    virDomainBlockStatsStruct bs;
    virDomainMemoryStatStruct ms[4];
    virDomainBlockInfo bi;
    virTypedParameter p[4];
    long long seconds;
    unsigned int nseconds;
    int n = 4;

    CHECK_INT(virDomainBlockStats(dom, "vda", &bs, sizeof(bs)), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "Requested operation is not valid: domain is not running");
    CHECK_INT(virDomainMemoryStats(dom, ms, 4, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainGetTime(dom, &seconds, &nseconds, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "Requested operation is not valid: domain is not running");
    /* block info and parameters do not need a running domain */
    CHECK_INT(virDomainGetBlockInfo(dom, "vda", &bi, 0), 0);
    CHECK_INT(virDomainGetMemoryParameters(dom, p, &n, 0), 0);
}

static void test_read_only(void)
{
    virConnectPtr ro = virConnectOpenReadOnly(check_default_uri());
    virDomainPtr dom = ro ? virDomainLookupByName(ro, "test") : NULL;
    virDomainBlockStatsStruct bs;
    long long seconds;
    unsigned int nseconds;
    CHECK(dom != NULL);
    if (!dom)
        return;
    CHECK_INT(virDomainBlockStats(dom, "vda", &bs, sizeof(bs)), 0);
    CHECK_INT(virDomainGetTime(dom, &seconds, &nseconds, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                  "operation forbidden: read only access prevents virDomainGetTime");
    virDomainFree(dom);
    virConnectClose(ro);
}

int main(void)
{
    virConnectPtr conn;
    virDomainPtr dom = NULL, tuned = NULL;

    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (conn) {
        dom = virDomainLookupByName(conn, "test");
        tuned = virDomainCreateXML(conn, tuned_xml, 0);
    }
    CHECK(dom != NULL);
    CHECK(tuned != NULL);
    if (dom && tuned) {
        test_block_and_interface_stats(dom);
        test_memory_stats(dom, tuned);
        test_info(dom, tuned);
        test_parameters(dom, tuned);
        test_read_only();
        CHECK_INT(virDomainDestroy(dom), 0);
        test_inactive(dom);
    }
    if (tuned) {
        virDomainDestroy(tuned);
        virDomainFree(tuned);
    }
    if (dom)
        virDomainFree(dom);
    if (conn)
        virConnectClose(conn);
    return check_finish("test_domain_stats");
}
