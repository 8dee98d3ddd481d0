// The emulator's credentials: a real child started through spawnProcess
// with the credential step, read back from /proc/PID/status (and through
// libcap-ng), as root and as nobody.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cap-ng.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <libvirt/virterror.h>

#include "lib/security/capabilities.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"
#include "lib/util/file.h"
#include "lib/util/spawn.h"

using namespace vireo::security;
using vireo::Error;

namespace {

// The Cap*, Uid, Gid and Groups lines of a status file, by name.
std::map<std::string, std::string> statusFields(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
    out[line.substr(0, colon)] = value;
  }
  return out;
}

std::string readFd(int fd) {
  std::string out;
  char buf[512];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

// Runs `grep` on its own /proc status under `chain` and returns the fields.
std::map<std::string, std::string> childStatus(vireo::SpawnChildChain& chain) {
  vireo::Pipe out = vireo::Pipe::create();
  vireo::SpawnPlan plan;
  plan.program = "/bin/sh";
  plan.argv = {"sh", "-c", "grep -E '^(Cap|Uid|Gid|Groups)' /proc/self/status"};
  plan.env = {"PATH=/usr/bin:/bin"};
  plan.fds = {{out.write.get(), 1}};
  chain.attachTo(plan);
  pid_t pid = vireo::spawnProcess(plan, VIR_FROM_QEMU);
  out.write.reset();
  std::string text = readFd(out.read.get());
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return statusFields(text);
}

std::string ourField(const char* name) {
  std::ifstream in("/proc/self/status");
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return statusFields(all)[name];
}

bool privileged() {
  if (geteuid() == 0 && ourField("CapEff") != "0000000000000000") return true;
  WARN("SKIPPED: changing ids and capabilities needs root with capabilities");
  return false;
}

const char* kNone = "0000000000000000";

}  // namespace

TEST_CASE("capability names come from libcap-ng", "[security][caps]") {
  CHECK(capabilityNames(capabilityMask({"chown", "sys_admin"})) == std::vector<std::string>{"chown", "sys_admin"});
  CHECK(capabilityMask({"chown"}) == 1);
  CHECK_THROWS_AS(capabilityMask({"no_such_cap"}), Error);
  CHECK(lastCapability() >= 36);  // CAP_BLOCK_SUSPEND exists since Linux 3.5
}

TEST_CASE("QEMU as root with clear_emulator_capabilities=1 has no capability at all", "[security][caps]") {
  if (!privileged()) return;
  ProcessCredentials creds = planEmulatorCredentials(0, 0, true);
  CHECK(creds.changeIds);
  CHECK(creds.clearCapabilities);
  CHECK(creds.dropBounding);
  CredentialStep step(creds);
  vireo::SpawnChildChain chain;
  step.addTo(chain);
  auto f = childStatus(chain);
  CHECK(f["Uid"] == "0\t0\t0\t0");
  CHECK(f["Gid"] == "0\t0\t0\t0");
  CHECK(f["CapInh"] == kNone);
  CHECK(f["CapPrm"] == kNone);
  CHECK(f["CapEff"] == kNone);
  CHECK(f["CapBnd"] == kNone);
  CHECK(f["CapAmb"] == kNone);
}

TEST_CASE("QEMU as root with clear_emulator_capabilities=0 keeps ours", "[security][caps]") {
  if (!privileged()) return;
  ProcessCredentials creds = planEmulatorCredentials(0, 0, false);
  CHECK_FALSE(creds.clearCapabilities);
  CredentialStep step(creds);
  vireo::SpawnChildChain chain;
  step.addTo(chain);
  auto f = childStatus(chain);
  CHECK(f["CapBnd"] == ourField("CapBnd"));
  CHECK(f["CapEff"] == ourField("CapEff"));
  CHECK(f["Uid"] == "0\t0\t0\t0");
}

TEST_CASE("QEMU as nobody: that user, its groups only, no capability", "[security][caps]") {
  if (!privileged()) return;
  struct passwd* pw = getpwnam("nobody");
  if (!pw) {
    WARN("SKIPPED: no user 'nobody' on this host");
    return;
  }
  uid_t uid = pw->pw_uid;
  gid_t gid = pw->pw_gid;
  // Not root: capabilities go even with clear_emulator_capabilities=0.
  ProcessCredentials creds = planEmulatorCredentials(uid, gid, false);
  CHECK(creds.clearCapabilities);
  REQUIRE_FALSE(creds.groups.empty());
  CredentialStep step(creds);
  vireo::SpawnChildChain chain;
  step.addTo(chain);
  auto f = childStatus(chain);
  std::string u = std::to_string(uid), g = std::to_string(gid);
  CHECK(f["Uid"] == u + "\t" + u + "\t" + u + "\t" + u);
  CHECK(f["Gid"] == g + "\t" + g + "\t" + g + "\t" + g);
  // nobody's own groups, and none of ours (root's 0 in particular).
  std::string expectGroups;
  for (gid_t x : creds.groups) expectGroups += (expectGroups.empty() ? "" : " ") + std::to_string(x);
  CHECK(f["Groups"] == expectGroups);
  CHECK((" " + f["Groups"] + " ").find(" 0 ") == std::string::npos);
  CHECK(f["CapPrm"] == kNone);
  CHECK(f["CapEff"] == kNone);
  CHECK(f["CapBnd"] == kNone);
  CHECK(f["CapInh"] == kNone);
}

TEST_CASE("libcap-ng sees no capability in a spawned emulator", "[security][caps]") {
  if (!privileged()) return;
  CredentialStep step(planEmulatorCredentials(0, 0, true));
  vireo::SpawnChildChain chain;
  step.addTo(chain);
  vireo::SpawnPlan plan;
  plan.program = "/bin/sleep";
  plan.argv = {"sleep", "10"};
  chain.attachTo(plan);
  pid_t pid = vireo::spawnProcess(plan, VIR_FROM_QEMU);
  capng_setpid(pid);
  int rc = capng_get_caps_process();
  capng_results_t caps = capng_have_capabilities(CAPNG_SELECT_BOTH);
  capng_setpid(getpid());
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(rc == 0);
  CHECK(caps == CAPNG_NONE);
}

namespace {

// A step that needs CAP_CHOWN: gives the file named by `data` to 4242.
int chownStep(const void* data, vireo::SpawnChildError* err) {
  if (chown(static_cast<const char*>(data), 4242, 4242) == 0) return 0;
  err->step = 1;
  err->err = errno;
  return -1;
}

std::string describeChown(const void* data, const vireo::SpawnChildError& err) {
  return std::string("cannot chown ") + static_cast<const char*>(data) + ": " + std::strerror(err.err);
}

}  // namespace

TEST_CASE("child steps run in order; a failure is described by its own step", "[security][caps]") {
  if (!privileged()) return;
  char tmpl[] = "/tmp/vireo-caps-XXXXXX";
  REQUIRE(mkdtemp(tmpl) != nullptr);
  std::string dir = tmpl;
  std::string file = dir + "/f";
  REQUIRE(close(open(file.c_str(), O_CREAT | O_WRONLY, 0600)) == 0);
  CredentialStep drop(planEmulatorCredentials(0, 0, true));

  // Privileged work first, then the drop: both happen.
  vireo::SpawnChildChain chain;
  chain.add(chownStep, file.c_str(), describeChown);
  drop.addTo(chain);
  auto f = childStatus(chain);
  struct stat st {};
  REQUIRE(stat(file.c_str(), &st) == 0);
  CHECK(st.st_uid == 4242);
  CHECK(f["CapEff"] == kNone);

  // The other way round the chown is refused, and its own step says so.
  vireo::SpawnChildChain reversed;
  drop.addTo(reversed);
  reversed.add(chownStep, file.c_str(), describeChown);
  vireo::SpawnPlan plan;
  plan.program = "/bin/true";
  plan.argv = {"true"};
  reversed.attachTo(plan);
  try {
    vireo::spawnProcess(plan, VIR_FROM_QEMU);
    FAIL("the chown after dropping capabilities succeeded");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.message() == "cannot chown " + file + ": Operation not permitted");
  }

  // The credential step's own failure: changing ids without the right to.
  struct passwd* pw = getpwnam("nobody");
  if (pw) {
    CredentialStep becomeNobody(planEmulatorCredentials(pw->pw_uid, pw->pw_gid, true));
    CredentialStep becomeRoot(planEmulatorCredentials(0, 0, true));
    vireo::SpawnChildChain twice;
    becomeNobody.addTo(twice);
    becomeRoot.addTo(twice);
    vireo::SpawnPlan p2 = plan;
    p2.preExec = nullptr;
    twice.attachTo(p2);
    try {
      vireo::spawnProcess(p2, VIR_FROM_QEMU);
      FAIL("nobody became root again");
    } catch (const Error& e) {
      CHECK(e.message() == "cannot set supplemental groups: Operation not permitted");
    }
  }
  vireo::removeTree(dir);
}
