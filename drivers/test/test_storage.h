// The test driver's storage table (test_storage.cc).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lib/driver/storage_driver.h"

namespace vireo::test {

extern const driver::StorageDriver kStorageDriver;

// virConnectFindStoragePoolSources (test_storage_sources.cc).
std::string findStoragePoolSources(driver::Connection&, std::string_view type, std::optional<std::string_view> srcSpec,
                                   unsigned int flags);

}  // namespace vireo::test
