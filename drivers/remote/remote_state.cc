#include "drivers/remote/remote_state.h"

#include "drivers/remote/remote_call.h"
#include "drivers/remote/remote_transport.h"
#include "lib/util/error.h"
#include "lib/util/event_impl.h"

namespace vireo::remote {

RemoteState::RemoteState(std::unique_ptr<rpc::Client> client, pid_t helper)
    : client_(std::move(client)), helper_(helper) {}

RemoteState::~RemoteState() {
  if (keepaliveTimer_ >= 0) event::removeTimeout(keepaliveTimer_);
  if (watch_ >= 0) event::removeHandle(watch_);
  if (!client_->isClosed()) {
    try {
      client_->call(kRemoteProgram, kRemoteVersion, 2 /* CONNECT_CLOSE */, {});
    } catch (const Error&) {
      // A daemon that is gone has nothing left to close.
    }
  }
  client_.reset();
  endHelper(helper_);
}

void RemoteState::connectionClosed(int reason) {
  std::function<void(int)> call;
  {
    MutexLock lock(mu);
    call = closeCallback.call;
  }
  if (call) call(reason);
}

int RemoteState::setKeepAlive(int interval, unsigned int count) {
  if (!event::haveImpl())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_REMOTE,
         "the caller doesn't support keepalive protocol; perhaps it's missing event loop implementation");
  if (!keepaliveSupported) return 1;
  keepaliveInterval_ = interval;
  keepaliveCount_ = count;
  keepaliveMisses_ = 0;
  int period = interval > 0 ? interval * 1000 : -1;
  if (keepaliveTimer_ >= 0) {
    event::updateTimeout(keepaliveTimer_, period);
  } else if (interval > 0) {
    keepaliveTimer_ = event::addTimeout(period, onKeepaliveTimer, this, nullptr);
    if (keepaliveTimer_ < 0) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_REMOTE, "cannot add the keepalive timer");
  }
  return 0;
}

void RemoteState::onKeepaliveTimer(int /*timer*/, void* opaque) {
  auto* self = static_cast<RemoteState*>(opaque);
  rpc::Client& client = *self->client_;
  int interval = self->keepaliveInterval_;
  if (interval <= 0 || client.isClosed()) return;
  // Anything that arrived since the last tick (a PONG, a reply, an event)
  // shows the daemon alive.
  auto last = client.lastReceived();
  if (last != self->keepaliveLastSeen_) {
    self->keepaliveLastSeen_ = last;
    self->keepaliveMisses_ = 0;
  }
  if (std::chrono::steady_clock::now() - last < std::chrono::seconds(interval)) return;
  if (self->keepaliveMisses_ >= self->keepaliveCount_) {
    client.abandon(Error(VIR_ERR_RPC, VIR_FROM_RPC, "connection closed due to keepalive timeout"));
    return;
  }
  self->keepaliveMisses_++;
  try {
    client.sendPing();
  } catch (const Error&) {
    // the next read reports the broken connection
  }
}

void RemoteState::onReadable(int watch, int /*fd*/, int /*events*/, void* opaque) {
  auto* self = static_cast<RemoteState*>(opaque);
  // Reads what is there (an event, a PING) unless a call is reading now;
  // that call then dispatches it.
  self->client_->processIncoming(0);
  // A closed socket stays readable: stop watching it, or the loop spins.
  if (self->client_->isClosed()) event::updateHandle(watch, 0);
}

void RemoteState::watchSocket() {
  if (!event::haveImpl()) return;
  watch_ = event::addHandle(client_->fd(), VIR_EVENT_HANDLE_READABLE, onReadable, this, nullptr);
}

}  // namespace vireo::remote
