#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "lib/util/fd.h"

namespace {

bool isOpen(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

int openNull() { return ::open("/dev/null", O_RDONLY | O_CLOEXEC); }

}  // namespace

TEST_CASE("UniqueFd closes on destruction", "[fd]") {
  int raw = openNull();
  REQUIRE(raw >= 0);
  {
    vireo::UniqueFd fd(raw);
    CHECK(fd);
    CHECK(fd.get() == raw);
  }
  CHECK_FALSE(isOpen(raw));
}

TEST_CASE("UniqueFd empty, release and reset", "[fd]") {
  vireo::UniqueFd empty;
  CHECK_FALSE(empty);
  CHECK(empty.get() == -1);
  CHECK_FALSE(vireo::UniqueFd(-5));

  int raw = openNull();
  vireo::UniqueFd fd(raw);
  int released = fd.release();
  CHECK(released == raw);
  CHECK_FALSE(fd);
  CHECK(isOpen(raw));  // the holder gave it up
  fd.reset(released);
  CHECK(fd.get() == raw);

  int other = openNull();
  fd.reset(other);
  CHECK_FALSE(isOpen(raw));  // the previous one was closed
  CHECK(fd.get() == other);
  fd.reset();
  CHECK_FALSE(isOpen(other));
  CHECK_FALSE(fd);
}

TEST_CASE("UniqueFd moves ownership", "[fd]") {
  int raw = openNull();
  vireo::UniqueFd a(raw);
  vireo::UniqueFd b(std::move(a));
  CHECK_FALSE(a);
  CHECK(b.get() == raw);

  int raw2 = openNull();
  vireo::UniqueFd c(raw2);
  c = std::move(b);  // closes raw2, takes raw
  CHECK_FALSE(isOpen(raw2));
  CHECK(c.get() == raw);
  CHECK(isOpen(raw));
}

TEST_CASE("UniqueFd keeps errno when it closes", "[fd]") {
  {
    vireo::UniqueFd fd(openNull());
    errno = ENOENT;
  }
  CHECK(errno == ENOENT);
}

TEST_CASE("Pipe ends are close-on-exec and connected", "[fd]") {
  vireo::Pipe pipe = vireo::Pipe::create();
  REQUIRE(pipe.read);
  REQUIRE(pipe.write);
  CHECK((::fcntl(pipe.read.get(), F_GETFD) & FD_CLOEXEC) != 0);
  CHECK((::fcntl(pipe.write.get(), F_GETFD) & FD_CLOEXEC) != 0);
  CHECK((::fcntl(pipe.read.get(), F_GETFL) & O_NONBLOCK) == 0);
  REQUIRE(::write(pipe.write.get(), "ab", 2) == 2);
  char buf[2];
  REQUIRE(::read(pipe.read.get(), buf, 2) == 2);
  CHECK(buf[0] == 'a');
  CHECK(buf[1] == 'b');

  vireo::Pipe nb = vireo::Pipe::create(O_NONBLOCK);
  CHECK((::fcntl(nb.read.get(), F_GETFL) & O_NONBLOCK) != 0);
  CHECK(::read(nb.read.get(), buf, 1) == -1);
  CHECK(errno == EAGAIN);
}
