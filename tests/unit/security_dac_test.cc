// The DAC driver: what a domain's plan contains, and applying it to real
// files (ownership, the remembered owner in trusted.* XATTRs, reference
// counts, stale timestamps, rollback, the metadata lock).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include <libvirt/libvirt.h>

#include "lib/conf/domain.h"
#include "lib/security/dac.h"
#include "lib/security/dac_apply.h"
#include "lib/security/remembered_label.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"
#include "lib/util/file.h"
#include "lib/util/spawn.h"

using namespace vireo::security;
using vireo::Error;
using OpKind = OwnershipOp::Kind;

namespace {

const char* kRefName = "trusted.libvirt.security.ref_dac";
const char* kLabelName = "trusted.libvirt.security.dac";
const char* kStampName = "trusted.libvirt.security.timestamp_dac";

// A fresh directory under /tmp, removed with everything in it.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/vireo-dac-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { vireo::removeTree(path); }
  std::string file(const std::string& name, uid_t uid = 1234, gid_t gid = 1234) const {
    std::string p = path + "/" + name;
    int fd = open(p.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    close(fd);
    REQUIRE(chown(p.c_str(), uid, gid) == 0);
    return p;
  }
};

std::optional<std::string> xattr(const std::string& path, const char* name) {
  char buf[256];
  ssize_t n = getxattr(path.c_str(), name, buf, sizeof buf);
  if (n < 0) return std::nullopt;
  return std::string(buf, static_cast<size_t>(n));
}

void setXattr(const std::string& path, const char* name, const std::string& value) {
  REQUIRE(setxattr(path.c_str(), name, value.data(), value.size(), 0) == 0);
}

std::pair<uid_t, gid_t> ownerOf(const std::string& path) {
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  return {st.st_uid, st.st_gid};
}

// Root with trusted.* attributes on /tmp, or a loud skip.
bool canLabel() {
  if (geteuid() != 0) {
    WARN("SKIPPED: applying DAC labels needs root (chown, trusted.* XATTRs)");
    return false;
  }
  TempDir d;
  std::string f = d.file("probe");
  if (setxattr(f.c_str(), "trusted.vireo.probe", "1", 1, 0) != 0) {
    WARN("SKIPPED: /tmp has no trusted.* XATTRs here: " << strerror(errno));
    return false;
  }
  return true;
}

vireo::conf::DomainDef domain(const std::string& devices, const std::string& os = "",
                              const std::string& extra = "") {
  std::string xml = "<domain type='qemu'><name>d</name><memory unit='MiB'>64</memory>"
                    "<os><type arch='x86_64' machine='pc'>hvm</type>" +
                    os + "</os><devices>" + devices + "</devices>" + extra + "</domain>";
  return vireo::conf::parseDomainXml(xml, vireo::conf::ParseInactive);
}

vireo::conf::DomainDef kernelDomain(const std::string& kernel) {
  return domain("", "<kernel>" + kernel + "</kernel>");
}

DacOptions qemuUser() {
  DacOptions o;
  o.uid = 107;
  o.gid = 108;
  return o;
}

const OwnershipOp* opFor(const DacPlan& plan, const std::string& path) {
  for (const auto& op : plan.ops)
    if (op.path == path) return &op;
  return nullptr;
}

int errorCode(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (message) *message = e.message();
    return e.code();
  }
  return 0;
}

}  // namespace

// ---- planning --------------------------------------------------------------

TEST_CASE("the DAC plan lists what libvirt 9.0 labels", "[security][dac]") {
  TempDir d;
  std::string pipe = d.path + "/pipe";
  d.file("pipe.in");
  d.file("pipe.out");
  auto def = domain(
      "<disk type='file' device='disk'><source file='/img/rw.qcow2'/><target dev='vda' bus='virtio'/>"
      "<backingStore type='file'><format type='raw'/><source file='/img/base.raw'/></backingStore></disk>"
      "<disk type='file' device='disk'><source file='/img/ro.raw'/><target dev='vdb' bus='virtio'/><readonly/></disk>"
      "<disk type='block' device='disk'><source dev='/dev/sdz'/><target dev='vdc' bus='virtio'/><shareable/></disk>"
      "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>"
      "<disk type='network' device='disk'><source protocol='nbd' name='x'><host name='h'/></source>"
      "<target dev='vdd' bus='virtio'/></disk>"
      "<disk type='dir' device='disk'><source dir='/img/dir'/><target dev='vde' bus='virtio'/></disk>"
      "<disk type='file' device='disk'><source file='/img/skip.raw'><seclabel model='dac' relabel='no'/></source>"
      "<target dev='vdf' bus='virtio'/></disk>"
      "<disk type='file' device='disk'><source file='/img/own.raw'><seclabel model='dac' relabel='yes'>"
      "<label>+5:+6</label></seclabel></source><target dev='vdg' bus='virtio'/></disk>"
      "<serial type='file'><source path='/log/serial.log'/><target port='0'/></serial>"
      "<console type='file'><source path='/log/serial.log'/><target type='serial' port='0'/></console>"
      "<channel type='unix'><source mode='bind' path='/run/absent.sock'/><target type='virtio' name='a'/></channel>"
      "<channel type='unix'><source mode='connect' path='/run/peer.sock'/><target type='virtio' name='b'/></channel>"
      "<serial type='pipe'><source path='" + pipe + "'/><target port='1'/></serial>"
      "<serial type='pty'><target port='2'/></serial>",
      "<loader readonly='yes' type='rom'>/fw/code.fd</loader><nvram>/var/nvram/d_VARS.fd</nvram>"
      "<kernel>/boot/vmlinuz</kernel><initrd>/boot/initrd</initrd><dtb>/boot/x.dtb</dtb>");
  DacOptions opts = qemuUser();
  opts.domainPaths = {"/var/lib/vireo/domain-1-d"};
  DacPlan plan = planDomainLabels(def, opts);
  CHECK(plan.lock);

  auto expectSet = [&](const std::string& path, bool remember, uid_t uid = 107, gid_t gid = 108) {
    INFO(path);
    const OwnershipOp* op = opFor(plan, path);
    REQUIRE(op != nullptr);
    CHECK(op->kind == OpKind::Set);
    CHECK(op->remember == remember);
    CHECK(op->uid == uid);
    CHECK(op->gid == gid);
  };
  expectSet("/img/rw.qcow2", true);
  expectSet("/img/base.raw", false);   // backing image: labelled, never counted
  expectSet("/img/ro.raw", false);     // read-only: may be shared
  expectSet("/dev/sdz", false);        // shareable
  expectSet("/img/own.raw", true, 5, 6);
  expectSet("/log/serial.log", true);
  expectSet("/run/peer.sock", true);
  expectSet(pipe + ".in", true);
  expectSet(pipe + ".out", true);
  expectSet("/var/nvram/d_VARS.fd", true);
  expectSet("/boot/vmlinuz", true);
  expectSet("/boot/initrd", true);
  expectSet("/boot/x.dtb", true);
  expectSet("/var/lib/vireo/domain-1-d", true);
  CHECK(opFor(plan, "/img/skip.raw") == nullptr);
  CHECK(opFor(plan, "/img/dir") == nullptr);
  CHECK(opFor(plan, "/run/absent.sock") == nullptr);  // a listening socket QEMU will create
  CHECK(opFor(plan, "/fw/code.fd") == nullptr);        // the loader is not relabelled by DAC
  CHECK(opFor(plan, pipe) == nullptr);
  // console[0] mirrors serial[0]: the log file appears once, not twice.
  size_t logOps = 0;
  for (const auto& op : plan.ops) logOps += op.path == "/log/serial.log";
  CHECK(logOps == 1);

  DacPlan restore = planDomainRestore(def, opts);
  CHECK(opFor(restore, "/img/ro.raw") == nullptr);
  CHECK(opFor(restore, "/dev/sdz") == nullptr);
  CHECK(opFor(restore, "/img/base.raw") == nullptr);
  CHECK(opFor(restore, "/run/peer.sock") != nullptr);
  REQUIRE(opFor(restore, "/img/rw.qcow2") != nullptr);
  CHECK(opFor(restore, "/img/rw.qcow2")->kind == OpKind::Restore);
  CHECK(opFor(restore, "/img/rw.qcow2")->remember);
  for (const auto& op : restore.ops) CHECK(op.kind == OpKind::Restore);
}

TEST_CASE("DAC settings that turn labelling off or change it", "[security][dac]") {
  auto def = kernelDomain("/boot/k");
  DacOptions opts = qemuUser();

  opts.dynamicOwnership = false;
  CHECK(planDomainLabels(def, opts).empty());
  CHECK(planDomainRestore(def, opts).empty());

  opts = qemuUser();
  opts.rememberOwner = false;
  DacPlan plan = planDomainLabels(def, opts);
  REQUIRE(plan.ops.size() == 1);
  CHECK_FALSE(plan.lock);
  CHECK_FALSE(plan.ops[0].remember);

  auto noRelabel = domain("", "<kernel>/boot/k</kernel>", "<seclabel type='none' model='dac'/>");
  CHECK(planDomainLabels(noRelabel, qemuUser()).empty());

  auto staticLabel = domain("", "<kernel>/boot/k</kernel>",
                            "<seclabel type='static' model='dac' relabel='yes'><label>+1:+2</label></seclabel>");
  plan = planDomainLabels(staticLabel, qemuUser());
  REQUIRE(plan.ops.size() == 1);
  CHECK(plan.ops[0].uid == 1);
  CHECK(plan.ops[0].gid == 2);

  auto badLabel = domain("", "<kernel>/boot/k</kernel>",
                         "<seclabel type='static' model='dac' relabel='yes'><label>107</label></seclabel>");
  std::string msg;
  CHECK(errorCode([&] { planDomainLabels(badLabel, qemuUser()); }, &msg) == VIR_ERR_INVALID_ARG);
  CHECK(msg.find("Missing separator ':' in DAC label \"107\"") != std::string::npos);
}

// ---- applying --------------------------------------------------------------

TEST_CASE("labelling remembers the owner in libvirt's XATTRs and restoring gives it back", "[security][dac]") {
  if (!canLabel()) return;
  TempDir d;
  std::string kernel = d.file("vmlinuz", 1234, 1235);
  auto def = kernelDomain(kernel);

  applyDacPlan(planDomainLabels(def, qemuUser()));
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{107}, gid_t{108}));
  CHECK(xattr(kernel, kLabelName) == "+1234:+1235");
  CHECK(xattr(kernel, kRefName) == "1");
  CHECK(xattr(kernel, kStampName) == std::to_string(hostBootTime()));

  applyDacPlan(planDomainRestore(def, qemuUser()));
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{1234}, gid_t{1235}));
  CHECK_FALSE(xattr(kernel, kLabelName));
  CHECK_FALSE(xattr(kernel, kRefName));
  CHECK_FALSE(xattr(kernel, kStampName));
}

TEST_CASE("two domains sharing a file: counted twice, given back after the last", "[security][dac]") {
  if (!canLabel()) return;
  TempDir d;
  std::string kernel = d.file("shared-kernel", 1234, 1234);
  auto a = kernelDomain(kernel);
  auto b = kernelDomain(kernel);

  applyDacPlan(planDomainLabels(a, qemuUser()));
  applyDacPlan(planDomainLabels(b, qemuUser()));
  CHECK(xattr(kernel, kRefName) == "2");
  CHECK(xattr(kernel, kLabelName) == "+1234:+1234");  // the second did not overwrite it

  applyDacPlan(planDomainRestore(a, qemuUser()));
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{107}, gid_t{108}));  // b still runs
  CHECK(xattr(kernel, kRefName) == "1");

  applyDacPlan(planDomainRestore(b, qemuUser()));
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{1234}, gid_t{1234}));
  CHECK_FALSE(xattr(kernel, kRefName));
}

TEST_CASE("a file in use cannot be given to another user", "[security][dac]") {
  if (!canLabel()) return;
  TempDir d;
  std::string kernel = d.file("k", 1234, 1234);
  auto def = kernelDomain(kernel);
  applyDacPlan(planDomainLabels(def, qemuUser()));

  DacOptions other = qemuUser();
  other.uid = 200;
  other.gid = 200;
  std::string msg;
  CHECK(errorCode([&] { applyDacPlan(planDomainLabels(def, other)); }, &msg) == VIR_ERR_OPERATION_INVALID);
  CHECK(msg == "Requested operation is not valid: Setting different DAC user or group on " + kernel +
                   " which is already in use");
  CHECK(xattr(kernel, kRefName) == "1");  // the failed user's count was taken back
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{107}, gid_t{108}));
}

TEST_CASE("XATTRs with another boot's timestamp are stale and ignored", "[security][dac]") {
  if (!canLabel()) return;
  TempDir d;
  std::string kernel = d.file("k", 107, 108);  // left owned by qemu after a power loss
  std::string stale = std::to_string(hostBootTime() - 3600);
  setXattr(kernel, kLabelName, "+1234:+1234");
  setXattr(kernel, kRefName, "3");
  setXattr(kernel, kStampName, stale);
  auto def = kernelDomain(kernel);

  // Starting: the stale set is wiped and the count starts again from 1.
  applyDacPlan(planDomainLabels(def, qemuUser()));
  CHECK(xattr(kernel, kRefName) == "1");
  CHECK(xattr(kernel, kLabelName) == "+107:+108");
  CHECK(xattr(kernel, kStampName) == std::to_string(hostBootTime()));

  // Stopping with a stale set: nothing valid is remembered, root:root.
  setXattr(kernel, kStampName, stale);
  applyDacPlan(planDomainRestore(def, qemuUser()));
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{0}, gid_t{0}));
  CHECK_FALSE(xattr(kernel, kRefName));
  CHECK_FALSE(xattr(kernel, kLabelName));

  // A count without any timestamp is stale too.
  REQUIRE(chown(kernel.c_str(), 1234, 1234) == 0);
  setXattr(kernel, kLabelName, "+5:+5");
  setXattr(kernel, kRefName, "1");
  applyDacPlan(planDomainLabels(def, qemuUser()));
  CHECK(xattr(kernel, kLabelName) == "+1234:+1234");
}

TEST_CASE("labels remembered by an earlier process are honoured", "[security][dac]") {
  if (!canLabel()) return;
  TempDir d;
  // What libvirt (or a vireo that crashed) left on a running domain's disk.
  std::string disk = d.file("disk.raw", 107, 108);
  setXattr(disk, kLabelName, "+1234:+4321");
  setXattr(disk, kRefName, "1");
  setXattr(disk, kStampName, std::to_string(hostBootTime()));
  auto def = domain("<disk type='file' device='disk'><source file='" + disk +
                    "'/><target dev='vda' bus='virtio'/></disk>");
  applyDacPlan(planDomainRestore(def, qemuUser()));
  CHECK(ownerOf(disk) == std::make_pair(uid_t{1234}, gid_t{4321}));
  CHECK_FALSE(xattr(disk, kRefName));
}

TEST_CASE("dynamic_ownership=0 and remember_owner=0 on real files", "[security][dac]") {
  if (!canLabel()) return;
  TempDir d;
  std::string kernel = d.file("k", 1234, 1234);
  auto def = kernelDomain(kernel);

  DacOptions off = qemuUser();
  off.dynamicOwnership = false;
  applyDacPlan(planDomainLabels(def, off));
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{1234}, gid_t{1234}));
  CHECK_FALSE(xattr(kernel, kRefName));

  DacOptions noRemember = qemuUser();
  noRemember.rememberOwner = false;
  applyDacPlan(planDomainLabels(def, noRemember));
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{107}, gid_t{108}));
  CHECK_FALSE(xattr(kernel, kRefName));
  CHECK_FALSE(xattr(kernel, kLabelName));
  applyDacPlan(planDomainRestore(def, noRemember));
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{0}, gid_t{0}));  // libvirt's default
}

TEST_CASE("a missing file fails the start by name and undoes the rest", "[security][dac]") {
  if (!canLabel()) return;
  TempDir d;
  std::string present = d.file("present.raw", 1234, 1234);
  std::string missing = d.path + "/missing.raw";
  auto def = domain("<disk type='file' device='disk'><source file='" + present +
                    "'/><target dev='vda' bus='virtio'/></disk>"
                    "<disk type='file' device='disk'><source file='" + missing +
                    "'/><target dev='vdb' bus='virtio'/></disk>");
  std::string msg;
  CHECK(errorCode([&] { applyDacPlan(planDomainLabels(def, qemuUser())); }, &msg) == VIR_ERR_SYSTEM_ERROR);
  CHECK(msg == "unable to stat: " + missing + ": No such file or directory");
  CHECK(ownerOf(present) == std::make_pair(uid_t{1234}, gid_t{1234}));  // rolled back
  CHECK_FALSE(xattr(present, kRefName));

  // The same disk with startupPolicy='optional' is skipped.
  auto optional = domain("<disk type='file' device='disk'><source file='" + present +
                         "'/><target dev='vda' bus='virtio'/></disk>"
                         "<disk type='file' device='cdrom'><source file='" + missing +
                         "' startupPolicy='optional'/><target dev='hdc' bus='ide'/></disk>");
  applyDacPlan(planDomainLabels(optional, qemuUser()));
  CHECK(ownerOf(present) == std::make_pair(uid_t{107}, gid_t{108}));
  // Stopping when a file went away meanwhile: the others are still given back.
  REQUIRE(unlink(present.c_str()) == 0);
  std::string other = d.file("other.raw", 1234, 1234);
  auto two = domain("<disk type='file' device='disk'><source file='" + present +
                    "'/><target dev='vda' bus='virtio'/></disk><disk type='file' device='disk'><source file='" +
                    other + "'/><target dev='vdb' bus='virtio'/></disk>");
  applyDacPlan(planDomainLabels(domain("<disk type='file' device='disk'><source file='" + other +
                                       "'/><target dev='vdb' bus='virtio'/></disk>"),
                                qemuUser()));
  applyDacPlan(planDomainRestore(two, qemuUser()));
  CHECK(ownerOf(other) == std::make_pair(uid_t{1234}, gid_t{1234}));
}

TEST_CASE("remembered paths are locked on byte 1 while the plan runs", "[security][dac]") {
  if (!canLabel()) return;
  TempDir d;
  std::string kernel = d.file("locked", 1234, 1234);
  // Another process holds libvirt's metadata lock for 400 ms.
  vireo::Pipe ready = vireo::Pipe::create();
  pid_t holder = fork();
  REQUIRE(holder >= 0);
  if (holder == 0) {
    int fd = open(kernel.c_str(), O_RDWR);
    struct flock fl {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = 1;
    fl.l_len = 1;
    if (fd < 0 || fcntl(fd, F_SETLK, &fl) != 0) _exit(1);
    ssize_t ignored = write(ready.write.get(), "x", 1);
    (void)ignored;
    usleep(400000);
    _exit(0);
  }
  ready.write.reset();
  char c;
  REQUIRE(read(ready.read.get(), &c, 1) == 1);
  auto start = std::chrono::steady_clock::now();
  applyDacPlan(planDomainLabels(kernelDomain(kernel), qemuUser()));
  auto waited = std::chrono::steady_clock::now() - start;
  int status = 0;
  waitpid(holder, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(waited >= std::chrono::milliseconds(250));
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{107}, gid_t{108}));
  applyDacPlan(planDomainRestore(kernelDomain(kernel), qemuUser()));
}

namespace {

// Holds an exclusive lock on byte 1 of `path` until released: an
// open-file-description lock (`ofd`, as another thread of vireo takes it)
// or a classic fcntl lock (as libvirt's processes take it).
struct ByteOneHolder {
  int fd = -1;
  ByteOneHolder(const std::string& path, bool ofd) {
    fd = open(path.c_str(), O_RDWR | O_CLOEXEC);
    REQUIRE(fd >= 0);
    struct flock fl {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = 1;
    fl.l_len = 1;
    REQUIRE(fcntl(fd, ofd ? F_OFD_SETLK : F_SETLK, &fl) == 0);
  }
  ~ByteOneHolder() { close(fd); }
};

}  // namespace

TEST_CASE("another thread's metadata lock excludes, and the wait is bounded", "[security][dac]") {
  if (!canLabel()) return;
  TempDir d;
  std::string kernel = d.file("k", 1234, 1234);
  DacPlan plan = planDomainLabels(kernelDomain(kernel), qemuUser());
  REQUIRE(plan.lock);
  CHECK(plan.lockWait == std::chrono::milliseconds(10000));  // libvirt's 10 s
  {
    DacOptions shorter = qemuUser();
    shorter.metadataLockWait = std::chrono::seconds(3);  // qemu.conf metadata_lock_timeout
    CHECK(planDomainLabels(kernelDomain(kernel), shorter).lockWait == std::chrono::milliseconds(3000));
  }
  plan.lockWait = std::chrono::milliseconds(300);
  {
    // Same process, another open file description: the plan must wait,
    // then give up naming the path, having changed nothing.
    ByteOneHolder held(kernel, true);
    auto start = std::chrono::steady_clock::now();
    try {
      applyDacPlan(plan);
      FAIL("the plan ran although byte 1 was locked");
    } catch (const Error& e) {
      CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
      CHECK(e.domain() == VIR_FROM_SECURITY);
      CHECK_THAT(e.message(), Catch::Contains("unable to lock " + kernel + " for metadata change: still locked after 300 ms"));
    }
    auto waited = std::chrono::steady_clock::now() - start;
    CHECK(waited >= std::chrono::milliseconds(290));
    CHECK(waited < std::chrono::milliseconds(3000));
    CHECK(ownerOf(kernel) == std::make_pair(uid_t{1234}, gid_t{1234}));
    CHECK_FALSE(xattr(kernel, kRefName));
    CHECK_FALSE(xattr(kernel, kLabelName));
  }
  // Released: the same plan runs.
  applyDacPlan(plan);
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{107}, gid_t{108}));
  applyDacPlan(planDomainRestore(kernelDomain(kernel), qemuUser()));
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{1234}, gid_t{1234}));
}

TEST_CASE("a timeout names the other process that holds the lock", "[security][dac]") {
  if (!canLabel()) return;
  TempDir d;
  std::string kernel = d.file("k", 1234, 1234);
  vireo::Pipe ready = vireo::Pipe::create();
  vireo::Pipe done = vireo::Pipe::create();
  pid_t holder = fork();
  REQUIRE(holder >= 0);
  if (holder == 0) {
    ready.read.reset();
    done.write.reset();
    int fd = open(kernel.c_str(), O_RDWR);
    struct flock fl {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = 1;
    fl.l_len = 1;
    if (fd < 0 || fcntl(fd, F_SETLK, &fl) != 0) _exit(1);
    ssize_t ignored = write(ready.write.get(), "x", 1);
    char c;
    ignored = read(done.read.get(), &c, 1);  // until the parent is done
    (void)ignored;
    _exit(0);
  }
  ready.write.reset();
  done.read.reset();
  char c;
  REQUIRE(read(ready.read.get(), &c, 1) == 1);
  DacPlan plan = planDomainLabels(kernelDomain(kernel), qemuUser());
  plan.lockWait = std::chrono::milliseconds(200);
  std::string message;
  try {
    applyDacPlan(plan);
  } catch (const Error& e) {
    message = e.message();
  }
  done.write.reset();
  int status = 0;
  waitpid(holder, &status, 0);
  CHECK_THAT(message, Catch::Contains("still locked after 200 ms (held by process " + std::to_string(holder) + ")"));
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{1234}, gid_t{1234}));
}

TEST_CASE("threads of one process relabelling one file take turns", "[security][dac]") {
  if (!canLabel()) return;
  TempDir d;
  std::string shared = d.file("shared", 1234, 1234);
  // Two domains use the same kernel; each thread starts and stops its own
  // many times. Without mutual exclusion the reference count's
  // read-modify-write loses updates, and the file ends up with the wrong
  // owner or leftover attributes.
  auto worker = [&](int rounds, std::atomic<int>* failures) {
    for (int i = 0; i < rounds; ++i) {
      try {
        applyDacPlan(planDomainLabels(kernelDomain(shared), qemuUser()));
        applyDacPlan(planDomainRestore(kernelDomain(shared), qemuUser()));
      } catch (const Error&) {
        ++*failures;
      }
    }
  };
  std::atomic<int> failures{0};
  // A third holder keeps one reference for the whole run, so the count
  // passes through 2 and 3 and never lets the owner go back early.
  applyDacPlan(planDomainLabels(kernelDomain(shared), qemuUser()));
  std::thread a(worker, 200, &failures);
  std::thread b(worker, 200, &failures);
  a.join();
  b.join();
  CHECK(failures.load() == 0);
  CHECK(xattr(shared, kRefName) == "1");
  CHECK(ownerOf(shared) == std::make_pair(uid_t{107}, gid_t{108}));
  applyDacPlan(planDomainRestore(kernelDomain(shared), qemuUser()));
  CHECK(ownerOf(shared) == std::make_pair(uid_t{1234}, gid_t{1234}));
  CHECK_FALSE(xattr(shared, kRefName));
}

TEST_CASE("a DAC program runs as a step of a spawned child", "[security][dac]") {
  if (!canLabel()) return;
  TempDir d;
  std::string kernel = d.file("k", 1234, 1234);
  std::string missing = d.path + "/nope";
  DacProgram program(planDomainLabels(kernelDomain(kernel), qemuUser()));
  vireo::SpawnChildChain chain;
  program.addTo(chain);
  vireo::SpawnPlan plan;
  plan.program = "/bin/true";
  plan.argv = {"true"};
  chain.attachTo(plan);
  pid_t pid = vireo::spawnProcess(plan, VIR_FROM_QEMU);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{107}, gid_t{108}));
  CHECK(xattr(kernel, kRefName) == "1");

  // A failure in the child names the path.
  DacProgram failing(planDomainLabels(kernelDomain(missing), qemuUser()));
  vireo::SpawnChildChain chain2;
  failing.addTo(chain2);
  vireo::SpawnPlan plan2 = plan;
  plan2.preExec = nullptr;
  chain2.attachTo(plan2);
  std::string msg;
  CHECK(errorCode([&] { vireo::spawnProcess(plan2, VIR_FROM_QEMU); }, &msg) == VIR_ERR_SYSTEM_ERROR);
  CHECK(msg == "unable to stat: " + missing + ": No such file or directory");
  applyDacPlan(planDomainRestore(kernelDomain(kernel), qemuUser()));
  CHECK(ownerOf(kernel) == std::make_pair(uid_t{1234}, gid_t{1234}));
}

TEST_CASE("a file system without XATTRs is labelled without remembering", "[security][dac]") {
  if (!canLabel()) return;
  TempDir d;
  // ramfs has no extended attributes at all (ENOTSUP). Mount it in a
  // private mount namespace of a child, so the host's mounts stay as they are.
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (unshare(CLONE_NEWNS) != 0) _exit(10);
    if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) _exit(11);
    if (mount("vireo-test", d.path.c_str(), "ramfs", 0, nullptr) != 0) _exit(12);
    std::string kernel = d.path + "/k";
    int fd = open(kernel.c_str(), O_CREAT | O_WRONLY, 0600);
    if (fd < 0 || close(fd) != 0 || chown(kernel.c_str(), 1234, 1234) != 0) _exit(13);
    auto def = kernelDomain(kernel);
    try {
      applyDacPlan(planDomainLabels(def, qemuUser()));
      struct stat st {};
      if (stat(kernel.c_str(), &st) != 0 || st.st_uid != 107) _exit(14);
      applyDacPlan(planDomainRestore(def, qemuUser()));
      // Nothing could be remembered: back to root:root, as libvirt does.
      if (stat(kernel.c_str(), &st) != 0 || st.st_uid != 0 || st.st_gid != 0) _exit(15);
    } catch (const Error&) {
      _exit(16);
    }
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  if (WEXITSTATUS(status) >= 10 && WEXITSTATUS(status) <= 12) {
    WARN("SKIPPED: cannot mount a ramfs in a private mount namespace (exit " << WEXITSTATUS(status) << ")");
    return;
  }
  CHECK(WEXITSTATUS(status) == 0);
}
