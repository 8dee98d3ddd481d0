#include "lib/audit/audit_log.h"

#include <libaudit.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "lib/util/error.h"
#include "lib/util/log.h"

namespace vireo::audit {
namespace {

// audit_open() fails with these when the kernel was built without audit or
// a seccomp profile (as container runtimes install) hides NETLINK_AUDIT:
// both mean "this host has no audit system", not "something broke".
bool meansNoAudit(int err) { return err == EINVAL || err == EPROTONOSUPPORT || err == EAFNOSUPPORT; }

std::string errnoText(int err) { return std::strerror(err); }

}  // namespace

std::string formatLogLine(LogPriority priority, std::string_view category, std::string_view message,
                          std::chrono::system_clock::time_point when, long threadId) {
  using namespace std::chrono;
  auto sinceEpoch = when.time_since_epoch();
  std::time_t seconds = duration_cast<std::chrono::seconds>(sinceEpoch).count();
  long millis = static_cast<long>(duration_cast<milliseconds>(sinceEpoch).count() % 1000);
  if (millis < 0) millis += 1000;  // times before 1970 round towards the past
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char stamp[64];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02d %02d:%02d:%02d.%03ld+0000", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
  std::string line(stamp);
  line.append(": ").append(std::to_string(threadId)).append(": ");
  line.append(priority == LogPriority::Info ? "info" : "warning");
  line.append(" : ").append(category).append(" : ").append(message);
  return line;
}

void logToStderr(LogPriority priority, std::string_view message) {
  std::string line = formatLogLine(priority, "audit", message, std::chrono::system_clock::now(),
                                   static_cast<long>(::gettid()));
  line.push_back('\n');
  // One write(2) per line keeps lines from several threads whole. A short
  // write to a terminal or pipe is not worth retrying for a log line.
  [[maybe_unused]] ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
}

void logToLibraryLog(LogPriority priority, std::string_view message) {
  log::text(priority == LogPriority::Info ? log::Priority::Info : log::Priority::Warning, "util.audit", __func__,
            __LINE__, message);
}

AuditLog::AuditLog(AuditSettings settings, LogSink sink)
    : settings_(settings), sink_(sink ? std::move(sink) : LogSink(logToLibraryLog)) {
  if (settings_.level == 0) return;
  int fd = ::audit_open();
  if (fd >= 0) {
    fd_.reset(fd);
    return;
  }
  int err = errno;
  bool required = settings_.level >= 2;
  if (meansNoAudit(err)) {
    if (required)
      fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_AUDIT,
           "Audit is not supported by the kernel: " + errnoText(err));
    // audit_level 1 on a host without audit is the normal case in
    // containers and needs no warning; with audit_logging on, say why the
    // records appear only in the log.
    if (settings_.logging) sink_(LogPriority::Info, "Audit is not supported by the kernel");
    return;
  }
  if (required) failSystem(VIR_FROM_AUDIT, err, "Unable to initialize audit layer");
  warn("Unable to initialize audit layer: " + errnoText(err));
}

AuditLog::~AuditLog() = default;

void AuditLog::warn(std::string_view message) const noexcept {
  try {
    sink_(LogPriority::Warning, message);
  } catch (...) {
    // A sink that throws must not turn auditing into a failure.
  }
}

void AuditLog::send(const Record& record, bool success) noexcept {
  if (!enabled()) return;
  if (settings_.logging) {
    try {
      std::string line(success ? "success=yes " : "success=no ");
      line.append(record.message);
      sink_(success ? LogPriority::Info : LogPriority::Warning, line);
    } catch (...) {
      // Out of memory or a throwing sink: the kernel record still matters.
    }
  }
  if (!toKernel()) return;

  int rc, err;
  {
    std::lock_guard<std::mutex> lock(sendMutex_);
    // hostname, addr and tty are NULL as in libvirt's domain records:
    // libaudit then writes "hostname=? addr=?" and looks up the terminal of
    // standard input itself ("terminal=?" for a daemon-like process).
    rc = ::audit_log_user_message(fd_.get(), static_cast<int>(record.type), record.message.c_str(),
                                  nullptr, nullptr, nullptr, success ? 1 : 0);
    err = errno;
  }
  // libaudit reports success without sending when the process lacks
  // CAP_AUDIT_WRITE (EPERM) or the kernel refuses the sender's user
  // namespace (ECONNREFUSED); only the remaining failures reach us.
  if (rc < 0) {
    try {
      warn("Failed to send audit message " + record.message + ": " + errnoText(err));
    } catch (...) {
      // No memory for the warning's text: the record was lost either way.
    }
  }
}

void AuditLog::send(const std::optional<Record>& record, bool success) noexcept {
  if (record) send(*record, success);
}

void AuditLog::send(const std::vector<Record>& records, bool success) noexcept {
  for (const Record& r : records) send(r, success);
}

}  // namespace vireo::audit
