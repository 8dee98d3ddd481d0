#include "lib/driver/typed_params.h"

#include <algorithm>

#include "lib/util/error.h"

namespace vireo::driver {

std::string_view typedParamTypeName(int type) {
  switch (type) {
    case VIR_TYPED_PARAM_INT: return "int";
    case VIR_TYPED_PARAM_UINT: return "uint";
    case VIR_TYPED_PARAM_LLONG: return "llong";
    case VIR_TYPED_PARAM_ULLONG: return "ullong";
    case VIR_TYPED_PARAM_DOUBLE: return "double";
    case VIR_TYPED_PARAM_BOOLEAN: return "boolean";
    case VIR_TYPED_PARAM_STRING: return "string";
    default: return "unknown";
  }
}

void validateTypedParams(const TypedParamList& params, std::initializer_list<TypedParamSpec> accepted) {
  std::vector<const TypedParam*> byName;
  byName.reserve(params.size());
  for (const TypedParam& p : params) byName.push_back(&p);
  std::stable_sort(byName.begin(), byName.end(),
                   [](const TypedParam* a, const TypedParam* b) { return a->field < b->field; });

  const TypedParam* previous = nullptr;
  for (const TypedParam* p : byName) {
    auto spec = std::find_if(accepted.begin(), accepted.end(),
                             [&](const TypedParamSpec& s) { return s.field == p->field; });
    if (spec == accepted.end())
      fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_NONE, "parameter '" + p->field + "' not supported");
    if (previous && previous->field == p->field)
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "parameter '" + p->field + "' occurs multiple times");
    if (p->type() != spec->type)
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
           "invalid type '" + std::string(typedParamTypeName(p->type())) + "' for parameter '" + p->field +
               "', expected '" + std::string(typedParamTypeName(spec->type)) + "'");
    previous = p;
  }
}

}  // namespace vireo::driver
