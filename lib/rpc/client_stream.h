// One stream of an RPC connection, the client's side (libvirt-rpc.md
// section 1; the facts of libvirt's virNetClientStream).
//
// A stream is opened by a call (virDomainScreenshot, virStorageVolUpload…)
// and then lives under that call's proc and serial: STREAM packets with
// status CONTINUE carry data, STREAM_HOLE packets ({hyper length; u32
// flags}) a hole, an empty CONTINUE packet is the end of the server's data
// (observed from libvirtd 9.0) and ERROR carries a remote_error. The client
// sends data and holes the same way, OK to finish (the server answers OK
// once its side is done, awaited like a reply) and an empty ERROR to abort
// (answered too; that answer is not an error).
//
// Client::openStream registers the stream before the opening call goes out,
// so that packets arriving at once are queued, whichever thread reads them:
// a blocking recv becomes the connection's reader when nobody reads (the
// reader protocol of client.h), and an event loop watching the socket
// queues them too. eventFd() is readable while something is queued, the
// stream ended or the connection broke, so an event loop can watch it.
//
// The state below is guarded by the client's mutex; a stream must not
// outlive its client.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string_view>

#include "lib/rpc/protocol.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"

namespace vireo::rpc {

class Client;

class ClientStream {
 public:
  // libvirt's stream return codes: nothing to move now (non-blocking), and
  // "a hole is next" for a receiver that asked to stop at holes.
  static constexpr int kWouldBlock = -2;
  static constexpr int kAtHole = -3;
  // The largest data packet sent (libvirt's stream chunk).
  static constexpr size_t kChunk = kLegacyPayloadMax;

  // Use Client::openStream.
  ClientStream(Client& client, uint32_t prog, uint32_t vers, int32_t proc, uint32_t serial, bool allowHoles);
  // Unregisters the stream (without telling the server: finish or abort first).
  ~ClientStream();
  ClientStream(const ClientStream&) = delete;
  ClientStream& operator=(const ClientStream&) = delete;

  // The opening call, under the stream's serial. Returns its reply; throws
  // the server's error (the stream is then unusable).
  Message open(std::string_view payload);

  // Data from the server: bytes copied, 0 at the end, kWouldBlock, or
  // kAtHole when `stopAtHole` and a hole is next. A hole read without
  // stopping reads as zeros. Throws the server's error once the data before
  // it is consumed, and the connection's error if it broke.
  int recv(char* data, size_t nbytes, bool nonBlocking, bool stopAtHole);
  // The length of the hole that recv reported with kAtHole (0 when data is
  // next); consumes it.
  long long recvHole();

  // Sends up to kChunk bytes as one packet; returns how many.
  int send(const char* data, size_t nbytes);
  // Sends a hole; only on a stream opened with allowHoles (libvirt's sparse flags).
  void sendHole(long long length);

  // Finish: the client's OK, then the server's answer (its error, if any,
  // is thrown). Abort: the empty ERROR, then the server's answer; a broken
  // connection is no error. Both no-ops once the stream ended.
  void finish();
  void abort();
  bool ended() const;

  // Readable while recv would not block.
  int eventFd() const { return event_.get(); }

 private:
  friend class Client;

  enum class Ack { None, Awaited, Received };

  // Queues a STREAM or STREAM_HOLE packet of this stream. Called by the
  // client's reader with the client's mutex held.
  void receive(Message m);
  // Sets or clears eventFd's readiness to match the state. Client's mutex held.
  void updateSignal();
  bool readyLocked() const;
  // The packet that ends our side (OK or ERROR), and the wait for the
  // server's answer to it. Returns the answer's error, if any.
  std::optional<Error> endTransfer(Status status, std::unique_lock<std::mutex>& lk);
  void sendPacket(Type type, Status status, std::string_view payload);
  void checkOpen() const;

  Client& client_;
  const uint32_t prog_;
  const uint32_t vers_;
  const int32_t proc_;
  const uint32_t serial_;
  const bool allowHoles_;
  UniqueFd event_;  // an eventfd; never changes after construction

  // Guarded by client_.mu_:
  std::deque<Message> incoming_;   // data and hole packets, in order
  size_t frontOffset_ = 0;         // bytes of incoming_.front() already read
  long long holeLeft_ = 0;         // the part of the current hole not yet read
  bool eof_ = false;               // the server said its data ended
  std::optional<Error> error_;     // the server's ERROR
  Ack ack_ = Ack::None;            // our finish/abort awaiting the server's answer
  std::optional<Error> ackError_;  // that answer's error
  bool ended_ = false;             // finished or aborted here
  bool signalled_ = false;         // event_'s counter is non-zero
};

}  // namespace vireo::rpc
