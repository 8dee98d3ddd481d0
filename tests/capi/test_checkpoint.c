/*
 * test_checkpoint.c: domain checkpoints on test:///default, as libvirt
 * 9.0's test driver keeps them: only of a running domain without
 * snapshots, named after the creation time when unnamed, a bitmap per
 * disk, the tree of parents and children, listing, XML, redefinition,
 * delete, and libvirt's errors.
 *
 * The same program passes against Debian's libvirt 9.0 (the meson test
 * capi-checkpoint-libvirt builds it against libvirt-dev). Listings are
 * compared as sets: libvirt keeps checkpoints in a hash table.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

static const char *dom_xml =
    "<domain type='test'><name>cpdom</name><uuid>2d9c7e55-5b0f-4f43-9a51-9c1e2f3a4b5c</uuid>"
    "<memory>1048576</memory><vcpu>1</vcpu><os><type>hvm</type></os><devices>"
    "<disk type='file' device='disk'><source file='/guest/cp.img'/><target dev='vda' bus='virtio'/></disk>"
    "<disk type='file' device='disk'><source file='/guest/cp2.img'/><target dev='vdb' bus='virtio'/></disk>"
    "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>"
    "</devices></domain>";

static int has_checkpoint(virDomainCheckpointPtr *list, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(virDomainCheckpointGetName(list[i]), name) == 0)
            return 1;
    return 0;
}

static void free_list(virDomainCheckpointPtr *list, int n)
{
    for (int i = 0; i < n; i++)
        virDomainCheckpointFree(list[i]);
    free(list);
}

static char *parent_name(virDomainCheckpointPtr cp)
{
    virDomainCheckpointPtr parent = virDomainCheckpointGetParent(cp, 0);
    if (!parent)
        return NULL;
    char *name = strdup(virDomainCheckpointGetName(parent));
    virDomainCheckpointFree(parent);
    return name;
}

/* The default domain: what a checkpoint records. */
static void test_default_domain(virConnectPtr conn)
{
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    CHECK(dom != NULL);
    long long before = (long long)time(NULL);
    virDomainCheckpointPtr cp = virDomainCheckpointCreateXML(dom, "<domaincheckpoint/>", 0);
    long long after = (long long)time(NULL);
    CHECK(cp != NULL);
    if (!cp) {
        virDomainFree(dom);
        return;
    }
    const char *name = virDomainCheckpointGetName(cp);
    char *end = NULL;
    long long stamp = strtoll(name, &end, 10);
    CHECK(end && *end == '\0' && stamp >= before && stamp <= after);
    CHECK(virDomainCheckpointGetDomain(cp) == dom);
    CHECK(virDomainCheckpointGetConnect(cp) == conn);

    char *xml = virDomainCheckpointGetXMLDesc(cp, 0);
    char head[256];
    snprintf(head, sizeof(head),
             "<domaincheckpoint>\n  <name>%s</name>\n  <creationTime>%s</creationTime>\n  <disks>\n"
             "    <disk name='vda' checkpoint='bitmap' bitmap='%s'/>\n  </disks>\n  <domain type='test'>\n",
             name, name, name);
    CHECK(xml && strncmp(xml, head, strlen(head)) == 0);
    CHECK_SUBSTR(xml, "        <target dev='testnet0'/>\n");
    CHECK_SUBSTR(xml, "  </domain>\n</domaincheckpoint>\n");
    free(xml);
    xml = virDomainCheckpointGetXMLDesc(cp, VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN);
    CHECK(xml && strstr(xml, "<domain ") == NULL && strstr(xml, "</disks>\n</domaincheckpoint>\n"));
    free(xml);

    /* No snapshot while a checkpoint exists. */
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot/>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_TEST, "cannot create snapshot while checkpoint exists");
    CHECK_INT(virDomainCheckpointDelete(cp, 0), 0);
    CHECK_INT(virDomainListAllCheckpoints(dom, NULL, 0), 0);
    CHECK_INT(virDomainCheckpointFree(cp), 0);
    virDomainFree(dom);
}

static void test_tree(virDomainPtr dom)
{
    virDomainCheckpointPtr a = virDomainCheckpointCreateXML(
        dom, "<domaincheckpoint><name>a</name><description>first &amp; oldest</description></domaincheckpoint>", 0);
    virDomainCheckpointPtr b = virDomainCheckpointCreateXML(
        dom, "<domaincheckpoint><name>b</name><disks><disk name='/guest/cp2.img' bitmap='bm'/></disks>"
             "</domaincheckpoint>", 0);
    virDomainCheckpointPtr c = virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>c</name></domaincheckpoint>", 0);
    CHECK(a && b && c);
    if (!a || !b || !c)
        return;
    char *xml = virDomainCheckpointGetXMLDesc(a, VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN);
    CHECK_SUBSTR(xml, "<domaincheckpoint>\n  <name>a</name>\n  <description>first &amp; oldest</description>\n"
                      "  <creationTime>");
    CHECK_SUBSTR(xml, "</creationTime>\n  <disks>\n    <disk name='vda' checkpoint='bitmap' bitmap='a'/>\n"
                      "    <disk name='vdb' checkpoint='bitmap' bitmap='a'/>\n"
                      "    <disk name='hdc' checkpoint='no'/>\n  </disks>\n</domaincheckpoint>\n");
    free(xml);
    /* One disk named: the others get no bitmap. */
    xml = virDomainCheckpointGetXMLDesc(b, VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN);
    CHECK_SUBSTR(xml, "  <parent>\n    <name>a</name>\n  </parent>\n");
    CHECK_SUBSTR(xml, "  <disks>\n    <disk name='vda' checkpoint='no'/>\n"
                      "    <disk name='vdb' checkpoint='bitmap' bitmap='bm'/>\n"
                      "    <disk name='hdc' checkpoint='no'/>\n  </disks>\n");
    free(xml);

    char *p = parent_name(c);
    CHECK_STR(p, "b");
    free(p);
    CHECK(virDomainCheckpointGetParent(a, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_DOMAIN_CHECKPOINT, VIR_FROM_TEST, "checkpoint 'a' does not have a parent");

    virDomainCheckpointPtr *list = NULL;
    int n = virDomainListAllCheckpoints(dom, &list, 0);
    CHECK_INT(n, 3);
    CHECK(has_checkpoint(list, n, "a") && has_checkpoint(list, n, "b") && has_checkpoint(list, n, "c"));
    for (int i = 0; i < n; i++)
        CHECK(virDomainCheckpointGetDomain(list[i]) == dom);
    free_list(list, n);
    n = virDomainListAllCheckpoints(dom, &list, VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(virDomainCheckpointGetName(list[0]), "a");
        CHECK_STR(virDomainCheckpointGetName(list[1]), "b");
        CHECK_STR(virDomainCheckpointGetName(list[2]), "c");
    }
    free_list(list, n);
    CHECK_INT(virDomainListAllCheckpoints(dom, NULL, VIR_DOMAIN_CHECKPOINT_LIST_ROOTS), 1);
    CHECK_INT(virDomainListAllCheckpoints(dom, NULL, VIR_DOMAIN_CHECKPOINT_LIST_LEAVES), 1);
    CHECK_INT(virDomainListAllCheckpoints(dom, NULL, VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES), 2);
    CHECK_INT(virDomainCheckpointListAllChildren(a, NULL, 0), 1);
    n = virDomainCheckpointListAllChildren(a, &list, VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS);
    CHECK_INT(n, 2);
    CHECK(has_checkpoint(list, n, "b") && has_checkpoint(list, n, "c"));
    free_list(list, n);

    /* Deleting b hands c to a. */
    CHECK_INT(virDomainCheckpointDelete(b, 0), 0);
    p = parent_name(c);
    CHECK_STR(p, "a");
    free(p);
    CHECK(virDomainCheckpointGetXMLDesc(b, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_DOMAIN_CHECKPOINT, VIR_FROM_TEST, "no domain checkpoint with matching name 'b'");

    /* Redefined, c comes back the same. */
    xml = virDomainCheckpointGetXMLDesc(c, 0);
    CHECK_INT(virDomainCheckpointDelete(c, VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY), 0);
    virDomainCheckpointPtr again = xml ? virDomainCheckpointCreateXML(dom, xml, VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE)
                                       : NULL;
    CHECK(again != NULL);
    char *back = again ? virDomainCheckpointGetXMLDesc(again, 0) : NULL;
    CHECK_STR(back, xml);
    free(back);
    free(xml);
    if (again)
        virDomainCheckpointFree(again);
    /* A redefinition whose parent is current becomes current: the next follows it. */
    virDomainCheckpointPtr d = virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>d</name></domaincheckpoint>", 0);
    p = d ? parent_name(d) : NULL;
    CHECK_STR(p, "c");
    free(p);

    CHECK(virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>x</name></domaincheckpoint>",
                                       VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN_CHECKPOINT, "missing creationTime from existing checkpoint");
    CHECK(virDomainCheckpointCreateXML(
              dom, "<domaincheckpoint><name>a</name><creationTime>5</creationTime><parent><name>a</name></parent>"
                   "</domaincheckpoint>", VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "cannot set moment a as its own parent");
    CHECK(virDomainCheckpointCreateXML(
              dom, "<domaincheckpoint><name>q</name><creationTime>5</creationTime><parent><name>nope</name></parent>"
                   "</domaincheckpoint>", VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "parent nope for moment q not found");

    /* A redefinition without a parent does not. */
    again = virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>z</name><creationTime>5</creationTime>"
                                              "</domaincheckpoint>", VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE);
    CHECK(again != NULL);
    xml = again ? virDomainCheckpointGetXMLDesc(again, 0) : NULL;
    CHECK_STR(xml, "<domaincheckpoint>\n  <name>z</name>\n  <creationTime>5</creationTime>\n</domaincheckpoint>\n");
    free(xml);
    virDomainCheckpointPtr f = virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>f</name></domaincheckpoint>", 0);
    p = f ? parent_name(f) : NULL;
    CHECK_STR(p, "d");
    free(p);
    if (f)
        virDomainCheckpointFree(f);
    if (again) {
        CHECK_INT(virDomainCheckpointDelete(again, 0), 0);
        virDomainCheckpointFree(again);
    }

    CHECK_INT(virDomainCheckpointDelete(a, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY), 0);
    CHECK_INT(virDomainListAllCheckpoints(dom, NULL, 0), 1);
    CHECK_INT(virDomainCheckpointDelete(a, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN), 0);
    CHECK_INT(virDomainListAllCheckpoints(dom, NULL, 0), 0);
    virDomainCheckpointFree(a);
    virDomainCheckpointFree(b);
    virDomainCheckpointFree(c);
    if (d)
        virDomainCheckpointFree(d);
}

static void test_errors(virDomainPtr dom)
{
    CHECK(virDomainCheckpointCreateXML(dom, NULL, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_CHECKPOINT,
                  "xmlDesc in virDomainCheckpointCreateXML must not be NULL");
    CHECK(virDomainCheckpointCreateXML(dom, "<domaincheckpoint/>", VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE) ==
          NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_CHECKPOINT,
                  "Flag 'VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE' is required by flag "
                  "'VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE'");
    CHECK(virDomainCheckpointCreateXML(dom, "<domaincheckpoint/>", VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE |
                                                                       VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE) ==
          NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x4) in function testDomainCheckpointCreateXML");
    CHECK(virDomainCheckpointCreateXML(dom, "<checkpoint/>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_XML, "expecting root element of 'domaincheckpoint', not 'checkpoint'");
    CHECK(virDomainCheckpointCreateXML(dom, "<domaincheckpoint><disks><disk name='vdz'/></disks></domaincheckpoint>",
                                       0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN_CHECKPOINT, "no disk named 'vdz'");
    CHECK(virDomainCheckpointCreateXML(
              dom, "<domaincheckpoint><disks><disk name='vda'/><disk name='/guest/cp.img'/></disks></domaincheckpoint>",
              0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN_CHECKPOINT, "disk '/guest/cp.img' specified twice");
    CHECK(virDomainCheckpointCreateXML(dom, "<domaincheckpoint><disks><disk name='hdc'/></disks></domaincheckpoint>",
                                       0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN_CHECKPOINT, "disk 'hdc' is empty or readonly");
    /* What libvirt's schema refuses. */
    CHECK(virDomainCheckpointCreateXML(dom, "<domaincheckpoint><disks><disk checkpoint='no'/></disks></domaincheckpoint>",
                                       0) == NULL);
    CHECK_ERR(VIR_ERR_XML_INVALID_SCHEMA, VIR_FROM_XML);
    CHECK(virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>a/b</name></domaincheckpoint>", 0) == NULL);
    CHECK_ERR(VIR_ERR_XML_INVALID_SCHEMA, VIR_FROM_XML);
    CHECK(virDomainCheckpointCreateXML(
              dom, "<domaincheckpoint><disks><disk name='vda' checkpoint='bitmap-ish'/></disks></domaincheckpoint>",
              0) == NULL);
    CHECK_ERR(VIR_ERR_XML_INVALID_SCHEMA, VIR_FROM_XML);
    CHECK_INT(virDomainListAllCheckpoints(dom, NULL, 0), 0);

    virDomainCheckpointPtr cp = virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>e</name></domaincheckpoint>", 0);
    CHECK(cp != NULL);
    CHECK(virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>e</name></domaincheckpoint>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, "domain moment e already exists");
    CHECK(virDomainCheckpointLookupByName(dom, "nope", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_DOMAIN_CHECKPOINT, VIR_FROM_TEST, "no domain checkpoint with matching name 'nope'");
    CHECK(virDomainCheckpointLookupByName(dom, NULL, 0) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_CHECKPOINT);
    CHECK_INT(virDomainCheckpointDelete(cp, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN |
                                                VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_CHECKPOINT,
                  "Flags 'VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN' and 'VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY' are "
                  "mutually exclusive");
    virDomainCheckpointPtr found = virDomainCheckpointLookupByName(dom, "e", 0);
    CHECK_STR(found ? virDomainCheckpointGetName(found) : NULL, "e");
    CHECK_INT(virDomainCheckpointRef(found), 0);
    CHECK_INT(virDomainCheckpointFree(found), 0);
    CHECK_INT(virDomainCheckpointFree(found), 0);

    virConnectPtr ro = virConnectOpenReadOnly(check_default_uri());
    virDomainPtr rodom = ro ? virDomainLookupByName(ro, "cpdom") : NULL;
    CHECK(rodom != NULL);
    if (rodom) {
        CHECK(virDomainCheckpointCreateXML(rodom, "<domaincheckpoint/>", 0) == NULL);
        CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN_CHECKPOINT,
                      "read only access prevents virDomainCheckpointCreateXML");
        virDomainCheckpointPtr rocp = virDomainCheckpointLookupByName(rodom, "e", 0);
        CHECK(rocp != NULL);
        if (rocp) {
            CHECK(virDomainCheckpointGetXMLDesc(rocp, VIR_DOMAIN_CHECKPOINT_XML_SECURE) == NULL);
            CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN_CHECKPOINT,
                          "virDomainCheckpointGetXMLDesc with secure flag");
            CHECK_INT(virDomainCheckpointDelete(rocp, 0), -1);
            CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN_CHECKPOINT,
                          "read only access prevents virDomainCheckpointDelete");
            virDomainCheckpointFree(rocp);
        }
        virDomainFree(rodom);
    }
    if (ro)
        virConnectClose(ro);

    /* Checkpoints only of running domains; they outlive a stop. */
    CHECK_INT(virDomainSuspend(dom), 0);
    char *sized = virDomainCheckpointGetXMLDesc(cp, VIR_DOMAIN_CHECKPOINT_XML_SIZE);
    CHECK(sized != NULL);
    free(sized);
    CHECK_INT(virDomainResume(dom), 0);
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK(virDomainCheckpointCreateXML(dom, "<domaincheckpoint/>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_TEST, "cannot create checkpoint for inactive domain");
    CHECK_INT(virDomainListAllCheckpoints(dom, NULL, 0), 1);
    CHECK(virDomainCheckpointGetXMLDesc(cp, VIR_DOMAIN_CHECKPOINT_XML_SIZE) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x10) in function testDomainUndefineFlags");
    CHECK_INT(virDomainCheckpointFree(NULL), -1);
    CHECK_ERR(VIR_ERR_INVALID_DOMAIN_CHECKPOINT, VIR_FROM_DOMAIN_CHECKPOINT);
    if (cp)
        virDomainCheckpointFree(cp);
}

int main(void)
{
    check_init();
    virConnectPtr conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("capi-checkpoint");
    test_default_domain(conn);
    virDomainPtr dom = virDomainDefineXML(conn, dom_xml);
    CHECK(dom != NULL);
    if (dom && virDomainCreate(dom) == 0) {
        test_tree(dom);
        test_errors(dom);
    }
    if (dom) {
        CHECK_INT(virDomainUndefine(dom), 0);
        virDomainFree(dom);
    }
    CHECK_INT(virConnectClose(conn), 0);
    return check_finish("capi-checkpoint");
}
