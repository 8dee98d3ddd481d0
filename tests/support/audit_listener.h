// Reads audit records back from the kernel, for tests.
//
// AuditListener binds a NETLINK_AUDIT socket to the read-only multicast group
// AUDIT_NLGRP_READLOG (kernel >= 3.16; needs CAP_AUDIT_READ). The kernel
// copies every record there, records sent from user space with
// audit_log_user_message() included, whether or not an audit daemon runs, so
// the listener never takes auditd's place.
//
// The kernel drops user-space records while auditing is disabled
// (audit_enabled == 0, the state of a host without auditd). The listener
// therefore turns auditing on for its lifetime if it was off (AUDIT_SET,
// needs CAP_AUDIT_CONTROL) and turns it off again when it is destroyed.
// Listeners in different processes take an exclusive lock on
// /tmp/vireo-audit-listener.lock for their lifetime, so that one test
// process cannot switch auditing off under another's feet.
//
// Typical use:
//   std::string why;
//   auto listener = AuditListener::open(why);
//   if (!listener) { WARN("SKIPPED: " << why); return; }
//   ... send records ...
//   auto rec = listener->next(AuditListener::fromThisProcess(2500), 2s);
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lib/util/fd.h"

namespace vireo::test {

// One record as the kernel delivered it.
struct AuditRecord {
  int type = 0;                 // nlmsg_type: 2500 VIRT_CONTROL, 2501 VIRT_RESOURCE, ...
  std::string text;             // "audit(1700000000.123:42): pid=... msg='...'"
  unsigned long serial = 0;     // the 42 of audit(...:42)
  // The kernel's fields before msg= (pid, uid, auid, ses, subj), in order.
  std::vector<std::pair<std::string, std::string>> header;
  // The key=value pairs inside msg='...', in order, values as written.
  std::vector<std::pair<std::string, std::string>> fields;
  std::string msg;              // the text inside msg='...'

  // The raw value of the first field `key` in msg (or in the header).
  std::optional<std::string> raw(const std::string& key) const;
  std::optional<std::string> headerValue(const std::string& key) const;
  // The value of an encoded field: the text between the quotes of key="v",
  // or the bytes of key=HEX. std::nullopt if the field is absent or its
  // value is neither (a bare word such as a number is not an encoded field).
  std::optional<std::string> decoded(const std::string& key) const;
  // The keys inside msg, in order.
  std::vector<std::string> keys() const;
  long pid() const;  // the sender's pid (header pid=), -1 if absent
};

// Parses the text of a record; exposed for the listener's own tests.
AuditRecord parseAuditRecord(int type, std::string text);

// The bytes a hex string stands for; std::nullopt unless it is an even
// number of hex digits.
std::optional<std::string> decodeHex(const std::string& hex);

class AuditListener {
 public:
  using Predicate = std::function<bool(const AuditRecord&)>;

  // A listener, or nullptr with `whyNot` saying why this process cannot
  // listen (not root, no CAP_AUDIT_READ/CAP_AUDIT_CONTROL, no audit in the
  // kernel, auditing locked off).
  static std::unique_ptr<AuditListener> open(std::string& whyNot);
  ~AuditListener();

  AuditListener(const AuditListener&) = delete;
  AuditListener& operator=(const AuditListener&) = delete;

  // Records of `type` (0: any of the VIRT types 2500-2599) sent by this
  // process.
  static Predicate fromThisProcess(int type = 0);

  // The oldest record received so far or arriving within `timeout` that
  // matches `pred`; it is consumed, the records before it stay queued.
  std::optional<AuditRecord> next(const Predicate& pred, std::chrono::milliseconds timeout);
  // Up to `count` matching records, in arrival order, within `timeout`.
  std::vector<AuditRecord> collect(const Predicate& pred, size_t count, std::chrono::milliseconds timeout);
  // Reads whatever arrives within `quiet` and forgets every queued record.
  void drain(std::chrono::milliseconds quiet);

  // How often the kernel reported that records were dropped on this socket
  // (ENOBUFS): a test that counts records should check it is 0.
  unsigned overruns() const { return overruns_; }
  // The file whose exclusive flock() every listener holds while it lives.
  static const char* lockPath();
  // Whether the listener switched auditing on (and will switch it off).
  bool enabledAuditing() const { return restoreEnabled_; }

 private:
  AuditListener() = default;
  // Reads one batch of records (waiting at most `timeout`); false on timeout.
  bool receive(std::chrono::milliseconds timeout);

  UniqueFd lockFd_;      // the cross-process lock, held while we live
  UniqueFd controlFd_;   // libaudit's socket for AUDIT_GET / AUDIT_SET
  UniqueFd readFd_;      // the multicast socket
  bool restoreEnabled_ = false;
  unsigned overruns_ = 0;
  std::deque<AuditRecord> queue_;
};

}  // namespace vireo::test
