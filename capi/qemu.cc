// libvirt-qemu.h, implemented inside libvireo and exported by
// libvireo-qemu.so.0 through capi/companion.h. libvirt reports this file's
// argument errors in VIR_FROM_NONE (its VIR_FROM_THIS).
#include <regex.h>

#include <memory>
#include <string>

#include "capi/companion.h"
#include "capi/facade.h"
#include "lib/driver/domain_events.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainEvent;
using vireo::driver::DomainEventState;

namespace {

// The `event` filter of a monitor event registration: none, an exact name,
// or a POSIX basic regular expression; optionally case-insensitive.
class MonitorEventFilter {
 public:
  MonitorEventFilter(const char* event, unsigned int flags)
      : any_(!event), name_(event ? event : ""),
        regex_(flags & VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX),
        nocase_(flags & VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE) {
    if (any_ || !regex_) return;
    int rc = ::regcomp(&compiled_, event, REG_NOSUB | (nocase_ ? REG_ICASE : 0));
    if (rc != 0) {
      char why[100];
      ::regerror(rc, &compiled_, why, sizeof why);
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "failed to compile regex '" + name_ + "': " + why);
    }
  }
  ~MonitorEventFilter() {
    if (!any_ && regex_) ::regfree(&compiled_);
  }
  MonitorEventFilter(const MonitorEventFilter&) = delete;
  MonitorEventFilter& operator=(const MonitorEventFilter&) = delete;

  bool matches(const std::string& event) const {
    if (any_) return true;
    if (regex_) return ::regexec(&compiled_, event.c_str(), 0, nullptr, 0) == 0;
    return nocase_ ? ::strcasecmp(event.c_str(), name_.c_str()) == 0 : event == name_;
  }

 private:
  bool any_;
  std::string name_;
  bool regex_;
  bool nocase_;
  regex_t compiled_{};
};

// The registration holds a reference to its connection until it is removed,
// as domain event registrations do (capi/domain_events.cc).
DomainEventState::Callback monitorCallback(virConnectPtr conn, virConnectDomainQemuMonitorEventCallback cb,
                                           void* opaque, virFreeCallback freecb,
                                           std::shared_ptr<const MonitorEventFilter> filter) {
  DomainEventState::Callback c;
  c.connection = conn;
  c.eventId = driver::kQemuMonitorEventId;
  c.key = reinterpret_cast<const void*>(cb);
  c.filtered = true;
  c.deliver = [conn, cb, opaque, filter](const DomainEvent& ev) {
    if (!filter->matches(ev.monitorEvent)) return;
    virDomainPtr dom = newDomainHandle(conn, ev.domain);
    cb(conn, dom, ev.monitorEvent.c_str(), ev.seconds, ev.micros, ev.details.empty() ? nullptr : ev.details.c_str(),
       opaque);
    unrefDomain(dom);
  };
  c.release = [conn, opaque, freecb] {
    if (freecb) freecb(opaque);
    unrefConnection(conn);
  };
  return c;
}

// The driver's answer to a monitor command, for both entry points. `fd` is
// -1 or the one descriptor to pass.
int monitorCommand(Call& call, virDomainPtr dom, const char* cmd, int fd, char** result, unsigned int flags) {
  auto entry = call.op(&HV::domainQemuMonitorCommand);
  driver::DomainIdentity identity = dom->identity();
  std::string reply = entry(call.impl(), identity, cmd, fd, flags);
  dom->id = identity.id;
  *result = dupString(reply);
  return 0;
}

}  // namespace

namespace vireo::capi {

int qemuMonitorCommand(virDomainPtr dom, const char* cmd, char** result, unsigned int flags) noexcept {
  return guarded("virDomainQemuMonitorCommand", VIR_FROM_NONE, -1, [&](Call& call) {
    call.domain(dom);
    call.nonNull(result, "result");
    call.requireWritable();
    return monitorCommand(call, dom, cmd, -1, result, flags);
  }, bothArgs(entryArgs("dom", dom), entryArgs("cmd, result, flags", cmd, result, flags)));
}

int qemuMonitorCommandWithFiles(virDomainPtr dom, const char* cmd, unsigned int ninfiles, int* infiles,
                                unsigned int* noutfiles, int** outfiles, char** result, unsigned int flags) noexcept {
  return guarded("virDomainQemuMonitorCommandWithFiles", VIR_FROM_NONE, -1, [&](Call& call) {
    call.domain(dom);
    call.nonNull(cmd, "cmd");
    // Descriptors pass only to a driver that runs in this process (all of
    // vireo's that have monitor commands): libvirt asks the connection
    // whether it can pass them.
    if ((ninfiles > 0 || outfiles) && !call.impl().hypervisor().domainQemuMonitorCommand)
      fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_NONE, "fd passing is not supported by this connection");
    call.nonNull(result, "result");
    call.requireWritable();
    call.op(&HV::domainQemuMonitorCommand);
    if (ninfiles > 1) fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "at most 1 fd can be passed to qemu along with a command");
    if (ninfiles == 1) call.nonNull(infiles, "infiles");
    // QEMU never answers with descriptors (nor does libvirt's driver).
    if (noutfiles) *noutfiles = 0;
    if (outfiles) *outfiles = nullptr;
    return monitorCommand(call, dom, cmd, ninfiles == 1 ? infiles[0] : -1, result, flags);
  }, bothArgs(entryArgs("dom", dom), entryArgs("cmd, ninfiles, infiles, noutfiles, outfiles, result, flags", cmd,
                                               ninfiles, infiles, noutfiles, outfiles, result, flags)));
}

virDomainPtr qemuAttach(virConnectPtr conn, unsigned int pid, unsigned int flags) noexcept {
  return guarded("virDomainQemuAttach", VIR_FROM_NONE, static_cast<virDomainPtr>(nullptr), [&](Call& call) {
    call.connection(conn);
    if (pid == 0) call.invalidArg("pid_value in virDomainQemuAttach must not be zero");
    call.requireWritable();
    auto entry = call.op(&HV::domainQemuAttach);
    return newDomainHandle(conn, entry(call.impl(), pid, flags));
  }, entryArgs("conn, pid, flags", conn, pid, flags));
}

char* qemuAgentCommand(virDomainPtr dom, const char* cmd, int timeout, unsigned int flags) noexcept {
  return guarded("virDomainQemuAgentCommand", VIR_FROM_NONE, static_cast<char*>(nullptr), [&](Call& call) {
    call.domain(dom);
    call.requireWritable();
    auto entry = call.op(&HV::domainQemuAgentCommand);
    driver::DomainIdentity identity = dom->identity();
    std::string reply = entry(call.impl(), identity, cmd, timeout, flags);
    dom->id = identity.id;
    return dupString(reply);
  }, bothArgs(entryArgs("dom", dom), entryArgs("cmd, timeout, flags", cmd, timeout, flags)));
}

int qemuMonitorEventRegister(virConnectPtr conn, virDomainPtr dom, const char* event,
                             virConnectDomainQemuMonitorEventCallback cb, void* opaque, virFreeCallback freecb,
                             unsigned int flags) noexcept {
  return guarded("virConnectDomainQemuMonitorEventRegister", VIR_FROM_NONE, -1, [&](Call& call) {
    call.connection(conn);
    if (dom) {
      Call check(call.function(), VIR_FROM_NONE);
      check.domain(dom);
      if (dom->conn != conn)
        call.invalidArg("domain '" + dom->name + "' in virConnectDomainQemuMonitorEventRegister must match connection");
    }
    call.nonNull(reinterpret_cast<const void*>(cb), "cb");
    call.requireWritable();
    DomainEventState& events = call.op(&HV::qemuMonitorEventState)(call.impl());
    checkFlags(flags,
               VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX |
                   VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE,
               VIR_FROM_QEMU, "qemuConnectDomainQemuMonitorEventRegister");
    auto filter = std::make_shared<const MonitorEventFilter>(event, flags);
    DomainEventState::Callback c = monitorCallback(conn, cb, opaque, freecb, std::move(filter));
    if (dom) c.only = dom->uuid;
    int id = events.add(std::move(c));
    refConnection(conn);
    return id;
  }, entryArgs("conn, dom, event, cb, opaque, freecb, flags", conn, dom, event, cb, opaque, freecb, flags));
}

int qemuMonitorEventDeregister(virConnectPtr conn, int callbackID) noexcept {
  return guarded("virConnectDomainQemuMonitorEventDeregister", VIR_FROM_NONE, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNegative(callbackID, "callbackID");
    call.requireWritable();
    call.op(&HV::qemuMonitorEventState)(call.impl()).remove(conn, callbackID);
    return 0;
  }, entryArgs("conn, callbackID", conn, callbackID));
}

}  // namespace vireo::capi
