// Zeroed malloc'ed arrays for the structures the facade hands to the
// application, which frees them with free() or libvirt's *Free functions.
#pragma once

#include <cstdlib>

#include "lib/util/error.h"

namespace vireo::capi {

// `count` zeroed T's (at least one byte is asked for, so the result is never
// NULL); throws VIR_ERR_NO_MEMORY.
template <typename T>
T* allocZeroed(size_t count) {
  void* p = std::calloc(count ? count : 1, sizeof(T));
  if (!p) fail(VIR_ERR_NO_MEMORY, VIR_FROM_NONE, "");
  return static_cast<T*>(p);
}

}  // namespace vireo::capi
