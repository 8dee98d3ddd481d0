#include "drivers/qemu/qmp_monitor.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "lib/util/error.h"
#include "lib/util/log.h"
#include "lib/util/mutex.h"
#include "lib/util/unix_socket.h"

namespace vireo::qemu {
namespace {

constexpr char kLogModule[] = "qemu.qemu_monitor";

using Clock = std::chrono::steady_clock;

// Milliseconds left until `deadline`, for poll(); never negative.
int msLeft(Clock::time_point deadline) {
  // Rounded up, so that poll() never returns before the deadline.
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

}  // namespace

class QmpMonitor::Impl {
 public:
  Impl(UniqueFd socket, Callbacks callbacks) : sock_(std::move(socket)), callbacks_(std::move(callbacks)) {}

  ~Impl() {
    {
      MutexLock lock(mu_);
      closing_ = true;
    }
    // shutdown() wakes the reader's blocking recv() with EOF; closing_ tells
    // it that the close is ours, so onEof stays silent.
    ::shutdown(sock_.get(), SHUT_RDWR);
    if (reader_.joinable()) reader_.join();
  }

  // Reads lines until QEMU's {"QMP":{...}} greeting, before the reader
  // thread exists. Bytes after the greeting stay in buffer_ for the reader.
  void readGreeting(Clock::time_point deadline, Timeout timeout) {
    for (;;) {
      while (auto line = buffer_.takeLine()) {
        if (isBlankQmpLine(*line)) continue;
        auto version = qmpGreetingVersion(json::parse(*line));
        if (!version) continue;  // nothing else should precede the greeting
        version_ = std::move(*version);
        return;
      }
      if (buffer_.overflowed())
        fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
             "No complete monitor response found in " + std::to_string(QmpLineBuffer::kMaxLine) + " bytes");
      pollfd pfd{sock_.get(), POLLIN, 0};
      int n = ::poll(&pfd, 1, msLeft(deadline));
      if (n < 0) {
        if (errno == EINTR) continue;
        failSystem(VIR_FROM_QEMU, errno, "Unable to poll QEMU monitor socket");
      }
      if (n == 0)
        fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
             "no greeting from the QEMU monitor within " + std::to_string(timeout.count()) + " ms");
      char chunk[4096];
      ssize_t got = ::recv(sock_.get(), chunk, sizeof chunk, 0);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "QEMU monitor closed before the greeting");
      buffer_.append(chunk, static_cast<size_t>(got));
    }
  }

  void startReader() { reader_ = std::thread([this] { readLoop(); }); }

  json::Value execute(std::string_view command, json::Value arguments, int fd, Timeout timeout) {
    json::Value request = json::Value::object({{"execute", std::string(command)}});
    if (!arguments.isNull()) request.set("arguments", std::move(arguments));
    json::Value reply = exchange(std::move(request), fd, timeout, command);
    if (const json::Value* error = reply.find("error")) {
      const json::Value* desc = error->find("desc");
      std::string text = desc && desc->isString() ? desc->asString() : json::serialize(*error);
      Error e(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
              "unable to execute QEMU command '" + std::string(command) + "': " + text);
      // The QMP error class ("CommandNotFound", "DeviceNotFound", ...) lets a
      // caller tell expected failures apart without matching the text.
      if (const json::Value* cls = error->find("class"); cls && cls->isString()) e.str1 = cls->asString();
      throw e;
    }
    if (const json::Value* ret = reply.find("return")) return *ret;
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
         "unexpected reply from QEMU to command '" + std::string(command) + "': " + json::serialize(reply));
  }

  // Sends `request` with this monitor's next "id" set in it and returns the
  // whole reply, an error reply included. `command` names it in errors.
  json::Value exchange(json::Value request, int fd, Timeout timeout, std::string_view command) {
    uint64_t id;
    {
      MutexLock lock(mu_);
      if (dead_) failClosed();
      id = nextId_++;
      replies_.emplace(id, std::nullopt);
    }
    // Whatever happens below, the slot must not outlive this call: a reply
    // that arrives after a timeout is then dropped by the reader.
    struct SlotGuard {
      Impl* self;
      uint64_t id;
      ~SlotGuard() {
        MutexLock lock(self->mu_);
        self->replies_.erase(id);
      }
    } slot{this, id};

    request.set("id", static_cast<int64_t>(id));
    std::string bytes = json::serialize(request);
    bytes += "\r\n";
    send(bytes, fd);

    UniqueMutexLock lock(mu_);
    auto ready = [&]() REQUIRES(mu_) { return dead_ || replies_.at(id).has_value(); };
    if (!cv_.waitFor(lock, timeout, ready))
      fail(VIR_ERR_OPERATION_TIMEOUT, VIR_FROM_QEMU,
           "no reply from QEMU to command '" + std::string(command) + "' within " +
               std::to_string(timeout.count()) + " ms");
    if (!replies_.at(id)) failClosed();
    return std::move(*replies_.at(id));
  }

  bool alive() const {
    MutexLock lock(mu_);
    return !dead_;
  }

  const json::Value& version() const { return version_; }

 private:
  [[noreturn]] static void failClosed() {
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU, "QEMU monitor was closed");
  }

  // Writes the whole request; the descriptor, if any, travels with the first
  // sendmsg() so QEMU sees it attached to this command's bytes.
  void send(const std::string& bytes, int fd) {
    MutexLock lock(sendMu_);
    size_t done = 0;
    bool fdSent = fd < 0;
    while (done < bytes.size()) {
      iovec iov{const_cast<char*>(bytes.data() + done), bytes.size() - done};
      msghdr msg{};
      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      OneFdControl control;
      if (!fdSent) attachFd(msg, control, fd);
      ssize_t n = ::sendmsg(sock_.get(), &msg, MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EPIPE || errno == ECONNRESET || errno == ENOTCONN) {
          // The reader will see EOF too (and call onEof); say it now, so
          // that alive() agrees with the error thrown here.
          MutexLock stateLock(mu_);
          dead_ = true;
          failClosed();
        }
        failSystem(VIR_FROM_QEMU, errno, "Unable to write to QEMU monitor");
      }
      fdSent = true;
      done += static_cast<size_t>(n);
    }
  }

  void readLoop() {
    char chunk[65536];
    for (;;) {
      // Several messages may arrive in one read and one message over several.
      while (auto line = buffer_.takeLine()) {
        if (isBlankQmpLine(*line)) continue;
        if (!dispatch(*line)) return finish();
      }
      if (buffer_.overflowed()) return finish();
      ssize_t got = ::recv(sock_.get(), chunk, sizeof chunk, 0);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return finish();
      buffer_.append(chunk, static_cast<size_t>(got));
    }
  }

  // Handles one message; false when it is not JSON (a broken monitor).
  bool dispatch(const std::string& line) {
    std::optional<QmpMessage> msg = decodeQmpMessage(line);
    if (!msg) {
      VIREO_WARN(kLogModule, "monitor sent something that is not a JSON object (%zu bytes); closing it", line.size());
      return false;
    }
    switch (msg->kind) {
      case QmpMessage::Kind::Event:
        if (callbacks_.onEvent) runCallback(callbacks_.onEvent, msg->event);
        return true;
      case QmpMessage::Kind::Other:
        return true;  // not ours: ignore
      case QmpMessage::Kind::Reply:
        break;
    }
    MutexLock lock(mu_);
    auto slot = replies_.find(msg->id);
    if (slot == replies_.end()) return true;  // its caller gave up waiting
    slot->second = std::move(msg->body);
    cv_.notifyAll();
    return true;
  }

  void finish() {
    bool notify;
    {
      MutexLock lock(mu_);
      dead_ = true;
      notify = !closing_;
      cv_.notifyAll();
    }
    if (notify && callbacks_.onEof) runCallback(callbacks_.onEof);
  }

  // An exception escaping a callback would end the process (it is on the
  // reader thread); the monitor has no one to report it to, so it is dropped.
  template <typename F, typename... Args>
  static void runCallback(const F& callback, const Args&... args) {
    try {
      callback(args...);
    } catch (const std::exception& e) {
      VIREO_WARN(kLogModule, "monitor callback failed: %s", e.what());
    } catch (...) {
      VIREO_WARN(kLogModule, "monitor callback failed");
    }
  }

  UniqueFd sock_;
  Callbacks callbacks_;
  json::Value version_;
  QmpLineBuffer buffer_;  // bytes read but not yet split into lines (reader thread only)
  std::thread reader_;

  mutable Mutex mu_;
  CondVar cv_;
  bool dead_ GUARDED_BY(mu_) = false;
  bool closing_ GUARDED_BY(mu_) = false;
  uint64_t nextId_ GUARDED_BY(mu_) = 1;
  // One slot per command in flight; the reader fills it with the reply.
  std::map<uint64_t, std::optional<json::Value>> replies_ GUARDED_BY(mu_);

  // Held for a whole request, so that requests from several threads do not
  // interleave on the socket; it guards no member.
  Mutex sendMu_;
};

QmpMonitor::QmpMonitor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

QmpMonitor::~QmpMonitor() = default;

std::unique_ptr<QmpMonitor> QmpMonitor::open(UniqueFd socket, Callbacks callbacks, Timeout timeout) {
  auto deadline = Clock::now() + timeout;
  // The reader blocks in recv(); a descriptor inherited in non-blocking mode
  // would make it spin.
  int flags = ::fcntl(socket.get(), F_GETFL);
  if (flags < 0 || ::fcntl(socket.get(), F_SETFL, flags & ~O_NONBLOCK) < 0)
    failSystem(VIR_FROM_QEMU, errno, "Unable to set QEMU monitor socket to blocking mode");

  auto impl = std::make_unique<Impl>(std::move(socket), std::move(callbacks));
  impl->readGreeting(deadline, timeout);
  impl->startReader();
  std::unique_ptr<QmpMonitor> monitor(new QmpMonitor(std::move(impl)));
  // Until capabilities are negotiated QEMU accepts no other command.
  Timeout left(std::max(msLeft(deadline), 1));
  monitor->execute("qmp_capabilities", json::Value(), left);
  return monitor;
}

std::unique_ptr<QmpMonitor> QmpMonitor::connect(const std::string& path, Callbacks callbacks,
                                                Timeout timeout) {
  sockaddr_un addr = unixSocketAddress(path, VIR_FROM_QEMU, "Monitor path");

  UniqueFd sock(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!sock) failSystem(VIR_FROM_QEMU, errno, "Unable to create UNIX socket");
  // No retry on EINTR: an interrupted connect() goes on in the background.
  if (::connect(sock.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0) failSystem(VIR_FROM_QEMU, errno, "Unable to connect to QEMU monitor socket " + path);
  return open(std::move(sock), std::move(callbacks), timeout);
}

json::Value QmpMonitor::execute(std::string_view command, json::Value arguments, Timeout timeout) {
  return impl_->execute(command, std::move(arguments), -1, timeout);
}

json::Value QmpMonitor::executeWithFd(std::string_view command, json::Value arguments, int fd,
                                      Timeout timeout) {
  if (fd < 0) fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "no file descriptor to pass to QEMU");
  return impl_->execute(command, std::move(arguments), fd, timeout);
}

bool QmpMonitor::alive() const { return impl_->alive(); }

json::Value QmpMonitor::executeMessage(json::Value message, int fd, Timeout timeout) {
  const json::Value* command = message.find("execute");
  std::string name = command && command->isString() ? command->asString() : std::string("?");
  return impl_->exchange(std::move(message), fd, timeout, name);
}

const json::Value& QmpMonitor::version() const { return impl_->version(); }

}  // namespace vireo::qemu
