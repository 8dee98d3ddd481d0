// The virStream* functions on streams opened with an FdStream backing, as a
// driver call opens them (capi/stream.cc).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <utility>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "capi/stream_handle.h"
#include "lib/driver/fd_stream.h"
#include "lib/util/event_loop.h"
#include "tests/support/temp_dir.h"

using vireo::Pipe;
using vireo::UniqueFd;
using vireo::driver::FdStream;

namespace {

struct Conn {
  virConnectPtr conn = virConnectOpen("test:///default");
  ~Conn() { virConnectClose(conn); }
};

virStreamPtr openedStream(virConnectPtr conn, std::shared_ptr<FdStream> backing, unsigned flags = 0) {
  virStreamPtr st = virStreamNew(conn, flags);
  REQUIRE(st);
  vireo::capi::attachStream(st, std::move(backing));
  return st;
}

std::string lastError() {
  virErrorPtr e = virGetLastError();
  return e && e->message ? e->message : "";
}

// What virStreamSparseRecvAll delivered: data and holes in order.
struct Received {
  std::string layout;  // "D<bytes>" / "H<length>" items
  UniqueFd out;
};

int sinkData(virStreamPtr, const char* data, size_t n, void* opaque) {
  auto* r = static_cast<Received*>(opaque);
  r->layout += "D" + std::to_string(n) + " ";
  return static_cast<int>(::write(r->out.get(), data, n));
}

int sinkHole(virStreamPtr, long long length, void* opaque) {
  auto* r = static_cast<Received*>(opaque);
  r->layout += "H" + std::to_string(length) + " ";
  return ::lseek(r->out.get(), length, SEEK_CUR) < 0 ? -1 : 0;
}

void quiet(void*, virErrorPtr) {}

}  // namespace

TEST_CASE("virStream: a pipe's data through Recv, then Finish semantics", "[stream]") {
  virSetErrorFunc(nullptr, quiet);
  Conn c;
  Pipe pipe = Pipe::create();
  virStreamPtr st = openedStream(c.conn, std::make_shared<FdStream>(std::move(pipe.read)), VIR_STREAM_NONBLOCK);
  char buf[16];
  CHECK(virStreamRecv(st, buf, sizeof buf) == -2);
  REQUIRE(::write(pipe.write.get(), "abc", 3) == 3);
  CHECK(virStreamRecv(st, buf, sizeof buf) == 3);
  CHECK(virStreamRecvFlags(st, buf, sizeof buf, 0x4) == -1);
  CHECK(virGetLastError()->code == VIR_ERR_INVALID_ARG);
  CHECK(virStreamFinish(st) == 0);
  CHECK(virStreamRecv(st, buf, sizeof buf) == -1);
  CHECK(virGetLastError()->code == VIR_ERR_INTERNAL_ERROR);
  CHECK(virGetLastError()->domain == VIR_FROM_STREAMS);
  CHECK(lastError() == "internal error: stream is not open");
  CHECK(virStreamFinish(st) == 0);  // libvirt: a second Finish succeeds
  CHECK(virStreamAbort(st) == 0);
  CHECK(virStreamEventAddCallback(st, VIR_STREAM_EVENT_READABLE, [](virStreamPtr, int, void*) {}, nullptr,
                                  nullptr) == -1);
  CHECK(lastError() == "internal error: stream is not open");
  CHECK(virStreamFree(st) == 0);
}

TEST_CASE("virStream: SendHole checks its length and flags", "[stream]") {
  virSetErrorFunc(nullptr, quiet);
  Conn c;
  vireo::test::TempDir dir("stream-api");
  virStreamPtr st = openedStream(c.conn, FdStream::openFile(dir.sub("f"), O_CREAT | O_WRONLY, 0600));
  CHECK(virStreamSendHole(st, -5, 0) == -1);
  CHECK(virGetLastError()->code == VIR_ERR_INVALID_ARG);
  CHECK(lastError() == "length in virStreamSendHole must be greater than zero");
  CHECK(virStreamSendHole(st, 5, 1) == -1);
  CHECK(lastError() == "unsupported flags (0x1) in function virStreamSendHole");
  CHECK(virStreamSendHole(st, 5, 0) == 0);
  CHECK(virStreamFinish(st) == 0);
  UniqueFd fd(::open(dir.sub("f").c_str(), O_RDONLY | O_CLOEXEC));
  CHECK(::lseek(fd.get(), 0, SEEK_END) == 5);
  virStreamFree(st);
}

TEST_CASE("virStreamSparseRecvAll copies a sparse file with its holes", "[stream]") {
  virSetErrorFunc(nullptr, quiet);
  Conn c;
  vireo::test::TempDir dir("stream-api");
  const off_t MiB = 1 << 20;
  {
    UniqueFd fd(::open(dir.sub("in").c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
    REQUIRE(::pwrite(fd.get(), "payload", 7, 2 * MiB) == 7);
    REQUIRE(::ftruncate(fd.get(), 4 * MiB) == 0);
    if (::lseek(fd.get(), 0, SEEK_HOLE) != 0) {
    WARN("skipped: the file system of /tmp keeps no holes");
    return;
  }
  }
  virStreamPtr st = openedStream(c.conn, FdStream::openFile(dir.sub("in"), O_RDONLY));
  Received r{"", UniqueFd(::open(dir.sub("out").c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600))};
  REQUIRE(virStreamSparseRecvAll(st, sinkData, sinkHole, &r) == 0);
  CHECK(virStreamFinish(st) == 0);
  virStreamFree(st);
  // A hole, one data block (the file system's), a hole to the end.
  CHECK(r.layout.rfind("H" + std::to_string(2 * MiB) + " D", 0) == 0);
  CHECK(r.layout.back() == ' ');
  CHECK(r.layout.find(" H", 3) != std::string::npos);
  REQUIRE(::ftruncate(r.out.get(), ::lseek(r.out.get(), 0, SEEK_CUR)) == 0);
  UniqueFd out(::open(dir.sub("out").c_str(), O_RDONLY | O_CLOEXEC));
  CHECK(::lseek(out.get(), 0, SEEK_END) == 4 * MiB);
  char buf[7];
  CHECK(::pread(out.get(), buf, 7, 2 * MiB) == 7);
  CHECK(std::string(buf, 7) == "payload");
  CHECK(::lseek(out.get(), 0, SEEK_HOLE) == 0);
}

namespace {

// virStreamSparseSendAll's source: a fixed layout of 1 MiB hole, "xyz", end.
struct Source {
  int step = 0;
  int skipped = 0;
};

int sourceData(virStreamPtr, char* data, size_t n, void* opaque) {
  auto* s = static_cast<Source*>(opaque);
  if (s->step != 1 || n < 3) return 0;
  s->step = 2;
  std::memcpy(data, "xyz", 3);
  return 3;
}

int sourceHole(virStreamPtr, int* inData, long long* length, void* opaque) {
  auto* s = static_cast<Source*>(opaque);
  if (s->step == 0) {
    *inData = 0;
    *length = 1 << 20;
  } else if (s->step == 1) {
    *inData = 1;
    *length = 3;
  } else {
    *inData = 0;
    *length = 0;
  }
  return 0;
}

int sourceSkip(virStreamPtr, long long, void* opaque) {
  auto* s = static_cast<Source*>(opaque);
  s->skipped++;
  s->step = 1;
  return 0;
}

}  // namespace

TEST_CASE("virStreamSparseSendAll writes holes as holes", "[stream]") {
  virSetErrorFunc(nullptr, quiet);
  Conn c;
  vireo::test::TempDir dir("stream-api");
  virStreamPtr st = openedStream(c.conn, FdStream::openFile(dir.sub("out"), O_CREAT | O_WRONLY, 0600));
  Source s;
  REQUIRE(virStreamSparseSendAll(st, sourceData, sourceHole, sourceSkip, &s) == 0);
  CHECK(virStreamFinish(st) == 0);
  virStreamFree(st);
  CHECK(s.skipped == 1);
  UniqueFd out(::open(dir.sub("out").c_str(), O_RDONLY | O_CLOEXEC));
  CHECK(::lseek(out.get(), 0, SEEK_END) == (1 << 20) + 3);
  char buf[3];
  CHECK(::pread(out.get(), buf, 3, 1 << 20) == 3);
  CHECK(std::string(buf, 3) == "xyz");
}

TEST_CASE("virStreamRecvAll: a failing sink aborts the stream", "[stream]") {
  virSetErrorFunc(nullptr, quiet);
  Conn c;
  Pipe pipe = Pipe::create();
  virStreamPtr st = openedStream(c.conn, std::make_shared<FdStream>(std::move(pipe.read)));
  REQUIRE(::write(pipe.write.get(), "abc", 3) == 3);
  auto failing = [](virStreamPtr, const char*, size_t, void*) -> int {
    errno = ENOSPC;
    return -1;
  };
  CHECK(virStreamRecvAll(st, failing, nullptr) == -1);
  CHECK(lastError() == "recv handler failed: No space left on device");
  char buf[4];
  CHECK(virStreamRecv(st, buf, sizeof buf) == -1);
  CHECK(lastError() == "internal error: stream is not open");
  virStreamFree(st);
}

namespace {

struct Events {
  int calls = 0;
  int events = 0;
  bool freed = false;
};

}  // namespace

TEST_CASE("virStreamEventAddCallback watches the stream through the registered loop", "[stream]") {
  virSetErrorFunc(nullptr, quiet);
  REQUIRE(virEventRegisterDefaultImpl() == 0);
  Conn c;
  Pipe pipe = Pipe::create();
  virStreamPtr st = openedStream(c.conn, std::make_shared<FdStream>(std::move(pipe.read)), VIR_STREAM_NONBLOCK);
  Events ev;
  auto cb = [](virStreamPtr, int events, void* opaque) {
    auto* e = static_cast<Events*>(opaque);
    e->calls++;
    e->events = events;
  };
  auto ff = [](void* opaque) { static_cast<Events*>(opaque)->freed = true; };
  REQUIRE(virStreamEventAddCallback(st, VIR_STREAM_EVENT_READABLE, cb, &ev, ff) == 0);
  CHECK(virStreamEventAddCallback(st, VIR_STREAM_EVENT_READABLE, cb, &ev, ff) == -1);
  CHECK(lastError() == "internal error: stream already has a callback registered");

  REQUIRE(::write(pipe.write.get(), "z", 1) == 1);
  REQUIRE(virEventRunDefaultImpl() == 0);
  CHECK(ev.calls == 1);
  CHECK(ev.events == VIR_STREAM_EVENT_READABLE);
  CHECK(virStreamEventUpdateCallback(st, 0) == 0);

  CHECK(virStreamEventRemoveCallback(st) == 0);
  CHECK(virStreamEventRemoveCallback(st) == -1);
  CHECK(lastError() == "internal error: stream does not have a callback registered");
  CHECK(virStreamEventUpdateCallback(st, 1) == -1);
  // The loop frees the removed watch on its next iteration.
  virEventAddTimeout(0, [](int timer, void*) { virEventRemoveTimeout(timer); }, nullptr, nullptr);
  REQUIRE(virEventRunDefaultImpl() == 0);
  CHECK(ev.freed);
  CHECK(virStreamAbort(st) == 0);
  CHECK(virStreamFree(st) == 0);
}
