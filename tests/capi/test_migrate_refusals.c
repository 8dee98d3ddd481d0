/*
 * test_migrate_refusals.c: what libvirt's public layer refuses before a
 * migration reaches a driver, and what a driver without migration says
 * (test:///default's, also through the daemon).
 *
 * Asserts, with libvirt 9.0.0's codes and messages: a peer-to-peer
 * migration needs a destination URI (VIR_ERR_INVALID_ARG) with a host that
 * is not "localhost"; NON_SHARED_DISK and NON_SHARED_INC exclude each
 * other; virDomainMigrate3 refuses PEER2PEER and TUNNELLED; the test driver
 * has no peer-to-peer, direct or offline migration
 * (VIR_ERR_ARGUMENT_UNSUPPORTED "... is not supported by the source host")
 * and no managed migration (VIR_ERR_NO_SUPPORT). A real migration between
 * two daemons is tests/remote/test_remote_migrate.c.
 */
#include "check.h"

#define EXPECT_FAIL(call, code, msg)              \
    do {                                          \
        virResetLastError();                      \
        CHECK_INT((call), -1);                    \
        CHECK_ERR_MSG(code, VIR_FROM_DOMAIN, msg); \
    } while (0)

int main(void)
{
    check_init();
    virConnectPtr conn = virConnectOpen(check_default_uri());
    if (!conn) {
        fprintf(stderr, "cannot open %s\n", check_default_uri());
        return 1;
    }
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    CHECK(dom != NULL);

    EXPECT_FAIL(virDomainMigrateToURI3(dom, NULL, NULL, 0, VIR_MIGRATE_PEER2PEER), VIR_ERR_ARGUMENT_UNSUPPORTED,
                "p2p migration is not supported by the source host");
    EXPECT_FAIL(virDomainMigrateToURI3(dom, NULL, NULL, 0, 0), VIR_ERR_ARGUMENT_UNSUPPORTED,
                "direct migration is not supported by the source host");
    EXPECT_FAIL(virDomainMigrateToURI3(dom, NULL, NULL, 0, VIR_MIGRATE_OFFLINE | VIR_MIGRATE_PEER2PEER),
                VIR_ERR_ARGUMENT_UNSUPPORTED, "offline migration is not supported by the source host");
    EXPECT_FAIL(virDomainMigrateToURI(dom, "tcp://192.0.2.1", 0, NULL, 0), VIR_ERR_ARGUMENT_UNSUPPORTED,
                "direct migration is not supported by the source host");
    EXPECT_FAIL(virDomainMigrateToURI2(dom, "qemu+tcp://192.0.2.1/system", NULL, NULL, VIR_MIGRATE_PEER2PEER,
                                       NULL, 0),
                VIR_ERR_ARGUMENT_UNSUPPORTED, "p2p migration is not supported by the source host");
    EXPECT_FAIL(virDomainMigrateToURI(dom, NULL, VIR_MIGRATE_PEER2PEER, NULL, 0), VIR_ERR_INVALID_ARG, "duri");
    EXPECT_FAIL(virDomainMigrateToURI3(dom, "qemu+tcp://192.0.2.1/system", NULL, 0,
                                       VIR_MIGRATE_NON_SHARED_DISK | VIR_MIGRATE_NON_SHARED_INC),
                VIR_ERR_INVALID_ARG,
                "Flags 'VIR_MIGRATE_NON_SHARED_DISK' and 'VIR_MIGRATE_NON_SHARED_INC' are mutually exclusive");

    virResetLastError();
    CHECK(virDomainMigrate(dom, conn, 0, NULL, NULL, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN, "virDomainMigrate");
    virResetLastError();
    CHECK(virDomainMigrate3(dom, conn, NULL, 0, VIR_MIGRATE_PEER2PEER) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "use virDomainMigrateToURI3 for peer-to-peer migration");
    virResetLastError();
    CHECK(virDomainMigrate3(dom, conn, NULL, 0, VIR_MIGRATE_TUNNELLED) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                  "cannot perform tunnelled migration without using peer2peer flag");
    /* The domain is where it was. */
    CHECK_INT(virDomainIsActive(dom), 1);

    virDomainFree(dom);
    virConnectClose(conn);
    return check_finish("capi-migrate-refusals");
}
