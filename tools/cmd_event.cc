// cmd_event.cc: the vireo tool's `event` command: wait for domain events
// and print one line per event, as virsh does.
//
// main() registers the default event loop implementation before it opens
// the connection (the library requires that order). This file registers
// lifecycle, reboot, device-added and device-removed callbacks, then runs
// the loop until one event arrived (or, with --loop, until --timeout
// seconds passed or SIGINT/SIGTERM). A 100 ms timer keeps every wait short
// so that the timeout and signals are noticed promptly.
#include "commands.h"
#include "util.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <optional>
#include <signal.h>

namespace vireo_tool {

namespace {

volatile sig_atomic_t interrupted = 0;

void on_signal(int)
{
    interrupted = 1;
}

struct EventState {
    int received = 0;
    bool loop = false;
    bool done = false;
};

void count_event(EventState *st)
{
    std::fflush(stdout);
    st->received++;
    if (!st->loop)
        st->done = true;
}

int lifecycle_cb(virConnectPtr, virDomainPtr dom, int event, int detail, void *opaque)
{
    std::printf("event 'lifecycle' for domain '%s': %s %s\n", virDomainGetName(dom),
                event_name(event), event_detail_name(event, detail));
    count_event(static_cast<EventState *>(opaque));
    return 0;
}

void reboot_cb(virConnectPtr, virDomainPtr dom, void *opaque)
{
    std::printf("event 'reboot' for domain '%s'\n", virDomainGetName(dom));
    count_event(static_cast<EventState *>(opaque));
}

void device_added_cb(virConnectPtr, virDomainPtr dom, const char *alias, void *opaque)
{
    std::printf("event 'device-added' for domain '%s': %s\n", virDomainGetName(dom),
                alias ? alias : "");
    count_event(static_cast<EventState *>(opaque));
}

void device_removed_cb(virConnectPtr, virDomainPtr dom, const char *alias, void *opaque)
{
    std::printf("event 'device-removed' for domain '%s': %s\n", virDomainGetName(dom),
                alias ? alias : "");
    count_event(static_cast<EventState *>(opaque));
}

void tick_cb(int, void *)
{
}

} // namespace

int cmd_event(virConnectPtr conn, const Args &args)
{
    EventState st;
    st.loop = args.has("loop");

    // The domain may be given as a positional or as --domain.
    const std::string *dom_arg = args.value("domain");
    if (dom_arg && !args.positional.empty())
        throw UsageError("give the domain either as an argument or with --domain");
    if (!dom_arg && !args.positional.empty())
        dom_arg = &args.positional[0];

    std::optional<unsigned long long> timeout;
    if (const std::string *t = args.value("timeout")) {
        timeout = parse_unsigned(*t);
        if (!timeout || *timeout == 0 || *timeout > 86400ULL * 365)
            throw UsageError("Invalid value '" + *t + "' for --timeout");
    }

    Domain dom;
    if (dom_arg) {
        dom = lookup_domain(conn, *dom_arg);
        if (!dom)
            return 1;
    }

    struct Registration {
        int id;
        int callback_id;
        virConnectDomainEventGenericCallback cb;
    };
    Registration regs[] = {
        { VIR_DOMAIN_EVENT_ID_LIFECYCLE, -1, VIR_DOMAIN_EVENT_CALLBACK(lifecycle_cb) },
        { VIR_DOMAIN_EVENT_ID_REBOOT, -1, VIR_DOMAIN_EVENT_CALLBACK(reboot_cb) },
        { VIR_DOMAIN_EVENT_ID_DEVICE_ADDED, -1, VIR_DOMAIN_EVENT_CALLBACK(device_added_cb) },
        { VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED, -1, VIR_DOMAIN_EVENT_CALLBACK(device_removed_cb) },
    };

    int rc = 0;
    for (auto &r : regs) {
        r.callback_id = virConnectDomainEventRegisterAny(conn, dom.get(), r.id, r.cb, &st,
                                                         nullptr);
        if (r.callback_id < 0) {
            rc = report_error("Failed to register event");
            break;
        }
    }

    int tick = -1;
    if (rc == 0) {
        tick = virEventAddTimeout(100, tick_cb, nullptr, nullptr);
        if (tick < 0)
            rc = report_error("Failed to add a timer to the event loop");
    }

    if (rc == 0) {
        struct sigaction sa = {};
        struct sigaction old_int = {}, old_term = {};
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &old_int);
        sigaction(SIGTERM, &sa, &old_term);

        using clock = std::chrono::steady_clock;
        auto deadline = clock::now() + std::chrono::seconds(timeout.value_or(0));
        bool timed_out = false;
        while (!st.done && !interrupted) {
            if (timeout && clock::now() >= deadline) {
                timed_out = true;
                break;
            }
            if (virEventRunDefaultImpl() < 0) {
                rc = report_error("Failed to run the event loop");
                break;
            }
        }

        sigaction(SIGINT, &old_int, nullptr);
        sigaction(SIGTERM, &old_term, nullptr);
        if (rc == 0) {
            if (interrupted)
                std::printf("event loop interrupted\n");
            else if (timed_out)
                std::printf("event loop timed out\n");
            std::printf("events received: %d\n", st.received);
        }
    }

    if (tick >= 0)
        virEventRemoveTimeout(tick);
    for (auto &r : regs)
        if (r.callback_id >= 0)
            virConnectDomainEventDeregisterAny(conn, r.callback_id);
    return rc;
}

} // namespace vireo_tool
