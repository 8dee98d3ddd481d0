#include "drivers/remote/remote_ops.h"

#include <sys/socket.h>

#include "drivers/remote/remote_call.h"
#include "drivers/remote/remote_state.h"
#include "lib/util/error.h"

namespace vireo::remote::ops {
namespace {

// remote_protocol.x's procedures that pass descriptors.
constexpr int kCreateXMLWithFiles = 309;
constexpr int kCreateWithFiles = 310;

struct SchedulerType {  // remote_domain_get_scheduler_type_ret {string type; int nparams}
  static std::pair<std::string, int> get(rpc::Xdr& x) {
    std::string type = wire::Str::get(x);
    return {type, wire::Int::get(x)};
  }
};

}  // namespace

const char* getType(Connection& conn) {
  RemoteState& state = conn.state<RemoteState>();
  {
    MutexLock lock(state.mu);
    if (state.type) return state.type->c_str();
  }
  std::string type = Remote<3, wire::Str()>::call<std::string>(conn);
  MutexLock lock(state.mu);
  if (!state.type) state.type = std::move(type);  // a racing caller's answer is the same
  return state.type->c_str();
}

int isAlive(Connection& conn) { return conn.state<RemoteState>().client().isClosed() ? 0 : 1; }

// libvirt's rules: both ask the daemon whether its own driver connection is
// secure (CONNECT_IS_SECURE, a round trip each time, as libvirt's client).
// Secure: the transport is trusted (unix, ssh, libssh, tls; not tcp or ext,
// an arbitrary command) or the bytes are encrypted (a SASL layer).
// Encrypted: TLS or a SASL layer.
namespace {
bool daemonIsSecure(Connection& conn) { return Remote<149, wire::Int()>::call<int>(conn) != 0; }
}  // namespace

int isSecure(Connection& conn) {
  RemoteState& state = conn.state<RemoteState>();
  bool ours = state.transportSecure || state.client().isEncrypted();
  return daemonIsSecure(conn) && ours ? 1 : 0;
}

int isEncrypted(Connection& conn) {
  bool encrypted = conn.state<RemoteState>().client().isEncrypted();
  return daemonIsSecure(conn) && encrypted ? 1 : 0;
}

int setKeepAlive(Connection& conn, int interval, unsigned int count) {
  return conn.state<RemoteState>().setKeepAlive(interval, count);
}


bool typedParamStringsSupported(Connection& conn) {
  RemoteState& state = conn.state<RemoteState>();
  {
    MutexLock lock(state.mu);
    if (state.typedParamStringsSupported) return *state.typedParamStringsSupported;
  }
  bool supported = supportsFeature(conn, kFeatureTypedParamString);
  MutexLock lock(state.mu);
  state.typedParamStringsSupported = supported;
  return supported;
}

driver::DomainEventState& eventState(Connection& conn) { return conn.state<RemoteState>().events(); }

void registerCloseCallback(Connection& conn, const void* key, std::function<void(int)> call,
                           std::function<void()> release) {
  RemoteState& state = conn.state<RemoteState>();
  {
    MutexLock lock(state.mu);
    if (state.closeCallback.key)
      fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_REMOTE, "A close callback is already registered");
  }
  if (state.closeCallbackSupported && !state.client().isClosed())
    Remote<360, wire::None()>::call<void>(conn);
  MutexLock lock(state.mu);
  state.closeCallback = {key, std::move(call), std::move(release)};
}

void unregisterCloseCallback(Connection& conn, const void* key) {
  RemoteState& state = conn.state<RemoteState>();
  RemoteState::CloseCallback removed;
  {
    MutexLock lock(state.mu);
    if (state.closeCallback.key != key)
      fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_REMOTE, "A different callback was requested");
  }
  if (state.closeCallbackSupported && !state.client().isClosed())
    Remote<361, wire::None()>::call<void>(conn);
  {
    MutexLock lock(state.mu);
    removed = std::move(state.closeCallback);
    state.closeCallback = {};
  }
  if (removed.release) removed.release();
}

void createWithFlags(Connection& conn, DomainIdentity& dom, unsigned int flags) {
  DomainIdentity started = Remote<196, wire::Dom(wire::Dom, wire::UInt)>::call<DomainIdentity>(conn, dom, flags);
  dom.id = started.id;
}

// The descriptors follow the call (CALL_WITH_FDS): only over a UNIX socket.
void createWithFiles(Connection& conn, DomainIdentity& dom, std::span<const int> files, unsigned int flags) {
  rpc::Message reply = callProgram(conn, kRemoteProgram, kRemoteVersion, kCreateWithFiles,
                                   encodeArgs<wire::Dom, wire::UInt>(dom, flags),
                                   std::vector<int>(files.begin(), files.end()));
  dom.id = decodeReply<wire::Dom>(reply).id;
}

DomainIdentity createXMLWithFiles(Connection& conn, std::string_view xml, std::span<const int> files,
                                  unsigned int flags) {
  std::string text(xml);
  rpc::Message reply = callProgram(conn, kRemoteProgram, kRemoteVersion, kCreateXMLWithFiles,
                                   encodeArgs<wire::Str, wire::UInt>(text.c_str(), flags),
                                   std::vector<int>(files.begin(), files.end()));
  return decodeReply<wire::Dom>(reply);
}

void destroyFlags(Connection& conn, DomainIdentity& dom, unsigned int flags) {
  Remote<234, wire::None(wire::Dom, wire::UInt)>::call<void>(conn, dom, flags);
  dom.id = -1;
}

void saveFlags(Connection& conn, DomainIdentity& dom, const char* path, const char* dxml, unsigned int flags) {
  Remote<232, wire::None(wire::Dom, wire::Str, wire::OptStr, wire::UInt)>::call<void>(conn, dom, path, dxml, flags);
  dom.id = -1;
}

void saveParams(Connection& conn, DomainIdentity& dom, const driver::TypedParamList& params, unsigned int flags) {
  constexpr uint32_t kSaveParamsMax = 64;  // REMOTE_DOMAIN_SAVE_PARAMS_MAX
  Remote<440, wire::None(wire::Dom, wire::Params<kSaveParamsMax>, wire::UInt)>::call<void>(conn, dom, params, flags);
  dom.id = -1;
}

void managedSave(Connection& conn, DomainIdentity& dom, unsigned int flags) {
  Remote<182, wire::None(wire::Dom, wire::UInt)>::call<void>(conn, dom, flags);
  dom.id = -1;
}

driver::TypedParamList getSchedulerParameters(Connection& conn, DomainIdentity& dom, unsigned int flags) {
  constexpr uint32_t kMax = 16;
  if (flags == 0)
    return Remote<57, wire::Params<kMax>(wire::Dom, wire::ConstInt<kMax>)>::call<driver::TypedParamList>(conn, dom);
  return Remote<223, wire::Params<kMax>(wire::Dom, wire::ConstInt<kMax>, wire::UInt)>::call<driver::TypedParamList>(
      conn, dom, flags);
}

void setSchedulerParameters(Connection& conn, DomainIdentity& dom, const driver::TypedParamList& params,
                            unsigned int flags) {
  constexpr uint32_t kMax = 16;
  if (flags == 0)
    Remote<58, wire::None(wire::Dom, wire::Params<kMax>)>::call<void>(conn, dom, params);
  else
    Remote<219, wire::None(wire::Dom, wire::Params<kMax>, wire::UInt)>::call<void>(conn, dom, params, flags);
}

std::string getSchedulerType(Connection& conn, DomainIdentity& dom, int& nparams) {
  auto [type, count] = Remote<56, SchedulerType(wire::Dom)>::call<std::pair<std::string, int>>(conn, dom);
  nparams = count;
  return type;
}

}  // namespace vireo::remote::ops
