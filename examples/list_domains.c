/*
 * list_domains.c: list every domain of a connection with its state, id
 * and name.
 *
 *   list_domains [URI]
 *
 * Without a URI the library picks its default (LIBVIRT_DEFAULT_URI, ...).
 * Try: list_domains test:///default
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <stdio.h>
#include <stdlib.h>

static void quiet_errors(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static const char *state_name(int state)
{
    switch (state) {
    case VIR_DOMAIN_RUNNING: return "running";
    case VIR_DOMAIN_BLOCKED: return "idle";
    case VIR_DOMAIN_PAUSED: return "paused";
    case VIR_DOMAIN_SHUTDOWN: return "in shutdown";
    case VIR_DOMAIN_SHUTOFF: return "shut off";
    case VIR_DOMAIN_CRASHED: return "crashed";
    case VIR_DOMAIN_PMSUSPENDED: return "pmsuspended";
    default: return "no state";
    }
}

int main(int argc, char **argv)
{
    const char *uri = argc > 1 ? argv[1] : NULL;
    virConnectPtr conn;
    virDomainPtr *domains = NULL;
    int n;
    int ret = EXIT_FAILURE;

    /* Initialise the library before anything else, then silence the
     * default error handler (it would print every error to stderr): we
     * print errors ourselves. */
    if (virInitialize() < 0) {
        fprintf(stderr, "virInitialize failed\n");
        return EXIT_FAILURE;
    }
    virSetErrorFunc(NULL, quiet_errors);

    /* A read-only connection is enough for listing. */
    conn = virConnectOpenReadOnly(uri);
    if (!conn) {
        fprintf(stderr, "error: cannot open %s: %s\n", uri ? uri : "the default URI",
                virGetLastErrorMessage());
        return EXIT_FAILURE;
    }

    /* Flags 0: active and inactive domains alike. The library allocates
     * the array; we free each handle and then the array. */
    n = virConnectListAllDomains(conn, &domains, 0);
    if (n < 0) {
        fprintf(stderr, "error: cannot list domains: %s\n", virGetLastErrorMessage());
        goto out;
    }

    printf("%-12s %-5s %s\n", "State", "Id", "Name");
    for (int i = 0; i < n; i++) {
        int state = VIR_DOMAIN_NOSTATE;
        unsigned int id = virDomainGetID(domains[i]);
        const char *name = virDomainGetName(domains[i]);
        char idbuf[16];

        if (virDomainGetState(domains[i], &state, NULL, 0) < 0)
            state = VIR_DOMAIN_NOSTATE;
        /* Inactive domains have no id: virDomainGetID gives (unsigned)-1. */
        if (id == (unsigned int)-1)
            snprintf(idbuf, sizeof(idbuf), "-");
        else
            snprintf(idbuf, sizeof(idbuf), "%u", id);
        printf("%-12s %-5s %s\n", state_name(state), idbuf, name ? name : "?");
        virDomainFree(domains[i]);
    }
    free(domains);
    ret = EXIT_SUCCESS;

out:
    virConnectClose(conn);
    return ret;
}
