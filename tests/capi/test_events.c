/*
 * test_events.c: domain events through the default event loop.
 *
 * Asserts: the lifecycle (event, detail) pairs of define, redefine,
 * undefine, createXML, create, destroy, suspend, resume, shutdown, save,
 * restore and managed save; that virDomainReboot emits no event; that
 * DEVICE_ADDED/REMOVED callbacks register although attach/detach are not
 * supported by the test driver; the old virConnectDomainEventRegister API
 * (and its duplicate check); filtering of a callback by domain; that
 * deregistering stops delivery; that freecb runs on deregistration; and
 * the errors of deregistering unknown callbacks.
 *
 * Every wait is bounded: the loop is kept awake by a 50 ms timer and
 * gives up after a few seconds.
 */
#include "check.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define MAX_EVENTS 128

struct event_rec {
    int source;          /* which callback saw it (SRC_*) */
    char name[64];       /* domain name */
    int event;           /* lifecycle event, or -1 for others */
    int detail;
};

enum {
    SRC_ANY = 1,         /* lifecycle callback for all domains */
    SRC_FILTERED,        /* lifecycle callback for "test" only */
    SRC_OLD,             /* old-style virConnectDomainEventRegister */
    SRC_REBOOT,
    SRC_DEVICE_ADDED,
    SRC_DEVICE_REMOVED,
};

static struct event_rec events[MAX_EVENTS];
static int nevents;
static int free_calls;

static void record(int source, virDomainPtr dom, int event, int detail)
{
    if (nevents >= MAX_EVENTS)
        return;
    events[nevents].source = source;
    snprintf(events[nevents].name, sizeof(events[nevents].name), "%s",
             virDomainGetName(dom));
    events[nevents].event = event;
    events[nevents].detail = detail;
    nevents++;
}

static int lifecycle_cb(virConnectPtr conn, virDomainPtr dom, int event,
                        int detail, void *opaque)
{
    (void)conn;
    record(*(int *)opaque, dom, event, detail);
    return 0;
}

static void reboot_cb(virConnectPtr conn, virDomainPtr dom, void *opaque)
{
    (void)conn;
    (void)opaque;
    record(SRC_REBOOT, dom, -1, -1);
}

static void device_cb(virConnectPtr conn, virDomainPtr dom,
                      const char *alias, void *opaque)
{
    (void)conn;
    (void)alias;
    record(*(int *)opaque, dom, -1, -1);
}

static void counting_free(void *opaque)
{
    (void)opaque;
    free_calls++;
}

/* ---- bounded loop ----------------------------------------------------- */

static void tick_cb(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run the default loop until at least `want` events were recorded or
 * `limit` seconds passed. Returns the number of events recorded. */
static int run_until(int want, double limit)
{
    double deadline = now_s() + limit;
    while (nevents < want && now_s() < deadline)
        if (virEventRunDefaultImpl() < 0)
            break;
    return nevents;
}

/* Let the loop run a little longer to catch unexpected extra events. */
static void settle(void)
{
    run_until(MAX_EVENTS, 0.1);
}

static void reset_events(void)
{
    nevents = 0;
    memset(events, 0, sizeof(events));
}

static int count_source(int source)
{
    int n = 0;
    for (int i = 0; i < nevents; i++)
        n += events[i].source == source;
    return n;
}

/* The i-th event recorded by `source`, or NULL. */
static struct event_rec *nth(int source, int i)
{
    for (int k = 0; k < nevents; k++)
        if (events[k].source == source && i-- == 0)
            return &events[k];
    return NULL;
}

#define CHECK_EVENT(src, i, nm, ev, det) \
    check_event((src), (i), (nm), (ev), (det), __FILE__, __LINE__)

static void check_event(int source, int i, const char *name, int event,
                        int detail, const char *file, int line)
{
    struct event_rec *r = nth(source, i);
    if (!check_report(r != NULL, file, line, "event was delivered"))
        return;
    check_str(r->name, name, file, line, "event domain");
    check_int(r->event, event, file, line, "event");
    check_int(r->detail, detail, file, line, "event detail");
}

/* ---- the tests -------------------------------------------------------- */

#define UUID_E "eeeeeeee-0000-0000-0000-000000000001"
static const char ev_xml[] =
    "<domain type='test'><name>ev</name><uuid>" UUID_E "</uuid>"
    "<memory unit='KiB'>65536</memory><os><type>hvm</type></os></domain>";
static const char ev2_xml[] =
    "<domain type='test'><name>ev</name><uuid>" UUID_E "</uuid>"
    "<memory unit='KiB'>131072</memory><os><type>hvm</type></os></domain>";
static const char trans_xml[] =
    "<domain type='test'><name>trans</name>"
    "<memory unit='KiB'>65536</memory><os><type>hvm</type></os></domain>";

static int src_any = SRC_ANY;
static int src_filtered = SRC_FILTERED;
static int src_old = SRC_OLD;
static int src_added = SRC_DEVICE_ADDED;
static int src_removed = SRC_DEVICE_REMOVED;

static void test_lifecycle_events(virConnectPtr conn, const char *dir)
{
    virDomainPtr test, ev, trans;
    int id_any, id_filtered, id_reboot, id_added, id_removed;
    char path[512];

    test = virDomainLookupByName(conn, "test");
    CHECK(test != NULL);
    if (!test)
        return;

    id_any = virConnectDomainEventRegisterAny(conn, NULL,
                 VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                 VIR_DOMAIN_EVENT_CALLBACK(lifecycle_cb), &src_any, NULL);
    /* The first callback of the driver's state: libvirt counts from 0. */
    CHECK_INT(id_any, 0);
    id_filtered = virConnectDomainEventRegisterAny(conn, test,
                 VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                 VIR_DOMAIN_EVENT_CALLBACK(lifecycle_cb), &src_filtered,
                 counting_free);
    CHECK_INT(id_filtered, 1);
    id_reboot = virConnectDomainEventRegisterAny(conn, NULL,
                 VIR_DOMAIN_EVENT_ID_REBOOT,
                 VIR_DOMAIN_EVENT_CALLBACK(reboot_cb), NULL, NULL);
    CHECK(id_reboot >= 0);
    id_added = virConnectDomainEventRegisterAny(conn, NULL,
                 VIR_DOMAIN_EVENT_ID_DEVICE_ADDED,
                 VIR_DOMAIN_EVENT_CALLBACK(device_cb), &src_added, NULL);
    CHECK(id_added >= 0);
    id_removed = virConnectDomainEventRegisterAny(conn, NULL,
                 VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
                 VIR_DOMAIN_EVENT_CALLBACK(device_cb), &src_removed, NULL);
    CHECK(id_removed >= 0);

    /* destroy + create of "test" */
    reset_events();
    CHECK_INT(virDomainDestroy(test), 0);
    CHECK_INT(virDomainCreate(test), 0);
    run_until(4, 3.0);
    settle();
    CHECK_INT(count_source(SRC_ANY), 2);
    CHECK_INT(count_source(SRC_FILTERED), 2);
    CHECK_EVENT(SRC_ANY, 0, "test", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    CHECK_EVENT(SRC_ANY, 1, "test", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    CHECK_EVENT(SRC_FILTERED, 0, "test", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    CHECK_EVENT(SRC_FILTERED, 1, "test", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);

    /* suspend, resume, shutdown */
    reset_events();
    CHECK_INT(virDomainSuspend(test), 0);
    CHECK_INT(virDomainResume(test), 0);
    CHECK_INT(virDomainShutdown(test), 0);
    run_until(6, 3.0);
    settle();
    CHECK_INT(count_source(SRC_ANY), 3);
    CHECK_EVENT(SRC_ANY, 0, "test", VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    CHECK_EVENT(SRC_ANY, 1, "test", VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    CHECK_EVENT(SRC_ANY, 2, "test", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);

    /* save + restore */
    snprintf(path, sizeof(path), "%s/ev.save", dir);
    reset_events();
    CHECK_INT(virDomainCreate(test), 0);
    CHECK_INT(virDomainSave(test, path), 0);
    CHECK_INT(virDomainRestore(conn, path), 0);
    unlink(path);
    run_until(6, 3.0);
    settle();
    CHECK_INT(count_source(SRC_ANY), 3);
    CHECK_EVENT(SRC_ANY, 0, "test", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    CHECK_EVENT(SRC_ANY, 1, "test", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SAVED);
    CHECK_EVENT(SRC_ANY, 2, "test", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_RESTORED);

    /* managed save, then create from it */
    reset_events();
    CHECK_INT(virDomainManagedSave(test, 0), 0);
    CHECK_INT(virDomainCreate(test), 0);
    run_until(4, 3.0);
    settle();
    CHECK_INT(count_source(SRC_ANY), 2);
    CHECK_EVENT(SRC_ANY, 0, "test", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SAVED);
    /* libvirt 9.0: starting from a managed save image reports
     * STARTED/BOOTED (and the state reason BOOTED), not RESTORED. */
    CHECK_EVENT(SRC_ANY, 1, "test", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);

    /* reboot: libvirt 9.0's test driver emits no event at all, neither
     * REBOOT nor lifecycle. */
    reset_events();
    CHECK_INT(virDomainReboot(test, 0), 0);
    settle();
    CHECK_INT(count_source(SRC_REBOOT), 0);
    CHECK_INT(count_source(SRC_ANY), 0);

    /* define, redefine, create, destroy, undefine of another domain:
     * the filtered callback sees none of them. */
    reset_events();
    ev = virDomainDefineXML(conn, ev_xml);
    CHECK(ev != NULL);
    if (ev) {
        virDomainPtr again = virDomainDefineXML(conn, ev2_xml);
        CHECK(again != NULL);
        if (again)
            virDomainFree(again);
        CHECK_INT(virDomainCreate(ev), 0);
        CHECK_INT(virDomainDestroy(ev), 0);
        CHECK_INT(virDomainUndefine(ev), 0);
        virDomainFree(ev);
    }
    run_until(5, 3.0);
    settle();
    CHECK_INT(count_source(SRC_ANY), 5);
    CHECK_INT(count_source(SRC_FILTERED), 0);
    CHECK_EVENT(SRC_ANY, 0, "ev", VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_ADDED);
    CHECK_EVENT(SRC_ANY, 1, "ev", VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_UPDATED);
    CHECK_EVENT(SRC_ANY, 2, "ev", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    CHECK_EVENT(SRC_ANY, 3, "ev", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    CHECK_EVENT(SRC_ANY, 4, "ev", VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);

    /* createXML of a transient domain and its destroy. */
    reset_events();
    trans = virDomainCreateXML(conn, trans_xml, 0);
    CHECK(trans != NULL);
    if (trans) {
        CHECK_INT(virDomainDestroy(trans), 0);
        virDomainFree(trans);
    }
    run_until(2, 3.0);
    settle();
    CHECK_INT(count_source(SRC_ANY), 2);
    CHECK_EVENT(SRC_ANY, 0, "trans", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    CHECK_EVENT(SRC_ANY, 1, "trans", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);

    /* Device events: the test driver cannot attach or detach, so no
     * event comes; only the failure is checked. */
    CHECK_INT(virDomainAttachDevice(test,
        "<disk type='file' device='disk'><source file='/x.img'/>"
        "<target dev='vdb' bus='virtio'/></disk>"), -1);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN);
    settle();
    CHECK_INT(count_source(SRC_DEVICE_ADDED), 0);
    CHECK_INT(count_source(SRC_DEVICE_REMOVED), 0);

    /* Deregistering the filtered callback stops its delivery and runs its
     * freecb; the other callback still sees the event. */
    free_calls = 0;
    CHECK_INT(virConnectDomainEventDeregisterAny(conn, id_filtered), 0);
    settle(); /* libvirt may run freecb from the loop */
    CHECK_INT(free_calls, 1);
    reset_events();
    CHECK_INT(virDomainSuspend(test), 0);
    run_until(1, 3.0);
    settle();
    CHECK_INT(count_source(SRC_ANY), 1);
    CHECK_INT(count_source(SRC_FILTERED), 0);
    CHECK_INT(virDomainResume(test), 0);

    /* Unknown or already removed ids. */
    CHECK_INT(virConnectDomainEventDeregisterAny(conn, id_filtered), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
    CHECK_INT(virConnectDomainEventDeregisterAny(conn, 12345), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
    CHECK_INT(virConnectDomainEventDeregisterAny(conn, -1), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);

    CHECK_INT(virConnectDomainEventDeregisterAny(conn, id_removed), 0);
    CHECK_INT(virConnectDomainEventDeregisterAny(conn, id_added), 0);
    CHECK_INT(virConnectDomainEventDeregisterAny(conn, id_reboot), 0);
    CHECK_INT(virConnectDomainEventDeregisterAny(conn, id_any), 0);

    /* Nothing is delivered with no callback left. */
    reset_events();
    CHECK_INT(virDomainSuspend(test), 0);
    CHECK_INT(virDomainResume(test), 0);
    settle();
    CHECK_INT(nevents, 0);

    virDomainFree(test);
}

static void test_old_api(virConnectPtr conn)
{
    virDomainPtr test = virDomainLookupByName(conn, "test");

    CHECK(test != NULL);
    if (!test)
        return;

    free_calls = 0;
    CHECK_INT(virConnectDomainEventRegister(conn, lifecycle_cb, &src_old, counting_free), 0);
    /* The same function twice is refused. */
    CHECK_INT(virConnectDomainEventRegister(conn, lifecycle_cb, &src_old, NULL), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);

    reset_events();
    CHECK_INT(virDomainSuspend(test), 0);
    CHECK_INT(virDomainResume(test), 0);
    run_until(2, 3.0);
    settle();
    CHECK_INT(count_source(SRC_OLD), 2);
    CHECK_EVENT(SRC_OLD, 0, "test", VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    CHECK_EVENT(SRC_OLD, 1, "test", VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);

    CHECK_INT(virConnectDomainEventDeregister(conn, lifecycle_cb), 0);
    settle();
    CHECK_INT(free_calls, 1);
    CHECK_INT(virConnectDomainEventDeregister(conn, lifecycle_cb), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);

    reset_events();
    CHECK_INT(virDomainSuspend(test), 0);
    CHECK_INT(virDomainResume(test), 0);
    settle();
    CHECK_INT(nevents, 0);

    virDomainFree(test);
}

int main(void)
{
    virConnectPtr conn;
    int tick;
    char dir[] = "/tmp/vireo-capi-events-XXXXXX";

    check_init();
    /* The loop must exist before the connection is opened. */
    CHECK_INT(virEventRegisterDefaultImpl(), 0);
    /* Keep the loop waking up so that every wait stays bounded. */
    tick = virEventAddTimeout(50, tick_cb, NULL, NULL);
    CHECK(tick >= 0);

    conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("test_events");

    if (check_mkdtemp(dir)) {
        test_lifecycle_events(conn, dir);
        CHECK_INT(rmdir(dir), 0);
    } else {
        CHECK(!"mkdtemp failed");
    }
    test_old_api(conn);

    CHECK_INT(virConnectClose(conn), 0);
    if (tick >= 0)
        CHECK_INT(virEventRemoveTimeout(tick), 0);
    return check_finish("test_events");
}
