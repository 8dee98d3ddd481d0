#include "lib/driver/stream_sessions.h"

#include <map>

#include "lib/util/error.h"
#include "lib/util/mutex.h"

namespace vireo::driver {

namespace {

struct Sessions {
  Mutex mutex;
  // Weak: a session whose stream is gone (freed) is over.
  std::map<std::string, std::weak_ptr<Stream>> byKey GUARDED_BY(mutex);
};

// Never destroyed, so that streams released at exit can still look it up.
Sessions& sessions() {
  static auto* table = new Sessions;
  return *table;
}

}  // namespace

std::shared_ptr<Stream> openExclusiveSession(const std::string& key, bool force, const SessionBusyError& error,
                                             const std::function<std::shared_ptr<Stream>()>& open) {
  Sessions& table = sessions();
  MutexLock lock(table.mutex);
  // Forget sessions that ended, so that the table does not grow.
  for (auto it = table.byKey.begin(); it != table.byKey.end();) {
    auto live = it->second.lock();
    it = (!live || live->closed()) ? table.byKey.erase(it) : std::next(it);
  }
  if (auto it = table.byKey.find(key); it != table.byKey.end()) {
    if (!force) fail(VIR_ERR_OPERATION_FAILED, error.area, error.busy);
    if (auto old = it->second.lock()) old->abort();
  }
  std::shared_ptr<Stream> stream = open();
  table.byKey[key] = stream;
  return stream;
}

bool hasActiveSession(const std::string& key) {
  Sessions& table = sessions();
  MutexLock lock(table.mutex);
  auto it = table.byKey.find(key);
  if (it == table.byKey.end()) return false;
  auto live = it->second.lock();
  return live && !live->closed();
}

}  // namespace vireo::driver
