// The byte stream to a daemon: a UNIX or TCP socket, the stdio of a command
// (ext, ssh) through a socket pair, or a TLS session over TCP.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "drivers/remote/remote_target.h"
#include "lib/rpc/channel.h"
#include "lib/util/fd.h"

namespace vireo::remote {

// A connected stream and the helper process behind it, if any. Closing it
// ends that process (SIGTERM, SIGKILL after a second) and reaps it.
class TransportStream {
 public:
  TransportStream() = default;
  TransportStream(UniqueFd fd, pid_t helper);
  // A channel laid over the socket already (TLS); no helper process.
  explicit TransportStream(std::unique_ptr<rpc::Channel> channel) : channel_(std::move(channel)) {}
  TransportStream(TransportStream&& other) noexcept;
  TransportStream& operator=(TransportStream&& other) noexcept;
  ~TransportStream();

  // The byte stream, for the RPC client to take over.
  std::unique_ptr<rpc::Channel> releaseChannel() { return std::move(channel_); }
  // Hands the helper process over (the caller ends it with endHelper).
  pid_t releaseHelper();

 private:
  std::unique_ptr<rpc::Channel> channel_;
  pid_t helper_ = -1;
};

// Ends and reaps a helper process started for a transport.
void endHelper(pid_t pid);

// Opens the transport `target` names. `readOnly` selects the read-only
// socket of the unix transport. Throws VIR_ERR_SYSTEM_ERROR (VIR_FROM_RPC)
// with libvirt's messages: "Failed to connect socket to '<path>': ...",
// "unable to connect to server at '<host>:<port>': ...", "Unable to resolve
// address '<host>' service '<port>': ...". The tls transport (the default
// for a URI with a host) adds the errors of rpc::TlsClientContext: its
// credentials are checked before anything connects, as libvirt does. libssh
// is not here yet: VIR_ERR_NO_SUPPORT naming the transport.
TransportStream openTransport(const RemoteTarget& target, bool readOnly);

// A TCP connection to host:port, trying every address getaddrinfo gives.
// Throws libvirt's "Unable to resolve address ..." / "unable to connect to
// server at 'host:port': ..." (VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC).
UniqueFd connectTcp(const std::string& host, const std::string& port);

// The command the ssh transports run on the far side to reach the daemon's
// socket (libvirt's netcat or virt-ssh-helper proxy, by proxy=).
std::string sshProxyCommand(const RemoteTarget& target, bool readOnly);

// The command line libvirt runs for the ssh transport (argv[0] is the ssh
// binary or command=), exposed for tests.
std::vector<std::string> sshCommandLine(const RemoteTarget& target, bool readOnly);

}  // namespace vireo::remote
