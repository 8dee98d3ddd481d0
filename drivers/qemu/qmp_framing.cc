#include "drivers/qemu/qmp_framing.h"

#include <utility>

#include "lib/util/error.h"

namespace vireo::qemu {

std::optional<std::string> QmpLineBuffer::takeLine() {
  size_t nl = bytes_.find('\n', scanned_);
  if (nl == std::string::npos) {
    scanned_ = bytes_.size();
    return std::nullopt;
  }
  std::string line = bytes_.substr(0, nl);
  bytes_.erase(0, nl + 1);
  scanned_ = 0;
  return line;
}

bool isBlankQmpLine(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::optional<json::Value> qmpGreetingVersion(const json::Value& msg) {
  const json::Value* qmp = msg.find("QMP");
  if (!qmp) return std::nullopt;
  if (const json::Value* v = qmp->find("version"))
    if (const json::Value* q = v->find("qemu")) return *q;
  return json::Value();
}

std::optional<QmpMessage> decodeQmpMessage(std::string_view line) {
  QmpMessage out;
  try {
    out.body = json::parse(line);
  } catch (const Error&) {
    return std::nullopt;
  }
  const json::Value& msg = out.body;
  if (const json::Value* name = msg.find("event"); name && name->isString()) {
    out.kind = QmpMessage::Kind::Event;
    out.event.name = name->asString();
    if (const json::Value* data = msg.find("data")) out.event.data = *data;
    if (const json::Value* ts = msg.find("timestamp")) {
      const json::Value* s = ts->find("seconds");
      const json::Value* us = ts->find("microseconds");
      if (s && s->type() == json::Value::Type::Int) out.event.seconds = s->asInt();
      if (us && us->type() == json::Value::Type::Int) out.event.microseconds = us->asInt();
    }
    out.body = json::Value();
    return out;
  }
  const json::Value* id = msg.find("id");
  if (!id || id->type() != json::Value::Type::Int) {
    out.body = json::Value();
    return out;  // Kind::Other
  }
  out.kind = QmpMessage::Kind::Reply;
  out.id = static_cast<uint64_t>(id->asInt());
  return out;
}

}  // namespace vireo::qemu
