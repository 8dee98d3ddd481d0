#include "lib/driver/fd_stream.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

#include "lib/util/error.h"
#include "lib/util/unix_socket.h"

namespace vireo::driver {

namespace {

constexpr virErrorDomain kArea = VIR_FROM_STREAMS;

[[noreturn]] void notOpen() { fail(VIR_ERR_INTERNAL_ERROR, kArea, "stream is not open"); }

void setNonBlockingFd(int fd) {
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
    failSystem(kArea, errno, "Unable to set non-blocking mode on stream");
}

// fileSection() without putting the offset back.
bool probeSection(int fd, off_t pos, long long& length) {
  struct stat st;
  if (::fstat(fd, &st) < 0) failSystem(kArea, errno, "Unable to stat stream file");
  if (pos >= st.st_size) {
    length = 0;
    return false;
  }
  off_t data = ::lseek(fd, pos, SEEK_DATA);
  if (data < 0 && errno != ENXIO) failSystem(kArea, errno, "Unable to seek to data in stream file");
  if (data < 0 || data > pos) {  // in a hole, up to the next data or the end
    length = (data < 0 ? st.st_size : data) - pos;
    return false;
  }
  off_t hole = ::lseek(fd, pos, SEEK_HOLE);
  if (hole < 0) failSystem(kArea, errno, "Unable to seek to a hole in stream file");
  length = hole - pos;
  return true;
}

bool isRegularFile(int fd) {
  struct stat st;
  return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

// The section of a regular file at `pos`: data (true) or a hole, and its
// length. A hole that runs to the end of the file has the length up to the
// end (0 at the end itself), as libvirt's virFileInData reports. SEEK_DATA
// and SEEK_HOLE move the file offset: it is put back at `pos`.
bool fileSection(int fd, off_t pos, long long& length) {
  bool isData = probeSection(fd, pos, length);
  if (::lseek(fd, pos, SEEK_SET) < 0) failSystem(kArea, errno, "Unable to seek in stream file");
  return isData;
}

off_t currentOffset(int fd) {
  off_t pos = ::lseek(fd, 0, SEEK_CUR);
  if (pos < 0) failSystem(kArea, errno, "Unable to get the position in stream file");
  return pos;
}

int clampToInt(std::size_t n) { return n > INT_MAX ? INT_MAX : static_cast<int>(n); }

}  // namespace

class FdStream::Use {
 public:
  explicit Use(FdStream& stream) : stream_(stream) {
    MutexLock lock(stream_.mutex_);
    if (stream_.closed_) notOpen();
    fd_ = stream_.fd_.get();
    nonBlocking_ = stream_.nonBlocking_;
    ++stream_.users_;
  }
  ~Use() {
    MutexLock lock(stream_.mutex_);
    // The last user of an aborted stream closes what abort() left open.
    if (--stream_.users_ == 0 && stream_.closed_) stream_.fd_.reset();
  }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;

  int fd() const { return fd_; }
  bool nonBlocking() const { return nonBlocking_; }

 private:
  FdStream& stream_;
  int fd_ = -1;
  bool nonBlocking_ = false;
};

FdStream::FdStream(UniqueFd fd) : wake_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (!wake_) failSystem(kArea, errno, "Unable to create eventfd for stream");
  setNonBlockingFd(fd.get());
  regularFile_ = isRegularFile(fd.get());
  MutexLock lock(mutex_);
  fd_ = std::move(fd);
}

FdStream::~FdStream() = default;

std::shared_ptr<FdStream> FdStream::openTerminal(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (!fd) failSystem(kArea, errno, "Unable to open " + path);
  struct termios tio;
  if (::tcgetattr(fd.get(), &tio) < 0) failSystem(kArea, errno, "Unable to get terminal attributes of " + path);
  ::cfmakeraw(&tio);
  if (::tcsetattr(fd.get(), TCSADRAIN, &tio) < 0)
    failSystem(kArea, errno, "Unable to set raw mode on " + path);
  return std::make_shared<FdStream>(std::move(fd));
}

std::shared_ptr<FdStream> FdStream::connectUnix(const std::string& path) {
  sockaddr_un addr = unixSocketAddress(path, kArea);
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) failSystem(kArea, errno, "Unable to create socket for " + path);
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) < 0)
    failSystem(kArea, errno, "Unable to connect to " + path);
  return std::make_shared<FdStream>(std::move(fd));
}

std::shared_ptr<FdStream> FdStream::openFile(const std::string& path, int flags, mode_t mode) {
  UniqueFd fd(::open(path.c_str(), flags | O_CLOEXEC, mode));
  if (!fd) failSystem(kArea, errno, "Unable to open " + path);
  return std::make_shared<FdStream>(std::move(fd));
}

void FdStream::setNonBlocking(bool nonBlocking) {
  MutexLock lock(mutex_);
  nonBlocking_ = nonBlocking;
}

bool FdStream::waitReady(int fd, short events) const {
  pollfd fds[2] = {{fd, events, 0}, {wake_.get(), POLLIN, 0}};
  for (;;) {
    int n = ::poll(fds, 2, -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failSystem(kArea, errno, "Unable to poll on stream");
    if (fds[1].revents) return false;
    if (fds[0].revents) return true;
  }
}

int FdStream::send(const char* data, std::size_t nbytes) {
  Use use(*this);
  for (;;) {
    ssize_t n = ::write(use.fd(), data, nbytes);
    if (n >= 0) return static_cast<int>(n);
    if (errno == EINTR) continue;
    if (errno != EAGAIN) failSystem(kArea, errno, "cannot write to stream");
    if (use.nonBlocking()) return kWouldBlock;
    if (!waitReady(use.fd(), POLLOUT)) notOpen();
  }
}

int FdStream::recv(char* data, std::size_t nbytes, bool stopAtHole) {
  Use use(*this);
  if (regularFile_ && stopAtHole) {
    long long length = 0;
    bool isData = fileSection(use.fd(), currentOffset(use.fd()), length);
    if (!isData) return length > 0 ? kAtHole : 0;
    // Stop at the hole that follows this data section.
    if (static_cast<unsigned long long>(length) < nbytes) nbytes = static_cast<std::size_t>(length);
  }
  nbytes = static_cast<std::size_t>(clampToInt(nbytes));
  for (;;) {
    ssize_t n = ::read(use.fd(), data, nbytes);
    if (n >= 0) return static_cast<int>(n);
    if (errno == EINTR) continue;
    // A terminal whose other side hung up: the end of the stream.
    if (errno == EIO && ::isatty(use.fd())) return 0;
    if (errno != EAGAIN) failSystem(kArea, errno, "cannot read from stream");
    if (use.nonBlocking()) return kWouldBlock;
    if (!waitReady(use.fd(), POLLIN)) notOpen();
  }
}

void FdStream::sendHole(long long length) {
  Use use(*this);
  int mode = ::fcntl(use.fd(), F_GETFL);
  if (!regularFile_ || (mode & O_ACCMODE) == O_RDONLY) fail(VIR_ERR_INTERNAL_ERROR, kArea, "Invalid stream hole");
  off_t pos = ::lseek(use.fd(), static_cast<off_t>(length), SEEK_CUR);
  if (pos < 0) failSystem(kArea, errno, "Unable to seek over a hole in stream file");
  struct stat st;
  if (::fstat(use.fd(), &st) < 0) failSystem(kArea, errno, "Unable to stat stream file");
  MutexLock lock(mutex_);
  trailingHole_ = pos > st.st_size;
}

long long FdStream::recvHole() {
  Use use(*this);
  if (!regularFile_) fail(VIR_ERR_OPERATION_UNSUPPORTED, kArea, "this stream has no holes (not a regular file)");
  off_t pos = currentOffset(use.fd());
  long long length = 0;
  if (fileSection(use.fd(), pos, length)) fail(VIR_ERR_INTERNAL_ERROR, kArea, "the stream is not at a hole");
  if (::lseek(use.fd(), pos + length, SEEK_SET) < 0)
    failSystem(kArea, errno, "Unable to seek over a hole in stream file");
  return length;
}

bool FdStream::inData(long long& length) {
  Use use(*this);
  if (!regularFile_) fail(VIR_ERR_OPERATION_UNSUPPORTED, kArea, "this stream has no holes (not a regular file)");
  return fileSection(use.fd(), currentOffset(use.fd()), length);
}

int FdStream::eventFd() const {
  MutexLock lock(mutex_);
  return closed_ ? -1 : fd_.get();
}

void FdStream::close(bool flushHole) {
  closed_ = true;
  if (flushHole && trailingHole_) {
    // sendHole at the end only moved the offset: make the file that long.
    off_t pos = ::lseek(fd_.get(), 0, SEEK_CUR);
    if (pos < 0 || ::ftruncate(fd_.get(), pos) < 0) {
      int err = errno;
      fd_.reset();
      failSystem(kArea, err, "Unable to extend stream file over its trailing hole");
    }
  }
  if (users_ == 0) fd_.reset();
  uint64_t one = 1;
  // Wakes every call blocked in waitReady(); it cannot fail short of a
  // counter overflow, which one write per stream never reaches.
  [[maybe_unused]] ssize_t n = ::write(wake_.get(), &one, sizeof one);
}

void FdStream::finish() {
  MutexLock lock(mutex_);
  if (closed_) return;
  close(true);
}

void FdStream::abort() {
  MutexLock lock(mutex_);
  if (closed_) return;
  close(false);
}

bool FdStream::closed() const {
  MutexLock lock(mutex_);
  return closed_;
}

}  // namespace vireo::driver
