/*
 * test_remote_migrate.c: a real QEMU domain migrated peer-to-peer between two
 * libvirtd daemons, as OpenStack Nova and KubeVirt migrate
 * (virDomainMigrateToURI3 with VIR_MIGRATE_PEER2PEER).
 *
 * Run by qemu_test.py inside two nested with_libvirtd.py (the inner one with
 * --as-peer): VIREO_LIBVIRTD_TCP is the source daemon, VIREO_PEER_TCP the
 * destination, each with its own host UUID (libvirt refuses a migration
 * between daemons that claim the same host). Both are unprivileged, so the
 * migration is between two qemu:///session drivers on this machine, over
 * TCP on 127.0.0.1 (VIR_MIGRATE_PARAM_URI). The domain has no disk, so
 * nothing needs sharing.
 *
 * Checked: libvirt's refusals before anything moves (no dconnuri, exclusive
 * flags, a "localhost" destination, direct migration, virDomainMigrate3 with
 * PEER2PEER); then the domain migrated to the destination (gone from the
 * source, running there), and back with virDomainMigrate2 under a new name
 * (the source daemon connects to the URI of the connection given); then
 * managed (the client relays the steps): a refused prepare leaves it on the
 * source, virDomainMigrate3 moves it, virDomainMigrate brings it back.
 * Passes against libvirt's client too.
 */
#include "../capi/check.h"

#include <unistd.h>

static const char domain_xml[] =
    "<domain type='qemu'><name>vireo-migrate</name><memory>32768</memory>"
    "<os><type arch='x86_64'>hvm</type></os>"
    "<devices><memballoon model='none'/></devices></domain>";

static virConnectPtr open_daemon(const char *address)
{
    char uri[256];
    snprintf(uri, sizeof(uri), "qemu+tcp://%s/session", address);
    virConnectPtr conn = virConnectOpen(uri);
    if (!conn) {
        fprintf(stderr, "cannot open %s: %s\n", uri, virGetLastErrorMessage());
        exit(1);
    }
    return conn;
}

static int is_running(virConnectPtr conn, const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    int running = dom && virDomainIsActive(dom) == 1;
    if (dom)
        virDomainFree(dom);
    return running;
}

static void check_refusals(virDomainPtr dom, virConnectPtr dst, const char *dst_uri)
{
    virTypedParameter param;
    memset(&param, 0, sizeof(param));
    snprintf(param.field, sizeof(param.field), "%s", VIR_MIGRATE_PARAM_URI);
    param.type = VIR_TYPED_PARAM_STRING;
    param.value.s = (char *)"tcp://127.0.0.1";

    /* Peer-to-peer needs the destination's libvirt URI. */
    CHECK_INT(virDomainMigrateToURI3(dom, NULL, &param, 1, VIR_MIGRATE_PEER2PEER), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "dconnuri");
    CHECK_INT(virDomainMigrateToURI3(dom, dst_uri, &param, 1,
                                     VIR_MIGRATE_PEER2PEER | VIR_MIGRATE_NON_SHARED_DISK |
                                         VIR_MIGRATE_NON_SHARED_INC),
              -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                  "Flags 'VIR_MIGRATE_NON_SHARED_DISK' and 'VIR_MIGRATE_NON_SHARED_INC' are mutually exclusive");
    CHECK_INT(virDomainMigrateToURI3(dom, "qemu+tcp://localhost/session", &param, 1, VIR_MIGRATE_PEER2PEER), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "Attempt to migrate guest to the same host");
    CHECK_INT(virDomainMigrateToURI3(dom, "qemu:///session", &param, 1, VIR_MIGRATE_PEER2PEER), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "Attempt to migrate guest to the same host");
    /* QEMU's driver has no direct (daemon-less) migration. */
    CHECK_INT(virDomainMigrateToURI3(dom, NULL, &param, 1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_DOMAIN,
                  "direct migration is not supported by the source host");
    CHECK_INT(virDomainMigrateToURI(dom, "tcp://127.0.0.1", 0, NULL, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_DOMAIN,
                  "direct migration is not supported by the source host");
    CHECK(virDomainMigrate3(dom, dst, &param, 1, VIR_MIGRATE_PEER2PEER) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "use virDomainMigrateToURI3 for peer-to-peer migration");
    CHECK(is_running(virDomainGetConnect(dom), "vireo-migrate"));
}

/* The managed migration: the client relays begin, prepare, perform,
 * finish and confirm between the two connections. A refused prepare (the
 * destination has another domain of that name) leaves the domain running
 * on the source; then it goes there with virDomainMigrate3 under a new
 * name, and back with virDomainMigrate. Returns the domain's handle on
 * `src`, or NULL. */
static virDomainPtr check_managed(virDomainPtr dom, virConnectPtr src, virConnectPtr dst)
{
    virTypedParameterPtr params = NULL;
    int nparams = 0, maxparams = 0;
    virDomainPtr there, back = NULL, clash;
    virTypedParamsAddString(&params, &nparams, &maxparams, VIR_MIGRATE_PARAM_URI, "tcp://127.0.0.1");
    virTypedParamsAddString(&params, &nparams, &maxparams, VIR_MIGRATE_PARAM_DEST_NAME, "vireo-managed");

    CHECK(virDomainMigrate(dom, dst, VIR_MIGRATE_TUNNELLED, NULL, "tcp://127.0.0.1", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                  "cannot perform tunnelled migration without using peer2peer flag");

    clash = virDomainDefineXML(dst, "<domain type='qemu'><name>vireo-managed</name>"
                                    "<uuid>0b0e0c0a-0000-4000-8000-000000000001</uuid><memory>32768</memory>"
                                    "<os><type arch='x86_64'>hvm</type></os></domain>");
    CHECK(clash != NULL);
    CHECK(virDomainMigrate3(dom, dst, params, (unsigned int)nparams, VIR_MIGRATE_LIVE) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN);
    CHECK_SUBSTR(virGetLastErrorMessage(), "already exists with uuid");
    CHECK(is_running(src, virDomainGetName(dom)));
    {
        int state = -1, reason = -1;
        CHECK_INT(virDomainGetState(dom, &state, &reason, 0), 0);
        CHECK_INT(state, VIR_DOMAIN_RUNNING);
    }
    if (clash) {
        CHECK_INT(virDomainUndefine(clash), 0);
        virDomainFree(clash);
    }

    there = virDomainMigrate3(dom, dst, params, (unsigned int)nparams, VIR_MIGRATE_LIVE);
    virTypedParamsFree(params, nparams);
    CHECK(there != NULL);
    if (!there) {
        check_print_last_error();
        return dom;
    }
    CHECK_STR(virDomainGetName(there), "vireo-managed");
    CHECK(virDomainGetConnect(there) == dst);
    CHECK_INT(virDomainIsActive(there), 1);
    CHECK(!is_running(src, virDomainGetName(dom)));
    virDomainFree(dom);

    back = virDomainMigrate(there, src, VIR_MIGRATE_LIVE, NULL, "tcp://127.0.0.1", 0);
    CHECK(back != NULL);
    if (!back)
        check_print_last_error();
    if (back) {
        CHECK_STR(virDomainGetName(back), "vireo-managed");
        CHECK(virDomainGetConnect(back) == src);
        CHECK_INT(virDomainIsActive(back), 1);
        CHECK(!is_running(dst, "vireo-managed"));
    }
    virDomainFree(there);
    return back;
}

int main(void)
{
    const char *src_address = getenv("VIREO_LIBVIRTD_TCP");
    const char *dst_address = getenv("VIREO_PEER_TCP");
    char dst_uri[256];

    check_init();
    if (!src_address || !dst_address) {
        fprintf(stderr, "run inside two with_libvirtd.py, the inner one with --as-peer\n");
        return 2;
    }
    snprintf(dst_uri, sizeof(dst_uri), "qemu+tcp://%s/session", dst_address);
    virConnectPtr src = open_daemon(src_address);
    virConnectPtr dst = open_daemon(dst_address);

    virDomainPtr dom = virDomainCreateXML(src, domain_xml, 0);
    if (!dom) {
        fprintf(stderr, "cannot start the domain: %s\n", virGetLastErrorMessage());
        return 1;
    }
    check_refusals(dom, dst, dst_uri);

    /* To the destination, peer-to-peer and live, as Nova does. */
    virTypedParameterPtr params = NULL;
    int nparams = 0, maxparams = 0;
    virTypedParamsAddString(&params, &nparams, &maxparams, VIR_MIGRATE_PARAM_URI, "tcp://127.0.0.1");
    CHECK_INT(virDomainMigrateToURI3(dom, dst_uri, params, (unsigned int)nparams,
                                     VIR_MIGRATE_PEER2PEER | VIR_MIGRATE_LIVE),
              0);
    virTypedParamsFree(params, nparams);
    CHECK(!is_running(src, "vireo-migrate"));
    CHECK(is_running(dst, "vireo-migrate"));
    virDomainFree(dom);

    /* And back under another name, through the destination connection's
     * handle: virDomainMigrate2 peer-to-peer sends the daemon the URI of
     * the connection it is given. */
    virDomainPtr there = virDomainLookupByName(dst, "vireo-migrate");
    CHECK(there != NULL);
    virDomainPtr back = there ? virDomainMigrate2(there, src, NULL, VIR_MIGRATE_PEER2PEER | VIR_MIGRATE_LIVE,
                                                  "vireo-migrated", "tcp://127.0.0.1", 0)
                              : NULL;
    CHECK(back != NULL);
    if (!back)
        check_print_last_error();
    if (back) {
        CHECK_STR(virDomainGetName(back), "vireo-migrated");
        CHECK(virDomainGetConnect(back) == src);
        CHECK_INT(virDomainIsActive(back), 1);
        CHECK(!is_running(dst, "vireo-migrate"));
        back = check_managed(back, src, dst);
        if (back) {
            CHECK_INT(virDomainDestroy(back), 0);
            virDomainFree(back);
        }
    }
    if (there)
        virDomainFree(there);

    virConnectClose(dst);
    virConnectClose(src);
    return check_finish("remote-migrate");
}
