// libvirt-stream.h: stream handles, data transfer and stream events.
//
// libvirt 9.0 behaviour reproduced (measured with python3-libvirt on
// test:///default): a stream that no driver call has opened reports
// VIR_ERR_NO_SUPPORT for every data and event call, except virStreamAbort,
// which succeeds; once finished or aborted, the data and event calls report
// "internal error: stream is not open" and a second Finish or Abort succeeds.
#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "capi/stream_handle.h"
#include "lib/util/event_impl.h"

using namespace vireo;
using namespace vireo::capi;
using vireo::driver::Stream;

namespace {

constexpr virErrorDomain kArea = VIR_FROM_STREAMS;
constexpr virStreamPtr kNoStream = nullptr;
// The chunk size of the *All helpers.
constexpr std::size_t kChunk = 64 * 1024;

void unrefStream(virStreamPtr st);

// The backing of an opened stream, or the shared VIR_ERR_NO_SUPPORT for one
// that no driver opened (libvirt: a stream without a driver). `function` is
// the one libvirt names: the *All helpers report the Send or Recv they call.
std::shared_ptr<Stream> backing(virStreamPtr st, const char* function) {
  std::shared_ptr<Stream> impl;
  {
    MutexLock lock(st->mutex);
    impl = st->impl;
  }
  if (!impl) failUnsupported(kArea, function);
  return impl;
}

std::shared_ptr<Stream> backing(const Call& call, virStreamPtr st) { return backing(st, call.function()); }

// The watch's view of the stream: the handle (one reference, dropped when the
// event loop frees the watch) and the application's callback.
struct Watch {
  virStreamPtr st;
  std::shared_ptr<StreamCallback> callback;
};

void dispatchWatch(int /*watch*/, int /*fd*/, int events, void* opaque) {
  auto* w = static_cast<Watch*>(opaque);
  w->callback->cb(w->st, events, w->callback->opaque);
}

void freeWatch(void* opaque) {
  auto* w = static_cast<Watch*>(opaque);
  if (w->callback->ff) w->callback->ff(w->callback->opaque);
  unrefStream(w->st);
  delete w;
}

// Removes the event watch, if any. The event loop calls freeWatch later,
// which calls the application's free callback.
void removeWatch(virStreamPtr st) {
  int watch;
  {
    MutexLock lock(st->mutex);
    watch = std::exchange(st->watch, 0);
    st->callback.reset();
  }
  if (watch) event::removeHandle(watch);
}

void unrefStream(virStreamPtr st) {
  if (st->refs.fetch_sub(1) - 1 > 0) return;
  st->magic = kDeadMagic;
  std::shared_ptr<Stream> impl;
  {
    MutexLock lock(st->mutex);
    impl = std::move(st->impl);
  }
  // A stream freed in the middle of a transfer is cancelled, so that a
  // console it held becomes free for the next session.
  if (impl) impl->abort();
  virConnectPtr conn = st->conn;
  delete st;
  unrefConnection(conn);
}

// The end of a transfer: the event watch goes (as libvirt closes the fd
// stream's watch), then the backing is finished or aborted.
int endTransfer(Call& call, virStreamPtr st, bool finish) {
  std::shared_ptr<Stream> impl;
  {
    MutexLock lock(st->mutex);
    impl = st->impl;
  }
  if (!impl) {
    if (finish) failUnsupported(kArea, call.function());
    return 0;  // libvirt: aborting a stream without a driver is a no-op
  }
  removeWatch(st);
  if (finish) impl->finish();
  else impl->abort();
  return 0;
}

// Sends all of `data`, as virStreamSendAll does after each chunk.
void sendFully(Stream& impl, const char* data, std::size_t size) {
  while (size > 0) {
    int done = impl.send(data, size);
    data += done;
    size -= static_cast<std::size_t>(done);
  }
}

// The *All helpers' common ending on failure: abort the stream, keep the
// error that made them fail.
template <typename Body>
int abortOnFailure(virStreamPtr st, Body&& body) {
  try {
    body();
    return 0;
  } catch (...) {
    std::shared_ptr<Stream> impl;
    {
      MutexLock lock(st->mutex);
      impl = st->impl;
    }
    if (impl) impl->abort();
    throw;
  }
}

// The stream function's object: validated, its connection the one errors
// are dispatched to.
virStreamPtr object(Call& call, virStreamPtr st) {
  call.connection(checkStream(call, st)->conn);
  return st;
}

void requireBlocking(virStreamPtr st, const char* what) {
  if (st->flags & VIR_STREAM_NONBLOCK)
    fail(VIR_ERR_OPERATION_INVALID, kArea, std::string(what) + " cannot be used for non-blocking streams");
}

}  // namespace

namespace vireo::capi {

virStreamPtr checkStream(const Call& call, const void* handle) {
  auto* st = static_cast<virStreamPtr>(const_cast<void*>(handle));
  if (!st || st->magic != kStreamMagic) fail(VIR_ERR_INVALID_STREAM, kArea, call.function());
  call.otherConnection(st->conn);
  return st;
}

void attachStream(virStreamPtr st, std::shared_ptr<driver::Stream> impl) {
  impl->setNonBlocking(st->flags & VIR_STREAM_NONBLOCK);
  MutexLock lock(st->mutex);
  st->impl = std::move(impl);
}

}  // namespace vireo::capi

extern "C" {

// ---------------------------------------------------------------- handles

virStreamPtr virStreamNew(virConnectPtr conn, unsigned int flags) {
  return guarded("virStreamNew", kArea, kNoStream, [&](Call& call) {
    call.connection(conn);
    // libvirt accepts any flags here; only VIR_STREAM_NONBLOCK has a meaning.
    auto* st = new _virStream;
    refConnection(conn);
    st->conn = conn;
    st->flags = flags;
    return st;
  }, entryArgs("conn, flags", conn, flags));
}

int virStreamRef(virStreamPtr stream) {
  return guarded("virStreamRef", kArea, -1, [&](Call& call) {
    object(call, stream)->refs.fetch_add(1);
    return 0;
  }, entryArgs("stream", stream));
}

int virStreamFree(virStreamPtr stream) {
  return guarded("virStreamFree", kArea, -1, [&](Call& call) {
    unrefStream(object(call, stream));
    return 0;
  }, entryArgs("stream", stream));
}

// ---------------------------------------------------------------- data

int virStreamSend(virStreamPtr stream, const char* data, size_t nbytes) {
  return guarded("virStreamSend", kArea, -1, [&](Call& call) {
    object(call, stream);
    call.nonNull(data, "data");
    return backing(call, stream)->send(data, nbytes);
  }, entryArgs("stream, data, nbytes", stream, data, nbytes));
}

int virStreamRecv(virStreamPtr stream, char* data, size_t nbytes) {
  return guarded("virStreamRecv", kArea, -1, [&](Call& call) {
    object(call, stream);
    call.nonNull(data, "data");
    return backing(call, stream)->recv(data, nbytes, false);
  }, entryArgs("stream, data, nbytes", stream, data, nbytes));
}

int virStreamRecvFlags(virStreamPtr stream, char* data, size_t nbytes, unsigned int flags) {
  return guarded("virStreamRecvFlags", kArea, -1, [&](Call& call) {
    object(call, stream);
    call.nonNull(data, "data");
    std::shared_ptr<Stream> impl = backing(call, stream);
    checkFlags(flags, VIR_STREAM_RECV_STOP_AT_HOLE, kArea, call.function());
    return impl->recv(data, nbytes, flags & VIR_STREAM_RECV_STOP_AT_HOLE);
  }, entryArgs("stream, data, nbytes, flags", stream, data, nbytes, flags));
}

int virStreamSendHole(virStreamPtr stream, long long length, unsigned int flags) {
  return guarded("virStreamSendHole", kArea, -1, [&](Call& call) {
    object(call, stream);
    std::shared_ptr<Stream> impl = backing(call, stream);
    checkFlags(flags, 0, kArea, call.function());
    call.positive(length, "length");
    impl->sendHole(length);
    return 0;
  }, entryArgs("stream, length, flags", stream, length, flags));
}

int virStreamRecvHole(virStreamPtr stream, long long* length, unsigned int flags) {
  return guarded("virStreamRecvHole", kArea, -1, [&](Call& call) {
    object(call, stream);
    call.nonNull(length, "length");
    std::shared_ptr<Stream> impl = backing(call, stream);
    checkFlags(flags, 0, kArea, call.function());
    *length = impl->recvHole();
    return 0;
  }, entryArgs("stream, length, flags", stream, length, flags));
}

int virStreamSendAll(virStreamPtr stream, virStreamSourceFunc handler, void* opaque) {
  return guarded("virStreamSendAll", kArea, -1, [&](Call& call) {
    object(call, stream);
    call.nonNull(reinterpret_cast<const void*>(handler), "handler");
    requireBlocking(stream, "data sources");
    return abortOnFailure(stream, [&] {
      std::vector<char> buffer(kChunk);
      for (;;) {
        // libvirt asks the source before the stream: an empty source
        // succeeds even on a stream no driver opened.
        int got = handler(stream, buffer.data(), buffer.size(), opaque);
        if (got < 0) failSystem(kArea, errno, "send handler failed");
        if (got == 0) break;
        sendFully(*backing(stream, "virStreamSend"), buffer.data(), static_cast<std::size_t>(got));
      }
    });
  }, entryArgs("stream, handler, opaque", stream, handler, opaque));
}

int virStreamRecvAll(virStreamPtr stream, virStreamSinkFunc handler, void* opaque) {
  return guarded("virStreamRecvAll", kArea, -1, [&](Call& call) {
    object(call, stream);
    call.nonNull(reinterpret_cast<const void*>(handler), "handler");
    requireBlocking(stream, "data sinks");
    std::shared_ptr<Stream> impl = backing(stream, "virStreamRecv");
    return abortOnFailure(stream, [&] {
      std::vector<char> buffer(kChunk);
      for (;;) {
        int got = impl->recv(buffer.data(), buffer.size(), false);
        if (got == 0) break;
        for (int offset = 0; offset < got;) {
          int done = handler(stream, buffer.data() + offset, static_cast<std::size_t>(got - offset), opaque);
          if (done < 0) failSystem(kArea, errno, "recv handler failed");
          offset += done;
        }
      }
    });
  }, entryArgs("stream, handler, opaque", stream, handler, opaque));
}

int virStreamSparseSendAll(virStreamPtr stream, virStreamSourceFunc handler,
                           virStreamSourceHoleFunc holeHandler, virStreamSourceSkipFunc skipHandler,
                           void* opaque) {
  return guarded("virStreamSparseSendAll", kArea, -1, [&](Call& call) {
    object(call, stream);
    call.nonNull(reinterpret_cast<const void*>(handler), "handler");
    call.nonNull(reinterpret_cast<const void*>(holeHandler), "holeHandler");
    call.nonNull(reinterpret_cast<const void*>(skipHandler), "skipHandler");
    requireBlocking(stream, "data sources");
    std::shared_ptr<Stream> impl = backing(stream, "virStreamSend");
    return abortOnFailure(stream, [&] {
      std::vector<char> buffer(kChunk);
      long long dataLeft = 0;  // of the data section the hole handler last reported
      for (;;) {
        if (dataLeft == 0) {
          int inData = 0;
          long long section = 0;
          if (holeHandler(stream, &inData, &section, opaque) < 0)
            fail(VIR_ERR_INTERNAL_ERROR, kArea, "hole handler failed");
          if (!inData && section > 0) {
            impl->sendHole(section);
            if (skipHandler(stream, section, opaque) < 0) failSystem(kArea, errno, "unable to skip hole");
            continue;
          }
          dataLeft = section;  // 0 with no data: the end, the handler returns 0 next
        }
        std::size_t want = static_cast<std::size_t>(std::min<long long>(dataLeft, buffer.size()));
        int got = handler(stream, buffer.data(), want, opaque);
        if (got < 0) failSystem(kArea, errno, "send handler failed");
        if (got == 0) break;
        sendFully(*impl, buffer.data(), static_cast<std::size_t>(got));
        dataLeft -= std::min<long long>(dataLeft, got);
      }
    });
  }, entryArgs("stream, handler, holeHandler, skipHandler, opaque", stream, handler, holeHandler, skipHandler,
               opaque));
}

int virStreamSparseRecvAll(virStreamPtr stream, virStreamSinkFunc handler, virStreamSinkHoleFunc holeHandler,
                           void* opaque) {
  return guarded("virStreamSparseRecvAll", kArea, -1, [&](Call& call) {
    object(call, stream);
    call.nonNull(reinterpret_cast<const void*>(handler), "handler");
    call.nonNull(reinterpret_cast<const void*>(holeHandler), "holeHandler");
    requireBlocking(stream, "data sinks");
    std::shared_ptr<Stream> impl = backing(stream, "virStreamRecvFlags");
    return abortOnFailure(stream, [&] {
      std::vector<char> buffer(kChunk);
      for (;;) {
        int got = impl->recv(buffer.data(), buffer.size(), true);
        if (got == Stream::kAtHole) {
          long long hole = impl->recvHole();
          if (holeHandler(stream, hole, opaque) < 0)
            fail(VIR_ERR_INTERNAL_ERROR, kArea, "hole handler failed");
          continue;
        }
        if (got == 0) break;
        for (int offset = 0; offset < got;) {
          int done = handler(stream, buffer.data() + offset, static_cast<std::size_t>(got - offset), opaque);
          if (done < 0) failSystem(kArea, errno, "recv handler failed");
          offset += done;
        }
      }
    });
  }, entryArgs("stream, handler, holeHandler, opaque", stream, handler, holeHandler, opaque));
}

// ---------------------------------------------------------------- events

int virStreamEventAddCallback(virStreamPtr stream, int events, virStreamEventCallback cb, void* opaque,
                              virFreeCallback ff) {
  return guarded("virStreamEventAddCallback", kArea, -1, [&](Call& call) {
    object(call, stream);
    std::shared_ptr<Stream> impl = backing(call, stream);
    call.nonNull(reinterpret_cast<const void*>(cb), "cb");
    MutexLock lock(stream->mutex);
    int fd = impl->eventFd();
    if (fd < 0) fail(VIR_ERR_INTERNAL_ERROR, kArea, "stream is not open");
    if (stream->watch) fail(VIR_ERR_INTERNAL_ERROR, kArea, "stream already has a callback registered");
    auto callback = std::make_shared<StreamCallback>(StreamCallback{cb, opaque, ff});
    auto* w = new Watch{stream, callback};
    stream->refs.fetch_add(1);
    int watch = event::addHandle(fd, events, dispatchWatch, w, freeWatch);
    if (watch < 0) {
      stream->refs.fetch_sub(1);  // never the last: the caller holds one
      delete w;
      fail(VIR_ERR_INTERNAL_ERROR, kArea, "cannot register file watch on stream");
    }
    stream->watch = watch;
    stream->callback = std::move(callback);
    return 0;
  }, entryArgs("stream, events, cb, opaque, ff", stream, events, cb, opaque, ff));
}

int virStreamEventUpdateCallback(virStreamPtr stream, int events) {
  return guarded("virStreamEventUpdateCallback", kArea, -1, [&](Call& call) {
    object(call, stream);
    std::shared_ptr<Stream> impl = backing(call, stream);
    if (impl->closed()) fail(VIR_ERR_INTERNAL_ERROR, kArea, "stream is not open");
    int watch;
    {
      MutexLock lock(stream->mutex);
      watch = stream->watch;
    }
    if (!watch) fail(VIR_ERR_INTERNAL_ERROR, kArea, "stream does not have a callback registered");
    event::updateHandle(watch, events);
    return 0;
  }, entryArgs("stream, events", stream, events));
}

int virStreamEventRemoveCallback(virStreamPtr stream) {
  return guarded("virStreamEventRemoveCallback", kArea, -1, [&](Call& call) {
    object(call, stream);
    std::shared_ptr<Stream> impl = backing(call, stream);
    if (impl->closed()) fail(VIR_ERR_INTERNAL_ERROR, kArea, "stream is not open");
    {
      MutexLock lock(stream->mutex);
      if (!stream->watch) fail(VIR_ERR_INTERNAL_ERROR, kArea, "stream does not have a callback registered");
    }
    removeWatch(stream);
    return 0;
  }, entryArgs("stream", stream));
}

// ---------------------------------------------------------------- the end

int virStreamFinish(virStreamPtr stream) {
  return guarded("virStreamFinish", kArea, -1, [&](Call& call) {
    return endTransfer(call, object(call, stream), true);
  }, entryArgs("stream", stream));
}

int virStreamAbort(virStreamPtr stream) {
  return guarded("virStreamAbort", kArea, -1, [&](Call& call) {
    return endTransfer(call, object(call, stream), false);
  }, entryArgs("stream", stream));
}

}  // extern "C"
