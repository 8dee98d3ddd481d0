/*
 * libvirt-qemu.h on a real domain (qemu-system-x86_64, TCG, the tiny test
 * guest), linked against libvireo-qemu.so.0 as a libvirt program links
 * libvirt-qemu.so.0: a QMP command passed through, an HMP command, a
 * descriptor passed along, QEMU monitor events (all, by name, by regular
 * expression, case-insensitive) after virDomainSuspend, the guest agent
 * and attach answers, and the argument errors.
 *
 * Usage: qemu-monitor-test GUEST_IMAGE
 */

#include <libvirt/libvirt.h>
#include <libvirt/libvirt-qemu.h>
#include <libvirt/virterror.h>

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../capi/check.h"
#include "qemu_test_support.h"

/* What one monitor event callback saw. */
struct seen {
    pthread_mutex_t mu;
    int count;
    char last[64];
    char details[512];
    long long seconds;
    int freed;
};

static void on_monitor_event(virConnectPtr conn, virDomainPtr dom, const char *event, long long seconds,
                             unsigned int micros, const char *details, void *opaque)
{
    struct seen *s = opaque;
    (void)conn; (void)micros;
    if (strcmp(virDomainGetName(dom), "mon") != 0)
        return;
    pthread_mutex_lock(&s->mu);
    s->count++;
    snprintf(s->last, sizeof s->last, "%s", event);
    snprintf(s->details, sizeof s->details, "%s", details ? details : "(null)");
    s->seconds = seconds;
    pthread_mutex_unlock(&s->mu);
}

static void free_seen(void *opaque)
{
    struct seen *s = opaque;
    s->freed++;
}

/* Waits up to `ms` for `s` to have seen `event`; 1 if it did. */
static int wait_event(struct seen *s, const char *event, int ms)
{
    long long end = qt_now_ms() + ms;
    while (qt_now_ms() < end) {
        int ok;
        pthread_mutex_lock(&s->mu);
        ok = strcmp(s->last, event) == 0;
        pthread_mutex_unlock(&s->mu);
        if (ok)
            return 1;
        usleep(20000);
    }
    return 0;
}

static int count_of(struct seen *s)
{
    int n;
    pthread_mutex_lock(&s->mu);
    n = s->count;
    pthread_mutex_unlock(&s->mu);
    return n;
}

static void test_commands(virDomainPtr dom)
{
    char *result = NULL;

    CHECK_INT(virDomainQemuMonitorCommand(dom, "{\"execute\":\"query-status\"}", &result, 0), 0);
    CHECK_SUBSTR(result, "\"return\"");
    CHECK_SUBSTR(result, "\"status\":\"running\"");
    free(result);

    /* A QMP error is QEMU's reply, returned as text, as libvirt does. */
    result = NULL;
    CHECK_INT(virDomainQemuMonitorCommand(dom, "{\"execute\":\"no-such-command\"}", &result, 0), 0);
    CHECK_SUBSTR(result, "\"CommandNotFound\"");
    free(result);

    result = NULL;
    CHECK_INT(virDomainQemuMonitorCommand(dom, "info status", &result, VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP), 0);
    CHECK_SUBSTR(result, "VM status: running");
    free(result);

    /* Bad input: not JSON, not a command, unknown flags, no result pointer. */
    result = NULL;
    CHECK_INT(virDomainQemuMonitorCommand(dom, "query-status", &result, 0), -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE);
    CHECK(result == NULL);
    CHECK_INT(virDomainQemuMonitorCommand(dom, "[1,2]", &result, 0), -1);
    CHECK_SUBSTR(virGetLastErrorMessage(), "'execute'");
    CHECK_INT(virDomainQemuMonitorCommand(dom, "{\"execute\":\"query-status\"}", &result, 0x10), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU);
    CHECK_SUBSTR(virGetLastErrorMessage(), "unsupported flags (0x10)");
    CHECK_INT(virDomainQemuMonitorCommand(dom, "{\"execute\":\"query-status\"}", NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "result in virDomainQemuMonitorCommand must not be NULL");
    CHECK_INT(virDomainQemuMonitorCommand(NULL, "{}", &result, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM);
}

static void test_command_with_files(virDomainPtr dom)
{
    char *result = NULL;
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int fds[2] = {fd, fd};
    unsigned int nout = 99;
    int *out = (int *)&nout;

    /* getfd takes the descriptor sent along with it; query-fdsets is not
     * needed: closefd of the same name succeeds only if QEMU has it. */
    CHECK_INT(virDomainQemuMonitorCommandWithFiles(dom, "{\"execute\":\"getfd\",\"arguments\":{\"fdname\":\"t1\"}}",
                                                   1, fds, &nout, &out, &result, 0), 0);
    CHECK_SUBSTR(result, "\"return\":{}");
    CHECK_INT(nout, 0);
    CHECK(out == NULL);
    free(result);
    result = NULL;
    CHECK_INT(virDomainQemuMonitorCommand(dom, "{\"execute\":\"closefd\",\"arguments\":{\"fdname\":\"t1\"}}",
                                          &result, 0), 0);
    CHECK_SUBSTR(result, "\"return\":{}");
    free(result);
    result = NULL;
    CHECK_INT(virDomainQemuMonitorCommandWithFiles(dom, "{\"execute\":\"query-status\"}", 0, NULL, NULL, NULL,
                                                   &result, 0), 0);
    CHECK_SUBSTR(result, "\"status\"");
    free(result);
    CHECK_INT(virDomainQemuMonitorCommandWithFiles(dom, "{\"execute\":\"getfd\"}", 2, fds, NULL, NULL, &result, 0),
              -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU);
    CHECK_INT(virDomainQemuMonitorCommandWithFiles(dom, NULL, 0, NULL, NULL, NULL, &result, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "cmd in virDomainQemuMonitorCommandWithFiles must not be NULL");
    close(fd);
}

static void test_events(virConnectPtr conn, virDomainPtr dom)
{
    struct seen all = {PTHREAD_MUTEX_INITIALIZER, 0, "", "", 0, 0};
    struct seen stop = {PTHREAD_MUTEX_INITIALIZER, 0, "", "", 0, 0};
    struct seen regex = {PTHREAD_MUTEX_INITIALIZER, 0, "", "", 0, 0};
    struct seen nocase = {PTHREAD_MUTEX_INITIALIZER, 0, "", "", 0, 0};
    int id_all, id_stop, id_regex, id_nocase;

    id_all = virConnectDomainQemuMonitorEventRegister(conn, NULL, NULL, on_monitor_event, &all, free_seen, 0);
    id_stop = virConnectDomainQemuMonitorEventRegister(conn, dom, "STOP", on_monitor_event, &stop, free_seen, 0);
    id_regex = virConnectDomainQemuMonitorEventRegister(
        conn, dom, "^RES.*", on_monitor_event, &regex, free_seen, VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX);
    id_nocase = virConnectDomainQemuMonitorEventRegister(
        conn, dom, "stop", on_monitor_event, &nocase, free_seen, VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE);
    CHECK(id_all >= 0 && id_stop >= 0 && id_regex >= 0 && id_nocase >= 0);
    CHECK(id_all != id_stop && id_stop != id_regex && id_regex != id_nocase);

    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK(wait_event(&all, "STOP", 5000));
    CHECK(wait_event(&stop, "STOP", 5000));
    CHECK(wait_event(&nocase, "STOP", 5000));
    CHECK(all.seconds > 1000000000LL);
    CHECK_INT(virDomainResume(dom), 0);
    CHECK(wait_event(&all, "RESUME", 5000));
    CHECK(wait_event(&regex, "RESUME", 5000));
    /* The exact and case-insensitive filters let only STOP through. */
    CHECK_INT(count_of(&stop), 1);
    CHECK_INT(count_of(&nocase), 1);
    CHECK_INT(count_of(&regex), 1);

    /* An event with data: the details are its "data" member as JSON. */
    {
        char *result = NULL;
        CHECK_INT(virDomainQemuMonitorCommand(dom, "{\"execute\":\"system_reset\"}", &result, 0), 0);
        free(result);
        CHECK(wait_event(&all, "RESET", 5000));
        pthread_mutex_lock(&all.mu);
        CHECK_SUBSTR(all.details, "\"guest\":false");
        pthread_mutex_unlock(&all.mu);
    }

    CHECK_INT(virConnectDomainQemuMonitorEventDeregister(conn, id_all), 0);
    CHECK_INT(all.freed, 1);
    CHECK_INT(virConnectDomainQemuMonitorEventDeregister(conn, id_all), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
    CHECK_INT(virConnectDomainQemuMonitorEventDeregister(conn, id_stop), 0);
    CHECK_INT(virConnectDomainQemuMonitorEventDeregister(conn, id_regex), 0);
    CHECK_INT(virConnectDomainQemuMonitorEventDeregister(conn, id_nocase), 0);

    /* Bad input. */
    /* "\\(" opens a group of a basic expression that never closes. */
    CHECK_INT(virConnectDomainQemuMonitorEventRegister(conn, dom, "\\(", on_monitor_event, &all, NULL,
                                                       VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
    CHECK_SUBSTR(virGetLastErrorMessage(), "failed to compile regex '\\('");
    CHECK_INT(virConnectDomainQemuMonitorEventRegister(conn, dom, NULL, on_monitor_event, &all, NULL, 0x8), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU);
    CHECK_INT(virConnectDomainQemuMonitorEventRegister(conn, dom, NULL, NULL, &all, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
    CHECK_INT(virConnectDomainQemuMonitorEventDeregister(conn, -1), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
}

static void test_agent_and_attach(virConnectPtr conn, virDomainPtr dom)
{
    CHECK(virDomainQemuAgentCommand(dom, "{\"execute\":\"guest-ping\"}", 5, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_QEMU,
                  "argument unsupported: QEMU guest agent is not configured");
    CHECK(virDomainQemuAttach(conn, 1, 0) == NULL);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, VIR_FROM_NONE);
    CHECK(virDomainQemuAttach(conn, 0, 0) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
}

static void test_read_only(const char *root)
{
    virConnectPtr ro = virConnectOpenReadOnly(qt_embed_uri(root));
    virDomainPtr dom;
    char *result = NULL;
    CHECK(ro != NULL);
    if (!ro)
        return;
    dom = virDomainLookupByName(ro, "mon");
    CHECK(dom != NULL);
    CHECK_INT(virDomainQemuMonitorCommand(dom, "{\"execute\":\"query-status\"}", &result, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_NONE);
    CHECK_INT(virConnectDomainQemuMonitorEventRegister(ro, NULL, NULL, on_monitor_event, NULL, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_NONE);
    virDomainFree(dom);
    virConnectClose(ro);
}

static void test_inactive(virConnectPtr conn, virDomainPtr dom)
{
    char *result = NULL;
    (void)conn;
    CHECK_INT(virDomainQemuMonitorCommand(dom, "{\"execute\":\"query-status\"}", &result, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "Requested operation is not valid: domain is not running");
}

int main(int argc, char **argv)
{
    const char *image;
    char *root;
    virConnectPtr conn;
    virDomainPtr dom;
    char *xml;

    if (argc != 2) {
        fprintf(stderr, "usage: %s GUEST_IMAGE\n", argv[0]);
        return 2;
    }
    image = argv[1];
    qt_require_qemu_and_guest(image);
    root = qt_make_root();
    qt_start_event_loop();

    conn = virConnectOpen(qt_embed_uri(root));
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("qemu-monitor");
    xml = qt_guest_xml("mon", image, NULL);
    dom = virDomainDefineXML(conn, xml);
    free(xml);
    CHECK(dom != NULL);
    if (dom) {
        test_inactive(conn, dom);
        CHECK_INT(virDomainCreate(dom), 0);
        CHECK(qt_wait_state(dom, VIR_DOMAIN_RUNNING, -1, 5000));
        test_commands(dom);
        test_command_with_files(dom);
        test_events(conn, dom);
        test_agent_and_attach(conn, dom);
        test_read_only(root);
        CHECK_INT(virDomainDestroy(dom), 0);
        CHECK_INT(virDomainUndefine(dom), 0);
        virDomainFree(dom);
    }
    CHECK_INT(virConnectClose(conn), 0);
    qt_remove_tree(root);
    free(root);
    return check_finish("qemu-monitor");
}
