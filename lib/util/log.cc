#include "lib/util/log.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>

namespace vireo::log {

std::atomic<int> gThreshold{0};

namespace {

constexpr int kNothing = 5;  // above every priority: nothing is logged
constexpr const char* kJournalSocket = "/run/systemd/journal/socket";

std::vector<std::string> splitWords(std::string_view spec) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < spec.size()) {
    while (i < spec.size() && (spec[i] == ' ' || spec[i] == '\t' || spec[i] == '\n')) i++;
    size_t start = i;
    while (i < spec.size() && spec[i] != ' ' && spec[i] != '\t' && spec[i] != '\n') i++;
    if (i > start) words.emplace_back(spec.substr(start, i - start));
  }
  return words;
}

// The leading "N:" of a filter or output, where only the digits 1-4 count.
// libvirt reads N with strtol, so "+1:" is 1 too (measured on 9.0).
std::optional<Priority> leadingPriority(std::string_view word, std::string_view* rest) {
  size_t colon = word.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view number = word.substr(0, colon);
  if (!number.empty() && number[0] == '+') number.remove_prefix(1);
  if (number.size() != 1 || number[0] < '1' || number[0] > '4') return std::nullopt;
  *rest = word.substr(colon + 1);
  return static_cast<Priority>(number[0] - '0');
}

int syslogPriority(Priority p) {
  switch (p) {
    case Priority::Debug: return LOG_DEBUG;
    case Priority::Info: return LOG_INFO;
    case Priority::Warning: return LOG_WARNING;
    case Priority::Error: return LOG_ERR;
  }
  return LOG_ERR;
}

long long nowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string hostName() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

}  // namespace

const char* priorityName(Priority p) noexcept {
  switch (p) {
    case Priority::Debug: return "debug";
    case Priority::Info: return "info";
    case Priority::Warning: return "warning";
    case Priority::Error: return "error";
  }
  return "unknown";
}

std::optional<Priority> parsePriority(std::string_view s) {
  if (s == "1" || s == "debug") return Priority::Debug;
  if (s == "2" || s == "info") return Priority::Info;
  // libvirt 9.0 accepts only "warning"; "warn" is vireo's courtesy.
  if (s == "3" || s == "warning" || s == "warn") return Priority::Warning;
  if (s == "4" || s == "error") return Priority::Error;
  return std::nullopt;
}

std::optional<std::vector<Filter>> parseFilters(std::string_view spec) {
  std::vector<Filter> filters;
  for (const std::string& word : splitWords(spec)) {
    std::string_view rest;
    std::optional<Priority> p = leadingPriority(word, &rest);
    if (!p) return std::nullopt;
    // A leading "+" asked older libvirt for a stack trace; 9.0 accepts and
    // ignores it, and so does vireo.
    if (!rest.empty() && rest[0] == '+') rest.remove_prefix(1);
    if (rest.empty()) return std::nullopt;
    filters.push_back({*p, std::string(rest)});
  }
  return filters;
}

std::optional<std::vector<OutputSpec>> parseOutputs(std::string_view spec) {
  std::vector<OutputSpec> outputs;
  for (const std::string& word : splitWords(spec)) {
    std::string_view rest;
    std::optional<Priority> p = leadingPriority(word, &rest);
    if (!p) return std::nullopt;
    size_t colon = rest.find(':');
    std::string_view dest = rest.substr(0, colon);
    std::string_view arg = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    bool hasArg = colon != std::string_view::npos;
    if (dest == "stderr" && !hasArg) {
      outputs.push_back({*p, Destination::Stderr, ""});
    } else if (dest == "journald" && !hasArg) {
      outputs.push_back({*p, Destination::Journald, ""});
    } else if (dest == "file" && !arg.empty()) {
      // libvirt wants an absolute path (a daemon's cwd is "/").
      if (arg[0] != '/') return std::nullopt;
      outputs.push_back({*p, Destination::File, std::string(arg)});
    } else if (dest == "syslog" && !arg.empty()) {
      outputs.push_back({*p, Destination::Syslog, std::string(arg)});
    } else {
      return std::nullopt;
    }
  }
  return outputs;
}

bool filterMatches(const Filter& f, const char* module) {
  std::string glob;
  glob.reserve(f.match.size() + 2);
  glob.append("*").append(f.match).append("*");
  return ::fnmatch(glob.c_str(), module, 0) == 0;
}

std::string formatLine(Priority p, const char* func, int line, std::string_view msg, long long epochMillis,
                       long threadId) {
  std::time_t seconds = static_cast<std::time_t>(epochMillis / 1000);
  long millis = static_cast<long>(epochMillis % 1000);
  if (millis < 0) {
    millis += 1000;
    seconds -= 1;
  }
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  // libvirt always writes UTC and a literal "+0000".
  char head[128];
  int n = std::snprintf(head, sizeof head, "%04d-%02d-%02d %02d:%02d:%02d.%03ld+0000: %ld: %s : ",
                        utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                        millis, threadId, priorityName(p));
  std::string out(head, n > 0 ? static_cast<size_t>(n) : 0);
  if (func) out.append(func).append(":").append(std::to_string(line)).append(" : ");
  out.append(msg);
  return out;
}

// --- outputs ---

class Output {
 public:
  explicit Output(Priority p) : priority_(p) {}
  virtual ~Output() = default;
  Priority priority() const { return priority_; }
  // `line` is the formatted line with its newline; `body` is the part after
  // the time stamp and thread (for syslog and journald, which stamp their own).
  virtual void emit(Priority p, const char* func, int lineNo, const std::string& line, std::string_view msg) = 0;
  // libvirt starts each output with its version and the host's name.
  bool needsHeader = true;

 private:
  Priority priority_;
};

namespace {

void writeAll(int fd, const std::string& s) {
  // One write(2) per line keeps lines of concurrent threads whole. A short
  // write or an error is not worth more than dropping the line.
  [[maybe_unused]] ssize_t n = ::write(fd, s.data(), s.size());
}

class FdOutput final : public Output {
 public:
  FdOutput(Priority p, int fd, bool owned) : Output(p), fd_(fd), owned_(owned) {}
  ~FdOutput() override {
    if (owned_) ::close(fd_);
  }
  void emit(Priority, const char*, int, const std::string& line, std::string_view) override { writeAll(fd_, line); }

 private:
  int fd_;
  bool owned_;
};

class SyslogOutput final : public Output {
 public:
  SyslogOutput(Priority p, std::string ident) : Output(p), ident_(std::move(ident)) {
    ::openlog(ident_.c_str(), 0, 0);  // openlog keeps the pointer: ident_ lives as long
  }
  void emit(Priority p, const char*, int, const std::string& line, std::string_view) override {
    // syslog stamps the time itself: drop ours ("YYYY-MM-DD HH:MM:SS.mmm+0000: ").
    size_t skip = line.find(": ");
    std::string rest = skip == std::string::npos ? line : line.substr(skip + 2);
    ::syslog(syslogPriority(p), "%s", rest.c_str());
  }

 private:
  std::string ident_;
};

void journalField(std::string& out, std::string_view key, std::string_view value) {
  if (value.find('\n') == std::string_view::npos) {
    out.append(key).append("=").append(value).append("\n");
    return;
  }
  // The native protocol's binary form: KEY\n, 64-bit little-endian size, value, \n.
  out.append(key).append("\n");
  uint64_t size = value.size();
  for (int i = 0; i < 8; i++) out.push_back(static_cast<char>((size >> (8 * i)) & 0xff));
  out.append(value).append("\n");
}

class JournaldOutput final : public Output {
 public:
  JournaldOutput(Priority p, int fd) : Output(p), fd_(fd) {}
  ~JournaldOutput() override { ::close(fd_); }
  void emit(Priority p, const char* func, int lineNo, const std::string&, std::string_view msg) override {
    std::string d;
    journalField(d, "MESSAGE", msg);
    journalField(d, "PRIORITY", std::to_string(syslogPriority(p)));
    journalField(d, "SYSLOG_IDENTIFIER", program_invocation_short_name);
    if (func) {
      journalField(d, "CODE_FUNC", func);
      journalField(d, "CODE_LINE", std::to_string(lineNo));
    }
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, kJournalSocket, sizeof addr.sun_path - 1);
    [[maybe_unused]] ssize_t n = ::sendto(fd_, d.data(), d.size(), MSG_NOSIGNAL,
                                          reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
  }

 private:
  int fd_;
};

std::unique_ptr<Output> openOutput(const OutputSpec& spec, std::vector<std::string>* problems) {
  switch (spec.destination) {
    case Destination::Stderr:
      return std::make_unique<FdOutput>(spec.priority, STDERR_FILENO, false);
    case Destination::File: {
      int fd = ::open(spec.arg.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
      if (fd < 0) {
        if (problems) problems->push_back("failed to open " + spec.arg + ": " + std::strerror(errno));
        return nullptr;
      }
      return std::make_unique<FdOutput>(spec.priority, fd, true);
    }
    case Destination::Syslog:
      return std::make_unique<SyslogOutput>(spec.priority, spec.arg);
    case Destination::Journald: {
      struct stat st{};
      if (::stat(kJournalSocket, &st) != 0 || !S_ISSOCK(st.st_mode)) return nullptr;  // no journald here
      int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
      if (fd < 0) return nullptr;
      return std::make_unique<JournaldOutput>(spec.priority, fd);
    }
  }
  return nullptr;
}

}  // namespace

// --- the logger ---

Logger::Logger(const Settings& settings) : settings_(settings) {
  for (const OutputSpec& spec : settings_.outputs) {
    if (auto out = openOutput(spec, nullptr)) outputs_.push_back(std::move(out));
  }
  if (outputs_.empty()) return;
  int lowest = static_cast<int>(settings_.defaultPriority);
  for (const Filter& f : settings_.filters) lowest = std::min(lowest, static_cast<int>(f.priority));
  int lowestOutput = kNothing;
  for (const auto& out : outputs_) lowestOutput = std::min(lowestOutput, static_cast<int>(out->priority()));
  threshold_ = std::max(lowest, lowestOutput);
}

Logger::~Logger() = default;

Priority Logger::priorityFor(const char* module) const {
  for (const Filter& f : settings_.filters) {
    if (filterMatches(f, module)) return f.priority;  // the first match wins, as in libvirt
  }
  return settings_.defaultPriority;
}

void Logger::write(Priority p, const char* module, const char* func, int line, std::string_view msg) noexcept {
  try {
    if (static_cast<int>(p) < threshold_ || p < priorityFor(module)) return;
    long long when = nowMillis();
    long tid = static_cast<long>(::gettid());
    std::string formatted = formatLine(p, func, line, msg, when, tid);
    formatted.push_back('\n');
    static std::mutex headerMutex;
    for (const auto& out : outputs_) {
      if (p < out->priority()) continue;
      {
        std::lock_guard lock(headerMutex);
        if (out->needsHeader) {
          out->needsHeader = false;
          std::string version = "libvirt version: 9.0.0, package: vireo";
          std::string host = "hostname: " + hostName();
          out->emit(Priority::Info, nullptr, 0, formatLine(Priority::Info, nullptr, 0, version, when, tid) + "\n",
                    version);
          out->emit(Priority::Info, nullptr, 0, formatLine(Priority::Info, nullptr, 0, host, when, tid) + "\n",
                    host);
        }
      }
      out->emit(p, func, line, formatted, msg);
    }
  } catch (...) {
    // Out of memory while formatting: the line is lost, the caller goes on.
  }
}

// --- the process's logger, from the environment ---

Settings settingsFromEnvironment(std::vector<std::string>* problems) {
  Settings s;
  bool asked = false;
  auto env = [](const char* name) -> const char* {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
  };
  if (const char* debug = env("LIBVIRT_DEBUG")) {
    asked = true;
    if (auto p = parsePriority(debug)) s.defaultPriority = *p;
    else if (problems) problems->push_back(std::string("Failed to set logging priority, argument '") + debug + "' is invalid");
  }
  if (const char* filters = env("LIBVIRT_LOG_FILTERS")) {
    asked = true;
    if (auto f = parseFilters(filters)) s.filters = std::move(*f);
    else if (problems) problems->push_back(std::string("Invalid log filters '") + filters + "', all ignored");
  }
  if (const char* outputs = env("LIBVIRT_LOG_OUTPUTS")) {
    asked = true;
    if (auto o = parseOutputs(outputs)) s.outputs = std::move(*o);
    else if (problems) problems->push_back(std::string("Invalid log outputs '") + outputs + "', all ignored");
  }
  // As libvirt: asked for a log but given no (valid) output, it goes to
  // stderr. The default priority and the filters choose what is written.
  if (asked && s.outputs.empty()) s.outputs.push_back({Priority::Debug, Destination::Stderr, ""});
  return s;
}

namespace {

std::once_flag gOnce;
Logger* gLogger = nullptr;  // never freed: log calls may come from static destructors
bool gExplicitOutputs = false;

Logger* processLogger() noexcept {
  try {
    std::call_once(gOnce, [] {
      std::vector<std::string> problems;
      Settings s = settingsFromEnvironment(&problems);
      const char* outputs = std::getenv("LIBVIRT_LOG_OUTPUTS");
      gExplicitOutputs = outputs && *outputs && parseOutputs(outputs).value_or(std::vector<OutputSpec>{}).size() > 0;
      gLogger = new Logger(s);
      gThreshold.store(gLogger->threshold(), std::memory_order_relaxed);
      for (const std::string& p : problems)
        gLogger->write(Priority::Error, "util.log", "settingsFromEnvironment", __LINE__, p);
    });
  } catch (...) {
    // Could not even allocate the logger: log nothing, for good.
    gThreshold.store(kNothing, std::memory_order_relaxed);
  }
  return gLogger;
}

}  // namespace

bool explicitOutputs() noexcept {
  processLogger();
  return gExplicitOutputs;
}

void text(Priority p, const char* module, const char* func, int line, std::string_view msg) noexcept {
  if (Logger* logger = processLogger()) logger->write(p, module, func, line, msg);
}

void message(Priority p, const char* module, const char* func, int line, const char* fmt, ...) noexcept {
  Logger* logger = processLogger();
  // The first call reads the environment and may find this priority off.
  if (!logger || !mayLog(p) || p < logger->priorityFor(module)) return;
  try {
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = std::vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if (static_cast<size_t>(n) < sizeof small) {
      logger->write(p, module, func, line, std::string_view(small, static_cast<size_t>(n)));
      return;
    }
    std::string big(static_cast<size_t>(n) + 1, '\0');
    va_start(ap, fmt);
    std::vsnprintf(big.data(), big.size(), fmt, ap);
    va_end(ap);
    big.resize(static_cast<size_t>(n));
    logger->write(p, module, func, line, big);
  } catch (...) {
    // A log call never throws.
  }
}

}  // namespace vireo::log
