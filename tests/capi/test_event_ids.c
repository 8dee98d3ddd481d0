/*
 * test_event_ids.c: a callback of every domain event id, each with the
 * signature of its id.
 *
 * Asserts: virConnectDomainEventRegisterAny accepts every
 * VIR_DOMAIN_EVENT_ID_* (through a daemon too: the remote driver registers
 * each id with it) and refuses N_EVENT_IDS; what the test
 * driver emits reaches the callback of its id with its arguments in the right
 * places (lifecycle type and detail on suspend/resume; metadata type and
 * namespace on virDomainSetMetadata, NULL namespace for a description) and
 * nothing reaches the callbacks of the other ids; every callback deregisters.
 * Runs on test:///default, through a daemon's test driver (remote-capi-*)
 * and against libvirt itself (capi-event-ids-libvirt).
 */
#include "check.h"

#include <time.h>

/* libvirt 9.0's number of domain event ids (VIR_DOMAIN_EVENT_ID_LAST needs
 * VIR_ENUM_SENTINELS). */
#define N_EVENT_IDS (VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE + 1)
#define NS_URI "http://example.org/vireo-event-ids"

struct seen {
    int calls;
    char domain[64];
    int a, b;         /* the integer arguments, in order */
    char text[128];   /* the string argument ("(null)" for NULL) */
};

static struct seen seen[N_EVENT_IDS];

static void note(int id, virDomainPtr dom, int a, int b, const char *text)
{
    struct seen *s = &seen[id];
    s->calls++;
    snprintf(s->domain, sizeof(s->domain), "%s", virDomainGetName(dom));
    s->a = a;
    s->b = b;
    snprintf(s->text, sizeof(s->text), "%s", text ? text : "(null)");
}

/* One function per signature; `opaque` points at the event id. */
#define ID(opaque) (*(const int *)(opaque))

static int on_lifecycle(virConnectPtr c, virDomainPtr d, int event, int detail, void *o)
{ (void)c; note(ID(o), d, event, detail, NULL); return 0; }
static void on_plain(virConnectPtr c, virDomainPtr d, void *o)
{ (void)c; note(ID(o), d, 0, 0, NULL); }
static void on_rtc(virConnectPtr c, virDomainPtr d, long long off, void *o)
{ (void)c; note(ID(o), d, (int)off, 0, NULL); }
static void on_int(virConnectPtr c, virDomainPtr d, int v, void *o)
{ (void)c; note(ID(o), d, v, 0, NULL); }
static void on_io_error(virConnectPtr c, virDomainPtr d, const char *src, const char *alias, int action, void *o)
{ (void)c; (void)src; note(ID(o), d, action, 0, alias); }
static void on_io_error_reason(virConnectPtr c, virDomainPtr d, const char *src, const char *alias, int action,
                               const char *reason, void *o)
{ (void)c; (void)src; (void)reason; note(ID(o), d, action, 0, alias); }
static void on_graphics(virConnectPtr c, virDomainPtr d, int phase, const virDomainEventGraphicsAddress *local,
                        const virDomainEventGraphicsAddress *remote, const char *scheme,
                        const virDomainEventGraphicsSubject *subject, void *o)
{ (void)c; (void)local; (void)remote; (void)subject; note(ID(o), d, phase, 0, scheme); }
static void on_block_job(virConnectPtr c, virDomainPtr d, const char *disk, int type, int status, void *o)
{ (void)c; note(ID(o), d, type, status, disk); }
static void on_disk_change(virConnectPtr c, virDomainPtr d, const char *old_src, const char *new_src,
                           const char *alias, int reason, void *o)
{ (void)c; (void)old_src; (void)new_src; note(ID(o), d, reason, 0, alias); }
static void on_string_int(virConnectPtr c, virDomainPtr d, const char *s, int v, void *o)
{ (void)c; note(ID(o), d, v, 0, s); }
static void on_balloon(virConnectPtr c, virDomainPtr d, unsigned long long actual, void *o)
{ (void)c; note(ID(o), d, (int)actual, 0, NULL); }
static void on_string(virConnectPtr c, virDomainPtr d, const char *s, void *o)
{ (void)c; note(ID(o), d, 0, 0, s); }
static void on_params(virConnectPtr c, virDomainPtr d, virTypedParameterPtr params, int n, void *o)
{ (void)c; note(ID(o), d, n, 0, n > 0 ? params[0].field : NULL); }
static void on_two_ints(virConnectPtr c, virDomainPtr d, int a, int b, void *o)
{ (void)c; note(ID(o), d, a, b, NULL); }
static void on_metadata(virConnectPtr c, virDomainPtr d, int type, const char *nsuri, void *o)
{ (void)c; note(ID(o), d, type, 0, nsuri); }
static void on_threshold(virConnectPtr c, virDomainPtr d, const char *dev, const char *path,
                         unsigned long long threshold, unsigned long long excess, void *o)
{ (void)c; (void)path; note(ID(o), d, (int)threshold, (int)excess, dev); }
static void on_memory_failure(virConnectPtr c, virDomainPtr d, int recipient, int action, unsigned int flags,
                              void *o)
{ (void)c; (void)flags; note(ID(o), d, recipient, action, NULL); }
static void on_memory_size(virConnectPtr c, virDomainPtr d, const char *alias, unsigned long long size, void *o)
{ (void)c; note(ID(o), d, (int)size, 0, alias); }

/* The callback of each id, cast as libvirt's headers require. */
static virConnectDomainEventGenericCallback callback_of(int id)
{
    switch (id) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE: return VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle);
    case VIR_DOMAIN_EVENT_ID_RTC_CHANGE: return VIR_DOMAIN_EVENT_CALLBACK(on_rtc);
    case VIR_DOMAIN_EVENT_ID_WATCHDOG:
    case VIR_DOMAIN_EVENT_ID_PMWAKEUP:
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND:
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK:
    case VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION: return VIR_DOMAIN_EVENT_CALLBACK(on_int);
    case VIR_DOMAIN_EVENT_ID_IO_ERROR: return VIR_DOMAIN_EVENT_CALLBACK(on_io_error);
    case VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON: return VIR_DOMAIN_EVENT_CALLBACK(on_io_error_reason);
    case VIR_DOMAIN_EVENT_ID_GRAPHICS: return VIR_DOMAIN_EVENT_CALLBACK(on_graphics);
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB:
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2: return VIR_DOMAIN_EVENT_CALLBACK(on_block_job);
    case VIR_DOMAIN_EVENT_ID_DISK_CHANGE: return VIR_DOMAIN_EVENT_CALLBACK(on_disk_change);
    case VIR_DOMAIN_EVENT_ID_TRAY_CHANGE: return VIR_DOMAIN_EVENT_CALLBACK(on_string_int);
    case VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE: return VIR_DOMAIN_EVENT_CALLBACK(on_balloon);
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED: return VIR_DOMAIN_EVENT_CALLBACK(on_string);
    case VIR_DOMAIN_EVENT_ID_TUNABLE:
    case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED: return VIR_DOMAIN_EVENT_CALLBACK(on_params);
    case VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE: return VIR_DOMAIN_EVENT_CALLBACK(on_two_ints);
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE: return VIR_DOMAIN_EVENT_CALLBACK(on_metadata);
    case VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD: return VIR_DOMAIN_EVENT_CALLBACK(on_threshold);
    case VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE: return VIR_DOMAIN_EVENT_CALLBACK(on_memory_failure);
    case VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE: return VIR_DOMAIN_EVENT_CALLBACK(on_memory_size);
    default: return VIR_DOMAIN_EVENT_CALLBACK(on_plain);  /* REBOOT, CONTROL_ERROR */
    }
}

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

/* Runs the loop until id `id` saw `calls` calls or 5 s passed, then a
 * little longer to catch what should not come. */
static void run_until(int id, int calls)
{
    double deadline = now_s() + 5;
    while (seen[id].calls < calls && now_s() < deadline)
        if (virEventRunDefaultImpl() < 0)
            break;
    deadline = now_s() + 0.1;
    while (now_s() < deadline)
        if (virEventRunDefaultImpl() < 0)
            break;
}

static int total_calls_except(int a, int b)
{
    int n = 0;
    for (int id = 0; id < N_EVENT_IDS; id++)
        if (id != a && id != b)
            n += seen[id].calls;
    return n;
}

static int ids[N_EVENT_IDS];

int main(void)
{
    virConnectPtr conn;
    virDomainPtr dom;
    int callback[N_EVENT_IDS];
    int id, tick;

    check_init();
    CHECK_INT(virEventRegisterDefaultImpl(), 0);
    tick = virEventAddTimeout(50, tick_cb, NULL, NULL);
    conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("test_event_ids");
    dom = virDomainLookupByName(conn, "test");
    CHECK(dom != NULL);

    for (id = 0; id < N_EVENT_IDS; id++) {
        ids[id] = id;
        callback[id] = virConnectDomainEventRegisterAny(conn, NULL, id, callback_of(id), &ids[id], NULL);
        if (!check_report(callback[id] >= 0, __FILE__, __LINE__, "every event id registers"))
            fprintf(stderr, "    event id %d\n", id), check_print_last_error();
    }
    CHECK_INT(virConnectDomainEventRegisterAny(conn, NULL, N_EVENT_IDS, callback_of(0), &ids[0], NULL),
              -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "eventID must be less than 27");

    /* Lifecycle: (type, detail) in the first two integer arguments. */
    CHECK_INT(virDomainSuspend(dom), 0);
    run_until(VIR_DOMAIN_EVENT_ID_LIFECYCLE, 1);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_LIFECYCLE].calls, 1);
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_LIFECYCLE].domain, "test");
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_LIFECYCLE].a, VIR_DOMAIN_EVENT_SUSPENDED);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_LIFECYCLE].b, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    CHECK_INT(virDomainResume(dom), 0);
    run_until(VIR_DOMAIN_EVENT_ID_LIFECYCLE, 2);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_LIFECYCLE].calls, 2);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_LIFECYCLE].a, VIR_DOMAIN_EVENT_RESUMED);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_LIFECYCLE].b, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);

    /* Metadata: the type and the namespace of an element. */
    CHECK_INT(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, "<n/>", "ev", NS_URI,
                                   VIR_DOMAIN_AFFECT_LIVE), 0);
    run_until(VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, 1);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_METADATA_CHANGE].calls, 1);
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_METADATA_CHANGE].domain, "test");
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_METADATA_CHANGE].a, VIR_DOMAIN_METADATA_ELEMENT);
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_METADATA_CHANGE].text, NS_URI);
    /* A description has no namespace: the callback is given NULL. */
    CHECK_INT(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION, "text", NULL, NULL,
                                   VIR_DOMAIN_AFFECT_LIVE), 0);
    run_until(VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, 2);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_METADATA_CHANGE].calls, 2);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_METADATA_CHANGE].a, VIR_DOMAIN_METADATA_DESCRIPTION);
    CHECK_STR(seen[VIR_DOMAIN_EVENT_ID_METADATA_CHANGE].text, "(null)");
    /* Clean up what this test changed in the shared default instance. */
    CHECK_INT(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, NULL, NULL, NS_URI,
                                   VIR_DOMAIN_AFFECT_LIVE), 0);
    CHECK_INT(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, NULL, NULL,
                                   VIR_DOMAIN_AFFECT_LIVE), 0);
    run_until(VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, 4);
    CHECK_INT(seen[VIR_DOMAIN_EVENT_ID_METADATA_CHANGE].calls, 4);

    /* The test driver emits nothing else. */
    CHECK_INT(total_calls_except(VIR_DOMAIN_EVENT_ID_LIFECYCLE, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE), 0);

    for (id = 0; id < N_EVENT_IDS; id++)
        if (callback[id] >= 0)
            CHECK_INT(virConnectDomainEventDeregisterAny(conn, callback[id]), 0);

    if (dom)
        virDomainFree(dom);
    CHECK_INT(virConnectClose(conn), 0);
    if (tick >= 0)
        CHECK_INT(virEventRemoveTimeout(tick), 0);
    return check_finish("test_event_ids");
}
