// A stream backed by one file descriptor: a terminal (a pty's slave or
// master), a pipe, a socket or a regular file.
//
// The descriptor is always in O_NONBLOCK mode; a blocking stream waits in
// poll() together with an eventfd that abort() signals, so that a thread
// blocked in send/recv returns when another thread aborts the stream (the
// forced takeover of a console). The descriptor is closed only once no call
// is using it, so that a number being polled is never reused under it.
//
// Holes exist only on regular files: recv with stop-at-hole, recvHole and
// inData read the file's layout with lseek(SEEK_DATA/SEEK_HOLE); sendHole
// seeks forward and finish() extends the file over a trailing hole. On other
// backings sendHole reports libvirt's "Invalid stream hole" and recvHole and
// inData report VIR_ERR_OPERATION_UNSUPPORTED.
//
// Differences from libvirt's fd streams, which return -2 from a blocking
// stream too (their descriptor is non-blocking whatever the stream's flags):
// here only a VIR_STREAM_NONBLOCK stream returns -2, as through libvirt's
// remote driver. EIO from a terminal (the other end hung up) is the end of
// the stream (0), not an error.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "lib/driver/stream.h"
#include "lib/util/fd.h"
#include "lib/util/mutex.h"

namespace vireo::driver {

class FdStream : public Stream {
 public:
  // Takes `fd` (any kind); a regular file gets the hole support.
  explicit FdStream(UniqueFd fd);
  ~FdStream() override;

  // Opens a terminal device (a pty slave such as /dev/pts/3) read-write,
  // without making it the controlling terminal, and puts it in raw mode as
  // libvirt does for a console. Throws VIR_ERR_SYSTEM_ERROR naming `path`.
  static std::shared_ptr<FdStream> openTerminal(const std::string& path);

  // Connects to the UNIX socket at `path` (a guest agent's channel).
  // Throws VIR_ERR_SYSTEM_ERROR naming `path`.
  static std::shared_ptr<FdStream> connectUnix(const std::string& path);

  // Opens a regular file with open(2)'s `flags` and `mode` (O_CLOEXEC is
  // added). Throws VIR_ERR_SYSTEM_ERROR naming `path`.
  static std::shared_ptr<FdStream> openFile(const std::string& path, int flags, mode_t mode = 0600);

  void setNonBlocking(bool nonBlocking) override;
  int send(const char* data, std::size_t nbytes) override;
  int recv(char* data, std::size_t nbytes, bool stopAtHole) override;
  void sendHole(long long length) override;
  long long recvHole() override;
  bool inData(long long& length) override;
  int eventFd() const override;
  void finish() override;
  void abort() override;
  bool closed() const override;

 private:
  // Marks one call as using the descriptor (so that abort() leaves it open
  // until the call returns) and hands it out; throws "stream is not open".
  class Use;

  // Waits until `fd` is ready for `events` or the stream is aborted; false
  // when aborted.
  bool waitReady(int fd, short events) const;
  // Closes the descriptor now, or marks it to be closed by the last user.
  void close(bool flushHole) REQUIRES(mutex_);

  mutable Mutex mutex_;
  UniqueFd fd_ GUARDED_BY(mutex_);
  UniqueFd wake_;  // eventfd, written once by abort(); never changes after construction
  bool regularFile_;
  bool nonBlocking_ GUARDED_BY(mutex_) = false;
  bool closed_ GUARDED_BY(mutex_) = false;
  int users_ GUARDED_BY(mutex_) = 0;            // calls in progress on fd_
  bool trailingHole_ GUARDED_BY(mutex_) = false;  // sendHole moved past the end of the file
};

}  // namespace vireo::driver
