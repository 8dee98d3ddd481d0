#include "lib/conf/capabilities_xml.h"

#include "lib/util/xml.h"

namespace vireo::conf {
namespace {

// libvirt writes sizes in the largest binary unit that keeps them whole.
std::pair<unsigned long long, const char*> prettySize(unsigned long long bytes) {
  static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  size_t unit = 0;
  while (bytes != 0 && bytes % 1024 == 0 && unit + 1 < std::size(kUnits)) {
    bytes /= 1024;
    unit++;
  }
  return {bytes, kUnits[unit]};
}

void writeCell(xml::Writer& w, const HostCell& cell) {
  w.open("cell").attr("id", cell.id);
  w.open("memory").attr("unit", "KiB").text(std::to_string(cell.memoryKiB)).close();
  for (const auto& [size, count] : cell.pages)
    w.open("pages").attr("unit", "KiB").attr("size", size).text(std::to_string(count)).close();
  w.open("distances");
  for (const auto& [other, distance] : cell.distances)
    w.open("sibling").attr("id", other).attr("value", distance).close();
  w.close();
  w.open("cpus").attr("num", static_cast<unsigned>(cell.cpus.size()));
  for (const HostCpu& cpu : cell.cpus)
    w.open("cpu")
        .attr("id", cpu.id)
        .attr("socket_id", cpu.socket)
        .attr("die_id", cpu.die)
        .attr("core_id", cpu.core)
        .attr("siblings", cpu.siblings)
        .close();
  w.close();  // cpus
  w.close();  // cell
}

void writeHost(xml::Writer& w, const HostCaps& host) {
  w.openBlock("host");
  w.textElement("uuid", host.uuid);
  w.open("cpu");
  w.textElement("arch", host.arch);
  for (unsigned long long size : host.topology.pageSizesKiB)
    w.open("pages").attr("unit", "KiB").attr("size", size).close();
  w.close();
  w.emptyElement("power_management");
  w.open("iommu").attr("support", host.iommu ? "yes" : "no").close();
  w.open("topology");
  w.open("cells").attr("num", static_cast<unsigned>(host.topology.cells.size()));
  for (const HostCell& cell : host.topology.cells) writeCell(w, cell);
  w.close();  // cells
  w.close();  // topology
  if (!host.topology.caches.empty()) {
    w.open("cache");
    for (const HostCacheBank& bank : host.topology.caches) {
      auto [size, unit] = prettySize(bank.sizeBytes);
      w.open("bank")
          .attr("id", bank.id)
          .attr("level", bank.level)
          .attr("type", bank.type)
          .attr("size", size)
          .attr("unit", unit)
          .attr("cpus", bank.cpus)
          .close();
    }
    w.close();
  }
  for (const CapsSecModel& m : host.secModels) {
    w.open("secmodel");
    w.textElement("model", m.model);
    w.textElement("doi", m.doi);
    w.close();
  }
  w.close();  // host
}

void writeGuest(xml::Writer& w, const CapsGuest& g) {
  w.open("guest");
  w.textElement("os_type", g.osType);
  w.open("arch").attr("name", g.arch);
  w.textElement("wordsize", std::to_string(g.wordSize));
  if (!g.emulator.empty()) w.textElement("emulator", g.emulator);
  for (const std::string& type : g.domainTypes) w.open("domain").attr("type", type).close();
  w.close();  // arch
  w.close();  // guest
}

// libvirt separates the host and each guest with a blank line.
std::string withBlankLines(const std::string& doc) {
  std::string out;
  out.reserve(doc.size() + 64);
  size_t start = 0;
  while (start < doc.size()) {
    size_t end = doc.find('\n', start);
    if (end == std::string::npos) end = doc.size() - 1;
    std::string_view line(doc.data() + start, end - start);
    out.append(doc, start, end - start + 1);
    if (line == "<capabilities>" || line == "  </host>" || line == "  </guest>") out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string formatCapabilities(const HostCaps& host, const std::vector<CapsGuest>& guests) {
  xml::Writer w;
  w.openBlock("capabilities");
  writeHost(w, host);
  for (const CapsGuest& g : guests) writeGuest(w, g);
  w.close();
  return withBlankLines(w.str());
}

}  // namespace vireo::conf
