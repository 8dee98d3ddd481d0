// The machinery every public entry point goes through.
//
// An entry point is a call to guarded(): it resets the thread's last error
// (as every libvirt API does), runs the body, and turns any exception into
// libvirt's failure value after recording the error as the thread's last
// error, copying it to the connection and calling the error handlers. No
// exception crosses the C boundary.
//
//   int virDomainSuspend(virDomainPtr domain) {
//     return guarded("virDomainSuspend", VIR_FROM_DOMAIN, -1, [&](Call& call) {
//       auto& drv = call.domain(domain).writable();
//       ...
//     });
//   }
#pragma once

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "capi/objects.h"
#include "lib/driver/hypervisor_driver.h"
#include "lib/util/error.h"

namespace vireo::capi {

// --- error storage (capi/error.cc) ---
virError* threadError();
void resetThreadError();
void resetErrorStruct(virError* err);
void copyErrorStruct(const virError* from, virError* to);
// Records `e` as this thread's last error and dispatches it like libvirt's
// virDispatchError: copy to `conn` (may be null), then the connection's
// handler, else the global one, else the default (print to stderr).
void dispatchError(const Error& e, virConnectPtr conn);

// One invocation of a public function: what it is called, the error domain
// its checks report in (libvirt's VIR_FROM_THIS of the API file), and the
// connection once the handles are validated.
class Call {
 public:
  Call(const char* function, virErrorDomain area) : function_(function), area_(area) {}

  const char* function() const { return function_; }
  virErrorDomain area() const { return area_; }
  virConnectPtr conn() const { return conn_; }

  // Validate a handle (VIR_ERR_INVALID_CONN / VIR_ERR_INVALID_DOMAIN) and
  // remember its connection for error dispatch.
  driver::Connection& connection(virConnectPtr conn);
  virDomainPtr domain(virDomainPtr dom);

  // VIR_ERR_OPERATION_DENIED on a read-only connection.
  void requireWritable();

  // The driver entry for `member`, or the shared VIR_ERR_NO_SUPPORT.
  template <typename Fn>
  Fn op(Fn driver::HypervisorDriver::*member) const {
    Fn fn = impl().hypervisor().*member;
    if (!fn) failUnsupported(area_, function_);
    return fn;
  }

  driver::Connection& impl() const { return *conn_->impl; }

  // libvirt's argument checks, with its messages.
  void nonNull(const void* p, const char* argname) const;
  void positive(long long value, const char* argname) const;
  void nonNegative(long long value, const char* argname) const;
  void exclusiveFlags(unsigned int flags, unsigned int a, const char* aName, unsigned int b,
                      const char* bName) const;
  [[noreturn]] void invalidArg(std::string_view detail) const;

 private:
  const char* function_;
  virErrorDomain area_;
  virConnectPtr conn_ = nullptr;
};

template <typename Ret, typename Body>
Ret guarded(const char* function, virErrorDomain area, Ret failure, Body&& body) noexcept {
  resetThreadError();
  Call call(function, area);
  try {
    return body(call);
  } catch (const Error& e) {
    dispatchError(e, call.conn());
  } catch (const std::bad_alloc&) {
    dispatchError(Error(VIR_ERR_NO_MEMORY, area, ""), call.conn());
  } catch (const std::exception& e) {
    dispatchError(Error(VIR_ERR_INTERNAL_ERROR, area, e.what()), call.conn());
  } catch (...) {
    dispatchError(Error(VIR_ERR_INTERNAL_ERROR, area, "unexpected exception"), call.conn());
  }
  return failure;
}

// A malloc'ed copy for the application to free() (libvirt's contract for
// returned strings).
char* dupString(std::string_view s);

}  // namespace vireo::capi
