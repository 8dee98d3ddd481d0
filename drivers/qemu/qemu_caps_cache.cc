#include "drivers/qemu/qemu_caps_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "lib/util/error.h"
#include "lib/util/fd.h"
#include "lib/util/log.h"

namespace vireo::qemu {
namespace {

// Bumped whenever the layout below changes, so that an older file is
// re-probed rather than misread.
constexpr int64_t kFormatVersion = 1;
// A cache file is a few tens of kilobytes; anything far larger is not ours.
constexpr off_t kMaxFileSize = 16 << 20;

// 64-bit FNV-1a: a stable file name per binary path. Collisions are harmless
// because the file records the full path, which load compares.
uint64_t hashPath(std::string_view path) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : path) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

json::Value stringSet(const std::set<std::string>& names) {
  json::Array out;
  out.reserve(names.size());
  for (const std::string& n : names) out.emplace_back(n);
  return json::Value(std::move(out));
}

std::set<std::string> stringSetFrom(const json::Value& array) {
  std::set<std::string> out;
  for (const json::Value& v : array.asArray()) out.insert(v.asString());
  return out;
}

unsigned asUnsigned(const json::Value& v) { return static_cast<unsigned>(v.asInt()); }

std::optional<std::string> readSmallFile(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return std::nullopt;
  struct stat st;
  if (::fstat(fd.get(), &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > kMaxFileSize) return std::nullopt;
  std::string text;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::nullopt;
    if (n == 0) return text;
    text.append(buf, static_cast<size_t>(n));
  }
}

void writeAll(int fd, const std::string& data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failSystem(VIR_FROM_QEMU, errno, "Unable to write " + path);
    done += static_cast<size_t>(n);
  }
}

// Removes the temporary file unless the rename went through.
struct TempFileGuard {
  std::string path;
  bool committed = false;
  ~TempFileGuard() {
    if (!committed) ::unlink(path.c_str());
  }
};

}  // namespace

std::string qemuCapsCachePath(const std::string& cacheDir, const std::string& binary) {
  char name[32];
  std::snprintf(name, sizeof name, "%016" PRIx64 ".json", hashPath(binary));
  return cacheDir + "/" + name;
}

json::Value qemuCapsToJson(const QemuCaps& caps) {
  json::Array machines;
  for (const QemuMachine& m : caps.machines) {
    machines.push_back(json::Value::object({
        {"name", m.name},
        {"alias", m.alias},
        {"is-default", m.isDefault},
        {"cpu-max", m.maxCpus},
        {"deprecated", m.deprecated},
        {"default-cpu-type", m.defaultCpuType},
        {"default-ram-id", m.defaultRamId},
    }));
  }
  return json::Value::object({
      {"format", kFormatVersion},
      {"binary", caps.binary},
      {"mtime", caps.binaryMtime},
      {"version", json::Value::object({{"major", caps.versionMajor},
                                       {"minor", caps.versionMinor},
                                       {"micro", caps.versionMicro}})},
      {"package", caps.package},
      {"arch", caps.arch},
      {"kvm", json::Value::object({{"present", caps.kvmPresent}, {"enabled", caps.kvmEnabled}})},
      {"machines", json::Value(std::move(machines))},
      {"commands", stringSet(caps.commands)},
      {"device-types", stringSet(caps.deviceTypes)},
      {"object-types", stringSet(caps.objectTypes)},
  });
}

QemuCaps qemuCapsFromJson(const json::Value& doc) {
  if (doc.at("format").asInt() != kFormatVersion)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "QEMU capabilities cache has another format version");
  QemuCaps caps;
  caps.binary = doc.at("binary").asString();
  caps.binaryMtime = doc.at("mtime").asInt();
  const json::Value& version = doc.at("version");
  caps.versionMajor = asUnsigned(version.at("major"));
  caps.versionMinor = asUnsigned(version.at("minor"));
  caps.versionMicro = asUnsigned(version.at("micro"));
  caps.package = doc.at("package").asString();
  caps.arch = doc.at("arch").asString();
  caps.kvmPresent = doc.at("kvm").at("present").asBool();
  caps.kvmEnabled = doc.at("kvm").at("enabled").asBool();
  for (const json::Value& m : doc.at("machines").asArray()) {
    QemuMachine machine;
    machine.name = m.at("name").asString();
    machine.alias = m.at("alias").asString();
    machine.isDefault = m.at("is-default").asBool();
    machine.maxCpus = asUnsigned(m.at("cpu-max"));
    machine.deprecated = m.at("deprecated").asBool();
    machine.defaultCpuType = m.at("default-cpu-type").asString();
    machine.defaultRamId = m.at("default-ram-id").asString();
    caps.machines.push_back(std::move(machine));
  }
  caps.commands = stringSetFrom(doc.at("commands"));
  caps.deviceTypes = stringSetFrom(doc.at("device-types"));
  caps.objectTypes = stringSetFrom(doc.at("object-types"));
  return caps;
}

std::optional<QemuCaps> loadCachedQemuCaps(const std::string& cacheDir, const std::string& binary,
                                           long long binaryMtime) {
  std::optional<std::string> text = readSmallFile(qemuCapsCachePath(cacheDir, binary));
  if (!text) return std::nullopt;
  try {
    QemuCaps caps = qemuCapsFromJson(json::parse(*text));
    // A different path means a hash collision; a different mtime an upgrade.
    if (caps.binary != binary || caps.binaryMtime != binaryMtime) return std::nullopt;
    return caps;
  } catch (const Error& e) {
    // Corrupt or truncated: probe again and overwrite.
    VIREO_DEBUG("qemu.qemu_caps_cache", "ignoring the cached capabilities of %s: %s", binary.c_str(),
                e.message().c_str());
    return std::nullopt;
  }
}

void saveCachedQemuCaps(const std::string& cacheDir, const QemuCaps& caps) {
  std::error_code ec;
  std::filesystem::create_directories(cacheDir, ec);
  if (ec) failSystem(VIR_FROM_QEMU, ec.value(), "Unable to create cache directory " + cacheDir);

  std::string path = qemuCapsCachePath(cacheDir, caps.binary);
  std::string tmpl = path + ".XXXXXX";
  UniqueFd fd(::mkostemp(tmpl.data(), O_CLOEXEC));
  if (!fd) failSystem(VIR_FROM_QEMU, errno, "Unable to create temporary file in " + cacheDir);
  TempFileGuard guard{tmpl};

  std::string text = json::serialize(qemuCapsToJson(caps));
  text += '\n';
  writeAll(fd.get(), text, tmpl);
  // The data must be on disk before the rename makes it the cache file, or a
  // crash could leave an empty file under the final name.
  if (::fsync(fd.get()) < 0) failSystem(VIR_FROM_QEMU, errno, "Unable to sync " + tmpl);
  fd.reset();
  if (::rename(tmpl.c_str(), path.c_str()) < 0)
    failSystem(VIR_FROM_QEMU, errno, "Unable to rename " + tmpl + " to " + path);
  guard.committed = true;

  // Persist the rename itself; a failure here only risks a re-probe.
  UniqueFd dir(::open(cacheDir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir) ::fsync(dir.get());
}

}  // namespace vireo::qemu
