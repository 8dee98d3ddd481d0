/*
 * test_remote_volume.c: virStorageVolUpload / virStorageVolDownload through
 * the remote driver (and virStorageVolGetInfoFlags, a network's DHCP leases
 * and a node device's autostart, from the daemon's session drivers).
 *
 * Run by tests/remote/with_libvirtd.py. The daemon's storage driver
 * (storage+tcp://127.0.0.1:PORT/session: the daemon runs unprivileged) gets
 * a transient "dir" pool in a directory of ours that it may write in. A
 * 4 MiB volume is uploaded as a sparse stream (data, a hole, data, a
 * trailing hole), downloaded sparse (the holes come back as holes) and
 * plain (the holes read as zeros); both must give the original bytes.
 * Holes on a stream opened without the sparse flag are refused by the
 * client, as libvirt's; an upload aborted halfway leaves the connection
 * working. Passes against libvirt's client too.
 */
#include "../capi/check.h"

#include <sys/stat.h>
#include <unistd.h>

#define VOL_SIZE (4 * 1024 * 1024)

/* The layout uploaded: [start, end) ranges of data, the rest holes. */
static const long long data_ranges[][2] = {
    {0, 64 * 1024},
    {2 * 1024 * 1024, 2 * 1024 * 1024 + 100 * 1024},
};
#define NRANGES (sizeof(data_ranges) / sizeof(data_ranges[0]))

static const char vol_xml[] =
    "<volume><name>sparse.img</name><capacity>4194304</capacity><allocation>0</allocation>"
    "<target><format type='raw'/></target></volume>";

static char original[VOL_SIZE];

/* The sender's view of `original`: a position and the layout. */
struct source {
    long long pos;
};

/* The receiver's copy, and what arrived as holes. */
struct sink {
    char *buf;
    long long pos;
    long long holes;
};

static int in_data_at(long long pos, long long *length)
{
    size_t i;
    long long next = VOL_SIZE;

    for (i = 0; i < NRANGES; i++) {
        if (pos >= data_ranges[i][0] && pos < data_ranges[i][1]) {
            *length = data_ranges[i][1] - pos;
            return 1;
        }
        if (data_ranges[i][0] > pos && data_ranges[i][0] < next)
            next = data_ranges[i][0];
    }
    *length = next - pos;
    return 0;
}

static int source_data(virStreamPtr st, char *data, size_t nbytes, void *opaque)
{
    struct source *s = opaque;
    long long left = VOL_SIZE - s->pos;
    size_t n = nbytes < (size_t)left ? nbytes : (size_t)left;

    (void)st;
    memcpy(data, original + s->pos, n);
    s->pos += n;
    return n;
}

static int source_hole(virStreamPtr st, int *inData, long long *length, void *opaque)
{
    struct source *s = opaque;

    (void)st;
    *inData = in_data_at(s->pos, length);
    return 0;
}

static int source_skip(virStreamPtr st, long long length, void *opaque)
{
    struct source *s = opaque;

    (void)st;
    s->pos += length;
    return 0;
}

static int sink_data(virStreamPtr st, const char *data, size_t nbytes, void *opaque)
{
    struct sink *k = opaque;

    (void)st;
    if (k->pos + (long long)nbytes > VOL_SIZE)
        return -1;
    memcpy(k->buf + k->pos, data, nbytes);
    k->pos += nbytes;
    return nbytes;
}

static int sink_hole(virStreamPtr st, long long length, void *opaque)
{
    struct sink *k = opaque;

    (void)st;
    if (k->pos + length > VOL_SIZE)
        return -1;
    memset(k->buf + k->pos, 0, length);
    k->pos += length;
    k->holes += length;
    return 0;
}

int main(void)
{
    const char *tcp = getenv("VIREO_LIBVIRTD_TCP");
    char dir_tmpl[] = "/tmp/vireo-remote-vol-XXXXXX";
    char uri[256], pool_xml[512], buf[1000];
    virStorageVolInfo info;
    struct source src = {0};
    struct sink sparse = {0}, plain = {0};
    virConnectPtr conn;
    virStoragePoolPtr pool;
    virStorageVolPtr vol;
    virStreamPtr st;
    char *dir;
    size_t i;

    if (!check_is_remote()) {
        fprintf(stderr, "SKIP: run through tests/remote/with_libvirtd.py\n");
        return 77;
    }
    check_init();
    for (i = 0; i < NRANGES; i++) {
        long long p;
        for (p = data_ranges[i][0]; p < data_ranges[i][1]; p++)
            original[p] = (char)(1 + (p * 7 + i) % 251);
    }
    dir = check_mkdtemp(dir_tmpl);
    CHECK(dir != NULL);
    snprintf(uri, sizeof(uri), "storage+tcp://%s/session", tcp);
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (!conn || !dir)
        return check_finish("test_remote_volume");
    snprintf(pool_xml, sizeof(pool_xml),
             "<pool type='dir'><name>vireo-streams</name><target><path>%s</path></target></pool>", dir);
    pool = virStoragePoolCreateXML(conn, pool_xml, 0);
    CHECK(pool != NULL);
    vol = pool ? virStorageVolCreateXML(pool, vol_xml, 0) : NULL;
    CHECK(vol != NULL);
    if (!vol)
        return check_finish("test_remote_volume");

    /* upload, sparse */
    st = virStreamNew(conn, 0);
    CHECK_INT(virStorageVolUpload(vol, st, 0, VOL_SIZE, VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM), 0);
    CHECK_INT(virStreamSparseSendAll(st, source_data, source_hole, source_skip, &src), 0);
    CHECK_INT(virStreamFinish(st), 0);
    virStreamFree(st);
    CHECK_INT(src.pos, VOL_SIZE);

    /* download, sparse: the holes arrive as holes */
    sparse.buf = calloc(1, VOL_SIZE);
    st = virStreamNew(conn, 0);
    CHECK_INT(virStorageVolDownload(vol, st, 0, VOL_SIZE, VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM), 0);
    CHECK_INT(virStreamSparseRecvAll(st, sink_data, sink_hole, &sparse), 0);
    CHECK_INT(virStreamFinish(st), 0);
    virStreamFree(st);
    CHECK_INT(sparse.pos, VOL_SIZE);
    CHECK(sparse.holes > 0);
    CHECK(memcmp(sparse.buf, original, VOL_SIZE) == 0);

    /* download, plain: the holes read as zeros */
    plain.buf = calloc(1, VOL_SIZE);
    st = virStreamNew(conn, 0);
    CHECK_INT(virStorageVolDownload(vol, st, 0, 0, 0), 0);
    CHECK_INT(virStreamRecvAll(st, sink_data, &plain), 0);
    CHECK_INT(virStreamFinish(st), 0);
    virStreamFree(st);
    CHECK_INT(plain.pos, VOL_SIZE);
    CHECK_INT(plain.holes, 0);
    CHECK(memcmp(plain.buf, original, VOL_SIZE) == 0);

    /* holes need the sparse flag */
    st = virStreamNew(conn, 0);
    CHECK_INT(virStorageVolUpload(vol, st, 0, 0, 0), 0);
    CHECK_INT(virStreamSendHole(st, 4096, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_RPC, "Skipping is not supported with this stream");
    /* aborted halfway; the connection goes on */
    CHECK_INT(virStreamSend(st, original, sizeof(buf)), sizeof(buf));
    CHECK_INT(virStreamAbort(st), 0);
    CHECK_INT(virStreamSend(st, original, sizeof(buf)), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_RPC, "stream is closed");
    virStreamFree(st);
    CHECK_INT(virStorageVolGetInfo(vol, &info), 0);
    CHECK_INT(info.capacity, VOL_SIZE);
    /* The same with flags (procedure 378): GET_PHYSICAL reports the file's
     * size as its allocation. */
    memset(&info, 0, sizeof info);
    CHECK_INT(virStorageVolGetInfoFlags(vol, &info, 0), 0);
    CHECK_INT(info.type, VIR_STORAGE_VOL_FILE);
    CHECK_INT(info.capacity, VOL_SIZE);
    CHECK(info.allocation < VOL_SIZE); /* sparse: the holes take no blocks */
    CHECK_INT(virStorageVolGetInfoFlags(vol, &info, VIR_STORAGE_VOL_GET_PHYSICAL), 0);
    CHECK_INT(info.allocation, VOL_SIZE);
    CHECK_INT(virStorageVolGetInfoFlags(vol, NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE, "info in virStorageVolGetInfoFlags must not be NULL");
    CHECK_INT(virStorageVolGetInfoFlags(vol, &info, 4), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE, "unsupported flags (0x4) in function storageVolGetInfoFlags");

    /* a stream of another connection is refused before anything is sent */
    {
        virConnectPtr other = virConnectOpen(uri);
        st = virStreamNew(other, 0);
        CHECK_INT(virStorageVolDownload(vol, st, 0, 0, 0), -1);
        CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE, "must match connection of volume 'sparse.img'");
        virStreamFree(st);
        virConnectClose(other);
    }

    CHECK_INT(virStorageVolDelete(vol, 0), 0);
    virStorageVolFree(vol);
    CHECK_INT(virStoragePoolDestroy(pool), 0);
    virStoragePoolFree(pool);
    CHECK_INT(virConnectClose(conn), 0);
    rmdir(dir);

    /* DHCP leases (procedure 341) of a network of the daemon's session
     * network driver: defined, not started, so none; with and without a
     * list, with a MAC filter. */
    snprintf(uri, sizeof(uri), "network+tcp://%s/session", tcp);
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (conn) {
        virNetworkPtr net = virNetworkDefineXML(conn,
            "<network><name>vireo-leases</name><bridge name='vireolease0'/>"
            "<ip address='192.168.251.1' netmask='255.255.255.0'><dhcp>"
            "<range start='192.168.251.2' end='192.168.251.9'/></dhcp></ip></network>");
        CHECK(net != NULL);
        if (net) {
            virNetworkDHCPLeasePtr *leases = (virNetworkDHCPLeasePtr *)&net;
            CHECK_INT(virNetworkGetDHCPLeases(net, NULL, &leases, 0), 0);
            CHECK(leases == NULL);
            CHECK_INT(virNetworkGetDHCPLeases(net, NULL, NULL, 0), 0);
            CHECK_INT(virNetworkGetDHCPLeases(net, "52:54:00:00:00:01", &leases, 0), 0);
            CHECK_INT(virNetworkGetDHCPLeases(net, NULL, &leases, 1), -1);
            CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NETWORK, "unsupported flags (0x1)");
            CHECK_INT(virNetworkUndefine(net), 0);
            virNetworkFree(net);
        }
        CHECK_INT(virConnectClose(conn), 0);
    }

    /* A node device's autostart (procedure 433), from the daemon's node
     * device driver: a device that exists (udev's, or none on a host
     * without it) gives 0 or 1. */
    snprintf(uri, sizeof(uri), "nodedev+tcp://%s/session", tcp);
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (conn) {
        virNodeDevicePtr *devs = NULL;
        int n = virConnectListAllNodeDevices(conn, &devs, 0);
        CHECK(n >= 0);
        for (i = 0; n > 0 && i < (size_t)n; i++) {
            int autostart = -1;
            if (i == 0) {
                CHECK_INT(virNodeDeviceGetAutostart(devs[i], &autostart), 0);
                CHECK(autostart == 0 || autostart == 1);
            }
            virNodeDeviceFree(devs[i]);
        }
        free(devs);
        CHECK_INT(virConnectClose(conn), 0);
    }
    free(sparse.buf);
    free(plain.buf);
    return check_finish("test_remote_volume");
}
