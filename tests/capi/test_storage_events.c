/*
 * test_storage_events.c: storage pool events on test:///default, where
 * libvirt 9.0's test driver sends them: lifecycle events (defined,
 * undefined, started, stopped, created by a build, deleted) and refresh
 * events, delivered from the event loop; a callback for one pool; libvirt's
 * argument errors.
 *
 * The same program passes against Debian's libvirt 9.0 (capi-storage-events-libvirt)
 * and through a daemon (remote-capi-storage-events).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

#define MAX_EVENTS 32

/* What each callback saw, in order: the pool's name and the event
 * (lifecycle type, or -1 for a refresh) with its detail. */
static struct {
    char tag[16];
    char pool[64];
    int event;
    int detail;
} seen[MAX_EVENTS];
static int nseen;

static void record(const char *tag, virStoragePoolPtr pool, int event, int detail)
{
    if (nseen >= MAX_EVENTS)
        return;
    snprintf(seen[nseen].tag, sizeof(seen[nseen].tag), "%s", tag);
    snprintf(seen[nseen].pool, sizeof(seen[nseen].pool), "%s", virStoragePoolGetName(pool));
    seen[nseen].event = event;
    seen[nseen].detail = detail;
    nseen++;
}

static void lifecycle_cb(virConnectPtr conn, virStoragePoolPtr pool, int event, int detail, void *opaque)
{
    (void)conn;
    record(opaque, pool, event, detail);
}

static void refresh_cb(virConnectPtr conn, virStoragePoolPtr pool, void *opaque)
{
    (void)conn;
    record(opaque, pool, -1, 0);
}

static int freed;

static void free_opaque(void *opaque)
{
    (void)opaque;
    freed++;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void tick(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
}

/* Runs the default loop until `want` events arrived or `limit` seconds
 * passed; a 50 ms timer keeps the loop from blocking when none comes. */
static void run_until(int want, double limit)
{
    int timer = virEventAddTimeout(50, tick, NULL, NULL);
    double deadline = now_s() + limit;
    while (nseen < want && now_s() < deadline)
        if (virEventRunDefaultImpl() < 0)
            break;
    if (timer >= 0)
        virEventRemoveTimeout(timer);
}

/* The next event is (tag, pool, event) with detail 0. */
static int next;

static void expect(const char *tag, const char *pool, int event)
{
    if (!CHECK(next < nseen)) {
        fprintf(stderr, "    missing event %s %s %d\n", tag, pool, event);
        return;
    }
    CHECK_STR(seen[next].tag, tag);
    CHECK_STR(seen[next].pool, pool);
    CHECK_INT(seen[next].event, event);
    CHECK_INT(seen[next].detail, 0);
    next++;
}

static void test_arguments(virConnectPtr conn)
{
    virConnectStoragePoolEventGenericCallback cb = VIR_STORAGE_POOL_EVENT_CALLBACK(lifecycle_cb);
    CHECK_INT(virConnectStoragePoolEventRegisterAny(NULL, NULL, 0, cb, NULL, NULL), -1);
    CHECK_ERR(VIR_ERR_INVALID_CONN, VIR_FROM_STORAGE);
    CHECK_INT(virConnectStoragePoolEventRegisterAny(conn, NULL, 2 /* the last id + 1 */, cb, NULL, NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE,
                  "eventID in virConnectStoragePoolEventRegisterAny must be less than 2");
    CHECK_INT(virConnectStoragePoolEventRegisterAny(conn, NULL, -1, cb, NULL, NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE,
                  "eventID in virConnectStoragePoolEventRegisterAny must be zero or greater");
    CHECK_INT(virConnectStoragePoolEventRegisterAny(conn, NULL, 0, NULL, NULL, NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE,
                  "cb in virConnectStoragePoolEventRegisterAny must not be NULL");

    /* A pool of another connection is no filter for this one. */
    virConnectPtr other = virConnectOpen(check_default_uri());
    virStoragePoolPtr foreign = other ? virStoragePoolLookupByName(other, "default-pool") : NULL;
    CHECK(foreign != NULL);
    if (foreign) {
        CHECK_INT(virConnectStoragePoolEventRegisterAny(conn, foreign, 0, cb, NULL, NULL), -1);
        CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE,
                      "storage pool 'default-pool' in virConnectStoragePoolEventRegisterAny must match connection");
        virStoragePoolFree(foreign);
    }
    if (other)
        virConnectClose(other);

    /* The same function twice for the same event: refused. */
    int id = virConnectStoragePoolEventRegisterAny(conn, NULL, 0, cb, NULL, free_opaque);
    CHECK(id >= 0);
    CHECK_INT(virConnectStoragePoolEventRegisterAny(conn, NULL, 0, cb, NULL, NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "event callback already tracked");
    freed = 0;
    CHECK_INT(virConnectStoragePoolEventDeregisterAny(conn, id), 0);
    CHECK_INT(freed, 1);
    CHECK_INT(virConnectStoragePoolEventDeregisterAny(conn, id), -1);
    /* libvirt's remote client words it "event callback id N not registered". */
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
    CHECK_INT(virConnectStoragePoolEventDeregisterAny(conn, -1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE,
                  "callbackID in virConnectStoragePoolEventDeregisterAny must be zero or greater");
}

static const char *pool_xml =
    "<pool type='dir'><name>evpool</name><uuid>0b2c6f5a-4b29-4a6e-8b4e-1f2a3b4c5d6e</uuid>"
    "<target><path>/evpool</path></target></pool>";

static void test_events(virConnectPtr conn)
{
    nseen = next = 0;
    int all = virConnectStoragePoolEventRegisterAny(conn, NULL, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                                                    VIR_STORAGE_POOL_EVENT_CALLBACK(lifecycle_cb), "all", NULL);
    int refreshes = virConnectStoragePoolEventRegisterAny(conn, NULL, VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                                                          VIR_STORAGE_POOL_EVENT_CALLBACK(refresh_cb), "refresh",
                                                          NULL);
    virStoragePoolPtr def = virStoragePoolLookupByName(conn, "default-pool");
    int one = virConnectStoragePoolEventRegisterAny(conn, def, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                                                    VIR_STORAGE_POOL_EVENT_CALLBACK(lifecycle_cb), "default",
                                                    NULL);
    CHECK(all >= 0 && refreshes >= 0 && one >= 0);
    CHECK(all != refreshes && one != all && one != refreshes);

    virStoragePoolPtr pool = virStoragePoolDefineXML(conn, pool_xml, 0);
    CHECK(pool != NULL);
    if (!pool)
        return;
    virStoragePoolPtr again = virStoragePoolDefineXML(conn, pool_xml, 0);
    CHECK(again != NULL);
    if (again)
        virStoragePoolFree(again);
    CHECK_INT(virStoragePoolBuild(pool, 0), 0);
    CHECK_INT(virStoragePoolCreate(pool, 0), 0);
    CHECK_INT(virStoragePoolRefresh(pool, 0), 0);
    /* Autostart and volumes send no pool event. */
    CHECK_INT(virStoragePoolSetAutostart(pool, 1), 0);
    virStorageVolPtr vol =
        virStorageVolCreateXML(pool, "<volume><name>v</name><capacity>1024</capacity></volume>", 0);
    CHECK(vol != NULL);
    if (vol) {
        CHECK_INT(virStorageVolDelete(vol, 0), 0);
        virStorageVolFree(vol);
    }
    CHECK_INT(virStoragePoolDestroy(pool), 0);
    CHECK_INT(virStoragePoolDelete(pool, 0), 0);
    CHECK_INT(virStoragePoolUndefine(pool), 0);
    /* Failures send nothing. */
    CHECK_INT(virStoragePoolRefresh(pool, 0), -1);
    CHECK_ERR(VIR_ERR_NO_STORAGE_POOL, VIR_FROM_TEST);
    virStoragePoolFree(pool);

    virStoragePoolPtr transient = virStoragePoolCreateXML(
        conn, "<pool type='dir'><name>evtransient</name><target><path>/evt</path></target></pool>", 0);
    CHECK(transient != NULL);
    if (transient) {
        CHECK_INT(virStoragePoolRefresh(transient, 0), 0);
        CHECK_INT(virStoragePoolDestroy(transient), 0);
        virStoragePoolFree(transient);
    }
    if (def) {
        CHECK_INT(virStoragePoolDestroy(def), 0);
        CHECK_INT(virStoragePoolCreate(def, 0), 0);
    }

    run_until(14, 2.0);
    expect("all", "evpool", VIR_STORAGE_POOL_EVENT_DEFINED);
    expect("all", "evpool", VIR_STORAGE_POOL_EVENT_DEFINED);
    expect("all", "evpool", VIR_STORAGE_POOL_EVENT_CREATED);
    expect("all", "evpool", VIR_STORAGE_POOL_EVENT_STARTED);
    expect("refresh", "evpool", -1);
    expect("all", "evpool", VIR_STORAGE_POOL_EVENT_STOPPED);
    expect("all", "evpool", VIR_STORAGE_POOL_EVENT_DELETED);
    expect("all", "evpool", VIR_STORAGE_POOL_EVENT_UNDEFINED);
    expect("all", "evtransient", VIR_STORAGE_POOL_EVENT_STARTED);
    expect("refresh", "evtransient", -1);
    expect("all", "evtransient", VIR_STORAGE_POOL_EVENT_STOPPED);
    /* Callbacks of one event run in the order they were registered. */
    expect("all", "default-pool", VIR_STORAGE_POOL_EVENT_STOPPED);
    expect("default", "default-pool", VIR_STORAGE_POOL_EVENT_STOPPED);
    expect("all", "default-pool", VIR_STORAGE_POOL_EVENT_STARTED);
    expect("default", "default-pool", VIR_STORAGE_POOL_EVENT_STARTED);
    run_until(MAX_EVENTS, 0.2);
    CHECK_INT(nseen, next);

    CHECK_INT(virConnectStoragePoolEventDeregisterAny(conn, one), 0);
    CHECK_INT(virConnectStoragePoolEventDeregisterAny(conn, refreshes), 0);
    /* A deregistered callback hears nothing more. */
    if (def) {
        CHECK_INT(virStoragePoolRefresh(def, 0), 0);
        CHECK_INT(virStoragePoolDestroy(def), 0);
        CHECK_INT(virStoragePoolCreate(def, 0), 0);
        run_until(next + 2, 2.0);
        expect("all", "default-pool", VIR_STORAGE_POOL_EVENT_STOPPED);
        expect("all", "default-pool", VIR_STORAGE_POOL_EVENT_STARTED);
        run_until(MAX_EVENTS, 0.2);
        CHECK_INT(nseen, next);
        virStoragePoolFree(def);
    }
    CHECK_INT(virConnectStoragePoolEventDeregisterAny(conn, all), 0);
}

int main(void)
{
    check_init();
    CHECK_INT(virEventRegisterDefaultImpl(), 0);
    virConnectPtr conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("capi-storage-events");
    test_arguments(conn);
    test_events(conn);
    CHECK_INT(virConnectClose(conn), 0);
    return check_finish("capi-storage-events");
}
