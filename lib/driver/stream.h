// The C++ side of a virStreamPtr once a driver call has opened it.
//
// virStreamNew makes an empty stream; a driver call such as
// virDomainOpenConsole gives it a backing that implements this interface
// (fd_stream.h over a pty, pipe, socket or file). The facade (capi/stream.cc)
// does libvirt's argument checks and forwards each virStream* call here.
//
// Return conventions are libvirt's: send/recv return the bytes moved, 0 at
// the end of the stream, kWouldBlock (-2) when a non-blocking stream has
// nothing to move now, kAtHole (-3) when recv was asked to stop at a hole.
// Every other failure throws vireo::Error in VIR_FROM_STREAMS.
//
// A stream may be aborted from another thread while one thread is blocked in
// send or recv (a forced console takeover does that): abort() wakes it.
#pragma once

#include <cstddef>

namespace vireo::driver {

class Stream {
 public:
  static constexpr int kWouldBlock = -2;
  static constexpr int kAtHole = -3;

  virtual ~Stream() = default;

  // VIR_STREAM_NONBLOCK: send and recv return kWouldBlock instead of waiting.
  virtual void setNonBlocking(bool nonBlocking) = 0;

  virtual int send(const char* data, std::size_t nbytes) = 0;
  // `stopAtHole` is VIR_STREAM_RECV_STOP_AT_HOLE.
  virtual int recv(char* data, std::size_t nbytes, bool stopAtHole) = 0;

  // Holes, for backings that have them (a regular file). The others report
  // libvirt's errors: "Invalid stream hole" / VIR_ERR_NO_SUPPORT.
  virtual void sendHole(long long length) = 0;
  virtual long long recvHole() = 0;
  // Whether the data at the current position is data (true) or a hole, and
  // how long that section is (libvirt's virStreamInData).
  virtual bool inData(long long& length) = 0;

  // The descriptor an event loop watches for this stream's readiness, or -1
  // once the stream is closed.
  virtual int eventFd() const = 0;

  // Finish completes the transfer (flushes, makes a trailing hole real) and
  // closes; abort closes at once and wakes a thread blocked in send/recv.
  // Both are no-ops on a closed stream, as in libvirt. After either, the
  // other calls fail with "stream is not open".
  virtual void finish() = 0;
  virtual void abort() = 0;
  virtual bool closed() const = 0;
};

}  // namespace vireo::driver
