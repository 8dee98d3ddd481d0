// Helpers shared by the domain entry points (capi/domain*.cc).
#pragma once

#include "capi/facade.h"

namespace vireo::capi {

enum class Access { Read, Write };

// libvirt saves, restores and reads save images by absolute path, resolved
// by the caller (capi/domain.cc).
std::string absolutePath(const char* path);

// Validates `dom`, checks write access when asked, hands the body the
// domain's identity, and stores back the id the driver left in it (only a
// start or stop changes it, and only on this handle: libvirt-api.md §3.2).
// `args` are the function's arguments after the handle, for its debug line.
template <typename Ret, typename Body, typename Args = NoArgs>
Ret onDomain(const char* function, virDomainPtr dom, Access access, Ret failure, Body&& body,
             const Args& args = {}, unsigned line = __builtin_LINE()) noexcept {
  return guarded(
      function, VIR_FROM_DOMAIN, failure,
      [&](Call& call) -> Ret {
        call.domain(dom);
        if (access == Access::Write) call.requireWritable();
        driver::DomainIdentity identity = dom->identity();
        Ret result = body(call, identity);
        dom->id = identity.id;
        return result;
      },
      bothArgs(entryArgs("dom", dom), args), line);
}

// Validates `conn` (and write access when asked) for a connection-level
// domain call.
template <typename Ret, typename Body, typename Args = NoArgs>
Ret onConnection(const char* function, virConnectPtr conn, Access access, Ret failure, Body&& body,
                 const Args& args = {}, unsigned line = __builtin_LINE()) noexcept {
  return guarded(
      function, VIR_FROM_DOMAIN, failure,
      [&](Call& call) -> Ret {
        call.connection(conn);
        if (access == Access::Write) call.requireWritable();
        return body(call);
      },
      bothArgs(entryArgs("conn", conn), args), line);
}

}  // namespace vireo::capi
