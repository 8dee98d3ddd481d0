#include "drivers/remote/remote_transport.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <chrono>
#include <cstring>
#include <thread>

#include "lib/rpc/socket.h"
#include "lib/rpc/tls_client.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/spawn.h"

namespace vireo::remote {
namespace {

// TLS over TCP with the options of the URI (pkipath=, tls_priority=,
// no_verify=, no_sanity=). As in libvirt, the credentials are found and
// checked first, so a missing CA certificate is reported without a
// connection; the server's certificate must name the host as the URI
// writes it.
std::unique_ptr<rpc::Channel> connectTls(const RemoteTarget& t) {
  rpc::TlsClientOptions options;
  options.pkipath = t.pkipath;
  if (!t.tlsPriority.empty()) options.priority = t.tlsPriority;
  options.verifyPeer = !t.noVerify;
  options.sanityCheck = !t.noSanity;
  rpc::TlsClientContext context(options);
  return context.connect(connectTcp(t.host, t.port), t.host);
}

// Runs `argv` with its stdin and stdout on one end of a socket pair and
// returns the other end, as libvirt's virNetSocketNewConnectCommand.
TransportStream connectCommand(const std::vector<std::string>& argv) {
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0)
    failSystem(VIR_FROM_RPC, errno, "Unable to create socket pair");
  UniqueFd ours(pair[0]);
  UniqueFd theirs(pair[1]);
  SpawnPlan plan;
  plan.program = argv[0];
  if (plan.program.find('/') == std::string::npos) {
    plan.program = findProgramOnPath(argv[0]);
    if (plan.program.empty())
      fail(VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC, "Cannot find '" + argv[0] + "' in path: No such file or directory");
  }
  plan.argv = argv;
  for (char** e = environ; *e; e++) plan.env.emplace_back(*e);
  plan.fds = {{theirs.get(), 0}, {theirs.get(), 1}};
  pid_t pid = spawnProcess(plan, VIR_FROM_RPC);
  return TransportStream(std::move(ours), pid);
}

// libvirt's virBufferEscapeShell: quote only when a shell metacharacter is present.
std::string shellEscape(const std::string& s) {
  if (s.empty()) return "''";
  if (!std::strpbrk(s.c_str(), "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~")) return s;
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

}  // namespace

TransportStream::TransportStream(UniqueFd fd, pid_t helper)
    : channel_(std::make_unique<rpc::SocketChannel>(std::move(fd))), helper_(helper) {}

TransportStream::TransportStream(TransportStream&& other) noexcept
    : channel_(std::move(other.channel_)), helper_(other.helper_) {
  other.helper_ = -1;
}

TransportStream& TransportStream::operator=(TransportStream&& other) noexcept {
  if (this != &other) {
    if (helper_ > 0) endHelper(helper_);
    channel_ = std::move(other.channel_);
    helper_ = other.helper_;
    other.helper_ = -1;
  }
  return *this;
}

TransportStream::~TransportStream() {
  channel_.reset();
  if (helper_ > 0) endHelper(helper_);
}

pid_t TransportStream::releaseHelper() {
  pid_t p = helper_;
  helper_ = -1;
  return p;
}

void endHelper(pid_t pid) {
  if (pid <= 0) return;
  ::kill(pid, SIGTERM);
  using namespace std::chrono;
  auto deadline = steady_clock::now() + seconds(1);
  while (steady_clock::now() < deadline) {
    pid_t r = ::waitpid(pid, nullptr, WNOHANG);
    if (r == pid || (r < 0 && errno == ECHILD)) return;
    std::this_thread::sleep_for(milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

UniqueFd connectTcp(const std::string& host, const std::string& port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_ADDRCONFIG;
  addrinfo* found = nullptr;
  int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found);
  if (rc != 0)
    fail(VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC,
         "Unable to resolve address '" + host + "' service '" + port + "': " + ::gai_strerror(rc));
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, ::freeaddrinfo);
  int lastErr = ECONNREFUSED;
  for (addrinfo* a = found; a; a = a->ai_next) {
    UniqueFd fd(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol));
    if (!fd) {
      lastErr = errno;
      continue;
    }
    int one = 1;
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int r;
    do {
      r = ::connect(fd.get(), a->ai_addr, a->ai_addrlen);
    } while (r < 0 && errno == EINTR);
    if (r == 0) return fd;
    lastErr = errno;
  }
  failSystem(VIR_FROM_RPC, lastErr, "unable to connect to server at '" + host + ":" + port + "'");
}

std::vector<std::string> sshCommandLine(const RemoteTarget& t, bool readOnly) {
  std::vector<std::string> argv{t.command.empty() ? "ssh" : t.command};
  if (!t.port.empty()) argv.insert(argv.end(), {"-p", t.port});
  if (!t.user.empty()) argv.insert(argv.end(), {"-l", t.user});
  if (!t.keyfile.empty()) argv.insert(argv.end(), {"-i", t.keyfile});
  argv.insert(argv.end(), {"-T", "-e", "none"});
  if (t.noTty) argv.insert(argv.end(), {"-o", "BatchMode=yes"});
  if (t.noVerify) argv.insert(argv.end(), {"-o", "StrictHostKeyChecking=no"});
  argv.insert(argv.end(), {"--", t.host});
  argv.push_back(sshProxyCommand(t, readOnly));
  return argv;
}

std::string sshProxyCommand(const RemoteTarget& t, bool readOnly) {
  SshProxy proxy = t.proxy;
  if (!t.proxyGiven) proxy = !t.socketPath.empty() ? SshProxy::Netcat : SshProxy::Auto;
  if (proxy == SshProxy::Auto && !t.netcat.empty()) proxy = SshProxy::Netcat;
  if (proxy == SshProxy::Native && !t.netcat.empty())
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_REMOTE, "netcat binary cannot be used with native proxy mode");

  std::string socket = !t.socketPath.empty() ? t.socketPath
                       : readOnly           ? "/var/run/libvirt/libvirt-sock-ro"
                                            : "/var/run/libvirt/libvirt-sock";
  std::string nc = shellEscape(shellEscape(t.netcat.empty() ? "nc" : t.netcat));
  std::string netcatBody = "if " + nc + " -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then "
                           "ARG=-q0;else ARG=;fi;" + nc + " $ARG -U " + socket;
  std::string uri = shellEscape(shellEscape(t.openName.value_or("")));
  std::string helper = std::string("virt-ssh-helper") + (readOnly ? " -r" : "") + " " + uri;
  std::string cmd;
  switch (proxy) {
    case SshProxy::Native:
      cmd = "sh -c '" + helper + "'";
      break;
    case SshProxy::Netcat:
      cmd = "sh -c '" + netcatBody + "'";
      break;
    case SshProxy::Auto:
      cmd = "sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then     " + helper +
            "; else    " + netcatBody + "; fi'";
      break;
  }
  return cmd;
}

TransportStream openTransport(const RemoteTarget& t, bool readOnly) {
  switch (t.transport) {
    case Transport::Unix:
      return TransportStream(
          rpc::connectUnix(t.socketPath.empty() ? defaultDaemonSocket(readOnly) : t.socketPath), -1);
    case Transport::Tcp:
      return TransportStream(connectTcp(t.host, t.port), -1);
    case Transport::Ext:
      return connectCommand({t.command});
    case Transport::Ssh:
      return connectCommand(sshCommandLine(t, readOnly));
    case Transport::Tls:
      return TransportStream(connectTls(t));
    case Transport::Libssh:
      // Not a plain socket: remote_open.cc opens it (openLibssh), since it
      // needs the application's credentials callback.
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_REMOTE, "the libssh transport is opened by openLibssh");
    case Transport::Libssh2:
      failUnsupported(VIR_FROM_REMOTE, "the libssh2 transport");
  }
  failUnsupported(VIR_FROM_REMOTE, "this transport");
}

}  // namespace vireo::remote
