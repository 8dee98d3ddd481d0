// vireo.cc: entry point of the `vireo` command line tool, a small
// virsh-like client that uses only the public libvirt API:
//
//   vireo [-c URI] [-r] COMMAND [ARGS]
//
// This file holds the command table, the global options, the help text
// and the dispatch; the commands live in cmd_host.cc, cmd_domain.cc,
// cmd_console.cc and cmd_event.cc. Exit status: 0 success, 1 error, 2 usage error.
#include "commands.h"
#include "util.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace vireo_tool {
namespace {

int cmd_help(virConnectPtr, const Args &args);

const std::vector<Command> &commands()
{
    static const std::vector<Command> table = {
        { "list", {}, {}, { "all", "inactive" }, {}, true, false, cmd_list,
          "list domains (running ones unless --all or --inactive)" },
        { "dominfo", { "DOM" }, {}, {}, {}, true, false, cmd_dominfo,
          "domain information" },
        { "domstate", { "DOM" }, {}, { "reason" }, {}, true, false, cmd_domstate,
          "domain state, with --reason its reason too" },
        { "dumpxml", { "DOM" }, {}, { "inactive" }, {}, true, false, cmd_dumpxml,
          "domain XML (with --inactive the persistent definition)" },
        { "ttyconsole", { "DOM" }, {}, {}, {}, true, false, cmd_ttyconsole,
          "the pty of the domain's console (a running domain)" },
        { "console", { "DOM" }, {}, { "force", "safe" }, { "devname" }, true, true, cmd_console,
          "interactive session on the domain's console; Ctrl-] ends it" },
        { "domxml-to-native", { "FORMAT", "FILE" }, {}, {}, {}, true, false, cmd_domxml_to_native,
          "the native configuration of a domain XML file (FORMAT: qemu-argv)" },
        { "define", { "FILE" }, {}, {}, {}, true, false, cmd_define,
          "define (but don't start) a domain from an XML file" },
        { "undefine", { "DOM" }, {}, {}, {}, true, false, cmd_undefine,
          "undefine a domain" },
        { "start", { "DOM" }, {}, {}, {}, true, false, cmd_start,
          "start a defined, inactive domain" },
        { "create", { "FILE" }, {}, { "paused" }, {}, true, false, cmd_create,
          "create and start a transient domain from an XML file" },
        { "destroy", { "DOM" }, {}, {}, {}, true, false, cmd_destroy,
          "stop a domain at once" },
        { "shutdown", { "DOM" }, {}, {}, {}, true, false, cmd_shutdown,
          "ask a domain to shut down" },
        { "reboot", { "DOM" }, {}, {}, {}, true, false, cmd_reboot,
          "ask a domain to reboot" },
        { "suspend", { "DOM" }, {}, {}, {}, true, false, cmd_suspend,
          "pause a running domain" },
        { "resume", { "DOM" }, {}, {}, {}, true, false, cmd_resume,
          "resume a paused domain" },
        { "setmem", { "DOM", "KiB" }, {}, { "config", "live", "current" }, {}, true,
          false, cmd_setmem,
          "change the memory allocation (size in KiB, or with a unit: M, G)" },
        { "setvcpus", { "DOM", "N" }, {}, { "config", "live", "current", "maximum" }, {},
          true, false, cmd_setvcpus,
          "change the number of virtual CPUs (--maximum needs --config)" },
        { "attach-device", { "DOM", "FILE" }, {},
          { "config", "live", "current", "persistent" }, {}, true, false,
          cmd_attach_device, "attach a device from an XML file" },
        { "detach-device", { "DOM", "FILE" }, {},
          { "config", "live", "current", "persistent" }, {}, true, false,
          cmd_detach_device, "detach a device described by an XML file" },
        { "nodeinfo", {}, {}, {}, {}, true, false, cmd_nodeinfo,
          "host CPU and memory information" },
        { "capabilities", {}, {}, {}, {}, true, false, cmd_capabilities,
          "capabilities XML of the hypervisor" },
        { "uri", {}, {}, {}, {}, true, false, cmd_uri,
          "the canonical URI of the connection" },
        { "version", {}, {}, {}, {}, true, false, cmd_version,
          "library and hypervisor versions" },
        { "event", {}, { "DOM" }, { "loop" }, { "domain", "timeout" }, true, true,
          cmd_event,
          "print domain events (lifecycle, reboot, device-added, device-removed);\n"
          "one event, or with --loop until --timeout SECONDS or Ctrl-C" },
        { "help", {}, { "COMMAND" }, {}, {}, false, false, cmd_help,
          "this help, or the synopsis of one command" },
    };
    return table;
}

const Command *find_command(const std::string &name)
{
    for (const auto &c : commands())
        if (name == c.name)
            return &c;
    return nullptr;
}

void print_usage_line(FILE *out)
{
    std::fprintf(out, "usage: vireo [-c URI] [-r] COMMAND [ARGS]\n");
}

void print_help()
{
    print_usage_line(stdout);
    std::printf(
        "\n"
        "A small virsh-like client of the libvirt API.\n"
        "\n"
        "Options:\n"
        "  -c, --connect URI   connection URI (default: $LIBVIRT_DEFAULT_URI,\n"
        "                      then the library's default)\n"
        "  -r, --readonly      open a read-only connection\n"
        "  -h, --help          this help\n"
        "\n"
        "Commands:\n");
    for (const auto &c : commands()) {
        std::printf("  %s\n", synopsis(c).c_str());
        std::string summary = c.summary;
        size_t start = 0;
        while (start <= summary.size()) {
            size_t nl = summary.find('\n', start);
            std::string line = summary.substr(start, nl == std::string::npos
                                                         ? std::string::npos
                                                         : nl - start);
            std::printf("      %s\n", line.c_str());
            if (nl == std::string::npos)
                break;
            start = nl + 1;
        }
    }
    std::printf(
        "\n"
        "DOM is a domain id, UUID or name (tried in that order).\n"
        "Options of --config/--live/--current: --config changes the persistent\n"
        "definition, --live the running domain, --current whichever applies;\n"
        "with none of them the plain (live) API call is used.\n"
        "\n"
        "Exit status: 0 on success, 1 on an error (printed as \"error: ...\"),\n"
        "2 on a usage error.\n");
}

int cmd_help(virConnectPtr, const Args &args)
{
    if (args.positional.empty()) {
        print_help();
        return 0;
    }
    const Command *c = find_command(args.positional[0]);
    if (!c)
        throw UsageError("command '" + args.positional[0] + "' doesn't exist");
    std::printf("usage: vireo [-c URI] %s\n  %s\n", synopsis(*c).c_str(), c->summary);
    return 0;
}

int usage_error(const std::string &msg)
{
    std::fprintf(stderr, "error: %s\n", msg.c_str());
    print_usage_line(stderr);
    std::fprintf(stderr, "Try 'vireo help' for the list of commands.\n");
    return 2;
}

// Errors are reported by the commands themselves; keep the library's
// default handler from printing them a second time.
void quiet_errors(void *, virErrorPtr)
{
}

struct ConnCloser {
    void operator()(virConnectPtr c) const { virConnectClose(c); }
};

int run(int argc, char **argv)
{
    const char *uri = nullptr;
    bool readonly = false;
    int i = 1;

    for (; i < argc; i++) {
        std::string a = argv[i];
        if (a == "-c" || a == "--connect") {
            if (i + 1 >= argc)
                return usage_error("option '" + a + "' needs a URI");
            uri = argv[++i];
        } else if (a.rfind("--connect=", 0) == 0) {
            uri = argv[i] + std::strlen("--connect=");
        } else if (a.size() > 2 && a.rfind("-c", 0) == 0) {
            uri = argv[i] + 2;
        } else if (a == "-r" || a == "--readonly") {
            readonly = true;
        } else if (a == "-h" || a == "--help") {
            print_help();
            return 0;
        } else if (!a.empty() && a[0] == '-') {
            return usage_error("unsupported option '" + a + "'");
        } else {
            break;
        }
    }
    if (i >= argc)
        return usage_error("no command given");

    // Several commands may share one connection (and so one test:///default
    // instance), separated by ';' arguments, as with virsh:
    //   vireo -c test:///default list \; suspend test \; domstate test
    struct Invocation {
        const Command *cmd;
        std::span<char *const> args;
    };
    std::vector<Invocation> invocations;
    while (i < argc) {
        int end = i;
        while (end < argc && std::strcmp(argv[end], ";") != 0)
            end++;
        if (end == i)
            return usage_error("empty command between ';'");
        const Command *cmd = find_command(argv[i]);
        if (!cmd)
            return usage_error(std::string("unknown command: '") + argv[i] + "'");
        invocations.push_back({cmd, std::span<char *const>(argv + i + 1, static_cast<size_t>(end - i - 1))});
        i = end + 1;
    }

    try {
        std::vector<Args> parsed;
        bool needs_loop = false, needs_conn = false;
        for (const Invocation &inv : invocations) {
            parsed.push_back(parse_args(*inv.cmd, inv.args));
            needs_loop |= inv.cmd->needs_event_loop;
            needs_conn |= inv.cmd->needs_connection;
        }

        if (virInitialize() < 0) {
            std::fprintf(stderr, "error: failed to initialize the library\n");
            return 1;
        }
        virSetErrorFunc(nullptr, quiet_errors);

        // The event loop must exist before the connection is opened.
        if (needs_loop && virEventRegisterDefaultImpl() < 0)
            return report_error("failed to register the default event loop");

        std::unique_ptr<virConnect, ConnCloser> conn;
        if (needs_conn) {
            conn.reset(virConnectOpenAuth(uri, virConnectAuthPtrDefault,
                                          readonly ? VIR_CONNECT_RO : 0));
            if (!conn)
                return report_error("failed to connect to the hypervisor");
        }
        for (size_t k = 0; k < invocations.size(); k++) {
            const Command *cmd = invocations[k].cmd;
            int rc = cmd->handler(conn.get(), parsed[k]);
            // Like virsh, end the output of every command that ran, successful
            // or not, with an empty line.
            if (cmd->handler != cmd_help)
                std::printf("\n");
            if (rc != 0)
                return rc;  // the first failing command ends the run
        }
        return 0;
    } catch (const UsageError &e) {
        return usage_error(e.what());
    }
}

} // namespace
} // namespace vireo_tool

int main(int argc, char **argv)
{
    return vireo_tool::run(argc, argv);
}
