// C arguments that the generated entry points hand to C++-typed driver
// entries (gen_entry_points.py, CXX_TABLES): the generator wraps each one
// whose type needs a check or a conversion in one of these markers, and
// toCxx() turns it into what the entry takes, with libvirt's argument
// errors. Every other argument (integers, flags) passes as it is.
//
//   virNetworkPtr virNetworkLookupByName(virConnectPtr conn, const char* name) {
//     return viaConnection<virNetworkPtr, &NetworkDriver::networkLookupByName>(
//         {...}, conn, Text{name, "name"});   // the entry gets a std::string_view
//   }
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include <libvirt/libvirt.h>

#include "capi/facade.h"
#include "lib/util/uuid.h"

namespace vireo::capi {

// A string libvirt requires to be non-NULL: a std::string_view.
struct Text {
  const char* value;
  const char* name;
};

// A string that may be NULL: a std::optional<std::string_view>.
struct OptionalText {
  const char* value;
};

// VIR_UUID_BUFLEN raw bytes, required: a Uuid.
struct UuidBytes {
  const unsigned char* value;
  const char* name;
};

// A UUID in text form, required and valid: a Uuid.
struct UuidString {
  const char* value;
  const char* name;
};

template <typename T>
T toCxx(const Call&, T value) {
  return value;
}

inline std::string_view toCxx(const Call& call, Text t) {
  call.nonNull(t.value, t.name);
  return t.value;
}

inline std::optional<std::string_view> toCxx(const Call&, OptionalText t) {
  if (!t.value) return std::nullopt;
  return std::string_view(t.value);
}

inline Uuid toCxx(const Call& call, UuidBytes u) {
  call.nonNull(u.value, u.name);
  Uuid out;
  std::copy(u.value, u.value + VIR_UUID_BUFLEN, out.bytes.begin());
  return out;
}

inline Uuid toCxx(const Call& call, UuidString u) {
  call.nonNull(u.value, u.name);
  std::optional<Uuid> out = Uuid::parse(u.value);
  if (!out) call.invalidArg(std::string(u.name) + " in " + call.function() + " must be a valid UUID");
  return *out;
}

// The debug line shows the C value.
inline void describeValue(std::string& out, const Text& t) { describeValue(out, t.value); }
inline void describeValue(std::string& out, const OptionalText& t) { describeValue(out, t.value); }
inline void describeValue(std::string& out, const UuidBytes& u) { describePointer(out, u.value); }
inline void describeValue(std::string& out, const UuidString& u) { describeValue(out, u.value); }

}  // namespace vireo::capi
