// commands.h: the vireo tool's command table and argument parsing.
//
// Each command declares its positional arguments and options; parse_args()
// checks a command line against that declaration and throws UsageError on
// a mistake, which main() turns into exit status 2.
#pragma once

#include <libvirt/libvirt.h>

#include <map>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace vireo_tool {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The parsed arguments of one command.
struct Args {
    std::vector<std::string> positional;
    std::set<std::string> flags;                 // "--all" -> "all"
    std::map<std::string, std::string> values;   // "--timeout 5" -> {"timeout","5"}

    bool has(const std::string &flag) const { return flags.count(flag) != 0; }
    const std::string *value(const std::string &opt) const
    {
        auto it = values.find(opt);
        return it == values.end() ? nullptr : &it->second;
    }
};

using Handler = int (*)(virConnectPtr conn, const Args &args);

struct Command {
    const char *name;
    std::vector<const char *> required;   // names of required positionals
    std::vector<const char *> optional;   // names of optional positionals
    std::vector<const char *> flags;      // boolean options, without "--"
    std::vector<const char *> options;    // options taking a value
    bool needs_connection;
    bool needs_event_loop;                // register the default loop first
    Handler handler;
    const char *summary;
};

// Parses argv (the words after the command name) for `cmd`.
Args parse_args(const Command &cmd, std::span<char *const> argv);

// One-line synopsis, e.g. "setmem DOM KiB [--config] [--live] [--current]".
std::string synopsis(const Command &cmd);

// Command handlers, grouped by file.
// cmd_host.cc
int cmd_list(virConnectPtr conn, const Args &args);
int cmd_nodeinfo(virConnectPtr conn, const Args &args);
int cmd_capabilities(virConnectPtr conn, const Args &args);
int cmd_uri(virConnectPtr conn, const Args &args);
int cmd_version(virConnectPtr conn, const Args &args);
// cmd_domain.cc
int cmd_dominfo(virConnectPtr conn, const Args &args);
int cmd_domstate(virConnectPtr conn, const Args &args);
int cmd_dumpxml(virConnectPtr conn, const Args &args);
int cmd_ttyconsole(virConnectPtr conn, const Args &args);
int cmd_domxml_to_native(virConnectPtr conn, const Args &args);
int cmd_define(virConnectPtr conn, const Args &args);
int cmd_undefine(virConnectPtr conn, const Args &args);
int cmd_start(virConnectPtr conn, const Args &args);
int cmd_create(virConnectPtr conn, const Args &args);
int cmd_destroy(virConnectPtr conn, const Args &args);
int cmd_shutdown(virConnectPtr conn, const Args &args);
int cmd_reboot(virConnectPtr conn, const Args &args);
int cmd_suspend(virConnectPtr conn, const Args &args);
int cmd_resume(virConnectPtr conn, const Args &args);
int cmd_setmem(virConnectPtr conn, const Args &args);
int cmd_setvcpus(virConnectPtr conn, const Args &args);
// cmd_console.cc
int cmd_console(virConnectPtr conn, const Args &args);
int cmd_attach_device(virConnectPtr conn, const Args &args);
int cmd_detach_device(virConnectPtr conn, const Args &args);
// cmd_event.cc
int cmd_event(virConnectPtr conn, const Args &args);

} // namespace vireo_tool
