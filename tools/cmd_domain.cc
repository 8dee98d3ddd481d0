// cmd_domain.cc: domain commands of the vireo tool: dominfo, domstate,
// dumpxml, define, undefine, start, create, destroy, shutdown, reboot,
// suspend, resume, setmem, setvcpus, attach-device, detach-device.
//
// Messages follow virsh: "Domain 'X' suspended" on success (X as the user
// wrote it), "error: Failed to suspend domain 'X'" followed by the
// library's message on failure.
#include "commands.h"
#include "util.h"

#include <cstdio>
#include <cstring>
#include <string>

namespace vireo_tool {

namespace {

// Shared body of the one-call commands (suspend, resume, ...).
int simple_domain_op(virConnectPtr conn, const Args &args,
                     int (*op)(virDomainPtr), const char *verb,
                     const char *done_fmt)
{
    const std::string &arg = args.positional[0];
    Domain dom = lookup_domain(conn, arg);
    if (!dom)
        return 1;
    if (op(dom.get()) < 0)
        return report_error(std::string("Failed to ") + verb + " domain '" + arg + "'");
    std::printf(done_fmt, arg.c_str());
    std::printf("\n");
    return 0;
}

int do_destroy(virDomainPtr d) { return virDomainDestroy(d); }
int do_shutdown(virDomainPtr d) { return virDomainShutdown(d); }
int do_reboot(virDomainPtr d) { return virDomainReboot(d, 0); }
int do_suspend(virDomainPtr d) { return virDomainSuspend(d); }
int do_resume(virDomainPtr d) { return virDomainResume(d); }

// --current excludes --live and --config. Returns the VIR_DOMAIN_AFFECT_*
// flags, or -1 when none of the three options was given.
int affect_flags(const Args &args)
{
    bool current = args.has("current");
    bool live = args.has("live");
    bool config = args.has("config");
    if (current && live)
        throw UsageError("Options --current and --live are mutually exclusive");
    if (current && config)
        throw UsageError("Options --current and --config are mutually exclusive");
    if (!current && !live && !config)
        return -1;
    int flags = VIR_DOMAIN_AFFECT_CURRENT;
    if (live)
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    if (config)
        flags |= VIR_DOMAIN_AFFECT_CONFIG;
    return flags;
}

const char *yes_no_unknown(int v)
{
    return v < 0 ? "unknown" : v ? "yes" : "no";
}

// attach-device and detach-device.
int device_op(virConnectPtr conn, const Args &args, bool attach)
{
    if (args.has("persistent") && args.has("current"))
        throw UsageError("Options --current and --persistent are mutually exclusive");
    int flags = affect_flags(args);

    Domain dom = lookup_domain(conn, args.positional[0]);
    if (!dom)
        return 1;
    const std::string &file = args.positional[1];
    auto xml = read_file(file);
    if (!xml)
        return 1;

    if (args.has("persistent")) {
        flags = (flags < 0 ? 0 : flags) | VIR_DOMAIN_AFFECT_CONFIG;
        if (virDomainIsActive(dom.get()) == 1)
            flags |= VIR_DOMAIN_AFFECT_LIVE;
    }

    int rc;
    if (attach)
        rc = flags < 0 ? virDomainAttachDevice(dom.get(), xml->c_str())
                       : virDomainAttachDeviceFlags(dom.get(), xml->c_str(),
                                                    static_cast<unsigned>(flags));
    else
        rc = flags < 0 ? virDomainDetachDevice(dom.get(), xml->c_str())
                       : virDomainDetachDeviceFlags(dom.get(), xml->c_str(),
                                                    static_cast<unsigned>(flags));
    if (rc < 0)
        return report_error(std::string("Failed to ") + (attach ? "attach" : "detach") +
                            " device from " + file);
    std::printf("Device %s successfully\n", attach ? "attached" : "detached");
    return 0;
}

} // namespace

int cmd_dominfo(virConnectPtr conn, const Args &args)
{
    Domain dom = lookup_domain(conn, args.positional[0]);
    if (!dom)
        return 1;
    virDomainPtr d = dom.get();

    unsigned int id = virDomainGetID(d);
    if (id == static_cast<unsigned int>(-1))
        std::printf("%-15s %s\n", "Id:", "-");
    else
        std::printf("%-15s %u\n", "Id:", id);
    std::printf("%-15s %s\n", "Name:", virDomainGetName(d));

    char uuid[VIR_UUID_STRING_BUFLEN];
    if (virDomainGetUUIDString(d, uuid) == 0)
        std::printf("%-15s %s\n", "UUID:", uuid);

    if (CString os{virDomainGetOSType(d)})
        std::printf("%-15s %s\n", "OS Type:", os.get());

    virDomainInfo info;
    if (virDomainGetInfo(d, &info) == 0) {
        std::printf("%-15s %s\n", "State:", state_name(info.state));
        std::printf("%-15s %d\n", "CPU(s):", info.nrVirtCpu);
        if (info.cpuTime != 0)
            std::printf("%-15s %.1lfs\n", "CPU time:",
                        static_cast<double>(info.cpuTime) / 1e9);
        if (info.maxMem != VIR_DOMAIN_MEMORY_PARAM_UNLIMITED)
            std::printf("%-15s %lu KiB\n", "Max memory:", info.maxMem);
        else
            std::printf("%-15s %s\n", "Max memory:", "no limit");
        std::printf("%-15s %lu KiB\n", "Used memory:", info.memory);
    } else {
        std::printf("%-15s %s\n", "State:", "no state");
    }

    std::printf("%-15s %s\n", "Persistent:", yes_no_unknown(virDomainIsPersistent(d)));
    int autostart = 0;
    if (virDomainGetAutostart(d, &autostart) < 0)
        std::printf("%-15s %s\n", "Autostart:", "no autostart");
    else
        std::printf("%-15s %s\n", "Autostart:", autostart ? "enable" : "disable");
    std::printf("%-15s %s\n", "Managed save:",
                yes_no_unknown(virDomainHasManagedSaveImage(d, 0)));

    // Security model and label, when the driver has them.
    virSecurityModel model;
    std::memset(&model, 0, sizeof(model));
    if (virNodeGetSecurityModel(conn, &model) == 0 && model.model[0]) {
        std::printf("%-15s %s\n", "Security model:", model.model);
        std::printf("%-15s %s\n", "Security DOI:", model.doi);
        virSecurityLabel label;
        std::memset(&label, 0, sizeof(label));
        if (virDomainGetSecurityLabel(d, &label) == 0 && label.label[0])
            std::printf("%-15s %s (%s)\n", "Security label:", label.label,
                        label.enforcing ? "enforcing" : "permissive");
    }
    virResetLastError();
    return 0;
}

int cmd_domstate(virConnectPtr conn, const Args &args)
{
    Domain dom = lookup_domain(conn, args.positional[0]);
    if (!dom)
        return 1;
    int state = 0, reason = 0;
    if (virDomainGetState(dom.get(), &state, &reason, 0) < 0)
        return report_error("failed to get domain state");
    if (args.has("reason"))
        std::printf("%s (%s)\n", state_name(state), state_reason_name(state, reason));
    else
        std::printf("%s\n", state_name(state));
    return 0;
}

int cmd_dumpxml(virConnectPtr conn, const Args &args)
{
    Domain dom = lookup_domain(conn, args.positional[0]);
    if (!dom)
        return 1;
    unsigned int flags = args.has("inactive") ? VIR_DOMAIN_XML_INACTIVE : 0;
    CString xml(virDomainGetXMLDesc(dom.get(), flags));
    if (!xml)
        return report_error("failed to get domain XML");
    std::fputs(xml.get(), stdout);
    return 0;
}

// The console's pty from the live XML: the <source path='...'/> of the
// first <console type='pty'> (virsh ttyconsole).
int cmd_ttyconsole(virConnectPtr conn, const Args &args)
{
    Domain dom = lookup_domain(conn, args.positional[0]);
    if (!dom)
        return 1;
    CString xml(virDomainGetXMLDesc(dom.get(), 0));
    if (!xml)
        return report_error("failed to get domain XML");
    std::string text = xml.get();
    size_t console = text.find("<console type='pty'");
    size_t source = console == std::string::npos ? console : text.find("<source path='", console);
    size_t close = source == std::string::npos ? source : text.find("</console>", console);
    if (source == std::string::npos || source > close) {
        std::fprintf(stderr, "error: domain '%s' has no pty console (is it running?)\n", args.positional[0].c_str());
        return 1;
    }
    size_t start = source + std::strlen("<source path='");
    std::printf("%s\n", text.substr(start, text.find('\'', start) - start).c_str());
    return 0;
}

int cmd_domxml_to_native(virConnectPtr conn, const Args &args)
{
    auto xml = read_file(args.positional[1]);
    if (!xml)
        return 1;
    CString native(virConnectDomainXMLToNative(conn, args.positional[0].c_str(), xml->c_str(), 0));
    if (!native)
        return report_error("failed to convert the domain XML");
    std::printf("%s\n", native.get());
    return 0;
}

int cmd_define(virConnectPtr conn, const Args &args)
{
    const std::string &file = args.positional[0];
    auto xml = read_file(file);
    if (!xml)
        return 1;
    Domain dom(virDomainDefineXML(conn, xml->c_str()));
    if (!dom)
        return report_error("Failed to define domain from " + file);
    std::printf("Domain '%s' defined from %s\n", virDomainGetName(dom.get()), file.c_str());
    return 0;
}

int cmd_undefine(virConnectPtr conn, const Args &args)
{
    const std::string &arg = args.positional[0];
    Domain dom = lookup_domain(conn, arg);
    if (!dom)
        return 1;
    if (virDomainUndefine(dom.get()) < 0)
        return report_error("Failed to undefine domain '" + arg + "'");
    std::printf("Domain '%s' has been undefined\n", arg.c_str());
    return 0;
}

int cmd_start(virConnectPtr conn, const Args &args)
{
    const std::string &arg = args.positional[0];
    Domain dom = lookup_domain(conn, arg);
    if (!dom)
        return 1;
    if (virDomainIsActive(dom.get()) == 1) {
        std::fprintf(stderr, "error: Domain is already active\n");
        return 1;
    }
    if (virDomainCreate(dom.get()) < 0)
        return report_error("Failed to start domain '" + arg + "'");
    std::printf("Domain '%s' started\n", arg.c_str());
    return 0;
}

int cmd_create(virConnectPtr conn, const Args &args)
{
    const std::string &file = args.positional[0];
    auto xml = read_file(file);
    if (!xml)
        return 1;
    unsigned int flags = args.has("paused") ? VIR_DOMAIN_START_PAUSED : 0;
    Domain dom(virDomainCreateXML(conn, xml->c_str(), flags));
    if (!dom)
        return report_error("Failed to create domain from " + file);
    std::printf("Domain '%s' created from %s\n", virDomainGetName(dom.get()), file.c_str());
    return 0;
}

int cmd_destroy(virConnectPtr conn, const Args &args)
{
    return simple_domain_op(conn, args, do_destroy, "destroy", "Domain '%s' destroyed");
}

int cmd_shutdown(virConnectPtr conn, const Args &args)
{
    return simple_domain_op(conn, args, do_shutdown, "shutdown",
                            "Domain '%s' is being shutdown");
}

int cmd_reboot(virConnectPtr conn, const Args &args)
{
    return simple_domain_op(conn, args, do_reboot, "reboot",
                            "Domain '%s' is being rebooted");
}

int cmd_suspend(virConnectPtr conn, const Args &args)
{
    return simple_domain_op(conn, args, do_suspend, "suspend", "Domain '%s' suspended");
}

int cmd_resume(virConnectPtr conn, const Args &args)
{
    return simple_domain_op(conn, args, do_resume, "resume", "Domain '%s' resumed");
}

int cmd_setmem(virConnectPtr conn, const Args &args)
{
    int flags = affect_flags(args);
    auto kib = parse_kib(args.positional[1]);
    if (!kib || *kib > static_cast<unsigned long long>(static_cast<unsigned long>(-1)))
        throw UsageError("Invalid value '" + args.positional[1] + "' for memory size");

    Domain dom = lookup_domain(conn, args.positional[0]);
    if (!dom)
        return 1;
    int rc = flags < 0
        ? virDomainSetMemory(dom.get(), static_cast<unsigned long>(*kib))
        : virDomainSetMemoryFlags(dom.get(), static_cast<unsigned long>(*kib),
                                  static_cast<unsigned>(flags));
    if (rc < 0)
        return report_error();
    return 0;
}

int cmd_setvcpus(virConnectPtr conn, const Args &args)
{
    int flags = affect_flags(args);
    if (args.has("maximum")) {
        if (!args.has("config"))
            throw UsageError("Option --config is required by option --maximum");
        if (args.has("live"))
            throw UsageError("Options --maximum and --live are mutually exclusive");
        flags |= VIR_DOMAIN_VCPU_MAXIMUM;
    }
    auto count = parse_unsigned(args.positional[1]);
    if (!count || *count == 0 || *count > 0x7fffffffULL)
        throw UsageError("Invalid number of virtual CPUs '" + args.positional[1] + "'");

    Domain dom = lookup_domain(conn, args.positional[0]);
    if (!dom)
        return 1;
    int rc = flags < 0
        ? virDomainSetVcpus(dom.get(), static_cast<unsigned>(*count))
        : virDomainSetVcpusFlags(dom.get(), static_cast<unsigned>(*count),
                                 static_cast<unsigned>(flags));
    if (rc < 0)
        return report_error();
    return 0;
}

int cmd_attach_device(virConnectPtr conn, const Args &args)
{
    return device_op(conn, args, true);
}

int cmd_detach_device(virConnectPtr conn, const Args &args)
{
    return device_op(conn, args, false);
}

} // namespace vireo_tool
