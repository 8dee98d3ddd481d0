#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "lib/util/log.h"

using namespace vireo::log;

namespace {

// A fresh path under the temporary directory, removed again at the end.
struct TempLog {
  std::string path;
  TempLog() {
    char dir[] = "/tmp/vireo-log-test-XXXXXX";
    REQUIRE(::mkdtemp(dir) != nullptr);
    path = std::string(dir) + "/log";
  }
  ~TempLog() {
    ::unlink(path.c_str());
    ::rmdir(path.substr(0, path.rfind('/')).c_str());
  }
  std::vector<std::string> lines() const {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
  }
};

// libvirt 9.0's line, measured from LIBVIRT_DEBUG=1 on Debian's libvirt0:
// "2026-12-07 02:22:12.397+0000: 18432: debug : virDomainLookupByName:449 : conn=0x..., name=test"
const std::regex kLine(R"(^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000: \d+: (debug|info|warning|error) : )"
                       R"(([A-Za-z_][A-Za-z0-9_]*:\d+ : )?.*$)");

Settings fileSettings(const std::string& path, Priority outputPriority, Priority defaultPriority,
                      std::vector<Filter> filters = {}) {
  Settings s;
  s.defaultPriority = defaultPriority;
  s.filters = std::move(filters);
  s.outputs.push_back({outputPriority, Destination::File, path});
  return s;
}

}  // namespace

TEST_CASE("LIBVIRT_DEBUG priorities: numbers and names", "[log]") {
  CHECK(parsePriority("1") == Priority::Debug);
  CHECK(parsePriority("debug") == Priority::Debug);
  CHECK(parsePriority("2") == Priority::Info);
  CHECK(parsePriority("info") == Priority::Info);
  CHECK(parsePriority("3") == Priority::Warning);
  CHECK(parsePriority("warning") == Priority::Warning);
  CHECK(parsePriority("warn") == Priority::Warning);
  CHECK(parsePriority("4") == Priority::Error);
  CHECK(parsePriority("error") == Priority::Error);
  CHECK_FALSE(parsePriority("0"));
  CHECK_FALSE(parsePriority("5"));
  CHECK_FALSE(parsePriority("DEBUG"));
  CHECK_FALSE(parsePriority(""));
}

TEST_CASE("LIBVIRT_LOG_FILTERS parses libvirt's filter list", "[log]") {
  // libvirt 9.0 takes "+1:x" (its priority goes through strtol) and "1:+x"
  // (older libvirt's stack-trace flag), both measured.
  auto f = parseFilters("3:remote  4:event\t1:qemu.qemu_monitor 1:+util.spawn +2:util.log");
  REQUIRE(f);
  REQUIRE(f->size() == 5);
  CHECK((*f)[4].priority == Priority::Info);
  CHECK((*f)[4].match == "util.log");
  CHECK((*f)[0].priority == Priority::Warning);
  CHECK((*f)[0].match == "remote");
  CHECK((*f)[2].match == "qemu.qemu_monitor");
  CHECK((*f)[3].priority == Priority::Debug);
  CHECK((*f)[3].match == "util.spawn");  // the "+" of a stack trace is accepted and ignored
  CHECK(parseFilters("")->empty());

  // One bad filter rejects the whole list, as libvirt does.
  CHECK_FALSE(parseFilters("1:qemu 9:remote"));
  CHECK_FALSE(parseFilters("1:qemu remote"));
  CHECK_FALSE(parseFilters("x:qemu"));
  CHECK_FALSE(parseFilters("1:"));
  CHECK_FALSE(parseFilters("12:qemu"));
}

TEST_CASE("LIBVIRT_LOG_OUTPUTS parses stderr, file, syslog and journald", "[log]") {
  auto o = parseOutputs("1:stderr 2:file:/var/log/x.log 3:syslog:vireo 4:journald");
  REQUIRE(o);
  REQUIRE(o->size() == 4);
  CHECK((*o)[0].destination == Destination::Stderr);
  CHECK((*o)[0].priority == Priority::Debug);
  CHECK((*o)[1].destination == Destination::File);
  CHECK((*o)[1].arg == "/var/log/x.log");
  CHECK((*o)[2].destination == Destination::Syslog);
  CHECK((*o)[2].arg == "vireo");
  CHECK((*o)[3].destination == Destination::Journald);
  CHECK((*o)[3].priority == Priority::Error);

  REQUIRE(parseOutputs("+2:stderr"));
  CHECK(parseOutputs("+2:stderr")->front().priority == Priority::Info);

  // Measured on libvirt 9.0: each of these makes the whole variable invalid.
  CHECK_FALSE(parseOutputs("1:bogus"));
  CHECK_FALSE(parseOutputs("1:stderr 9:file"));
  CHECK_FALSE(parseOutputs("x:stderr"));
  CHECK_FALSE(parseOutputs("1:file:/tmp/a 1:bad"));
  CHECK_FALSE(parseOutputs("1:file:"));
  CHECK_FALSE(parseOutputs("1:file:relative/path"));
  CHECK_FALSE(parseOutputs("1:syslog"));
  CHECK_FALSE(parseOutputs("1:stderr:extra"));
}

TEST_CASE("Filters match a substring of the module, with globs, first match wins", "[log]") {
  CHECK(filterMatches({Priority::Debug, "qemu"}, "qemu.qemu_launch"));
  CHECK(filterMatches({Priority::Debug, "launch"}, "qemu.qemu_launch"));
  CHECK(filterMatches({Priority::Debug, "virt"}, "libvirt"));
  CHECK(filterMatches({Priority::Debug, "lib*n"}, "libvirt.domain"));
  CHECK(filterMatches({Priority::Debug, "qemu.*_mon"}, "qemu.qemu_monitor"));
  CHECK_FALSE(filterMatches({Priority::Debug, "lxc"}, "qemu.qemu_launch"));
  CHECK_FALSE(filterMatches({Priority::Debug, "qemu.x*"}, "qemu.qemu_launch"));

  TempLog t;
  Logger a(fileSettings(t.path, Priority::Debug, Priority::Warning,
                        {{Priority::Error, "qemu.qemu_monitor"}, {Priority::Debug, "qemu"}}));
  CHECK(a.priorityFor("qemu.qemu_monitor") == Priority::Error);
  CHECK(a.priorityFor("qemu.qemu_launch") == Priority::Debug);
  CHECK(a.priorityFor("util.spawn") == Priority::Warning);
  CHECK(a.threshold() == 1);

  // Measured on libvirt 9.0: "3:libvirt 1:libvirt" logs no debug of libvirt.
  Logger b(fileSettings(t.path, Priority::Debug, Priority::Error,
                        {{Priority::Warning, "libvirt"}, {Priority::Debug, "libvirt"}}));
  CHECK(b.priorityFor("libvirt") == Priority::Warning);
  // The threshold is only the cheap first test: the lowest any filter names.
  CHECK(b.threshold() == 1);
}

TEST_CASE("A log line has libvirt's layout", "[log]") {
  // 1700000000123 ms after the epoch is 2023-11-14 22:13:20.123 UTC.
  CHECK(formatLine(Priority::Debug, "virConnectOpenAuth", 1234, "name=test:///default, auth=(nil), flags=0x0",
                   1700000000123LL, 12345) ==
        "2023-11-14 22:13:20.123+0000: 12345: debug : virConnectOpenAuth:1234 : "
        "name=test:///default, auth=(nil), flags=0x0");
  CHECK(formatLine(Priority::Warning, "f", 1, "m", 5, 1) == "1970-01-01 00:00:00.005+0000: 1: warning : f:1 : m");
  CHECK(formatLine(Priority::Info, nullptr, 0, "hostname: vm", 0, 7) ==
        "1970-01-01 00:00:00.000+0000: 7: info : hostname: vm");
  CHECK(std::regex_match(formatLine(Priority::Error, "g", 99, "x y", 1765000000000LL, 42), kLine));
}

TEST_CASE("The file output gets the header, then the lines its priority and the filters let through", "[log]") {
  TempLog t;
  {
    Logger logger(fileSettings(t.path, Priority::Info, Priority::Debug, {{Priority::Error, "noisy"}}));
    logger.write(Priority::Debug, "qemu.qemu_launch", "below_output", 1, "dropped: below the output's 2");
    logger.write(Priority::Info, "qemu.qemu_launch", "launch", 10, "spawned");
    logger.write(Priority::Warning, "util.noisy", "noisy", 20, "dropped: the filter wants error");
    logger.write(Priority::Error, "util.noisy", "noisy", 30, "kept");
  }
  std::vector<std::string> lines = t.lines();
  REQUIRE(lines.size() == 4);
  for (const std::string& l : lines) CHECK(std::regex_match(l, kLine));
  CHECK(lines[0].find(": info : libvirt version: 9.0.0, package: vireo") != std::string::npos);
  CHECK(lines[1].find(": info : hostname: ") != std::string::npos);
  CHECK(lines[2].ends_with(": info : launch:10 : spawned"));
  CHECK(lines[3].ends_with(": error : noisy:30 : kept"));
  CHECK(lines[2].find(": " + std::to_string(::gettid()) + ": ") != std::string::npos);
}

TEST_CASE("A logger without outputs logs nothing", "[log]") {
  Settings s;
  s.defaultPriority = Priority::Debug;
  Logger logger(s);
  CHECK_FALSE(logger.hasOutputs());
  CHECK(logger.threshold() == 5);
}

TEST_CASE("Threads logging at once produce whole lines", "[log]") {
  TempLog t;
  constexpr int kThreads = 8;
  constexpr int kLines = 400;
  {
    Logger logger(fileSettings(t.path, Priority::Debug, Priority::Debug));
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; i++) {
      threads.emplace_back([&logger, i] {
        std::string payload(200, static_cast<char>('a' + i));
        for (int n = 0; n < kLines; n++) logger.write(Priority::Debug, "test", "worker", n, payload);
      });
    }
    for (auto& th : threads) th.join();
  }
  std::vector<std::string> lines = t.lines();
  REQUIRE(lines.size() == 2 + kThreads * kLines);
  int whole = 0;
  for (size_t i = 2; i < lines.size(); i++) {
    const std::string& l = lines[i];
    size_t at = l.rfind(" : ");
    if (at == std::string::npos || !std::regex_match(l, kLine)) continue;
    std::string payload = l.substr(at + 3);
    if (payload.size() == 200 && payload.find_first_not_of(payload[0]) == std::string::npos) whole++;
  }
  CHECK(whole == kThreads * kLines);
}
