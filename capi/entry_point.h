// The one-line entry points written by capi/gen_entry_points.py.
//
// Every public function that needs nothing beyond libvirt's common checks is
// one call to one of these templates:
//
//   viaConnection / viaDomain   validate the handle, refuse a write on a
//                               read-only connection, then call the driver
//                               entry with the remaining C arguments and turn
//                               its result into the C one (std::string ->
//                               malloc'ed char*, DomainIdentity -> handle).
//   pendingOnConnection /       the same checks, then the entry's
//   pendingOnDomain             VIR_ERR_NO_SUPPORT: for functions whose entry
//                               has no C++ signature yet (pending_entry.h).
//   invalidHandle               the object is a handle of a kind vireo cannot
//                               create yet: VIR_ERR_INVALID_<KIND>.
//
// The failure value is libvirt's for every such function: -1 for int, NULL
// for pointers (checked against libvirt 9.0.0 by calling each function with
// an invalid handle).
#pragma once

#include <initializer_list>
#include <string>
#include <type_traits>

#include "capi/domain_call.h"
#include "capi/stream_handle.h"

namespace vireo::capi {

// What the checks need to know about a public function: its name, libvirt's
// error domain for the API file it belongs to, and whether libvirt refuses
// it on a read-only connection.
// `params` names the C arguments after the handle, for the entry's debug
// line ("name, flags").
struct Api {
  const char* name;
  virErrorDomain area;
  Access access;
  const char* params = "";
};

template <typename Ret>
constexpr Ret failureValue() {
  if constexpr (std::is_pointer_v<Ret>) {
    return nullptr;
  } else {
    static_assert(std::is_same_v<Ret, int>, "libvirt's failure value for this type is not known here");
    return -1;
  }
}

// A driver result as the C caller receives it.
inline char* toC(virConnectPtr, const std::string& s) { return dupString(s); }
inline virDomainPtr toC(virConnectPtr conn, const driver::DomainIdentity& id) { return newDomainHandle(conn, id); }
inline int toC(virConnectPtr, int value) { return value; }

// A handle argument besides the function's object that must be checked
// before the call: one of a kind vireo cannot create (required, or optional
// as the filter of an event registration), or a second connection.
struct Secondary {
  enum class Use { Required, Optional, Connection };
  Use use;
  HandleKind kind;            // Required and Optional
  const void* handle;         // Required and Optional
  virConnectPtr conn;         // Connection

  static Secondary required(HandleKind kind, const void* handle) { return {Use::Required, kind, handle, nullptr}; }
  static Secondary optional(HandleKind kind, const void* handle) { return {Use::Optional, kind, handle, nullptr}; }
  static Secondary connection(virConnectPtr conn) { return {Use::Connection, HandleKind::Stream, nullptr, conn}; }
};

inline void checkSecondaries(const Call& call, std::initializer_list<Secondary> others) {
  for (const Secondary& other : others) {
    switch (other.use) {
      case Secondary::Use::Required:
        // Streams have handles (stream_handle.h); the other kinds not yet.
        if (other.kind == HandleKind::Stream) checkStream(call, other.handle);
        else call.objectHandle(other.kind, other.handle);
        break;
      case Secondary::Use::Optional:
        if (other.handle) call.objectHandle(other.kind, other.handle);
        break;
      case Secondary::Use::Connection:
        call.otherConnection(other.conn);
        break;
    }
  }
}

template <typename Ret, auto Entry, typename... Args>
Ret viaConnection(const Api& api, virConnectPtr conn, Args... args) noexcept {
  return guarded(
      api.name, api.area, failureValue<Ret>(),
      [&](Call& call) -> Ret {
        call.connection(conn);
        if (api.access == Access::Write) call.requireWritable();
        return toC(conn, call.op(Entry)(call.impl(), args...));
      },
      bothArgs(entryArgs("conn", conn), entryArgs(api.params, args...)));
}

// As onDomain (domain_call.h): the driver may change the id of this handle.
template <typename Ret, auto Entry, typename... Args>
Ret viaDomain(const Api& api, virDomainPtr dom, Args... args) noexcept {
  return guarded(
      api.name, api.area, failureValue<Ret>(),
      [&](Call& call) -> Ret {
        call.domain(dom);
        if (api.access == Access::Write) call.requireWritable();
        driver::DomainIdentity identity = dom->identity();
        Ret result = toC(dom->conn, call.op(Entry)(call.impl(), identity, args...));
        dom->id = identity.id;
        return result;
      },
      bothArgs(entryArgs("dom", dom), entryArgs(api.params, args...)));
}

template <typename Ret, typename Table>
Ret pendingOnConnection(const Api& api, driver::PendingEntry Table::*entry, virConnectPtr conn,
                        std::initializer_list<Secondary> others = {}) noexcept {
  return guarded(
      api.name, api.area, failureValue<Ret>(),
      [&](Call& call) -> Ret {
        call.connection(conn);
        checkSecondaries(call, others);
        if (api.access == Access::Write) call.requireWritable();
        call.pending(entry);
      },
      entryArgs("conn", conn));
}

template <typename Ret, typename Table>
Ret pendingOnDomain(const Api& api, driver::PendingEntry Table::*entry, virDomainPtr dom,
                    std::initializer_list<Secondary> others = {}) noexcept {
  return guarded(
      api.name, api.area, failureValue<Ret>(),
      [&](Call& call) -> Ret {
        call.domain(dom);
        checkSecondaries(call, others);
        if (api.access == Access::Write) call.requireWritable();
        call.pending(entry);
      },
      entryArgs("dom", dom));
}

template <typename Ret>
Ret invalidHandle(const char* function, HandleKind kind, const void* handle) noexcept {
  return guarded(
      function, invalidHandleError(kind).area, failureValue<Ret>(),
      [&](Call& call) -> Ret { call.objectHandle(kind, handle); }, entryArgs("handle", handle));
}

}  // namespace vireo::capi
