// The companion libraries' side of capi/companion.h: the table, fetched and
// checked once.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "capi/companion.h"

namespace vireo::companion {

inline const VireoCompanionApi& api() {
  static const VireoCompanionApi* table = [] {
    const VireoCompanionApi* t = vireoCompanionApi();
    if (t->size != sizeof(VireoCompanionApi)) {
      // Mixed builds: calling through a table of another layout would jump
      // anywhere. Nothing sensible can be returned instead.
      std::fprintf(stderr, "vireo: companion library and libvireo are of different builds\n");
      std::abort();
    }
    return t;
  }();
  return *table;
}

}  // namespace vireo::companion
