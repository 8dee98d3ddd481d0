/*
 * lease_domain: one transient QEMU domain holding one <lease>, started and
 * destroyed on command. Built twice (tests/lockd/meson.build): against
 * Debian's libvirt, where qemu:///embed runs libvirt's own QEMU driver and
 * its lockd plugin in this process, and against vireo. The orchestrator,
 * libvirt_qemu_lockd_test.py, drives one of each against vireo-lockd.
 *
 * Usage: lease-domain ROOT NAME IMAGE DIR LOCKSPACE KEY
 *
 * Opens qemu:///embed?root=ROOT (ROOT/etc/qemu.conf is the caller's) and
 * prints "ready LIBRARY" (the shared object that provides the API), or
 * "failed CODE DOMAIN MESSAGE" and exits 1. Then, one line per command read
 * on stdin:
 *   start    -> "started" or "failed CODE DOMAIN MESSAGE"
 *   destroy  -> "destroyed" or "failed CODE DOMAIN MESSAGE"
 * At end of input a running domain is destroyed and the program exits 0,
 * so that no QEMU outlives it (the embedded driver would leave it running).
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* dladdr */
#endif
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static void *event_loop(void *unused)
{
    (void)unused;
    for (;;)
        if (virEventRunDefaultImpl() < 0)
            break;
    return NULL;
}

/* The thread's last error as one line: "failed CODE DOMAIN MESSAGE". */
static void report_failure(void)
{
    virErrorPtr e = virGetLastError();
    char msg[2048];
    snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "(no error recorded)");
    for (char *p = msg; *p; p++)
        if (*p == '\n')
            *p = ' ';
    printf("failed %d %d %s\n", e ? e->code : -1, e ? e->domain : -1, msg);
}

int main(int argc, char **argv)
{
    char uri[1024], xml[4096], line[64];
    virConnectPtr conn;
    virDomainPtr dom = NULL;
    pthread_t loop;
    Dl_info info;

    if (argc != 7) {
        fprintf(stderr, "usage: %s ROOT NAME IMAGE DIR LOCKSPACE KEY\n", argv[0]);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    virSetErrorFunc(NULL, quiet);
    /* libvirt's embedded driver needs an event loop; vireo runs the same. */
    virEventRegisterDefaultImpl();
    pthread_create(&loop, NULL, event_loop, NULL);
    pthread_detach(loop);

    snprintf(uri, sizeof uri, "qemu:///embed?root=%s", argv[1]);
    conn = virConnectOpen(uri);
    if (!conn) {
        report_failure();
        return 1;
    }
    printf("ready %s\n",
           dladdr((void *)virConnectOpen, &info) && info.dli_fname ? info.dli_fname : "?");
    snprintf(xml, sizeof xml,
             "<domain type='qemu'><name>%s</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
             "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features>"
             "<devices><disk type='file' device='disk'><driver name='qemu' type='raw'/>"
             "<source file='%s'/><target dev='vda' bus='virtio'/><readonly/></disk>"
             "<lease><lockspace>%s</lockspace><key>%s</key><target path='%s'/></lease>"
             "<serial type='pty'/><console type='pty'/></devices></domain>",
             argv[2], argv[3], argv[5], argv[6], argv[4]);

    while (fgets(line, sizeof line, stdin)) {
        if (strncmp(line, "start", 5) == 0) {
            if (dom) {
                printf("failed -1 -1 already started\n");
            } else if (!(dom = virDomainCreateXML(conn, xml, 0))) {
                report_failure();
            } else {
                printf("started\n");
            }
        } else if (strncmp(line, "destroy", 7) == 0) {
            if (!dom) {
                printf("failed -1 -1 not started\n");
            } else if (virDomainDestroy(dom) != 0) {
                report_failure();
            } else {
                virDomainFree(dom);
                dom = NULL;
                printf("destroyed\n");
            }
        } else {
            printf("failed -1 -1 unknown command\n");
        }
    }
    if (dom) {
        virDomainDestroy(dom);
        virDomainFree(dom);
    }
    virConnectClose(conn);
    return 0;
}
