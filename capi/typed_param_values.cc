#include "capi/typed_param_values.h"

#include <cstdlib>
#include <cstring>
#include <string>

#include "capi/c_alloc.h"
#include "capi/facade.h"
#include "lib/driver/hypervisor_driver.h"
#include "lib/util/error.h"

namespace vireo::capi {

using driver::TypedParam;
using driver::TypedParamList;
using driver::TypedValue;

namespace {

TypedValue valueOf(const virTypedParameter& p) {
  switch (p.type) {
    case VIR_TYPED_PARAM_INT: return p.value.i;
    case VIR_TYPED_PARAM_UINT: return p.value.ui;
    case VIR_TYPED_PARAM_LLONG: return p.value.l;
    case VIR_TYPED_PARAM_ULLONG: return p.value.ul;
    case VIR_TYPED_PARAM_DOUBLE: return p.value.d;
    case VIR_TYPED_PARAM_BOOLEAN: return p.value.b != 0;
    case VIR_TYPED_PARAM_STRING: return std::string(p.value.s);
    default: return std::monostate{};
  }
}

// Fills one C entry; a string is the only part that needs memory.
void assign(virTypedParameter& out, const TypedParam& in) {
  std::memset(&out, 0, sizeof out);
  std::strncpy(out.field, in.field.c_str(), VIR_TYPED_PARAM_FIELD_LENGTH - 1);
  out.type = in.type();
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, int>) out.value.i = v;
        else if constexpr (std::is_same_v<T, unsigned int>) out.value.ui = v;
        else if constexpr (std::is_same_v<T, long long>) out.value.l = v;
        else if constexpr (std::is_same_v<T, unsigned long long>) out.value.ul = v;
        else if constexpr (std::is_same_v<T, double>) out.value.d = v;
        else if constexpr (std::is_same_v<T, bool>) out.value.b = v;
        else if constexpr (std::is_same_v<T, std::string>) out.value.s = dupString(v);
      },
      in.value);
}

}  // namespace

TypedParamList typedParamsForSet(const virTypedParameter* params, int nparams) {
  TypedParamList list;
  list.reserve(nparams);
  for (int i = 0; i < nparams; i++) {
    const virTypedParameter& p = params[i];
    size_t nameLength = strnlen(p.field, VIR_TYPED_PARAM_FIELD_LENGTH);
    if (nameLength == VIR_TYPED_PARAM_FIELD_LENGTH)
      throw Error::verbatim(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
                            "string parameter name '" + std::string(p.field, nameLength) + "' too long");
    if (p.type == VIR_TYPED_PARAM_STRING && !p.value.s)
      throw Error::verbatim(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
                            "NULL string parameter '" + std::string(p.field) + "'");
    list.push_back({std::string(p.field, nameLength), valueOf(p), p.type});
  }
  return list;
}

int typedParamsIntoArray(const TypedParamList& values, virTypedParameterPtr out, int capacity) {
  int count = std::min(capacity, static_cast<int>(values.size()));
  for (int i = 0; i < count; i++) assign(out[i], values[i]);
  return count;
}

void typedParamsAllocated(const TypedParamList& values, virTypedParameterPtr* params, int* nparams) {
  virTypedParameterPtr array = allocZeroed<virTypedParameter>(values.size());
  *nparams = typedParamsIntoArray(values, array, static_cast<int>(values.size()));
  *params = array;
}

void typedParamsIntoCaller(const TypedParamList& values, virTypedParameterPtr params, int* nparams) {
  if (*nparams == 0)
    *nparams = static_cast<int>(values.size());
  else
    *nparams = typedParamsIntoArray(values, params, *nparams);
}

unsigned int stringParamsFlag(Call& call) {
  auto* supported = call.impl().hypervisor().typedParamStringsSupported;
  return !supported || supported(call.impl()) ? VIR_TYPED_PARAM_STRING_OKAY : 0;
}

}  // namespace vireo::capi
