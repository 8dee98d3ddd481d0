// lib/rpc ClientStream against a scripted peer on a socketpair: packets
// queued before the opening reply, holes, the end, the server's error,
// finish and abort answered like replies, the reader shared with calls,
// non-blocking reads and the eventfd, a peer that goes away.
#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <thread>

#include "lib/rpc/client.h"
#include "lib/rpc/client_stream.h"
#include "lib/rpc/socket.h"

using namespace vireo;
using namespace vireo::rpc;

namespace {

constexpr uint32_t kProg = 0x11223344;
constexpr uint32_t kVers = 1;
constexpr int32_t kOpen = 7, kEcho = 8;

struct Str {
  std::string s;
  void xdr(Xdr& x) { x.string(s, 1024); }
};
struct Hole {
  int64_t length = 0;
  uint32_t flags = 0;
  void xdr(Xdr& x) {
    x.i64(length);
    x.u32(flags);
  }
};

std::string bytesOf(const std::vector<char>& v) { return std::string(v.begin(), v.end()); }

// The scripted daemon: reads the client's messages and writes its own.
struct Peer {
  UniqueFd fd;

  Decoded read(std::string& storage) {
    storage.assign(4, '\0');
    readFully(storage.data(), 4);
    uint32_t len = decodeLength(reinterpret_cast<const unsigned char*>(storage.data()));
    storage.resize(len);
    readFully(storage.data() + 4, len - 4);
    return decodeMessage(storage);
  }
  void readFully(char* p, size_t n) {
    while (n > 0) {
      ssize_t got = ::read(fd.get(), p, n);
      REQUIRE(got > 0);
      p += got;
      n -= static_cast<size_t>(got);
    }
  }
  void send(Type type, Status status, uint32_t serial, int32_t proc, const std::string& payload) {
    std::string bytes = encodeMessage(
        Header{kProg, kVers, proc, static_cast<int32_t>(type), serial, static_cast<int32_t>(status)},
        payload);
    writeAll(fd.get(), bytes.data(), bytes.size());
  }
  void data(uint32_t serial, const std::string& bytes) {
    send(Type::Stream, Status::Continue, serial, kOpen, bytes);
  }
  void hole(uint32_t serial, int64_t length) {
    send(Type::StreamHole, Status::Continue, serial, kOpen, bytesOf(encode(Hole{length, 0})));
  }
  void end(uint32_t serial) { data(serial, ""); }
  void reply(uint32_t serial, int32_t proc, const std::string& payload = "") {
    send(Type::Reply, Status::Ok, serial, proc, payload);
  }
};

std::pair<std::unique_ptr<Client>, Peer> connected() {
  int sv[2];
  REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
  return {std::make_unique<Client>(UniqueFd(sv[0])), Peer{UniqueFd(sv[1])}};
}

bool readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 0) == 1;
}

std::string recvString(ClientStream& st, size_t n, bool stopAtHole = false) {
  std::string buf(n, '\0');
  int got = st.recv(buf.data(), n, false, stopAtHole);
  REQUIRE(got >= 0);
  buf.resize(static_cast<size_t>(got));
  return buf;
}

}  // namespace

TEST_CASE("RPC stream: packets sent before the opening reply are queued; holes; the end; finish", "[rpc]") {
  auto [client, peer] = connected();
  auto st = client->openStream(kProg, kVers, kOpen, true);
  std::thread daemon([&peer = peer] {
    std::string s;
    Decoded open = peer.read(s);
    CHECK(open.header.type == static_cast<int32_t>(Type::Call));
    uint32_t serial = open.header.serial;
    peer.data(serial, "abc");  // before the reply, as libvirtd does for a screenshot
    peer.reply(serial, kOpen, bytesOf(encode(Str{"image/png"})));
    peer.hole(serial, 5);
    peer.data(serial, "defg");
    peer.end(serial);
    Decoded fin = peer.read(s);  // the client's finish: an empty OK under the stream's serial
    CHECK(fin.header.type == static_cast<int32_t>(Type::Stream));
    CHECK(fin.header.status == static_cast<int32_t>(Status::Ok));
    CHECK(fin.header.serial == serial);
    CHECK(fin.payload.empty());
    peer.send(Type::Stream, Status::Ok, serial, kOpen, "");
  });
  Message reply = st->open(bytesOf(encode(Str{"args"})));
  CHECK(decode<Str>(reply.payload).s == "image/png");
  CHECK(recvString(*st, 2) == "ab");
  CHECK(recvString(*st, 100) == "c");
  char buf[16];
  CHECK(st->recv(buf, sizeof buf, false, true) == ClientStream::kAtHole);
  CHECK(st->recvHole() == 5);
  CHECK(recvString(*st, 100) == "defg");
  CHECK(st->recv(buf, sizeof buf, false, false) == 0);
  CHECK(readable(st->eventFd()));  // the end is an event too
  st->finish();
  daemon.join();
  CHECK(st->ended());
  CHECK_THROWS_WITH(st->recv(buf, 1, false, false), Catch::Contains("stream is closed"));
  st->abort();  // a no-op once ended
}

TEST_CASE("RPC stream: a hole read without stopping reads as zeros; holes need the sparse flag", "[rpc]") {
  auto [client, peer] = connected();
  auto sparse = client->openStream(kProg, kVers, kOpen, true);
  std::thread daemon([&peer = peer] {
    std::string s;
    uint32_t serial = peer.read(s).header.serial;
    peer.reply(serial, kOpen);
    peer.hole(serial, 3);
    peer.end(serial);
  });
  sparse->open("");
  daemon.join();
  std::string zeros = recvString(*sparse, 10);
  CHECK(zeros == std::string(3, '\0'));

  auto plain = client->openStream(kProg, kVers, kOpen, false);
  daemon = std::thread([&peer = peer] {
    std::string s;
    uint32_t serial = peer.read(s).header.serial;
    peer.reply(serial, kOpen);
    peer.hole(serial, 3);
  });
  plain->open("");
  daemon.join();
  char buf[4];
  CHECK_THROWS_WITH(plain->recv(buf, sizeof buf, false, false), Catch::Contains("Unexpected stream hole"));
  CHECK_THROWS_WITH(plain->sendHole(10), Catch::Contains("Skipping is not supported with this stream"));
}

TEST_CASE("RPC stream: a blocked recv reads for a call of another thread", "[rpc]") {
  auto [client, peer] = connected();
  auto st = client->openStream(kProg, kVers, kOpen, false);
  std::string s;
  std::thread opener([&] { st->open(""); });
  uint32_t serial = peer.read(s).header.serial;
  peer.reply(serial, kOpen);
  opener.join();
  std::string got;
  std::thread reader([&] { got = recvString(*st, 100); });  // blocks: the stream's thread reads the socket
  std::string echoed;
  std::thread caller([&, &client = client] { echoed = client->call<Str>(kProg, kVers, kEcho, Str{"hi"}).s; });
  Decoded call = peer.read(s);
  CHECK(call.header.proc == kEcho);
  peer.reply(call.header.serial, kEcho, bytesOf(encode(Str{"hi back"})));
  caller.join();
  CHECK(echoed == "hi back");
  peer.data(serial, "late data");
  reader.join();
  CHECK(got == "late data");
}

TEST_CASE("RPC stream: non-blocking reads and the eventfd", "[rpc]") {
  auto [client, peer] = connected();
  auto st = client->openStream(kProg, kVers, kOpen, false);
  std::string s;
  std::thread opener([&] { st->open(""); });
  uint32_t serial = peer.read(s).header.serial;
  peer.reply(serial, kOpen);
  opener.join();
  char buf[8];
  CHECK(st->recv(buf, sizeof buf, true, false) == ClientStream::kWouldBlock);
  CHECK_FALSE(readable(st->eventFd()));
  peer.data(serial, "xy");
  // Nobody watches the socket: the non-blocking recv reads what arrived.
  int got = ClientStream::kWouldBlock;
  for (int i = 0; i < 200 && got == ClientStream::kWouldBlock; i++) {
    got = st->recv(buf, sizeof buf, true, false);
    if (got == ClientStream::kWouldBlock) ::usleep(5000);
  }
  CHECK(got == 2);
  CHECK_FALSE(readable(st->eventFd()));  // drained
  peer.data(serial, "z");
  client->processIncoming(2000);  // as an event loop watching the socket would
  CHECK(readable(st->eventFd()));
  CHECK(st->recv(buf, sizeof buf, true, false) == 1);
  CHECK_FALSE(readable(st->eventFd()));
}

TEST_CASE("RPC stream: the server's error after its data; abort is answered", "[rpc]") {
  auto [client, peer] = connected();
  auto st = client->openStream(kProg, kVers, kOpen, false);
  std::string s;
  std::thread opener([&] { st->open(""); });
  uint32_t serial = peer.read(s).header.serial;
  peer.reply(serial, kOpen);
  opener.join();
  RemoteError err = RemoteError::from(Error(VIR_ERR_OPERATION_FAILED, VIR_FROM_STORAGE, "disk full"));
  peer.data(serial, "ok");
  peer.send(Type::Stream, Status::Error, serial, kOpen, bytesOf(encode(err)));
  CHECK(recvString(*st, 10) == "ok");
  char buf[4];
  CHECK_THROWS_WITH(st->recv(buf, sizeof buf, false, false), Catch::Contains("disk full"));
  CHECK_THROWS_WITH(st->send("more", 4), Catch::Contains("disk full"));
  CHECK_THROWS_WITH(st->finish(), Catch::Contains("disk full"));
  CHECK(st->ended());

  // Abort: an empty ERROR packet, answered with an error that is not reported.
  auto other = client->openStream(kProg, kVers, kOpen, false);
  opener = std::thread([&] { other->open(""); });
  serial = peer.read(s).header.serial;
  peer.reply(serial, kOpen);
  opener.join();
  CHECK(other->send("abc", 3) == 3);
  std::thread daemon([&peer = peer, serial] {
    std::string t;
    Decoded d = peer.read(t);
    CHECK(d.header.type == static_cast<int32_t>(Type::Stream));
    CHECK(d.payload == "abc");
    d = peer.read(t);
    CHECK(d.header.status == static_cast<int32_t>(Status::Error));
    CHECK(d.payload.empty());
    RemoteError aborted =
        RemoteError::from(Error(VIR_ERR_RPC, VIR_FROM_STREAMS, "stream aborted at client request"));
    peer.send(Type::Stream, Status::Error, serial, kOpen, bytesOf(encode(aborted)));
  });
  other->abort();
  daemon.join();
  CHECK(other->ended());
}

TEST_CASE("RPC stream: a peer that goes away fails a blocked recv", "[rpc]") {
  auto [client, peer] = connected();
  auto st = client->openStream(kProg, kVers, kOpen, false);
  std::string s;
  std::thread opener([&] { st->open(""); });
  uint32_t serial = peer.read(s).header.serial;
  peer.reply(serial, kOpen);
  opener.join();
  std::thread closer([&peer = peer] {
    ::usleep(100 * 1000);
    peer.fd.reset();
  });
  char buf[4];
  CHECK_THROWS_WITH(st->recv(buf, sizeof buf, false, false),
                    Catch::Contains("End of file while reading data"));
  closer.join();
  CHECK(readable(st->eventFd()));
  st->abort();  // nothing to tell a peer that is gone
  CHECK(st->ended());
}
