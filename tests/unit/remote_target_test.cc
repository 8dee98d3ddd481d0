// drivers/remote: how a URI becomes a transport, a daemon address, the
// options the client keeps and the name sent in CONNECT_OPEN (libvirt 9.0's
// doRemoteOpen, libvirt-rpc.md section 3), and the ssh command line.
#include <catch2/catch.hpp>

#include "drivers/remote/remote_target.h"
#include "drivers/remote/remote_transport.h"
#include "lib/util/error.h"

using namespace vireo;
using namespace vireo::remote;

namespace {

RemoteTarget parse(const char* text) { return RemoteTarget::parse(Uri::parse(text)); }

}  // namespace

TEST_CASE("remote URIs: which ones the remote driver serves", "[remote]") {
  CHECK(isRemoteUri(Uri::parse("test+tcp://127.0.0.1/default")));
  CHECK(isRemoteUri(Uri::parse("qemu://host/system")));  // a host: TLS
  CHECK(isRemoteUri(Uri::parse("remote:///")));
  CHECK(isRemoteUri(Uri::parse("qemu+unix:///system")));
  CHECK_FALSE(isRemoteUri(Uri::parse("test:///default")));
  CHECK_FALSE(isRemoteUri(Uri::parse("qemu:///embed?root=/tmp/x")));
}

TEST_CASE("remote URIs: transports, ports and the name sent to the daemon", "[remote]") {
  RemoteTarget t = parse("test+tcp://127.0.0.1/default");
  CHECK(t.transport == Transport::Tcp);
  CHECK(t.host == "127.0.0.1");
  CHECK(t.port == "16509");
  CHECK(t.openName == std::optional<std::string>("test:///default"));

  t = parse("qemu://host.example/system");
  CHECK(t.transport == Transport::Tls);
  CHECK(t.port == "16514");
  CHECK(*t.openName == "qemu:///system");

  t = parse("qemu+ssh://root@h:2222/system?keyfile=/k&foo=b%20r");
  CHECK(t.transport == Transport::Ssh);
  CHECK(t.user == "root");
  CHECK(t.port == "2222");
  CHECK(t.keyfile == "/k");
  // unconsumed parameters are forwarded, escaped as GLib escapes them
  CHECK(*t.openName == "qemu:///system?foo=b%20r");

  t = parse("test+unix:///default?socket=/run/x.sock&no_verify=1");
  CHECK(t.transport == Transport::Unix);
  CHECK(t.host == "localhost");
  CHECK(t.socketPath == "/run/x.sock");
  CHECK(t.noVerify);
  CHECK(*t.openName == "test:///default");

  CHECK(*parse("remote+tcp://h/").openName == "");  // the daemon probes
  CHECK(*parse("test+tcp://h/default?name=qemu:///session").openName == "qemu:///session");
  CHECK(parse("TEST+TCP://h/default").transport == Transport::Tcp);  // case does not matter
}

TEST_CASE("remote URIs: refusals with libvirt's errors", "[remote]") {
  auto refused = [](const char* uri, const char* message) {
    try {
      parse(uri);
      FAIL("accepted " << uri);
    } catch (const Error& e) {
      CHECK(e.code() == VIR_ERR_INVALID_ARG);
      CHECK(e.domain() == VIR_FROM_REMOTE);
      CHECK_THAT(e.message(), Catch::Contains(message));
    }
  };
  refused("test+foo://h/default", "transport in URL not recognised (should be tls|unix|ssh|ext|tcp|libssh2|libssh)");
  refused("test+unix://host/default", "using unix socket and remote server 'host' is not supported.");
  refused("test+ext:///default", "for 'ext' transport, command is required");
  refused("test+ssh://h/default?proxy=bad", "Unnkown proxy type 'bad'");
}

TEST_CASE("remote URIs: the ssh command line libvirt 9.0 runs", "[remote]") {
  RemoteTarget t = parse("qemu+ssh://u@h:22/system?no_tty=1&no_verify=1&socket=/s");
  std::vector<std::string> argv = sshCommandLine(t, false);
  std::vector<std::string> expected{"ssh", "-p", "22", "-l", "u", "-T", "-e", "none", "-o", "BatchMode=yes",
                                    "-o", "StrictHostKeyChecking=no", "--", "h"};
  REQUIRE(argv.size() == expected.size() + 1);
  CHECK(std::vector<std::string>(argv.begin(), argv.end() - 1) == expected);
  // socket= selects the netcat proxy
  CHECK(argv.back() ==
        "sh -c 'if nc -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then ARG=-q0;else ARG=;fi;nc $ARG -U /s'");

  t = parse("qemu+ssh://h/system?proxy=native");
  CHECK(sshCommandLine(t, true).back() == "sh -c 'virt-ssh-helper -r qemu:///system'");
}
