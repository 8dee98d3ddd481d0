// util.cc: shared helpers of the vireo tool (see util.h).
#include "util.h"

#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace vireo_tool {

int report_error(std::string_view context)
{
    if (!context.empty())
        std::fprintf(stderr, "error: %.*s\n", static_cast<int>(context.size()),
                     context.data());
    std::fprintf(stderr, "error: %s\n", virGetLastErrorMessage());
    return 1;
}

std::optional<unsigned long long> parse_unsigned(std::string_view s)
{
    if (s.empty() || s.size() > 20)
        return std::nullopt;
    unsigned long long v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        unsigned long long next = v * 10 + static_cast<unsigned>(c - '0');
        if (next / 10 != v)
            return std::nullopt; // overflow
        v = next;
    }
    return v;
}

std::optional<unsigned long long> parse_kib(std::string_view s)
{
    size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    auto number = parse_unsigned(s.substr(0, digits));
    if (!number)
        return std::nullopt;
    std::string unit(s.substr(digits));
    for (auto &c : unit)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

    unsigned long long v = *number;
    auto scale = [&](unsigned shift) -> std::optional<unsigned long long> {
        if (shift && v > (~0ULL >> shift))
            return std::nullopt;
        return v << shift;
    };
    if (unit == "b" || unit == "bytes")
        return (v + 1023) / 1024;
    if (unit.empty() || unit == "k" || unit == "kib")
        return v;
    if (unit == "m" || unit == "mib")
        return scale(10);
    if (unit == "g" || unit == "gib")
        return scale(20);
    if (unit == "t" || unit == "tib")
        return scale(30);
    return std::nullopt;
}

Domain lookup_domain(virConnectPtr conn, const std::string &arg)
{
    virDomainPtr dom = nullptr;

    if (auto id = parse_unsigned(arg); id && *id <= 0x7fffffffULL)
        dom = virDomainLookupByID(conn, static_cast<int>(*id));
    if (!dom && arg.size() == VIR_UUID_STRING_BUFLEN - 1)
        dom = virDomainLookupByUUIDString(conn, arg.c_str());
    if (!dom)
        dom = virDomainLookupByName(conn, arg.c_str());
    if (!dom)
        report_error("failed to get domain '" + arg + "'");
    return Domain(dom);
}

std::optional<std::string> read_file(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "error: Failed to open file '%s': %s\n",
                     path.c_str(), std::strerror(errno));
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

namespace {

template <size_t N>
const char *pick(const std::array<const char *, N> &names, int i,
                 const char *fallback)
{
    if (i < 0 || static_cast<size_t>(i) >= N)
        return fallback;
    return names[static_cast<size_t>(i)];
}

} // namespace

const char *state_name(int state)
{
    static constexpr std::array<const char *, 8> names = {
        "no state", "running", "idle", "paused",
        "in shutdown", "shut off", "crashed", "pmsuspended",
    };
    return pick(names, state, "no state");
}

const char *state_reason_name(int state, int reason)
{
    static constexpr std::array<const char *, 12> running = {
        "unknown", "booted", "migrated", "restored", "from snapshot",
        "unpaused", "migration canceled", "save canceled", "event wakeup",
        "crashed", "post-copy", "post-copy failed",
    };
    static constexpr std::array<const char *, 15> paused = {
        "unknown", "user", "migrating", "saving", "dumping", "I/O error",
        "watchdog", "from snapshot", "shutting down", "creating snapshot",
        "crashed", "starting up", "post-copy", "post-copy failed",
        "api error",
    };
    static constexpr std::array<const char *, 2> shutdown = { "unknown", "user" };
    static constexpr std::array<const char *, 9> shutoff = {
        "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved",
        "failed", "from snapshot", "daemon",
    };
    static constexpr std::array<const char *, 2> crashed = { "unknown", "panicked" };
    static constexpr std::array<const char *, 1> unknown_only = { "unknown" };

    switch (state) {
    case VIR_DOMAIN_RUNNING: return pick(running, reason, "unknown");
    case VIR_DOMAIN_PAUSED: return pick(paused, reason, "unknown");
    case VIR_DOMAIN_SHUTDOWN: return pick(shutdown, reason, "unknown");
    case VIR_DOMAIN_SHUTOFF: return pick(shutoff, reason, "unknown");
    case VIR_DOMAIN_CRASHED: return pick(crashed, reason, "unknown");
    default: return pick(unknown_only, reason, "unknown");
    }
}

const char *event_name(int event)
{
    static constexpr std::array<const char *, 9> names = {
        "Defined", "Undefined", "Started", "Suspended", "Resumed",
        "Stopped", "Shutdown", "PMSuspended", "Crashed",
    };
    return pick(names, event, "unknown");
}

const char *event_detail_name(int event, int detail)
{
    static constexpr std::array<const char *, 4> defined = {
        "Added", "Updated", "Renamed", "Snapshot",
    };
    static constexpr std::array<const char *, 2> undefined = { "Removed", "Renamed" };
    static constexpr std::array<const char *, 5> started = {
        "Booted", "Migrated", "Restored", "Snapshot", "Event wakeup",
    };
    static constexpr std::array<const char *, 9> suspended = {
        "Paused", "Migrated", "I/O Error", "Watchdog", "Restored",
        "Snapshot", "API error", "Post-copy", "Post-copy Error",
    };
    static constexpr std::array<const char *, 5> resumed = {
        "Unpaused", "Migrated", "Snapshot", "Post-copy", "Post-copy Error",
    };
    static constexpr std::array<const char *, 7> stopped = {
        "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed",
        "Snapshot",
    };
    static constexpr std::array<const char *, 3> shutdown = {
        "Finished", "Finished after guest request",
        "Finished after host request",
    };
    static constexpr std::array<const char *, 2> pmsuspended = { "Memory", "Disk" };
    static constexpr std::array<const char *, 2> crashed = { "Panicked", "Crashloaded" };

    switch (event) {
    case VIR_DOMAIN_EVENT_DEFINED: return pick(defined, detail, "unknown");
    case VIR_DOMAIN_EVENT_UNDEFINED: return pick(undefined, detail, "unknown");
    case VIR_DOMAIN_EVENT_STARTED: return pick(started, detail, "unknown");
    case VIR_DOMAIN_EVENT_SUSPENDED: return pick(suspended, detail, "unknown");
    case VIR_DOMAIN_EVENT_RESUMED: return pick(resumed, detail, "unknown");
    case VIR_DOMAIN_EVENT_STOPPED: return pick(stopped, detail, "unknown");
    case VIR_DOMAIN_EVENT_SHUTDOWN: return pick(shutdown, detail, "unknown");
    case VIR_DOMAIN_EVENT_PMSUSPENDED: return pick(pmsuspended, detail, "unknown");
    case VIR_DOMAIN_EVENT_CRASHED: return pick(crashed, detail, "unknown");
    default: return "unknown";
    }
}

} // namespace vireo_tool
