// libvirt's RPC framing (virnetprotocol.x, in vireo's words).
//
// A message on the wire is
//   u32 length (big-endian, counting itself)
//   header {u32 prog; u32 vers; i32 proc; i32 type; u32 serial; i32 status}
//   [u32 fd count, for the *_WITH_FDS types]
//   XDR payload
// and, for *_WITH_FDS, each descriptor follows in its own sendmsg() with
// SCM_RIGHTS. Nothing here is specific to a program.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/rpc/xdr.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"

namespace vireo::rpc {

// Limits (libvirt 9.0).
inline constexpr uint32_t kMessageMax = 33554432;     // applies to length - 4
inline constexpr uint32_t kHeaderSize = 24;
inline constexpr uint32_t kLengthSize = 4;
inline constexpr uint32_t kPayloadMax = 33554408;    // kMessageMax - header
inline constexpr uint32_t kInitialBuffer = 65536;
inline constexpr uint32_t kLegacyPayloadMax = 262120;
inline constexpr uint32_t kStringMax = 4194304;      // remote_nonnull_string
inline constexpr uint32_t kNumFdsMax = 32;

enum class Type : int32_t {
  Call = 0,
  Reply = 1,
  Message = 2,
  Stream = 3,
  CallWithFds = 4,
  ReplyWithFds = 5,
  StreamHole = 6,
};

enum class Status : int32_t { Ok = 0, Error = 1, Continue = 2 };

inline bool typeCarriesFds(int32_t type) {
  return type == static_cast<int32_t>(Type::CallWithFds) ||
         type == static_cast<int32_t>(Type::ReplyWithFds);
}

struct Header {
  uint32_t prog = 0;
  uint32_t vers = 0;
  int32_t proc = 0;
  int32_t type = 0;
  uint32_t serial = 0;
  int32_t status = 0;

  void xdr(Xdr& x) {
    x.u32(prog);
    x.u32(vers);
    x.i32(proc);
    x.i32(type);
    x.u32(serial);
    x.i32(status);
  }
};

// A complete message: header, payload bytes, and the descriptors that came
// with it (or are to be sent with it).
struct Message {
  Header header;
  std::string payload;
  std::vector<UniqueFd> fds;
};

// The keepalive program (virkeepaliveprotocol.x): MESSAGEs with serial 0
// and no payload. Either side may PING; the peer answers PONG.
inline constexpr uint32_t kKeepaliveProgram = 0x6b656570;
inline constexpr uint32_t kKeepaliveVersion = 1;
inline constexpr int32_t kKeepalivePing = 1;
inline constexpr int32_t kKeepalivePong = 2;

// remote_nonnull_domain / remote_nonnull_network, as they appear in remote_error.
struct ErrorDomainRef {
  std::string name;
  unsigned char uuid[16] = {};
  int32_t id = -1;
  void xdr(Xdr& x) {
    x.string(name, kStringMax);
    x.fixedOpaque(uuid, 16);
    x.i32(id);
  }
};
struct ErrorNetworkRef {
  std::string name;
  unsigned char uuid[16] = {};
  void xdr(Xdr& x) {
    x.string(name, kStringMax);
    x.fixedOpaque(uuid, 16);
  }
};

// The payload of a reply with status ERROR.
struct RemoteError {
  int32_t code = 0;
  int32_t domain = 0;
  std::optional<std::string> message;
  int32_t level = 2;  // VIR_ERR_ERROR
  std::optional<ErrorDomainRef> dom;
  std::optional<std::string> str1, str2, str3;
  int32_t int1 = -1;
  int32_t int2 = -1;
  std::optional<ErrorNetworkRef> net;

  void xdr(Xdr& x) {
    x.i32(code);
    x.i32(domain);
    x.optString(message, kStringMax);
    x.i32(level);
    x.optional(dom);
    x.optString(str1, kStringMax);
    x.optString(str2, kStringMax);
    x.optString(str3, kStringMax);
    x.i32(int1);
    x.i32(int2);
    x.optional(net);
  }

  // The wire form of a vireo::Error, and back.
  static RemoteError from(const Error& e);
  Error toError() const;
};

// Serialises a message: length word, header, fd count when the type carries
// fds (fdCount is then the number of descriptors to follow), payload.
// Throws vireo::Error (VIR_ERR_RPC) if it would exceed kMessageMax.
std::string encodeMessage(const Header& header, std::string_view payload, uint32_t fdCount = 0);

// The total length announced by a message's first four bytes, checked
// against the limits: 4 + header <= length <= 4 + kMessageMax. Throws
// vireo::Error (VIR_ERR_RPC) otherwise.
uint32_t decodeLength(const unsigned char bytes[4]);

// Splits a complete message (all `length` bytes, length word included)
// into its header, fd count and payload. Throws vireo::Error (VIR_ERR_RPC)
// for a short message, a bad length word or more than kNumFdsMax fds.
struct Decoded {
  Header header;
  uint32_t fdCount = 0;
  std::string_view payload;
};
Decoded decodeMessage(std::string_view bytes);

}  // namespace vireo::rpc
