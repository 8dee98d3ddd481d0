// Save images and managed save.
//
// The image format is libvirt's test driver's (libvirt-api.md §3.2): the
// magic "TestGuestMagic" with its NUL (15 bytes), a native-endian int32 with
// the XML's length, then the domain XML. Images written by libvirt and by
// vireo are interchangeable.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"

namespace vireo::test {

using driver::Connection;
using driver::DomainIdentity;

void requireActive(const TestDomain& dom);

namespace {

constexpr char kMagic[] = "TestGuestMagic";  // written with its terminating NUL
constexpr int32_t kMaxXmlLength = 10 * 1024 * 1024;

void writeAll(int fd, const void* data, size_t len, const std::string& path) {
  const char* p = static_cast<const char*>(data);
  while (len > 0) {
    ssize_t n = ::write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failSystem(VIR_FROM_TEST, errno, "saving domain failed to write to '" + path + "'");
    p += n;
    len -= static_cast<size_t>(n);
  }
}

// Reads exactly `len` bytes; false at end of file.
bool readAll(int fd, void* data, size_t len) {
  char* p = static_cast<char*>(data);
  while (len > 0) {
    ssize_t n = ::read(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    len -= static_cast<size_t>(n);
  }
  return true;
}

void writeImage(const std::string& path, const std::string& xml) {
  UniqueFd fd(::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600));
  if (!fd) failSystem(VIR_FROM_TEST, errno, "saving domain failed to open '" + path + "'");
  try {
    int32_t len = static_cast<int32_t>(xml.size());
    writeAll(fd.get(), kMagic, sizeof kMagic, path);
    writeAll(fd.get(), &len, sizeof len, path);
    writeAll(fd.get(), xml.data(), xml.size(), path);
    if (::fsync(fd.get()) < 0) failSystem(VIR_FROM_TEST, errno, "saving domain failed to sync '" + path + "'");
  } catch (...) {
    ::unlink(path.c_str());  // never leave a partial image behind
    throw;
  }
}

std::string readImage(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) failSystem(VIR_FROM_TEST, errno, "cannot read domain image '" + path + "'");
  char magic[sizeof kMagic];
  if (!readAll(fd.get(), magic, sizeof magic))
    failSystem(VIR_FROM_TEST, errno ? errno : EIO, "incomplete save header in '" + path + "'");
  if (std::memcmp(magic, kMagic, sizeof magic) != 0)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "mismatched header magic");
  int32_t len = 0;
  if (!readAll(fd.get(), &len, sizeof len))
    failSystem(VIR_FROM_TEST, errno ? errno : EIO, "failed to read metadata length in '" + path + "'");
  if (len < 1 || len > kMaxXmlLength) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "length of metadata out of range");
  std::string xml(static_cast<size_t>(len), '\0');
  if (!readAll(fd.get(), xml.data(), xml.size()))
    failSystem(VIR_FROM_TEST, errno ? errno : EIO, "incomplete metadata in '" + path + "'");
  return xml;
}

}  // namespace

namespace domainops {

void saveFlags(Connection& conn, DomainIdentity& id, const char* path, const char* dxml, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED, VIR_FROM_TEST,
             "testDomainSaveFlags");
  if (dxml) fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_TEST, "xml modification unsupported");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  requireActive(dom);
  writeImage(path, conf::formatDomainXml(dom.def, VIR_DOMAIN_XML_SECURE, -1));
  s.stop(dom, VIR_DOMAIN_SHUTOFF_SAVED, VIR_DOMAIN_EVENT_STOPPED_SAVED);
  id.id = -1;
}

void restoreFlags(Connection& conn, const char* path, const char* dxml, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED, VIR_FROM_TEST,
             "testDomainRestoreFlags");
  if (dxml) fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_TEST, "xml modification unsupported");
  conf::DomainDef def = parseDefinition(readImage(path), conf::ParseInactive);

  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  // The image is the live definition.
  s.startDefinition(std::move(def), VIR_DOMAIN_RUNNING_RESTORED, VIR_DOMAIN_EVENT_STARTED_RESTORED);
}

std::string saveImageGetXMLDesc(Connection&, const std::string& file, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_SAVE_IMAGE_XML_SECURE, VIR_FROM_TEST, "testDomainSaveImageGetXMLDesc");
  conf::DomainDef def = parseDefinition(readImage(file), conf::ParseInactive);
  // libvirt's test driver shows secrets whatever the flags say.
  return conf::formatDomainXml(def, VIR_DOMAIN_XML_SECURE, -1);
}

void saveImageDefineXML(Connection&, const std::string& file, const std::string& dxml, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED, VIR_FROM_TEST, "testDomainSaveImageDefineXML");
  readImage(file);  // it must be a save image already
  conf::DomainDef def = parseDefinition(dxml, conf::ParseInactive);
  writeImage(file, conf::formatDomainXml(def, VIR_DOMAIN_XML_SECURE, -1));
}

void managedSave(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED, VIR_FROM_TEST,
             "testDomainManagedSave");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  requireActive(dom);
  if (!dom.persistent)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "cannot do managed save for transient domain");
  dom.hasManagedSave = true;
  s.stop(dom, VIR_DOMAIN_SHUTOFF_SAVED, VIR_DOMAIN_EVENT_STOPPED_SAVED);
  id.id = -1;
}

int hasManagedSaveImage(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainHasManagedSaveImage");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.get(id).hasManagedSave ? 1 : 0;
}

void managedSaveRemove(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainManagedSaveRemove");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  s.get(id).hasManagedSave = false;
}

}  // namespace domainops
}  // namespace vireo::test
