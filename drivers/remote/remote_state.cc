#include "drivers/remote/remote_state.h"

#include "drivers/remote/remote_call.h"
#include "drivers/remote/remote_transport.h"
#include "lib/util/event_impl.h"

namespace vireo::remote {

RemoteState::RemoteState(std::unique_ptr<rpc::Client> client, pid_t helper)
    : client_(std::move(client)), helper_(helper) {}

RemoteState::~RemoteState() {
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
