// The byte stream under an RPC client. A plain socket is one; a TLS session
// or a SASL security layer is another kind laid over the same socket, which
// encodes what is written and decodes what is read. The client frames
// messages on top and never sees the difference.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "lib/util/fd.h"

namespace vireo::rpc {

class Channel {
 public:
  virtual ~Channel() = default;

  // Writes all of `data` (blocking). Throws vireo::Error (VIR_FROM_RPC).
  virtual void writeAll(const char* data, size_t size) = 0;
  // Reads between 1 and `size` bytes (blocking); 0 means the peer closed.
  // Descriptors that arrive with the bytes are appended to `fds`. Throws
  // vireo::Error (VIR_FROM_RPC) on failure.
  virtual size_t read(char* buf, size_t size, std::vector<UniqueFd>& fds) = 0;
  // Whether the channel passes descriptors after a message (CALL_WITH_FDS):
  // only a plain UNIX socket does. The client asks before a message that
  // carries descriptors is written, so that a refusal leaves the stream in
  // step; sendFds is called only when this says yes.
  virtual bool canPassFds() const { return false; }
  virtual void sendFds(const std::vector<int>& fds);
  // True when decoded bytes wait inside the channel: a poll() of socket()
  // would not report them, so a reader must drain them first.
  virtual bool hasBuffered() const = 0;
  // What virConnectIsEncrypted reports: every byte is encrypted on the wire.
  virtual bool isEncrypted() const = 0;

  // The socket underneath (for poll, shutdown and dup).
  virtual int socket() const = 0;
};

// A plain stream socket: bytes and descriptors as they are.
class SocketChannel final : public Channel {
 public:
  explicit SocketChannel(UniqueFd fd);
  void writeAll(const char* data, size_t size) override;
  size_t read(char* buf, size_t size, std::vector<UniqueFd>& fds) override;
  void sendFds(const std::vector<int>& fds) override;
  // A UNIX socket: the daemon's, or a socket pair to a transport's process
  // (libvirt counts both; the latter passes them to that process).
  bool canPassFds() const override { return unix_; }
  bool hasBuffered() const override { return false; }
  bool isEncrypted() const override { return false; }
  int socket() const override { return fd_.get(); }

 private:
  UniqueFd fd_;
  bool unix_ = false;
};

}  // namespace vireo::rpc
