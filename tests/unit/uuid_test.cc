#include <catch2/catch.hpp>

#include <unordered_set>

#include "lib/util/uuid.h"

using vireo::Uuid;

TEST_CASE("uuid parses libvirt's accepted spellings", "[uuid]") {
  auto a = Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f");
  REQUIRE(a);
  CHECK(a->toString() == "6695eb01-f6a4-8304-79aa-97f2502e193f");
  CHECK(Uuid::parse("6695EB01F6A4830479AA97F2502E193F") == a);
  CHECK(Uuid::parse("  66-95-eb01f6a4830479aa97f2502e193f\n") == a);
  CHECK(Uuid::parse("00000000-0000-0000-0000-000000000000"));
}

TEST_CASE("uuid rejects malformed text", "[uuid]") {
  CHECK_FALSE(Uuid::parse(""));
  CHECK_FALSE(Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193"));    // short
  CHECK_FALSE(Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f0"));  // long
  CHECK_FALSE(Uuid::parse("6-695eb01f6a4830479aa97f2502e193f"));      // dash inside a pair
  CHECK_FALSE(Uuid::parse("g695eb01-f6a4-8304-79aa-97f2502e193f"));
}

TEST_CASE("generated uuids are version 4 and distinct", "[uuid]") {
  std::unordered_set<Uuid> seen;
  for (int i = 0; i < 100; ++i) {
    Uuid u = Uuid::generate();
    CHECK((u.bytes[6] >> 4) == 4);
    CHECK((u.bytes[8] & 0xc0) == 0x80);
    CHECK(Uuid::parse(u.toString()) == u);
    seen.insert(u);
  }
  CHECK(seen.size() == 100);
}
