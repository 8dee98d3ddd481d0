// util.h: helpers shared by the vireo tool's commands: owning handles,
// error reporting, domain lookup and the virsh names of states, reasons and
// events. Only the public libvirt API is used.
#pragma once

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace vireo_tool {

// Owning wrappers for the library's handles and for malloc'ed strings.
struct DomainFree {
    void operator()(virDomainPtr d) const { virDomainFree(d); }
};
struct MallocFree {
    void operator()(char *p) const { std::free(p); }
};
using Domain = std::unique_ptr<virDomain, DomainFree>;
using CString = std::unique_ptr<char, MallocFree>;

// Prints "error: <context>" (if not empty) and then "error: <last library
// error message>" to stderr, like virsh. Returns 1, the exit status.
int report_error(std::string_view context = {});

// Looks up a domain the way virsh does: as an id (a non-negative integer),
// then as a UUID, then as a name. On failure reports
// "failed to get domain 'ARG'" and returns an empty handle.
Domain lookup_domain(virConnectPtr conn, const std::string &arg);

// Reads a whole file; on failure prints an error and returns nullopt.
std::optional<std::string> read_file(const std::string &path);

// Parses a non-negative integer; nullopt unless the whole string is one.
std::optional<unsigned long long> parse_unsigned(std::string_view s);

// Parses a memory size: a number with an optional unit suffix (b, k/KiB,
// M/MiB, G/GiB, T/TiB; default KiB), returned in KiB.
std::optional<unsigned long long> parse_kib(std::string_view s);

// virsh's words for virDomainState values and their reasons.
const char *state_name(int state);
const char *state_reason_name(int state, int reason);

// virsh's words for lifecycle events and their details.
const char *event_name(int event);
const char *event_detail_name(int event, int detail);

} // namespace vireo_tool
