#include "lib/conf/cpu_map.h"

#include "lib/conf/arch.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/xml.h"

namespace vireo::conf {

namespace {

// The CPU driver of an architecture, named as the map's <arch name=...>;
// empty for a driver that lists no models.
struct CpuDriver {
  bool exists;
  std::string_view mapArch;
};

CpuDriver cpuDriverFor(std::string_view arch) {
  if (arch == "i686" || arch == "x86_64") return {true, "x86"};
  if (arch == "ppc64" || arch == "ppc64le") return {true, "ppc64"};
  if (arch == "armv6l" || arch == "armv7l" || arch == "armv7b" || arch == "aarch64") return {true, {}};
  if (arch == "s390" || arch == "s390x") return {true, {}};
  return {false, {}};
}

xml::Element readMapFile(const std::string& path) {
  return xml::parseElement(readWholeFile(path, VIR_FROM_CPU), path, VIR_FROM_CPU);
}

}  // namespace

std::vector<std::string> cpuModelNames(std::string_view arch, int domain, const std::string& mapDir) {
  if (!isKnownArch(arch))
    fail(VIR_ERR_INVALID_ARG, static_cast<virErrorDomain>(domain),
         "cannot find architecture " + std::string(arch));
  CpuDriver driver = cpuDriverFor(arch);
  if (!driver.exists)
    fail(VIR_ERR_NO_SUPPORT, VIR_FROM_CPU, "'" + std::string(arch) + "' architecture is not supported by CPU driver");
  std::vector<std::string> names;
  if (driver.mapArch.empty()) return names;

  // libvirt reads its whole map once per process; vireo reads the files at
  // each call (about 60 small files: well under a millisecond warm).
  xml::Element index = readMapFile(mapDir + "/index.xml");
  for (const xml::Element* group : index.childrenNamed("arch")) {
    if (group->attrOr("name") != driver.mapArch) continue;
    for (const xml::Element* include : group->childrenNamed("include")) {
      xml::Element file = readMapFile(mapDir + "/" + include->attrOr("filename"));
      for (const xml::Element* model : file.childrenNamed("model")) names.push_back(model->attrOr("name"));
    }
  }
  return names;
}

}  // namespace vireo::conf
