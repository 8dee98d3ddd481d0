#include "lib/rpc/client_stream.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "lib/rpc/client.h"

namespace vireo::rpc {
namespace {

// virNetStreamHole, the payload of a STREAM_HOLE packet.
struct StreamHole {
  int64_t length = 0;
  uint32_t flags = 0;
  void xdr(Xdr& x) {
    x.i64(length);
    x.u32(flags);
  }
};

bool isHole(const Message& m) { return m.header.type == static_cast<int32_t>(Type::StreamHole); }

}  // namespace

ClientStream::ClientStream(Client& client, uint32_t prog, uint32_t vers, int32_t proc, uint32_t serial,
                           bool allowHoles)
    : client_(client),
      prog_(prog),
      vers_(vers),
      proc_(proc),
      serial_(serial),
      allowHoles_(allowHoles),
      event_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (!event_) failSystem(VIR_FROM_STREAMS, errno, "Unable to create an eventfd for a stream");
  std::lock_guard lk(client_.mu_);
  client_.streams_[serial_] = this;
}

ClientStream::~ClientStream() {
  std::lock_guard lk(client_.mu_);
  client_.streams_.erase(serial_);
}

Message ClientStream::open(std::string_view payload) {
  return client_.callWithSerial(prog_, vers_, proc_, serial_, payload, {});
}

void ClientStream::receive(Message m) {
  const Header& h = m.header;
  if (h.status == static_cast<int32_t>(Status::Continue)) {
    // The server ends the data it sends with an empty packet (observed on
    // the wire from libvirtd 9.0; its OK only answers our finish).
    if (isHole(m) || !m.payload.empty())
      incoming_.push_back(std::move(m));
    else
      eof_ = true;
  } else if (h.status == static_cast<int32_t>(Status::Ok)) {
    if (ack_ == Ack::Awaited)
      ack_ = Ack::Received;
    else
      eof_ = true;
  } else {
    std::optional<Error> err;
    try {
      err = decode<RemoteError>(m.payload).toError();
    } catch (const Error& e) {
      err = e;  // an error that does not decode: the decoder's error stands for it
    }
    if (ack_ == Ack::Awaited) {
      ackError_ = err;
      ack_ = Ack::Received;
    } else {
      error_ = err;
    }
  }
  updateSignal();
}

bool ClientStream::readyLocked() const {
  return !incoming_.empty() || holeLeft_ > 0 || eof_ || error_ || ended_ || client_.closedError_;
}

void ClientStream::updateSignal() {
  bool ready = readyLocked();
  if (ready == signalled_) return;
  uint64_t value = 1;
  // The eventfd is ours alone and non-blocking: these cannot fail short of
  // a counter overflow, which one write after one read never reaches.
  ssize_t n =
      ready ? ::write(event_.get(), &value, sizeof value) : ::read(event_.get(), &value, sizeof value);
  if (n == sizeof value) signalled_ = ready;
}

void ClientStream::checkOpen() const {
  if (ended_) fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_RPC, "stream is closed");  // libvirt's words
}

bool ClientStream::ended() const {
  std::lock_guard lk(client_.mu_);
  return ended_;
}

int ClientStream::recv(char* data, size_t nbytes, bool nonBlocking, bool stopAtHole) {
  std::unique_lock lk(client_.mu_);
  bool polled = false;
  for (;;) {
    checkOpen();
    if (holeLeft_ > 0) {
      if (stopAtHole) return kAtHole;
      size_t n = static_cast<size_t>(std::min<long long>(holeLeft_, static_cast<long long>(nbytes)));
      std::memset(data, 0, n);
      holeLeft_ -= static_cast<long long>(n);
      updateSignal();
      return static_cast<int>(n);
    }
    if (!incoming_.empty()) {
      Message& front = incoming_.front();
      if (isHole(front)) {
        if (!allowHoles_) fail(VIR_ERR_RPC, VIR_FROM_RPC, "Unexpected stream hole");
        StreamHole hole = decode<StreamHole>(front.payload);
        if (hole.length < 0) fail(VIR_ERR_RPC, VIR_FROM_RPC, "Invalid stream hole length");
        holeLeft_ = hole.length;
        incoming_.pop_front();
        continue;
      }
      size_t n = std::min(nbytes, front.payload.size() - frontOffset_);
      std::memcpy(data, front.payload.data() + frontOffset_, n);
      frontOffset_ += n;
      if (frontOffset_ == front.payload.size()) {
        incoming_.pop_front();
        frontOffset_ = 0;
      }
      updateSignal();
      return static_cast<int>(n);
    }
    if (error_) throw *error_;
    if (eof_) return 0;
    if (client_.closedError_) client_.throwClosed();
    if (nonBlocking) {
      // Without an event loop on the socket, nobody else would read what
      // has arrived: read it now, once, without waiting.
      if (polled) return kWouldBlock;
      polled = true;
      client_.readAvailable(lk);
      continue;
    }
    if (!client_.readerActive_)
      client_.readOne(lk);
    else
      client_.cv_.wait(lk);
  }
}

long long ClientStream::recvHole() {
  std::lock_guard lk(client_.mu_);
  checkOpen();
  // As libvirt's client: the hole at the front, 0 when data is next.
  long long length = std::exchange(holeLeft_, 0);
  updateSignal();
  return length;
}

void ClientStream::sendPacket(Type type, Status status, std::string_view payload) {
  Header h{prog_, vers_, proc_, static_cast<int32_t>(type), serial_, static_cast<int32_t>(status)};
  client_.send(encodeMessage(h, payload), {});
}

int ClientStream::send(const char* data, size_t nbytes) {
  {
    std::unique_lock lk(client_.mu_);
    checkOpen();
    // The server reports a failed transfer with an ERROR packet; look for
    // one before sending more.
    client_.readAvailable(lk);
    if (error_) throw *error_;
    if (client_.closedError_) client_.throwClosed();
  }
  size_t n = std::min(nbytes, kChunk);
  sendPacket(Type::Stream, Status::Continue, std::string_view(data, n));
  return static_cast<int>(n);
}

void ClientStream::sendHole(long long length) {
  if (!allowHoles_)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_RPC, "Skipping is not supported with this stream");
  if (length < 0) fail(VIR_ERR_INVALID_ARG, VIR_FROM_STREAMS, "Invalid stream hole length");
  {
    std::unique_lock lk(client_.mu_);
    checkOpen();
    client_.readAvailable(lk);
    if (error_) throw *error_;
    if (client_.closedError_) client_.throwClosed();
  }
  StreamHole hole{length, 0};
  std::vector<char> payload = encode(hole);
  sendPacket(Type::StreamHole, Status::Continue, std::string_view(payload.data(), payload.size()));
}

std::optional<Error> ClientStream::endTransfer(Status status, std::unique_lock<std::mutex>& lk) {
  ended_ = true;
  updateSignal();
  if (client_.closedError_) return client_.closedError_;
  ack_ = Ack::Awaited;
  lk.unlock();
  try {
    sendPacket(Type::Stream, status, {});
  } catch (const Error& e) {
    lk.lock();
    return e;
  }
  lk.lock();
  // The server's answer comes on the stream's serial, like a reply.
  while (ack_ != Ack::Received && !client_.closedError_) {
    if (!client_.readerActive_)
      client_.readOne(lk);
    else
      client_.cv_.wait(lk);
  }
  client_.cv_.notify_all();  // a recv blocked on this stream sees it ended
  if (ack_ != Ack::Received) return client_.closedError_;
  return ackError_;
}

void ClientStream::finish() {
  std::unique_lock lk(client_.mu_);
  if (ended_) return;
  if (error_) {
    // The server failed the transfer already: that is the result.
    ended_ = true;
    updateSignal();
    throw *error_;
  }
  if (std::optional<Error> err = endTransfer(Status::Ok, lk)) throw *err;
}

void ClientStream::abort() {
  std::unique_lock lk(client_.mu_);
  if (ended_) return;
  if (error_ || eof_) {
    // The server's side is over: nothing to tell it.
    ended_ = true;
    updateSignal();
    client_.cv_.notify_all();
    return;
  }
  endTransfer(Status::Error, lk);  // the server answers an abort with an error: not ours to report
}

}  // namespace vireo::rpc
