/*
 * test_host_ops.c: the host's CPU map, CPU statistics, free pages and
 * sysinfo, and the placement of a domain's vCPUs and emulator threads, on
 * test:///default.
 *
 * Asserts: virNodeGetCPUMap answers 8 CPUs of which 0, 2 and 4 are online
 * (and takes NULL outputs); virNodeGetCPUStats gives the count on a NULL
 * array, then user/kernel/idle/iowait with the test driver's values, and
 * refuses a bad cpuNum and a NULL count;
 * virNodeGetFreePages fills made-up counts (through libvirtd: fails, as the
 * daemon takes the count 0 for an error) and refuses zero sizes or cells;
 * virConnectGetSysinfo gives the test driver's smbios XML and refuses
 * flags; virDomainGetVcpus lists both vCPUs on all 16 host CPUs; a pin by
 * virDomainPinVcpu shows in GetVcpus, GetVcpuPinInfo and the XML
 * (<vcpupin>), a vCPU out of range and a flag are refused; the emulator
 * pin likewise (<emulatorpin>), an empty map refused; an inactive domain
 * refuses GetVcpus and PinVcpu with VIR_ERR_OPERATION_INVALID.
 */
#include "check.h"

static void test_cpu_map(virConnectPtr conn)
{
    unsigned char *map = NULL;
    unsigned int online = 0;
    CHECK_INT(virNodeGetCPUMap(conn, &map, &online, 0), 8);
    CHECK(map != NULL);
    if (map)
        CHECK_INT(map[0], 0x15);
    CHECK_INT(online, 3);
    free(map);
    CHECK_INT(virNodeGetCPUMap(conn, NULL, NULL, 0), 8);
    CHECK_INT(virNodeGetCPUMap(conn, NULL, NULL, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testNodeGetCPUMap");
}

static void test_cpu_stats(virConnectPtr conn)
{
    virNodeCPUStats stats[6];
    int n = 0;
    CHECK_INT(virNodeGetCPUStats(conn, VIR_NODE_CPU_STATS_ALL_CPUS, NULL, &n, 0), 0);
    CHECK_INT(n, 4);
    memset(stats, 0, sizeof(stats));
    n = 6;
    CHECK_INT(virNodeGetCPUStats(conn, 0, stats, &n, 0), 0);
    CHECK_INT(n, 4);
    CHECK_STR(stats[0].field, VIR_NODE_CPU_STATS_USER);
    CHECK_INT(stats[0].value, 9797400000LL);
    CHECK_STR(stats[1].field, VIR_NODE_CPU_STATS_KERNEL);
    CHECK_INT(stats[1].value, 34678723400000LL);
    CHECK_STR(stats[2].field, VIR_NODE_CPU_STATS_IDLE);
    CHECK_STR(stats[3].field, VIR_NODE_CPU_STATS_IOWAIT);
    CHECK_INT(stats[3].value, 763600000LL);
    n = 2;
    CHECK_INT(virNodeGetCPUStats(conn, 0, stats, &n, 0), 0);
    CHECK_INT(n, 2);

    n = 4;
    CHECK_INT(virNodeGetCPUStats(conn, -2, stats, &n, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virNodeGetCPUStats(conn, 0, stats, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    n = 0;  /* a count of 0 with an array: nothing is filled */
    CHECK_INT(virNodeGetCPUStats(conn, 0, stats, &n, 0), 0);
    CHECK_INT(n, 0);
    n = 4;
    CHECK_INT(virNodeGetCPUStats(conn, 0, stats, &n, 2), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "testNodeGetCPUStats");
}

static void test_free_pages(virConnectPtr conn)
{
    unsigned int pages[2] = {4, 2048};
    unsigned long long counts[4] = {0};
    if (check_is_remote()) {
        /* libvirtd takes the test driver's answer, 0 cells, for a failure
         * that set no error, and says so */
        CHECK_INT(virNodeGetFreePages(conn, 2, pages, 0, 2, counts, 0), -1);
        CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "Library function returned error but did not set virError");
    } else {
        CHECK_INT(virNodeGetFreePages(conn, 2, pages, 0, 2, counts, 0), 0);
        CHECK_INT(counts[0], 19);
        CHECK_INT(counts[1], 45);
        CHECK_INT(counts[2], 97);
        CHECK_INT(counts[3], 201);
    }
    CHECK_INT(virNodeGetFreePages(conn, 0, pages, 0, 2, counts, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virNodeGetFreePages(conn, 2, pages, 0, 0, counts, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virNodeGetFreePages(conn, 2, NULL, 0, 2, counts, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virNodeGetFreePages(conn, 2, pages, 0, 2, counts, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "testNodeGetFreePages");
}

static void test_sysinfo(virConnectPtr conn)
{
    char *xml = virConnectGetSysinfo(conn, 0);
    CHECK_SUBSTR(xml, "<sysinfo type='smbios'>");
    CHECK_SUBSTR(xml, "<entry name='vendor'>LENOVO</entry>");
    CHECK_SUBSTR(xml, "<entry name='release'>2.61</entry>");
    free(xml);
    CHECK(virConnectGetSysinfo(conn, 1) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testConnectGetSysinfo");
}

static void test_vcpus(virDomainPtr dom)
{
    virVcpuInfo info[4];
    unsigned char maps[4 * 2];
    unsigned char one = 0x02;  /* host CPU 1 */
    char *xml;

    memset(maps, 0, sizeof(maps));
    CHECK_INT(virDomainGetVcpus(dom, info, 4, maps, 2), 2);
    CHECK_INT(info[0].number, 0);
    CHECK_INT(info[0].state, VIR_VCPU_RUNNING);
    CHECK_INT(info[0].cpu, 15);
    CHECK(info[0].cpuTime > 0);
    CHECK_INT(maps[0], 0xff);
    CHECK_INT(maps[1], 0xff);
    CHECK_INT(virDomainGetVcpus(dom, info, 1, NULL, 0), 1);
    CHECK_INT(virDomainGetVcpus(dom, info, 0, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainGetVcpus(dom, info, 2, NULL, 2), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    CHECK_INT(virDomainPinVcpu(dom, 1, &one, 1), 0);
    CHECK_INT(virDomainGetVcpus(dom, info, 4, maps, 2), 2);
    CHECK_INT(info[1].cpu, 1);
    CHECK_INT(maps[2], 0x02);
    CHECK_INT(maps[3], 0x00);
    memset(maps, 0, sizeof(maps));
    CHECK_INT(virDomainGetVcpuPinInfo(dom, 4, maps, 2, 0), 2);
    CHECK_INT(maps[0], 0xff);
    CHECK_INT(maps[2], 0x02);
    xml = virDomainGetXMLDesc(dom, 0);
    CHECK_SUBSTR(xml, "<vcpupin vcpu='1' cpuset='1'/>");
    free(xml);

    CHECK_INT(virDomainPinVcpu(dom, 5, &one, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "requested vcpu '5' is not present in the domain");
    CHECK_INT(virDomainPinVcpuFlags(dom, 0, &one, 1, VIR_DOMAIN_AFFECT_LIVE), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "testDomainPinVcpuFlags");
    CHECK_INT(virDomainPinVcpu(dom, 0, NULL, 1), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainGetVcpuPinInfo(dom, 2, maps, 2,
                                      VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
}

static void test_emulator(virDomainPtr dom)
{
    unsigned char map[2] = {0, 0};
    unsigned char pin = 0x05;  /* host CPUs 0 and 2 */
    unsigned char none = 0;
    char *xml;

    CHECK_INT(virDomainGetEmulatorPinInfo(dom, map, 2, 0), 1);
    CHECK_INT(map[0], 0xff);
    CHECK_INT(map[1], 0xff);
    CHECK_INT(virDomainPinEmulator(dom, &pin, 1, 0), 0);
    CHECK_INT(virDomainGetEmulatorPinInfo(dom, map, 2, 0), 1);
    CHECK_INT(map[0], 0x05);
    CHECK_INT(map[1], 0x00);
    xml = virDomainGetXMLDesc(dom, 0);
    CHECK_SUBSTR(xml, "<emulatorpin cpuset='0,2'/>");
    free(xml);
    CHECK_INT(virDomainPinEmulator(dom, &none, 1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "Empty cpu list for pinning");
    CHECK_INT(virDomainPinEmulator(dom, &pin, 1, 4), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x4) in function testDomainPinEmulator");
}

static void test_inactive(virDomainPtr dom)
{
    virVcpuInfo info[2];
    unsigned char one = 1;
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK_INT(virDomainGetVcpus(dom, info, 2, NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "cannot list vcpus for an inactive domain");
    CHECK_INT(virDomainPinVcpu(dom, 0, &one, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "cannot pin vcpus on an inactive domain");
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

    test_cpu_map(conn);
    test_cpu_stats(conn);
    test_free_pages(conn);
    test_sysinfo(conn);
    if (dom) {
        test_vcpus(dom);
        test_emulator(dom);
        test_inactive(dom);
        virDomainFree(dom);
    }
    virConnectClose(conn);
    return check_finish("host_ops");
}
