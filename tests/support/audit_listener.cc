#include "tests/support/audit_listener.h"

#include <fcntl.h>
#include <libaudit.h>
#include <linux/netlink.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace vireo::test {
namespace {

constexpr const char* kLockPath = "/tmp/vireo-audit-listener.lock";

std::string errnoText(const std::string& what) { return what + ": " + std::strerror(errno); }

// Splits "k1=v1 k2=v2 ..." at spaces. Encoded values never contain a space
// (libaudit hex-encodes those), so a space always separates two fields.
std::vector<std::pair<std::string, std::string>> splitFields(const std::string& s) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t end = s.find(' ', pos);
    if (end == std::string::npos) end = s.size();
    std::string token = s.substr(pos, end - pos);
    if (!token.empty()) {
      size_t eq = token.find('=');
      if (eq == std::string::npos)
        out.emplace_back(token, "");
      else
        out.emplace_back(token.substr(0, eq), token.substr(eq + 1));
    }
    pos = end + 1;
  }
  return out;
}

std::optional<std::string> lookup(const std::vector<std::pair<std::string, std::string>>& fields,
                                  const std::string& key) {
  for (const auto& [k, v] : fields)
    if (k == key) return v;
  return std::nullopt;
}

}  // namespace

// ---- records ------------------------------------------------------------------

std::optional<std::string> decodeHex(const std::string& hex) {
  if (hex.empty() || hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int value = 0;
    for (size_t j = i; j < i + 2; j++) {
      char c = hex[j];
      int digit = c >= '0' && c <= '9'   ? c - '0'
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                         : -1;
      if (digit < 0) return std::nullopt;
      value = value * 16 + digit;
    }
    out.push_back(static_cast<char>(value));
  }
  return out;
}

AuditRecord parseAuditRecord(int type, std::string text) {
  AuditRecord r;
  r.type = type;
  r.text = std::move(text);
  const std::string& t = r.text;
  // "audit(SECONDS.MILLIS:SERIAL): ..."
  size_t colon = t.find(':');
  size_t close = t.find("): ");
  if (t.rfind("audit(", 0) == 0 && colon != std::string::npos && close != std::string::npos && colon < close)
    r.serial = std::strtoul(t.c_str() + colon + 1, nullptr, 10);
  size_t bodyStart = close == std::string::npos ? 0 : close + 3;
  // The message runs from msg=' to the last quote: a value in it may
  // itself contain a single quote (libaudit does not encode those).
  size_t msgAt = t.find("msg='", bodyStart);
  size_t msgEnd = t.rfind('\'');
  if (msgAt != std::string::npos && msgEnd != std::string::npos && msgEnd > msgAt + 4) {
    r.header = splitFields(t.substr(bodyStart, msgAt - bodyStart));
    r.msg = t.substr(msgAt + 5, msgEnd - (msgAt + 5));
    r.fields = splitFields(r.msg);
  } else {
    r.header = splitFields(t.substr(bodyStart));
  }
  return r;
}

std::optional<std::string> AuditRecord::raw(const std::string& key) const {
  if (auto v = lookup(fields, key)) return v;
  return lookup(header, key);
}

std::optional<std::string> AuditRecord::headerValue(const std::string& key) const { return lookup(header, key); }

std::optional<std::string> AuditRecord::decoded(const std::string& key) const {
  auto v = lookup(fields, key);
  if (!v) return std::nullopt;
  if (v->size() >= 2 && v->front() == '"' && v->back() == '"') return v->substr(1, v->size() - 2);
  return decodeHex(*v);
}

std::vector<std::string> AuditRecord::keys() const {
  std::vector<std::string> out;
  for (const auto& f : fields) out.push_back(f.first);
  return out;
}

long AuditRecord::pid() const {
  auto v = lookup(header, "pid");
  return v ? std::strtol(v->c_str(), nullptr, 10) : -1;
}

// ---- the listener -------------------------------------------------------------

std::unique_ptr<AuditListener> AuditListener::open(std::string& whyNot) {
  if (::geteuid() != 0) {
    whyNot = "reading kernel audit records needs root (CAP_AUDIT_READ and CAP_AUDIT_CONTROL)";
    return nullptr;
  }
  std::unique_ptr<AuditListener> l(new AuditListener);

  l->lockFd_.reset(::open(kLockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (!l->lockFd_) {
    whyNot = errnoText(kLockPath);
    return nullptr;
  }
  // Wait for another test process's listener, but not forever.
  auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (::flock(l->lockFd_.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK || std::chrono::steady_clock::now() > giveUp) {
      whyNot = errnoText("locking " + std::string(kLockPath));
      return nullptr;
    }
    ::usleep(50 * 1000);
  }

  l->controlFd_.reset(::audit_open());
  if (!l->controlFd_) {
    whyNot = errnoText("audit_open (no audit in this kernel?)");
    return nullptr;
  }

  // Bind to the read-only log group before switching auditing on, so that
  // nothing sent after open() returns can be missed.
  l->readFd_.reset(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT));
  if (!l->readFd_) {
    whyNot = errnoText("socket(NETLINK_AUDIT)");
    return nullptr;
  }
  int bufferSize = 8 << 20;  // room for bursts: a domain start sends dozens of records
  if (::setsockopt(l->readFd_.get(), SOL_SOCKET, SO_RCVBUFFORCE, &bufferSize, sizeof bufferSize) != 0)
    ::setsockopt(l->readFd_.get(), SOL_SOCKET, SO_RCVBUF, &bufferSize, sizeof bufferSize);
  sockaddr_nl addr{};
  addr.nl_family = AF_NETLINK;
  addr.nl_groups = 1u << (AUDIT_NLGRP_READLOG - 1);
  if (::bind(l->readFd_.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    whyNot = errnoText("binding to AUDIT_NLGRP_READLOG (needs CAP_AUDIT_READ, kernel >= 3.16)");
    return nullptr;
  }

  int enabled = ::audit_is_enabled(l->controlFd_.get());
  if (enabled < 0) {
    whyNot = errnoText("AUDIT_GET");
    return nullptr;
  }
  if (enabled == 0) {
    // 2 would mean "locked on"; 0 is off and may be switched on.
    if (::audit_set_enabled(l->controlFd_.get(), 1) <= 0 || ::audit_is_enabled(l->controlFd_.get()) != 1) {
      whyNot = errnoText("AUDIT_SET enabled=1");
      return nullptr;
    }
    l->restoreEnabled_ = true;
  }
  return l;
}

AuditListener::~AuditListener() {
  // Switch auditing off again before the lock lets another listener in.
  if (restoreEnabled_) ::audit_set_enabled(controlFd_.get(), 0);
}

const char* AuditListener::lockPath() { return kLockPath; }

AuditListener::Predicate AuditListener::fromThisProcess(int type) {
  long self = ::getpid();
  return [self, type](const AuditRecord& r) {
    bool typeOk = type != 0 ? r.type == type : (r.type >= 2500 && r.type < 2600);
    return typeOk && r.pid() == self;
  };
}

bool AuditListener::receive(std::chrono::milliseconds timeout) {
  pollfd p{readFd_.get(), POLLIN, 0};
  int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (ready <= 0) return false;
  // Drain everything that is there now: one message per datagram.
  for (;;) {
    alignas(nlmsghdr) char buf[MAX_AUDIT_MESSAGE_LENGTH + NLMSG_HDRLEN + 64];
    ssize_t n = ::recv(readFd_.get(), buf, sizeof buf, MSG_DONTWAIT);
    if (n < 0) {
      if (errno == ENOBUFS) {  // the kernel dropped records: note it, go on
        overruns_++;
        continue;
      }
      if (errno == EINTR) continue;
      return true;  // EAGAIN: all read
    }
    auto* h = reinterpret_cast<nlmsghdr*>(buf);
    if (n < static_cast<ssize_t>(NLMSG_HDRLEN) || h->nlmsg_len < NLMSG_HDRLEN) continue;
    size_t len = std::min<size_t>(h->nlmsg_len, static_cast<size_t>(n)) - NLMSG_HDRLEN;
    std::string text(static_cast<const char*>(NLMSG_DATA(h)), len);
    while (!text.empty() && text.back() == '\0') text.pop_back();
    queue_.push_back(parseAuditRecord(h->nlmsg_type, std::move(text)));
  }
}

std::optional<AuditRecord> AuditListener::next(const Predicate& pred, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  size_t scanned = 0;
  for (;;) {
    for (; scanned < queue_.size(); scanned++) {
      if (pred(queue_[scanned])) {
        AuditRecord r = std::move(queue_[scanned]);
        queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(scanned));
        return r;
      }
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    receive(left);
  }
}

std::vector<AuditRecord> AuditListener::collect(const Predicate& pred, size_t count,
                                                std::chrono::milliseconds timeout) {
  std::vector<AuditRecord> out;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out.size() < count) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto r = next(pred, left.count() > 0 ? left : std::chrono::milliseconds(0));
    if (!r) break;
    out.push_back(std::move(*r));
  }
  return out;
}

void AuditListener::drain(std::chrono::milliseconds quiet) {
  while (receive(quiet)) {
  }
  queue_.clear();
}

}  // namespace vireo::test
