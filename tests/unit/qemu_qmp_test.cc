// QmpMonitor against a real qemu-system-x86_64 (-S, TCG) and against a
// scripted peer on a socketpair for the protocol corners QEMU will not
// produce on demand (split greetings, timeouts, late replies).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "drivers/qemu/qmp_monitor.h"
#include "lib/util/error.h"
#include "lib/util/json.h"

extern char** environ;

using vireo::Error;
using vireo::UniqueFd;
using vireo::qemu::QmpEvent;
using vireo::qemu::QmpMonitor;
namespace json = vireo::json;
using namespace std::chrono_literals;

namespace {

constexpr const char* kQemu = "/usr/bin/qemu-system-x86_64";

bool haveQemu() { return ::access(kQemu, X_OK) == 0; }

// A QEMU started with -S and its QMP monitor listening on a UNIX socket in a
// private directory. Killed and cleaned up on destruction.
class QemuUnderTest {
 public:
  QemuUnderTest() {
    char tmpl[] = "/tmp/vireo-qmp-test-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir_ = tmpl;
    socket_ = dir_ + "/qmp.sock";
    std::vector<std::string> args = {kQemu, "-S", "-no-user-config", "-nodefaults", "-nographic",
                                     "-machine", "none,accel=tcg", "-qmp",
                                     "unix:" + socket_ + ",server=on,wait=off"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    int rc = ::posix_spawn(&pid_, kQemu, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
  }

  ~QemuUnderTest() {
    kill();
    ::unlink(socket_.c_str());
    ::rmdir(dir_.c_str());
  }

  // Connects to the monitor, retrying while QEMU is still creating it.
  std::unique_ptr<QmpMonitor> connect(QmpMonitor::Callbacks callbacks = {}) {
    auto deadline = std::chrono::steady_clock::now() + 20s;
    for (;;) {
      struct stat st;
      if (::stat(socket_.c_str(), &st) == 0) {
        try {
          return QmpMonitor::connect(socket_, callbacks);
        } catch (const Error& e) {
          if (std::chrono::steady_clock::now() > deadline) throw;
        }
      }
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(10ms);
    }
  }

  void kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  std::string dir_;
  std::string socket_;
  pid_t pid_ = -1;
};

// Events collected on the reader thread, waited for on the test thread.
class EventLog {
 public:
  QmpMonitor::Callbacks callbacks() {
    return {[this](const QmpEvent& e) {
              std::lock_guard lock(mu_);
              events_.push_back(e);
              cv_.notify_all();
            },
            [this] {
              std::lock_guard lock(mu_);
              ++eofs_;
              cv_.notify_all();
            }};
  }

  bool waitForEvent(const std::string& name, std::chrono::milliseconds timeout = 10s) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] {
      for (const auto& e : events_)
        if (e.name == name) return true;
      return false;
    });
  }

  bool waitForEof(std::chrono::milliseconds timeout = 10s) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return eofs_ > 0; });
  }

  std::vector<QmpEvent> events() {
    std::lock_guard lock(mu_);
    return events_;
  }
  int eofs() {
    std::lock_guard lock(mu_);
    return eofs_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<QmpEvent> events_;
  int eofs_ = 0;
};

#define REQUIRE_QEMU()                                                     \
  do {                                                                     \
    if (!haveQemu()) {                                                     \
      WARN("SKIPPED: " << kQemu << " is not installed or not executable"); \
      return;                                                              \
    }                                                                      \
  } while (0)

// ---------------------------------------------------------------------------
// A scripted QMP peer on the other end of a socketpair. It runs on its own
// thread, where Catch2 assertions are not allowed: it records what it saw
// and the test checks that after joining it.

struct FakePeer {
  UniqueFd ours;    // handed to QmpMonitor::open
  UniqueFd theirs;  // the "QEMU" side, driven by the test

  FakePeer() {
    int sv[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
    ours.reset(sv[0]);
    theirs.reset(sv[1]);
  }

  void write(const std::string& bytes) const {
    (void)!::send(theirs.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
  }

  // Reads one request line and returns it parsed (null if it is not JSON).
  json::Value readRequest() {
    std::string line;
    char c;
    while (::recv(theirs.get(), &c, 1, 0) == 1) {
      if (c == '\n') break;
      line += c;
    }
    try {
      return json::parse(line);
    } catch (const Error&) {
      return {};
    }
  }

  static constexpr const char* kGreeting =
      R"({"QMP": {"version": {"qemu": {"micro": 1, "minor": 2, "major": 7}, "package": ""}, "capabilities": ["oob"]}})"
      "\r\n";

  // Answers the first request (qmp_capabilities) and returns it.
  json::Value answerCapabilities() {
    json::Value req = readRequest();
    const json::Value* id = req.find("id");
    write(R"({"return": {}, "id": )" + (id ? json::serialize(*id) : "null") + "}\r\n");
    return req;
  }
};

}  // namespace

TEST_CASE("QMP: query-status on a QEMU started with -S", "[qemu][qmp]") {
  REQUIRE_QEMU();
  QemuUnderTest qemu;
  auto mon = qemu.connect();
  CHECK(mon->alive());
  CHECK(mon->version().at("major").asInt() == 7);
  CHECK(mon->version().at("minor").asInt() == 2);

  json::Value status = mon->execute("query-status");
  CHECK(status.at("running").asBool() == false);
  CHECK(status.at("status").asString() == "prelaunch");

  // A reply of several hundred kilobytes arrives over many reads.
  json::Value schema = mon->execute("query-qmp-schema");
  CHECK(json::serialize(schema).size() > 100000);
  CHECK(schema.asArray().size() > 1000);
}

TEST_CASE("QMP: an unknown command reports QEMU's error", "[qemu][qmp]") {
  REQUIRE_QEMU();
  QemuUnderTest qemu;
  auto mon = qemu.connect();
  try {
    mon->execute("no-such-command");
    FAIL("an unknown command succeeded");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_INTERNAL_ERROR);
    CHECK(e.domain() == VIR_FROM_QEMU);
    CHECK(e.message() ==
          "internal error: unable to execute QEMU command 'no-such-command': "
          "The command no-such-command has not been found");
    CHECK(e.str1 == "CommandNotFound");
  }
  // A bad argument is reported the same way, and the monitor stays usable.
  CHECK_THROWS_WITH(mon->execute("query-status", json::Value::object({{"bogus", 1}})),
                    Catch::Contains("unable to execute QEMU command 'query-status': ") &&
                        Catch::Contains("bogus"));
  CHECK(mon->execute("query-status").at("running").asBool() == false);
}

TEST_CASE("QMP: events arrive in order with their data", "[qemu][qmp]") {
  REQUIRE_QEMU();
  QemuUnderTest qemu;
  EventLog log;
  auto mon = qemu.connect(log.callbacks());

  mon->execute("cont");
  REQUIRE(log.waitForEvent("RESUME"));
  CHECK(mon->execute("query-status").at("running").asBool() == true);
  mon->execute("stop");
  REQUIRE(log.waitForEvent("STOP"));
  mon->execute("system_reset");
  REQUIRE(log.waitForEvent("RESET"));

  auto events = log.events();
  std::vector<std::string> names;
  for (const auto& e : events) names.push_back(e.name);
  CHECK(names == std::vector<std::string>{"RESUME", "STOP", "RESET"});
  const QmpEvent& reset = events.back();
  CHECK(reset.data.at("guest").asBool() == false);  // requested from the monitor
  CHECK(reset.data.at("reason").asString() == "host-qmp-system-reset");
  CHECK(reset.seconds > 1600000000);  // a real wall-clock timestamp
  CHECK(reset.microseconds >= 0);
  CHECK(reset.microseconds < 1000000);
  CHECK(events[1].data.isNull());  // STOP carries no data
  CHECK(log.eofs() == 0);
}

TEST_CASE("QMP: QEMU killed from outside", "[qemu][qmp]") {
  REQUIRE_QEMU();
  QemuUnderTest qemu;
  EventLog log;
  auto mon = qemu.connect(log.callbacks());
  REQUIRE(mon->alive());

  qemu.kill();
  REQUIRE(log.waitForEof());
  CHECK_FALSE(mon->alive());
  try {
    mon->execute("query-status");
    FAIL("execute on a dead monitor succeeded");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_OPERATION_FAILED);
    CHECK(e.domain() == VIR_FROM_QEMU);
    CHECK(e.message() == "operation failed: QEMU monitor was closed");
  }
  mon.reset();
  CHECK(log.eofs() == 1);  // exactly once, and not again from the destructor
}

TEST_CASE("QMP: closing the monitor ourselves does not call onEof", "[qemu][qmp]") {
  REQUIRE_QEMU();
  QemuUnderTest qemu;
  EventLog log;
  auto mon = qemu.connect(log.callbacks());
  mon->execute("query-status");
  mon.reset();
  CHECK(log.eofs() == 0);
  // QEMU accepts a new client afterwards: the old one really went away.
  auto again = qemu.connect();
  CHECK(again->execute("query-status").at("running").asBool() == false);
}

TEST_CASE("QMP: a descriptor passed with getfd", "[qemu][qmp]") {
  REQUIRE_QEMU();
  QemuUnderTest qemu;
  auto mon = qemu.connect();
  int p[2];
  REQUIRE(::pipe2(p, O_CLOEXEC) == 0);
  UniqueFd r(p[0]), w(p[1]);

  // Without a descriptor QEMU refuses getfd, which shows that the successful
  // call below really carried one.
  CHECK_THROWS_WITH(mon->execute("getfd", json::Value::object({{"fdname", "x"}})),
                    Catch::Contains("unable to execute QEMU command 'getfd'"));
  CHECK(mon->executeWithFd("getfd", json::Value::object({{"fdname", "x"}}), w.get()).isObject());
  mon->execute("closefd", json::Value::object({{"fdname", "x"}}));
  // It was closed once; a second close finds nothing.
  CHECK_THROWS_WITH(mon->execute("closefd", json::Value::object({{"fdname", "x"}})),
                    Catch::Contains("unable to execute QEMU command 'closefd'"));
  CHECK_THROWS_AS(mon->executeWithFd("getfd", json::Value::object({{"fdname", "y"}}), -1), Error);
}

TEST_CASE("QMP: commands from four threads get their own replies", "[qemu][qmp]") {
  REQUIRE_QEMU();
  QemuUnderTest qemu;
  auto mon = qemu.connect();
  // Each thread runs a command whose reply has a shape of its own, so a
  // reply handed to the wrong caller would fail that caller's check.
  struct Job {
    const char* command;
    const char* member;
  };
  const Job jobs[] = {{"query-status", "running"},
                      {"query-name", nullptr},
                      {"query-version", "qemu"},
                      {"query-target", "arch"}};
  std::atomic<int> failures{0}, done{0};
  std::vector<std::thread> threads;
  for (const Job& job : jobs) {
    threads.emplace_back([&, job] {
      for (int i = 0; i < 50; ++i) {
        try {
          json::Value ret = mon->execute(job.command);
          bool ok = ret.isObject() && (job.member ? ret.find(job.member) != nullptr : ret.asObject().empty());
          if (!ok) ++failures;
        } catch (const Error&) {
          ++failures;
        }
        ++done;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(done == 200);
  CHECK(failures == 0);
}

TEST_CASE("QMP: greeting and replies split and merged across reads", "[qmp]") {
  FakePeer peer;
  EventLog log;
  std::string greeting = FakePeer::kGreeting;
  json::Value capsRequest, request;
  std::thread qemu([&] {
    // The greeting in three pieces, with pauses so they are separate reads.
    peer.write(greeting.substr(0, 10));
    std::this_thread::sleep_for(20ms);
    peer.write(greeting.substr(10, 30));
    std::this_thread::sleep_for(20ms);
    peer.write(greeting.substr(40));
    capsRequest = peer.answerCapabilities();
    // An event before the reply, the reply, and half of a second event, all
    // in one write; the rest of that event later.
    request = peer.readRequest();
    const json::Value* idValue = request.find("id");
    std::string id = idValue ? json::serialize(*idValue) : "null";
    peer.write(R"({"event":"FIRST","data":{"a":1},"timestamp":{"seconds":10,"microseconds":20}})"
               "\r\n"
               R"({"return":{"answer":42},"id":)" + id + "}\r\n" + R"({"event":"SEC)");
    std::this_thread::sleep_for(20ms);
    peer.write("OND\"}\r\n");
  });
  auto mon = QmpMonitor::open(std::move(peer.ours), log.callbacks(), 5s);
  CHECK(mon->version().at("micro").asInt() == 1);
  json::Value ret = mon->execute("query-thing", json::Value::object({{"n", 5}}));
  CHECK(ret.at("answer").asInt() == 42);
  REQUIRE(log.waitForEvent("SECOND"));
  qemu.join();
  CHECK(json::serialize(capsRequest) == R"({"execute":"qmp_capabilities","id":1})");
  CHECK(json::serialize(request) == R"({"execute":"query-thing","arguments":{"n":5},"id":2})");
  auto events = log.events();
  REQUIRE(events.size() == 2);
  CHECK(events[0].name == "FIRST");
  CHECK(events[0].data.at("a").asInt() == 1);
  CHECK(events[0].seconds == 10);
  CHECK(events[0].microseconds == 20);
  CHECK(events[1].name == "SECOND");
}

TEST_CASE("QMP: the peer closes before the greeting", "[qmp]") {
  FakePeer peer;
  peer.theirs.reset();
  try {
    QmpMonitor::open(std::move(peer.ours), {}, 5s);
    FAIL("open succeeded without a greeting");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_INTERNAL_ERROR);
    CHECK(e.domain() == VIR_FROM_QEMU);
    CHECK(e.message() == "internal error: QEMU monitor closed before the greeting");
  }
}

TEST_CASE("QMP: no greeting within the timeout", "[qmp]") {
  FakePeer peer;
  auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(QmpMonitor::open(std::move(peer.ours), {}, 200ms),
                    "internal error: no greeting from the QEMU monitor within 200 ms");
  CHECK(std::chrono::steady_clock::now() - start >= 200ms);
}

TEST_CASE("QMP: a command that gets no reply times out; a late reply is dropped", "[qmp]") {
  FakePeer peer;
  std::thread qemu([&] {
    peer.write(FakePeer::kGreeting);
    peer.answerCapabilities();
  });
  auto mon = QmpMonitor::open(std::move(peer.ours), {}, 5s);
  qemu.join();

  try {
    mon->execute("slow", json::Value(), 200ms);
    FAIL("a command without a reply succeeded");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_OPERATION_TIMEOUT);
    CHECK(e.message() == "Timed out during operation: no reply from QEMU to command 'slow' within 200 ms");
  }
  json::Value slow = peer.readRequest();
  CHECK(!slow.find("arguments"));  // no arguments member when none were given

  // The late reply to "slow" arrives first; the next command must get its own.
  std::thread answer([&] {
    json::Value req = peer.readRequest();
    const json::Value* id = req.find("id");
    peer.write(R"({"return":"late","id":)" + json::serialize(slow.at("id")) + "}\n" +
               R"({"return":"mine","id":)" + (id ? json::serialize(*id) : "null") + "}\n");
  });
  CHECK(mon->execute("fast").asString() == "mine");
  answer.join();
  CHECK(mon->alive());

  // The peer hanging up fails the monitor.
  peer.theirs.reset();
  CHECK_THROWS_WITH(mon->execute("after", json::Value(), 5s), "operation failed: QEMU monitor was closed");
  CHECK_FALSE(mon->alive());
}

TEST_CASE("QMP: a reply that is not JSON ends the monitor", "[qmp]") {
  FakePeer peer;
  EventLog log;
  std::thread qemu([&] {
    peer.write(FakePeer::kGreeting);
    peer.answerCapabilities();
    peer.readRequest();
    peer.write("this is not json\n");
  });
  auto mon = QmpMonitor::open(std::move(peer.ours), log.callbacks(), 5s);
  CHECK_THROWS_WITH(mon->execute("x", json::Value(), 5s), "operation failed: QEMU monitor was closed");
  qemu.join();
  CHECK(log.waitForEof());
  CHECK_FALSE(mon->alive());
}

TEST_CASE("QMP: a reply that never ends its line stops the monitor at 10 MiB", "[qmp]") {
  // QEMU's output is untrusted: without the limit the monitor buffered it
  // until memory ran out, and the command waited for its timeout.
  FakePeer peer;
  EventLog log;
  std::thread qemu([&] {
    peer.write(FakePeer::kGreeting);
    peer.answerCapabilities();
    peer.readRequest();
    // One byte over the limit and no more: the monitor stops reading then.
    peer.write("{\"return\": \"" + std::string(vireo::qemu::QmpLineBuffer::kMaxLine - 11, 'x'));
  });
  auto mon = QmpMonitor::open(std::move(peer.ours), log.callbacks(), 5s);
  CHECK_THROWS_WITH(mon->execute("x", json::Value(), 20s), "operation failed: QEMU monitor was closed");
  qemu.join();
  CHECK(log.waitForEof());
  CHECK_FALSE(mon->alive());
}

TEST_CASE("QMP: a greeting that never ends its line fails the open at 10 MiB", "[qmp]") {
  FakePeer peer;
  std::thread qemu([&] { peer.write(std::string(vireo::qemu::QmpLineBuffer::kMaxLine + 1, ' ')); });
  CHECK_THROWS_WITH(QmpMonitor::open(std::move(peer.ours), {}, 20s),
                    "internal error: No complete monitor response found in 10485760 bytes");
  qemu.join();
}

TEST_CASE("QMP: connect to a missing socket", "[qmp]") {
  try {
    QmpMonitor::connect("/nonexistent/vireo/qmp.sock", {});
    FAIL("connect succeeded");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.message() ==
          "Unable to connect to QEMU monitor socket /nonexistent/vireo/qmp.sock: No such file or directory");
  }
}
