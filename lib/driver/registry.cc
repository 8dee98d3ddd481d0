#include "lib/driver/registry.h"

#include <cstdlib>
#include <mutex>
#include <vector>

#include "lib/util/error.h"

namespace vireo::driver {
namespace {

struct Registry {
  std::mutex mu;
  std::vector<const ConnectionDriver*> drivers;
};

Registry& registry() {
  static Registry r;
  return r;
}

void ensureBuiltins() {
  static std::once_flag once;
  std::call_once(once, [] { registerBuiltinDrivers(); });
}

const ConnectionDriver* findDriver(const Uri& uri) {
  Registry& r = registry();
  std::lock_guard lock(r.mu);
  for (const ConnectionDriver* d : r.drivers)
    if (d->accepts(uri)) return d;
  return nullptr;
}

}  // namespace

void registerDriver(const ConnectionDriver* driver) {
  Registry& r = registry();
  std::lock_guard lock(r.mu);
  r.drivers.push_back(driver);
}

std::string defaultUri() {
  if (const char* env = std::getenv("LIBVIRT_DEFAULT_URI"); env && *env) return env;
  ensureBuiltins();
  Registry& r = registry();
  std::lock_guard lock(r.mu);
  for (const ConnectionDriver* d : r.drivers) {
    if (!d->defaultUri) continue;
    std::string uri = d->defaultUri();
    if (!uri.empty()) return uri;
  }
  return "test:///default";
}

std::unique_ptr<Connection> openConnection(const char* name, virConnectAuthPtr auth, unsigned int flags) {
  ensureBuiltins();
  // libvirt takes an empty name as NULL: the default URI.
  std::string text = (name && *name) ? std::string(name) : defaultUri();
  Uri uri = Uri::parse(text);
  const ConnectionDriver* driver = uri.scheme.empty() ? nullptr : findDriver(uri);
  if (!driver) fail(VIR_ERR_NO_CONNECT, VIR_FROM_NONE, text);
  auto conn = std::make_unique<Connection>(std::move(uri), (flags & VIR_CONNECT_RO) != 0);
  conn->setCanonicalUri(text);
  driver->open(*conn, auth, flags);
  return conn;
}

}  // namespace vireo::driver
