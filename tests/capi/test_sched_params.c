/*
 * test_sched_params.c: a domain's scheduler parameters on test:///default.
 *
 * Asserts: virDomainGetSchedulerType answers "fair" with one parameter (and
 * takes a NULL count); virDomainGetSchedulerParameters fills "weight" (uint,
 * 50 at first) and refuses a NULL array, a NULL count and a count below 1
 * with libvirt's messages; virDomainSetSchedulerParameters(Flags) accepts a
 * uint weight and an empty list, refuses an unknown field
 * (VIR_ERR_ARGUMENT_UNSUPPORTED), a wrong or unknown type, a field given
 * twice, a field name without terminator and a NULL string (all in
 * VIR_FROM_NONE), the AFFECT flags (the test driver takes none), a negative
 * count and a NULL array, and a read-only connection; a get's LIVE|CONFIG
 * is refused before the driver. Strings returned are released by
 * virTypedParamsClear.
 *
 * Two documented differences (doc/test-driver.md): libvirt's test driver
 * always reports weight 50 and refuses every virDomainGetSchedulerParametersFlags
 * call (its public layer adds VIR_TYPED_PARAM_STRING_OKAY, which the driver
 * does not accept); vireo keeps the weight set and answers the *Flags get.
 * The test checks libvirt's behaviour when it runs against libvirt.
 */
#include "check.h"

static void quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static void set_uint(virTypedParameterPtr p, const char *field, unsigned int value)
{
    memset(p, 0, sizeof(*p));
    strcpy(p->field, field);
    p->type = VIR_TYPED_PARAM_UINT;
    p->value.ui = value;
}

static unsigned int current_weight(virDomainPtr dom)
{
    virTypedParameter p[2];
    int n = 2;
    memset(p, 0, sizeof(p));
    if (virDomainGetSchedulerParameters(dom, p, &n) < 0 || n != 1)
        return 0;
    return p[0].value.ui;
}

static void test_get(virDomainPtr dom)
{
    virTypedParameter p[3];
    int n = -5;
    char *type = virDomainGetSchedulerType(dom, &n);
    CHECK_STR(type, "fair");
    CHECK_INT(n, 1);
    free(type);
    type = virDomainGetSchedulerType(dom, NULL);
    CHECK_STR(type, "fair");
    free(type);

    memset(p, 0, sizeof(p));
    n = 3;
    CHECK_INT(virDomainGetSchedulerParameters(dom, p, &n), 0);
    CHECK_INT(n, 1);
    CHECK_STR(p[0].field, "weight");
    CHECK_INT(p[0].type, VIR_TYPED_PARAM_UINT);
    CHECK_INT(p[0].value.ui, 50);
    virTypedParamsClear(p, n);

    n = 0;
    CHECK_INT(virDomainGetSchedulerParameters(dom, p, &n), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                  "*nparams in virDomainGetSchedulerParameters must be greater than zero");
    n = 1;
    CHECK_INT(virDomainGetSchedulerParameters(dom, NULL, &n), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                  "params in virDomainGetSchedulerParameters must not be NULL");
    CHECK_INT(virDomainGetSchedulerParameters(dom, p, NULL), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                  "nparams in virDomainGetSchedulerParameters must not be NULL");

    n = 3;
    CHECK_INT(virDomainGetSchedulerParametersFlags(dom, p, &n,
                                                   VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                  "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
    n = 3;
    if (check_library_is_vireo()) {
        CHECK_INT(virDomainGetSchedulerParametersFlags(dom, p, &n, 0), 0);
        CHECK_INT(n, 1);
        CHECK_STR(p[0].field, "weight");
        virTypedParamsClear(p, n);
    } else {
        CHECK_INT(virDomainGetSchedulerParametersFlags(dom, p, &n, 0), -1);
        CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                      "unsupported flags (0x4) in function testDomainGetSchedulerParametersFlags");
    }
}

static void test_set(virDomainPtr dom)
{
    virTypedParameter s[2];

    set_uint(&s[0], "weight", 7);
    CHECK_INT(virDomainSetSchedulerParameters(dom, s, 1), 0);
    CHECK_INT(current_weight(dom), check_library_is_vireo() ? 7 : 50);
    set_uint(&s[0], "weight", 9);
    CHECK_INT(virDomainSetSchedulerParametersFlags(dom, s, 1, 0), 0);
    CHECK_INT(current_weight(dom), check_library_is_vireo() ? 9 : 50);
    /* Through a daemon, an empty list arrives as NULL and the daemon's own
     * public layer refuses it (libvirt's client gives the same). */
    if (check_is_remote()) {
        CHECK_INT(virDomainSetSchedulerParameters(dom, s, 0), -1);
        CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "params in virDomainSetSchedulerParameters must not be NULL");
    } else {
        CHECK_INT(virDomainSetSchedulerParameters(dom, s, 0), 0);
    }
    CHECK_INT(current_weight(dom), check_library_is_vireo() ? 9 : 50);

    CHECK_INT(virDomainSetSchedulerParametersFlags(dom, s, 1, VIR_DOMAIN_AFFECT_LIVE), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x1) in function testDomainSetSchedulerParametersFlags");
    /* no LIVE|CONFIG check in the public layer for a set: the driver refuses both */
    CHECK_INT(virDomainSetSchedulerParametersFlags(dom, s, 1, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x3) in function testDomainSetSchedulerParametersFlags");
    CHECK_INT(virDomainSetSchedulerParameters(dom, NULL, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                  "params in virDomainSetSchedulerParameters must not be NULL");
    CHECK_INT(virDomainSetSchedulerParameters(dom, s, -1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                  "nparams in virDomainSetSchedulerParameters must be zero or greater");

    s[0].type = VIR_TYPED_PARAM_INT;
    CHECK_INT(virDomainSetSchedulerParameters(dom, s, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
                  "invalid argument: invalid type 'int' for parameter 'weight', expected 'uint'");
    s[0].type = 99;
    CHECK_INT(virDomainSetSchedulerParameters(dom, s, 1), -1);
    /* A remote client cannot put a made-up type on the wire (libvirt's
     * neither): it refuses the call itself. */
    if (check_is_remote())
        CHECK_ERR_MSG(VIR_ERR_RPC, VIR_FROM_NONE, "unknown parameter type: 99");
    else
        CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
                      "invalid argument: invalid type 'unknown' for parameter 'weight', expected 'uint'");
    s[0].type = VIR_TYPED_PARAM_STRING;
    s[0].value.s = NULL;
    CHECK_INT(virDomainSetSchedulerParameters(dom, s, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "NULL string parameter 'weight'");

    set_uint(&s[0], "cap", 1);
    CHECK_INT(virDomainSetSchedulerParameters(dom, s, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_NONE, "argument unsupported: parameter 'cap' not supported");
    /* fields are looked at in name order: "weight" comes before "zzz" */
    set_uint(&s[0], "zzz", 1);
    set_uint(&s[1], "weight", 1);
    s[1].type = VIR_TYPED_PARAM_INT;
    CHECK_INT(virDomainSetSchedulerParameters(dom, s, 2), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
                  "invalid argument: invalid type 'int' for parameter 'weight', expected 'uint'");
    set_uint(&s[0], "weight", 1);
    set_uint(&s[1], "weight", 2);
    CHECK_INT(virDomainSetSchedulerParameters(dom, s, 2), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "invalid argument: parameter 'weight' occurs multiple times");
    memset(s[0].field, 'a', sizeof(s[0].field));
    CHECK_INT(virDomainSetSchedulerParameters(dom, s, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
                  "string parameter name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' too long");
    CHECK_INT(current_weight(dom), check_library_is_vireo() ? 9 : 50);
}

static void test_read_only(void)
{
    virConnectPtr ro = virConnectOpenReadOnly(check_default_uri());
    virDomainPtr dom = ro ? virDomainLookupByName(ro, "test") : NULL;
    virTypedParameter s[1];
    CHECK(dom != NULL);
    if (!dom)
        return;
    set_uint(&s[0], "weight", 3);
    CHECK_INT(virDomainSetSchedulerParameters(dom, s, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                  "operation forbidden: read only access prevents virDomainSetSchedulerParameters");
    CHECK(current_weight(dom) > 0);
    virDomainFree(dom);
    virConnectClose(ro);
}

int main(void)
{
    virConnectPtr conn;
    virDomainPtr dom;

    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    dom = conn ? virDomainLookupByName(conn, "test") : NULL;
    CHECK(dom != NULL);
    if (dom) {
        test_get(dom);
        test_set(dom);
        /* an inactive domain has its parameters too */
        CHECK_INT(virDomainDestroy(dom), 0);
        CHECK_INT(current_weight(dom), check_library_is_vireo() ? 9 : 50);
        test_read_only();
        virDomainFree(dom);
    }
    if (conn)
        virConnectClose(conn);
    return check_finish("test_sched_params");
}
