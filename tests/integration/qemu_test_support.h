/*
 * qemu_test_support.h: what the QEMU integration tests share: a scratch root
 * for qemu:///embed, an event loop thread that records lifecycle and reboot
 * events, waiting helpers, and reading the guest's serial console from its
 * pty. Public API only.
 */
#ifndef VIREO_TESTS_QEMU_TEST_SUPPORT_H
#define VIREO_TESTS_QEMU_TEST_SUPPORT_H

#include <libvirt/libvirt.h>

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* Skips the whole test (exit code 77, which meson reports as SKIP) with a
 * reason, unless CI=true, where a missing part is a failure. */
void qt_require_or_skip(int condition, const char *why);
/* What every QEMU test needs: qemu-system-x86_64 and the built guest image
 * (qt_require_or_skip for each). */
void qt_require_qemu_and_guest(const char *image);

/* mkdtemp under /tmp; removed (recursively) by qt_remove_tree. */
char *qt_make_root(void);
void qt_remove_tree(const char *path);

/* "qemu:///embed?root=ROOT" in a static buffer. */
const char *qt_embed_uri(const char *root);

/* Starts the default event loop in a thread (once). */
void qt_start_event_loop(void);

/* Records every lifecycle (type, detail) and reboot event of `conn`. */
void qt_watch_events(virConnectPtr conn);
/* Removes those callbacks: they hold a reference on the connection, which
 * would keep the driver instance (and its monitors) alive after close. */
void qt_unwatch_events(virConnectPtr conn);
/* Waits up to `ms` for a lifecycle event (type, detail) of domain `name`
 * that arrived after the last qt_clear_events(); 1 if seen. */
int qt_wait_lifecycle(const char *name, int type, int detail, int ms);
int qt_wait_reboot(const char *name, int ms);
void qt_clear_events(void);

/* Records DEVICE_ADDED and DEVICE_REMOVED events (with the alias) of
 * `conn`; qt_unwatch_device_events removes the callbacks again. */
void qt_watch_device_events(virConnectPtr conn);
void qt_unwatch_device_events(virConnectPtr conn);
/* Waits up to `ms` for DEVICE_ADDED (`added` 1) or DEVICE_REMOVED (0) of
 * device `alias` of domain `name` since the last qt_clear_events(). */
int qt_wait_device_event(const char *name, int added, const char *alias, int ms);

/* Waits up to `ms` for the domain to reach `state` (and `reason` unless -1). */
int qt_wait_state(virDomainPtr dom, int state, int reason, int ms);

/* The pty path of the domain's first serial device from its live XML
 * (static buffer), or NULL. */
const char *qt_serial_pty(virDomainPtr dom);
/* Reads the pty until `needle` appears or `ms` pass; 1 if it appeared. */
int qt_wait_console(const char *pty, const char *needle, int ms);

/* The pid recorded in ROOT/run/qemu/NAME.xml, or -1. */
int qt_status_pid(const char *root, const char *name);
/* 1 if a path exists. */
int qt_exists(const char *path);
/* 1 if one of the open descriptors of process `pid` is `path` (the same
 * inode, or the same device number for a device node). */
int qt_process_has_open(int pid, const char *path);
/* The names in a directory, sorted and joined by '\n' (malloc'd), for
 * telling whether it changed; NULL if it cannot be read. */
char *qt_dir_listing(const char *path);
/* Runs a shell command; its first output line (trailing newline removed)
 * goes to `out` (may be NULL). Returns the exit status, -1 if it did not run. */
int qt_run(const char *command, char *out, size_t outsize);
/* The live XML of the device element (<disk>, <interface>, ...) that
 * contains `needle`, malloc'd; NULL when there is none. */
char *qt_device_xml(virDomainPtr dom, unsigned int flags, const char *element, const char *needle);

/* The <target dev> of the live <interface> with MAC `mac` into `out`;
 * 1 if there is one. */
int qt_iface_target(virDomainPtr dom, const char *mac, char *out, size_t outsize);
/* Makes a Linux bridge `name` (ip link) with MTU `mtu` (0: the default);
 * 0 on success. qt_remove_link deletes a link, quietly if it is absent. */
int qt_make_bridge(const char *name, int mtu);
void qt_remove_link(const char *name);
/* How many descriptors of process `pid` are attached to the tap `ifname`
 * (the "iff:" line of a /dev/net/tun descriptor's fdinfo); pid 0 = self. */
int qt_tap_fds(int pid, const char *ifname);

/* Number of entries named domain-* under ROOT/lib/qemu. */
int qt_count_domain_dirs(const char *root);

/* A domain definition running the tiny test guest from its disk image
 * (read-only, so that several domains may share it). */
char *qt_guest_xml(const char *name, const char *image, const char *extra_devices);

long long qt_now_ms(void);

/* A helper process: this test program run again in another mode, with a
 * pipe on its stdin (closing it lets the helper exit) and one from its
 * stdout (its report lines). */
struct qt_helper {
    pid_t pid;
    FILE *out;   /* its stdout */
    int in;      /* its stdin: closing it lets it exit */
};
/* Runs `self` MODE ROOT NAME KEEP_FD; `keep_fd` (or -1) stays open in the
 * child. */
struct qt_helper qt_spawn_helper(const char *self, const char *mode, const char *root, const char *name,
                                 int keep_fd);
/* The helper's next report line (newline removed) into `line`; 0 at EOF. */
int qt_read_report(struct qt_helper *h, char *line, size_t size);
/* Lets the helper go and reaps it; its exit status (-1 if abnormal). */
int qt_finish_helper(struct qt_helper *h);
/* In a helper: waits until the test closes its stdin. */
void qt_wait_stdin_closed(void);

/* Exits the test with "FAIL: what: strerror(errno)" unless ok. */
void qt_must(int ok, const char *what);
/* The calling thread's last library error: its message ("(no error)")
 * and its code (0). */
const char *qt_error_message(void);
int qt_error_code(void);
/* The whole file as a string (free it), or NULL when it cannot be read. */
char *qt_read_file(const char *path);
/* Waits up to ms for `path` to exist: 1 if it does. */
int qt_wait_file(const char *path, int ms);

/* Who holds a lock on byte 0 of `path` (the lock daemon's lease): its pid,
 * 0 when free, -1 when the file cannot be opened. */
int qt_lease_holder(const char *path);
/* Waits up to `ms` for qt_lease_holder(path) to become free (held 0) or
 * held (held 1); 1 when it did. */
int qt_wait_lease(const char *path, int held, int ms);
/* A busybox-static root filesystem in `root` (bin/ with the applets, and
 * an empty dev/); exits the test on failure. */
void qt_build_busybox_root(const char *root);

#endif
