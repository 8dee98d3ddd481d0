// The path policy of the private /dev and the mount-table reader: pure
// functions, no root needed.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "lib/ns/dev_path.h"
#include "lib/ns/mount_table.h"
#include "lib/util/error.h"

using namespace vireo::ns;

namespace {

// The message of the refusal, or "" when the path is accepted.
std::string refusal(const std::string& path) {
  try {
    checkDevPath(path, VIR_FROM_QEMU);
    return "";
  } catch (const vireo::Error& e) {
    CHECK(e.code() == VIR_ERR_CONFIG_UNSUPPORTED);
    CHECK(e.domain() == VIR_FROM_QEMU);
    return e.message();
  }
}

}  // namespace

TEST_CASE("device paths: accepted and refused, by components", "[ns][path]") {
  struct Row {
    const char* path;
    const char* why;  // "" = accepted
  };
  const Row rows[] = {
      {"/dev/null", ""},
      {"/dev/disk/by-id/wwn-0x5000", ""},
      {"/dev/mapper/vg-lv", ""},
      {"/dev/.hidden", ""},
      {"/dev/..x", ""},
      {"/devfoo", "is not under /dev"},
      {"/devfoo/bar", "is not under /dev"},
      {"/dev", "is not under /dev"},
      {"/", "names no file"},
      {"/etc/shadow", "is not under /dev"},
      {"/dev/../etc/shadow", "has a '..' component"},
      {"/dev/disk/../../etc/shadow", "has a '..' component"},
      {"/dev/./null", "has a '.' component"},
      {"/dev/null/.", "has a '.' component"},
      {"/dev//null", "has an empty component"},
      {"//dev/null", "has an empty component"},
      {"/dev/null/", "ends with a slash"},
      {"/dev/", "ends with a slash"},
      {"dev/null", "is not absolute"},
      {"null", "is not absolute"},
      {"./dev/null", "is not absolute"},
      {"", "is empty"},
  };
  for (const auto& row : rows) {
    INFO("path: " << row.path);
    std::string msg = refusal(row.path);
    if (row.why[0] == '\0') {
      CHECK(msg.empty());
    } else {
      CHECK(msg == std::string("unsupported configuration: device path '") + row.path + "' " + row.why);
    }
  }
}

TEST_CASE("paths relative to /dev", "[ns][path]") {
  CHECK(checkDevRelativePath("sdb", VIR_FROM_QEMU) == "/dev/sdb");
  CHECK(checkDevRelativePath("disk/by-id/x", VIR_FROM_QEMU) == "/dev/disk/by-id/x");
  for (const char* bad : {"", "/sdb", "../etc/shadow", "a/../b", "a//b", "a/", ".", "a/./b"}) {
    INFO("rel: " << bad);
    CHECK_THROWS_AS(checkDevRelativePath(bad, VIR_FROM_QEMU), vireo::Error);
  }
}

TEST_CASE("pathIsWithin compares components, not prefixes", "[ns][path]") {
  CHECK(pathIsWithin("/dev/shm", "/dev/shm"));
  CHECK(pathIsWithin("/dev/shm/x", "/dev/shm"));
  CHECK_FALSE(pathIsWithin("/dev/shmfoo", "/dev/shm"));
  CHECK_FALSE(pathIsWithin("/devfoo", "/dev"));
  CHECK_FALSE(pathIsWithin("/dev", "/dev/shm"));
  CHECK(pathIsUnderDev("/dev/a"));
  CHECK_FALSE(pathIsUnderDev("/dev"));
  CHECK_FALSE(pathIsUnderDev("/devfoo"));
  CHECK_FALSE(pathIsUnderDev("dev/a"));
  CHECK(devRelativePath("/dev/disk/by-id/x") == "disk/by-id/x");
}

TEST_CASE("symlink targets are normalised against the link's directory", "[ns][path]") {
  CHECK(normalizeAbsolutePath("/dev/disk/by-id/../../dm-0") == "/dev/dm-0");
  CHECK(normalizeAbsolutePath("/a/./b//c/") == "/a/b/c");
  CHECK(normalizeAbsolutePath("/../../x") == "/x");
  CHECK(normalizeAbsolutePath("/") == "/");
  CHECK(resolveLinkTarget("/dev/disk/by-id", "../../dm-0") == "/dev/dm-0");
  CHECK(resolveLinkTarget("/dev/mapper", "../dm-3") == "/dev/dm-3");
  CHECK(resolveLinkTarget("/dev", "pts/ptmx") == "/dev/pts/ptmx");
  CHECK(resolveLinkTarget("/dev", "/proc/self/fd") == "/proc/self/fd");
  CHECK(resolveLinkTarget("/dev/a", "../../../../etc/passwd") == "/etc/passwd");
}

TEST_CASE("mountinfo: the mounts below /dev that stay shared", "[ns][mount]") {
  const char* text =
      "23 26 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw,size=123k,mode=755\n"
      "24 23 0:22 / /dev/shm rw,relatime - tmpfs tmpfs rw\n"
      "25 23 0:23 / /dev/pts rw,relatime - devpts devpts rw,mode=600,ptmxmode=000\n"
      "28 25 0:25 / /dev/pts rw,relatime - devpts devpts rw,mode=600,ptmxmode=000\n"
      "30 23 0:40 / /dev/hugepages rw,relatime shared:5 - hugetlbfs hugetlbfs rw,pagesize=2M\n"
      "31 23 0:41 / /dev/huge\\0401G rw,relatime - hugetlbfs hugetlbfs rw,pagesize=1G\n"
      "32 24 0:42 / /dev/shm/inner rw - tmpfs tmpfs rw\n"
      "33 23 0:43 / /dev/mqueue rw - mqueue mqueue rw\n"
      "34 23 0:44 / /dev/shmfoo rw - tmpfs tmpfs rw\n"
      "35 23 0:45 / /devfoo rw - hugetlbfs hugetlbfs rw\n"
      "36 23 0:46 / /dev/other rw - tmpfs tmpfs rw\n"
      "garbage line\n"
      "26 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n";
  auto table = parseMountInfo(text);
  REQUIRE(table.size() == 12);
  CHECK(table[5].mountPoint == "/dev/huge 1G");
  CHECK(table[5].fsType == "hugetlbfs");
  CHECK(preservedDevMounts(table) ==
        std::vector<std::string>{"/dev/huge 1G", "/dev/hugepages", "/dev/mqueue", "/dev/pts", "/dev/shm"});
  CHECK(devSubmounts(table) == std::vector<std::string>{"/dev/huge 1G", "/dev/hugepages", "/dev/mqueue", "/dev/other",
                                                         "/dev/pts", "/dev/shm", "/dev/shmfoo"});
}

// lib/ns serves the QEMU and the container driver: its errors carry the
// caller's error domain, not a fixed one.
TEST_CASE("lib/ns errors carry the caller's error domain", "[ns][path]") {
  for (int domain : {VIR_FROM_QEMU, VIR_FROM_LXC}) {
    CAPTURE(domain);
    try {
      checkDevPath("/dev/../etc/shadow", domain);
      FAIL("accepted");
    } catch (const vireo::Error& e) {
      CHECK(e.domain() == domain);
    }
    try {
      checkDevRelativePath("a//b", domain);
      FAIL("accepted");
    } catch (const vireo::Error& e) {
      CHECK(e.domain() == domain);
    }
    try {
      readMountInfo("/nonexistent/mountinfo", domain);
      FAIL("read");
    } catch (const vireo::Error& e) {
      CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
      CHECK(e.domain() == domain);
    }
  }
}
