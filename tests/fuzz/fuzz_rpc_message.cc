// libFuzzer target for lib/rpc's decoder: any bytes go through the length
// check, the header and fd-count decoding, the server's dispatch (with the
// lock program's argument layouts, decoded but not acted upon, so the
// fuzzer creates no files), and the remote_error decoder a client uses.
// Nothing may crash, hang or allocate without bound.
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lib/lock/lock_program.h"
#include "lib/rpc/protocol.h"
#include "lib/rpc/server.h"

using namespace vireo;
using namespace vireo::rpc;

namespace {

template <class Args>
Server::Handler decodeOnly() {
  return [](ServerClient&, Message& m) {
    decode<Args>(m.payload);
    return std::string();
  };
}

struct Fixture {
  Server server;
  ServerClient* client = nullptr;
  Fixture() {
    using namespace vireo::lock;
    server.addProgram(kProgram, kVersion,
                      {{kRegister, decodeOnly<RegisterArgs>()},
                       {kRestrict, decodeOnly<RestrictArgs>()},
                       {kNew, decodeOnly<NewArgs>()},
                       {kCreateResource, decodeOnly<ResourceArgs>()},
                       {kAcquireResource, decodeOnly<ResourceArgs>()},
                       {kCreateLockspace, decodeOnly<CreateLockspaceArgs>()}});
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) __builtin_trap();
    client = &server.addClient(UniqueFd(sv[0]));
    (void)sv[1];  // the peer stays open for the process's life
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fx;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    if (size >= 4) decodeLength(data);
  } catch (const Error&) {
  }
  try {
    Decoded d = decodeMessage(bytes);
    // The server only dispatches when the descriptors have arrived; the
    // fuzzer sends none, so only messages without fds go further.
    if (d.fdCount == 0) {
      std::optional<std::string> reply = fx.server.dispatch(*fx.client, bytes);
      if (reply) decodeMessage(*reply);  // whatever we answer must itself decode
    }
  } catch (const Error&) {
  }
  try {
    decode<RemoteError>(bytes);
  } catch (const Error&) {
  }
  return 0;
}
