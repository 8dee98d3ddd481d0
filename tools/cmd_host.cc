// cmd_host.cc: connection and host commands of the vireo tool: list,
// nodeinfo, capabilities, uri, version.
#include "commands.h"
#include "util.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace vireo_tool {

namespace {

std::string version_string(unsigned long v)
{
    return std::to_string(v / 1000000) + "." + std::to_string((v / 1000) % 1000) +
           "." + std::to_string(v % 1000);
}

struct ListRow {
    bool active;
    unsigned int id;
    std::string id_text;
    std::string name;
    std::string state;
};

// Prints rows as virsh's table: a leading space, columns separated by
// three spaces, the last column unpadded, and a dashed line as wide as
// the sum of (column width + 3).
void print_table(const std::vector<ListRow> &rows)
{
    size_t wid = 2, wname = 4, wstate = 5; // "Id", "Name", "State"
    for (const auto &r : rows) {
        wid = std::max(wid, r.id_text.size());
        wname = std::max(wname, r.name.size());
        wstate = std::max(wstate, r.state.size());
    }
    std::printf(" %-*s   %-*s   %s\n", static_cast<int>(wid), "Id",
                static_cast<int>(wname), "Name", "State");
    std::string dashes(wid + 3 + wname + 3 + wstate + 3, '-');
    std::printf("%s\n", dashes.c_str());
    for (const auto &r : rows)
        std::printf(" %-*s   %-*s   %s\n", static_cast<int>(wid), r.id_text.c_str(),
                    static_cast<int>(wname), r.name.c_str(), r.state.c_str());
}

} // namespace

int cmd_list(virConnectPtr conn, const Args &args)
{
    unsigned int flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    if (args.has("all"))
        flags = 0;
    else if (args.has("inactive"))
        flags = VIR_CONNECT_LIST_DOMAINS_INACTIVE;

    virDomainPtr *doms = nullptr;
    int n = virConnectListAllDomains(conn, &doms, flags);
    if (n < 0)
        return report_error("Failed to list domains");

    std::vector<ListRow> rows;
    for (int i = 0; i < n; i++) {
        Domain dom(doms[i]);
        ListRow r;
        int state = VIR_DOMAIN_NOSTATE;
        r.active = virDomainIsActive(dom.get()) == 1;
        r.id = virDomainGetID(dom.get());
        r.id_text = r.active && r.id != static_cast<unsigned int>(-1)
                        ? std::to_string(r.id) : "-";
        const char *name = virDomainGetName(dom.get());
        r.name = name ? name : "";
        if (virDomainGetState(dom.get(), &state, nullptr, 0) < 0)
            r.state = "no state";
        else
            r.state = state_name(state);
        rows.push_back(std::move(r));
    }
    std::free(doms);

    // Running domains first, by id; then the others, by name.
    std::sort(rows.begin(), rows.end(), [](const ListRow &a, const ListRow &b) {
        if (a.active != b.active)
            return a.active;
        if (a.active)
            return a.id < b.id;
        return a.name < b.name;
    });
    print_table(rows);
    return 0;
}

int cmd_nodeinfo(virConnectPtr conn, const Args &)
{
    virNodeInfo info;
    if (virNodeGetInfo(conn, &info) < 0)
        return report_error("failed to get node information");
    std::printf("%-20s %s\n", "CPU model:", info.model);
    std::printf("%-20s %u\n", "CPU(s):", info.cpus);
    std::printf("%-20s %u MHz\n", "CPU frequency:", info.mhz);
    std::printf("%-20s %u\n", "CPU socket(s):", info.sockets);
    std::printf("%-20s %u\n", "Core(s) per socket:", info.cores);
    std::printf("%-20s %u\n", "Thread(s) per core:", info.threads);
    std::printf("%-20s %u\n", "NUMA cell(s):", info.nodes);
    std::printf("%-20s %lu KiB\n", "Memory size:", info.memory);
    return 0;
}

int cmd_capabilities(virConnectPtr conn, const Args &)
{
    CString caps(virConnectGetCapabilities(conn));
    if (!caps)
        return report_error("failed to get capabilities");
    std::printf("%s\n", caps.get());
    return 0;
}

int cmd_uri(virConnectPtr conn, const Args &)
{
    CString uri(virConnectGetURI(conn));
    if (!uri)
        return report_error("failed to get URI");
    std::printf("%s\n", uri.get());
    return 0;
}

int cmd_version(virConnectPtr conn, const Args &)
{
    std::printf("Compiled against library: libvirt %s\n",
                version_string(LIBVIR_VERSION_NUMBER).c_str());

    unsigned long lib = 0;
    if (virGetVersion(&lib, nullptr, nullptr) < 0)
        return report_error("failed to get the library version");
    std::printf("Using library: libvirt %s\n", version_string(lib).c_str());

    const char *type = virConnectGetType(conn);
    if (!type)
        return report_error("failed to get hypervisor type");
    unsigned long api = 0;
    if (virGetVersion(&lib, type, &api) < 0)
        return report_error("failed to get the library version");
    std::printf("Using API: %s %s\n", type, version_string(api).c_str());

    unsigned long hv = 0;
    if (virConnectGetVersion(conn, &hv) < 0)
        return report_error("failed to get the hypervisor version");
    if (hv == 0)
        std::printf("Cannot extract running %s hypervisor version\n", type);
    else
        std::printf("Running hypervisor: %s %s\n", type, version_string(hv).c_str());
    return 0;
}

} // namespace vireo_tool
