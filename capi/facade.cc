#include "capi/facade.h"

#include <string>
#include <vector>

#include "capi/entry_point.h"

#include "lib/util/log.h"

namespace vireo::capi {

driver::Connection& Call::connection(virConnectPtr conn) {
  if (!conn || conn->magic != kConnectMagic) fail(VIR_ERR_INVALID_CONN, area_, function_);
  conn_ = conn;
  return *conn->impl;
}

virDomainPtr Call::domain(virDomainPtr dom) {
  // libvirt reports bad domain handles in VIR_FROM_DOM, whatever the API file.
  if (!dom || dom->magic != kDomainMagic) fail(VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM, function_);
  if (!dom->conn || dom->conn->magic != kConnectMagic) fail(VIR_ERR_INVALID_CONN, VIR_FROM_DOM, function_);
  conn_ = dom->conn;
  return dom;
}

void Call::objectHandle(HandleKind kind, const void* /*handle*/) const {
  HandleKindError error = invalidHandleError(kind);
  fail(error.code, error.area, function_);
}

void Call::otherConnection(virConnectPtr conn) const {
  if (!conn || conn->magic != kConnectMagic) fail(VIR_ERR_INVALID_CONN, area_, function_);
}

void Call::requireWritable() {
  if (impl().readOnly())
    fail(VIR_ERR_OPERATION_DENIED, area_, std::string("read only access prevents ") + function_);
}

void Call::nonNull(const void* p, const char* argname) const {
  if (!p) invalidArg(std::string(argname) + " in " + function_ + " must not be NULL");
}

void Call::nonNullArray(const void* p, long long size, const char* argname) const {
  if (!p && size > 0) nonNull(p, argname);
}

void Call::positive(long long value, const char* argname) const {
  if (value <= 0) invalidArg(std::string(argname) + " in " + function_ + " must be greater than zero");
}

void Call::nonNegative(long long value, const char* argname) const {
  if (value < 0) invalidArg(std::string(argname) + " in " + function_ + " must be zero or greater");
}

void Call::exclusiveFlags(unsigned int flags, unsigned int a, const char* aName, unsigned int b,
                          const char* bName) const {
  if ((flags & a) && (flags & b))
    invalidArg(std::string("Flags '") + aName + "' and '" + bName + "' are mutually exclusive");
}

void Call::invalidArg(std::string_view detail) const {
  throw Error::verbatim(VIR_ERR_INVALID_ARG, area_, std::string(detail));
}

void logEntry(const char* function, unsigned line, const std::string& args) noexcept {
  log::text(log::Priority::Debug, "libvirt", function, static_cast<int>(line), args);
}

void logFailure(const char* function, unsigned line, const Error& e) noexcept {
  if (!log::explicitOutputs()) return;
  try {
    log::text(log::Priority::Error, "libvirt", function, static_cast<int>(line), e.message());
  } catch (...) {
    // A log line is never worth a failure of its own.
  }
}

char* dupString(std::string_view s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (!out) throw std::bad_alloc();
  std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

char** dupStringList(const std::vector<std::string>& strings) {
  char** list = static_cast<char**>(std::calloc(strings.size() + 1, sizeof(char*)));
  if (!list) throw std::bad_alloc();
  try {
    for (size_t i = 0; i < strings.size(); i++) list[i] = dupString(strings[i]);
  } catch (...) {
    for (size_t i = 0; list[i]; i++) std::free(list[i]);
    std::free(list);
    throw;
  }
  return list;
}

std::string paramName(const char* params, int index) {
  std::string_view rest(params);
  for (int i = 0; i < index; i++) {
    size_t comma = rest.find(',');
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  rest = rest.substr(0, rest.find(','));
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return std::string(rest);
}

int copyNames(const std::vector<std::string>& found, char** const names, int max) {
  int n = 0;
  try {
    for (const std::string& name : found) {
      if (n >= max) break;
      names[n] = dupString(name);
      n++;
    }
  } catch (...) {
    for (int i = 0; i < n; i++) std::free(names[i]);
    throw;
  }
  return n;
}

}  // namespace vireo::capi
