// Typed parameters as the drivers see them: a C++ value type standing for
// libvirt's virTypedParameter arrays, so that no C ownership rule (who frees
// the strings, how big the caller's array is) reaches below capi/. The facade
// converts in both directions (capi/typed_param_values.h).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <libvirt/libvirt.h>

namespace vireo::driver {

// The alternatives are in the order of virTypedParameterType, so that
// value.index() is the C type number; std::monostate stands for a type
// number the caller made up (libvirt reports it as type 'unknown').
using TypedValue = std::variant<std::monostate, int, unsigned int, long long, unsigned long long, double, bool,
                                std::string>;
static_assert(std::variant_size_v<TypedValue> == VIR_TYPED_PARAM_STRING + 1);

struct TypedParam {
  std::string field;
  TypedValue value;
  // The caller's type number when it is none of libvirt's (value holds
  // std::monostate), for the messages that name it.
  int unknownType = 0;

  int type() const { return static_cast<int>(value.index()); }
};

using TypedParamList = std::vector<TypedParam>;

// libvirt's name of a virTypedParameterType ("uint", "string", ...), or
// "unknown".
std::string_view typedParamTypeName(int type);

// What a driver accepts: a field name and its one type.
struct TypedParamSpec {
  std::string_view field;
  int type;
};

// Checks `params` against what a driver accepts, as libvirt's
// virTypedParamsValidate does (errors in VIR_FROM_NONE): a field not in
// `accepted` is VIR_ERR_ARGUMENT_UNSUPPORTED "parameter 'x' not supported", a
// field given twice or with another type is VIR_ERR_INVALID_ARG. Like
// libvirt, it looks at the fields in name order, so with several faults the
// one reported is that of the first name.
void validateTypedParams(const TypedParamList& params, std::initializer_list<TypedParamSpec> accepted);

}  // namespace vireo::driver
