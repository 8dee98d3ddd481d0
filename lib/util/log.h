// vireo's log, with libvirt's environment and meaning, so that "run with
// LIBVIRT_DEBUG=1 and send the log" works unchanged (doc/logging.md):
//
//   LIBVIRT_DEBUG        default priority: 1|debug 2|info 3|warning|warn 4|error
//   LIBVIRT_LOG_FILTERS  "3:remote 4:event 1:qemu.qemu_monitor": the first filter
//                        whose match is a substring (fnmatch glob "*match*") of a
//                        module's name sets that module's priority
//   LIBVIRT_LOG_OUTPUTS  "1:stderr 2:file:/path 3:syslog:name 3:journald"
//
// Lines have libvirt's layout:
//   "2026-12-07 02:03:04.123+0000: 12345: debug : virConnectOpenAuth:42 : name=..."
//
// The environment is read once, at the first log call. With none of the three
// variables set, nothing is written anywhere: the library never prints to
// the host application's stderr unless asked.
//
// A log site costs one relaxed atomic load when its priority is below every
// enabled one; nothing is formatted then. A log call never throws.
//
//   VIREO_DEBUG("qemu.qemu_launch", "spawning %s", path.c_str());
//   VIREO_WARN(kLogModule, "cannot remove %s: %s", p.c_str(), e.what());
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vireo::log {

enum class Priority { Debug = 1, Info = 2, Warning = 3, Error = 4 };

// "debug", "info", "warning", "error", as libvirt writes them in a line.
const char* priorityName(Priority p) noexcept;

// The lowest priority any filter or the default lets through, or 5 when
// nothing is logged; 0 until the environment has been read.
extern std::atomic<int> gThreshold;

inline bool mayLog(Priority p) noexcept {
  return static_cast<int>(p) >= gThreshold.load(std::memory_order_relaxed);
}

// The slow path behind the macros: reads the environment on first use, then
// applies the module's filter and writes to each output whose priority the
// message reaches.
void message(Priority p, const char* module, const char* func, int line, const char* fmt, ...) noexcept
    __attribute__((format(printf, 5, 6)));
void text(Priority p, const char* module, const char* func, int line, std::string_view msg) noexcept;

// --- The parts, for tests and for the global logger ---

struct Filter {
  Priority priority;
  std::string match;  // as given; matched as the glob "*match*"
};

enum class Destination { Stderr, File, Syslog, Journald };

struct OutputSpec {
  Priority priority;
  Destination destination;
  std::string arg;  // the file's path or the syslog ident
};

// libvirt's parsers. A malformed specification yields std::nullopt: libvirt
// rejects the whole variable then, and so does vireo (it keeps none of it).
std::optional<Priority> parsePriority(std::string_view s);
std::optional<std::vector<Filter>> parseFilters(std::string_view spec);
std::optional<std::vector<OutputSpec>> parseOutputs(std::string_view spec);

// fnmatch("*match*", module): libvirt's substring match with globs.
bool filterMatches(const Filter& f, const char* module);

// One complete line, without the trailing newline. `func` may be null (the
// header lines "libvirt version: ..." carry no function).
std::string formatLine(Priority p, const char* func, int line, std::string_view msg, long long epochMillis,
                       long threadId);

struct Settings {
  Priority defaultPriority = Priority::Warning;
  std::vector<Filter> filters;
  std::vector<OutputSpec> outputs;
};

// The settings the environment asks for, and the complaints about the parts
// that were malformed (written to the log once it is set up, at error).
Settings settingsFromEnvironment(std::vector<std::string>* problems);

class Output;

// A set of filters and open outputs. The process has one, built from the
// environment at first use; tests build their own.
class Logger {
 public:
  explicit Logger(const Settings& settings);
  ~Logger();
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  // The priority a module is logged at (first matching filter, else the
  // default), and the lowest priority anything may be logged at (5: never).
  Priority priorityFor(const char* module) const;
  int threshold() const { return threshold_; }
  bool hasOutputs() const { return !outputs_.empty(); }

  void write(Priority p, const char* module, const char* func, int line, std::string_view msg) noexcept;

 private:
  Settings settings_;
  std::vector<std::unique_ptr<Output>> outputs_;
  int threshold_ = 5;
};

// True when LIBVIRT_LOG_OUTPUTS named at least one valid output: libvirt
// logs every raised error only then (the default error function already
// prints it otherwise).
bool explicitOutputs() noexcept;

}  // namespace vireo::log

#define VIREO_LOG(prio, module, ...)                                                        \
  do {                                                                                      \
    if (::vireo::log::mayLog(prio)) ::vireo::log::message(prio, module, __func__, __LINE__, __VA_ARGS__); \
  } while (0)

#define VIREO_DEBUG(module, ...) VIREO_LOG(::vireo::log::Priority::Debug, module, __VA_ARGS__)
#define VIREO_INFO(module, ...) VIREO_LOG(::vireo::log::Priority::Info, module, __VA_ARGS__)
#define VIREO_WARN(module, ...) VIREO_LOG(::vireo::log::Priority::Warning, module, __VA_ARGS__)
#define VIREO_ERROR(module, ...) VIREO_LOG(::vireo::log::Priority::Error, module, __VA_ARGS__)
