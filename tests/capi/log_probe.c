/*
 * log_probe.c: a program for tests/capi/log_env_test.py, which runs it in
 * child processes with LIBVIRT_DEBUG, LIBVIRT_LOG_FILTERS and
 * LIBVIRT_LOG_OUTPUTS set (the library reads them once per process).
 *
 *   log_probe api          drives test:///default: open, lookup, suspend,
 *                          resume, a failed lookup, close
 *   log_probe embed ROOT   opens qemu:///embed?root=ROOT, whose
 *                          definitions include a malformed one: the driver
 *                          skips it with a warning
 *
 * Only the public API is used. Errors go to a silent handler, so that
 * whatever reaches stderr came from the log.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <stdio.h>
#include <string.h>

static void quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static int api(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    if (!conn)
        return 1;
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    if (!dom || virDomainSuspend(dom) < 0 || virDomainResume(dom) < 0)
        return 1;
    if (virDomainLookupByName(conn, "nosuch"))
        return 1;
    virDomainFree(dom);
    return virConnectClose(conn) == 0 ? 0 : 1;
}

static int embed(const char *root)
{
    char uri[4096];
    snprintf(uri, sizeof uri, "qemu:///embed?root=%s", root);
    virConnectPtr conn = virConnectOpen(uri);
    if (!conn) {
        virErrorPtr err = virGetLastError();
        fprintf(stdout, "open failed: %s\n", err && err->message ? err->message : "?");
        return 1;
    }
    virConnectClose(conn);
    return 0;
}

int main(int argc, char **argv)
{
    virSetErrorFunc(NULL, quiet);
    if (argc == 2 && strcmp(argv[1], "api") == 0)
        return api();
    if (argc == 3 && strcmp(argv[1], "embed") == 0)
        return embed(argv[2]);
    fprintf(stdout, "usage: log_probe api | log_probe embed ROOT\n");
    return 2;
}
