// virConnectFindStoragePoolSources as libvirt 9.0's test driver answers
// it: a fixed list of two volume groups for logical pools, one NFS export
// of the host named in the source specification for netfs pools, and
// nothing to discover for any other type. Its quirks are kept: "dir" (the
// first pool type) is reported as an unknown type, and an unknown name as
// a type without discovery.
#include "drivers/test/test_storage.h"

#include <string>

#include "lib/conf/storage_common.h"
#include "lib/conf/storage_pool.h"
#include "lib/util/error.h"

namespace vireo::test {
namespace {

constexpr const char* kLogicalSources =
    "<sources>\n"
    "  <source>\n"
    "    <device path='/dev/sda20'/>\n"
    "    <name>testvg1</name>\n"
    "    <format type='lvm2'/>\n"
    "  </source>\n"
    "  <source>\n"
    "    <device path='/dev/sda21'/>\n"
    "    <name>testvg2</name>\n"
    "    <format type='lvm2'/>\n"
    "  </source>\n"
    "</sources>\n";

std::string netfsSources(const std::string& host) {
  return "<sources>\n"
         "  <source>\n"
         "    <host name='" + host + "'/>\n"
         "    <dir path='/testshare'/>\n"
         "    <format type='nfs'/>\n"
         "  </source>\n"
         "</sources>\n";
}

}  // namespace

std::string findStoragePoolSources(driver::Connection&, std::string_view type, std::optional<std::string_view> srcSpec,
                                   unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testConnectFindStoragePoolSources");
  std::optional<conf::PoolType> poolType = conf::poolTypeFromName(type);
  // libvirt tests the type's index for zero, which is also "dir"'s.
  if (poolType == conf::PoolType::Dir)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "unknown storage pool type " + std::string(type));
  std::string host;
  if (srcSpec) {
    xml::Element source = conf::parseRoot(*srcSpec, "(storage_source_specification)", "source", VIR_FROM_STORAGE);
    if (const xml::Element* h = source.child("host")) host = h->attrOr("name");
  }
  if (poolType == conf::PoolType::Logical) return kLogicalSources;
  if (poolType == conf::PoolType::Netfs) {
    if (host.empty()) fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "hostname must be specified for netfs sources");
    return netfsSources(host);
  }
  fail(VIR_ERR_NO_SUPPORT, VIR_FROM_TEST, "pool type '" + std::string(type) + "' does not support source discovery");
}

}  // namespace vireo::test
