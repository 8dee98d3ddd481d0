#include "drivers/remote/remote_call.h"

#include "drivers/remote/remote_state.h"
#include "lib/util/error.h"

namespace vireo::remote {

void rethrowDaemonError(const Error& e) {
  // An older daemon that lacks a procedure answers VIR_ERR_RPC "unknown
  // procedure: N"; libvirt's client reports that as unsupported.
  if (e.code() == VIR_ERR_RPC && e.message().rfind("unknown procedure", 0) == 0)
    failUnsupported(VIR_FROM_REMOTE, e.message());
  throw e;
}

rpc::Message callRemote(driver::Connection& conn, int proc, const std::vector<char>& args) {
  return callProgram(conn, kRemoteProgram, kRemoteVersion, proc, args);
}

rpc::Message callProgram(driver::Connection& conn, uint32_t prog, uint32_t vers, int proc,
                         const std::vector<char>& args, const std::vector<int>& fds) {
  rpc::Client& client = conn.state<RemoteState>().client();
  try {
    return client.call(prog, vers, proc, std::string_view(args.data(), args.size()), fds);
  } catch (const Error& e) {
    rethrowDaemonError(e);
  }
}

bool supportsFeature(driver::Connection& conn, int feature) {
  return Remote<60, wire::Int(wire::Int)>::call<int>(conn, feature) != 0;
}

}  // namespace vireo::remote
