// VIR_DOMAIN_DEFINE_VALIDATE: documents checked against libvirt's RelaxNG
// schema, with libvirt 9.0's errors (the expected messages were read from
// Debian's libvirt 9.0 through python3-libvirt, test:///default).
#include <catch2/catch.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "lib/conf/domain.h"
#include "lib/conf/domain_schema.h"
#include "lib/util/error.h"
#include "lib/util/xml.h"
#include "tests/support/temp_dir.h"

using namespace vireo::conf;

namespace {

const std::string kPrefix = std::string("Unable to validate doc against ") + kDomainSchemaPath + "\n";

// Whether libvirt's schema is installed here. Where it is not, the tests that
// need it pass without checking anything, except under CI, where it must be.
bool haveLibvirtSchema() {
  if (access(kDomainSchemaPath, R_OK) == 0) return true;
  const char* ci = getenv("CI");
  if (ci && std::string(ci) == "true") FAIL(kDomainSchemaPath << " is missing (install libvirt0)");
  WARN("skipped: " << kDomainSchemaPath << " is not installed");
  return false;
}

std::string domainWith(const std::string& extraAttrs, const std::string& memory, const std::string& tail) {
  return "<domain type='test'" + extraAttrs + "><name>v</name><memory>" + memory +
         "</memory><os><type>hvm</type></os>" + tail + "</domain>";
}

// The error of parseDomainXml(xml, flags), or a default Error if it passed.
vireo::Error parseError(const std::string& xml, unsigned flags) {
  try {
    parseDomainXml(xml, flags);
  } catch (const vireo::Error& e) {
    return e;
  }
  return vireo::Error::verbatim(VIR_ERR_OK, VIR_FROM_NONE, "");
}

}  // namespace

TEST_CASE("a valid document passes libvirt's schema", "[conf][schema]") {
  if (!haveLibvirtSchema()) return;
  DomainDef def = parseDomainXml(domainWith("", "1024", ""), ParseInactive | ParseValidate);
  CHECK(def.name == "v");
}

TEST_CASE("an invalid document gets libvirt's schema error", "[conf][schema]") {
  if (!haveLibvirtSchema()) return;
  struct Case {
    std::string xml, detail;
  };
  const std::vector<Case> cases = {
      {domainWith("", "1024", "<bogus/>"), "Element domain has extra content: bogus\n"},
      {domainWith(" foo='1'", "1024", ""), "Invalid attribute foo for element domain\n"},
      {domainWith("", "abc", ""),
       "Type unsignedLong doesn't allow value 'abc'\nExtra element memory in interleave\n"
       "Invalid sequence in interleave\nElement domain failed to validate content\n"},
      {domainWith("", "1024", "<devices><disk type='file'><bad/></disk></devices>"),
       "Extra element devices in interleave\nElement domain failed to validate content\n"},
  };
  for (const Case& c : cases) {
    INFO(c.xml);
    vireo::Error e = parseError(c.xml, ParseInactive | ParseValidate);
    CHECK(e.code() == VIR_ERR_XML_INVALID_SCHEMA);
    CHECK(e.domain() == VIR_FROM_XML);
    CHECK(e.message() == "XML document failed to validate against schema: " + kPrefix + c.detail);
    // Without the flag the schema is not consulted: the model ignores what it
    // does not know, or refuses with its own error.
    CHECK(parseError(c.xml, ParseInactive).code() != VIR_ERR_XML_INVALID_SCHEMA);
  }
}

TEST_CASE("a document that is not well formed fails before the schema is consulted", "[conf][schema]") {
  vireo::Error e = parseError("<domain type='test'><name>v</name>", ParseValidate);
  CHECK(e.code() == VIR_ERR_XML_DETAIL);
  CHECK(e.domain() == VIR_FROM_DOMAIN);
}

TEST_CASE("a missing schema is an error, never a pass", "[conf][schema]") {
  vireo::test::TempDir dir("vireo-schema");
  std::string missing = dir.sub("domain.rng");
  auto doc = vireo::xml::Document::parse("<domain/>", "(domain_definition)", VIR_FROM_DOMAIN);
  for (int attempt = 0; attempt < 2; ++attempt) {  // a failed load is not cached
    try {
      validateAgainstSchema(doc, missing);
      FAIL("validated against a missing schema");
    } catch (const vireo::Error& e) {
      CHECK(e.code() == VIR_ERR_INTERNAL_ERROR);
      CHECK(e.domain() == VIR_FROM_XML);
      CHECK(e.message() == "internal error: Unable to parse RNG " + missing +
                               ": xmlRelaxNGParse: could not load " + missing + "\n");
    }
  }
}

TEST_CASE("a schema is parsed once and shared by threads", "[conf][schema]") {
  vireo::test::TempDir dir("vireo-schema");
  std::string path = dir.sub("tiny.rng");
  std::ofstream(path) << "<element name='domain' xmlns='http://relaxng.org/ns/structure/1.0'>"
                         "<attribute name='type'><value>test</value></attribute></element>";
  auto good = vireo::xml::Document::parse("<domain type='test'/>", "(t)", VIR_FROM_DOMAIN);
  auto bad = vireo::xml::Document::parse("<domain type='kvm'/>", "(t)", VIR_FROM_DOMAIN);
  validateAgainstSchema(good, path);
  // Removing the file shows the schema is not read again.
  REQUIRE(unlink(path.c_str()) == 0);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        try {
          validateAgainstSchema(good, path);
          validateAgainstSchema(bad, path);
          ++failures[t];  // the bad document must not pass
        } catch (const vireo::Error& e) {
          if (e.code() != VIR_ERR_XML_INVALID_SCHEMA) ++failures[t];
        }
      }
    });
  for (auto& th : threads) th.join();
  for (int f : failures) CHECK(f == 0);
}

TEST_CASE("readDomainDocument, where the QEMU driver starts, validates with the flag only", "[conf][schema]") {
  if (!haveLibvirtSchema()) return;
  std::string invalid = domainWith("", "1024", "<bogus/>");
  CHECK(readDomainDocument(invalid, 0).name == "domain");
  try {
    readDomainDocument(invalid, ParseValidate);
    FAIL("an invalid document passed");
  } catch (const vireo::Error& e) {
    CHECK(e.code() == VIR_ERR_XML_INVALID_SCHEMA);
  }
}
