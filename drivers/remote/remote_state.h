// What the remote driver keeps per connection: the RPC client on the
// daemon's socket, the daemon's answers that never change, and the event
// callbacks registered with the daemon.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <string>

#include "lib/driver/connection.h"
#include "lib/driver/domain_events.h"
#include "lib/rpc/client.h"
#include "lib/util/mutex.h"

namespace vireo::remote {

class RemoteState : public driver::ConnectionState {
 public:
  RemoteState(std::unique_ptr<rpc::Client> client, pid_t helper);
  // Says CONNECT_CLOSE to the daemon (a dead one is no error), stops
  // watching the socket and ends the transport's helper process.
  ~RemoteState() override;

  rpc::Client& client() { return *client_; }
  driver::DomainEventState& events() { return events_; }

  // Watches the socket in the application's event loop, when one is
  // registered, so that events and keepalive PINGs are read while the
  // application makes no call. Called once the connection is open.
  void watchSocket();

  // virConnectSetKeepAlive: PING the daemon after `interval` seconds of
  // silence; after `count` unanswered PINGs give the connection up (its
  // close callback gets VIR_CONNECT_CLOSE_REASON_KEEPALIVE). interval <= 0
  // stops. Returns 1 when the daemon does not speak keepalive, as libvirt.
  int setKeepAlive(int interval, unsigned int count);

  // virConnectGetType: the daemon's driver name, asked on first use (so
  // that opening a connection costs no round trip for it) and kept: the
  // returned pointer lives as long as the connection.
  std::optional<std::string> type GUARDED_BY(mu);
  // libvirt's is_secure of the transport: unix, ssh, libssh and tls are
  // trusted; tcp and ext (an arbitrary command) are not.
  bool transportSecure = false;
  // What the daemon supports (CONNECT_SUPPORTS_FEATURE).
  bool keepaliveSupported = false;
  bool eventCallbacksSupported = false;
  bool closeCallbackSupported = false;
  // Feature TYPED_PARAM_STRING, asked on first use.
  std::optional<bool> typedParamStringsSupported GUARDED_BY(mu);

  // The application's close callback (virConnectRegisterCloseCallback).
  struct CloseCallback {
    const void* key = nullptr;
    std::function<void(int reason)> call;
    std::function<void()> release;
  };
  // Runs the close callback, if one is registered, with a
  // virConnectCloseReason. Thread-safe; the callback runs without locks.
  void connectionClosed(int reason);

  // The daemon's callback id of each event registration (REGISTER_ANY), by
  // (object, event id).
  Mutex mu;
  std::map<std::pair<int, int>, int> serverCallbacks GUARDED_BY(mu);
  CloseCallback closeCallback GUARDED_BY(mu);

 private:
  static void onReadable(int watch, int fd, int events, void* opaque);
  static void onKeepaliveTimer(int timer, void* opaque);

  std::unique_ptr<rpc::Client> client_;
  pid_t helper_;
  driver::DomainEventState events_;
  int watch_ = -1;
  int keepaliveTimer_ = -1;
  std::atomic<int> keepaliveInterval_{0};
  std::atomic<unsigned int> keepaliveCount_{0};
  std::atomic<unsigned int> keepaliveMisses_{0};
  std::chrono::steady_clock::time_point keepaliveLastSeen_;  // the timer's only
};

}  // namespace vireo::remote
