// lib/rpc client and server over socketpairs: serials, events, errors,
// fd passing, and garbage that must not hurt the server or other clients.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <thread>

#include "lib/rpc/client.h"
#include "lib/rpc/server.h"
#include "lib/rpc/socket.h"

using namespace vireo;
using namespace vireo::rpc;

namespace {

constexpr uint32_t kProg = 0x11223344;
constexpr uint32_t kVers = 1;
constexpr int32_t kEcho = 1, kFail = 2, kCount = 3, kWriteFd = 4;

struct Str {
  std::string s;
  void xdr(Xdr& x) { x.string(s, 1024); }
};
struct U32 {
  uint32_t v = 0;
  void xdr(Xdr& x) { x.u32(v); }
};

std::string bytesOf(const std::vector<char>& v) { return std::string(v.begin(), v.end()); }

std::pair<UniqueFd, UniqueFd> socketPair() {
  int sv[2];
  REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
  return {UniqueFd(sv[0]), UniqueFd(sv[1])};
}

std::string be32(uint32_t v) {
  uint32_t n = htonl(v);
  return std::string(reinterpret_cast<char*>(&n), 4);
}

// A server with a test program running in its own thread.
struct TestServer {
  Server server;
  std::thread thread;
  std::atomic<int> closed{0};
  std::atomic<pid_t> closedPid{0};

  TestServer() {
    server.addProgram(kProg, kVers, {
      {kEcho, [](ServerClient&, Message& m) {
         Str s = decode<Str>(m.payload);
         return bytesOf(encode(s));
       }},
      {kFail, [](ServerClient&, Message&) -> std::string {
         fail(VIR_ERR_RESOURCE_BUSY, VIR_FROM_LOCKSPACE, "Lockspace resource 'x' is locked");
       }},
      // Per-client state: a counter that survives between calls.
      {kCount, [](ServerClient& c, Message&) {
         if (!c.data().has_value()) c.data() = uint32_t(0);
         U32 r{++std::any_cast<uint32_t&>(c.data())};
         return bytesOf(encode(r));
       }},
      {kWriteFd, [](ServerClient&, Message& m) {
         for (auto& fd : m.fds) REQUIRE(::write(fd.get(), "ok", 2) == 2);
         U32 r{static_cast<uint32_t>(m.fds.size())};
         return bytesOf(encode(r));
       }},
    });
    server.setCloseCallback([this](ServerClient& c) {
      closedPid = c.peer().pid;
      closed++;
    });
  }
  // A connected client socket served by this server (call before start()).
  UniqueFd connect() {
    auto [a, b] = socketPair();
    server.addClient(std::move(b));
    return std::move(a);
  }
  void start() {
    thread = std::thread([this] { server.run(); });
  }
  ~TestServer() {
    server.requestQuit();
    if (thread.joinable()) thread.join();
  }
};

// Raw message I/O for the peer side of the tests.
std::string readMessageRaw(int fd) {
  std::string buf(4, '\0');
  size_t got = 0;
  while (got < 4) {
    ssize_t n = ::read(fd, buf.data() + got, 4 - got);
    if (n <= 0) return {};
    got += static_cast<size_t>(n);
  }
  uint32_t len = decodeLength(reinterpret_cast<const unsigned char*>(buf.data()));
  buf.resize(len);
  while (got < len) {
    ssize_t n = ::read(fd, buf.data() + got, len - got);
    if (n <= 0) return {};
    got += static_cast<size_t>(n);
  }
  return buf;
}

Decoded callRaw(int fd, const std::string& bytes, std::string& storage) {
  writeAll(fd, bytes.data(), bytes.size());
  storage = readMessageRaw(fd);
  REQUIRE_FALSE(storage.empty());
  return decodeMessage(storage);
}

RemoteError errorOf(const Decoded& d) {
  REQUIRE(d.header.status == static_cast<int32_t>(Status::Error));
  return decode<RemoteError>(d.payload);
}

bool peerClosed(int fd, int timeoutMs = 2000) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, timeoutMs) <= 0) return false;
  char c;
  // EOF, or ECONNRESET when the server closed with our bytes unread.
  return ::read(fd, &c, 1) <= 0;
}

Header call(int32_t proc, uint32_t serial = 0, uint32_t prog = kProg, uint32_t vers = kVers) {
  return Header{prog, vers, proc, static_cast<int32_t>(Type::Call), serial, 0};
}

}  // namespace

TEST_CASE("RPC client calls a server and matches replies", "[rpc]") {
  TestServer ts;
  Client client(ts.connect());
  ts.start();
  CHECK(client.call<Str>(kProg, kVers, kEcho, Str{"hello"}).s == "hello");
  CHECK(client.call<U32>(kProg, kVers, kCount, Void{}).v == 1);
  CHECK(client.call<U32>(kProg, kVers, kCount, Void{}).v == 2);
}

TEST_CASE("RPC client: several threads call at once", "[rpc]") {
  TestServer ts;
  Client client(ts.connect());
  ts.start();
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; i++) {
        std::string s = std::to_string(t) + ":" + std::to_string(i);
        if (client.call<Str>(kProg, kVers, kEcho, Str{s}).s != s) bad++;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(bad == 0);
  CHECK(client.call<U32>(kProg, kVers, kCount, Void{}).v == 1);
}

TEST_CASE("RPC client: replies out of order reach their callers; events go to the handler", "[rpc]") {
  auto [mine, peer] = socketPair();
  Client client(std::move(mine));
  std::vector<std::string> events;
  client.setMessageHandler([&](Message& m) { events.push_back(m.payload); });
  std::string r0, r1;
  std::thread t0([&] { r0 = client.call<Str>(kProg, kVers, kEcho, Str{"zero"}).s; });
  std::string first = readMessageRaw(peer.get());
  std::thread t1([&] { r1 = client.call<Str>(kProg, kVers, kEcho, Str{"one"}).s; });
  std::string second = readMessageRaw(peer.get());
  Decoded d0 = decodeMessage(first), d1 = decodeMessage(second);
  // Answer the second call first, with an event and a keepalive PING in between.
  int peerFd = peer.get();  // clang 14 cannot capture a structured binding
  auto reply = [&](Decoded d, const std::string& text) {
    Header h = d.header;
    h.type = static_cast<int32_t>(Type::Reply);
    std::string bytes = encodeMessage(h, bytesOf(encode(Str{text})));
    writeAll(peerFd, bytes.data(), bytes.size());
  };
  reply(d1, "reply-" + decode<Str>(d1.payload).s);
  std::string ev = encodeMessage(Header{kProg, kVers, 9, static_cast<int32_t>(Type::Message), 1, 0}, "EVNT");
  writeAll(peer.get(), ev.data(), ev.size());
  std::string ping = encodeMessage(Header{kKeepaliveProgram, 1, kKeepalivePing,
                                          static_cast<int32_t>(Type::Message), 0, 0}, "");
  writeAll(peer.get(), ping.data(), ping.size());
  reply(d0, "reply-" + decode<Str>(d0.payload).s);
  t0.join();
  t1.join();
  CHECK(d0.header.serial != d1.header.serial);
  CHECK(r0 == "reply-zero");
  CHECK(r1 == "reply-one");
  REQUIRE(events.size() == 1);
  CHECK(events[0] == "EVNT");
  std::string pong = readMessageRaw(peer.get());
  Decoded dp = decodeMessage(pong);
  CHECK(dp.header.prog == kKeepaliveProgram);
  CHECK(dp.header.proc == kKeepalivePong);
}

TEST_CASE("RPC client: error replies and a closed peer become vireo::Error", "[rpc]") {
  TestServer ts;
  Client client(ts.connect());
  ts.start();
  try {
    client.call<Void>(kProg, kVers, kFail, Void{});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_RESOURCE_BUSY);
    CHECK(e.domain() == VIR_FROM_LOCKSPACE);
    CHECK(e.message() == "resource busy: Lockspace resource 'x' is locked");
  }
  try {
    client.call<Void>(kProg, kVers, 99, Void{});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_RPC);
    CHECK(e.message() == "unknown procedure: 99");
  }

  auto [mine, peerEnd] = socketPair();
  Client lonely(std::move(mine));
  UniqueFd& peer = peerEnd;  // clang 14 cannot capture a structured binding
  std::thread closer([&] {
    readMessageRaw(peer.get());
    peer.reset();
  });
  try {
    lonely.call<Void>(kProg, kVers, kEcho, Str{"x"});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.domain() == VIR_FROM_RPC);
    CHECK(e.message() == "End of file while reading data: Input/output error");
  }
  closer.join();
  CHECK(lonely.isClosed());
  CHECK_THROWS_AS(lonely.call<Void>(kProg, kVers, kEcho, Str{"x"}), Error);
}

TEST_CASE("RPC: descriptors travel with CALL_WITH_FDS", "[rpc]") {
  TestServer ts;
  Client client(ts.connect());
  ts.start();
  Pipe p1 = Pipe::create(), p2 = Pipe::create();
  Message reply = client.call(kProg, kVers, kWriteFd, "", {p1.write.get(), p2.write.get()});
  CHECK(decode<U32>(reply.payload).v == 2);
  char buf[2];
  CHECK(::read(p1.read.get(), buf, 2) == 2);
  CHECK(::read(p2.read.get(), buf, 2) == 2);
  // The connection stays usable afterwards.
  CHECK(client.call<Str>(kProg, kVers, kEcho, Str{"after"}).s == "after");
}

TEST_CASE("RPC server: error replies for what has a readable header", "[rpc]") {
  TestServer ts;
  UniqueFd fd = ts.connect();
  ts.start();
  std::string st;
  SECTION("unknown program") {
    RemoteError e = errorOf(callRaw(fd.get(), encodeMessage(call(1, 5, 0x1234), ""), st));
    CHECK(e.code == VIR_ERR_RPC);
    CHECK(e.message == std::optional<std::string>("Cannot find program 4660 version 1"));
    CHECK(decodeMessage(st).header.serial == 5);
  }
  SECTION("unknown version") {
    RemoteError e = errorOf(callRaw(fd.get(), encodeMessage(call(1, 0, kProg, 2), ""), st));
    CHECK(e.message == std::optional<std::string>("Cannot find program 287454020 version 2"));
  }
  SECTION("unknown procedure") {
    RemoteError e = errorOf(callRaw(fd.get(), encodeMessage(call(-7), ""), st));
    CHECK(e.message == std::optional<std::string>("unknown procedure: -7"));
  }
  SECTION("truncated XDR string") {
    RemoteError e = errorOf(callRaw(fd.get(), encodeMessage(call(kEcho), be32(10) + "abc"), st));
    CHECK(e.message == std::optional<std::string>("Unable to decode message payload"));
  }
  SECTION("huge string length") {
    RemoteError e = errorOf(callRaw(fd.get(), encodeMessage(call(kEcho), be32(0xFFFFFFF0) + "abcd"), st));
    CHECK(e.message == std::optional<std::string>("Unable to decode message payload"));
  }
  SECTION("status other than OK") {
    Header h = call(kEcho);
    h.status = 2;
    RemoteError e = errorOf(callRaw(fd.get(), encodeMessage(h, ""), st));
    CHECK(e.message == std::optional<std::string>("Unexpected message status 2"));
  }
  // Whatever came before, the connection still serves a good call.
  Decoded ok = callRaw(fd.get(), encodeMessage(call(kEcho, 9), bytesOf(encode(Str{"fine"}))), st);
  CHECK(ok.header.status == 0);
  CHECK(decode<Str>(ok.payload).s == "fine");
}

TEST_CASE("RPC server: framing garbage closes only that client", "[rpc]") {
  TestServer ts;
  UniqueFd good = ts.connect();
  UniqueFd bad = ts.connect();
  ts.start();
  std::string st;
  // The good client builds up per-connection state first.
  Decoded d = callRaw(good.get(), encodeMessage(call(kCount), ""), st);
  CHECK(decode<U32>(d.payload).v == 1);

  SECTION("length 3") {
    std::string b = be32(3);
    writeAll(bad.get(), b.data(), b.size());
  }
  SECTION("length 2^31") {
    std::string b = be32(0x80000000u) + std::string(100, 'x');
    writeAll(bad.get(), b.data(), b.size());
  }
  SECTION("too many fds announced") {
    Header h = call(kWriteFd);
    h.type = static_cast<int32_t>(Type::CallWithFds);
    std::string b = encodeMessage(h, "", 1);
    b.replace(28, 4, be32(kNumFdsMax + 1));
    writeAll(bad.get(), b.data(), b.size());
  }
  SECTION("more fds sent than any message may carry") {
    Pipe p = Pipe::create();
    std::vector<int> many(kNumFdsMax + 2, p.write.get());
    try {
      sendFds(bad.get(), many);
    } catch (const Error&) {
      // the server may already have hung up
    }
  }
  SECTION("short read then hang-up") {
    std::string b = encodeMessage(call(kEcho), bytesOf(encode(Str{"never finished"})));
    writeAll(bad.get(), b.data(), 10);
    ::shutdown(bad.get(), SHUT_WR);
  }
  CHECK(peerClosed(bad.get()));
  for (int i = 0; i < 50 && ts.closed == 0; i++) ::usleep(10000);
  CHECK(ts.closed == 1);
  CHECK(ts.closedPid == ::getpid());  // SO_PEERCRED of a socketpair is ourselves
  d = callRaw(good.get(), encodeMessage(call(kCount, 1), ""), st);
  CHECK(decode<U32>(d.payload).v == 2);
}

TEST_CASE("RPC server: a short read waits for the rest", "[rpc]") {
  TestServer ts;
  UniqueFd fd = ts.connect();
  ts.start();
  std::string b = encodeMessage(call(kEcho, 3), bytesOf(encode(Str{"split"})));
  for (char ch : b) {
    writeAll(fd.get(), &ch, 1);
    ::usleep(500);
  }
  std::string reply = readMessageRaw(fd.get());
  REQUIRE_FALSE(reply.empty());
  CHECK(decode<Str>(decodeMessage(reply).payload).s == "split");
}

TEST_CASE("RPC server: keepalive PING gets PONG; unknown types are ignored", "[rpc]") {
  TestServer ts;
  UniqueFd fd = ts.connect();
  ts.start();
  std::string junk = encodeMessage(Header{kProg, kVers, kEcho, static_cast<int32_t>(Type::Stream), 0, 0}, "");
  writeAll(fd.get(), junk.data(), junk.size());
  std::string st;
  Decoded d = callRaw(fd.get(), encodeMessage(Header{kKeepaliveProgram, 1, kKeepalivePing,
                                                     static_cast<int32_t>(Type::Message), 0, 0}, ""), st);
  CHECK(d.header.prog == kKeepaliveProgram);
  CHECK(d.header.proc == kKeepalivePong);
  CHECK(d.header.type == static_cast<int32_t>(Type::Message));
}

TEST_CASE("RPC server over a real UNIX socket: accept, peer credentials, close callback", "[rpc]") {
  char dir[] = "/tmp/vireo-rpc-XXXXXX";
  REQUIRE(::mkdtemp(dir));
  std::string path = std::string(dir) + "/sock";
  TestServer ts;
  ts.server.addListener(listenUnix(path, 0600));
  ts.start();
  {
    auto client = Client::connectUnix(path);
    CHECK(client->call<Str>(kProg, kVers, kEcho, Str{"unix"}).s == "unix");
  }
  for (int i = 0; i < 100 && ts.closed == 0; i++) ::usleep(10000);
  CHECK(ts.closed == 1);
  CHECK(ts.closedPid == ::getpid());
  ::unlink(path.c_str());
  ::rmdir(dir);
}

TEST_CASE("RPC client: events arrive with no call in flight through processIncoming", "[rpc]") {
  auto [mine, peer] = socketPair();
  Client client(std::move(mine));
  int seen = 0;
  client.setMessageHandler([&](Message& m) {
    CHECK(m.header.proc == 318);
    seen++;
  });
  client.processIncoming(10);  // nothing yet: returns after the timeout
  CHECK(seen == 0);
  std::string ev = encodeMessage(Header{kProg, kVers, 318, static_cast<int32_t>(Type::Message), 1, 0}, "");
  writeAll(peer.get(), ev.data(), ev.size());
  client.processIncoming(2000);
  CHECK(seen == 1);
  peer.reset();
  client.processIncoming(2000);
  CHECK(client.isClosed());
}
