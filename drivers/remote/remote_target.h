// Where a remote URI leads: the transport, the daemon's address, the options
// the client consumes, and the name sent to the daemon in CONNECT_OPEN.
//
// "qemu+ssh://root@host:2222/system?keyfile=/k&foo=1" is the QEMU driver of
// the daemon on `host`, reached through ssh as root with the key /k; the
// daemon is asked to open "qemu:///system?foo=1". Parsed the way libvirt
// 9.0's remote client parses it (doRemoteOpen): the parameters the client
// knows are consumed, the others are forwarded; a URI with a host and no
// transport means TLS; one without a host means the local UNIX socket.
#pragma once

#include <optional>
#include <string>

#include "lib/util/uri.h"

namespace vireo::remote {

enum class Transport { Tls, Unix, Ssh, Libssh, Libssh2, Ext, Tcp };

// How the ssh transports reach the daemon's socket on the far side.
enum class SshProxy { Auto, Netcat, Native };

struct RemoteTarget {
  Transport transport = Transport::Unix;
  std::string host;      // as written; "localhost" when the URI has none
  std::string port;      // as written, or the transport's default ("16509")
  std::string user;      // empty: the transport's default
  // The name sent in CONNECT_OPEN ("test:///default"); nullopt for an
  // empty name, which asks the daemon to probe (scheme "remote").
  std::optional<std::string> openName;

  // Consumed parameters (empty: not given).
  std::string socketPath;  // socket=
  std::string command;     // command= (ext: the program; ssh: instead of "ssh")
  std::string netcat;      // netcat=
  std::string keyfile;     // keyfile=
  std::string pkipath;     // pkipath=
  std::string auth;        // auth= (sasl, sasl.MECH, polkit)
  std::string sshauth;     // sshauth=
  std::string knownHosts;  // known_hosts=
  std::string knownHostsVerify;  // known_hosts_verify=
  std::string tlsPriority;       // tls_priority=
  std::string mode;              // mode= (auto, legacy, direct)
  SshProxy proxy = SshProxy::Auto;
  bool proxyGiven = false;
  bool noVerify = false;  // no_verify=
  bool noTty = false;     // no_tty=
  bool noSanity = false;  // no_sanity=

  // Parses `uri` for a connection that is read-only or not. Throws
  // VIR_ERR_INVALID_ARG (VIR_FROM_REMOTE) for an unknown transport, a UNIX
  // socket with a host, 'ext' without a command, an unknown proxy.
  static RemoteTarget parse(const Uri& uri);
};

// True when `uri` is served by the remote driver: it names a transport or a
// host, or its scheme is "remote".
bool isRemoteUri(const Uri& uri);

// The daemon's socket for the unix transport when socket= is not given:
// libvirtd's, /var/run/libvirt/libvirt-sock (-sock-ro when read-only) for
// root, $XDG_RUNTIME_DIR/libvirt/libvirt-sock otherwise.
std::string defaultDaemonSocket(bool readOnly);

}  // namespace vireo::remote
