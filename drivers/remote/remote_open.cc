// Opening a remote connection: the transport, authentication, and the
// daemon's own open, in the order libvirt's client does them (libvirt-rpc.md
// section 3): AUTH_LIST, the auth exchange, SUPPORTS_FEATURE(keepalive),
// CONNECT_OPEN, SUPPORTS_FEATURE(event callbacks, close callback). The
// driver's type and the typed-parameter strings feature are asked when first
// needed (remote_ops.cc).
#include "drivers/remote/remote_open.h"

#include "drivers/remote/remote_call.h"
#include "drivers/remote/remote_events.h"
#include "drivers/remote/remote_state.h"
#include "drivers/remote/remote_target.h"
#include "drivers/remote/remote_transport.h"
#include "lib/util/error.h"
#include "lib/util/event_impl.h"

namespace vireo::remote {
namespace {

constexpr int kProcAuthList = 66;
constexpr int kProcAuthPolkit = 70;
constexpr int kProcConnectOpen = 1;

enum AuthType { kAuthNone = 0, kAuthSasl = 1, kAuthPolkit = 2 };



void authenticate(driver::Connection& conn, const RemoteTarget& target) {
  auto types = Remote<kProcAuthList, wire::Array<wire::Int, 20>()>::call<std::vector<int>>(conn);
  if (types.empty() || types[0] == kAuthNone) return;
  switch (types[0]) {
    case kAuthPolkit:
      if (!target.auth.empty() && target.auth != "polkit")
        fail(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE,
             "requested authentication type " + target.auth + " rejected");
      // The daemon asks polkit about our peer credentials; nothing to send.
      Remote<kProcAuthPolkit, wire::Int()>::call<int>(conn);
      return;
    case kAuthSasl:
      fail(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE,
           "SASL authentication is not supported by vireo's remote driver yet");
    default:
      fail(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "unsupported authentication type " + std::to_string(types[0]));
  }
}

}  // namespace

void openRemote(driver::Connection& conn, virConnectAuthPtr /*auth*/, unsigned int flags) {
  RemoteTarget target = RemoteTarget::parse(conn.uri());
  bool readOnly = (flags & VIR_CONNECT_RO) != 0;
  TransportStream stream = openTransport(target, readOnly);
  pid_t helper = stream.releaseHelper();
  auto client = std::make_unique<rpc::Client>(stream.releaseChannel());
  auto state = std::make_unique<RemoteState>(std::move(client), helper);
  RemoteState& remote = *state;
  conn.setState(std::move(state));
  try {
    authenticate(conn, target);
    // The daemon PINGs a client that says it knows keepalive; only a client
    // that reads while idle (an event loop watches its socket) can answer.
    if (event::haveImpl()) remote.keepaliveSupported = supportsFeature(conn, kFeatureProgramKeepalive);
    std::optional<std::string> name = target.openName;
    Remote<kProcConnectOpen, wire::None(wire::OptStr, wire::UInt)>::call<void>(
        conn, name, readOnly ? 1u : 0u);
    remote.eventCallbacksSupported = supportsFeature(conn, kFeatureRemoteEventCallback);
    remote.closeCallbackSupported = supportsFeature(conn, kFeatureRemoteCloseCallback);
    setUpEvents(conn, remote);
    remote.watchSocket();
  } catch (...) {
    conn.resetState();
    throw;
  }
}

}  // namespace vireo::remote
