// The client side of a libvirt RPC connection.
//
// Several threads may call at once. Each call gets its own serial (0, 1, 2…
// per connection, as libvirt's client); whichever caller finds nobody reading
// becomes the reader until its own reply arrives, handing replies for other
// serials to their callers. No thread of our own is started, so a client
// also works in a child between fork() and exec().
//
// Streams (client_stream.h) queue their STREAM and STREAM_HOLE packets the
// same way, whichever thread reads them.
//
// Asynchronous MESSAGEs (events) go to the message handler, called on the
// thread that happens to read them, with no lock held. A keepalive PING is
// answered with PONG. A peer that closes fails every pending and later call
// with VIR_ERR_SYSTEM_ERROR "End of file while reading data: Input/output
// error" (what libvirt's client reports) and a reply with status ERROR
// becomes a vireo::Error carrying the server's code, domain and message.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "lib/rpc/channel.h"
#include "lib/rpc/protocol.h"
#include "lib/util/fd.h"

namespace vireo::rpc {

class ClientStream;

class Client {
 public:
  // Takes a connected stream socket.
  explicit Client(UniqueFd socket);
  // Takes a channel (a TLS session, say) over a connected socket.
  explicit Client(std::unique_ptr<Channel> channel);
  static std::unique_ptr<Client> connectUnix(const std::string& path);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends a CALL (CALL_WITH_FDS when `fds` is not empty) and waits for the
  // reply with the same serial. Returns the reply (payload and any fds);
  // throws the server's error for status ERROR.
  Message call(uint32_t prog, uint32_t vers, int32_t proc, std::string_view payload,
               const std::vector<int>& fds = {});

  // Typed form: encodes `args`, decodes the reply payload as Ret.
  template <class Ret, class Args>
  Ret call(uint32_t prog, uint32_t vers, int32_t proc, const Args& args) {
    std::vector<char> bytes = encode(args);
    Message reply = call(prog, vers, proc, std::string_view(bytes.data(), bytes.size()));
    return decode<Ret>(reply.payload);
  }

  // A stream under a new serial, registered so that its packets queue in it
  // from now on; ClientStream::open makes the opening call. `allowHoles`:
  // the call asks for a sparse stream (STREAM_HOLE packets either way).
  std::unique_ptr<ClientStream> openStream(uint32_t prog, uint32_t vers, int32_t proc, bool allowHoles);

  // Handler for MESSAGE packets other than keepalive.
  void setMessageHandler(std::function<void(Message&)> handler);

  // Called once, on the thread that found out, when the connection breaks
  // (the peer closed it or a read failed), with the error that later calls
  // report. Not called for a client that is destroyed while still open.
  void setCloseHandler(std::function<void(const Error&)> handler);

  // When no call is reading: waits up to timeoutMs for incoming packets and
  // dispatches them (events, keepalive). For an event loop watching fd().
  void processIncoming(int timeoutMs);

  int fd() const { return channel_->socket(); }
  bool isClosed() const;
  bool isEncrypted() const { return channel_->isEncrypted(); }

  // Lays a channel over the current one (a SASL security layer once its
  // negotiation ends): `wrap` gets the current channel and returns the new
  // one. Only while no call is in flight and nothing reads: during the open
  // of a connection, before anything watches its socket.
  void wrapChannel(const std::function<std::unique_ptr<Channel>(std::unique_ptr<Channel>)>& wrap);

  // Keepalive (the client's side of virkeepaliveprotocol): when a message
  // last arrived, a PING to send, and giving up on a silent peer, which
  // fails every pending and later call with `why` and calls the close
  // handler.
  std::chrono::steady_clock::time_point lastReceived() const;
  void sendPing();
  void abandon(const Error& why);

  // A duplicate of the socket (libvirt's virNetClientDupFD): closing the
  // client leaves the connection open while the duplicate lives.
  UniqueFd dupFd(bool cloexec) const;

 private:
  friend class ClientStream;

  struct Pending {
    bool done = false;
    Message reply;
  };

  // Reads one complete message with its fds (blocking). Called by the
  // current reader only, without mu_.
  Message readMessage();
  void readExact(char* buf, size_t n);
  // Hands a message to its caller or the handler. Called with `lk` held;
  // may release and retake it.
  void deliver(Message m, std::unique_lock<std::mutex>& lk);
  void send(const std::string& bytes, const std::vector<int>& fds);
  // Runs one read as the reader. Called with `lk` held and readerActive_ false.
  void readOne(std::unique_lock<std::mutex>& lk);
  // Delivers the messages a layered channel (TLS, SASL) has already
  // decoded: the socket will not become readable for them. Called with
  // `lk` held, when nobody else reads.
  void drainBuffered(std::unique_lock<std::mutex>& lk);
  // Reads what has arrived without waiting, when nobody else reads. Called with `lk` held.
  void readAvailable(std::unique_lock<std::mutex>& lk);
  // call() under `serial` (a stream's, already registered), or a new one.
  Message callWithSerial(uint32_t prog, uint32_t vers, int32_t proc, std::optional<uint32_t> serial,
                         std::string_view payload, const std::vector<int>& fds);
  [[noreturn]] void throwClosed() const;
  // A keepalive MESSAGE (PING or PONG).
  void sendKeepalive(int32_t proc);
  // Records the first error that broke the connection, shuts the socket and
  // runs the close handler (with `lk` released meanwhile). Later errors are
  // ignored.
  void markClosed(const Error& why, std::unique_lock<std::mutex>& lk);

  std::unique_ptr<Channel> channel_;
  std::mutex writeMu_;  // one writer at a time, so messages never interleave

  mutable std::mutex mu_;
  std::condition_variable cv_;
  uint32_t nextSerial_ = 0;                // guarded by mu_
  bool readerActive_ = false;              // guarded by mu_
  std::map<uint32_t, Pending*> pending_;   // guarded by mu_
  std::map<uint32_t, ClientStream*> streams_;  // guarded by mu_
  std::optional<Error> closedError_;       // guarded by mu_
  std::function<void(Message&)> handler_;  // guarded by mu_
  std::function<void(const Error&)> closeHandler_;  // guarded by mu_

  std::vector<UniqueFd> fdQueue_;  // reader only: fds received ahead of use
  std::atomic<std::chrono::steady_clock::rep> lastReceived_{0};
};

}  // namespace vireo::rpc
