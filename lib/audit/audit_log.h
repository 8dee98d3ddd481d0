// The connection to the kernel's audit system.
//
// A driver owns one AuditLog, made from its configuration's audit_level and
// audit_logging (libvirtd.conf's keys; vireo reads them from qemu.conf):
//
//   audit_level 0  records go nowhere (audit_logging can still log them);
//   audit_level 1  records go to the kernel if it has an audit system;
//   audit_level 2  the kernel's audit system is required: the constructor
//                  throws if there is none.
//
// Records are sent with libaudit's audit_log_user_message(), the way libvirt
// sends them: libaudit appends exe="..." hostname=? addr=? terminal=? and
// res=success|failed, and the kernel prefixes pid=, uid=, auid=, ses= (and
// subj= under an LSM). A record that cannot be sent is never an error of the
// operation it describes: it becomes a warning in the log, as in libvirt.
//
// There is no global state: every AuditLog has its own netlink socket, so
// two drivers in one process (or a test) can use different settings.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/util/fd.h"

namespace vireo::audit {

// The three record types libvirt sends. The values are the kernel's
// (linux/audit.h): AUDIT_VIRT_CONTROL 2500, AUDIT_VIRT_RESOURCE 2501,
// AUDIT_VIRT_MACHINE_ID 2502.
enum class RecordType : int {
  Control = 2500,    // a lifecycle change: op=start, op=stop, op=init
  Resource = 2501,   // a host resource given to or taken from a guest
  MachineId = 2502,  // a security label bound to a guest
};

// One record: its type and the text that goes into the kernel's msg='...'.
struct Record {
  RecordType type;
  std::string message;
  bool operator==(const Record&) const = default;
};

struct AuditSettings {
  unsigned level = 1;    // audit_level: 0, 1 or 2 (anything above 2 acts as 2)
  bool logging = false;  // audit_logging: also write each record to the log
};

enum class LogPriority { Info, Warning };

// Where the audit layer's log lines go: each record when audit_logging is on
// (Info "success=yes <msg>" or Warning "success=no <msg>", as libvirt logs
// them) and the layer's own warnings (a record the kernel did not take). The
// sink is called from whichever thread sends, never with a lock of the
// AuditLog held, so it must be thread-safe and may itself send records.
using LogSink = std::function<void(LogPriority, std::string_view message)>;

// One line of vireo's log, in libvirt's log line layout:
//   "2025-01-31 12:34:56.789+0000: 4242: info : audit : success=yes virt=kvm ..."
// (time in UTC with milliseconds, the thread id, the priority, the category).
std::string formatLogLine(LogPriority priority, std::string_view category, std::string_view message,
                          std::chrono::system_clock::time_point when, long threadId);

// formatLogLine(..., "audit", now, gettid()) plus a newline, written to
// standard error with one write(2).
void logToStderr(LogPriority priority, std::string_view message);

// The default sink: vireo's log (lib/util/log.h), module "util.audit", where
// LIBVIRT_DEBUG / LIBVIRT_LOG_OUTPUTS send it; nothing reaches stderr unless
// asked.
void logToLibraryLog(LogPriority priority, std::string_view message);

class AuditLog {
 public:
  // Opens the kernel's audit socket (audit_open()) unless settings.level is
  // 0. When the kernel has no audit system (audit_open() fails with EINVAL,
  // EPROTONOSUPPORT or EAFNOSUPPORT), level 1 carries on without it and
  // level 2 throws vireo::Error VIR_ERR_OPERATION_UNSUPPORTED (domain
  // VIR_FROM_AUDIT) "Operation not supported: Audit is not supported by the
  // kernel: <strerror>". Any other failure (EMFILE, ENOMEM, ...) throws
  // VIR_ERR_SYSTEM_ERROR "Unable to initialize audit layer: <strerror>" at
  // level 2 and is a warning to `sink` at level 1.
  //
  // libvirt reports the level-2 case with the error domain's number (36,
  // VIR_FROM_AUDIT) passed as the error code, which reads as
  // VIR_ERR_INVALID_NETWORK. The host lacks a facility the configuration
  // requires, which is what VIR_ERR_OPERATION_UNSUPPORTED means; the system
  // error keeps its errno (Error::int1) for the cases that are not "absent".
  explicit AuditLog(AuditSettings settings, LogSink sink = logToLibraryLog);
  ~AuditLog();

  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // True when records go to the kernel.
  bool toKernel() const noexcept { return fd_.get() >= 0; }
  // True when send() does anything at all (kernel or log). Callers may test
  // it to skip building records, as libvirt's fast path does.
  bool enabled() const noexcept { return toKernel() || settings_.logging; }
  const AuditSettings& settings() const noexcept { return settings_; }

  // Logs the record (audit_logging) and sends it to the kernel with
  // res=success or res=failed. Never throws; a failed send is a warning
  // "Failed to send audit message <msg>: <strerror>" to the sink. Safe to
  // call from several threads: sends are serialised, because libaudit waits
  // for the kernel's acknowledgement on the shared socket and two
  // concurrent senders could take each other's.
  void send(const Record& record, bool success) noexcept;
  // Convenience for builders that may have nothing to say (std::nullopt)
  // or several records (sent in order).
  void send(const std::optional<Record>& record, bool success) noexcept;
  void send(const std::vector<Record>& records, bool success) noexcept;

 private:
  void warn(std::string_view message) const noexcept;

  AuditSettings settings_;
  LogSink sink_;
  UniqueFd fd_;
  std::mutex sendMutex_;
};

}  // namespace vireo::audit
