/*
 * test_secret.c: secrets. libvirt's test driver has none, so
 * test:///default answers VIR_ERR_NO_SUPPORT; through a daemon
 * (tests/remote/with_libvirtd.py) the checks run on the session daemon's
 * secret driver, secret+tcp://HOST:PORT/session: define secrets of every
 * usage type, look them up, set and read values, receive the lifecycle and
 * value-changed events, list, undefine, and libvirt's errors for bad input.
 *
 * The same program passes against Debian's libvirt 9.0 client
 * (capi-secret-libvirt, remote-capi-secret-libvirt).
 */
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define UUID_VOLUME "5e2ac6b8-6c5b-4c3e-9a1e-0d3a2f1b7c01"
#define UUID_CEPH "5e2ac6b8-6c5b-4c3e-9a1e-0d3a2f1b7c02"
#define UUID_ISCSI "5e2ac6b8-6c5b-4c3e-9a1e-0d3a2f1b7c03"
#define UUID_TLS "5e2ac6b8-6c5b-4c3e-9a1e-0d3a2f1b7c04"
#define UUID_VTPM "5e2ac6b8-6c5b-4c3e-9a1e-0d3a2f1b7c05"
#define UUID_PRIVATE "5e2ac6b8-6c5b-4c3e-9a1e-0d3a2f1b7c06"
#define UUID_UNKNOWN "5e2ac6b8-6c5b-4c3e-9a1e-0d3a2f1b7cff"

static const struct {
    const char *uuid;
    int usage_type;
    const char *usage_id;
    const char *usage_xml;
} kinds[] = {
    {UUID_VOLUME, VIR_SECRET_USAGE_TYPE_VOLUME, "/var/lib/vireo/disk.img",
     "<usage type='volume'><volume>/var/lib/vireo/disk.img</volume></usage>"},
    {UUID_CEPH, VIR_SECRET_USAGE_TYPE_CEPH, "client.admin secret",
     "<usage type='ceph'><name>client.admin secret</name></usage>"},
    {UUID_ISCSI, VIR_SECRET_USAGE_TYPE_ISCSI, "iqn.2026-12.org.vireo:target",
     "<usage type='iscsi'><target>iqn.2026-12.org.vireo:target</target></usage>"},
    {UUID_TLS, VIR_SECRET_USAGE_TYPE_TLS, "tls_vireo", "<usage type='tls'><name>tls_vireo</name></usage>"},
    {UUID_VTPM, VIR_SECRET_USAGE_TYPE_VTPM, "vtpm_vireo", "<usage type='vtpm'><name>vtpm_vireo</name></usage>"},
};
#define NKINDS ((int)(sizeof(kinds) / sizeof(kinds[0])))

/* ------------------------------------------------------------ events */

#define MAX_EVENTS 32
static struct {
    char uuid[VIR_UUID_STRING_BUFLEN];
    int event; /* lifecycle type, or -1 for a value change */
    int detail;
} seen[MAX_EVENTS];
static int nseen;

static void record(virSecretPtr secret, int event, int detail)
{
    if (nseen >= MAX_EVENTS)
        return;
    virSecretGetUUIDString(secret, seen[nseen].uuid);
    seen[nseen].event = event;
    seen[nseen].detail = detail;
    nseen++;
}

static void lifecycle_cb(virConnectPtr conn, virSecretPtr secret, int event, int detail, void *opaque)
{
    (void)conn;
    (void)opaque;
    record(secret, event, detail);
}

static void value_cb(virConnectPtr conn, virSecretPtr secret, void *opaque)
{
    (void)conn;
    (void)opaque;
    record(secret, -1, 0);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void tick(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
}

static void run_until(int want, double limit)
{
    int timer = virEventAddTimeout(50, tick, NULL, NULL);
    double deadline = now_s() + limit;
    while (nseen < want && now_s() < deadline)
        if (virEventRunDefaultImpl() < 0)
            break;
    if (timer >= 0)
        virEventRemoveTimeout(timer);
}

static int next;

static void expect(const char *uuid, int event)
{
    if (!CHECK(next < nseen)) {
        fprintf(stderr, "    missing event %s %d\n", uuid, event);
        return;
    }
    CHECK_STR(seen[next].uuid, uuid);
    CHECK_INT(seen[next].event, event);
    CHECK_INT(seen[next].detail, 0);
    next++;
}

/* ------------------------------------------------------------ checks */

static char *secret_xml(int i)
{
    static char xml[512];
    snprintf(xml, sizeof(xml), "<secret ephemeral='no' private='no'><uuid>%s</uuid>%s</secret>", kinds[i].uuid,
             kinds[i].usage_xml);
    return xml;
}

/* libvirt's test driver has no secrets. */
static void test_unsupported(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    CHECK(conn != NULL);
    if (!conn)
        return;
    CHECK_INT(virConnectNumOfSecrets(conn), -1);
    CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_SECRET, "virConnectNumOfSecrets");
    CHECK(virSecretDefineXML(conn, secret_xml(0), 0) == NULL);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, VIR_FROM_SECRET);
    CHECK(virSecretLookupByUUIDString(conn, UUID_VOLUME) == NULL);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, VIR_FROM_SECRET);
    CHECK_INT(virConnectSecretEventRegisterAny(conn, NULL, VIR_SECRET_EVENT_ID_LIFECYCLE,
                                               VIR_SECRET_EVENT_CALLBACK(lifecycle_cb), NULL, NULL), -1);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, VIR_FROM_SECRET);
    virConnectClose(conn);
}

static void test_arguments(virConnectPtr conn)
{
    virConnectSecretEventGenericCallback cb = VIR_SECRET_EVENT_CALLBACK(lifecycle_cb);
    CHECK_INT(virConnectSecretEventRegisterAny(conn, NULL, 2 /* the last id + 1 */, cb, NULL, NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_SECRET, "eventID in virConnectSecretEventRegisterAny must be less than 2");
    CHECK_INT(virConnectSecretEventRegisterAny(conn, NULL, 0, NULL, NULL, NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_SECRET, "cb in virConnectSecretEventRegisterAny must not be NULL");
    CHECK_INT(virConnectSecretEventDeregisterAny(conn, 12345), -1);
    /* libvirt's remote client words it "event callback id 12345 not registered". */
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);

    CHECK(virSecretLookupByUUIDString(conn, UUID_UNKNOWN) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_SECRET, VIR_FROM_SECRET, "no secret with matching uuid '" UUID_UNKNOWN "'");
    CHECK(virSecretLookupByUUIDString(conn, "not-a-uuid") == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_SECRET);
    CHECK(virSecretLookupByUsage(conn, VIR_SECRET_USAGE_TYPE_CEPH, "nobody") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_SECRET, VIR_FROM_SECRET, "no secret with matching usage 'nobody'");
    CHECK(virSecretLookupByUsage(conn, VIR_SECRET_USAGE_TYPE_CEPH, NULL) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_SECRET, "usageID in virSecretLookupByUsage must not be NULL");

    CHECK(virSecretDefineXML(conn, "<secret><usage type='volume'></secret>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_DETAIL, VIR_FROM_SECRET, "Opening and ending tag mismatch: usage line 1 and secret");
    CHECK(virSecretDefineXML(conn, "<secret><usage type='bogus'/></secret>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_SECRET, "unknown secret usage type bogus");
    CHECK(virSecretDefineXML(conn, NULL, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_SECRET, "xml in virSecretDefineXML must not be NULL");
    CHECK_INT(virConnectNumOfSecrets(conn), 0);

    char *uuids[2] = {NULL, NULL};
    CHECK_INT(virConnectListSecrets(conn, NULL, 2), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_SECRET, "uuids in virConnectListSecrets must not be NULL");
    CHECK_INT(virConnectListSecrets(conn, uuids, -1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_SECRET, "maxuuids in virConnectListSecrets must be zero or greater");
}

static void test_secrets(virConnectPtr conn)
{
    nseen = next = 0;
    int lifecycle = virConnectSecretEventRegisterAny(conn, NULL, VIR_SECRET_EVENT_ID_LIFECYCLE,
                                                     VIR_SECRET_EVENT_CALLBACK(lifecycle_cb), NULL, NULL);
    int values = virConnectSecretEventRegisterAny(conn, NULL, VIR_SECRET_EVENT_ID_VALUE_CHANGED,
                                                  VIR_SECRET_EVENT_CALLBACK(value_cb), NULL, NULL);
    CHECK(lifecycle >= 0 && values >= 0 && lifecycle != values);

    virSecretPtr secrets[NKINDS] = {NULL};
    for (int i = 0; i < NKINDS; i++) {
        secrets[i] = virSecretDefineXML(conn, secret_xml(i), 0);
        if (!CHECK(secrets[i] != NULL))
            continue;
        char uuid[VIR_UUID_STRING_BUFLEN];
        CHECK_INT(virSecretGetUUIDString(secrets[i], uuid), 0);
        CHECK_STR(uuid, kinds[i].uuid);
        CHECK_INT(virSecretGetUsageType(secrets[i]), kinds[i].usage_type);
        CHECK_STR(virSecretGetUsageID(secrets[i]), kinds[i].usage_id);
        CHECK(virSecretGetConnect(secrets[i]) == conn);
    }
    CHECK_INT(virConnectNumOfSecrets(conn), NKINDS);

    /* The same usage under another uuid is refused. */
    CHECK(virSecretDefineXML(conn,
                             "<secret><uuid>" UUID_UNKNOWN "</uuid>"
                             "<usage type='ceph'><name>client.admin secret</name></usage></secret>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_SECRET, "already defined for use with client.admin secret");

    /* Lookups give handles with the same identity. */
    virSecretPtr s = virSecretLookupByUsage(conn, VIR_SECRET_USAGE_TYPE_TLS, "tls_vireo");
    CHECK(s != NULL);
    if (s) {
        char uuid[VIR_UUID_STRING_BUFLEN];
        virSecretGetUUIDString(s, uuid);
        CHECK_STR(uuid, UUID_TLS);
        CHECK_INT(virSecretRef(s), 0);
        CHECK_INT(virSecretFree(s), 0);
        CHECK_INT(virSecretFree(s), 0);
    }
    unsigned char raw[VIR_UUID_BUFLEN];
    if (secrets[1]) {
        CHECK_INT(virSecretGetUUID(secrets[1], raw), 0);
        s = virSecretLookupByUUID(conn, raw);
        CHECK(s != NULL);
        if (s) {
            CHECK_INT(virSecretGetUsageType(s), VIR_SECRET_USAGE_TYPE_CEPH);
            CHECK_STR(virSecretGetUsageID(s), "client.admin secret");
            virSecretFree(s);
        }
    }

    /* Values are bytes: NULs included. */
    static const unsigned char value[] = {'k', 0, 'e', 'y', 0xff, 0};
    if (secrets[0]) {
        size_t size = 99;
        CHECK(virSecretGetValue(secrets[0], &size, 0) == NULL);
        CHECK_ERR_MSG(VIR_ERR_NO_SECRET, VIR_FROM_SECRET, "secret '" UUID_VOLUME "' does not have a value");
        CHECK_INT(virSecretSetValue(secrets[0], value, sizeof(value), 0), 0);
        unsigned char *got = virSecretGetValue(secrets[0], &size, 0);
        CHECK(got != NULL);
        CHECK_INT(size, sizeof(value));
        CHECK(got && memcmp(got, value, sizeof(value)) == 0);
        free(got);
        CHECK_INT(virSecretSetValue(secrets[0], NULL, 0, 0), -1);
        CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_SECRET, "value in virSecretSetValue must not be NULL");
        CHECK(virSecretGetValue(secrets[0], NULL, 0) == NULL);
        CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_SECRET, "value_size in virSecretGetValue must not be NULL");
        char *xml = virSecretGetXMLDesc(secrets[0], 0);
        CHECK_STR(xml, "<secret ephemeral='no' private='no'>\n"
                       "  <uuid>" UUID_VOLUME "</uuid>\n"
                       "  <usage type='volume'>\n"
                       "    <volume>/var/lib/vireo/disk.img</volume>\n"
                       "  </usage>\n"
                       "</secret>\n");
        free(xml);
    }

    /* A read-only connection may look, but not read or change values. */
    char uri[256];
    snprintf(uri, sizeof(uri), "secret+tcp://%s/session", getenv("VIREO_LIBVIRTD_TCP"));
    virConnectPtr ro = virConnectOpenReadOnly(uri);
    CHECK(ro != NULL);
    if (ro) {
        virSecretPtr mine = virSecretLookupByUUIDString(ro, UUID_VOLUME);
        CHECK(mine != NULL);
        if (mine) {
            size_t size = 0;
            CHECK(virSecretGetValue(mine, &size, 0) == NULL);
            CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_SECRET, "read only access prevents virSecretGetValue");
            CHECK_INT(virSecretSetValue(mine, value, sizeof(value), 0), -1);
            CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_SECRET, "read only access prevents virSecretSetValue");
            CHECK_INT(virSecretUndefine(mine), -1);
            CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_SECRET, "read only access prevents virSecretUndefine");
            virSecretFree(mine);
        }
        CHECK(virSecretDefineXML(ro, secret_xml(0), 0) == NULL);
        CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_SECRET, "read only access prevents virSecretDefineXML");
        virConnectClose(ro);
    }

    /* A private secret's value does not leave the daemon. */
    virSecretPtr priv = virSecretDefineXML(conn,
                                           "<secret ephemeral='no' private='yes'><uuid>" UUID_PRIVATE "</uuid>"
                                           "<usage type='ceph'><name>private one</name></usage></secret>", 0);
    CHECK(priv != NULL);
    if (priv) {
        CHECK_INT(virSecretSetValue(priv, value, sizeof(value), 0), 0);
        size_t size = 0;
        CHECK(virSecretGetValue(priv, &size, 0) == NULL);
        CHECK_ERR_MSG(VIR_ERR_INVALID_SECRET, VIR_FROM_SECRET, "secret is private");
        CHECK_INT(virSecretUndefine(priv), 0);
        virSecretFree(priv);
    }

    /* Listing. */
    virSecretPtr *all = NULL;
    int n = virConnectListAllSecrets(conn, &all, 0);
    CHECK_INT(n, NKINDS);
    for (int i = 0; i < n && all; i++)
        virSecretFree(all[i]);
    free(all);
    CHECK_INT(virConnectListAllSecrets(conn, NULL, VIR_CONNECT_LIST_SECRETS_PRIVATE), 0);
    CHECK_INT(virConnectListAllSecrets(conn, NULL, VIR_CONNECT_LIST_SECRETS_NO_PRIVATE), NKINDS);
    char *uuids[NKINDS + 1] = {NULL};
    CHECK_INT(virConnectListSecrets(conn, uuids, NKINDS + 1), NKINDS);
    int found = 0;
    for (int i = 0; i < NKINDS; i++)
        for (int j = 0; j < NKINDS; j++)
            if (uuids[j] && strcmp(uuids[j], kinds[i].uuid) == 0)
                found++;
    CHECK_INT(found, NKINDS);
    for (int i = 0; i < NKINDS + 1; i++)
        free(uuids[i]);

    for (int i = 0; i < NKINDS; i++) {
        if (!secrets[i])
            continue;
        CHECK_INT(virSecretUndefine(secrets[i]), 0);
        CHECK_INT(virSecretUndefine(secrets[i]), -1);
        CHECK_ERR(VIR_ERR_NO_SECRET, VIR_FROM_SECRET);
        CHECK_INT(virSecretFree(secrets[i]), 0);
    }
    CHECK_INT(virConnectNumOfSecrets(conn), 0);

    /* Defined (5), value changed, private defined, value changed,
     * undefined, then the five undefined. */
    run_until(2 * NKINDS + 4, 3.0);
    for (int i = 0; i < NKINDS; i++)
        expect(kinds[i].uuid, VIR_SECRET_EVENT_DEFINED);
    expect(UUID_VOLUME, -1);
    expect(UUID_PRIVATE, VIR_SECRET_EVENT_DEFINED);
    expect(UUID_PRIVATE, -1);
    expect(UUID_PRIVATE, VIR_SECRET_EVENT_UNDEFINED);
    for (int i = 0; i < NKINDS; i++)
        expect(kinds[i].uuid, VIR_SECRET_EVENT_UNDEFINED);
    run_until(MAX_EVENTS, 0.2);
    CHECK_INT(nseen, next);

    CHECK_INT(virConnectSecretEventDeregisterAny(conn, values), 0);
    CHECK_INT(virConnectSecretEventDeregisterAny(conn, lifecycle), 0);
    CHECK_INT(virConnectSecretEventDeregisterAny(conn, lifecycle), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
}

int main(void)
{
    check_init();
    CHECK_INT(virEventRegisterDefaultImpl(), 0);
    test_unsupported();
    const char *tcp = getenv("VIREO_LIBVIRTD_TCP");
    if (tcp && *tcp) {
        char uri[256];
        snprintf(uri, sizeof(uri), "secret+tcp://%s/session", tcp);
        virConnectPtr conn = virConnectOpen(uri);
        CHECK(conn != NULL);
        if (conn) {
            test_arguments(conn);
            test_secrets(conn);
            CHECK_INT(virConnectClose(conn), 0);
        }
    }
    return check_finish("capi-secret");
}
