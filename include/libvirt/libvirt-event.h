/*
 * libvirt-event.h: the pluggable event loop
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "include <libvirt/libvirt.h> instead of <libvirt/libvirt-event.h>"
#endif

#ifndef VIREO_LIBVIRT_EVENT_H
#define VIREO_LIBVIRT_EVENT_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Conditions a file descriptor watch can wait for or report.
 */
typedef enum {
    VIR_EVENT_HANDLE_READABLE = 0x1, /* data can be read */
    VIR_EVENT_HANDLE_WRITABLE = 0x2, /* data can be written */
    VIR_EVENT_HANDLE_ERROR    = 0x4, /* an error occurred (always reported) */
    VIR_EVENT_HANDLE_HANGUP   = 0x8, /* the peer hung up (always reported) */
} virEventHandleType;

/**
 * Signature of a function called when a watched file descriptor becomes
 * ready.
 *
 * @param watch   watch identifier
 * @param fd      the file descriptor
 * @param events  virEventHandleType bits that occurred
 * @param opaque  data given when the watch was added
 */
typedef void (*virEventHandleCallback)(int watch,
                                       int fd,
                                       int events,
                                       void *opaque);

/**
 * Event loop hook: start watching @p fd for @p event and call @p cb when it
 * is ready. Must return a unique, non-negative watch identifier, or -1 on
 * failure.
 *
 * @param fd      file descriptor
 * @param event   virEventHandleType bits to wait for
 * @param cb      callback to run
 * @param opaque  data for @p cb
 * @param ff      destructor for @p opaque, to run after removal
 */
typedef int (*virEventAddHandleFunc)(int fd,
                                     int event,
                                     virEventHandleCallback cb,
                                     void *opaque,
                                     virFreeCallback ff);

/**
 * Event loop hook: stop a watch. The destructor given when it was added must
 * be called afterwards, but not from inside this function, since the caller
 * may hold locks; defer it to the loop. Must return 0 on success, -1 on
 * failure.
 *
 * @param watch  watch identifier
 */
typedef int (*virEventRemoveHandleFunc)(int watch);

/**
 * Event loop hook: delete a timer; as for handles, the destructor must be
 * run later from the loop. Must return 0 on success, -1 on failure.
 *
 * @param timer  timer identifier
 */
typedef int (*virEventRemoveTimeoutFunc)(int timer);

/**
 * Signature of a function called when a timer fires.
 *
 * @param timer   timer identifier
 * @param opaque  data given when the timer was added
 */
typedef void (*virEventTimeoutCallback)(int timer, void *opaque);

/**
 * Event loop hook: create a timer firing every @p timeout milliseconds (0:
 * every iteration, -1: disabled). Must return a unique, non-negative timer
 * identifier, or -1 on failure.
 *
 * @param timeout  period in milliseconds
 * @param cb       callback to run
 * @param opaque   data for @p cb
 * @param ff       destructor for @p opaque, to run after removal
 */
typedef int (*virEventAddTimeoutFunc)(int timeout,
                                      virEventTimeoutCallback cb,
                                      void *opaque,
                                      virFreeCallback ff);

/**
 * Event loop hook: change the events a watch waits for (0 means none).
 *
 * @param watch  watch identifier
 * @param event  virEventHandleType bits to wait for
 */
typedef void (*virEventUpdateHandleFunc)(int watch, int event);

/**
 * Event loop hook: change the period of a timer.
 *
 * @param timer    timer identifier
 * @param timeout  new period in milliseconds
 */
typedef void (*virEventUpdateTimeoutFunc)(int timer, int timeout);

/* -------- Choosing an event loop -------------------------------------- */

/**
 * Plug an application provided event loop into the library. All six
 * functions are needed. Call this once, before opening any connection; the
 * library then uses these functions to watch file descriptors and run
 * timers.
 *
 * @param addHandle      starts watching a file descriptor
 * @param updateHandle   changes the events watched
 * @param removeHandle   stops watching
 * @param addTimeout     creates a timer
 * @param updateTimeout  changes a timer's period
 * @param removeTimeout  deletes a timer
 */
VIREO_API void virEventRegisterImpl(virEventAddHandleFunc addHandle,
                                    virEventUpdateHandleFunc updateHandle,
                                    virEventRemoveHandleFunc removeHandle,
                                    virEventAddTimeoutFunc addTimeout,
                                    virEventUpdateTimeoutFunc updateTimeout,
                                    virEventRemoveTimeoutFunc removeTimeout);

/**
 * Install the library's built-in, poll() based, event loop. Call this once,
 * before opening any connection, and then keep calling
 * virEventRunDefaultImpl() from a dedicated thread or the main loop.
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virEventRegisterDefaultImpl(void);

/**
 * Run one iteration of the built-in event loop: wait until a watched file
 * descriptor is ready or a timer expires, then dispatch the callbacks
 * concerned.
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virEventRunDefaultImpl(void);

/* -------- File descriptor watches and timers -------------------------- */

/**
 * Start watching a file descriptor through the registered event loop.
 *
 * @param fd      file descriptor to watch
 * @param events  bitwise OR of virEventHandleType values
 * @param cb      called when the descriptor is ready
 * @param opaque  caller data handed to @p cb
 * @param ff      optional destructor for @p opaque, run once the watch is
 *                removed
 *
 * @return a watch identifier (0 or greater), or -1 on error.
 */
VIREO_API int virEventAddHandle(int fd,
                                int events,
                                virEventHandleCallback cb,
                                void *opaque,
                                virFreeCallback ff);

/**
 * Change the set of events a watch waits for; 0 suspends the watch without
 * removing it.
 *
 * @param watch   identifier from virEventAddHandle()
 * @param events  bitwise OR of virEventHandleType values
 */
VIREO_API void virEventUpdateHandle(int watch, int events);

/**
 * Stop a watch created with virEventAddHandle(). Its destructor runs later,
 * once the callback can no longer be in progress.
 *
 * @param watch  identifier from virEventAddHandle()
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virEventRemoveHandle(int watch);

/**
 * Create a periodic timer in the registered event loop.
 *
 * @param timeout  period in milliseconds; 0 fires on every loop iteration,
 *                 -1 creates the timer disabled
 * @param cb       called when the timer fires
 * @param opaque   caller data handed to @p cb
 * @param ff       optional destructor for @p opaque, run once the timer is
 *                 removed
 *
 * @return a timer identifier (0 or greater), or -1 on error.
 */
VIREO_API int virEventAddTimeout(int timeout,
                                 virEventTimeoutCallback cb,
                                 void *opaque,
                                 virFreeCallback ff);

/**
 * Change the period of a timer (-1 disables it, 0 fires on every iteration).
 *
 * @param timer    identifier from virEventAddTimeout()
 * @param timeout  new period in milliseconds
 */
VIREO_API void virEventUpdateTimeout(int timer, int timeout);

/**
 * Delete a timer created with virEventAddTimeout(). Its destructor runs
 * later, once the callback can no longer be in progress.
 *
 * @param timer  identifier from virEventAddTimeout()
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virEventRemoveTimeout(int timer);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_EVENT_H */
