// A mutex the thread-safety analysis understands (lib/util/thread_annotations.h).
// libstdc++'s std::mutex carries no annotations, so members cannot name it
// in GUARDED_BY; vireo::Mutex is std::mutex with them. MutexLock is its
// lock_guard, UniqueMutexLock its unique_lock (movable, can unlock early,
// usable with CondVar).
#pragma once

#include <condition_variable>
#include <mutex>

#include "lib/util/thread_annotations.h"

namespace vireo {

class CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() ACQUIRE() { mu_.lock(); }
  void unlock() RELEASE() { mu_.unlock(); }
  bool try_lock() TRY_ACQUIRE(true) { return mu_.try_lock(); }
  // Tells the analysis that the caller holds the mutex where it cannot see
  // it (a callback run under the lock); checks nothing at run time.
  void assertHeld() const ASSERT_CAPABILITY(this) {}

  std::mutex& native() { return mu_; }

 private:
  std::mutex mu_;
};

class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~MutexLock() RELEASE() { mu_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

// Holds the mutex from construction until unlock() or destruction.
class SCOPED_CAPABILITY UniqueMutexLock {
 public:
  explicit UniqueMutexLock(Mutex& mu) ACQUIRE(mu) : lock_(mu.native()) {}
  ~UniqueMutexLock() RELEASE() {}
  UniqueMutexLock(const UniqueMutexLock&) = delete;
  UniqueMutexLock& operator=(const UniqueMutexLock&) = delete;

  void unlock() RELEASE() { lock_.unlock(); }
  void lock() ACQUIRE() { lock_.lock(); }
  bool ownsLock() const { return lock_.owns_lock(); }

  std::unique_lock<std::mutex>& native() { return lock_; }

 private:
  std::unique_lock<std::mutex> lock_;
};

// std::condition_variable over a UniqueMutexLock. The analysis treats the
// mutex as held throughout a wait, which is what the caller sees.
class CondVar {
 public:
  void wait(UniqueMutexLock& lock) { cv_.wait(lock.native()); }
  template <class Predicate>
  void wait(UniqueMutexLock& lock, Predicate pred) {
    cv_.wait(lock.native(), pred);
  }
  template <class Rep, class Period, class Predicate>
  bool waitFor(UniqueMutexLock& lock, const std::chrono::duration<Rep, Period>& d, Predicate pred) {
    return cv_.wait_for(lock.native(), d, pred);
  }
  template <class Clock, class Duration, class Predicate>
  bool waitUntil(UniqueMutexLock& lock, const std::chrono::time_point<Clock, Duration>& t, Predicate pred) {
    return cv_.wait_until(lock.native(), t, pred);
  }
  void notifyOne() { cv_.notify_one(); }
  void notifyAll() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace vireo
