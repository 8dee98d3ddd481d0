// Conversions between the C typed-parameter arrays of the public API and the
// drivers' value type (lib/driver/typed_params.h).
#pragma once

#include <libvirt/libvirt.h>

#include "lib/driver/typed_params.h"

namespace vireo::capi {
class Call;
}

namespace vireo::capi {

// The caller's parameters for a "set" call, checked as libvirt's public
// layer checks them before any driver sees them (virTypedParameterValidateSet):
// a field name that fills all VIR_TYPED_PARAM_FIELD_LENGTH bytes (so has no
// terminator) and a string parameter whose string is NULL are refused.
driver::TypedParamList typedParamsForSet(const virTypedParameter* params, int nparams);

// Copies `values` into the caller's array of `capacity` entries (strings
// malloc'ed, to be released with virTypedParamsClear) and returns how many it
// wrote: all of them, or the first `capacity`, as libvirt's drivers fill a
// fixed array.
int typedParamsIntoArray(const driver::TypedParamList& values, virTypedParameterPtr out, int capacity);

// A new array holding `values`, malloc'ed for the caller (virTypedParamsFree
// releases it), into *params and its length into *nparams.
void typedParamsAllocated(const driver::TypedParamList& values, virTypedParameterPtr* params, int* nparams);

// Copies what a Get*Parameters call asks for: with *nparams 0, only how
// many there are; otherwise the first *nparams, and *nparams becomes the
// number copied.
void typedParamsIntoCaller(const driver::TypedParamList& values, virTypedParameterPtr params, int* nparams);

// VIR_TYPED_PARAM_STRING_OKAY when the connection's driver takes string
// parameters, else 0: what libvirt's public layer adds to a get's flags.
unsigned int stringParamsFlag(Call& call);

}  // namespace vireo::capi
