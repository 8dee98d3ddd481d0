// clang's thread-safety analysis attributes, as macros that vanish for other
// compilers. They state in the code which mutex guards which member, and a
// clang build with -Wthread-safety checks every access against them
// (.ci/run does; see doc/testing.md). The names are the ones LevelDB and
// Abseil use, so the idiom reads the same here.
#pragma once

#if defined(__clang__)
#define VIREO_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define VIREO_THREAD_ANNOTATION(x)
#endif

// A type that is a lock (vireo::Mutex).
#define CAPABILITY(x) VIREO_THREAD_ANNOTATION(capability(x))
// An RAII type that holds a lock for its lifetime (vireo::MutexLock).
#define SCOPED_CAPABILITY VIREO_THREAD_ANNOTATION(scoped_lockable)
// A member that may be read or written only with the mutex held.
#define GUARDED_BY(x) VIREO_THREAD_ANNOTATION(guarded_by(x))
// A pointer member whose pointee may be touched only with the mutex held.
#define PT_GUARDED_BY(x) VIREO_THREAD_ANNOTATION(pt_guarded_by(x))
// A function that must be called with the mutex held...
#define REQUIRES(...) VIREO_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
// ...or with it not held (it takes the mutex itself).
#define EXCLUDES(...) VIREO_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define ACQUIRE(...) VIREO_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) VIREO_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) VIREO_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
#define ASSERT_CAPABILITY(x) VIREO_THREAD_ANNOTATION(assert_capability(x))
#define RETURN_CAPABILITY(x) VIREO_THREAD_ANNOTATION(lock_returned(x))
// For the rare function the analysis cannot follow; say why next to it.
#define NO_THREAD_SAFETY_ANALYSIS VIREO_THREAD_ANNOTATION(no_thread_safety_analysis)
