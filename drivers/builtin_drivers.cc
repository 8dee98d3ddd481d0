// The drivers compiled into vireo, in the order the registry asks them.
#include "drivers/lxc/lxc_driver.h"
#include "drivers/qemu/qemu_driver.h"
#include "drivers/remote/remote_driver.h"
#include "drivers/test/test_driver.h"
#include "lib/driver/registry.h"

namespace vireo::driver {

void registerBuiltinDrivers() {
  registerDriver(&test::kConnectionDriver);
  registerDriver(&qemu::kConnectionDriver);
  registerDriver(&lxc::kConnectionDriver);
  registerDriver(&remote::kConnectionDriver);
}

}  // namespace vireo::driver
