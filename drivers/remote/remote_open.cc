// Opening a remote connection: the transport, authentication, and the
// daemon's own open, in the order libvirt's client does them (libvirt-rpc.md
// section 3): AUTH_LIST, the auth exchange, SUPPORTS_FEATURE(keepalive),
// CONNECT_OPEN, SUPPORTS_FEATURE(event callbacks, close callback). The
// driver's type and the typed-parameter strings feature are asked when first
// needed (remote_ops.cc).
#include "drivers/remote/remote_open.h"

#include <strings.h>

#include <algorithm>

#include "drivers/remote/remote_call.h"
#include "drivers/remote/remote_events.h"
#include "drivers/remote/remote_libssh.h"
#include "drivers/remote/remote_sasl.h"
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

bool startsWithIgnoringCase(const std::string& s, std::string_view prefix) {
  return s.size() >= prefix.size() && strncasecmp(s.data(), prefix.data(), prefix.size()) == 0;
}

bool isSaslRequest(const std::string& auth) {
  return strcasecmp(auth.c_str(), "sasl") == 0 || startsWithIgnoringCase(auth, "sasl.");
}

// auth=sasl.MECH forces MECH; auth=sasl or no auth= lets SASL choose ("").
std::string forcedMechanism(const std::string& auth) {
  return startsWithIgnoringCase(auth, "sasl.") ? auth.substr(5) : "";
}

// The method to use among those the daemon offers (it sends one today):
// its first, or the one auth= asks for (sasl, sasl.MECH, polkit, in any
// case), which the daemon must offer.
int chooseAuthType(const std::vector<int>& offered, const std::string& requested) {
  if (requested.empty()) return offered[0];
  int wanted = kAuthNone;
  if (isSaslRequest(requested)) wanted = kAuthSasl;
  else if (strcasecmp(requested.c_str(), "polkit") == 0) wanted = kAuthPolkit;
  else fail(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "unknown authentication type " + requested);
  if (std::find(offered.begin(), offered.end(), wanted) == offered.end())
    fail(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "requested authentication type " + requested + " rejected");
  return wanted;
}

void authenticate(driver::Connection& conn, const RemoteTarget& target, virConnectAuthPtr auth) {
  auto types = Remote<kProcAuthList, wire::Array<wire::Int, 20>()>::call<std::vector<int>>(conn);
  if (types.empty()) return;
  switch (chooseAuthType(types, target.auth)) {
    case kAuthNone:
      return;
    case kAuthPolkit:
      // The daemon asks polkit about our peer credentials; nothing to send.
      Remote<kProcAuthPolkit, wire::Int()>::call<int>(conn);
      return;
    case kAuthSasl:
      authenticateSasl(conn, target, auth, forcedMechanism(target.auth));
      return;
    default:
      fail(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "unsupported authentication type " + std::to_string(types[0]));
  }
}

}  // namespace

void openRemote(driver::Connection& conn, virConnectAuthPtr auth, unsigned int flags) {
  RemoteTarget target = RemoteTarget::parse(conn.uri());
  bool readOnly = (flags & VIR_CONNECT_RO) != 0;
  std::unique_ptr<rpc::Client> client;
  pid_t helper = -1;
  if (target.transport == Transport::Libssh) {
    client = std::make_unique<rpc::Client>(openLibssh(target, conn.uri(), sshProxyCommand(target, readOnly), auth));
  } else {
    TransportStream stream = openTransport(target, readOnly);
    helper = stream.releaseHelper();
    client = std::make_unique<rpc::Client>(stream.releaseChannel());
  }
  auto state = std::make_unique<RemoteState>(std::move(client), helper);
  RemoteState& remote = *state;
  remote.transportSecure = target.transport != Transport::Tcp && target.transport != Transport::Ext;
  conn.setState(std::move(state));
  try {
    authenticate(conn, target, auth);
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
