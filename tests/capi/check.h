/*
 * check.h: tiny assertion helpers shared by the C API tests.
 *
 * Each CHECK* macro evaluates its arguments once, counts the check, and on
 * failure prints file:line, the expression, the actual and expected values
 * and the library's last error, then counts the failure and carries on.
 * A test's main() ends with `return check_finish();`, which prints a
 * summary and returns 1 if anything failed.
 *
 * Only the public API is used: <libvirt/libvirt.h> and <libvirt/virterror.h>.
 * Counters are not thread-safe: call CHECK* from the main thread only.
 */
#ifndef VIREO_TESTS_CAPI_CHECK_H
#define VIREO_TESTS_CAPI_CHECK_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* dladdr(); before any system header */
#endif

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int check_total;
static int check_failed;

/*
 * Whether the library under test is vireo rather than libvirt: the file that
 * holds virConnectOpen is libvireo.so.0 (the tests link it; built by hand
 * against libvirt-dev they load libvirt.so.0). Only for the few checks of a
 * documented difference, where vireo does better than libvirt.
 */
static inline int check_is_remote(void);

/* Whether the client library is vireo's (whichever driver answers). */
static inline int check_client_is_vireo(void)
{
    Dl_info info;
    return dladdr((void *)virConnectOpen, &info) && info.dli_fname &&
           strstr(info.dli_fname, "libvireo") != NULL;
}

/* Whether vireo's own drivers answer: vireo's library, used in-process.
 * Through a daemon, libvirt's drivers answer. */
static inline int check_library_is_vireo(void)
{
    return check_client_is_vireo() && !check_is_remote();
}

/*
 * The URI of the test driver's default instance. tests/remote/with_libvirtd.py
 * runs a test beside a private libvirtd and says where it listens
 * (VIREO_LIBVIRTD_TCP); the same checks then go through the remote driver to
 * that daemon's test:///default.
 */
static inline const char *check_default_uri(void)
{
    static char uri[256];
    const char *tcp = getenv("VIREO_LIBVIRTD_TCP");
    if (!tcp || !*tcp)
        return "test:///default";
    snprintf(uri, sizeof(uri), "test+tcp://%s/default", tcp);
    return uri;
}

/* Whether the checks run through a daemon (with_libvirtd.py). */
static inline int check_is_remote(void)
{
    const char *tcp = getenv("VIREO_LIBVIRTD_TCP");
    return tcp && *tcp;
}

/*
 * mkdtemp(), and when the checks run through a daemon, a directory that
 * daemon (another user) may write in too: it saves and restores domains
 * there.
 */
static inline char *check_mkdtemp(char *tmpl)
{
    char *dir = mkdtemp(tmpl);
    if (dir && check_is_remote())
        chmod(dir, 0777);
    return dir;
}

/* Print the calling thread's last library error (or "none"). */
static inline void check_print_last_error(void)
{
    virErrorPtr err = virGetLastError();
    if (err)
        fprintf(stderr, "    last error: code=%d domain=%d message=%s\n",
                err->code, err->domain, err->message ? err->message : "(null)");
    else
        fprintf(stderr, "    last error: none\n");
}

static inline int check_report(int ok, const char *file, int line,
                               const char *expr)
{
    check_total++;
    if (ok)
        return 1;
    check_failed++;
    fprintf(stderr, "%s:%d: CHECK FAILED: %s\n", file, line, expr);
    check_print_last_error();
    return 0;
}

static inline int check_int(long long actual, long long expected,
                            const char *file, int line, const char *expr)
{
    int ok = actual == expected;
    check_total++;
    if (ok)
        return 1;
    check_failed++;
    fprintf(stderr, "%s:%d: CHECK FAILED: %s\n    actual: %lld\n    expected: %lld\n",
            file, line, expr, actual, expected);
    check_print_last_error();
    return 0;
}

static inline int check_str(const char *actual, const char *expected,
                            const char *file, int line, const char *expr)
{
    int ok = (actual == NULL && expected == NULL) ||
             (actual && expected && strcmp(actual, expected) == 0);
    check_total++;
    if (ok)
        return 1;
    check_failed++;
    fprintf(stderr, "%s:%d: CHECK FAILED: %s\n    actual: %s%s%s\n    expected: %s%s%s\n",
            file, line, expr,
            actual ? "\"" : "", actual ? actual : "(null)", actual ? "\"" : "",
            expected ? "\"" : "", expected ? expected : "(null)", expected ? "\"" : "");
    check_print_last_error();
    return 0;
}

static inline int check_substr(const char *haystack, const char *needle,
                               const char *file, int line, const char *expr)
{
    int ok = haystack && needle && strstr(haystack, needle) != NULL;
    check_total++;
    if (ok)
        return 1;
    check_failed++;
    fprintf(stderr, "%s:%d: CHECK FAILED: %s\n    string: %s\n    does not contain: %s\n",
            file, line, expr, haystack ? haystack : "(null)",
            needle ? needle : "(null)");
    check_print_last_error();
    return 0;
}

/* Compare the calling thread's last error with an expected code and
 * domain, and (when msg is not NULL) require msg to be a substring of
 * the error message. */
static inline int check_error(int code, int domain, const char *msg,
                              const char *file, int line, const char *expr)
{
    virErrorPtr err = virGetLastError();
    int ok = err && err->code == code && err->domain == domain &&
             (msg == NULL || (err->message && strstr(err->message, msg)));
    check_total++;
    if (ok)
        return 1;
    check_failed++;
    fprintf(stderr, "%s:%d: CHECK FAILED: %s\n    expected error: code=%d domain=%d%s%s\n",
            file, line, expr, code, domain, msg ? " message contains: " : "",
            msg ? msg : "");
    check_print_last_error();
    return 0;
}

#define CHECK(expr) check_report(!!(expr), __FILE__, __LINE__, #expr)
#define CHECK_INT(actual, expected) \
    check_int((long long)(actual), (long long)(expected), __FILE__, __LINE__, \
              #actual " == " #expected)
#define CHECK_STR(actual, expected) \
    check_str((actual), (expected), __FILE__, __LINE__, #actual " == " #expected)
#define CHECK_SUBSTR(haystack, needle) \
    check_substr((haystack), (needle), __FILE__, __LINE__, \
                 #haystack " contains " #needle)
/* The last error is (code, domain). */
#define CHECK_ERR(code, domain) \
    check_error((code), (domain), NULL, __FILE__, __LINE__, \
                "last error is " #code ", " #domain)
/* The last error is (code, domain) and its message contains msg. */
#define CHECK_ERR_MSG(code, domain, msg) \
    check_error((code), (domain), (msg), __FILE__, __LINE__, \
                "last error is " #code ", " #domain ", " #msg)

/* An error handler that prints nothing: tests provoke many errors on
 * purpose and the default handler would print each to stderr. */
static inline void check_quiet_error_func(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

/* libvirt 9.0 crashes in virGetLastErrorCode() and friends when they are
 * the first calls a process makes: initialise the library explicitly. */
static inline void check_init(void)
{
    if (virInitialize() < 0) {
        fprintf(stderr, "virInitialize failed\n");
        exit(1);
    }
    virSetErrorFunc(NULL, check_quiet_error_func);
}

static inline int check_finish(const char *name)
{
    if (check_failed) {
        fprintf(stderr, "%s: %d of %d checks FAILED\n", name, check_failed,
                check_total);
        return 1;
    }
    printf("%s: all %d checks passed\n", name, check_total);
    return 0;
}

#endif /* VIREO_TESTS_CAPI_CHECK_H */
