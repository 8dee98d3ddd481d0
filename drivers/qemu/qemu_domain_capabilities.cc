// virConnectGetDomainCapabilities for the QEMU driver, in libvirt's
// <domainCapabilities> format. It describes what vireo can build a command
// line for on this emulator (not everything QEMU could do): the device
// kinds and models of doc/qemu-command-line.md, filtered by the devices the
// emulator has.
#include <unistd.h>

#include "drivers/qemu/qemu_ops.h"
#include "lib/util/error.h"
#include "lib/util/xml.h"

namespace vireo::qemu::hostops {

namespace {

struct EnumValue {
  const char* value;
  const char* device;  // the QEMU device it needs, or nullptr
};

void writeEnum(xml::Writer& w, const char* name, std::initializer_list<EnumValue> values, const QemuCaps& caps) {
  w.open("enum").attr("name", name);
  for (const EnumValue& v : values)
    if (!v.device || caps.hasDevice(v.device)) w.textElement("value", v.value);
  w.close();
}

void writeDevices(xml::Writer& w, const QemuCaps& caps) {
  w.openBlock("devices");
  w.open("disk").attr("supported", "yes");
  writeEnum(w, "diskDevice", {{"disk", nullptr}, {"cdrom", nullptr}}, caps);
  writeEnum(w, "bus",
            {{"ide", "ide-hd"}, {"scsi", "scsi-hd"}, {"virtio", "virtio-blk-pci"}, {"sata", "ahci"}}, caps);
  writeEnum(w, "model", {{"virtio", "virtio-blk-pci"}}, caps);
  w.close();
  w.open("graphics").attr("supported", "yes");
  writeEnum(w, "type", {{"vnc", nullptr}}, caps);
  w.close();
  w.open("video").attr("supported", "yes");
  writeEnum(w, "modelType",
            {{"vga", "VGA"}, {"cirrus", "cirrus-vga"}, {"qxl", "qxl-vga"}, {"virtio", "virtio-vga"}, {"none", nullptr}},
            caps);
  w.close();
  w.open("hostdev").attr("supported", "no").close();
  w.open("rng").attr("supported", caps.hasDevice("virtio-rng-pci") ? "yes" : "no");
  if (caps.hasDevice("virtio-rng-pci")) {
    writeEnum(w, "model", {{"virtio", nullptr}}, caps);
    writeEnum(w, "backendModel", {{"random", nullptr}}, caps);
  }
  w.close();
  w.open("filesystem").attr("supported", "no").close();
  w.open("tpm").attr("supported", "no").close();
  w.open("redirdev").attr("supported", "no").close();
  w.open("channel").attr("supported", "yes");
  writeEnum(w, "type", {{"pty", nullptr}, {"unix", nullptr}}, caps);
  w.close();
  w.open("console").attr("supported", "yes");
  writeEnum(w, "type", {{"null", nullptr}, {"pty", nullptr}, {"file", nullptr}, {"unix", nullptr}}, caps);
  w.close();
  w.close();
}

}  // namespace

std::string getDomainCapabilities(Connection& conn, const char* emulatorArg, const char* archArg,
                                  const char* machineArg, const char* virttypeArg, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_QEMU, "qemuConnectGetDomainCapabilities");
  QemuDriver& d = driverOf(conn);
  std::string arch = archArg ? archArg : "";
  std::string emulator = emulatorArg ? emulatorArg : d.defaultEmulator(arch);
  auto caps = d.capsFor(emulator);
  if (!arch.empty() && arch != caps->arch)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
         "architecture from emulator '" + caps->arch + "' doesn't match given architecture '" + arch + "'");
  std::string virttype = virttypeArg ? virttypeArg : "qemu";
  bool kvm = access("/dev/kvm", R_OK | W_OK) == 0;
  if (virttype != "qemu" && virttype != "kvm")
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "unknown virttype: " + virttype);
  if (virttype == "kvm" && !kvm)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
         "KVM is not supported by '" + emulator + "' on this host: /dev/kvm is missing");
  const QemuMachine* machine = machineArg ? caps->findMachine(machineArg) : caps->defaultMachine();
  if (!machine)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
         "the machine '" + std::string(machineArg ? machineArg : "") + "' is not supported by emulator '" + emulator + "'");

  xml::Writer w;
  w.openBlock("domainCapabilities");
  w.textElement("path", emulator);
  w.textElement("domain", virttype);
  w.textElement("machine", machine->name);
  w.textElement("arch", caps->arch);
  w.open("vcpu").attr("max", machine->maxCpus).close();
  w.open("iothreads").attr("supported", "yes").close();
  w.open("os").attr("supported", "yes");
  writeEnum(w, "firmware", {{"bios", nullptr}}, *caps);
  w.open("loader").attr("supported", "yes");
  writeEnum(w, "type", {{"rom", nullptr}}, *caps);
  w.close();
  w.close();
  w.openBlock("cpu");
  w.open("mode").attr("name", "host-passthrough").attr("supported", virttype == "kvm" ? "yes" : "no").close();
  w.open("mode").attr("name", "maximum").attr("supported", "yes").close();
  w.open("mode").attr("name", "host-model").attr("supported", "no").close();
  w.open("mode").attr("name", "custom").attr("supported", "yes").close();
  w.close();
  w.open("memoryBacking").attr("supported", "yes");
  writeEnum(w, "sourceType", {{"anonymous", nullptr}}, *caps);
  w.close();
  writeDevices(w, *caps);
  w.openBlock("features");
  w.open("gic").attr("supported", "no").close();
  w.open("vmcoreinfo").attr("supported", caps->hasDevice("vmcoreinfo") ? "yes" : "no").close();
  w.open("genid").attr("supported", "no").close();
  w.open("sev").attr("supported", "no").close();
  w.close();
  w.close();
  return w.str();
}

}  // namespace vireo::qemu::hostops
