// A remote procedure as one line of C++: the procedure's number and its
// wire layout, written as a function type of codecs (remote_wire.h),
//
//   .domainGetXMLDesc = Remote<14, wire::Str(wire::Dom, wire::UInt)>::call,
//
// says that virDomainGetXMLDesc is procedure 14 of the remote program, whose
// arguments are a domain and an unsigned int and whose reply is a string.
// The compiler deduces the C++ signature from the table entry being filled
// and checks every argument against its codec; the arguments go on the wire
// in the C API's order, which is the order of remote_protocol.x's fields.
//
// An entry whose reply is `void` may fill an `int` entry (it then returns
// 0, libvirt's success). Anything that needs more than encoding arguments
// and decoding one reply (handle ids, events, streams, auth) is written by
// hand in the other remote_*.cc files.
#pragma once

#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "drivers/remote/remote_wire.h"
#include "lib/driver/connection.h"
#include "lib/rpc/protocol.h"

namespace vireo::remote {

inline constexpr uint32_t kRemoteProgram = 0x20008086;
inline constexpr uint32_t kRemoteVersion = 1;

// Sends procedure `proc` of the remote program with the encoded arguments
// over the connection's client and returns the reply. Errors from the
// daemon keep its code, domain and message; a procedure the daemon does not
// know becomes VIR_ERR_NO_SUPPORT, as in libvirt's client.
rpc::Message callRemote(driver::Connection& conn, int proc, const std::vector<char>& args);
// The same for any program of the daemon (libvirt-qemu's, libvirt-lxc's), with fds to pass.
rpc::Message callProgram(driver::Connection& conn, uint32_t prog, uint32_t vers, int proc,
                         const std::vector<char>& args, const std::vector<int>& fds = {});
// Rethrows an error from the daemon as libvirt's client reports it.
[[noreturn]] void rethrowDaemonError(const Error& e);

// libvirt_internal.h's feature numbers, asked with CONNECT_SUPPORTS_FEATURE.
inline constexpr int kFeatureTypedParamString = 9;
inline constexpr int kFeatureProgramKeepalive = 10;
inline constexpr int kFeatureRemoteEventCallback = 14;
inline constexpr int kFeatureRemoteCloseCallback = 15;

// Whether the daemon (or its driver) has `feature`.
bool supportsFeature(driver::Connection& conn, int feature);

// A field the client fills in itself, with no argument of the entry behind
// it (the `maxnames` of the old list calls, say): a codec with a put(Xdr&).
template <class Codec>
concept ConstantField = requires(rpc::Xdr& x) { Codec::put(x); };

template <class... Codecs>
constexpr size_t kArgumentFields = ((ConstantField<Codecs> ? 0 : 1) + ... + 0);

// Encodes the arguments with their codecs, in order.
template <class... Codecs>
struct Encoder;
template <>
struct Encoder<> {
  static void put(rpc::Xdr&) {}
};
template <class Codec, class... Rest>
struct Encoder<Codec, Rest...> {
  template <class... A>
  static void put(rpc::Xdr& x, A&&... args) {
    if constexpr (ConstantField<Codec>) {
      Codec::put(x);
      Encoder<Rest...>::put(x, std::forward<A>(args)...);
    } else {
      putFirst(x, std::forward<A>(args)...);
    }
  }

 private:
  template <class First, class... More>
  static void putFirst(rpc::Xdr& x, First&& first, More&&... more) {
    Codec::put(x, std::forward<First>(first));
    Encoder<Rest...>::put(x, std::forward<More>(more)...);
  }
};

// The arguments of a call written by hand, encoded with their codecs.
template <class... Codecs, class... A>
std::vector<char> encodeArgs(A&&... args) {
  std::vector<char> out;
  rpc::Xdr x(out);
  Encoder<Codecs...>::put(x, std::forward<A>(args)...);
  x.finish();
  return out;
}

// A hand-written call's reply: one value of `Codec`, and nothing after it.
template <class Codec>
auto decodeReply(const rpc::Message& reply) {
  rpc::Xdr x(reply.payload);
  auto value = Codec::get(x);
  x.expectEnd();
  return value;
}

template <int Proc, class Signature>
struct Remote;

template <int Proc, class Reply, class... Args>
struct Remote<Proc, Reply(Args...)> {
  template <class R, class... A>
  static R call(driver::Connection& conn, A... args) {
    static_assert(sizeof...(A) == kArgumentFields<Args...>, "the wire layout and the driver entry differ in arity");
    std::vector<char> out;
    {
      rpc::Xdr x(out);
      Encoder<Args...>::put(x, args...);
      x.finish();
    }
    rpc::Message reply = callRemote(conn, Proc, out);
    rpc::Xdr x(reply.payload);
    if constexpr (std::is_void_v<R>) {
      Reply::get(x);
      x.expectEnd();
    } else if constexpr (std::is_same_v<Reply, wire::None>) {
      static_assert(std::is_same_v<R, int>, "a void reply fills only an int entry");
      x.expectEnd();
      return 0;
    } else {
      R value = static_cast<R>(Reply::get(x));
      x.expectEnd();
      return value;
    }
  }
};

}  // namespace vireo::remote
