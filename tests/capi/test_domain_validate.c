/*
 * test_domain_validate.c: VIR_DOMAIN_DEFINE_VALIDATE and
 * VIR_DOMAIN_START_VALIDATE on test:///default. The document is checked
 * against libvirt's domain schema; an invalid one is refused with
 * VIR_ERR_XML_INVALID_SCHEMA (domain VIR_FROM_XML) and changes nothing.
 *
 * The same program passes against Debian's libvirt 9.0 (the meson test
 * capi-domain-validate-libvirt builds it with libvirt-dev). Both read the
 * schema libvirt0 installs; without it the test is skipped (exit 77),
 * except under CI=true.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define SCHEMA "/usr/share/libvirt/schemas/domain.rng"

static const char *valid_xml =
    "<domain type='test'><name>validated</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
    "<memory>1024</memory>"
    "<os><type>hvm</type></os></domain>";

/* Valid for the model (which ignores unknown elements), not for the schema. */
static const char *invalid_xml =
    "<domain type='test'><name>validated</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
    "<memory>2048</memory>"
    "<os><type>hvm</type></os><bogus/></domain>";

static const char *invalid_message =
    "XML document failed to validate against schema: Unable to validate doc against " SCHEMA "\n"
    "Element domain has extra content: bogus\n";

static void test_define(virConnectPtr conn)
{
    virDomainPtr dom = virDomainDefineXMLFlags(conn, valid_xml, VIR_DOMAIN_DEFINE_VALIDATE);
    CHECK(dom != NULL);

    CHECK(virDomainDefineXMLFlags(conn, invalid_xml, VIR_DOMAIN_DEFINE_VALIDATE) == NULL);
    CHECK_ERR(VIR_ERR_XML_INVALID_SCHEMA, VIR_FROM_XML);
    virErrorPtr err = virGetLastError();
    CHECK_STR(err ? err->message : NULL, invalid_message);
    /* The failed define left the earlier definition as it was. */
    if (dom)
        CHECK_INT(virDomainGetMaxMemory(dom), 1024);

    /* Without the flag the same document is accepted. */
    virDomainPtr again = virDomainDefineXMLFlags(conn, invalid_xml, 0);
    CHECK(again != NULL);
    if (again) {
        CHECK_INT(virDomainGetMaxMemory(again), 2048);
        CHECK_INT(virDomainUndefine(again), 0);
        virDomainFree(again);
    }
    if (dom)
        virDomainFree(dom); /* the same domain as `again`, undefined above */
}

static void test_create(virConnectPtr conn)
{
    CHECK(virDomainCreateXML(conn, invalid_xml, VIR_DOMAIN_START_VALIDATE) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_INVALID_SCHEMA, VIR_FROM_XML, "Element domain has extra content: bogus");
    /* Nothing was started. */
    virDomainPtr none = virDomainLookupByName(conn, "validated");
    CHECK(none == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST);

    virDomainPtr dom = virDomainCreateXML(conn, valid_xml, VIR_DOMAIN_START_VALIDATE);
    CHECK(dom != NULL);
    if (dom) {
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
    }
}

int main(void)
{
    if (access(SCHEMA, R_OK) != 0) {
        const char *ci = getenv("CI");
        fprintf(stderr, "%s " SCHEMA " is not installed (libvirt0)\n",
                ci && strcmp(ci, "true") == 0 ? "FAIL:" : "SKIP:");
        return ci && strcmp(ci, "true") == 0 ? 1 : 77;
    }
    check_init();
    virConnectPtr conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("capi-domain-validate");
    test_define(conn);
    test_create(conn);
    CHECK_INT(virConnectClose(conn), 0);
    return check_finish("capi-domain-validate");
}
