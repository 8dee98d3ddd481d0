/*
 * test_guest_ops.c: what test:///default's domain answers from inside the
 * guest, its dumps and statistics, renaming and save images.
 *
 * Asserts: FSFreeze/FSThaw count the file systems that changed ("/" and
 * "/boot"), refuse an unknown mount point and leave the state as it was;
 * FSTrim checks the mount point; GetFSInfo lists vda1 on "/" and vda2 on
 * "/boot"; InterfaceAddresses gives testnet0 with 192.168.122.3/24 and
 * refuses an unknown source; SendKey, SetUserPassword, InjectNMI,
 * SendProcessSignal and SetTime succeed on a running domain with libvirt's
 * argument errors, and SetTime shows in GetTime; MemoryPeek counts up from
 * the start address; GetCPUStats gives the total and per-CPU rows with the
 * test driver's figures; CoreDump writes the image magic and refuses other
 * formats; GetMessages has none; GetLaunchSecurityInfo fails as libvirt's
 * test driver does (the flag its public layer adds is refused); on an
 * inactive domain the guest calls fail with VIR_ERR_OPERATION_INVALID;
 * Rename renames an inactive persistent domain (lookup by the new name, not
 * the old) and refuses an active one, its own name and '/'; a save image
 * written by virDomainSave is read by SaveImageGetXMLDesc and rewritten by
 * SaveImageDefineXML.
 */
#include "check.h"

#include <unistd.h>

static void test_fs(virDomainPtr dom)
{
    const char *root[] = {"/"};
    const char *bad[] = {"/", "/x"};
    virDomainFSInfoPtr *info = NULL;
    int n, i;

    CHECK_INT(virDomainFSFreeze(dom, root, 1, 0), 1);
    CHECK_INT(virDomainFSFreeze(dom, NULL, 0, 0), 1);
    CHECK_INT(virDomainFSFreeze(dom, NULL, 0, 0), 0);
    CHECK_INT(virDomainFSThaw(dom, bad, 2, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "mount point not found: /x");
    CHECK_INT(virDomainFSThaw(dom, NULL, 0, 0), 2);
    CHECK_INT(virDomainFSThaw(dom, root, 1, 0), 0);
    CHECK_INT(virDomainFSFreeze(dom, NULL, 1, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainFSFreeze(dom, NULL, 0, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testDomainFSFreeze");
    CHECK_INT(virDomainFSTrim(dom, "/boot", 0, 0), 0);
    CHECK_INT(virDomainFSTrim(dom, NULL, 0, 0), 0);
    CHECK_INT(virDomainFSTrim(dom, "/x", 0, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "mount point not found: /x");

    n = virDomainGetFSInfo(dom, &info, 0);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(info[0]->mountpoint, "/");
        CHECK_STR(info[0]->name, "vda1");
        CHECK_STR(info[0]->fstype, "ext4");
        CHECK_INT(info[0]->ndevAlias, 1);
        CHECK_STR(info[0]->devAlias[0], "vda");
        CHECK_STR(info[1]->mountpoint, "/boot");
        CHECK_STR(info[1]->name, "vda2");
    }
    for (i = 0; i < n; i++)
        virDomainFSInfoFree(info[i]);
    free(info);
}

static void test_addresses(virDomainPtr dom)
{
    virDomainInterfacePtr *ifaces = NULL;
    int n = virDomainInterfaceAddresses(dom, &ifaces, VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE, 0);
    int i;
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_STR(ifaces[0]->name, "testnet0");
        CHECK_STR(ifaces[0]->hwaddr, "aa:bb:cc:dd:ee:ff");
        CHECK_INT(ifaces[0]->naddrs, 1);
        CHECK_INT(ifaces[0]->addrs[0].type, VIR_IP_ADDR_TYPE_IPV4);
        CHECK_STR(ifaces[0]->addrs[0].addr, "192.168.122.3");
        CHECK_INT(ifaces[0]->addrs[0].prefix, 24);
    }
    for (i = 0; i < n; i++)
        virDomainInterfaceFree(ifaces[i]);
    free(ifaces);
    CHECK_INT(virDomainInterfaceAddresses(dom, &ifaces, 9, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_TEST, "Unknown IP address data source 9");
    CHECK_INT(virDomainInterfaceAddresses(dom, NULL, 0, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
}

static void test_small_calls(virDomainPtr dom)
{
    unsigned int keys[2] = {1, 30}, big[1] = {100000};
    long long seconds = 0;
    unsigned int nseconds = 0;

    CHECK_INT(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 10, keys, 2, 0), 0);
    CHECK_INT(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 10, big, 1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "invalid keycode 100000 of linux codeset");
    CHECK_INT(virDomainSendKey(dom, 99, 0, keys, 1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "Unsupported codeset '99'");
    CHECK_INT(virDomainSendKey(dom, 0, 0, keys, 0, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    CHECK_INT(virDomainSetUserPassword(dom, "root", "secret", 0), 0);
    CHECK_INT(virDomainSetUserPassword(dom, "root", NULL, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainSetUserPassword(dom, "root", "x", 2), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "testDomainSetUserPassword");

    CHECK_INT(virDomainInjectNMI(dom, 0), 0);
    CHECK_INT(virDomainInjectNMI(dom, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "testDomainInjectNMI");

    CHECK_INT(virDomainSendProcessSignal(dom, 1, VIR_DOMAIN_PROCESS_SIGNAL_TERM, 0), 0);
    CHECK_INT(virDomainSendProcessSignal(dom, 2, VIR_DOMAIN_PROCESS_SIGNAL_TERM, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "only sending a signal to pid 1 is supported");
    CHECK_INT(virDomainSendProcessSignal(dom, 1, 999, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "signum value 999 is out of range");
    CHECK_INT(virDomainSendProcessSignal(dom, 0, 1, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    CHECK_INT(virDomainSetTime(dom, 1234567, 89, VIR_DOMAIN_TIME_SYNC), 0);
    CHECK_INT(virDomainGetTime(dom, &seconds, &nseconds, 0), 0);
    CHECK_INT(seconds, 1234567);
    CHECK_INT(nseconds, 89);
    CHECK_INT(virDomainSetTime(dom, 1, 2, 8), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "testDomainSetTime");
}

static void test_dump_and_stats(virDomainPtr dom, const char *dir)
{
    char path[512], buf[16], magic[15];
    virTypedParameter p[8];
    FILE *f;

    CHECK_INT(virDomainMemoryPeek(dom, 250, 8, buf, VIR_MEMORY_VIRTUAL), 0);
    CHECK_INT((unsigned char)buf[0], 250);
    CHECK_INT((unsigned char)buf[5], 255);
    CHECK_INT((unsigned char)buf[6], 0);
    CHECK_INT(virDomainMemoryPeek(dom, 0, 8, buf, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "flags parameter must be VIR_MEMORY_VIRTUAL or VIR_MEMORY_PHYSICAL");
    CHECK_INT(virDomainMemoryPeek(dom, 0, 8, buf, 3), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    memset(p, 0, sizeof(p));
    CHECK_INT(virDomainGetCPUStats(dom, NULL, 0, -1, 1, 0), 3);
    CHECK_INT(virDomainGetCPUStats(dom, p, 3, -1, 1, 0), 3);
    CHECK_STR(p[0].field, VIR_DOMAIN_CPU_STATS_CPUTIME);
    CHECK_INT(p[0].value.ul, 48772617035LL);
    CHECK_STR(p[2].field, VIR_DOMAIN_CPU_STATS_SYSTEMTIME);
    CHECK_INT(virDomainGetCPUStats(dom, NULL, 0, 0, 0, 0), 2);
    CHECK_INT(virDomainGetCPUStats(dom, NULL, 0, 0, 1, 0), 2);
    CHECK_INT(virDomainGetCPUStats(dom, p, 2, 0, 2, 0), 2);
    CHECK_INT(p[0].value.ul, 24386308517LL);
    CHECK_STR(p[1].field, VIR_DOMAIN_CPU_STATS_VCPUTIME);
    CHECK_INT(p[2].value.ul, 24386308518LL);
    CHECK_INT(virDomainGetCPUStats(dom, p, 2, 5, 1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "start_cpu 5 larger than maximum of 1");
    CHECK_INT(virDomainGetCPUStats(dom, p, 3, -1, 2, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "ncpus must be 1 when start_cpu is -1");

    snprintf(path, sizeof(path), "%s/core", dir);
    CHECK_INT(virDomainCoreDumpWithFormat(dom, path, VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_TEST, "kdump-compressed format is not supported here");
    CHECK_INT(virDomainCoreDump(dom, path, 0), 0);
    f = fopen(path, "rb");
    CHECK(f != NULL);
    if (f) {
        CHECK_INT(fread(magic, 1, sizeof(magic), f), 15);
        CHECK_STR(magic, "TestGuestMagic");
        fclose(f);
    }
    unlink(path);
    CHECK_INT(virDomainCoreDump(dom, path, VIR_DUMP_LIVE), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x2) in function testDomainCoreDumpWithFormat");
    CHECK_INT(virDomainCoreDumpWithFormat(dom, path, 99, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "dumpformat '99' is not supported");
}

static void test_messages(virDomainPtr dom)
{
    char **msgs = NULL;
    virTypedParameterPtr params = NULL;
    int n = 0;
    CHECK_INT(virDomainGetMessages(dom, &msgs, 0), 0);
    CHECK_INT(virDomainGetMessages(dom, &msgs, 8), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "testDomainGetMessages");
    CHECK_INT(virDomainGetLaunchSecurityInfo(dom, &params, &n, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x4) in function testDomainGetLaunchSecurityInfo");
}

static void test_inactive(virDomainPtr dom)
{
    unsigned int keys[1] = {1};
    char buf[4];
    CHECK_INT(virDomainInjectNMI(dom, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
    CHECK_INT(virDomainSendKey(dom, 0, 0, keys, 1, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainFSFreeze(dom, NULL, 0, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainMemoryPeek(dom, 0, 4, buf, VIR_MEMORY_PHYSICAL), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainSetTime(dom, 1, 0, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN);
    /* a signal to an inactive domain is accepted, as libvirt's test driver does */
    CHECK_INT(virDomainSendProcessSignal(dom, 1, VIR_DOMAIN_PROCESS_SIGNAL_TERM, 0), 0);
}

static void test_rename(virConnectPtr conn, virDomainPtr dom)
{
    virDomainPtr other;
    CHECK_INT(virDomainRename(dom, "renamed", 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "cannot rename active domain");
    CHECK_INT(virDomainDestroy(dom), 0);
    test_inactive(dom);
    CHECK_INT(virDomainRename(dom, "a/b", 0), -1);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_TEST, "name a/b cannot contain '/'");
    CHECK_INT(virDomainRename(dom, "x", 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testDomainRename");
    CHECK_INT(virDomainRename(dom, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainRename(dom, "renamed", 0), 0);
    other = virDomainLookupByName(conn, "renamed");
    CHECK(other != NULL);
    if (other) {
        char *xml = virDomainGetXMLDesc(other, 0);
        CHECK_SUBSTR(xml, "<name>renamed</name>");
        free(xml);
        CHECK_INT(virDomainRename(other, "renamed", 0), -1);
        CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "Can't rename domain to itself");
        CHECK_INT(virDomainRename(other, "test", 0), 0);
        virDomainFree(other);
    }
    CHECK(virDomainLookupByName(conn, "renamed") == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);
    CHECK_INT(virDomainCreate(dom), 0);
}

static void test_save_image(virConnectPtr conn, virDomainPtr dom, const char *dir)
{
    char path[512];
    char *xml, *changed, *at;
    snprintf(path, sizeof(path), "%s/saved", dir);
    CHECK_INT(virDomainSave(dom, path), 0);
    xml = virDomainSaveImageGetXMLDesc(conn, path, 0);
    CHECK_SUBSTR(xml, "<name>test</name>");
    CHECK_SUBSTR(xml, "<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>");
    changed = xml ? malloc(strlen(xml) + 64) : NULL;
    if (changed) {
        at = strstr(xml, "<on_crash>");
        if (at) {
            size_t head = (size_t)(at - xml);
            const char *tail = strstr(at, "</on_crash>") + strlen("</on_crash>");
            memcpy(changed, xml, head);
            strcpy(changed + head, "<on_crash>preserve</on_crash>");
            strcat(changed, tail);
            CHECK_INT(virDomainSaveImageDefineXML(conn, path, changed, 0), 0);
            free(xml);
            xml = virDomainSaveImageGetXMLDesc(conn, path, 0);
            CHECK_SUBSTR(xml, "<on_crash>preserve</on_crash>");
        }
        free(changed);
    }
    free(xml);
    CHECK(virDomainSaveImageGetXMLDesc(conn, path, 4) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "testDomainSaveImageGetXMLDesc");
    CHECK(virDomainSaveImageGetXMLDesc(conn, NULL, 0) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK(virDomainSaveImageGetXMLDesc(conn, "/nonexistent/image", 0) == NULL);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, VIR_FROM_TEST);
    CHECK_INT(virDomainRestore(conn, path), 0);
    unlink(path);
}

int main(void)
{
    virConnectPtr conn;
    virDomainPtr dom;
    char dir[] = "/tmp/vireo-guest-ops-XXXXXX";

    check_init();
    virSetErrorFunc(NULL, check_quiet_error_func);
    if (!check_mkdtemp(dir))
        return 1;
    conn = virConnectOpen(check_default_uri());
    if (!conn)
        return 1;
    dom = virDomainLookupByName(conn, "test");
    CHECK(dom != NULL);
    if (dom) {
        test_fs(dom);
        test_addresses(dom);
        test_small_calls(dom);
        test_dump_and_stats(dom, dir);
        test_messages(dom);
        test_rename(conn, dom);
        test_save_image(conn, dom, dir);
        virDomainFree(dom);
    }
    virConnectClose(conn);
    rmdir(dir);
    return check_finish("guest_ops");
}
