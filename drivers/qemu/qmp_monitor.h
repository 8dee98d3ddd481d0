// A client for QEMU's machine protocol (QMP) on a connected UNIX socket.
//
// The monitor owns the socket and one reader thread. Commands may be issued
// from any thread: execute() sends {"execute":..., "arguments":..., "id":N}
// and blocks until the reply with the same id arrives (or the timeout, or the
// monitor dies). Asynchronous events ({"event":...}) are handed to
// Callbacks::onEvent on the reader thread, in the order QEMU sent them; when
// the socket reaches EOF or fails, Callbacks::onEof runs once, on the reader
// thread, and every waiting and later execute() fails.
//
// Callbacks must not call execute() on the same monitor (the reader thread
// would wait for itself) and must not destroy the monitor.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "drivers/qemu/qmp_framing.h"
#include "lib/util/fd.h"
#include "lib/util/json.h"

namespace vireo::qemu {

class QmpMonitor {
 public:
  struct Callbacks {
    std::function<void(const QmpEvent&)> onEvent;
    std::function<void()> onEof;
  };

  using Timeout = std::chrono::milliseconds;
  static constexpr Timeout kDefaultTimeout{30000};

  // Takes a connected socket, reads QEMU's greeting, sends qmp_capabilities
  // and starts the reader thread. Throws vireo::Error (VIR_ERR_INTERNAL_ERROR,
  // VIR_FROM_QEMU) when the greeting does not come within `timeout` or the
  // peer closes first: "QEMU monitor closed before the greeting".
  static std::unique_ptr<QmpMonitor> open(UniqueFd socket, Callbacks callbacks,
                                          Timeout timeout = kDefaultTimeout);

  // Connects to the UNIX socket at `path` (a monitor a previous process set
  // up) and does the same as open(). Throws VIR_ERR_SYSTEM_ERROR with the
  // path when connect() fails.
  static std::unique_ptr<QmpMonitor> connect(const std::string& path, Callbacks callbacks,
                                             Timeout timeout = kDefaultTimeout);

  // Closes the socket and joins the reader thread. onEof is not called for a
  // close that this object initiated.
  ~QmpMonitor();
  QmpMonitor(const QmpMonitor&) = delete;
  QmpMonitor& operator=(const QmpMonitor&) = delete;

  // Runs one command and returns its "return" member. A QMP error reply
  // throws vireo::Error (VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU) with the
  // message "unable to execute QEMU command '<cmd>': <desc>" as libvirt words
  // it; a dead monitor throws VIR_ERR_OPERATION_FAILED "QEMU monitor was
  // closed"; a timeout throws VIR_ERR_OPERATION_TIMEOUT. For a QMP error
  // reply, Error::str1 holds QEMU's error class ("CommandNotFound",
  // "DeviceNotFound", "GenericError", ...).
  json::Value execute(std::string_view command, json::Value arguments = json::Value(),
                      Timeout timeout = kDefaultTimeout);

  // Like execute(), and passes `fd` along with the command (SCM_RIGHTS), for
  // commands such as getfd and add-fd. The descriptor stays owned by the
  // caller (QEMU receives a duplicate). A negative fd is VIR_ERR_INVALID_ARG.
  json::Value executeWithFd(std::string_view command, json::Value arguments, int fd,
                            Timeout timeout = kDefaultTimeout);

  // Sends a complete QMP message as given (virDomainQemuMonitorCommand), with
  // its "id" replaced by the monitor's own, and returns QEMU's whole reply,
  // an error reply too. `fd` is -1 or passed along as by executeWithFd().
  // Fails as execute() does when the monitor dies or QEMU does not answer.
  json::Value executeMessage(json::Value message, int fd, Timeout timeout = kDefaultTimeout);

  // False once the socket has reached EOF or failed.
  bool alive() const;

  // The greeting's "QMP" → "version" → "qemu" member ({"major","minor","micro"}).
  const json::Value& version() const;

 private:
  class Impl;
  explicit QmpMonitor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vireo::qemu
