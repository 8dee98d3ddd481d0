/*
 * domain_xml_bench.c: domain definitions parsed and formatted per second
 * over the domain XML conformance corpus, on test:///default.
 *
 *   domain_xml_bench SECONDS-PER-FIGURE CORPUS_DIR
 *
 * Written once against the public API, so the same source builds against
 * vireo and against libvirt (run_bench.sh runs both and prints the ratios).
 * The corpus inputs (CORPUS_DIR/\*.xml that are not expected results) that the
 * library under test accepts are the work set; each step takes the next one:
 *
 *   define-format-undefine    virDomainDefineXML, virDomainGetXMLDesc live and
 *                             inactive, virDomainUndefine
 *   define-validate-undefine  the same define with VIR_DOMAIN_DEFINE_VALIDATE, then
 *                             undefine, over the first VALIDATED_INPUTS accepted
 *                             inputs that are valid for libvirt's schema (libvirt
 *                             reads the schema again for every define: a larger
 *                             set would take minutes to warm up)
 *
 * Each prints "NAME VALUE ops/s", one op being one definition and the second
 * one second of the process's CPU time; the sizes of
 * the work sets go to stderr. A failure on an input accepted in the warm-up
 * ends the run with exit status 1.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define VALIDATED_INPUTS 40

struct work_set {
    char **xml;
    int count;
};

/* CPU time of the process (every thread), not wall time: on a machine shared
 * with other work the wall time says more about the neighbours than about
 * the library, and both libraries do this work in the calling process. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)size + 1)) != NULL) {
        if (fread(buf, 1, (size_t)size, f) != (size_t)size) {
            free(buf);
            buf = NULL;
        } else {
            buf[size] = '\0';
        }
    }
    fclose(f);
    return buf;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One definition: define with `flags`, format (when `format`), undefine. */
static int one_definition(virConnectPtr conn, const char *xml, unsigned int flags, int format)
{
    virDomainPtr dom = virDomainDefineXMLFlags(conn, xml, flags);
    int rc = 0;

    if (!dom)
        return -1;
    if (format) {
        char *live = virDomainGetXMLDesc(dom, 0);
        char *inactive = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
        if (!live || !inactive)
            rc = -1;
        free(live);
        free(inactive);
    }
    if (virDomainUndefine(dom) < 0)
        rc = -1;
    virDomainFree(dom);
    return rc;
}

/* The inputs of `dir` that one_definition() accepts. */
static struct work_set load_work_set(virConnectPtr conn, const char *dir)
{
    struct work_set set = {NULL, 0};
    char **names = NULL;
    int nnames = 0;
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d) {
        fprintf(stderr, "domain_xml_bench: cannot read %s\n", dir);
        exit(1);
    }
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0)
            continue;
        names = realloc(names, sizeof(*names) * (size_t)(nnames + 1));
        names[nnames++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)nnames, sizeof(*names), by_name);

    set.xml = calloc((size_t)nnames + 1, sizeof(*set.xml));
    for (int i = 0; i < nnames; i++) {
        char path[4096];
        char *xml;
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        xml = read_file(path);
        if (xml && one_definition(conn, xml, 0, 1) == 0)
            set.xml[set.count++] = xml;
        else
            free(xml);
        free(names[i]);
    }
    free(names);
    return set;
}

/* The first `max` inputs of `all` that pass VIR_DOMAIN_DEFINE_VALIDATE (shared strings). */
static struct work_set schema_valid_subset(virConnectPtr conn, const struct work_set *all, int max)
{
    struct work_set set = {calloc((size_t)max, sizeof(char *)), 0};

    for (int i = 0; i < all->count && set.count < max; i++)
        if (one_definition(conn, all->xml[i], VIR_DOMAIN_DEFINE_VALIDATE, 0) == 0)
            set.xml[set.count++] = all->xml[i];
    return set;
}

/* Defines the set's inputs round robin until the budget is spent. */
static void measure(const char *name, virConnectPtr conn, const struct work_set *set,
                    unsigned int flags, int format, double budget)
{
    long long ops = 0;
    double start = now();
    double elapsed = 0;

    if (set->count == 0) {
        fprintf(stderr, "domain_xml_bench: %s: no input accepted\n", name);
        exit(1);
    }
    while (elapsed < budget) {
        int i = (int)(ops % set->count);
        if (one_definition(conn, set->xml[i], flags, format) < 0) {
            fprintf(stderr, "domain_xml_bench: %s: input %d failed: %s\n", name, i,
                    virGetLastErrorMessage());
            exit(1);
        }
        ops++;
        elapsed = now() - start;
    }
    printf("%-32s %14.1f ops/s\n", name, (double)ops / elapsed);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    double budget;
    virConnectPtr conn;
    struct work_set plain, validated;

    if (argc != 3 || (budget = atof(argv[1])) <= 0 || budget > 60) {
        fprintf(stderr, "usage: %s SECONDS-PER-FIGURE CORPUS_DIR\n", argv[0]);
        return 2;
    }
    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen("test:///default");
    if (!conn) {
        fprintf(stderr, "domain_xml_bench: cannot open test:///default\n");
        return 1;
    }
    plain = load_work_set(conn, argv[2]);
    validated = schema_valid_subset(conn, &plain, VALIDATED_INPUTS);
    fprintf(stderr, "work sets: %d inputs accepted, %d schema-valid ones for the validated figure\n",
            plain.count, validated.count);

    measure("define-format-undefine", conn, &plain, 0, 1, budget);
    measure("define-validate-undefine", conn, &validated, VIR_DOMAIN_DEFINE_VALIDATE, 0, budget);

    virConnectClose(conn);
    return 0;
}
