// A small single-threaded RPC server: poll()-based, UNIX sockets, one
// request in flight per client (a client's next message is read only once
// the reply to the previous one has been written), as virtlockd.
//
// Programs are tables (program, version, procedure → handler). A handler
// gets the client and the call and returns the reply payload; a
// vireo::Error it throws becomes an ERROR reply with a remote_error.
// Garbage never takes the server down: a bad length word, a message that
// cannot be read, or too many fds close that one client; an unknown
// program or procedure, a bad status or a payload that does not decode
// get an error reply, as libvirt's server sends.
#pragma once

#include <any>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lib/rpc/protocol.h"
#include "lib/rpc/socket.h"
#include "lib/util/fd.h"

namespace vireo::rpc {

class Server;

class ServerClient {
 public:
  uint64_t id() const { return id_; }
  const PeerCred& peer() const { return peer_; }
  int fd() const { return fd_.get(); }
  // The program's own per-connection state.
  std::any& data() { return data_; }
  // Bytes read but not yet dispatched and bytes not yet written, for a
  // daemon that hands its connections over across exec().
  const std::string& pendingInput() const { return in_; }
  const std::string& pendingOutput() const { return out_; }

 private:
  friend class Server;
  uint64_t id_ = 0;
  UniqueFd fd_;
  PeerCred peer_;
  std::any data_;
  std::string in_;
  std::string out_;
  std::vector<UniqueFd> fds_;  // received with SCM_RIGHTS, not yet consumed
  bool closing_ = false;
};

class Server {
 public:
  using Handler = std::function<std::string(ServerClient&, Message&)>;

  Server();
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void addProgram(uint32_t prog, uint32_t vers, std::map<int32_t, Handler> procs);
  // A listening socket (non-blocking).
  void addListener(UniqueFd listening);
  // An already connected client, with bytes already read from it and bytes
  // still to send (used after a re-exec).
  ServerClient& addClient(UniqueFd connected, std::string pendingInput = {},
                          std::string pendingOutput = {});

  // Whom to admit (default: everyone). A refused client is closed at once.
  void setAdmission(std::function<bool(const PeerCred&)> admit) { admit_ = std::move(admit); }
  // Called when a client's connection ends, before its state is dropped.
  void setCloseCallback(std::function<void(ServerClient&)> cb) { onClose_ = std::move(cb); }

  // Serves until requestQuit().
  void run();
  // Async-signal-safe: makes run() return after the current iteration.
  void requestQuit();

  const std::vector<UniqueFd>& listeners() const { return listeners_; }
  std::vector<ServerClient*> clients();
  // Gives up the listeners and client sockets without closing them (for exec).
  void releaseAll();

  // Turns one complete message into a reply (or nothing). Public for the
  // unit tests and the fuzzer, which feed it garbage directly.
  std::optional<std::string> dispatch(ServerClient& client, std::string_view bytes);

 private:
  void acceptClients(int listenFd);
  void readFrom(ServerClient& c);
  void writeTo(ServerClient& c);
  void flush(ServerClient& c);  // writes what the socket takes now
  void processInput(ServerClient& c);
  void closeClient(std::list<ServerClient>::iterator it);

  struct Program {
    uint32_t prog;
    uint32_t vers;
    std::map<int32_t, Handler> procs;
  };
  std::vector<Program> programs_;
  std::vector<UniqueFd> listeners_;
  std::list<ServerClient> clients_;
  uint64_t nextId_ = 1;
  Pipe wake_;
  volatile bool quit_ = false;
  std::function<bool(const PeerCred&)> admit_;
  std::function<void(ServerClient&)> onClose_;
};

}  // namespace vireo::rpc
