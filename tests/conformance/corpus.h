// The domain XML conformance corpus: reading cases and comparing outputs.
//
// A case is NAME.xml (the input) and NAME.expected.json (what libvirt 9.0.0's
// test driver did with it; see ../shared/conformance/domain-xml/README.md).
// Shared by the runner (public API) and the internal harness.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace corpus {

struct Case {
  std::string name;
  std::string input;
  bool accepted = false;
  std::string xml, xmlInactive;   // when accepted
  int errorCode = 0, errorDomain = 0;
  std::string errorMessage;        // when refused
};

// The case names in `dir`, sorted. Empty if the directory cannot be read.
std::vector<std::string> listCases(const std::string& dir);

// Loads one case; throws std::runtime_error on unreadable or malformed files.
Case loadCase(const std::string& dir, const std::string& name);

// A minimal JSON reader for flat objects of string/number/bool/null values.
// Throws std::runtime_error on anything else.
std::map<std::string, std::string> parseFlatJson(const std::string& text);

// Canonical text for comparing formatted XML: whitespace between elements
// dropped, "<x></x>" written "<x/>", and values that are random in libvirt
// (a <uuid>/<genid> the input did not give, a MAC address the input did not
// give) replaced by a placeholder.
std::string canonical(const std::string& xml, const std::string& input);

// A short description of where two canonical strings first differ.
std::string firstDifference(const std::string& expected, const std::string& actual);

}  // namespace corpus
