#include "drivers/qemu/qemu_capabilities_xml.h"

#include <unistd.h>

#include "lib/util/error.h"
#include "lib/util/host_info.h"
#include "lib/util/xml.h"

namespace vireo::qemu {

namespace {

unsigned wordSize(const std::string& arch) {
  for (const char* a : {"i686", "armv7l", "armv6l", "ppc", "mips", "mipsel", "riscv32"})
    if (arch == a) return 32;
  return 64;
}

void writeGuest(xml::Writer& w, const QemuCaps& caps, bool kvm) {
  w.open("guest");
  w.textElement("os_type", "hvm");
  w.open("arch").attr("name", caps.arch);
  w.textElement("wordsize", std::to_string(wordSize(caps.arch)));
  w.textElement("emulator", caps.binary);
  for (const auto& m : caps.machines) {
    if (m.name == "none") continue;
    w.open("machine");
    if (m.deprecated) w.attr("deprecated", "yes");
    w.attr("maxCpus", m.maxCpus).text(m.name).close();
    if (!m.alias.empty()) {
      w.open("machine").attr("canonical", m.name);
      if (m.deprecated) w.attr("deprecated", "yes");
      w.attr("maxCpus", m.maxCpus).text(m.alias).close();
    }
  }
  w.open("domain").attr("type", "qemu").close();
  if (kvm) w.open("domain").attr("type", "kvm").close();
  w.close();  // arch
  w.open("features");
  if (caps.arch == "x86_64" || caps.arch == "i686") {
    w.open("acpi").attr("default", "on").attr("toggle", "yes").close();
    w.open("apic").attr("default", "on").attr("toggle", "no").close();
  }
  w.emptyElement("cpuselection");
  w.emptyElement("deviceboot");
  w.open("disksnapshot").attr("default", "on").attr("toggle", "no").close();
  if (caps.arch == "i686") {
    w.emptyElement("pae");
    w.emptyElement("nonpae");
  }
  w.close();  // features
  w.close();  // guest
}

}  // namespace

std::string capabilitiesXml(QemuDriver& driver) {
  virNodeInfo node = readHostNodeInfo();
  xml::Writer w;
  w.openBlock("capabilities");
  w.openBlock("host");
  w.textElement("uuid", readHostUuid());
  w.open("cpu");
  w.textElement("arch", node.model);
  w.open("topology")
      .attr("sockets", node.sockets)
      .attr("dies", 1u)
      .attr("cores", node.cores)
      .attr("threads", node.threads)
      .close();
  w.close();
  w.emptyElement("power_management");
  w.open("iommu").attr("support", hostHasIommu() ? "yes" : "no").close();
  w.open("migration_features");
  w.emptyElement("live");
  w.open("uri_transports");
  w.textElement("uri_transport", "tcp");
  w.textElement("uri_transport", "rdma");
  w.close();
  w.close();
  for (const security::SecModel& m : driver.security.capabilityModels()) {
    w.open("secmodel");
    w.textElement("model", m.model);
    w.textElement("doi", m.doi);
    for (const auto& [virt, label] : m.baseLabels) w.open("baselabel").attr("type", virt).text(label).close();
    w.close();
  }
  w.close();  // host
  bool kvm = access("/dev/kvm", R_OK | W_OK) == 0;
  // The host's own emulator, and the 32-bit one beside it on x86.
  std::vector<std::string> archs = {node.model};
  if (std::string(node.model) == "x86_64") archs.push_back("i686");
  for (const std::string& arch : archs) {
    std::string binary;
    try {
      binary = driver.defaultEmulator(arch);
    } catch (const Error&) {
      continue;  // that emulator is not installed
    }
    writeGuest(w, *driver.capsFor(binary), kvm);
  }
  w.close();
  return w.str();
}

}  // namespace vireo::qemu
