/*
 * qemu_argv_dump: prints what virConnectDomainXMLToNative("qemu-argv")
 * returns for each domain XML file, on qemu:///embed?root=ROOT.
 *
 * The same source is compiled twice, against vireo and against the real
 * libvirt, so that qemu_argv_vs_libvirt.py can compare both drivers' answers
 * for the same definitions, root path and QEMU. Public API only.
 *
 * Usage: qemu-argv-dump [--define] ROOT FILE.xml...
 *
 * For each FILE it prints one record:
 *
 *   === NAME                  (the file name without directory and ".xml")
 *   <the command, or "ERROR: <virErrorNumber> <message>">
 *
 * With --define it also defines the domain and prints the definition the
 * driver keeps (virDomainGetXMLDesc with VIR_DOMAIN_XML_INACTIVE) after a
 * line "--- defined", then undefines it: the defaults each driver's
 * post-parse step added explain many command line differences.
 *
 * libvirt's embedded QEMU driver needs an event loop even for a conversion,
 * so one runs in a thread for the life of the program. Exit code 0 when the
 * connection opened (refusals of single files are part of the output), 1
 * when it did not.
 */

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *event_loop(void *unused)
{
    (void)unused;
    for (;;) {
        if (virEventRunDefaultImpl() < 0)
            break;
    }
    return NULL;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char *text = NULL;
    size_t used = 0, size = 0, n;
    if (!f)
        return NULL;
    do {
        if (size - used < 4096) {
            char *bigger = realloc(text, size + 65536);
            if (!bigger) {
                free(text);
                fclose(f);
                return NULL;
            }
            text = bigger;
            size += 65536;
        }
        n = fread(text + used, 1, size - used - 1, f);
        used += n;
    } while (n > 0);
    fclose(f);
    text[used] = '\0';
    return text;
}

/* "dir/NAME.xml" -> "NAME" in a static buffer. */
static const char *case_name(const char *path)
{
    static char name[256];
    const char *base = strrchr(path, '/');
    size_t len;
    base = base ? base + 1 : path;
    len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".xml") == 0)
        len -= 4;
    if (len >= sizeof name)
        len = sizeof name - 1;
    memcpy(name, base, len);
    name[len] = '\0';
    return name;
}

static void print_error(void)
{
    virErrorPtr err = virGetLastError();
    printf("ERROR: %d %s\n", err ? err->code : -1, err && err->message ? err->message : "(no message)");
}

static void print_defined(virConnectPtr conn, const char *xml)
{
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    char *desc;
    printf("--- defined\n");
    if (!dom) {
        print_error();
        return;
    }
    desc = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    if (desc)
        printf("%s", desc);
    else
        print_error();
    free(desc);
    virDomainUndefine(dom);
    virDomainFree(dom);
}

int main(int argc, char **argv)
{
    int define = 0, first = 1;
    char uri[4096];
    pthread_t loop;
    virConnectPtr conn;

    if (argc > 1 && strcmp(argv[1], "--define") == 0) {
        define = 1;
        first = 2;
    }
    if (argc - first < 1) {
        fprintf(stderr, "usage: %s [--define] ROOT FILE.xml...\n", argv[0]);
        return 2;
    }
    if (virEventRegisterDefaultImpl() < 0 || pthread_create(&loop, NULL, event_loop, NULL) != 0) {
        fprintf(stderr, "cannot start the event loop\n");
        return 1;
    }
    snprintf(uri, sizeof uri, "qemu:///embed?root=%s", argv[first]);
    conn = virConnectOpen(uri);
    if (!conn) {
        fprintf(stderr, "cannot open %s: %s\n", uri, virGetLastErrorMessage());
        return 1;
    }
    for (int i = first + 1; i < argc; i++) {
        char *xml = read_file(argv[i]);
        char *native;
        printf("=== %s\n", case_name(argv[i]));
        if (!xml) {
            printf("ERROR: -1 cannot read %s\n", argv[i]);
            continue;
        }
        native = virConnectDomainXMLToNative(conn, "qemu-argv", xml, 0);
        if (native)
            printf("%s\n", native);
        else
            print_error();
        if (define)
            print_defined(conn, xml);
        free(native);
        free(xml);
    }
    fflush(stdout);
    virConnectClose(conn);
    /* The event loop thread never returns: leave without joining it. */
    return 0;
}
