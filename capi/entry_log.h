// The debug line every public entry point writes, as libvirt's VIR_DEBUG at
// the top of each API does:
//
//   "... debug : virDomainLookupByName:92 : conn=0x5581c0, name=test"
//   "... debug : virDomainSuspend:255 : dom=0x5581d0, (VM: name=test, uuid=6695eb01-...)"
//
// Arguments are kept as they are (C scalars and pointers) and formatted only
// when the line is written. Strings print as given or "<null>", pointers as
// glibc's %p ("(nil)" for NULL), an argument named "flags" in hex ("0x0"),
// other integers in decimal. A domain handle adds libvirt's "(VM: name=...,
// uuid=...)" when it is a live handle; other handles are never dereferenced.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <libvirt/libvirt.h>

#include "capi/objects.h"

namespace vireo::capi {

inline void describeValue(std::string& out, const char* s) { out.append(s ? s : "<null>"); }
inline void describeValue(std::string& out, char* s) { describeValue(out, static_cast<const char*>(s)); }

inline void describePointer(std::string& out, const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", p);
  out.append(buf);
}

inline void describeValue(std::string& out, virDomainPtr dom) {
  describePointer(out, dom);
  // libvirt's VIR_DOMAIN_DEBUG. Only a handle with a live magic is read, the
  // same test the call's own check makes next.
  if (dom && dom->magic == kDomainMagic) {
    out.append(", (VM: name=").append(dom->name).append(", uuid=").append(dom->uuid.toString()).append(")");
  } else {
    out.append(", (VM: name=<null>, uuid=)");
  }
}

template <typename T>
void describeValue(std::string& out, const T& v) {
  if constexpr (std::is_pointer_v<T>) {
    describePointer(out, reinterpret_cast<const void*>(v));
  } else if constexpr (std::is_enum_v<T>) {
    out.append(std::to_string(static_cast<long long>(v)));
  } else if constexpr (std::is_floating_point_v<T>) {
    out.append(std::to_string(v));
  } else {
    static_assert(std::is_integral_v<T>, "no log form for this argument type");
    out.append(std::to_string(v));
  }
}

// A list of names ("name, flags") and the values that go with them.
template <typename... T>
struct EntryArgs {
  const char* names;
  std::tuple<T...> values;

  void describe(std::string& out) const {
    std::string_view rest(names ? names : "");
    std::apply([&](const auto&... v) { (describeOne(out, rest, v), ...); }, values);
  }

 private:
  template <typename V>
  static void describeOne(std::string& out, std::string_view& rest, const V& v) {
    size_t comma = rest.find(',');
    std::string_view name = rest.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (!out.empty()) out.append(", ");
    out.append(name).append("=");
    if constexpr (std::is_integral_v<V> && std::is_unsigned_v<V>) {
      if (name == "flags") {
        char buf[32];
        std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
        out.append(buf);
        return;
      }
    }
    describeValue(out, v);
  }
};

template <typename... T>
EntryArgs<T...> entryArgs(const char* names, T... values) {
  return {names, std::tuple<T...>(values...)};
}

// An entry point that logs no arguments beyond what its helper adds.
struct NoArgs {
  void describe(std::string&) const {}
};

// The handle a helper checks, then the function's own arguments.
template <typename A, typename B>
struct BothArgs {
  const A& first;
  const B& second;
  void describe(std::string& out) const {
    first.describe(out);
    second.describe(out);
  }
};

template <typename A, typename B>
BothArgs<A, B> bothArgs(const A& a, const B& b) {
  return {a, b};
}

}  // namespace vireo::capi
