#include "lib/lock/lockd_child.h"

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "lib/rpc/protocol.h"
#include "lib/util/error.h"
#include "lib/util/unix_socket.h"

namespace vireo::lock {

namespace {

enum Step : int {
  kStepSocket = 1,
  kStepConnect,
  kStepSend,
  kStepReceive,
  kStepBadReply,
  kStepRefused,  // the daemon answered with an error; its message is in err->path
};

// The daemon answers within milliseconds; a hung one must not hang the start.
constexpr int kReplyTimeoutSeconds = 30;
// Replies are a header and, at worst, a remote_error with a short message.
constexpr size_t kReplyBuffer = 4096;

std::string encodeCall(Proc proc, uint32_t serial, const std::vector<char>& args) {
  rpc::Header h;
  h.prog = kProgram;
  h.vers = kVersion;
  h.proc = proc;
  h.type = static_cast<int32_t>(rpc::Type::Call);
  h.serial = serial;
  h.status = static_cast<int32_t>(rpc::Status::Ok);
  return rpc::encodeMessage(h, std::string_view(args.data(), args.size()));
}

uint32_t beWord(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

int failStep(SpawnChildError* err, int step, int errnum) {
  err->step = step;
  err->err = errnum;
  return -1;
}

int writeAll(int fd, const iovec* iov, int count) {
  // The messages are small; a short write on a fresh UNIX socket would be
  // odd, but is handled by sending the rest piece by piece.
  for (int i = 0; i < count; ++i) {
    const char* p = static_cast<const char*>(iov[i].iov_base);
    size_t left = iov[i].iov_len;
    while (left > 0) {
      ssize_t n = write(fd, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return -1;
      p += n;
      left -= static_cast<size_t>(n);
    }
  }
  return 0;
}

int readExact(int fd, unsigned char* buf, size_t len) {
  size_t got = 0;
  while (got < len) {
    ssize_t n = read(fd, buf + got, len - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) {
      errno = ECONNRESET;
      return -1;
    }
    got += static_cast<size_t>(n);
  }
  return 0;
}

// Reads the reply to `serial` and checks it is a success. On an error reply
// the daemon's message (remote_error.message) goes to err->path.
int readReply(int fd, uint32_t serial, SpawnChildError* err) {
  unsigned char buf[kReplyBuffer];
  if (readExact(fd, buf, 4) < 0) return failStep(err, kStepReceive, errno);
  uint32_t length = beWord(buf);
  if (length < 4 + rpc::kHeaderSize || length > sizeof buf) return failStep(err, kStepBadReply, EPROTO);
  if (readExact(fd, buf + 4, length - 4) < 0) return failStep(err, kStepReceive, errno);
  const unsigned char* h = buf + 4;
  if (beWord(h) != kProgram || beWord(h + 16) != serial ||
      beWord(h + 12) != static_cast<uint32_t>(rpc::Type::Reply))
    return failStep(err, kStepBadReply, EPROTO);
  uint32_t status = beWord(h + 20);
  if (status == static_cast<uint32_t>(rpc::Status::Ok)) return 0;
  // remote_error: code, domain, message (optional string: flag, length, bytes).
  const unsigned char* p = h + rpc::kHeaderSize;
  size_t avail = length - 4 - rpc::kHeaderSize;
  if (avail >= 16 && beWord(p + 8) == 1) {
    uint32_t len = beWord(p + 12);
    size_t n = len < avail - 16 ? len : avail - 16;
    if (n >= sizeof err->path) n = sizeof err->path - 1;
    memcpy(err->path, p + 16, n);
    err->path[n] = '\0';
  }
  return failStep(err, kStepRefused, 0);
}

}  // namespace

LockdChildProgram::LockdChildProgram(const std::string& socketPath, const Owner& owner)
    : socketPath_(socketPath), addr_(unixSocketAddress(socketPath, VIR_FROM_LOCKING, "Lock daemon socket")) {
  RegisterArgs reg;
  reg.owner = owner;
  reg.owner.pid = 0;
  registerMsg_ = encodeCall(kRegister, 0, rpc::encode(reg));
  // The payload ends with the owner's pid and the call's flags.
  pidOffset_ = registerMsg_.size() - 8;
  restrictMsg_ = encodeCall(kRestrict, 1, rpc::encode(RestrictArgs{}));
}

int LockdChildProgram::run(const void* program, SpawnChildError* err) noexcept {
  const auto* self = static_cast<const LockdChildProgram*>(program);
  // Not close-on-exec: the emulator keeps this connection open for life.
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) return failStep(err, kStepSocket, errno);
  timeval tv{kReplyTimeoutSeconds, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  while (connect(fd, reinterpret_cast<const sockaddr*>(&self->addr_), sizeof self->addr_) < 0) {
    if (errno != EINTR) {
      int e = errno;
      close(fd);
      return failStep(err, kStepConnect, e);
    }
  }
  uint32_t pid = static_cast<uint32_t>(getpid());
  unsigned char pidBytes[4] = {static_cast<unsigned char>(pid >> 24), static_cast<unsigned char>(pid >> 16),
                               static_cast<unsigned char>(pid >> 8), static_cast<unsigned char>(pid)};
  const std::string& reg = self->registerMsg_;
  iovec iov[3] = {
      {const_cast<char*>(reg.data()), self->pidOffset_},
      {pidBytes, sizeof pidBytes},
      {const_cast<char*>(reg.data()) + self->pidOffset_ + 4, reg.size() - self->pidOffset_ - 4},
  };
  int rc = 0;
  if (writeAll(fd, iov, 3) < 0)
    rc = failStep(err, kStepSend, errno);
  else if (readReply(fd, 0, err) < 0)
    rc = -1;
  if (rc == 0) {
    iovec restrict{const_cast<char*>(self->restrictMsg_.data()), self->restrictMsg_.size()};
    if (writeAll(fd, &restrict, 1) < 0)
      rc = failStep(err, kStepSend, errno);
    else if (readReply(fd, 1, err) < 0)
      rc = -1;
  }
  if (rc < 0) close(fd);
  // Replies are all in; the emulator never reads the socket, so the
  // timeouts no longer matter.
  return rc;
}

std::string LockdChildProgram::describe(const void* program, const SpawnChildError& err) {
  const auto* self = static_cast<const LockdChildProgram*>(program);
  std::string where = "the lock daemon at '" + self->socketPath_ + "'";
  switch (err.step) {
    case kStepSocket:
      return "Failed to create a socket for " + where + ": " + std::strerror(err.err);
    case kStepConnect:
      return "Failed to connect to " + where + ": " + std::strerror(err.err);
    case kStepSend:
      return "Failed to register with " + where + ": " + std::strerror(err.err);
    case kStepReceive:
      return "No reply from " + where + ": " + std::strerror(err.err);
    case kStepBadReply:
      return "Malformed reply from " + where;
    case kStepRefused:
      return "The emulator could not register with " + where + ": " + std::string(err.path);
    default:
      return "Failed to register with " + where + " (step " + std::to_string(err.step) + ")";
  }
}

}  // namespace vireo::lock
