/*
 * lifecycle.c: walk one domain through its life on test:///default.
 *
 * Defines a domain from the XML below, starts it, suspends and resumes
 * it, destroys it and undefines it, printing the state and its reason
 * after each step. Every call's result is checked, and so is the state
 * reached: any surprise ends the program with exit status 1.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <stdio.h>
#include <stdlib.h>

static const char domain_xml[] =
    "<domain type='test'>\n"
    "  <name>example-lifecycle</name>\n"
    "  <memory unit='MiB'>256</memory>\n"
    "  <vcpu>1</vcpu>\n"
    "  <os><type>hvm</type></os>\n"
    "</domain>\n";

static void quiet_errors(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static const char *state_name(int state)
{
    switch (state) {
    case VIR_DOMAIN_RUNNING: return "running";
    case VIR_DOMAIN_PAUSED: return "paused";
    case VIR_DOMAIN_SHUTOFF: return "shut off";
    default: return "other";
    }
}

/* Prints the domain's state and reason, and checks both. */
static int expect_state(virDomainPtr dom, const char *step, int want_state,
                        int want_reason)
{
    int state, reason;

    if (virDomainGetState(dom, &state, &reason, 0) < 0) {
        fprintf(stderr, "%s: virDomainGetState failed: %s\n", step,
                virGetLastErrorMessage());
        return -1;
    }
    printf("%-10s state=%d (%s) reason=%d\n", step, state, state_name(state), reason);
    if (state != want_state || reason != want_reason) {
        fprintf(stderr, "%s: expected state %d reason %d\n", step, want_state,
                want_reason);
        return -1;
    }
    return 0;
}

/* Reports a failed call. */
static int failed(const char *what)
{
    fprintf(stderr, "%s failed: %s\n", what, virGetLastErrorMessage());
    return -1;
}

int main(void)
{
    virConnectPtr conn;
    virDomainPtr dom = NULL;
    int rc = -1;

    /* Initialise the library before anything else, then silence the
     * default error handler (it would print every error to stderr): we
     * print errors ourselves. */
    if (virInitialize() < 0) {
        fprintf(stderr, "virInitialize failed\n");
        return EXIT_FAILURE;
    }
    virSetErrorFunc(NULL, quiet_errors);

    conn = virConnectOpen("test:///default");
    if (!conn) {
        failed("virConnectOpen");
        return EXIT_FAILURE;
    }

    /* define: persistent but not running */
    dom = virDomainDefineXML(conn, domain_xml);
    if (!dom) {
        failed("virDomainDefineXML");
        goto out;
    }
    if (expect_state(dom, "defined", VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN) < 0)
        goto out;

    /* start: running, booted, with an id */
    if (virDomainCreate(dom) < 0) {
        failed("virDomainCreate");
        goto out;
    }
    if (expect_state(dom, "started", VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto out;
    if (virDomainGetID(dom) == (unsigned int)-1) {
        fprintf(stderr, "a running domain should have an id\n");
        goto out;
    }
    printf("%-10s id=%u\n", "", virDomainGetID(dom));

    /* suspend: paused by the user */
    if (virDomainSuspend(dom) < 0) {
        failed("virDomainSuspend");
        goto out;
    }
    if (expect_state(dom, "suspended", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER) < 0)
        goto out;

    /* suspending twice must fail */
    if (virDomainSuspend(dom) == 0) {
        fprintf(stderr, "a second virDomainSuspend should fail\n");
        goto out;
    }
    printf("%-10s expected failure: %s\n", "", virGetLastErrorMessage());

    /* resume: running again, unpaused */
    if (virDomainResume(dom) < 0) {
        failed("virDomainResume");
        goto out;
    }
    if (expect_state(dom, "resumed", VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED) < 0)
        goto out;

    /* destroy: shut off, destroyed, no id */
    if (virDomainDestroy(dom) < 0) {
        failed("virDomainDestroy");
        goto out;
    }
    if (expect_state(dom, "destroyed", VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto out;
    if (virDomainGetID(dom) != (unsigned int)-1) {
        fprintf(stderr, "a shut off domain should have no id\n");
        goto out;
    }

    /* undefine: gone */
    if (virDomainUndefine(dom) < 0) {
        failed("virDomainUndefine");
        goto out;
    }
    virDomainFree(dom);
    dom = virDomainLookupByName(conn, "example-lifecycle");
    if (dom || virGetLastErrorCode() != VIR_ERR_NO_DOMAIN) {
        fprintf(stderr, "the undefined domain should not be found\n");
        goto out;
    }
    printf("%-10s lookup fails: %s\n", "undefined", virGetLastErrorMessage());
    rc = 0;

out:
    if (dom)
        virDomainFree(dom);
    if (virConnectClose(conn) < 0) {
        failed("virConnectClose");
        rc = -1;
    }
    return rc == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
