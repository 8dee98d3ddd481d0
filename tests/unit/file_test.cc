#include <catch2/catch.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "lib/util/error.h"
#include "lib/util/file.h"
#include "tests/support/temp_dir.h"

using vireo::test::TempDir;

namespace {

}  // namespace

TEST_CASE("readWholeFile reads up to its limit and no further", "[file]") {
  TempDir dir("vireo-file-test");
  std::string path = dir.path + "/f";
  vireo::writeFileAtomic(path, std::string(100, 'x'), 0600, VIR_FROM_NONE);
  CHECK(vireo::readWholeFile(path, VIR_FROM_NONE).size() == 100);
  CHECK(vireo::readWholeFile(path, VIR_FROM_NONE, 100).size() == 100);
  try {
    vireo::readWholeFile(path, VIR_FROM_TEST, 99);
    FAIL("a file over the limit was read");
  } catch (const vireo::Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.domain() == VIR_FROM_TEST);
    CHECK(e.int1 == EFBIG);
    CHECK(e.message() == "Failed to read file '" + path + "': File too large (over 99 bytes)");
  }
}

TEST_CASE("readWholeFile stops an endless file at the limit", "[file]") {
  // Without a limit this would read until memory runs out.
  try {
    vireo::readWholeFile("/dev/zero", VIR_FROM_TEST, vireo::kMaxXmlFileBytes);
    FAIL("/dev/zero was read to its end");
  } catch (const vireo::Error& e) {
    CHECK(e.int1 == EFBIG);
    CHECK(e.message() == "Failed to read file '/dev/zero': File too large (over 10485760 bytes)");
  }
}
