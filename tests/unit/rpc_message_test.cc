// lib/rpc framing and XDR: round trips, limits, and garbage that must be
// refused with an error rather than a crash or a huge allocation.
#include <catch2/catch.hpp>

#include <arpa/inet.h>

#include <cstring>
#include <string>

#include "lib/rpc/protocol.h"
#include "lib/rpc/xdr.h"

using namespace vireo;
using namespace vireo::rpc;

namespace {

struct Sample {
  uint32_t a = 0;
  int32_t b = 0;
  uint64_t c = 0;
  std::string s;
  std::optional<std::string> o;
  unsigned char uuid[16] = {};
  void xdr(Xdr& x) {
    x.u32(a);
    x.i32(b);
    x.u64(c);
    x.string(s, 16);
    x.optString(o, 16);
    x.fixedOpaque(uuid, 16);
  }
};

std::string be32(uint32_t v) {
  uint32_t n = htonl(v);
  return std::string(reinterpret_cast<char*>(&n), 4);
}

std::string str(const std::vector<char>& v) { return std::string(v.begin(), v.end()); }

template <class F>
void requireRpcError(F&& f, const std::string& fragment) {
  try {
    f();
    FAIL("no error thrown");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_RPC);
    CHECK(e.domain() == VIR_FROM_RPC);
    CHECK_THAT(e.message(), Catch::Contains(fragment));
  }
}

}  // namespace

TEST_CASE("XDR round trip uses libvirt's wire layout", "[rpc]") {
  Sample in;
  in.a = 0xEA7BEEF;
  in.b = -2;
  in.c = 0x0102030405060708ULL;
  in.s = "abcde";
  in.o = "";
  for (int i = 0; i < 16; i++) in.uuid[i] = static_cast<unsigned char>(i);
  std::string wire = str(encode(in));
  // 4 + 4 + 8 + (4 + 8) + (4 + 4 + 0) + 16
  REQUIRE(wire.size() == 52);
  CHECK(wire.substr(0, 4) == be32(0xEA7BEEF));
  CHECK(wire.substr(16, 4) == be32(5));
  CHECK(wire.substr(20, 8) == std::string("abcde\0\0\0", 8));
  Sample out = decode<Sample>(wire);
  CHECK(out.a == in.a);
  CHECK(out.b == -2);
  CHECK(out.c == in.c);
  CHECK(out.s == "abcde");
  REQUIRE(out.o.has_value());
  CHECK(out.o->empty());
  CHECK(std::memcmp(out.uuid, in.uuid, 16) == 0);
}

TEST_CASE("XDR encoder grows past its first window", "[rpc]") {
  struct Big {
    std::string s;
    void xdr(Xdr& x) { x.string(s, kStringMax); }
  } big{std::string(100000, 'x')};
  std::string wire = str(encode(big));
  CHECK(wire.size() == 100004);
  CHECK(decode<Big>(wire).s == big.s);
}

TEST_CASE("XDR decoding refuses truncated and oversized data", "[rpc]") {
  Sample in;
  in.s = "abcdefgh";
  std::string wire = str(encode(in));
  SECTION("truncated anywhere") {
    for (size_t n = 0; n < wire.size(); n++)
      requireRpcError([&] { decode<Sample>(wire.substr(0, n)); }, "Unable to decode message payload");
  }
  SECTION("trailing bytes") {
    requireRpcError([&] { decode<Sample>(wire + std::string(4, '\0')); }, "Unable to decode");
  }
  SECTION("string longer than its bound") {
    std::string bad = wire.substr(0, 16) + be32(17) + std::string(20, 'a');
    requireRpcError([&] { decode<Sample>(bad); }, "Unable to decode");
  }
  SECTION("huge string length with few bytes behind it") {
    struct S {
      std::string s;
      void xdr(Xdr& x) { x.string(s, kStringMax); }
    };
    requireRpcError([&] { decode<S>(be32(kStringMax) + "abcd"); }, "Unable to decode");
    requireRpcError([&] { decode<S>(be32(0xFFFFFFFF) + "abcd"); }, "Unable to decode");
  }
  SECTION("encoding a string beyond its bound fails") {
    Sample tooLong;
    tooLong.s = std::string(17, 'x');
    requireRpcError([&] { encode(tooLong); }, "Unable to encode");
  }
}

TEST_CASE("Message framing: length word, header, fd count", "[rpc]") {
  Header h{0x20008086, 1, 7, static_cast<int32_t>(Type::Call), 42, 0};
  std::string bytes = encodeMessage(h, "PAYL");
  REQUIRE(bytes.size() == 4 + 24 + 4);
  CHECK(bytes.substr(0, 4) == be32(32));
  Decoded d = decodeMessage(bytes);
  CHECK(d.header.prog == 0x20008086);
  CHECK(d.header.proc == 7);
  CHECK(d.header.serial == 42);
  CHECK(d.fdCount == 0);
  CHECK(d.payload == "PAYL");

  h.type = static_cast<int32_t>(Type::CallWithFds);
  bytes = encodeMessage(h, "PAYL", 3);
  REQUIRE(bytes.size() == 4 + 24 + 4 + 4);
  d = decodeMessage(bytes);
  CHECK(d.fdCount == 3);
  CHECK(d.payload == "PAYL");
}

TEST_CASE("Message framing refuses bad lengths and too many fds", "[rpc]") {
  auto len = [](uint32_t v) {
    std::string s = be32(v);
    return decodeLength(reinterpret_cast<const unsigned char*>(s.data()));
  };
  requireRpcError([&] { len(3); }, "too small");
  requireRpcError([&] { len(0); }, "too small");
  requireRpcError([&] { len(27); }, "Unable to decode message header");
  requireRpcError([&] { len(0x80000000u); }, "packet 2147483644 bytes received from server too large, want 33554432");
  requireRpcError([&] { len(0x80000000u); }, "too large");
  requireRpcError([&] { len(kMessageMax + 5); }, "too large");
  CHECK(len(28) == 28);
  CHECK(len(kMessageMax + 4) == kMessageMax + 4);

  Header h{1, 1, 1, static_cast<int32_t>(Type::CallWithFds), 0, 0};
  std::string bytes = encodeMessage(h, "", 0);
  bytes.replace(28, 4, be32(kNumFdsMax + 1));
  requireRpcError([&] { decodeMessage(bytes); }, "too many FDs");
  requireRpcError([&] { encodeMessage(h, "", kNumFdsMax + 1); }, "Too many FDs");
  // A message shorter than its length word says, or short of a header.
  requireRpcError([&] { decodeMessage(bytes.substr(0, 30)); }, "length");
  requireRpcError([&] { decodeMessage(bytes.substr(0, 10)); }, "length");
  // *_WITH_FDS without room for the count word.
  Header plain{1, 1, 1, static_cast<int32_t>(Type::Call), 0, 0};
  std::string noCount = encodeMessage(plain, "");
  noCount.replace(16, 4, be32(static_cast<uint32_t>(Type::ReplyWithFds)));
  requireRpcError([&] { decodeMessage(noCount); }, "Unable to decode");
}

TEST_CASE("remote_error round trip keeps code, domain, message and optionals", "[rpc]") {
  Error e(VIR_ERR_RESOURCE_BUSY, VIR_FROM_LOCKSPACE, "Lockspace resource 'a' is locked");
  RemoteError r = RemoteError::from(e);
  r.dom = ErrorDomainRef{"vm", {1, 2, 3}, 7};
  r.str2 = "two";
  std::vector<char> wire = encode(r);
  RemoteError back = decode<RemoteError>(std::string_view(wire.data(), wire.size()));
  CHECK(back.code == VIR_ERR_RESOURCE_BUSY);
  CHECK(back.domain == VIR_FROM_LOCKSPACE);
  REQUIRE(back.dom);
  CHECK(back.dom->name == "vm");
  CHECK(back.dom->id == 7);
  CHECK(back.str2 == std::optional<std::string>("two"));
  CHECK_FALSE(back.net);
  Error again = back.toError();
  CHECK(again.code() == VIR_ERR_RESOURCE_BUSY);
  CHECK(again.domain() == VIR_FROM_LOCKSPACE);
  CHECK(again.message() == "resource busy: Lockspace resource 'a' is locked");
}
