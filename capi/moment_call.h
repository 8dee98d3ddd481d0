// Helpers shared by the snapshot and checkpoint entry points
// (capi/domain_snapshot.cc, capi/domain_checkpoint.cc): their calls take a
// domain or a moment handle (capi/objects.h), report in their API file's
// error domain, and turn the names the driver returns into handles on the
// caller's domain handle.
#pragma once

#include <cstdlib>
#include <string>
#include <vector>

#include "capi/entry_point.h"

namespace vireo::capi {

// A call whose object is a domain: validates it and write access when asked,
// hands the body the domain's identity and keeps the id the driver left.
template <typename Ret, typename Body, typename Args>
Ret onMomentDomain(virErrorDomain area, const char* function, virDomainPtr dom, Access access, Ret failure,
                   Body&& body, const Args& args, unsigned line = __builtin_LINE()) noexcept {
  return guarded(
      function, area, failure,
      [&](Call& call) -> Ret {
        call.domain(dom);
        if (access == Access::Write) call.requireWritable();
        driver::DomainIdentity identity = dom->identity();
        Ret result = body(call, identity);
        dom->id = identity.id;
        return result;
      },
      bothArgs(entryArgs("domain", dom), args), line);
}

// A call whose object is a snapshot or checkpoint handle: the same, with
// the moment's identity.
template <typename Ret, typename Handle, typename Body, typename Args>
Ret onMoment(virErrorDomain area, const char* function, Handle* moment, Access access, Ret failure,
             Body&& body, const Args& args, unsigned line = __builtin_LINE()) noexcept {
  constexpr HandleKind kind = Handle::kKind;
  return guarded(
      function, area, failure,
      [&](Call& call) -> Ret {
        call.object(moment);
        if (access == Access::Write) call.requireWritable();
        driver::DomainMomentIdentity identity = moment->current();
        Ret result = body(call, identity);
        moment->domain->id = identity.domain.id;
        return result;
      },
      bothArgs(entryArgs(kind == HandleKind::DomainSnapshot ? "snapshot" : "checkpoint", moment), args),
      line);
}

// libvirt's VIR_REQUIRE_FLAG check: `flag` needs `needed`.
inline void requireFlag(const Call& call, unsigned int flags, unsigned int flag, const char* flagName,
                        unsigned int needed, const char* neededName) {
  if ((flags & flag) && !(flags & needed))
    call.invalidArg(std::string("Flag '") + neededName + "' is required by flag '" + flagName + "'");
}

// A new NULL-terminated array of handles on `dom` for `names` (libvirt's
// contract for the ListAll functions), or only the count when `out` is NULL.
template <typename Handle>
int toMomentHandles(virDomainPtr dom, const std::vector<std::string>& names, Handle*** out) {
  if (!out) return static_cast<int>(names.size());
  auto* list = static_cast<Handle**>(std::calloc(names.size() + 1, sizeof(Handle*)));
  if (!list) throw std::bad_alloc();
  for (size_t i = 0; i < names.size(); i++) list[i] = newMomentHandle<Handle>(dom, names[i]);
  *out = list;
  return static_cast<int>(names.size());
}

}  // namespace vireo::capi
