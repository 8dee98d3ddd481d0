// The lock client of the hypervisor drivers: qemu-lockd.conf, the leases a
// domain takes (libvirt's names), the registration a spawned child makes,
// and all-or-nothing acquisition, against vireo-lockd's daemon code
// listening on a real UNIX socket in this process.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

#include "lib/conf/domain.h"
#include "lib/lock/domain_leases.h"
#include "lib/lock/lock_daemon.h"
#include "lib/lock/lock_manager.h"
#include "lib/lock/lockd_child.h"
#include "lib/lock/lockd_config.h"
#include "lib/rpc/server.h"
#include "lib/rpc/socket.h"
#include "lib/util/error.h"
#include "lib/util/spawn.h"
#include "tests/support/temp_dir.h"

using vireo::test::TempDir;

using namespace vireo;
using namespace vireo::lock;

namespace {

// vireo-lockd's dispatch on a listening socket, in a thread.
struct ListeningDaemon {
  rpc::Server server;
  LockDaemon daemon{server};
  std::thread thread;
  explicit ListeningDaemon(const std::string& socket) {
    daemon.setOwnerKiller([](pid_t) {});
    server.addListener(rpc::listenUnix(socket, 0600));
    thread = std::thread([this] { server.run(); });
  }
  ~ListeningDaemon() {
    server.requestQuit();
    thread.join();
  }
};

void touch(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  REQUIRE(fd >= 0);
  ::close(fd);
}

std::string domainXml(const std::string& devices) {
  return "<domain type='qemu'><name>d</name><uuid>11111111-2222-3333-4444-555555555555</uuid>"
         "<memory>65536</memory><os><type>hvm</type></os><devices>" +
         devices + "</devices></domain>";
}

Owner owner(const std::string& name, uint32_t pid) {
  Owner o;
  o.uuid[0] = static_cast<unsigned char>(pid);
  o.name = name;
  o.id = 1;
  o.pid = pid;
  return o;
}

}  // namespace

TEST_CASE("qemu-lockd.conf: defaults, values, and errors naming file, line and key", "[lock]") {
  LockdConfig d = parseLockdConfig("", "/r/etc/qemu-lockd.conf");
  CHECK(d.autoDiskLeases);
  CHECK_FALSE(d.requireLeaseForDisks);
  CHECK(d.fileLockspaceDir.empty());

  LockdConfig off = parseLockdConfig("auto_disk_leases = 0\n", "f");
  CHECK_FALSE(off.autoDiskLeases);
  CHECK(off.requireLeaseForDisks);  // libvirt: defaults to !auto_disk_leases

  LockdConfig c = parseLockdConfig("file_lockspace_dir = \"/var/lib/vireo/lockd/files/\"\nrequire_lease_for_disks = 0\n",
                                   "f");
  CHECK(c.fileLockspaceDir == "/var/lib/vireo/lockd/files");
  CHECK_FALSE(c.requireLeaseForDisks);

  try {
    parseLockdConfig("\n\nauto_disk_leases = \"yes\"\n", "/r/etc/qemu-lockd.conf");
    FAIL("accepted a string for a boolean");
  } catch (const Error& e) {
    CHECK(std::string(e.message()).find("/r/etc/qemu-lockd.conf:3") != std::string::npos);
    CHECK(std::string(e.message()).find("auto_disk_leases") != std::string::npos);
  }
  CHECK_THROWS_WITH(parseLockdConfig("file_lockspace_dir = \"rel\"\n", "f"),
                    Catch::Contains("f:1") && Catch::Contains("not an absolute path"));
  CHECK_THROWS_WITH(parseLockdConfig("x = 1\nlvm_lockspace_dir = \"/l\"\n", "f"),
                    Catch::Contains("f:2") && Catch::Contains("lvm_lockspace_dir"));
  CHECK_THROWS_WITH(parseLockdConfig("auto_disk_leases = \n", "f"), Catch::Contains("f:1"));
}

TEST_CASE("a domain's leases are named as libvirt's lockd plugin names them", "[lock]") {
  CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

  conf::DomainDef def = conf::parseDomainXml(
      domainXml("<disk type='file' device='disk'><source file='/images/a.img'/><target dev='vda' bus='virtio'/></disk>"
                "<disk type='file' device='disk'><source file='/images/ro.img'/><target dev='vdb' bus='virtio'/>"
                "<readonly/></disk>"
                "<disk type='block' device='disk'><source dev='/dev/sdz'/><target dev='vdc' bus='virtio'/>"
                "<shareable/></disk>"
                "<disk type='network' device='disk'><source protocol='nbd' name='x'><host name='h'/></source>"
                "<target dev='vdd' bus='virtio'/></disk>"
                "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>"),
      0);
  std::vector<Lease> direct = domainLeases(def, LockdConfig{});
  REQUIRE(direct.size() == 2);
  CHECK(heldLeases(def, LockdConfig{}) == direct);
  CHECK(direct[0] == Lease{"", "/images/a.img", 0, "disk vda (/images/a.img)"});
  CHECK(direct[1].name == "/dev/sdz");
  CHECK(direct[1].flags == kAcquireShared);

  LockdConfig files;
  files.fileLockspaceDir = "/var/lib/vireo/lockd/files";
  std::vector<Lease> indirect = domainLeases(def, files);
  REQUIRE(indirect.size() == 2);
  CHECK(indirect[0].lockspace == "/var/lib/vireo/lockd/files");
  CHECK(indirect[0].name == "d89de9b0ec65e0fcac462a24e34ba3262780fafe332f99532a1639badf2496d1");
  CHECK(indirect[0].flags == kAcquireAutocreate);
  CHECK(indirect[1].flags == (kAcquireAutocreate | kAcquireShared));

  LockdConfig none;
  none.autoDiskLeases = false;
  none.requireLeaseForDisks = false;
  CHECK(domainLeases(def, none).empty());
  none.requireLeaseForDisks = true;
  CHECK_THROWS_WITH(domainLeases(def, none),
                    Catch::Equals("unsupported configuration: Read/write, exclusive access, disks were present, but "
                                  "no leases specified"));
}

TEST_CASE("<lease> elements: lockspace under the target path, offset zero only", "[lock]") {
  conf::DomainDef def = conf::parseDomainXml(
      domainXml("<lease><lockspace>space</lockspace><key>k1</key><target path='/leases'/></lease>"), 0);
  LockdConfig none;
  none.autoDiskLeases = false;
  none.requireLeaseForDisks = true;  // satisfied by the lease
  std::vector<Lease> l = domainLeases(def, none);
  REQUIRE(l.size() == 1);
  CHECK(l[0].lockspace == "/leases/space");
  CHECK(l[0].name == "k1");
  CHECK(l[0].flags == 0);  // not AUTOCREATE: the daemon would delete the file at release
  CHECK(l[0].ensureFile);

  conf::DomainDef offset = conf::parseDomainXml(
      domainXml("<lease><lockspace>s</lockspace><key>k</key><target path='/l' offset='1024'/></lease>"), 0);
  CHECK_THROWS_WITH(domainLeases(offset, LockdConfig{}), Catch::Contains("Offset must be zero for this lock manager"));
  // What a running domain may hold: a refused <lease> never was.
  CHECK(heldLeases(offset, LockdConfig{}).empty());
  CHECK(heldLeases(def, none) == l);
  conf::DomainDef nopath =
      conf::parseDomainXml(domainXml("<lease><lockspace>s</lockspace><key>k</key><target path=''/></lease>"), 0);
  CHECK_THROWS_WITH(domainLeases(nopath, LockdConfig{}), Catch::Contains("Missing path or lockspace"));
}

TEST_CASE("acquisition is all or nothing; a held lease is RESOURCE_BUSY with libvirt's words", "[lock]") {
  TempDir dir("vireo-lockmgr");
  std::string sock = dir.path + "/lockd.sock";
  ListeningDaemon daemon(sock);
  touch(dir.path + "/a.img");
  touch(dir.path + "/b.img");
  LockManagerSetup setup;
  setup.socketPath = sock;
  LockManager mgr(setup);
  Lease a{"", dir.path + "/a.img", 0, "a"};
  Lease b{"", dir.path + "/b.img", 0, "b"};

  mgr.acquire(owner("one", 1001), {b});
  try {
    mgr.acquire(owner("two", 1002), {a, b});
    FAIL("a held lease was given twice");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_RESOURCE_BUSY);
    CHECK(e.domain() == VIR_FROM_LOCKSPACE);
    CHECK(e.message() == "resource busy: Lockspace resource '" + dir.path + "/b.img' is locked");
  }
  // "two" gave `a` back when `b` was refused.
  mgr.acquire(owner("three", 1003), {a});
  mgr.release(owner("three", 1003), {a});
  mgr.release(owner("one", 1001), {b});
  mgr.acquire(owner("two", 1002), {a, b});
  mgr.release(owner("two", 1002), {a, b});

  // Shared leases coexist, and exclude an exclusive one.
  Lease sa{"", a.name, kAcquireShared, "a shared"};
  mgr.acquire(owner("s1", 1004), {sa});
  mgr.acquire(owner("s2", 1005), {sa});
  CHECK_THROWS_AS(mgr.acquire(owner("x", 1006), {a}), Error);

  // A file lockspace is declared on the connection and its lease file made.
  Lease f{dir.path + "/files", sha256Hex("/images/a.img"), kAcquireAutocreate, "f"};
  mgr.acquire(owner("f", 1007), {f});
  struct stat st;
  CHECK(::stat((f.lockspace + "/" + f.name).c_str(), &st) == 0);
  // A <lease>'s file is made, with its directory, and stays after release
  // (a libvirt host sharing it needs it there).
  Lease e{dir.path + "/leases/space", "k1", 0, "e", true};
  mgr.acquire(owner("e", 1009), {e});
  mgr.release(owner("e", 1009), {e});
  CHECK(::stat((e.lockspace + "/k1").c_str(), &st) == 0);
  mgr.acquire(owner("e2", 1010), {e});  // and can be taken again
  mgr.release(owner("e2", 1010), {e});
  // Giving back what is not held is not an error (logged only).
  mgr.release(owner("nobody", 1008), {a, f});
}

TEST_CASE("a spawned child registers and restricts itself; failures name the daemon", "[lock]") {
  TempDir dir("vireo-lockmgr");
  std::string sock = dir.path + "/lockd.sock";
  {
    ListeningDaemon daemon(sock);
    LockdChildProgram program(sock, owner("child", 0));
    SpawnChildChain chain;
    program.addTo(chain);
    // Succeeds only if both replies were OK.
    runInChild(SpawnChildChain::run, &chain, SpawnChildChain::describe, VIR_FROM_QEMU);
  }
  LockdChildProgram missing(dir.path + "/nobody.sock", owner("child", 0));
  SpawnChildChain chain;
  missing.addTo(chain);
  CHECK_THROWS_WITH(runInChild(SpawnChildChain::run, &chain, SpawnChildChain::describe, VIR_FROM_QEMU),
                    Catch::Contains("Failed to connect to the lock daemon at '" + dir.path +
                                    "/nobody.sock': No such file or directory"));
}

TEST_CASE("with nothing listening and no daemon to start, connect fails naming both", "[lock]") {
  TempDir dir("vireo-lockmgr");
  LockManagerSetup setup;
  setup.socketPath = dir.path + "/lockd.sock";
  setup.pidFile = dir.path + "/lockd.pid";
  setup.logFile = dir.path + "/lockd.log";
  setup.daemonPath = dir.path + "/no-such-lockd";
  LockManager mgr(setup);
  CHECK_THROWS_WITH(mgr.connect(), Catch::Contains("no-such-lockd"));
}
