#include "drivers/remote/remote_qemu.h"

#include "drivers/remote/remote_call.h"
#include "lib/util/error.h"

namespace vireo::remote::ops {
namespace {

constexpr uint32_t kQemuProgram = 0x20008087;
constexpr uint32_t kLxcProgram = 0x00068000;
constexpr uint32_t kProgramVersion = 1;

constexpr int kQemuMonitorCommand = 1;
constexpr int kQemuAttach = 2;
constexpr int kQemuAgentCommand = 3;
constexpr int kQemuMonitorEventRegister = 4;
constexpr int kQemuMonitorEventDeregister = 5;
constexpr int kQemuMonitorEvent = 6;
constexpr int kQemuMonitorCommandWithFiles = 7;
constexpr int kLxcOpenNamespace = 1;

// An absent optional field of the register call: its domain filter and
// its event name filter (the local callbacks do the filtering).
struct Absent {
  static void put(rpc::Xdr& x) {
    bool present = false;
    x.boolean(present);
  }
};

}  // namespace

std::string qemuMonitorCommand(driver::Connection& conn, driver::DomainIdentity& dom, const char* cmd, int fd,
                               unsigned int flags) {
  std::vector<char> args = encodeArgs<wire::Dom, wire::Str, wire::UInt>(dom, cmd, flags);
  if (fd < 0)
    return decodeReply<wire::Str>(
        callProgram(conn, kQemuProgram, kProgramVersion, kQemuMonitorCommand, args));
  rpc::Message reply =
      callProgram(conn, kQemuProgram, kProgramVersion, kQemuMonitorCommandWithFiles, args, {fd});
  // QEMU answers with no descriptors; any that came are closed with the reply.
  return decodeReply<wire::Str>(reply);
}

std::string qemuAgentCommand(driver::Connection& conn, driver::DomainIdentity& dom, const char* cmd,
                             int timeout, unsigned int flags) {
  std::vector<char> args = encodeArgs<wire::Dom, wire::Str, wire::Int, wire::UInt>(dom, cmd, timeout, flags);
  std::optional<std::string> result =
      decodeReply<wire::OptStr>(callProgram(conn, kQemuProgram, kProgramVersion, kQemuAgentCommand, args));
  // libvirt's client returns NULL for an absent result, which the C API
  // reports as a failure without an error of its own.
  if (!result) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "the daemon returned no agent reply");
  return *result;
}

driver::DomainIdentity qemuAttach(driver::Connection& conn, unsigned int pid, unsigned int flags) {
  std::vector<char> args = encodeArgs<wire::UInt, wire::UInt>(pid, flags);
  return decodeReply<wire::Dom>(callProgram(conn, kQemuProgram, kProgramVersion, kQemuAttach, args));
}

std::vector<UniqueFd> lxcOpenNamespace(driver::Connection& conn, driver::DomainIdentity& dom,
                                       unsigned int flags) {
  std::vector<char> args = encodeArgs<wire::Dom, wire::UInt>(dom, flags);
  rpc::Message reply = callProgram(conn, kLxcProgram, kProgramVersion, kLxcOpenNamespace, args);
  rpc::Xdr x(reply.payload);
  x.expectEnd();
  return std::move(reply.fds);
}

int qemuMonitorEventSubscribe(driver::Connection& conn) {
  std::vector<char> args = encodeArgs<Absent, Absent, wire::UInt>(0u);
  return decodeReply<wire::Int>(
      callProgram(conn, kQemuProgram, kProgramVersion, kQemuMonitorEventRegister, args));
}

void qemuMonitorEventUnsubscribe(driver::Connection& conn, int serverId) {
  std::vector<char> args = encodeArgs<wire::Int>(serverId);
  rpc::Message reply = callProgram(conn, kQemuProgram, kProgramVersion, kQemuMonitorEventDeregister, args);
  rpc::Xdr x(reply.payload);
  x.expectEnd();
}

int decodeQemuMonitorEvent(const rpc::Message& m, driver::DomainEvent& ev) {
  if (m.header.prog != kQemuProgram || m.header.proc != kQemuMonitorEvent) return -1;
  rpc::Xdr x(m.payload);
  int serverId = wire::Int::get(x);
  ev.object = driver::EventObject::Domain;
  ev.domain = wire::Dom::get(x);
  ev.monitorEvent = wire::Str::get(x);
  ev.seconds = wire::Hyper::get(x);
  ev.micros = wire::UInt::get(x);
  ev.details = wire::OptStr::get(x).value_or("");
  x.expectEnd();
  return serverId;
}

}  // namespace vireo::remote::ops
