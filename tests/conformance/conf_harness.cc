// Development harness: the conformance corpus through vireo::conf directly,
// without a driver. It simulates what libvirt's test driver adds around the
// XML code: the preexisting domain "test" (name and UUID collisions) and the
// "testnetN" names it gives to interfaces without a target device.
//
//   conf-harness CORPUS_DIR [LOG_FILE [SCORE_FLOOR_FILE]]
//
// Exits 77 (skip) when the corpus is absent, 1 below the score floor.
#include <libvirt/libvirt.h>

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "corpus.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"

namespace {

const char* kTestUuid = "6695eb01-f6a4-8304-79aa-97f2502e193f";

// The test driver names each interface without a target "testnetN", N the
// lowest number no interface of the domain uses yet.
void assignTestIfnames(vireo::conf::DomainDef& def) {
  for (auto& n : def.nets) {
    if (!n.targetDev.empty()) continue;
    for (int i = 0;; ++i) {
      std::string name = "testnet" + std::to_string(i);
      bool used = false;
      for (const auto& o : def.nets) used |= o.targetDev == name;
      if (!used) {
        n.targetDev = name;
        break;
      }
    }
  }
}

std::string runCase(const corpus::Case& c) {
  vireo::conf::DomainDef def;
  int code = 0;
  std::string msg;
  try {
    def = vireo::conf::parseDomainXml(c.input, vireo::conf::ParseInactive);
    bool sameName = def.name == "test";
    bool sameUuid = def.uuid.toString() == kTestUuid;
    if (sameName != sameUuid) {
      code = VIR_ERR_OPERATION_FAILED;
      msg = "collides with domain 'test'";
    }
  } catch (const vireo::Error& e) {
    code = e.code();
    msg = e.message();
  }
  if (code) {
    if (!c.accepted && code == c.errorCode) return "";
    return "refused with code " + std::to_string(code) + " (" + msg + "), expected " +
           (c.accepted ? "acceptance" : "code " + std::to_string(c.errorCode) + " (" + c.errorMessage + ")");
  }
  if (!c.accepted)
    return "accepted, expected refusal with code " + std::to_string(c.errorCode) + " (" + c.errorMessage + ")";
  assignTestIfnames(def);
  std::string live = corpus::canonical(vireo::conf::formatDomainXml(def, 0, -1), c.input);
  std::string inactive =
      corpus::canonical(vireo::conf::formatDomainXml(def, VIR_DOMAIN_XML_INACTIVE, -1), c.input);
  std::string want = corpus::canonical(c.xml, c.input);
  if (live != want) return "xml differs " + corpus::firstDifference(want, live);
  if (inactive != corpus::canonical(c.xmlInactive, c.input)) return "inactive xml differs";
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " CORPUS_DIR [LOG_FILE]\n";
    return 2;
  }
  struct stat st;
  if (stat(argv[1], &st) != 0) {
    std::cout << "SKIP: ../shared/conformance not found\n";
    return 77;
  }
  std::ofstream log;
  if (argc > 2) log.open(argv[2]);
  auto names = corpus::listCases(argv[1]);
  std::size_t matched = 0;
  for (const auto& name : names) {
    std::string problem;
    try {
      problem = runCase(corpus::loadCase(argv[1], name));
    } catch (const std::exception& e) {
      problem = std::string("exception: ") + e.what();
    }
    if (problem.empty()) ++matched;
    else if (log) log << name << ": " << problem << "\n";
  }
  std::printf("domain-xml conformance (conf harness): %zu/%zu cases match (%.1f%%)\n", matched,
              names.size(), names.empty() ? 0.0 : 100.0 * static_cast<double>(matched) / static_cast<double>(names.size()));
  long floor = 0;
  if (argc > 3) std::ifstream(argv[3]) >> floor;
  return static_cast<long>(matched) < floor ? 1 : 0;
}
