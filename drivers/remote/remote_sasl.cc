// The SASL exchange in the order of libvirt's client (libvirt-rpc.md
// section 3): AUTH_SASL_INIT gives the server's mechanisms; the client
// starts on them (asking for credentials when SASL stops for them) and sends
// AUTH_SASL_START; then AUTH_SASL_STEP until the server says complete and the
// client's own step completed too. The client always steps at least once
// after the server's START reply unless both completed there: the step
// checks the server's final message (mutual authentication).
#include "drivers/remote/remote_sasl.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <memory>
#include <optional>

#include "drivers/remote/remote_call.h"
#include "drivers/remote/remote_sasl_credentials.h"
#include "drivers/remote/remote_state.h"
#include "lib/rpc/sasl_channel.h"
#include "lib/rpc/sasl_client.h"
#include "lib/util/error.h"
#include "lib/util/log.h"

namespace vireo::remote {
namespace {

constexpr const char* kLogModule = "remote.remote_sasl";
constexpr int kProcAuthSaslInit = 67;
constexpr int kProcAuthSaslStart = 68;
constexpr int kProcAuthSaslStep = 69;
// remote_protocol.x's REMOTE_AUTH_SASL_DATA_MAX.
constexpr size_t kSaslDataMax = 65536;
// The least SSF accepted on a channel that is not otherwise secure: DES,
// what every Kerberos supports (libvirt's limit).
constexpr unsigned kMinSsf = 56;
constexpr unsigned kMaxSsf = 100000;

// `int nil; char data<65536>`: NULL and "" differ in SASL, so the nil flag
// says which. XDR's `char` array spends a 4-byte word on each byte.
struct SaslData {
  std::optional<std::string> bytes;

  void xdr(rpc::Xdr& x) {
    int32_t nil = bytes ? 0 : 1;
    x.i32(nil);
    uint32_t count = bytes ? static_cast<uint32_t>(bytes->size()) : 0;
    x.u32(count);
    if (x.decoding()) {
      if (count > kSaslDataMax) fail(VIR_ERR_RPC, VIR_FROM_RPC, "SASL data from the server is too long");
      std::string data(count, '\0');
      for (char& c : data) {
        int32_t word = 0;
        x.i32(word);
        c = static_cast<char>(word);
      }
      if (nil) bytes.reset();
      else bytes = std::move(data);
      return;
    }
    for (char c : bytes ? *bytes : std::string()) {
      int32_t word = static_cast<signed char>(c);  // as xdr_char widens a char
      x.i32(word);
    }
  }
};

struct StartArgs {
  std::string mech;
  SaslData data;
  void xdr(rpc::Xdr& x) {
    x.string(mech, rpc::kStringMax);
    data.xdr(x);
  }
};

struct StepReply {  // START's and STEP's reply
  int32_t complete = 0;
  SaslData data;
  void xdr(rpc::Xdr& x) {
    x.i32(complete);
    data.xdr(x);
  }
};

template <class Args>
StepReply exchange(driver::Connection& conn, int proc, const Args& args) {
  rpc::Message reply = callRemote(conn, proc, rpc::encode(args));
  return rpc::decode<StepReply>(reply.payload);
}

void checkLength(const std::optional<std::string>& out) {
  if (out && out->size() > kSaslDataMax)
    fail(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE,
         "SASL negotiation data too long: " + std::to_string(out->size()) + " bytes");
}

// "IP;PORT" of one end of the socket, as SASL wants it. A UNIX socket has no
// address: libvirt gives SASL the loopback address with port 0 for it.
std::string saslAddress(int fd, bool peer) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  int rc = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&ss), &len)
                : ::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  if (rc < 0) failSystem(VIR_FROM_RPC, errno, peer ? "Unable to get peer address" : "Unable to get local address");
  char host[INET6_ADDRSTRLEN] = "";
  int port = 0;
  if (ss.ss_family == AF_INET) {
    auto* in = reinterpret_cast<sockaddr_in*>(&ss);
    ::inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
    port = ntohs(in->sin_port);
  } else if (ss.ss_family == AF_INET6) {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&ss);
    ::inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
    port = ntohs(in6->sin6_port);
  } else {
    return "127.0.0.1;0";
  }
  return std::string(host) + ";" + std::to_string(port);
}

}  // namespace

void authenticateSasl(driver::Connection& conn, const RemoteTarget& target, virConnectAuthPtr auth,
                      const std::string& wantedMech) {
  RemoteState& state = conn.state<RemoteState>();
  rpc::Client& client = state.client();
  // The transport already keeps the bytes private (TLS, a local socket,
  // ssh): SASL needs to add no layer. An ext command proves nothing, and
  // plain TCP is plain.
  bool secure = state.transportSecure;
  rpc::SaslClientOptions options;
  options.service = "libvirt";
  options.serverFqdn = target.host;
  options.localAddr = saslAddress(client.fd(), false);
  options.remoteAddr = saslAddress(client.fd(), true);
  options.credentials = saslCredentialsOf(auth);
  options.minSsf = secure ? 0 : kMinSsf;
  options.maxSsf = secure ? 0 : kMaxSsf;
  options.allowAnonymous = secure;
  auto sasl = std::make_unique<rpc::SaslClient>(options);

  std::string mechlist = Remote<kProcAuthSaslInit, wire::Str()>::call<std::string>(conn);
  VIREO_DEBUG(kLogModule, "server mechanisms '%s', wanted '%s'", mechlist.c_str(), wantedMech.c_str());
  if (!wantedMech.empty()) {
    // libvirt looks for the name as a substring, case and all.
    if (mechlist.find(wantedMech) == std::string::npos)
      fail(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "SASL mechanism " + wantedMech + " not supported by server");
    mechlist = wantedMech;
  }

  SaslCredentialSource credentials(conn.uri(), target.host, auth);
  StartArgs start;
  rpc::SaslClient::Result local;
  while ((local = sasl->start(mechlist, start.data.bytes, start.mech)) == rpc::SaslClient::Result::Interact)
    credentials.answer(*sasl);
  checkLength(start.data.bytes);
  VIREO_DEBUG(kLogModule, "start with mechanism %s", start.mech.c_str());
  StepReply server = exchange(conn, kProcAuthSaslStart, start);

  while (!(server.complete && local == rpc::SaslClient::Result::Complete)) {
    SaslData out;
    while ((local = sasl->step(server.data.bytes, out.bytes)) == rpc::SaslClient::Result::Interact)
      credentials.answer(*sasl);
    if (server.complete && local == rpc::SaslClient::Result::Complete) break;
    checkLength(out.bytes);
    server = exchange(conn, kProcAuthSaslStep, out);
  }

  int ssf = sasl->ssf();
  VIREO_DEBUG(kLogModule, "SASL authentication complete, SSF %d", ssf);
  if (!secure) {
    if (ssf < static_cast<int>(kMinSsf))
      fail(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "negotiation SSF " + std::to_string(ssf) + " was not strong enough");
  }
  // No call is in flight and nothing watches the socket yet.
  client.wrapChannel([&](std::unique_ptr<rpc::Channel> inner) {
    return std::make_unique<rpc::SaslChannel>(std::move(inner), std::move(sasl));
  });
}

}  // namespace vireo::remote
