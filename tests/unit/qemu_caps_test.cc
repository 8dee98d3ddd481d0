// probeQemuCaps against the real qemu-system-x86_64, its on-disk cache, and
// the failures a wrong binary gives.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "drivers/qemu/qemu_caps.h"
#include "drivers/qemu/qemu_caps_cache.h"
#include "lib/util/error.h"
#include "lib/util/json.h"
#include "tests/support/temp_dir.h"

using vireo::test::TempDir;

using vireo::Error;
using vireo::qemu::QemuCaps;
using vireo::qemu::QemuMachine;
using vireo::qemu::probeQemuCaps;
namespace json = vireo::json;

namespace {

constexpr const char* kQemu = "/usr/bin/qemu-system-x86_64";

bool haveQemu() { return ::access(kQemu, X_OK) == 0; }

#define REQUIRE_QEMU()                                                     \
  do {                                                                     \
    if (!haveQemu()) {                                                     \
      WARN("SKIPPED: " << kQemu << " is not installed or not executable"); \
      return;                                                              \
    }                                                                      \
  } while (0)

size_t entriesIn(const std::string& dir) {
  size_t n = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

// True when this process has no child left, reaped or not.
bool noChildren() {
  int status;
  return ::waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void writeFile(const std::string& path, const std::string& text, mode_t mode = 0644) {
  {
    std::ofstream out(path, std::ios::trunc);
    out << text;
  }
  REQUIRE(::chmod(path.c_str(), mode) == 0);
}

double secondsOf(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

// The message of the vireo::Error that probing `binary` throws.
Error probeError(const std::string& binary, const std::string& scratch) {
  try {
    probeQemuCaps(binary, "", scratch);
  } catch (const Error& e) {
    return e;
  }
  FAIL("probing " << binary << " succeeded");
  throw;  // not reached
}

}  // namespace

TEST_CASE("QEMU caps: machines by name and alias, the default machine", "[qemu][caps]") {
  QemuCaps caps;
  caps.machines = {
      {"pc-i440fx-7.2", "pc", true, 255, false, "qemu64-x86_64-cpu", "pc.ram"},
      {"pc-q35-7.2", "q35", false, 288, false, "qemu64-x86_64-cpu", "pc.ram"},
      {"pc-i440fx-7.1", "", false, 255, false, "", ""},
      {"q35", "", false, 1, false, "", ""},  // a name equal to another's alias
  };
  REQUIRE(caps.findMachine("pc") != nullptr);
  CHECK(caps.findMachine("pc")->name == "pc-i440fx-7.2");
  CHECK(caps.findMachine("pc-i440fx-7.1")->name == "pc-i440fx-7.1");
  CHECK(caps.findMachine("q35")->maxCpus == 1);  // the name wins over the alias
  CHECK(caps.findMachine("") == nullptr);         // empty aliases never match
  CHECK(caps.findMachine("virt") == nullptr);
  REQUIRE(caps.defaultMachine() != nullptr);
  CHECK(caps.defaultMachine()->name == "pc-i440fx-7.2");
  caps.machines[0].isDefault = false;
  CHECK(caps.defaultMachine() == nullptr);
}

TEST_CASE("QEMU caps: targets map to libvirt's arch names", "[qemu][caps]") {
  using vireo::qemu::archFromQemuTarget;
  CHECK(archFromQemuTarget("x86_64") == "x86_64");
  CHECK(archFromQemuTarget("i386") == "i686");
  CHECK(archFromQemuTarget("arm") == "armv7l");
  CHECK(archFromQemuTarget("aarch64") == "aarch64");
  CHECK(archFromQemuTarget("ppc64") == "ppc64");
  CHECK(archFromQemuTarget("s390x") == "s390x");
  CHECK(archFromQemuTarget("riscv64") == "riscv64");
  CHECK(archFromQemuTarget("or32") == "openrisc");
  CHECK(archFromQemuTarget("hppa").empty());
  CHECK(archFromQemuTarget("").empty());
}

TEST_CASE("QEMU caps: the cache document round-trips", "[qemu][caps]") {
  QemuCaps caps;
  caps.binary = "/opt/qemu/bin/qemu-system-x86_64";
  caps.binaryMtime = 1700000000;
  caps.versionMajor = 7;
  caps.versionMinor = 2;
  caps.versionMicro = 22;
  caps.package = "Debian 1:7.2+dfsg-7";
  caps.arch = "x86_64";
  caps.machines = {{"pc-q35-7.2", "q35", false, 288, true, "qemu64-x86_64-cpu", "pc.ram"}};
  caps.kvmPresent = true;
  caps.commands = {"query-status", "quit"};
  caps.deviceTypes = {"virtio-blk-pci"};
  caps.objectTypes = {"device", "virtio-blk-pci"};
  QemuCaps back = vireo::qemu::qemuCapsFromJson(json::parse(json::serialize(vireo::qemu::qemuCapsToJson(caps))));
  CHECK(back.binary == caps.binary);
  CHECK(back.binaryMtime == caps.binaryMtime);
  CHECK(back.version() == 7002022);
  CHECK(back.package == caps.package);
  CHECK(back.arch == "x86_64");
  REQUIRE(back.machines.size() == 1);
  CHECK(back.machines[0].alias == "q35");
  CHECK(back.machines[0].maxCpus == 288);
  CHECK(back.machines[0].deprecated);
  CHECK(back.machines[0].defaultCpuType == "qemu64-x86_64-cpu");
  CHECK(back.kvmPresent);
  CHECK_FALSE(back.kvmEnabled);
  CHECK(back.commands == caps.commands);
  CHECK(back.deviceTypes == caps.deviceTypes);
  CHECK(back.objectTypes == caps.objectTypes);
  CHECK_THROWS_AS(vireo::qemu::qemuCapsFromJson(json::parse(R"({"format":1})")), Error);
  CHECK_THROWS_AS(vireo::qemu::qemuCapsFromJson(json::parse(R"({"format":99})")), Error);
}

TEST_CASE("QEMU caps: probe the real binary, then from the cache", "[qemu][caps]") {
  REQUIRE_QEMU();
  TempDir tmp("vireo-caps-test");
  std::string cache = tmp.sub("cache");  // created by the probe
  std::string scratch = tmp.sub("scratch");
  REQUIRE(::mkdir(scratch.c_str(), 0700) == 0);

  auto t0 = std::chrono::steady_clock::now();
  QemuCaps caps = probeQemuCaps(kQemu, cache, scratch);
  auto cold = std::chrono::steady_clock::now() - t0;

  CHECK(caps.binary == kQemu);
  CHECK(caps.versionMajor == 7);
  CHECK(caps.versionMinor == 2);
  CHECK(caps.version() / 1000 == 7002);
  CHECK_FALSE(caps.package.empty());
  CHECK(caps.arch == "x86_64");
  const QemuMachine* pc = caps.findMachine("pc");
  REQUIRE(pc != nullptr);
  CHECK(pc->name == "pc-i440fx-7.2");
  CHECK(pc->alias == "pc");
  CHECK(pc->maxCpus > 1);
  CHECK(pc->defaultRamId == "pc.ram");
  CHECK(pc->defaultCpuType == "qemu64-x86_64-cpu");
  REQUIRE(caps.defaultMachine() != nullptr);
  CHECK(caps.defaultMachine()->name == "pc-i440fx-7.2");
  REQUIRE(caps.findMachine("q35") != nullptr);
  CHECK(caps.findMachine("q35")->name == "pc-q35-7.2");
  CHECK(caps.findMachine("none") == nullptr);  // the probe's own empty machine is left out
  CHECK(caps.hasDevice("virtio-blk-pci"));
  CHECK(caps.hasDevice("e1000"));
  CHECK_FALSE(caps.hasDevice("device"));  // abstract: not a -device driver
  CHECK(caps.objectTypes.count("device") == 1);  // but a QOM type all the same
  CHECK(caps.objectTypes.count("memory-backend-file") == 1);
  CHECK(caps.hasCommand("query-status"));
  CHECK(caps.hasCommand("blockdev-add"));
  CHECK_FALSE(caps.hasCommand("no-such-command"));
  // The probe asks for accel=kvm:tcg where /dev/kvm is usable, so KVM is
  // enabled exactly there; elsewhere QEMU runs TCG and says so.
  if (::access("/dev/kvm", R_OK | W_OK) == 0) {
    CHECK(caps.kvmPresent);
    CHECK(caps.kvmEnabled);
  } else {
    CHECK_FALSE(caps.kvmEnabled);
  }

  // Nothing left behind: no socket, no directory, no process.
  CHECK(entriesIn(scratch) == 0);
  CHECK(noChildren());
  CHECK(entriesIn(cache) == 1);  // the cache file, and no temporary file

  t0 = std::chrono::steady_clock::now();
  QemuCaps cached = probeQemuCaps(kQemu, cache, scratch);
  auto warm = std::chrono::steady_clock::now() - t0;
  CHECK(cached.machines.size() == caps.machines.size());
  CHECK(cached.findMachine("pc")->name == "pc-i440fx-7.2");
  CHECK(cached.deviceTypes == caps.deviceTypes);
  CHECK(cached.objectTypes == caps.objectTypes);
  CHECK(cached.commands == caps.commands);
  CHECK(cached.version() == caps.version());
  CHECK(cached.package == caps.package);
  WARN("probe of " << kQemu << ": cold " << secondsOf(cold) * 1000 << " ms, cached " << secondsOf(warm) * 1000
                   << " ms (ratio " << secondsOf(cold) / secondsOf(warm) << ")");
  CHECK(warm * 10 < cold);

  SECTION("a corrupt cache file is replaced by a new probe") {
    std::string file = vireo::qemu::qemuCapsCachePath(cache, kQemu);
    writeFile(file, "{\"format\":1,\"binary\":\"garbage");
    CHECK_FALSE(vireo::qemu::loadCachedQemuCaps(cache, kQemu, caps.binaryMtime));
    QemuCaps again = probeQemuCaps(kQemu, cache, scratch);
    CHECK(again.findMachine("pc")->name == "pc-i440fx-7.2");
    CHECK(vireo::qemu::loadCachedQemuCaps(cache, kQemu, caps.binaryMtime).has_value());
    CHECK(entriesIn(scratch) == 0);
  }

  SECTION("a cache file made for another mtime is not used") {
    std::string file = vireo::qemu::qemuCapsCachePath(cache, kQemu);
    json::Value doc = json::parse(readFile(file));
    doc.set("mtime", caps.binaryMtime - 100);
    doc.set("package", "stale");
    writeFile(file, json::serialize(doc));
    CHECK_FALSE(vireo::qemu::loadCachedQemuCaps(cache, kQemu, caps.binaryMtime));
    QemuCaps again = probeQemuCaps(kQemu, cache, scratch);
    CHECK(again.package == caps.package);  // probed anew, not read from the stale file
    CHECK(json::parse(readFile(file)).at("mtime").asInt() == caps.binaryMtime);
  }
}

TEST_CASE("QEMU caps: probing without a cache leaves no cache", "[qemu][caps]") {
  REQUIRE_QEMU();
  TempDir tmp("vireo-caps-test");
  QemuCaps caps = probeQemuCaps(kQemu, "", tmp.path);
  CHECK(caps.arch == "x86_64");
  CHECK(entriesIn(tmp.path) == 0);
  CHECK(noChildren());

  // A cache directory that cannot be made is an error naming it.
  try {
    probeQemuCaps(kQemu, "/proc/vireo-no-such-dir/cache", tmp.path);
    FAIL("probing with an impossible cache directory succeeded");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK_THAT(e.message(), Catch::StartsWith("Unable to create cache directory /proc/vireo-no-such-dir/cache: "));
  }
  CHECK(entriesIn(tmp.path) == 0);
  CHECK(noChildren());
}

TEST_CASE("QEMU caps: binaries that are missing or not QEMU", "[qemu][caps]") {
  TempDir tmp("vireo-caps-test");

  Error missing = probeError("/nonexistent/qemu-system-x86_64", tmp.path);
  CHECK(missing.code() == VIR_ERR_SYSTEM_ERROR);
  CHECK(missing.domain() == VIR_FROM_QEMU);
  CHECK(missing.message() == "Cannot check QEMU binary /nonexistent/qemu-system-x86_64: No such file or directory");

  Error relative = probeError("qemu-system-x86_64", tmp.path);
  CHECK(relative.code() == VIR_ERR_INVALID_ARG);

  std::string plain = tmp.sub("plain-file");
  writeFile(plain, "not a program\n", 0644);
  Error notExec = probeError(plain, tmp.path);
  CHECK(notExec.code() == VIR_ERR_SYSTEM_ERROR);
  CHECK(notExec.message() == "QEMU binary " + plain + " is not executable: Permission denied");

  std::string junk = tmp.sub("junk");
  writeFile(junk, "\x7f" "ELFjunk", 0755);
  Error noExec = probeError(junk, tmp.path);
  CHECK(noExec.code() == VIR_ERR_SYSTEM_ERROR);
  CHECK(noExec.message() == "Cannot execute QEMU binary " + junk + ": Exec format error");

  if (::access("/bin/false", X_OK) == 0) {
    Error falseErr = probeError("/bin/false", tmp.path);
    CHECK(falseErr.code() == VIR_ERR_INTERNAL_ERROR);
    CHECK(falseErr.domain() == VIR_FROM_QEMU);
    CHECK(falseErr.message() ==
          "internal error: Failed to probe QEMU binary /bin/false: it exited with status 1 before its monitor "
          "was ready");
  } else {
    WARN("SKIPPED the /bin/false case: /bin/false is missing");
  }

  // A "QEMU" that complains on stderr: its words end up in the error.
  std::string script = tmp.sub("fake-qemu");
  writeFile(script, "#!/bin/sh\necho \"fake-qemu: -chardev: unsupported option\" >&2\nexit 3\n", 0755);
  Error said = probeError(script, tmp.path);
  CHECK(said.message() == "internal error: Failed to probe QEMU binary " + script +
                              ": it exited with status 3 before its monitor was ready: "
                              "fake-qemu: -chardev: unsupported option");

  // Each failure cleaned up its socket directory and reaped its process.
  CHECK(entriesIn(tmp.path) == 3);  // only the three files made above
  CHECK(noChildren());
}

TEST_CASE("QEMU caps: a QEMU that dies in the middle of the probe", "[qemu][caps]") {
  if (::access("/usr/bin/python3", X_OK) != 0) {
    WARN("SKIPPED: /usr/bin/python3 is needed for the scripted fake QEMU");
    return;
  }
  TempDir tmp("vireo-caps-test");
  // A fake QEMU that takes the monitor connection on fd 3 as QEMU does,
  // negotiates, reads the first query, complains on stderr and exits.
  std::string fake = tmp.sub("crashing-qemu");
  writeFile(fake,
            "#!/usr/bin/python3\n"
            "import json, os, socket, sys\n"
            "conn, _ = socket.socket(fileno=3).accept()\n"
            "conn.sendall(b'{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7},"
            " \"package\": \"\"}, \"capabilities\": []}}\\r\\n')\n"
            "lines = conn.makefile('rb')\n"
            "req = json.loads(lines.readline())\n"
            "conn.sendall(json.dumps({'return': {}, 'id': req['id']}).encode() + b'\\r\\n')\n"
            "lines.readline()\n"
            "sys.stderr.write('crashing-qemu: assertion failed\\n')\n"
            "sys.stderr.flush()\n"
            "os._exit(1)\n",
            0755);
  try {
    probeQemuCaps(fake, "", tmp.path);
    FAIL("the probe of a crashing QEMU succeeded");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_OPERATION_FAILED);
    CHECK(e.domain() == VIR_FROM_QEMU);
    CHECK(e.message() == "operation failed: QEMU monitor was closed (probing QEMU binary " + fake +
                             "): crashing-qemu: assertion failed");
  }
  CHECK(entriesIn(tmp.path) == 1);  // the script only
  CHECK(noChildren());
}
