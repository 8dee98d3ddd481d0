// libvirt-common.h: the virTypedParams* helpers that build, read and release
// typed parameter arrays.
//
// These follow libvirt 9.0.0's src/util/virtypedparam-public.c to the letter,
// including its quirks, because applications observe them:
//  - the adders do not refuse a name that is already present (lookups then
//    find the first one);
//  - a name that does not fit VIR_TYPED_PARAM_FIELD_LENGTH is an internal
//    error, "Field name '...' too long";
//  - the array grows (and *maxparams is updated) before the new entry is
//    validated, so a failed add may still have reallocated the array;
//  - virTypedParamsGet, virTypedParamsAddStringList, virTypedParamsClear and
//    virTypedParamsFree are plain functions that do not reset the last
//    error, so they do not go through guarded().
// All errors are reported in VIR_FROM_NONE.
//
// Arrays are allocated with realloc() and freed with free(), like libvirt's
// (glib) allocations, so that an application may free either library's
// arrays with either function.
#include <strings.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "capi/facade.h"

using namespace vireo;
using namespace vireo::capi;

namespace {

constexpr virErrorDomain kArea = VIR_FROM_NONE;

// virTypedParameterTypeToString; libvirt formats the NULL it returns for an
// unknown type with printf, which glibc prints as "(null)".
const char* typeName(int type) {
  switch (type) {
    case VIR_TYPED_PARAM_INT: return "int";
    case VIR_TYPED_PARAM_UINT: return "uint";
    case VIR_TYPED_PARAM_LLONG: return "llong";
    case VIR_TYPED_PARAM_ULLONG: return "ullong";
    case VIR_TYPED_PARAM_DOUBLE: return "double";
    case VIR_TYPED_PARAM_BOOLEAN: return "boolean";
    case VIR_TYPED_PARAM_STRING: return "string";
    default: return "(null)";
  }
}

// --- building ---

// Makes room for one more entry the way libvirt's VIR_RESIZE_N does (grow by
// what is missing but at least half the current capacity; new entries
// zeroed) and returns the slot at index *nparams. The caller's pointers are
// updated at once, so nothing leaks if filling the slot fails later.
virTypedParameterPtr appendSlot(Call& call, virTypedParameterPtr* params, int* nparams, int* maxparams) {
  // libvirt dereferences these unchecked (and crashes); reporting is kinder.
  call.nonNull(params, "params");
  call.nonNull(nparams, "nparams");
  call.nonNull(maxparams, "maxparams");
  // Negative counts make libvirt abort or write out of bounds.
  call.nonNegative(*nparams, "nparams");
  call.nonNegative(*maxparams, "maxparams");

  size_t n = static_cast<size_t>(*nparams);
  size_t max = static_cast<size_t>(*maxparams);
  if (n + 1 > max) {
    size_t delta = n + 1 - max;
    if (delta < max / 2) delta = max / 2;
    size_t grown = max + delta;
    if (grown > static_cast<size_t>(INT_MAX)) throw std::bad_alloc();
    void* mem = std::realloc(*params, grown * sizeof(virTypedParameter));
    if (!mem) throw std::bad_alloc();
    *params = static_cast<virTypedParameterPtr>(mem);
    std::memset(*params + max, 0, delta * sizeof(virTypedParameter));
    *maxparams = static_cast<int>(grown);
  }
  return *params + n;
}

// Names the slot, as libvirt's virStrcpyStatic does: a name that is too long
// is still copied, truncated, before the error. A NULL name leaves the field
// as it is (libvirt's g_strlcpy refuses the copy but reports success).
void setField(virTypedParameterPtr slot, const char* name) {
  if (!name) return;
  size_t len = std::strlen(name);
  size_t copied = std::min(len, sizeof slot->field - 1);
  std::memcpy(slot->field, name, copied);
  slot->field[copied] = '\0';
  if (len >= sizeof slot->field)
    fail(VIR_ERR_INTERNAL_ERROR, kArea, std::string("Field name '") + name + "' too long");
}

// One virTypedParamsAdd<Type>: grow, name the new slot, set its type, let
// `assign` store the value, and only then count it.
template <typename Assign>
int addParam(const char* function, virTypedParameterPtr* params, int* nparams, int* maxparams,
             const char* name, int type, Assign&& assign) {
  return guarded(function, kArea, -1, [&](Call& call) {
    virTypedParameterPtr slot = appendSlot(call, params, nparams, maxparams);
    setField(slot, name);
    slot->type = type;
    assign(slot->value);
    ++*nparams;
    return 0;
  });
}

// --- parsing, as libvirt's virStrToLong_* / virStrToDouble with base 10 and
// no end pointer: leading white space and a sign are accepted, trailing
// characters are not ---

bool parsed(const char* text, const char* end) { return errno == 0 && end != text && *end == '\0'; }

bool parseInt(const char* text, int* out) {
  char* end;
  errno = 0;
  long v = std::strtol(text, &end, 10);
  if (!parsed(text, end) || static_cast<int>(v) != v) return false;
  *out = static_cast<int>(v);
  return true;
}

// strtoul accepts a sign; libvirt allows a negated value as long as its
// magnitude fits 32 bits, so that "-1" means UINT_MAX whatever the size of
// long.
bool parseUInt(const char* text, unsigned int* out) {
  char* end;
  errno = 0;
  unsigned long v = std::strtoul(text, &end, 10);
  bool bad = false;
  if (std::memchr(text, '-', static_cast<size_t>(end - text))) {
    if (-v > UINT_MAX)
      bad = true;
    else
      v &= 0xffffffffUL;
  }
  if (bad || !parsed(text, end) || static_cast<unsigned int>(v) != v) return false;
  *out = static_cast<unsigned int>(v);
  return true;
}

bool parseLLong(const char* text, long long* out) {
  char* end;
  errno = 0;
  long long v = std::strtoll(text, &end, 10);
  if (!parsed(text, end)) return false;
  *out = v;
  return true;
}

// Like strtoull, "-1" is ULLONG_MAX.
bool parseULLong(const char* text, unsigned long long* out) {
  char* end;
  errno = 0;
  unsigned long long v = std::strtoull(text, &end, 10);
  if (!parsed(text, end)) return false;
  *out = v;
  return true;
}

// strtod, so hexadecimal floats, "inf" and "nan" are accepted, and overflow
// and underflow (ERANGE) are not.
bool parseDouble(const char* text, double* out) {
  char* end;
  errno = 0;
  double v = std::strtod(text, &end);
  if (!parsed(text, end)) return false;
  *out = v;
  return true;
}

[[noreturn]] void badValue(const char* name, const char* expected) {
  fail(VIR_ERR_INVALID_ARG, kArea,
       std::string("Invalid value for field '") + name + "': expected " + expected);
}

// libvirt's virTypedParameterAssignFromStr.
void assignFromString(virTypedParameterPtr slot, const char* name, int type, const char* text) {
  std::string field = name ? name : "(null)";
  if (!text) fail(VIR_ERR_INVALID_ARG, kArea, "NULL value for field '" + field + "'");
  setField(slot, name);
  slot->type = type;
  auto& v = slot->value;
  switch (type) {
    case VIR_TYPED_PARAM_INT:
      if (!parseInt(text, &v.i)) badValue(field.c_str(), "int");
      break;
    case VIR_TYPED_PARAM_UINT:
      if (!parseUInt(text, &v.ui)) badValue(field.c_str(), "unsigned int");
      break;
    case VIR_TYPED_PARAM_LLONG:
      if (!parseLLong(text, &v.l)) badValue(field.c_str(), "long long");
      break;
    case VIR_TYPED_PARAM_ULLONG:
      if (!parseULLong(text, &v.ul)) badValue(field.c_str(), "unsigned long long");
      break;
    case VIR_TYPED_PARAM_DOUBLE:
      if (!parseDouble(text, &v.d)) badValue(field.c_str(), "double");
      break;
    case VIR_TYPED_PARAM_BOOLEAN:
      if (strcasecmp(text, "true") == 0 || std::strcmp(text, "1") == 0)
        v.b = 1;
      else if (strcasecmp(text, "false") == 0 || std::strcmp(text, "0") == 0)
        v.b = 0;
      else
        fail(VIR_ERR_INVALID_ARG, kArea, "Invalid boolean value for field '" + field + "'");
      break;
    case VIR_TYPED_PARAM_STRING:
      v.s = dupString(text);
      break;
    default:
      fail(VIR_ERR_INTERNAL_ERROR, kArea,
           "unexpected type " + std::to_string(type) + " for field " + field);
  }
}

// --- reading ---

// The first entry named `name`, or null. A negative count finds nothing.
virTypedParameterPtr find(virTypedParameterPtr params, int nparams, const char* name) {
  if (!params || !name) return nullptr;
  for (int i = 0; i < nparams; i++)
    if (std::strcmp(params[i].field, name) == 0) return params + i;
  return nullptr;
}

// One virTypedParamsGet<Type>: 0 if absent, -1 if of another type, else 1
// after `read` has stored the value (a NULL `value` pointer is allowed and
// simply not written).
template <typename Read>
int getParam(const char* function, virTypedParameterPtr params, int nparams, const char* name, int type,
             Read&& read) {
  return guarded(function, kArea, -1, [&](Call&) {
    virTypedParameterPtr param = find(params, nparams, name);
    if (!param) return 0;
    // libvirt reports this one with the code's prefix ("invalid argument: ").
    if (param->type != type)
      fail(VIR_ERR_INVALID_ARG, kArea,
           std::string("Invalid type '") + typeName(type) + "' requested for parameter '" + name +
               "', actual type is '" + typeName(param->type) + "'");
    read(param->value);
    return 1;
  });
}

}  // namespace

extern "C" {

int virTypedParamsAddInt(virTypedParameterPtr* params, int* nparams, int* maxparams, const char* name,
                         int value) {
  return addParam("virTypedParamsAddInt", params, nparams, maxparams, name, VIR_TYPED_PARAM_INT,
                  [&](auto& v) { v.i = value; });
}

int virTypedParamsAddUInt(virTypedParameterPtr* params, int* nparams, int* maxparams, const char* name,
                          unsigned int value) {
  return addParam("virTypedParamsAddUInt", params, nparams, maxparams, name, VIR_TYPED_PARAM_UINT,
                  [&](auto& v) { v.ui = value; });
}

int virTypedParamsAddLLong(virTypedParameterPtr* params, int* nparams, int* maxparams, const char* name,
                           long long value) {
  return addParam("virTypedParamsAddLLong", params, nparams, maxparams, name, VIR_TYPED_PARAM_LLONG,
                  [&](auto& v) { v.l = value; });
}

int virTypedParamsAddULLong(virTypedParameterPtr* params, int* nparams, int* maxparams, const char* name,
                            unsigned long long value) {
  return addParam("virTypedParamsAddULLong", params, nparams, maxparams, name, VIR_TYPED_PARAM_ULLONG,
                  [&](auto& v) { v.ul = value; });
}

int virTypedParamsAddDouble(virTypedParameterPtr* params, int* nparams, int* maxparams, const char* name,
                            double value) {
  return addParam("virTypedParamsAddDouble", params, nparams, maxparams, name, VIR_TYPED_PARAM_DOUBLE,
                  [&](auto& v) { v.d = value; });
}

int virTypedParamsAddBoolean(virTypedParameterPtr* params, int* nparams, int* maxparams, const char* name,
                             int value) {
  return addParam("virTypedParamsAddBoolean", params, nparams, maxparams, name, VIR_TYPED_PARAM_BOOLEAN,
                  [&](auto& v) { v.b = value ? 1 : 0; });
}

// A NULL value is stored as "" (libvirt's virTypedParameterAssign does so).
int virTypedParamsAddString(virTypedParameterPtr* params, int* nparams, int* maxparams, const char* name,
                            const char* value) {
  return addParam("virTypedParamsAddString", params, nparams, maxparams, name, VIR_TYPED_PARAM_STRING,
                  [&](auto& v) { v.s = dupString(value ? value : ""); });
}

// Not an entry point of its own in libvirt: a loop over
// virTypedParamsAddString, each of which resets and reports the error. Hence
// its odd results, kept as they are: a NULL list returns 0 and an empty one
// returns -1, both without touching the last error.
int virTypedParamsAddStringList(virTypedParameterPtr* params, int* nparams, int* maxparams, const char* name,
                                const char** values) {
  if (!values) return 0;
  int rv = -1;
  for (size_t i = 0; values[i]; i++) {
    rv = virTypedParamsAddString(params, nparams, maxparams, name, values[i]);
    if (rv < 0) break;
  }
  return rv;
}

int virTypedParamsAddFromString(virTypedParameterPtr* params, int* nparams, int* maxparams, const char* name,
                                int type, const char* value) {
  return guarded("virTypedParamsAddFromString", kArea, -1, [&](Call& call) {
    virTypedParameterPtr slot = appendSlot(call, params, nparams, maxparams);
    assignFromString(slot, name, type, value);
    ++*nparams;
    return 0;
  }, entryArgs("params, nparams, maxparams, name, type, value", params, nparams, maxparams, name, type, value));
}

// A plain lookup in libvirt too: it cannot fail and, unlike the typed
// getters, does not reset the last error.
virTypedParameterPtr virTypedParamsGet(virTypedParameterPtr params, int nparams, const char* name) {
  return find(params, nparams, name);
}

int virTypedParamsGetInt(virTypedParameterPtr params, int nparams, const char* name, int* value) {
  return getParam("virTypedParamsGetInt", params, nparams, name, VIR_TYPED_PARAM_INT, [&](auto& v) {
    if (value) *value = v.i;
  });
}

int virTypedParamsGetUInt(virTypedParameterPtr params, int nparams, const char* name, unsigned int* value) {
  return getParam("virTypedParamsGetUInt", params, nparams, name, VIR_TYPED_PARAM_UINT, [&](auto& v) {
    if (value) *value = v.ui;
  });
}

int virTypedParamsGetLLong(virTypedParameterPtr params, int nparams, const char* name, long long* value) {
  return getParam("virTypedParamsGetLLong", params, nparams, name, VIR_TYPED_PARAM_LLONG, [&](auto& v) {
    if (value) *value = v.l;
  });
}

int virTypedParamsGetULLong(virTypedParameterPtr params, int nparams, const char* name,
                            unsigned long long* value) {
  return getParam("virTypedParamsGetULLong", params, nparams, name, VIR_TYPED_PARAM_ULLONG, [&](auto& v) {
    if (value) *value = v.ul;
  });
}

int virTypedParamsGetDouble(virTypedParameterPtr params, int nparams, const char* name, double* value) {
  return getParam("virTypedParamsGetDouble", params, nparams, name, VIR_TYPED_PARAM_DOUBLE, [&](auto& v) {
    if (value) *value = v.d;
  });
}

// Any non-zero byte reads as 1, even one the application stored itself.
int virTypedParamsGetBoolean(virTypedParameterPtr params, int nparams, const char* name, int* value) {
  return getParam("virTypedParamsGetBoolean", params, nparams, name, VIR_TYPED_PARAM_BOOLEAN, [&](auto& v) {
    if (value) *value = v.b ? 1 : 0;
  });
}

// The string is the array's own, not a copy.
int virTypedParamsGetString(virTypedParameterPtr params, int nparams, const char* name, const char** value) {
  return getParam("virTypedParamsGetString", params, nparams, name, VIR_TYPED_PARAM_STRING, [&](auto& v) {
    if (value) *value = v.s;
  });
}

// Frees the strings and nulls their pointers, so a second Clear is harmless.
void virTypedParamsClear(virTypedParameterPtr params, int nparams) {
  if (!params) return;
  for (int i = 0; i < nparams; i++) {
    if (params[i].type == VIR_TYPED_PARAM_STRING) {
      std::free(params[i].value.s);
      params[i].value.s = nullptr;
    }
  }
}

void virTypedParamsFree(virTypedParameterPtr params, int nparams) {
  virTypedParamsClear(params, nparams);
  std::free(params);
}

}  // extern "C"
