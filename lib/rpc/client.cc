#include "lib/rpc/client.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "lib/rpc/client_stream.h"
#include "lib/rpc/socket.h"

namespace vireo::rpc {

Client::Client(UniqueFd socket) : Client(std::make_unique<SocketChannel>(std::move(socket))) {}

Client::Client(std::unique_ptr<Channel> channel) : channel_(std::move(channel)) {
  lastReceived_ = std::chrono::steady_clock::now().time_since_epoch().count();
}

std::chrono::steady_clock::time_point Client::lastReceived() const {
  return std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(lastReceived_.load()));
}

void Client::sendKeepalive(int32_t proc) {
  Header h{kKeepaliveProgram, kKeepaliveVersion, proc, static_cast<int32_t>(Type::Message), 0,
           static_cast<int32_t>(Status::Ok)};
  send(encodeMessage(h, {}), {});
}

void Client::sendPing() { sendKeepalive(kKeepalivePing); }

void Client::abandon(const Error& why) {
  std::unique_lock lk(mu_);
  markClosed(why, lk);
  cv_.notify_all();
}

void Client::markClosed(const Error& why, std::unique_lock<std::mutex>& lk) {
  if (closedError_) return;
  closedError_ = why;
  // Nothing more can be read reliably: shut the socket so that writers
  // fail at once rather than fill a buffer nobody drains, and a reader
  // blocked in recv returns.
  ::shutdown(channel_->socket(), SHUT_RDWR);
  for (auto& [serial, stream] : streams_) stream->updateSignal();  // their end is readable now
  if (closeHandler_) {
    auto onClose = closeHandler_;
    lk.unlock();
    onClose(why);
    lk.lock();
  }
}

std::unique_ptr<Client> Client::connectUnix(const std::string& path) {
  return std::make_unique<Client>(rpc::connectUnix(path));
}

Client::~Client() = default;

bool Client::isClosed() const {
  std::lock_guard lk(mu_);
  return closedError_.has_value();
}

void Client::setMessageHandler(std::function<void(Message&)> handler) {
  std::lock_guard lk(mu_);
  handler_ = std::move(handler);
}

void Client::setCloseHandler(std::function<void(const Error&)> handler) {
  std::lock_guard lk(mu_);
  closeHandler_ = std::move(handler);
}

UniqueFd Client::dupFd(bool cloexec) const {
  UniqueFd fd(::fcntl(channel_->socket(), cloexec ? F_DUPFD_CLOEXEC : F_DUPFD, 0));
  if (!fd) failSystem(VIR_FROM_RPC, errno, "Unable to duplicate FD " + std::to_string(channel_->socket()));
  return fd;
}

void Client::wrapChannel(const std::function<std::unique_ptr<Channel>(std::unique_ptr<Channel>)>& wrap) {
  std::lock_guard wl(writeMu_);
  std::lock_guard lk(mu_);
  channel_ = wrap(std::move(channel_));
}

void Client::throwClosed() const { throw *closedError_; }

void Client::send(const std::string& bytes, const std::vector<int>& fds) {
  std::lock_guard wl(writeMu_);
  if (!fds.empty() && !channel_->canPassFds())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "Sending file descriptors is not supported on this socket");
  channel_->writeAll(bytes.data(), bytes.size());
  if (!fds.empty()) channel_->sendFds(fds);
}

void Client::readExact(char* buf, size_t n) {
  while (n > 0) {
    size_t got = channel_->read(buf, n, fdQueue_);
    if (got == 0) failSystem(VIR_FROM_RPC, EIO, "End of file while reading data");
    buf += got;
    n -= got;
  }
}

Message Client::readMessage() {
  std::string bytes(kLengthSize, '\0');
  readExact(bytes.data(), kLengthSize);
  uint32_t length = decodeLength(reinterpret_cast<const unsigned char*>(bytes.data()));
  bytes.resize(length);
  readExact(bytes.data() + kLengthSize, length - kLengthSize);
  Decoded d = decodeMessage(bytes);
  lastReceived_ = std::chrono::steady_clock::now().time_since_epoch().count();
  Message m;
  m.header = d.header;
  m.payload.assign(d.payload);
  // Each descriptor arrives with one byte of its own after the message.
  for (uint32_t i = 0; i < d.fdCount; i++) {
    char byte;
    readExact(&byte, 1);
    if (fdQueue_.empty()) fail(VIR_ERR_RPC, VIR_FROM_RPC, "Missing file descriptor in message");
    m.fds.push_back(std::move(fdQueue_.front()));
    fdQueue_.erase(fdQueue_.begin());
  }
  return m;
}

void Client::deliver(Message m, std::unique_lock<std::mutex>& lk) {
  const Header& h = m.header;
  if (h.type == static_cast<int32_t>(Type::Message)) {
    if (h.prog == kKeepaliveProgram) {
      if (h.proc == kKeepalivePing) {
        lk.unlock();
        try {
          sendKeepalive(kKeepalivePong);
        } catch (const Error&) {
          // The next read reports the broken connection.
        }
        lk.lock();
      }
      return;
    }
    auto handler = handler_;
    if (handler) {
      lk.unlock();
      handler(m);
      lk.lock();
    }
    return;
  }
  if (h.type == static_cast<int32_t>(Type::Stream) || h.type == static_cast<int32_t>(Type::StreamHole)) {
    auto it = streams_.find(h.serial);
    // A stream that ended here may still get packets the server sent meanwhile: dropped.
    if (it != streams_.end() && it->second->proc_ == h.proc && it->second->prog_ == h.prog)
      it->second->receive(std::move(m));
    return;
  }
  if (h.type != static_cast<int32_t>(Type::Reply) && h.type != static_cast<int32_t>(Type::ReplyWithFds))
    return;
  auto it = pending_.find(h.serial);
  if (it == pending_.end()) return;  // nobody waits for it (libvirt drops it too)
  it->second->reply = std::move(m);
  it->second->done = true;
}

void Client::readOne(std::unique_lock<std::mutex>& lk) {
  readerActive_ = true;
  lk.unlock();
  std::optional<Message> m;
  std::optional<Error> err;
  try {
    m = readMessage();
  } catch (const Error& e) {
    err = e;
  }
  lk.lock();
  readerActive_ = false;
  if (err) {
    markClosed(*err, lk);
  } else {
    deliver(std::move(*m), lk);
  }
  cv_.notify_all();
}

void Client::drainBuffered(std::unique_lock<std::mutex>& lk) {
  while (!readerActive_ && !closedError_ && channel_->hasBuffered()) readOne(lk);
}

void Client::readAvailable(std::unique_lock<std::mutex>& lk) {
  if (readerActive_ || closedError_) return;
  if (!channel_->hasBuffered()) {
    pollfd pfd{channel_->socket(), POLLIN, 0};
    if (::poll(&pfd, 1, 0) <= 0) return;
  }
  readOne(lk);
  drainBuffered(lk);
}

std::unique_ptr<ClientStream> Client::openStream(uint32_t prog, uint32_t vers, int32_t proc,
                                                 bool allowHoles) {
  std::unique_lock lk(mu_);
  if (closedError_) throwClosed();
  uint32_t serial = nextSerial_++;
  lk.unlock();
  // The constructor registers the stream under `serial`.
  return std::make_unique<ClientStream>(*this, prog, vers, proc, serial, allowHoles);
}

Message Client::call(uint32_t prog, uint32_t vers, int32_t proc, std::string_view payload,
                     const std::vector<int>& fds) {
  return callWithSerial(prog, vers, proc, std::nullopt, payload, fds);
}

Message Client::callWithSerial(uint32_t prog, uint32_t vers, int32_t proc, std::optional<uint32_t> serial,
                               std::string_view payload, const std::vector<int>& fds) {
  Header h{prog, vers, proc, static_cast<int32_t>(fds.empty() ? Type::Call : Type::CallWithFds), 0,
           static_cast<int32_t>(Status::Ok)};
  Pending p;
  std::unique_lock lk(mu_);
  if (closedError_) throwClosed();
  h.serial = serial ? *serial : nextSerial_++;
  pending_[h.serial] = &p;
  std::string bytes;
  try {
    bytes = encodeMessage(h, payload, static_cast<uint32_t>(fds.size()));
    lk.unlock();
    send(bytes, fds);
    lk.lock();
  } catch (...) {
    if (!lk.owns_lock()) lk.lock();
    pending_.erase(h.serial);
    throw;
  }
  while (!p.done && !closedError_) {
    if (!readerActive_)
      readOne(lk);
    else
      cv_.wait(lk);
  }
  pending_.erase(h.serial);
  // Messages that a layered channel decoded with our reply (an event, a
  // PING in the same TLS record) would wait for socket activity that may
  // never come: deliver them before returning, as processIncoming does.
  drainBuffered(lk);
  if (!p.done) throwClosed();
  lk.unlock();
  const Header& r = p.reply.header;
  if (r.status == static_cast<int32_t>(Status::Error)) throw decode<RemoteError>(p.reply.payload).toError();
  if (r.status != static_cast<int32_t>(Status::Ok))
    fail(VIR_ERR_RPC, VIR_FROM_RPC, "Unexpected message status " + std::to_string(r.status));
  return std::move(p.reply);
}

void Client::processIncoming(int timeoutMs) {
  std::unique_lock lk(mu_);
  if (readerActive_ || closedError_) return;
  readerActive_ = true;  // keep callers from reading while we poll
  lk.unlock();
  int rc = 1;
  if (!channel_->hasBuffered()) {
    pollfd pfd{channel_->socket(), POLLIN, 0};
    rc = ::poll(&pfd, 1, timeoutMs);
  }
  lk.lock();
  readerActive_ = false;
  if (rc > 0) readOne(lk);
  // A layered channel may have decoded more messages than the one read:
  // the socket will not become readable for them, so deliver them now.
  drainBuffered(lk);
  cv_.notify_all();
}

}  // namespace vireo::rpc
