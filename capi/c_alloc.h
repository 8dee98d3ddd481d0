// Zeroed malloc'ed arrays for the structures the facade hands to the
// application, which frees them with free() or libvirt's *Free functions.
#pragma once

#include <cstdlib>
#include <vector>

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

// A malloc'ed array of the converted items, all released on failure.
template <typename Item, typename Ptr, typename Convert, typename Free>
int intoList(const std::vector<Item>& items, Ptr** out, Convert&& convert, Free&& release) {
  Ptr* list = allocZeroed<Ptr>(items.size());
  try {
    for (size_t i = 0; i < items.size(); i++) list[i] = convert(items[i]);
  } catch (...) {
    for (size_t i = 0; i < items.size(); i++) release(list[i]);
    std::free(list);
    throw;
  }
  *out = list;
  return static_cast<int>(items.size());
}

}  // namespace vireo::capi
