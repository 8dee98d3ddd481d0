// A private directory under /tmp for a unit test, removed with everything
// in it when the test ends.
#pragma once

#include <stdlib.h>

#include <stdexcept>
#include <string>

#include "lib/util/file.h"

namespace vireo::test {

struct TempDir {
  std::string path;

  // `prefix` names the test in the directory's name: /tmp/PREFIX-XXXXXX.
  explicit TempDir(const std::string& prefix = "vireo-test") {
    std::string tmpl = "/tmp/" + prefix + "-XXXXXX";
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp " + tmpl + " failed");
    path = tmpl;
  }
  ~TempDir() { removeTree(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // A name inside the directory.
  std::string sub(const std::string& name) const { return path + "/" + name; }
};

}  // namespace vireo::test
