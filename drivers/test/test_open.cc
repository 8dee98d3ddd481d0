// Opening test:/// connections: the shared default instance, custom node
// files, and the fake authentication a node file can ask for.
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "drivers/test/test_driver.h"
#include "drivers/test/test_ops.h"
#include "drivers/test/test_interface.h"
#include "drivers/test/test_network.h"
#include "drivers/test/test_nodedev.h"
#include "drivers/test/test_storage.h"
#include "drivers/test/test_state.h"
#include "lib/util/error.h"

namespace vireo::test {
namespace {

// test:///default is one instance per process while any connection to it is
// open; after the last one closes the next open starts afresh.
std::shared_ptr<TestDriverState> sharedDefault() {
  static std::mutex mu;
  static std::weak_ptr<TestDriverState> current;
  std::lock_guard lock(mu);
  if (auto s = current.lock()) return s;
  auto s = std::make_shared<TestDriverState>();
  {
    MutexLock fill(s->mu);  // nobody else sees it yet; the analysis wants it held all the same
    loadDefaultNode(*s);
  }
  current = s;
  return s;
}

[[noreturn]] void authFailed() {
  fail(VIR_ERR_AUTH_FAILED, VIR_FROM_TEST, "authentication failed, see test XML for the correct username/password");
}

// Asks the application's callback for one credential, as libvirt's test
// driver does: one credential per call.
std::string askCredential(virConnectAuthPtr auth, int type, const char* prompt, const char* what) {
  bool supported = false;
  for (unsigned int i = 0; auth && i < auth->ncredtype; i++) supported |= auth->credtype[i] == type;
  if (!auth || !auth->cb || !supported)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_AUTH, "Missing authentication credentials");
  virConnectCredential cred{};
  cred.type = type;
  cred.prompt = prompt;
  if (auth->cb(&cred, 1, auth->cbdata) < 0 || !cred.result) {
    std::free(cred.result);
    fail(VIR_ERR_AUTH_FAILED, VIR_FROM_AUTH, std::string(what) + " request failed");
  }
  std::string answer(cred.result, cred.resultlen ? cred.resultlen : std::strlen(cred.result));
  std::free(cred.result);
  return answer;
}

void authenticate(const TestDriverState& state, virConnectAuthPtr auth) REQUIRES(state.mu) {
  if (state.users.empty()) return;
  std::string name = askCredential(auth, VIR_CRED_AUTHNAME, "Enter username", "Username");
  for (const TestUser& u : state.users) {
    if (u.name != name) continue;
    if (!u.password.empty() && askCredential(auth, VIR_CRED_PASSPHRASE, "Enter password", "Password") != u.password)
      authFailed();
    return;
  }
  authFailed();
}

bool accepts(const Uri& uri) {
  return uri.scheme == "test" && uri.server.empty() && uri.transport.empty();
}

void open(driver::Connection& conn, virConnectAuthPtr auth, unsigned int /*flags*/) {
  const std::string& path = conn.uri().path;
  if (path.empty() || path == "/")
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "testOpen: supply a path or use test:///default");
  std::shared_ptr<TestDriverState> state;
  if (path == "/default") {
    state = sharedDefault();
  } else {
    state = std::make_shared<TestDriverState>();
    MutexLock fill(state->mu);  // not shared yet; held for the analysis
    loadNodeFile(*state, path);
    authenticate(*state, auth);
  }
  conn.setHypervisor(&kHypervisorDriver);
  conn.setSecondaryDrivers({.network = &kNetworkDriver,
                            .storage = &kStorageDriver,
                            .interface = &kInterfaceDriver,
                            .nodeDevice = &kNodeDeviceDriver});
  conn.setState(std::make_unique<TestConnection>(std::move(state)));
}

}  // namespace

const driver::ConnectionDriver kConnectionDriver = {"Test", accepts, open};

}  // namespace vireo::test
