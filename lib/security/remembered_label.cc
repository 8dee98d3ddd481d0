#include "lib/security/remembered_label.h"

#include <fcntl.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>
#include <utmpx.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include <libvirt/virterror.h>

#include "lib/util/error.h"

namespace vireo::security {

namespace {

// ---- async-signal-safe helpers ------------------------------------------

// Writes `v` in decimal into buf (NUL-terminated); returns its length.
size_t formatUnsigned(unsigned long long v, char* buf, size_t size) noexcept {
  char digits[24];
  size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v && n < sizeof digits);
  size_t len = n < size ? n : size - 1;
  for (size_t i = 0; i < len; ++i) buf[i] = digits[n - 1 - i];
  buf[len] = '\0';
  return len;
}

// A decimal number filling all of s[0..len).
bool parseUnsigned(const char* s, size_t len, unsigned long long* out) noexcept {
  if (len == 0) return false;
  unsigned long long v = 0;
  for (size_t i = 0; i < len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    unsigned long long next = v * 10 + static_cast<unsigned>(s[i] - '0');
    if (next / 10 != v) return false;  // overflow
    v = next;
  }
  *out = v;
  return true;
}

int failWith(SpawnChildError* err, int step, int errnum, const char* what) noexcept {
  err->step = step;
  err->err = errnum;
  setSpawnChildErrorPath(err, what);
  return -1;
}

// Reads an attribute into buf (NUL-terminated). Returns its length, or -1
// with errno set.
ssize_t readAttribute(const char* path, const char* name, char* buf, size_t size) noexcept {
  ssize_t n = getxattr(path, name, buf, size - 1);
  if (n >= 0) buf[n] = '\0';
  return n;
}

int writeAttribute(const char* path, const char* name, const char* value, SpawnChildError* err) noexcept {
  if (setxattr(path, name, value, strlen(value), 0) == 0) return 0;
  return failWith(err, kStepSetXattr, errno, name);
}

int removeAttribute(const char* path, const char* name, SpawnChildError* err) noexcept {
  if (removexattr(path, name) == 0 || errno == ENODATA) return 0;
  return failWith(err, kStepRemoveXattr, errno, name);
}

bool unsupported(int e) noexcept { return e == ENOTSUP || e == ENOSYS; }

// Checks the timestamp of a remembered set. 0: this boot's; 1: stale (or
// missing), and the whole set has been removed; kLabelNotRemembered: no
// extended attributes; -1: failure in *err.
int validateTimestamp(const RememberedLabelNames& names, const char* path, unsigned long long bootTime,
                      SpawnChildError* err) noexcept {
  char value[32];
  ssize_t n = readAttribute(path, names.timestamp, value, sizeof value);
  if (n < 0) {
    if (unsupported(errno)) return kLabelNotRemembered;
    if (errno != ENODATA) return failWith(err, kStepGetXattr, errno, names.timestamp);
    // A set without a timestamp is stale too: otherwise it could never be
    // cleaned up.
  } else {
    unsigned long long stored = 0;
    if (parseUnsigned(value, static_cast<size_t>(n), &stored) && timestampMatchesBoot(stored, bootTime)) return 0;
  }
  if (forgetLabel(names, path, err) < 0) return -1;
  return 1;
}

// ---- boot time (parent only) ----------------------------------------------

unsigned long long g_bootTime = 0;
int g_bootTimeErrno = 0;
std::once_flag g_bootTimeOnce;

// now - /proc/uptime, rounded to the second the way libvirt does.
int bootTimeFromUptime(unsigned long long* out) {
  int fd = open("/proc/uptime", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  char buf[128];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  int readErrno = errno;
  close(fd);
  if (n <= 0) return n < 0 ? readErrno : EINVAL;
  buf[n] = '\0';
  char* end = nullptr;
  double up = strtod(buf, &end);
  if (end == buf || *end != ' ') return EINVAL;
  struct timespec now {};
  clock_gettime(CLOCK_REALTIME, &now);
  unsigned long long nowMs = static_cast<unsigned long long>(now.tv_sec) * 1000 +
                             static_cast<unsigned long long>(now.tv_nsec / 1000000);
  *out = static_cast<unsigned long long>(static_cast<double>(nowMs / 1000) - up + 0.5);
  return 0;
}

void computeBootTime() {
  struct utmpx id {};
  id.ut_type = BOOT_TIME;
  // getutxid() keeps state in static memory: only ever called once, here.
  if (struct utmpx* rec = getutxid(&id)) g_bootTime = static_cast<unsigned long long>(rec->ut_tv.tv_sec);
  endutxent();
  if (g_bootTime == 0) g_bootTimeErrno = bootTimeFromUptime(&g_bootTime);
}

}  // namespace

RememberedLabelNames RememberedLabelNames::forDriver(std::string_view driver) {
  RememberedLabelNames n;
  std::string d(driver);
  snprintf(n.label, sizeof n.label, "trusted.libvirt.security.%s", d.c_str());
  snprintf(n.refcount, sizeof n.refcount, "trusted.libvirt.security.ref_%s", d.c_str());
  snprintf(n.timestamp, sizeof n.timestamp, "trusted.libvirt.security.timestamp_%s", d.c_str());
  return n;
}

unsigned long long hostBootTime() {
  std::call_once(g_bootTimeOnce, computeBootTime);
  if (g_bootTimeErrno != 0) failSystem(VIR_FROM_SECURITY, g_bootTimeErrno, "Unable to get host boot time");
  return g_bootTime;
}

bool timestampMatchesBoot(unsigned long long stored, unsigned long long bootTime) noexcept {
  return stored + 1 >= bootTime && stored <= bootTime + 1;
}

int rememberLabel(const RememberedLabelNames& names, const char* path, const char* label,
                  unsigned long long bootTime, SpawnChildError* err) noexcept {
  char value[32];
  ssize_t n = readAttribute(path, names.refcount, value, sizeof value);
  bool counted = n >= 0;
  if (!counted) {
    if (unsupported(errno)) return kLabelNotRemembered;
    if (errno != ENODATA) return failWith(err, kStepGetXattr, errno, names.refcount);
  } else {
    int rc = validateTimestamp(names, path, bootTime, err);
    if (rc < 0) return rc;
    if (rc == 1) counted = false;  // stale: start from scratch
  }
  unsigned long long refcount = 0;
  if (counted && !parseUnsigned(value, static_cast<size_t>(n), &refcount))
    return failWith(err, kStepMalformedRefcount, 0, value);
  ++refcount;
  if (refcount == 1) {
    if (writeAttribute(path, names.label, label, err) < 0) return -1;
    char stamp[24];
    formatUnsigned(bootTime, stamp, sizeof stamp);
    if (writeAttribute(path, names.timestamp, stamp, err) < 0) return -1;
  }
  formatUnsigned(refcount, value, sizeof value);
  if (writeAttribute(path, names.refcount, value, err) < 0) return -1;
  return refcount > 0x7fffffff ? 0x7fffffff : static_cast<int>(refcount);
}

int recallLabel(const RememberedLabelNames& names, const char* path, unsigned long long bootTime, char* label,
                size_t size, SpawnChildError* err) noexcept {
  label[0] = '\0';
  char value[32];
  ssize_t n = readAttribute(path, names.refcount, value, sizeof value);
  if (n < 0) {
    if (unsupported(errno) || errno == ENODATA) return kLabelNotRemembered;
    return failWith(err, kStepGetXattr, errno, names.refcount);
  }
  int rc = validateTimestamp(names, path, bootTime, err);
  if (rc < 0) return rc;
  if (rc == 1) return kLabelNotRemembered;  // stale: as if nothing were remembered
  unsigned long long refcount = 0;
  if (!parseUnsigned(value, static_cast<size_t>(n), &refcount)) return failWith(err, kStepMalformedRefcount, 0, value);
  if (refcount > 1) {
    formatUnsigned(refcount - 1, value, sizeof value);
    if (writeAttribute(path, names.refcount, value, err) < 0) return -1;
    return 1;
  }
  // The last user: take the label back and leave no attribute behind.
  if (removexattr(path, names.refcount) != 0) return failWith(err, kStepRemoveXattr, errno, names.refcount);
  if (readAttribute(path, names.label, label, size) < 0) return failWith(err, kStepGetXattr, errno, names.label);
  if (removexattr(path, names.label) != 0) return failWith(err, kStepRemoveXattr, errno, names.label);
  if (removeAttribute(path, names.timestamp, err) < 0) return -1;
  return 0;
}

int forgetLabel(const RememberedLabelNames& names, const char* path, SpawnChildError* err) noexcept {
  if (removeAttribute(path, names.refcount, err) < 0) return -1;
  if (removeAttribute(path, names.label, err) < 0) return -1;
  return removeAttribute(path, names.timestamp, err);
}

}  // namespace vireo::security
