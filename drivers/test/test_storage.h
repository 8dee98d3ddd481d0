// The test driver's storage table (test_storage.cc).
#pragma once

#include "lib/driver/storage_driver.h"

namespace vireo::test {

extern const driver::StorageDriver kStorageDriver;

}  // namespace vireo::test
