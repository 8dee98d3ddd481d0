/*
 * test_remote_qemu_block.c: block jobs and disk sizes of a real QEMU domain
 * on the daemon, through the remote driver.
 *
 * Run by tests/remote/qemu_test.py inside with_libvirtd.py (the daemon's
 * qemu:///session, TCG). The domain has one qcow2 disk the test makes with
 * qemu-img. Asserts, on the running domain: GetBlockJobInfo answers 0 (no
 * job) and refuses an unknown disk; BlockJobAbort and BlockJobSetSpeed
 * without a job fail with the QEMU driver's error; SetBlockThreshold is
 * accepted; BlockResize grows the disk (GetBlockInfo shows the new
 * capacity) and refuses an unknown disk; BlockPull of a disk without a
 * backing file starts a job that ends; BlockCommit without a backing chain
 * is refused (VIR_FROM_STORAGE); every call checks its NULL disk. The same program is built
 * against Debian's libvirt (remote-qemu-block-libvirt), so the answers are
 * libvirt's.
 */
#include "../capi/check.h"

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MIB (1024ULL * 1024ULL)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int make_image(const char *path)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "qemu-img create -q -f qcow2 %s 16M", path);
    if (system(cmd) != 0)
        return -1;
    return chmod(path, 0666);
}

static void test_jobs(virDomainPtr dom)
{
    virDomainBlockJobInfo info;
    virDomainBlockInfo binfo;
    double start;
    int r;

    memset(&info, 0xff, sizeof(info));
    CHECK_INT(virDomainGetBlockJobInfo(dom, "vda", &info, 0), 0);
    CHECK_INT(virDomainGetBlockJobInfo(dom, "vdz", &info, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "disk 'vdz' not found in domain");
    CHECK_INT(virDomainGetBlockJobInfo(dom, NULL, &info, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    CHECK_INT(virDomainBlockJobAbort(dom, "vda", 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "disk vda does not have an active block job");
    CHECK_INT(virDomainBlockJobSetSpeed(dom, "vda", 1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "disk vda does not have an active block job");
    CHECK_INT(virDomainBlockJobAbort(dom, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    CHECK_INT(virDomainSetBlockThreshold(dom, "vda", MIB, 0), 0);
    CHECK_INT(virDomainSetBlockThreshold(dom, NULL, MIB, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    CHECK_INT(virDomainBlockResize(dom, "vda", 32 * MIB, VIR_DOMAIN_BLOCK_RESIZE_BYTES), 0);
    CHECK_INT(virDomainGetBlockInfo(dom, "vda", &binfo, 0), 0);
    CHECK_INT(binfo.capacity, 32 * MIB);
    CHECK_INT(virDomainBlockResize(dom, "vdz", 32 * MIB, VIR_DOMAIN_BLOCK_RESIZE_BYTES), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU);
    CHECK_INT(virDomainBlockResize(dom, NULL, MIB, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    CHECK_INT(virDomainBlockCommit(dom, "vda", NULL, NULL, 0, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE, "could not find base image in chain for 'vda'");
    CHECK_INT(virDomainBlockCommit(dom, NULL, NULL, NULL, 0, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainBlockRebase(dom, "vda", NULL, 0, VIR_DOMAIN_BLOCK_REBASE_SHALLOW), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "use of flags requires a copy job");

    /* a pull of a disk without a backing file has nothing to copy: it ends at once */
    CHECK_INT(virDomainBlockPull(dom, "vda", 0, 0), 0);
    start = now();
    do {
        r = virDomainGetBlockJobInfo(dom, "vda", &info, 0);
        if (r == 1)
            usleep(100000);
    } while (r == 1 && now() - start < 10);
    CHECK_INT(r, 0);
    CHECK_INT(virDomainBlockPull(dom, NULL, 0, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
}

int main(void)
{
    const char *tcp = getenv("VIREO_LIBVIRTD_TCP");
    char dir[] = "/tmp/vireo-remote-block-XXXXXX";
    char uri[256], image[512], xml[2048];
    virConnectPtr conn;
    virDomainPtr dom;

    if (!check_is_remote() || !getenv("VIREO_QEMU_TEST")) {
        fprintf(stderr, "SKIP: run through tests/remote/qemu_test.py\n");
        return 77;
    }
    check_init();
    if (!check_mkdtemp(dir)) {
        CHECK(!"mkdtemp failed");
        return check_finish("test_remote_qemu_block");
    }
    snprintf(image, sizeof(image), "%s/disk.qcow2", dir);
    CHECK_INT(make_image(image), 0);
    snprintf(xml, sizeof(xml),
             "<domain type='qemu'><name>vireo-remote-block</name><memory>65536</memory>"
             "<os><type arch='x86_64'>hvm</type></os><devices>"
             "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
             "<source file='%s'/><target dev='vda' bus='virtio'/></disk>"
             "</devices></domain>", image);

    snprintf(uri, sizeof(uri), "qemu+tcp://%s/session", tcp);
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    dom = conn ? virDomainCreateXML(conn, xml, 0) : NULL;
    CHECK(dom != NULL);
    if (dom) {
        test_jobs(dom);
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
    }
    if (conn)
        virConnectClose(conn);
    unlink(image);
    rmdir(dir);
    return check_finish("test_remote_qemu_block");
}
