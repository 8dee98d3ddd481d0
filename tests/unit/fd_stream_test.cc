// driver::FdStream over pipes, a pty and sparse files.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <pty.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "lib/driver/fd_stream.h"
#include "lib/util/error.h"
#include "tests/support/temp_dir.h"

using vireo::Error;
using vireo::Pipe;
using vireo::UniqueFd;
using vireo::driver::FdStream;
using vireo::driver::Stream;

namespace {

std::string readAll(int fd) {
  std::string out;
  char buf[256];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  return out;
}

void writeAt(int fd, off_t offset, const std::string& data) {
  REQUIRE(::pwrite(fd, data.data(), data.size(), offset) == static_cast<ssize_t>(data.size()));
}

// Whether the file system under `dir` keeps holes (tmpfs and ext4 do).
bool supportsHoles(const std::string& dir) {
  std::string path = dir + "/probe";
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  ::ftruncate(fd.get(), 1 << 20);
  bool holes = ::lseek(fd.get(), 0, SEEK_HOLE) == 0;
  ::unlink(path.c_str());
  return holes;
}

}  // namespace

TEST_CASE("FdStream moves bytes through a pipe, both directions", "[stream]") {
  Pipe toStream = Pipe::create();
  Pipe fromStream = Pipe::create();
  FdStream in(std::move(toStream.read));
  FdStream out(std::move(fromStream.write));

  REQUIRE(::write(toStream.write.get(), "hello", 5) == 5);
  char buf[16];
  CHECK(in.recv(buf, sizeof buf, false) == 5);
  CHECK(std::string(buf, 5) == "hello");

  CHECK(out.send("world", 5) == 5);
  out.finish();
  CHECK(readAll(fromStream.read.get()) == "world");

  toStream.write.reset();
  CHECK(in.recv(buf, sizeof buf, false) == 0);  // the writer is gone: end of stream
}

TEST_CASE("FdStream: a non-blocking stream returns -2, a blocking one waits", "[stream]") {
  Pipe pipe = Pipe::create();
  int writer = pipe.write.get();
  FdStream stream(std::move(pipe.read));
  char buf[8];

  stream.setNonBlocking(true);
  CHECK(stream.recv(buf, sizeof buf, false) == Stream::kWouldBlock);

  stream.setNonBlocking(false);
  std::thread late([writer] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(::write(writer, "x", 1) == 1);
  });
  CHECK(stream.recv(buf, sizeof buf, false) == 1);
  late.join();
}

TEST_CASE("FdStream: abort wakes a blocked reader, and the stream is closed after", "[stream]") {
  Pipe pipe = Pipe::create();
  FdStream stream(std::move(pipe.read));
  std::string error;
  std::thread reader([&] {
    char buf[8];
    try {
      stream.recv(buf, sizeof buf, false);
    } catch (const Error& e) {
      error = e.message();
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  stream.abort();
  reader.join();
  CHECK(error == "internal error: stream is not open");
  CHECK(stream.closed());
  CHECK(stream.eventFd() == -1);
  CHECK_THROWS_WITH(stream.send("x", 1), "internal error: stream is not open");
  stream.abort();   // no-op, as libvirt
  stream.finish();  // no-op
}

TEST_CASE("FdStream: send on a read-only file is libvirt's write error", "[stream]") {
  vireo::test::TempDir dir("fd-stream");
  UniqueFd(::open(dir.sub("f").c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
  auto stream = FdStream::openFile(dir.sub("f"), O_RDONLY);
  try {
    stream->send("x", 1);
    FAIL("send succeeded");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.domain() == VIR_FROM_STREAMS);
    CHECK(e.message() == "cannot write to stream: Bad file descriptor");
  }
  CHECK_THROWS_WITH(FdStream::openFile(dir.sub("missing"), O_RDONLY),
                    "Unable to open " + dir.sub("missing") + ": No such file or directory");
}

TEST_CASE("FdStream: holes only on regular files", "[stream]") {
  Pipe pipe = Pipe::create();
  FdStream stream(std::move(pipe.read));
  long long length = 0;
  CHECK_THROWS_WITH(stream.sendHole(10), "internal error: Invalid stream hole");
  CHECK_THROWS_AS(stream.recvHole(), Error);
  CHECK_THROWS_AS(stream.inData(length), Error);
}

TEST_CASE("FdStream reads a sparse file section by section", "[stream]") {
  vireo::test::TempDir dir("fd-stream");
  if (!supportsHoles(dir.path)) {
    WARN("skipped: the file system of /tmp keeps no holes");
    return;
  }
  const off_t MiB = 1 << 20;
  {
    UniqueFd fd(::open(dir.sub("sparse").c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
    writeAt(fd.get(), MiB, "data-one");  // hole [0, 1 MiB), data, hole up to 3 MiB
    REQUIRE(::ftruncate(fd.get(), 3 * MiB) == 0);
  }
  auto stream = FdStream::openFile(dir.sub("sparse"), O_RDONLY);
  long long length = 0;
  CHECK_FALSE(stream->inData(length));
  CHECK(length == MiB);
  char buf[64];
  CHECK(stream->recv(buf, sizeof buf, true) == Stream::kAtHole);
  CHECK(stream->recvHole() == MiB);
  CHECK(stream->inData(length));
  CHECK(length > 0);  // the file system's block of data
  int got = stream->recv(buf, sizeof buf, true);
  REQUIRE(got > 8);
  CHECK(std::string(buf, 8) == "data-one");
  // Read the rest of the data block, then the trailing hole.
  while ((got = stream->recv(buf, sizeof buf, true)) > 0) {
  }
  REQUIRE(got == Stream::kAtHole);
  CHECK(stream->recvHole() > 0);
  CHECK(stream->recv(buf, sizeof buf, true) == 0);  // the end
  stream->finish();
}

TEST_CASE("FdStream writes holes, a trailing one on finish", "[stream]") {
  vireo::test::TempDir dir("fd-stream");
  if (!supportsHoles(dir.path)) {
    WARN("skipped: the file system of /tmp keeps no holes");
    return;
  }
  const long long MiB = 1 << 20;
  auto stream = FdStream::openFile(dir.sub("out"), O_CREAT | O_WRONLY | O_TRUNC, 0600);
  stream->sendHole(MiB);
  CHECK(stream->send("abc", 3) == 3);
  stream->sendHole(2 * MiB);
  stream->finish();

  UniqueFd fd(::open(dir.sub("out").c_str(), O_RDONLY | O_CLOEXEC));
  CHECK(::lseek(fd.get(), 0, SEEK_END) == 3 * MiB + 3);
  CHECK(::lseek(fd.get(), 0, SEEK_DATA) >= 0);
  CHECK(::lseek(fd.get(), 0, SEEK_HOLE) == 0);  // it starts with a real hole
  char buf[3];
  CHECK(::pread(fd.get(), buf, 3, MiB) == 3);
  CHECK(std::string(buf, 3) == "abc");
}

TEST_CASE("FdStream over a pty: raw mode, and a hang-up is the end of the stream", "[stream]") {
  int master = -1;
  int slave = -1;
  char name[64];
  REQUIRE(::openpty(&master, &slave, name, nullptr, nullptr) == 0);
  UniqueFd masterFd(master);
  UniqueFd slaveFd(slave);
  auto stream = FdStream::openTerminal(name);
  // Raw mode: no echo and no line buffering on the stream's side.
  REQUIRE(::write(master, "ab", 2) == 2);
  char buf[8];
  CHECK(stream->recv(buf, sizeof buf, false) == 2);
  CHECK(stream->send("cd", 2) == 2);
  CHECK(::read(master, buf, sizeof buf) == 2);
  CHECK(std::string(buf, 2) == "cd");
  masterFd.reset();
  CHECK(stream->recv(buf, sizeof buf, false) == 0);
}
