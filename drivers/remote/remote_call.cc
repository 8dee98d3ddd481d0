#include "drivers/remote/remote_call.h"

#include "drivers/remote/remote_state.h"
#include "lib/util/error.h"

namespace vireo::remote {

rpc::Message callRemote(driver::Connection& conn, int proc, const std::vector<char>& args) {
  rpc::Client& client = conn.state<RemoteState>().client();
  try {
    return client.call(kRemoteProgram, kRemoteVersion, proc, std::string_view(args.data(), args.size()));
  } catch (const Error& e) {
    // An older daemon that lacks a procedure answers VIR_ERR_RPC "unknown
    // procedure: N"; libvirt's client reports that as unsupported.
    if (e.code() == VIR_ERR_RPC && e.message().rfind("unknown procedure", 0) == 0)
      failUnsupported(VIR_FROM_REMOTE, e.message());
    throw;
  }
}

bool supportsFeature(driver::Connection& conn, int feature) {
  return Remote<60, wire::Int(wire::Int)>::call<int>(conn, feature) != 0;
}

}  // namespace vireo::remote
