// The one error type that travels inside vireo.
//
// Every layer below capi/ reports failure by throwing vireo::Error. It carries
// libvirt's error number (virErrorNumber), error domain (virErrorDomain) and the
// complete message as libvirt would print it ("Requested operation is not
// valid: domain is not running"). The facade in capi/ is the only place that
// turns it into the thread's last error (virGetLastError).
#pragma once

#include <exception>
#include <string>
#include <string_view>

#include <libvirt/virterror.h>

namespace vireo {

class Error : public std::exception {
 public:
  // `detail` is the specific part of the message; the constructor prefixes
  // the generic text libvirt uses for `code` (see errorPrefix()).
  Error(virErrorNumber code, virErrorDomain domain, std::string_view detail);

  // An error whose message is used exactly as given, with no prefix.
  static Error verbatim(virErrorNumber code, virErrorDomain domain, std::string message);

  virErrorNumber code() const noexcept { return code_; }
  virErrorDomain domain() const noexcept { return domain_; }
  const std::string& message() const noexcept { return message_; }
  const char* what() const noexcept override { return message_.c_str(); }

  // libvirt's virError has a few extra fields that some callers read.
  int int1 = -1;
  std::string str1;  // for VIR_ERR_*_NOT_FOUND and friends: the object name

 private:
  Error() = default;
  virErrorNumber code_ = VIR_ERR_OK;
  virErrorDomain domain_ = VIR_FROM_NONE;
  std::string message_;
};

// The generic text that libvirt puts in front of the detail for each error
// number, e.g. "Domain not found" for VIR_ERR_NO_DOMAIN. With an empty detail
// the message is the generic text alone.
std::string errorMessage(virErrorNumber code, std::string_view detail);

// Shorthands used all over the library.
[[noreturn]] void fail(virErrorNumber code, virErrorDomain domain, std::string_view detail);

// "<what>: <strerror(errnum)>" as VIR_ERR_SYSTEM_ERROR, the way every system
// call failure is reported: "Unable to stat /dev/kvm: No such file or directory".
[[noreturn]] void failSystem(virErrorDomain domain, int errnum, std::string_view what);

// The one shared default for everything a driver does not implement:
// VIR_ERR_NO_SUPPORT, "this function is not supported by the connection
// driver: <function>".
[[noreturn]] void failUnsupported(virErrorDomain domain, std::string_view function);

// VIR_ERR_INVALID_ARG for a flags word with bits the callee does not know:
// "unsupported flags (0x4) in function <function>".
void checkFlags(unsigned int flags, unsigned int supported, virErrorDomain domain,
                std::string_view function);

}  // namespace vireo
