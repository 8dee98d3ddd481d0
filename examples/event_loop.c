/*
 * event_loop.c: receive domain lifecycle events through the default
 * event loop.
 *
 * The default event loop implementation must be registered before the
 * connection is opened. We then register a lifecycle callback, destroy
 * and start the domain "test" of test:///default, and run the loop until
 * both events arrived, giving up after 5 seconds. Exit status 1 if the
 * events did not come as expected.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct seen {
    int count;
    int events[2];
    int details[2];
};

static const char *event_name(int event)
{
    switch (event) {
    case VIR_DOMAIN_EVENT_DEFINED: return "Defined";
    case VIR_DOMAIN_EVENT_UNDEFINED: return "Undefined";
    case VIR_DOMAIN_EVENT_STARTED: return "Started";
    case VIR_DOMAIN_EVENT_SUSPENDED: return "Suspended";
    case VIR_DOMAIN_EVENT_RESUMED: return "Resumed";
    case VIR_DOMAIN_EVENT_STOPPED: return "Stopped";
    default: return "Other";
    }
}

/* Called from virEventRunDefaultImpl() for each lifecycle event. */
static int lifecycle_cb(virConnectPtr conn, virDomainPtr dom, int event,
                        int detail, void *opaque)
{
    struct seen *seen = opaque;

    (void)conn;
    printf("event 'lifecycle' for domain '%s': %s (%d), detail %d\n",
           virDomainGetName(dom), event_name(event), event, detail);
    if (seen->count < 2) {
        seen->events[seen->count] = event;
        seen->details[seen->count] = detail;
    }
    seen->count++;
    return 0;
}

/* A do-nothing timer: it wakes the loop up every 100 ms so that our
 * 5 second limit is checked even when no event comes. */
static void tick(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
    struct seen seen = { 0, { -1, -1 }, { -1, -1 } };
    virConnectPtr conn = NULL;
    virDomainPtr dom = NULL;
    int callback = -1;
    int timer = -1;
    int ok = 0;
    double deadline;

    /* 1. The loop first, then the connection. */
    if (virEventRegisterDefaultImpl() < 0) {
        fprintf(stderr, "cannot register the event loop: %s\n", virGetLastErrorMessage());
        return EXIT_FAILURE;
    }
    conn = virConnectOpen("test:///default");
    if (!conn) {
        fprintf(stderr, "cannot connect: %s\n", virGetLastErrorMessage());
        return EXIT_FAILURE;
    }

    /* 2. A lifecycle callback for every domain (dom = NULL). */
    callback = virConnectDomainEventRegisterAny(conn, NULL,
                                                VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                VIR_DOMAIN_EVENT_CALLBACK(lifecycle_cb),
                                                &seen, NULL);
    if (callback < 0) {
        fprintf(stderr, "cannot register the callback: %s\n", virGetLastErrorMessage());
        goto out;
    }
    timer = virEventAddTimeout(100, tick, NULL, NULL);
    if (timer < 0) {
        fprintf(stderr, "cannot add a timer: %s\n", virGetLastErrorMessage());
        goto out;
    }

    /* 3. Cause two events. They are queued, and delivered when the loop
     * runs. */
    dom = virDomainLookupByName(conn, "test");
    if (!dom || virDomainDestroy(dom) < 0 || virDomainCreate(dom) < 0) {
        fprintf(stderr, "cannot restart 'test': %s\n", virGetLastErrorMessage());
        goto out;
    }

    /* 4. Run the loop until both arrived, for 5 seconds at most. */
    deadline = now() + 5.0;
    while (seen.count < 2 && now() < deadline) {
        if (virEventRunDefaultImpl() < 0) {
            fprintf(stderr, "event loop failed: %s\n", virGetLastErrorMessage());
            goto out;
        }
    }

    if (seen.count != 2) {
        fprintf(stderr, "expected 2 events, got %d\n", seen.count);
        goto out;
    }
    if (seen.events[0] != VIR_DOMAIN_EVENT_STOPPED ||
        seen.details[0] != VIR_DOMAIN_EVENT_STOPPED_DESTROYED ||
        seen.events[1] != VIR_DOMAIN_EVENT_STARTED ||
        seen.details[1] != VIR_DOMAIN_EVENT_STARTED_BOOTED) {
        fprintf(stderr, "unexpected events\n");
        goto out;
    }
    printf("received both events\n");
    ok = 1;

out:
    /* 5. Clean up: deregister, drop the timer, close. */
    if (callback >= 0 && virConnectDomainEventDeregisterAny(conn, callback) < 0) {
        fprintf(stderr, "cannot deregister: %s\n", virGetLastErrorMessage());
        ok = 0;
    }
    if (timer >= 0)
        virEventRemoveTimeout(timer);
    if (dom)
        virDomainFree(dom);
    if (conn)
        virConnectClose(conn);
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
