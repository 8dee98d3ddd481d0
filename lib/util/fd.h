// File descriptor ownership.
//
// UniqueFd owns one descriptor and closes it when it goes out of scope, the
// way std::unique_ptr owns memory. Pipe is a pair of them made by pipe2() with
// O_CLOEXEC, so that no descriptor leaks into a child that the library execs.
#pragma once

#include <utility>

namespace vireo {

class UniqueFd {
 public:
  // An empty holder (get() == -1).
  UniqueFd() noexcept = default;
  // Takes ownership of `fd`; a negative value makes an empty holder.
  explicit UniqueFd(int fd) noexcept : fd_(fd < 0 ? -1 : fd) {}

  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(other.release());
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  // Closes the descriptor. errno is preserved, so that an error path can
  // report the errno of the call that failed after its descriptors unwind.
  ~UniqueFd() { reset(); }

  // The descriptor, still owned by this holder; -1 when empty.
  int get() const noexcept { return fd_; }
  explicit operator bool() const noexcept { return fd_ >= 0; }

  // Gives up ownership: returns the descriptor (the caller now closes it)
  // and leaves this holder empty.
  [[nodiscard]] int release() noexcept { return std::exchange(fd_, -1); }

  // Closes the current descriptor (if any) and takes ownership of `fd`.
  // close() errors are ignored: on Linux the descriptor is gone either way,
  // and retrying close() could close a descriptor another thread just got.
  void reset(int fd = -1) noexcept;

 private:
  int fd_ = -1;
};

// A pipe whose two ends are owned. Both ends have O_CLOEXEC.
struct Pipe {
  UniqueFd read;
  UniqueFd write;

  // Creates the pipe with pipe2(O_CLOEXEC | extraFlags); extraFlags may add
  // O_NONBLOCK or O_DIRECT. Throws vireo::Error (VIR_ERR_SYSTEM_ERROR,
  // "Unable to create pipe: <strerror>") on failure.
  static Pipe create(int extraFlags = 0);
};

}  // namespace vireo
