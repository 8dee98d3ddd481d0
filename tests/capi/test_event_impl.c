/*
 * test_event_impl.c: the library's use of an application event loop.
 *
 * Registers a tiny event loop implementation of its own with
 * virEventRegisterImpl that only records handles and timeouts, and
 * asserts the bookkeeping libvirt-python's test_aio relies on:
 *   - opening test:///default adds no handle and no timeout;
 *   - the first domain event callback adds exactly one timeout, disabled
 *     (interval -1); a second callback adds nothing;
 *   - an event arms that timeout (interval 0); firing it delivers the
 *     event and disarms it again (-1);
 *   - deregistering the last callback removes the timeout, and its free
 *     function is called (we call it later from a clean stack, as the
 *     contract requires);
 *   - closing the connection adds or removes nothing more.
 * It is a separate program because the event implementation of a process
 * cannot be swapped once registered.
 */
#include "check.h"

#define MAX_TIMERS 16

struct timer {
    int id;
    int interval;          /* -1 disabled, >= 0 armed (ms) */
    int removed;
    virEventTimeoutCallback cb;
    void *opaque;
    virFreeCallback ff;
};

static struct timer timers[MAX_TIMERS];
static int ntimers;
static int handles_added, handles_updated, handles_removed;
static int timeouts_added, timeouts_updated, timeouts_removed;
static int first_interval = -2;

static int add_handle(int fd, int events, virEventHandleCallback cb,
                      void *opaque, virFreeCallback ff)
{
    (void)fd;
    (void)events;
    (void)cb;
    (void)opaque;
    (void)ff;
    return ++handles_added;
}

static void update_handle(int watch, int events)
{
    (void)watch;
    (void)events;
    handles_updated++;
}

static int remove_handle(int watch)
{
    (void)watch;
    handles_removed++;
    return 0;
}

static int add_timeout(int interval, virEventTimeoutCallback cb,
                       void *opaque, virFreeCallback ff)
{
    struct timer *t;

    if (ntimers >= MAX_TIMERS)
        return -1;
    t = &timers[ntimers];
    t->id = ntimers + 1;
    t->interval = interval;
    t->removed = 0;
    t->cb = cb;
    t->opaque = opaque;
    t->ff = ff;
    ntimers++;
    timeouts_added++;
    if (first_interval == -2)
        first_interval = interval;
    return t->id;
}

static struct timer *find_timer(int id)
{
    if (id < 1 || id > ntimers || timers[id - 1].removed)
        return NULL;
    return &timers[id - 1];
}

static void update_timeout(int id, int interval)
{
    struct timer *t = find_timer(id);
    timeouts_updated++;
    if (t)
        t->interval = interval;
}

static int remove_timeout(int id)
{
    struct timer *t = find_timer(id);
    if (!t)
        return -1;
    t->removed = 1; /* ff is called later, from a clean stack */
    timeouts_removed++;
    return 0;
}

/* Fire every armed timer once. Returns how many fired. */
static int fire_timers(void)
{
    int fired = 0;
    for (int i = 0; i < ntimers; i++) {
        struct timer *t = &timers[i];
        if (!t->removed && t->interval >= 0 && t->cb) {
            t->cb(t->id, t->opaque);
            fired++;
        }
    }
    return fired;
}

/* Call the free functions of removed timers, as a real loop would. */
static int reap_timers(void)
{
    int freed = 0;
    for (int i = 0; i < ntimers; i++) {
        struct timer *t = &timers[i];
        if (t->removed && t->ff) {
            t->ff(t->opaque);
            t->ff = NULL;
            freed++;
        }
    }
    return freed;
}

static int active_timers(void)
{
    int n = 0;
    for (int i = 0; i < ntimers; i++)
        n += !timers[i].removed;
    return n;
}

static int lifecycle_calls;
static int last_event = -1;
static int last_detail = -1;

static int lifecycle_cb(virConnectPtr conn, virDomainPtr dom, int event,
                        int detail, void *opaque)
{
    (void)conn;
    (void)dom;
    (void)opaque;
    lifecycle_calls++;
    last_event = event;
    last_detail = detail;
    return 0;
}

int main(void)
{
    virConnectPtr conn;
    virDomainPtr dom;
    int id1, id2;

    check_init();
    virEventRegisterImpl(add_handle, update_handle, remove_handle,
                         add_timeout, update_timeout, remove_timeout);

    conn = virConnectOpen("test:///default");
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("test_event_impl");
    CHECK_INT(handles_added, 0);
    CHECK_INT(timeouts_added, 0);

    dom = virDomainLookupByName(conn, "test");
    CHECK(dom != NULL);
    if (!dom) {
        virConnectClose(conn);
        return check_finish("test_event_impl");
    }

    /* An event with no callback registered touches no timer. */
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainResume(dom), 0);
    CHECK_INT(timeouts_added, 0);

    /* First callback: one disabled timeout. */
    id1 = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
              VIR_DOMAIN_EVENT_CALLBACK(lifecycle_cb), NULL, NULL);
    CHECK(id1 >= 0);
    CHECK_INT(timeouts_added, 1);
    CHECK_INT(first_interval, -1);
    CHECK_INT(active_timers(), 1);
    CHECK_INT(handles_added, 0);

    /* Second callback: nothing new. */
    id2 = virConnectDomainEventRegisterAny(conn, dom, VIR_DOMAIN_EVENT_ID_REBOOT,
              VIR_DOMAIN_EVENT_CALLBACK(lifecycle_cb), NULL, NULL);
    CHECK(id2 >= 0);
    CHECK_INT(timeouts_added, 1);

    /* Nothing to dispatch yet. */
    CHECK_INT(fire_timers(), 0);
    CHECK_INT(lifecycle_calls, 0);

    /* An event arms the timer; firing it dispatches and disarms. */
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(ntimers >= 1 ? timers[0].interval : -99, 0);
    CHECK_INT(lifecycle_calls, 0); /* not delivered before the loop runs */
    CHECK_INT(fire_timers(), 1);
    CHECK_INT(lifecycle_calls, 1);
    CHECK_INT(last_event, VIR_DOMAIN_EVENT_SUSPENDED);
    CHECK_INT(last_detail, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    CHECK_INT(ntimers >= 1 ? timers[0].interval : -99, -1);
    CHECK_INT(fire_timers(), 0);

    /* Two events are queued and delivered in one go. */
    CHECK_INT(virDomainResume(dom), 0);
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK_INT(fire_timers(), 1);
    CHECK_INT(lifecycle_calls, 3);
    CHECK_INT(last_event, VIR_DOMAIN_EVENT_STOPPED);
    CHECK_INT(last_detail, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);

    /* Deregistering: the timeout goes with the last callback. */
    CHECK_INT(virConnectDomainEventDeregisterAny(conn, id2), 0);
    CHECK_INT(timeouts_removed, 0);
    CHECK_INT(virConnectDomainEventDeregisterAny(conn, id1), 0);
    CHECK_INT(timeouts_removed, 1);
    CHECK_INT(active_timers(), 0);
    CHECK_INT(reap_timers(), 1);

    /* Registering again adds a fresh timeout. */
    id1 = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
              VIR_DOMAIN_EVENT_CALLBACK(lifecycle_cb), NULL, NULL);
    CHECK(id1 >= 0);
    CHECK_INT(timeouts_added, 2);
    CHECK_INT(active_timers(), 1);
    CHECK_INT(virConnectDomainEventDeregisterAny(conn, id1), 0);
    CHECK_INT(timeouts_removed, 2);
    reap_timers();

    virDomainFree(dom);
    CHECK_INT(virConnectClose(conn), 0);
    CHECK_INT(timeouts_added, 2);
    CHECK_INT(timeouts_removed, 2);
    CHECK_INT(handles_added, 0);
    CHECK_INT(handles_removed, 0);
    CHECK_INT(handles_updated, 0);
    return check_finish("test_event_impl");
}
