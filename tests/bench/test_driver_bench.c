/*
 * test_driver_bench.c: throughput of common calls on test:///default.
 *
 *   test_driver_bench [SECONDS-PER-FIGURE]   (default 1.0, at most 10)
 *
 * Written once against the public API, so the same source builds against
 * vireo and against libvirt. Each figure repeats its operation in batches
 * until its time budget is spent and prints one line:
 *
 *   NAME VALUE ops/s
 *
 * Figures: connections opened and closed; define+create+destroy+undefine
 * cycles; lookups by name, by UUID string and by id; GetXMLDesc of the
 * default domain; ListAllDomains with 100 defined domains (plus "test").
 * Every result is checked; a wrong one ends the run with exit status 1.
 *
 * Beside a daemon (tests/remote/with_libvirtd.py sets VIREO_LIBVIRTD_TCP)
 * the same figures go through the remote driver to that daemon's
 * test:///default, with 1000 domains in the list: every call is then a
 * round trip, and vireo's client is measured against libvirt's on the same
 * daemon.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_UUID "6695eb01-f6a4-8304-79aa-97f2502e193f"
static int list_domains = 100;
static char uri[256] = "test:///default";
static double budget = 1.0;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static void die(const char *what)
{
    fprintf(stderr, "test_driver_bench: %s failed: %s\n", what, virGetLastErrorMessage());
    exit(1);
}

/* One operation of a figure; returns 0 on success. */
typedef int (*op_fn)(virConnectPtr conn);

/* Runs `op` in batches until the budget is spent; prints the rate. */
static void measure(const char *name, virConnectPtr conn, op_fn op)
{
    long long ops = 0;
    long long batch = 1;
    double start = now();
    double elapsed = 0;

    /* Warm up once (also checks that the operation works at all). */
    if (op(conn) < 0)
        die(name);

    while (elapsed < budget) {
        for (long long i = 0; i < batch; i++)
            if (op(conn) < 0)
                die(name);
        ops += batch;
        elapsed = now() - start;
        if (batch < 1024)
            batch *= 2;
    }
    printf("%-32s %14.1f ops/s\n", name, (double)ops / elapsed);
    fflush(stdout);
}

static const char cycle_xml[] =
    "<domain type='test'>"
    "<name>bench-cycle</name>"
    "<memory unit='KiB'>65536</memory>"
    "<vcpu>1</vcpu>"
    "<os><type>hvm</type></os>"
    "</domain>";

static int op_cycle(virConnectPtr conn)
{
    virDomainPtr dom = virDomainDefineXML(conn, cycle_xml);
    int rc = -1;

    if (!dom)
        return -1;
    if (virDomainCreate(dom) == 0 && virDomainDestroy(dom) == 0 &&
        virDomainUndefine(dom) == 0)
        rc = 0;
    virDomainFree(dom);
    return rc;
}

static int op_open_close(virConnectPtr unused)
{
    virConnectPtr conn = virConnectOpen(uri);
    (void)unused;
    if (!conn)
        return -1;
    return virConnectClose(conn) >= 0 ? 0 : -1;
}

static int op_lookup_name(virConnectPtr conn)
{
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    if (!dom)
        return -1;
    virDomainFree(dom);
    return 0;
}

static int op_lookup_uuid(virConnectPtr conn)
{
    virDomainPtr dom = virDomainLookupByUUIDString(conn, DEFAULT_UUID);
    if (!dom)
        return -1;
    virDomainFree(dom);
    return 0;
}

static int op_lookup_id(virConnectPtr conn)
{
    virDomainPtr dom = virDomainLookupByID(conn, 1);
    if (!dom)
        return -1;
    virDomainFree(dom);
    return 0;
}

static virDomainPtr xml_dom;

static int op_xml(virConnectPtr conn)
{
    char *xml = virDomainGetXMLDesc(xml_dom, 0);
    (void)conn;
    if (!xml || !strstr(xml, "<name>test</name>")) {
        free(xml);
        return -1;
    }
    free(xml);
    return 0;
}

static int op_list(virConnectPtr conn)
{
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(conn, &doms, 0);

    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    return n == list_domains + 1 ? 0 : -1;
}

static void define_many(virConnectPtr conn, int define)
{
    char xml[512];
    char name[32];

    for (int i = 0; i < list_domains; i++) {
        virDomainPtr dom;
        snprintf(name, sizeof(name), "bench-list-%03d", i);
        if (define) {
            snprintf(xml, sizeof(xml),
                     "<domain type='test'><name>%s</name>"
                     "<uuid>0b0b0b0b-0000-4000-8000-%012d</uuid>"
                     "<memory unit='KiB'>65536</memory>"
                     "<os><type>hvm</type></os></domain>", name, i);
            dom = virDomainDefineXML(conn, xml);
            if (!dom)
                die("virDomainDefineXML");
        } else {
            dom = virDomainLookupByName(conn, name);
            if (!dom || virDomainUndefine(dom) < 0)
                die("virDomainUndefine");
        }
        virDomainFree(dom);
    }
}

int main(int argc, char **argv)
{
    virConnectPtr conn;

    if (argc > 1) {
        budget = atof(argv[1]);
        if (budget <= 0 || budget > 10) {
            fprintf(stderr, "usage: test_driver_bench [SECONDS-PER-FIGURE (0-10]]\n");
            return 2;
        }
    }
    if (virInitialize() < 0)
        return 1;
    virSetErrorFunc(NULL, quiet);

    if (getenv("VIREO_LIBVIRTD_TCP")) {
        snprintf(uri, sizeof(uri), "test+tcp://%s/default", getenv("VIREO_LIBVIRTD_TCP"));
        list_domains = 1000;
    }
    /* BENCH_TLS=1 beside `with_libvirtd.py --tls`: the same figures over TLS */
    if (getenv("BENCH_TLS") && getenv("VIREO_LIBVIRTD_TLS") && getenv("VIREO_LIBVIRTD_PKI"))
        snprintf(uri, sizeof(uri), "test+tls://%s/default?pkipath=%s/client", getenv("VIREO_LIBVIRTD_TLS"),
                 getenv("VIREO_LIBVIRTD_PKI"));
    conn = virConnectOpen(uri);
    if (!conn)
        die("virConnectOpen");
    /* with one connection kept open, as an application does */
    measure("open_close", NULL, op_open_close);

    measure("define_create_destroy_undefine", conn, op_cycle);
    measure("lookup_by_name", conn, op_lookup_name);
    measure("lookup_by_uuid_string", conn, op_lookup_uuid);
    measure("lookup_by_id", conn, op_lookup_id);

    xml_dom = virDomainLookupByName(conn, "test");
    if (!xml_dom)
        die("virDomainLookupByName");
    measure("get_xml_desc", conn, op_xml);
    virDomainFree(xml_dom);

    define_many(conn, 1);
    measure(list_domains == 100 ? "list_all_domains_100" : "list_all_domains_1000", conn, op_list);
    define_many(conn, 0);

    if (virConnectClose(conn) != 0)
        die("virConnectClose");
    return 0;
}
