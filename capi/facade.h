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
#include <vector>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "capi/entry_log.h"
#include "capi/handle_kinds.h"
#include "capi/objects.h"
#include "lib/driver/hypervisor_driver.h"
#include "lib/driver/pending_entry.h"
#include "lib/util/error.h"
#include "lib/util/log.h"

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
  // Validates a handle of object_handle.h (virNetworkPtr, ...): libvirt's
  // VIR_ERR_INVALID_<KIND> in the kind's error domain, also for a handle
  // whose connection is gone.
  template <typename Handle>
  Handle* object(Handle* handle) {
    if (!handle || handle->magic != Handle::kMagic || !handle->conn || handle->conn->magic != kConnectMagic) {
      HandleKindError error = invalidHandleError(Handle::kKind);
      fail(error.code, error.area, function_);
    }
    conn_ = handle->conn;
    return handle;
  }

  // VIR_ERR_OPERATION_DENIED on a read-only connection.
  void requireWritable();

  // A handle of a kind vireo cannot create yet (handle_kinds.h): reports
  // VIR_ERR_INVALID_<KIND>, whatever the pointer.
  [[noreturn]] void objectHandle(HandleKind kind, const void* handle) const;

  // Validates a second connection (a migration's destination) without making
  // it the one errors are dispatched to.
  void otherConnection(virConnectPtr conn) const;

  // The driver entry for `member` in the connection's table of that kind
  // (HypervisorDriver, NetworkDriver, ...), or the shared VIR_ERR_NO_SUPPORT
  // when the entry or the whole table is null.
  template <typename Table, typename Fn>
  Fn op(Fn Table::*member) const {
    const Table* table = impl().table<Table>();
    Fn fn = table ? table->*member : nullptr;
    if (!fn) failUnsupported(area_, function_);
    return fn;
  }

  // The same for an entry whose signature is not designed yet
  // (pending_entry.h): always ends the call, normally with VIR_ERR_NO_SUPPORT.
  template <typename Table>
  [[noreturn]] void pending(driver::PendingEntry Table::*member) const {
    op(member);
    fail(VIR_ERR_INTERNAL_ERROR, area_, std::string(function_) + " has a driver entry but no facade conversion");
  }

  driver::Connection& impl() const { return *conn_->impl; }

  // libvirt's argument checks, with its messages. Like libvirt's
  // virReportInvalidArg(), they report VIR_ERR_INVALID_ARG with the message
  // alone, without the "invalid argument: " that other errors of that code
  // carry.
  void nonNull(const void* p, const char* argname) const;
  // An array argument may be NULL when its size is 0 (or less: the size's
  // own check comes next, as in libvirt).
  void nonNullArray(const void* p, long long size, const char* argname) const;
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

// The entry point's debug line ("virDomainSuspend:255 : dom=0x..., (VM: ...)",
// module "libvirt") and, for a failed call, libvirt's error line (priority
// error, only when LIBVIRT_LOG_OUTPUTS named an output: libvirt leaves the
// default case to the error function, which already prints to stderr).
void logEntry(const char* function, unsigned line, const std::string& args) noexcept;
void logFailure(const char* function, unsigned line, const Error& e) noexcept;

// Runs one public function: logs its name and `args` (entry_log.h), runs the
// body, and turns an exception into `failure` after dispatching the error.
// `line` is the caller's: __builtin_LINE() as a default argument, which g++
// 12 and clang++ 14 both have (clang 14 cannot compile libstdc++'s
// std::source_location).
template <typename Ret, typename Body, typename Args = NoArgs>
Ret guarded(const char* function, virErrorDomain area, Ret failure, Body&& body, const Args& args = {},
            unsigned line = __builtin_LINE()) noexcept {
  if (log::mayLog(log::Priority::Debug)) {
    try {
      std::string text;
      args.describe(text);
      logEntry(function, line, text);
    } catch (...) {
      // No memory for the log line: the call itself still runs.
    }
  }
  resetThreadError();
  Call call(function, area);
  try {
    return body(call);
  } catch (const Error& e) {
    logFailure(function, line, e);
    dispatchError(e, call.conn());
  } catch (const std::bad_alloc&) {
    dispatchError(Error(VIR_ERR_NO_MEMORY, area, ""), call.conn());
  } catch (const std::exception& e) {
    Error error(VIR_ERR_INTERNAL_ERROR, area, e.what());
    logFailure(function, line, error);
    dispatchError(error, call.conn());
  } catch (...) {
    Error error(VIR_ERR_INTERNAL_ERROR, area, "unexpected exception");
    logFailure(function, line, error);
    dispatchError(error, call.conn());
  }
  return failure;
}

// A malloc'ed copy for the application to free() (libvirt's contract for
// returned strings).
char* dupString(std::string_view s);

// A malloc'ed, NULL-terminated array of malloc'ed copies: libvirt's contract
// for a returned list of strings (the application frees each, then the array).
char** dupStringList(const std::vector<std::string>& strings);

}  // namespace vireo::capi
