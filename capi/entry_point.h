// The one-line entry points written by capi/gen_entry_points.py.
//
// Every public function that needs nothing beyond libvirt's common checks is
// one call to one of these templates:
//
//   viaConnection / viaDomain / validate the handle, refuse a write on a
//   viaObject                   read-only connection, then call the driver
//                               entry with the remaining arguments (C ones,
//                               or converted by c_args.h) and turn its
//                               result into the C one (std::string ->
//                               malloc'ed char*, an identity -> a handle).
//   namesViaConnection /        a list the entry returns as a vector, copied
//   handlesViaConnection        into the caller's names array (at most
//                               maxnames) or a new NULL-terminated array of
//                               handles.
//   objectFree, objectRef,      what libvirt answers from the handle itself
//   objectName, objectUuid,     (object_handle.h), never asking the driver.
//   objectUuidString,
//   objectConnect
//   pendingOnConnection /       the same checks, then the entry's
//   pendingOnDomain /           VIR_ERR_NO_SUPPORT: for functions whose entry
//   pendingOnObject             has no C++ signature yet (pending_entry.h).
//   invalidHandle               the object is a handle of a kind vireo cannot
//                               create yet: VIR_ERR_INVALID_<KIND>.
//
// The failure value is libvirt's for every such function: -1 for int, NULL
// for pointers (checked against libvirt 9.0.0 by calling each function with
// an invalid handle).
#pragma once

#include <cstdlib>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <vector>

#include "capi/c_args.h"
#include "capi/domain_call.h"
#include "capi/stream_handle.h"

namespace vireo::capi {

// What the checks need to know about a public function: its name, libvirt's
// error domain for the API file it belongs to, and whether libvirt refuses
// it on a read-only connection.
// `params` names the C arguments after the handle, for the entry's debug
// line ("name, flags"); `object` names the handle argument of viaObject.
struct Api {
  const char* name;
  virErrorDomain area;
  Access access;
  const char* params = "";
  const char* object = "conn";
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
// An identity of object_identity.h -> a new handle of its kind.
template <typename Identity, typename Handle = typename HandleFor<Identity>::type>
Handle* toC(virConnectPtr conn, const Identity& id) {
  return newObjectHandle(conn, id);
}

// The name at `index` in a list of parameter names ("names, maxnames").
std::string paramName(const char* params, int index);

// Copies at most `max` names into the caller's array as malloc'ed strings;
// on failure frees the ones copied. Returns how many were copied.
int copyNames(const std::vector<std::string>& found, char** const names, int max);

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
        return toC(conn, call.op(Entry)(call.impl(), toCxx(call, args)...));
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

// The object is a handle of object_handle.h; the entry gets its identity.
template <typename Ret, auto Entry, typename Handle, typename... Args>
Ret viaObject(const Api& api, Handle* object, Args... args) noexcept {
  return guarded(
      api.name, api.area, failureValue<Ret>(),
      [&](Call& call) -> Ret {
        call.object(object);
        if (api.access == Access::Write) call.requireWritable();
        return toC(object->conn, call.op(Entry)(call.impl(), object->identity, toCxx(call, args)...));
      },
      bothArgs(entryArgs(api.object, object), entryArgs(api.params, args...)));
}

// virConnectListNetworks and its kin: the entry returns every name.
template <auto Entry>
int namesViaConnection(const Api& api, virConnectPtr conn, char** const names, int maxnames) noexcept {
  return guarded(
      api.name, api.area, -1,
      [&](Call& call) {
        call.connection(conn);
        if (api.access == Access::Write) call.requireWritable();
        call.nonNullArray(names, maxnames, paramName(api.params, 0).c_str());
        call.nonNegative(maxnames, paramName(api.params, 1).c_str());
        return copyNames(call.op(Entry)(call.impl()), names, maxnames);
      },
      bothArgs(entryArgs("conn", conn), entryArgs(api.params, names, maxnames)));
}

// virConnectListAllNetworks and its kin: the entry returns every identity;
// the caller gets a NULL-terminated array of new handles (or only the count
// when `out` is NULL).
template <auto Entry, typename Handle>
int handlesViaConnection(const Api& api, virConnectPtr conn, Handle*** out, unsigned int flags) noexcept {
  return guarded(
      api.name, api.area, -1,
      [&](Call& call) {
        call.connection(conn);
        if (api.access == Access::Write) call.requireWritable();
        if (out) *out = nullptr;
        auto found = call.op(Entry)(call.impl(), flags);
        if (out) {
          auto* list = static_cast<Handle**>(std::calloc(found.size() + 1, sizeof(Handle*)));
          if (!list) throw std::bad_alloc();
          for (size_t i = 0; i < found.size(); i++) list[i] = newObjectHandle(conn, found[i]);
          *out = list;
        }
        return static_cast<int>(found.size());
      },
      bothArgs(entryArgs("conn", conn), entryArgs(api.params, out, flags)));
}

// --- answered from the handle (libvirt's virXxxFree, Ref, GetName, ...) ---

template <typename Handle, typename Body>
auto onHandle(const Api& api, Handle* object, Body&& body, unsigned line = __builtin_LINE()) noexcept {
  using Ret = decltype(body(object));
  return guarded(
      api.name, api.area, failureValue<Ret>(),
      [&](Call& call) -> Ret {
        call.object(object);
        return body(object);
      },
      entryArgs(api.object, object), line);
}

template <typename Handle>
int objectFree(const Api& api, Handle* object) noexcept {
  return onHandle(api, object, [](Handle* h) { unrefObject(h); return 0; });
}

template <typename Handle>
int objectRef(const Api& api, Handle* object) noexcept {
  return onHandle(api, object, [](Handle* h) { refObject(h); return 0; });
}

// The name lives as long as the handle, as libvirt's does.
template <typename Handle>
const char* objectName(const Api& api, Handle* object) noexcept {
  return onHandle(api, object, [](Handle* h) { return h->identity.name.c_str(); });
}

// The connection, without a new reference (libvirt's contract).
template <typename Handle>
virConnectPtr objectConnect(const Api& api, Handle* object) noexcept {
  return onHandle(api, object, [](Handle* h) { return h->conn; });
}

template <typename Handle>
int objectUuid(const Api& api, Handle* object, unsigned char* uuid) noexcept {
  return guarded(
      api.name, api.area, -1,
      [&](Call& call) {
        call.object(object);
        call.nonNull(uuid, paramName(api.params, 0).c_str());
        std::copy(object->identity.uuid.bytes.begin(), object->identity.uuid.bytes.end(), uuid);
        return 0;
      },
      bothArgs(entryArgs(api.object, object), entryArgs(api.params, uuid)));
}

template <typename Handle>
int objectUuidString(const Api& api, Handle* object, char* buf) noexcept {
  return guarded(
      api.name, api.area, -1,
      [&](Call& call) {
        call.object(object);
        call.nonNull(buf, paramName(api.params, 0).c_str());
        std::string text = object->identity.uuid.toString();
        std::copy(text.begin(), text.end(), buf);
        buf[text.size()] = '\0';
        return 0;
      },
      bothArgs(entryArgs(api.object, object), entryArgs(api.params, buf)));
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

template <typename Ret, typename Table, typename Handle>
Ret pendingOnObject(const Api& api, driver::PendingEntry Table::*entry, Handle* object,
                    std::initializer_list<Secondary> others = {}) noexcept {
  return guarded(
      api.name, api.area, failureValue<Ret>(),
      [&](Call& call) -> Ret {
        call.object(object);
        checkSecondaries(call, others);
        if (api.access == Access::Write) call.requireWritable();
        call.pending(entry);
      },
      entryArgs(api.object, object));
}

template <typename Ret>
Ret invalidHandle(const char* function, HandleKind kind, const void* handle) noexcept {
  return guarded(
      function, invalidHandleError(kind).area, failureValue<Ret>(),
      [&](Call& call) -> Ret { call.objectHandle(kind, handle); }, entryArgs("handle", handle));
}

}  // namespace vireo::capi
