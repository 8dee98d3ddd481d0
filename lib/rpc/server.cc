#include "lib/rpc/server.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace vireo::rpc {

namespace {

std::string errorReply(const Header& call, const Error& e) {
  Header h = call;
  h.type = static_cast<int32_t>(Type::Reply);
  h.status = static_cast<int32_t>(Status::Error);
  std::vector<char> payload = encode(RemoteError::from(e));
  return encodeMessage(h, std::string_view(payload.data(), payload.size()));
}

}  // namespace

Server::Server() : wake_(Pipe::create(O_NONBLOCK)) {}

Server::~Server() = default;

void Server::addProgram(uint32_t prog, uint32_t vers, std::map<int32_t, Handler> procs) {
  programs_.push_back(Program{prog, vers, std::move(procs)});
}

void Server::addListener(UniqueFd listening) { listeners_.push_back(std::move(listening)); }

ServerClient& Server::addClient(UniqueFd connected, std::string pendingInput, std::string pendingOutput) {
  int flags = ::fcntl(connected.get(), F_GETFL);
  if (flags >= 0) ::fcntl(connected.get(), F_SETFL, flags | O_NONBLOCK);
  ::fcntl(connected.get(), F_SETFD, FD_CLOEXEC);
  ServerClient& c = clients_.emplace_back();
  c.id_ = nextId_++;
  c.peer_ = peerCred(connected.get());
  c.fd_ = std::move(connected);
  c.in_ = std::move(pendingInput);
  c.out_ = std::move(pendingOutput);
  return c;
}

std::vector<ServerClient*> Server::clients() {
  std::vector<ServerClient*> out;
  for (auto& c : clients_) out.push_back(&c);
  return out;
}

void Server::releaseAll() {
  for (auto& l : listeners_) (void)l.release();
  for (auto& c : clients_) (void)c.fd_.release();
}

void Server::requestQuit() {
  quit_ = true;
  char b = 0;
  ssize_t n = ::write(wake_.write.get(), &b, 1);
  (void)n;  // a full pipe already wakes the loop
}

void Server::acceptClients(int listenFd) {
  for (;;) {
    UniqueFd fd(::accept4(listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd) return;  // EAGAIN, or a transient error: poll() tells us again
    PeerCred cred;
    try {
      cred = peerCred(fd.get());
    } catch (const Error&) {
      continue;
    }
    if (admit_ && !admit_(cred)) continue;
    addClient(std::move(fd));
  }
}

std::optional<std::string> Server::dispatch(ServerClient& client, std::string_view bytes) {
  Decoded d = decodeMessage(bytes);  // throws only for what closes the client
  Header& h = d.header;
  if (h.type == static_cast<int32_t>(Type::Message)) {
    if (h.prog == kKeepaliveProgram && h.vers == kKeepaliveVersion && h.proc == kKeepalivePing) {
      Header pong{kKeepaliveProgram, kKeepaliveVersion, kKeepalivePong,
                  static_cast<int32_t>(Type::Message), 0, static_cast<int32_t>(Status::Ok)};
      return encodeMessage(pong, {});
    }
    return std::nullopt;
  }
  // Replies, streams and holes from a client have no meaning to a server
  // without streams; libvirt's server drops them too.
  if (h.type != static_cast<int32_t>(Type::Call) && h.type != static_cast<int32_t>(Type::CallWithFds))
    return std::nullopt;

  Message m;
  m.header = h;
  m.payload.assign(d.payload);
  if (client.fds_.size() < d.fdCount) fail(VIR_ERR_RPC, VIR_FROM_RPC, "Missing file descriptor in message");
  for (uint32_t i = 0; i < d.fdCount; i++) {
    m.fds.push_back(std::move(client.fds_.front()));
    client.fds_.erase(client.fds_.begin());
  }
  try {
    if (h.status != static_cast<int32_t>(Status::Ok))
      fail(VIR_ERR_RPC, VIR_FROM_RPC, "Unexpected message status " + std::to_string(h.status));
    const Program* prog = nullptr;
    for (const auto& p : programs_)
      if (p.prog == h.prog && p.vers == h.vers) prog = &p;
    if (!prog)
      fail(VIR_ERR_RPC, VIR_FROM_RPC,
           "Cannot find program " + std::to_string(h.prog) + " version " + std::to_string(h.vers));
    auto it = prog->procs.find(h.proc);
    if (it == prog->procs.end())
      fail(VIR_ERR_RPC, VIR_FROM_RPC, "unknown procedure: " + std::to_string(h.proc));
    std::string payload = it->second(client, m);
    Header r = h;
    r.type = static_cast<int32_t>(Type::Reply);
    r.status = static_cast<int32_t>(Status::Ok);
    return encodeMessage(r, payload);
  } catch (const Error& e) {
    return errorReply(h, e);
  } catch (const std::exception& e) {
    return errorReply(h, Error(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, e.what()));
  }
}

void Server::processInput(ServerClient& c) {
  // One request in flight: stop while a reply is still being written.
  while (c.out_.empty() && !c.closing_) {
    if (c.in_.size() < kLengthSize) return;
    uint32_t length;
    uint32_t fdCount = 0;
    try {
      length = decodeLength(reinterpret_cast<const unsigned char*>(c.in_.data()));
      if (c.in_.size() < length) return;
      Decoded d = decodeMessage(std::string_view(c.in_).substr(0, length));
      fdCount = d.fdCount;
    } catch (const Error&) {
      c.closing_ = true;  // garbage in the framing: nothing after it can be trusted
      return;
    }
    // The fds' own bytes follow the message, one each.
    if (c.in_.size() < length + fdCount || c.fds_.size() < fdCount) return;
    std::optional<std::string> reply;
    try {
      reply = dispatch(c, std::string_view(c.in_).substr(0, length));
    } catch (const Error&) {
      c.closing_ = true;
      return;
    }
    c.in_.erase(0, length + fdCount);
    if (reply) {
      c.out_ = std::move(*reply);
      flush(c);  // usually the whole reply fits: no poll() round for POLLOUT
    }
  }
}

void Server::flush(ServerClient& c) {
  while (!c.out_.empty()) {
    ssize_t n = ::send(c.fd(), c.out_.data(), c.out_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN) c.closing_ = true;
      return;
    }
    c.out_.erase(0, static_cast<size_t>(n));
  }
}

void Server::readFrom(ServerClient& c) {
  char buf[65536];
  ssize_t n = recvWithFds(c.fd(), buf, sizeof buf, c.fds_);
  if (n < 0) {
    if (errno != EAGAIN) c.closing_ = true;
    return;
  }
  if (n == 0) {
    c.closing_ = true;
    return;
  }
  c.in_.append(buf, static_cast<size_t>(n));
  if (c.fds_.size() > kNumFdsMax) {
    c.closing_ = true;  // more descriptors than any message may carry
    return;
  }
  processInput(c);
}

void Server::writeTo(ServerClient& c) {
  flush(c);
  if (!c.out_.empty()) return;
  processInput(c);  // the next request may already be buffered
}

void Server::closeClient(std::list<ServerClient>::iterator it) {
  if (onClose_) onClose_(*it);
  clients_.erase(it);
}

void Server::run() {
  quit_ = false;
  // Clients restored with buffered requests get them processed first.
  for (auto& c : clients_) processInput(c);
  while (!quit_) {
    std::vector<pollfd> fds;
    fds.push_back({wake_.read.get(), POLLIN, 0});
    for (auto& l : listeners_) fds.push_back({l.get(), POLLIN, 0});
    std::vector<std::list<ServerClient>::iterator> order;
    for (auto it = clients_.begin(); it != clients_.end(); ++it) {
      short events = it->out_.empty() ? POLLIN : POLLOUT;
      fds.push_back({it->fd(), events, 0});
      order.push_back(it);
    }
    int rc = ::poll(fds.data(), fds.size(), -1);
    if (rc < 0) {
      if (errno == EINTR) continue;
      failSystem(VIR_FROM_RPC, errno, "Unable to poll on file handles");
    }
    if (fds[0].revents) {
      char drain[64];
      while (::read(wake_.read.get(), drain, sizeof drain) > 0) {
      }
    }
    size_t i = 1;
    for (auto& l : listeners_) {
      if (fds[i].revents & POLLIN) acceptClients(l.get());
      i++;
    }
    for (auto it : order) {
      short re = fds[i++].revents;
      if (re & POLLOUT) writeTo(*it);
      if (re & POLLIN) readFrom(*it);
      // Hang-up with nothing left to read: the peer is gone.
      if ((re & (POLLHUP | POLLERR)) && !(re & POLLIN)) it->closing_ = true;
      if (it->closing_) closeClient(it);
    }
  }
}

}  // namespace vireo::rpc
