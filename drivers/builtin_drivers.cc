// The drivers compiled into vireo, in the order the registry asks them.
#include "drivers/test/test_driver.h"
#include "lib/driver/registry.h"

namespace vireo::driver {

void registerBuiltinDrivers() {
  registerDriver(&test::kConnectionDriver);
}

}  // namespace vireo::driver
