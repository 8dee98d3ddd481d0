// The pure part of the QMP monitor (qmp_monitor.h): QEMU's output split into
// lines and each line decoded into a greeting, an event or a reply, with no
// socket and no thread, so that it can be tested and fuzzed on its own.
//
// QEMU's output is untrusted: a guest that broke into QEMU writes it. Every
// function here must cope with any bytes at all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lib/util/json.h"

namespace vireo::qemu {

struct QmpEvent {
  std::string name;        // "SHUTDOWN", "STOP", "DEVICE_DELETED", ...
  json::Value data;        // the "data" member, null when absent
  int64_t seconds = 0;     // QEMU's timestamp
  int64_t microseconds = 0;
};

// Bytes read from the socket, handed out line by line. It remembers how far
// the search for '\n' got, so that a large reply arriving in many reads is
// not rescanned from its start after each one.
class QmpLineBuffer {
 public:
  // libvirt's limit on one monitor message (QEMU_MONITOR_MAX_RESPONSE): a
  // QEMU that sends more than this without a line end is broken or hostile,
  // and the monitor gives up on it rather than buffer without end.
  static constexpr size_t kMaxLine = 10 * 1024 * 1024;

  void append(const char* data, size_t n) { bytes_.append(data, n); }

  // Takes one complete line (without its '\n') off the front; nullopt when
  // no complete line is buffered.
  std::optional<std::string> takeLine();

  // After takeLine() gave nullopt: true when the incomplete line buffered
  // is longer than kMaxLine.
  bool overflowed() const { return scanned_ > kMaxLine; }

 private:
  std::string bytes_;
  size_t scanned_ = 0;
};

// True for a line of only spaces, tabs and '\r' (QEMU ends lines with
// "\r\n"; such lines carry no message).
bool isBlankQmpLine(std::string_view line);

// The greeting {"QMP":{"version":{"qemu":{...}},...}}: nullopt when `msg`
// is not a greeting, else its "version" → "qemu" member (null when absent).
std::optional<json::Value> qmpGreetingVersion(const json::Value& msg);

// One message after the greeting.
struct QmpMessage {
  enum class Kind {
    Event,  // {"event": "NAME", ...}: `event` is filled
    Reply,  // {"id": N, "return"/"error": ...}: `id` and `body` (the whole message)
    Other,  // anything else that is JSON: not ours, ignored
  };
  Kind kind = Kind::Other;
  QmpEvent event;
  uint64_t id = 0;
  json::Value body;
};

// Decodes one non-blank line; nullopt when it is not JSON (a broken monitor).
std::optional<QmpMessage> decodeQmpMessage(std::string_view line);

}  // namespace vireo::qemu
