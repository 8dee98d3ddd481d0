/*
 * libvirt-stream.h: data streams between client and daemon
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "include <libvirt/libvirt.h> instead of <libvirt/libvirt-stream.h>"
#endif

#ifndef VIREO_LIBVIRT_STREAM_H
#define VIREO_LIBVIRT_STREAM_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Conditions a stream event callback can wait for or report.
 */
typedef enum {
    VIR_STREAM_EVENT_READABLE = 0x1, /* data can be read */
    VIR_STREAM_EVENT_WRITABLE = 0x2, /* data can be written */
    VIR_STREAM_EVENT_ERROR    = 0x4, /* an error occurred */
    VIR_STREAM_EVENT_HANGUP   = 0x8, /* the remote end closed the stream */
} virStreamEventType;

/**
 * Flags for virStreamNew().
 */
typedef enum {
    VIR_STREAM_NONBLOCK = 0x1, /* reads and writes never block */
} virStreamFlags;

/**
 * Flags for virStreamRecvFlags().
 */
typedef enum {
    VIR_STREAM_RECV_STOP_AT_HOLE = 0x1,
} virStreamRecvFlagsValues;

/**
 * Signature of a callback reporting that a non-blocking stream is ready.
 *
 * @param stream  the stream
 * @param events  virStreamEventType bits that occurred
 * @param opaque  data given at registration
 */
typedef void (*virStreamEventCallback)(virStreamPtr stream,
                                       int events,
                                       void *opaque);

/**
 * Signature of a data consumer for virStreamRecvAll(). It must return the
 * number of bytes it consumed (it is called again for the rest) or -1 to
 * abort.
 *
 * @param st      the stream
 * @param data    received bytes
 * @param nbytes  number of bytes in @p data
 * @param opaque  caller data
 */
typedef int (*virStreamSinkFunc)(virStreamPtr st,
                                 const char *data,
                                 size_t nbytes,
                                 void *opaque);

/**
 * Signature of a hole consumer for virStreamSparseRecvAll(): account for @p
 * length bytes of zeros (e.g. by seeking). Must return 0 on success, -1 to
 * abort.
 *
 * @param st      the stream
 * @param length  size of the hole in bytes
 * @param opaque  caller data
 */
typedef int (*virStreamSinkHoleFunc)(virStreamPtr st,
                                     long long length,
                                     void *opaque);

/**
 * Signature of a data producer for virStreamSendAll(). It must fill at most
 * @p nbytes bytes and return how many it produced, 0 at end of file, or -1
 * to abort.
 *
 * @param st      the stream
 * @param data    buffer to fill
 * @param nbytes  size of @p data
 * @param opaque  caller data
 */
typedef int (*virStreamSourceFunc)(virStreamPtr st,
                                   char *data,
                                   size_t nbytes,
                                   void *opaque);

/**
 * Signature of a function telling virStreamSparseSendAll() whether the
 * source's current position is in data or in a hole, and how long that
 * section is. Must return 0 on success, -1 to abort.
 *
 * @param st      the stream
 * @param inData  receives 1 for data, 0 for a hole
 * @param length  receives the remaining length of the section
 * @param opaque  caller data
 */
typedef int (*virStreamSourceHoleFunc)(virStreamPtr st,
                                       int *inData,
                                       long long *length,
                                       void *opaque);

/**
 * Signature of a function moving the source of virStreamSparseSendAll() past
 * a hole of @p length bytes. Must return 0 on success, -1 to abort.
 *
 * @param st      the stream
 * @param length  bytes to skip
 * @param opaque  caller data
 */
typedef int (*virStreamSourceSkipFunc)(virStreamPtr st,
                                       long long length,
                                       void *opaque);

/* -------- Stream objects ---------------------------------------------- */

/**
 * Create a stream object. It is not connected to anything until handed to an
 * API that transfers data through streams (console, volume upload/download,
 * screenshot, ...).
 *
 * @param conn   connection handle
 * @param flags  bitwise OR of virStreamFlags (e.g. VIR_STREAM_NONBLOCK)
 *
 * @return a new stream to release with virStreamFree(), or NULL on error.
 */
VIREO_API virStreamPtr virStreamNew(virConnectPtr conn, unsigned int flags);

/**
 * Add a reference to the stream handle, e.g. before sharing it with another
 * thread. Every call must be balanced by a call to virStreamFree().
 *
 * @param stream  stream handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStreamRef(virStreamPtr stream);

/**
 * Release a stream handle. A transfer in progress must be completed with
 * virStreamFinish() or cancelled with virStreamAbort() first.
 *
 * @param stream  stream handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStreamFree(virStreamPtr stream);

/* -------- Transferring data ------------------------------------------- */

/**
 * Write data to the stream. A blocking stream waits until some data could be
 * sent; fewer bytes than requested may be accepted.
 *
 * @param stream  stream handle
 * @param data    bytes to send
 * @param nbytes  number of bytes in @p data
 *
 * @return the number of bytes sent, -2 if the stream is non-blocking and
 *         cannot take data now, or -1 on error.
 */
VIREO_API int virStreamSend(virStreamPtr stream,
                            const char *data,
                            size_t nbytes);

/**
 * Read data from the stream into @p data.
 *
 * @param stream  stream handle
 * @param data    buffer to fill
 * @param nbytes  size of @p data
 *
 * @return the number of bytes read, 0 at end of stream, -2 if the stream is
 *         non-blocking and no data is available yet, or -1 on error.
 */
VIREO_API int virStreamRecv(virStreamPtr stream, char *data, size_t nbytes);

/**
 * Like virStreamRecv(), with flags. With VIR_STREAM_RECV_STOP_AT_HOLE the
 * read stops at the start of a hole in a sparse stream; the hole can then be
 * consumed with virStreamRecvHole().
 *
 * @param stream  stream handle
 * @param data    buffer to fill
 * @param nbytes  size of @p data
 * @param flags   bitwise OR of virStreamRecvFlagsValues
 *
 * @return the number of bytes read, 0 at end of stream, -2 if it would
 *         block, -3 if a hole was reached (with
 *         VIR_STREAM_RECV_STOP_AT_HOLE), or -1 on error.
 */
VIREO_API int virStreamRecvFlags(virStreamPtr stream,
                                 char *data,
                                 size_t nbytes,
                                 unsigned int flags);

/**
 * Tell the receiver of a sparse stream that the next @p length bytes are a
 * hole (all zeros) which need not be transferred.
 *
 * @param stream  stream handle
 * @param length  size of the hole in bytes
 * @param flags   must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStreamSendHole(virStreamPtr stream,
                                long long length,
                                unsigned int flags);

/**
 * Consume a hole that virStreamRecvFlags() stopped at and report its size.
 *
 * @param stream  stream handle
 * @param length  receives the size of the hole in bytes
 * @param flags   must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStreamRecvHole(virStreamPtr stream,
                                long long *length,
                                unsigned int flags);

/**
 * Send a whole data source through a blocking stream: @p handler is called
 * repeatedly to produce data until it reports end of file. The stream is
 * aborted if anything fails; on success finish it with virStreamFinish().
 *
 * @param stream   stream handle
 * @param handler  source callback
 * @param opaque   caller data for @p handler
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStreamSendAll(virStreamPtr stream,
                               virStreamSourceFunc handler,
                               void *opaque);

/**
 * Receive everything from a blocking stream, handing each chunk to @p
 * handler, until the end of the stream. The stream is aborted if anything
 * fails; on success finish it with virStreamFinish().
 *
 * @param stream   stream handle
 * @param handler  sink callback
 * @param opaque   caller data for @p handler
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStreamRecvAll(virStreamPtr stream,
                               virStreamSinkFunc handler,
                               void *opaque);

/**
 * Like virStreamSendAll(), for a sparse source: @p holeHandler tells whether
 * the current position is data or a hole, holes are sent with
 * virStreamSendHole() and skipped with @p skipHandler.
 *
 * @param stream       stream handle
 * @param handler      source callback for data
 * @param holeHandler  reports data/hole sections
 * @param skipHandler  skips over a hole in the source
 * @param opaque       caller data for the callbacks
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStreamSparseSendAll(virStreamPtr stream,
                                     virStreamSourceFunc handler,
                                     virStreamSourceHoleFunc holeHandler,
                                     virStreamSourceSkipFunc skipHandler,
                                     void *opaque);

/**
 * Like virStreamRecvAll(), for a sparse stream: data goes to @p handler,
 * holes to @p holeHandler.
 *
 * @param stream       stream handle
 * @param handler      sink callback for data
 * @param holeHandler  sink callback for holes
 * @param opaque       caller data for the callbacks
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStreamSparseRecvAll(virStreamPtr stream,
                                     virStreamSinkFunc handler,
                                     virStreamSinkHoleFunc holeHandler,
                                     void *opaque);

/* -------- Non-blocking streams ---------------------------------------- */

/**
 * Watch a non-blocking stream for readiness through the registered event
 * loop. A stream has at most one callback.
 *
 * @param stream  stream handle
 * @param events  bitwise OR of virStreamEventType values
 * @param cb      callback
 * @param opaque  caller data for @p cb
 * @param ff      optional destructor for @p opaque
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStreamEventAddCallback(virStreamPtr stream,
                                        int events,
                                        virStreamEventCallback cb,
                                        void *opaque,
                                        virFreeCallback ff);

/**
 * Change the events the stream callback waits for.
 *
 * @param stream  stream handle
 * @param events  bitwise OR of virStreamEventType values
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStreamEventUpdateCallback(virStreamPtr stream, int events);

/**
 * Remove the stream's event callback.
 *
 * @param stream  stream handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStreamEventRemoveCallback(virStreamPtr stream);

/* -------- Ending a transfer ------------------------------------------- */

/**
 * Complete a transfer normally: signal end of data to the other side and
 * wait for it to confirm that everything was processed. Required before
 * virStreamFree() after a successful transfer.
 *
 * @param stream  stream handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStreamFinish(virStreamPtr stream);

/**
 * Cancel a transfer; the other side discards what it received. Use it
 * instead of virStreamFinish() after an error.
 *
 * @param stream  stream handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virStreamAbort(virStreamPtr stream);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_STREAM_H */
