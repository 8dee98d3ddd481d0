// Runs the domain XML conformance corpus through the public C API.
//
//   run-conformance CORPUS_DIR [LOG_FILE [SCORE_FLOOR_FILE]]
//
// For each case: open test:///default (a fresh connection per case, so that
// each case sees the driver's initial state), virDomainDefineXML the input,
// and compare with what libvirt 9.0.0 did: the error code of a refusal, or
// the formatted XML (flags 0 and VIR_DOMAIN_XML_INACTIVE) of an acceptance.
// Prints one summary line; per-case failures go to LOG_FILE. Exits 1 if the
// number of matching cases is below the integer in SCORE_FLOOR_FILE.
//
// Builds against vireo and, for checking the runner itself, against libvirt.
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <iostream>
#include <sstream>
#include <string>

#include "corpus.h"

namespace {

void silence(void*, virErrorPtr) {}

struct ConnCloser {
  void operator()(virConnectPtr c) const { virConnectClose(c); }
};
struct DomFree {
  void operator()(virDomainPtr d) const { virDomainFree(d); }
};

std::string formatXml(virDomainPtr dom, unsigned flags) {
  char* s = virDomainGetXMLDesc(dom, flags);
  if (!s) return "<error: virDomainGetXMLDesc failed>";
  std::string out = s;
  free(s);
  return out;
}

// Runs one case; returns "" on a match, else a description of the mismatch.
std::string runCase(const corpus::Case& c) {
  std::unique_ptr<virConnect, ConnCloser> conn(virConnectOpen("test:///default"));
  if (!conn) return "cannot open test:///default";
  virResetLastError();
  std::unique_ptr<virDomain, DomFree> dom(virDomainDefineXML(conn.get(), c.input.c_str()));
  if (!dom) {
    virErrorPtr err = virGetLastError();
    int code = err ? err->code : 0;
    std::string msg = err && err->message ? err->message : "";
    if (!c.accepted && code == c.errorCode) return "";
    if (!c.accepted)
      return "refused with code " + std::to_string(code) + " (" + msg + "), expected code " +
             std::to_string(c.errorCode) + " (" + c.errorMessage + ")";
    return "refused with code " + std::to_string(code) + ": " + msg;
  }
  std::string result;
  if (!c.accepted) {
    result = "accepted, expected refusal with code " + std::to_string(c.errorCode) + " (" +
             c.errorMessage + ")";
  } else {
    std::string live = corpus::canonical(formatXml(dom.get(), 0), c.input);
    std::string inactive = corpus::canonical(formatXml(dom.get(), VIR_DOMAIN_XML_INACTIVE), c.input);
    std::string wantLive = corpus::canonical(c.xml, c.input);
    std::string wantInactive = corpus::canonical(c.xmlInactive, c.input);
    if (live != wantLive) result = "xml differs " + corpus::firstDifference(wantLive, live);
    else if (inactive != wantInactive)
      result = "inactive xml differs " + corpus::firstDifference(wantInactive, inactive);
  }
  virDomainUndefine(dom.get());
  return result;
}

long readFloor(const char* path) {
  if (!path) return 0;
  std::ifstream in(path);
  long floor = 0;
  if (!(in >> floor)) {
    std::cerr << "cannot read a number from " << path << "\n";
    return 0;
  }
  return floor;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " CORPUS_DIR [LOG_FILE [SCORE_FLOOR_FILE]]\n";
    return 2;
  }
  const std::string dir = argv[1];
  struct stat st;
  if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") {
      std::cerr << "../shared is missing: no conformance corpus at " << dir << "\n";
      return 1;
    }
    std::cout << "SKIP: ../shared/conformance not found\n";
    return 77;
  }
  virSetErrorFunc(nullptr, silence);

  std::ofstream log;
  if (argc > 2) log.open(argv[2]);
  auto names = corpus::listCases(dir);
  std::size_t matched = 0;
  for (const auto& name : names) {
    std::string problem;
    try {
      problem = runCase(corpus::loadCase(dir, name));
    } catch (const std::exception& e) {
      problem = std::string("cannot load case: ") + e.what();
    }
    if (problem.empty()) ++matched;
    else if (log) log << name << ": " << problem << "\n";
  }
  double pct = names.empty() ? 0.0 : 100.0 * static_cast<double>(matched) / static_cast<double>(names.size());
  char line[128];
  std::snprintf(line, sizeof line, "domain-xml conformance: %zu/%zu cases match (%.1f%%)", matched,
                names.size(), pct);
  std::cout << line << "\n";
  if (log) log << line << "\n";
  long floor = readFloor(argc > 3 ? argv[3] : nullptr);
  if (static_cast<long>(matched) < floor) {
    std::cerr << "below the score floor of " << floor << "\n";
    return 1;
  }
  return names.empty() ? 1 : 0;
}
