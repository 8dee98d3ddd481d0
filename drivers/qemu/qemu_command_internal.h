// Private pieces of the QEMU command line builder (qemu_command*.cc).
//
// The builder is split by device family; each family file appends its
// arguments to one BuildState in the order libvirt 9.0 uses. Outside
// drivers/qemu/qemu_command*.cc only hotplug (qemu_hotplug*.cc) uses this
// header: it sends the per-device JSON objects below through QMP, so that
// a hotplugged device gets exactly the properties the command line gives.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/qemu/qemu_command.h"
#include "lib/conf/domain_def.h"

namespace vireo::qemu::cmd {

// ---- JSON for -device / -object / -blockdev / -netdev / -audiodev ----------

// Writes one JSON object with its keys in the order they are added, compact
// (no spaces), strings escaped as JSON requires. libvirt's arguments are
// compared textually, so the key order is part of the output.
class JsonArgWriter {
 public:
  JsonArgWriter& str(std::string_view key, std::string_view value);
  // Adds the key only when `value` is not empty.
  JsonArgWriter& strIf(std::string_view key, std::string_view value);
  JsonArgWriter& num(std::string_view key, long long value);
  JsonArgWriter& unum(std::string_view key, unsigned long long value);
  JsonArgWriter& boolean(std::string_view key, bool value);
  // Adds the key when `value` holds something.
  JsonArgWriter& optBool(std::string_view key, std::optional<bool> value);
  JsonArgWriter& null(std::string_view key);
  JsonArgWriter& object(std::string_view key, const JsonArgWriter& inner);

  bool empty() const { return body_.empty(); }
  // The whole object: "{...}".
  std::string text() const { return "{" + body_ + "}"; }

 private:
  void key(std::string_view k);
  std::string body_;
};

// A JSON string literal with quotes: "a\"b".
std::string jsonQuote(std::string_view s);

// ---- errors and small parsers ------------------------------------------------

// VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU: "unsupported configuration: <what>".
[[noreturn]] void unsupported(std::string_view what);
// VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU: a definition that lacks what the
// QEMU driver's post-parse step should have filled in.
[[noreturn]] void internalError(std::string_view what);

// QEMU's option syntax: a ',' inside a value is written ",,".
std::string escapeComma(std::string_view s);

// A decimal or 0x-prefixed hexadecimal number; throws internalError naming
// `what` when `text` is not one.
unsigned long long parseNumber(std::string_view text, std::string_view what);

// "on"/"yes" -> true, "off"/"no" -> false, anything else -> nullopt.
std::optional<bool> parseSwitch(std::string_view text);

// Lookups in preserved XML.
const xml::Element* findChild(const conf::Unparsed& u, std::string_view name);
std::vector<const xml::Element*> findChildren(const conf::Unparsed& u, std::string_view name);
const std::string* findAttr(const conf::Unparsed& u, std::string_view name);

// The QEMU device name of a virtio device: "virtio-net" + "-pci", with
// "-transitional" / "-non-transitional" for libvirt's transitional models.
std::string virtioDriverName(std::string_view base, const conf::DeviceInfo& info, std::string_view model);
// The generic virtio options of a device's <driver> element (iommu, ats,
// packed, page_per_vq), in libvirt's order. `driver` may be null.
void addVirtioOptions(JsonArgWriter& props, const xml::Element* driver);

// ---- the command being built -------------------------------------------------

struct BuildState {
  const conf::DomainDef& def;
  const CommandContext& ctx;
  QemuCommand& out;

  void arg(std::string a) { out.argv.push_back(std::move(a)); }
  void arg(std::string opt, std::string value) {
    out.argv.push_back(std::move(opt));
    out.argv.push_back(std::move(value));
  }
  void device(const JsonArgWriter& props) { arg("-device", props.text()); }
  void object(const JsonArgWriter& props) { arg("-object", props.text()); }
  void env(std::string name, std::string value) { out.env.push_back(std::move(name) + "=" + std::move(value)); }

  // Machine family, from the (canonical or alias) machine name.
  bool isQ35() const;
  bool isI440fx() const;
  // libvirt's version number of the QEMU binary (7002000 for 7.2.0); 0 when
  // no capabilities were given.
  unsigned long qemuVersion() const;
};

// ---- aliases and guest addresses (qemu_command_address.cc) -------------------

// The device's id on the command line: its user alias ("ua-...") when it has
// one, libvirt's generated alias otherwise.
std::string aliasOr(const conf::DeviceInfo& info, std::string generated);

const conf::ControllerDef* findController(const conf::DomainDef& def, std::string_view type, unsigned index);
std::string controllerAlias(const BuildState& st, const conf::ControllerDef& c);
// Alias of the controller `type`/`index`; internalError if there is none.
std::string controllerAliasFor(const BuildState& st, std::string_view type, unsigned index);

std::string diskAlias(const BuildState& st, const conf::DiskDef& d);

// Appends the "bus"/"addr"/"unit"/"port"/... properties of `info`'s address.
// `diskBus` gives the bus of a disk's drive address.
void addAddressProps(JsonArgWriter& props, const BuildState& st, const conf::DeviceInfo& info,
                     std::string_view diskBus = {});

// The value of attribute `name` of a non-PCI, non-drive address ("" if absent).
std::string addressAttr(const conf::DeviceAddress& a, std::string_view name);

// ---- one builder per family ----------------------------------------------------

// qemu_command_machine.cc
void buildName(BuildState& st);
void buildMasterKey(BuildState& st);
void buildMachine(BuildState& st);
void buildAccel(BuildState& st);
void buildMemory(BuildState& st);
void buildSmp(BuildState& st);
void buildIOThreads(BuildState& st);
void buildUuidAndGenid(BuildState& st);
void buildMonitor(BuildState& st);
void buildSandbox(BuildState& st);
void checkTopLevelSupported(const BuildState& st);

// qemu_command_cpu.cc
void buildCpu(BuildState& st);
void buildClock(BuildState& st);

// qemu_command_boot.cc
// The bootindex of disk / interface number `index`: its own <boot order>, or
// the position of its kind in <os><boot dev=...> (the first cdrom, disk,
// floppy or interface gets it); 0 when it does not boot.
unsigned diskBootIndex(const BuildState& st, std::size_t index);
unsigned netBootIndex(const BuildState& st, std::size_t index);
void buildLoader(BuildState& st);
void buildPowerManagement(BuildState& st);
void buildBoot(BuildState& st);

// qemu_command_controller.cc
void buildGlobalControllerOptions(BuildState& st);
void buildControllers(BuildState& st);
void buildControllersOfType(BuildState& st, std::string_view type);

// qemu_command_disk.cc
void buildDisks(BuildState& st);

// One disk's objects: the storage and format -blockdev nodes (named
// libvirt-N-storage / libvirt-N-format; absent for an empty drive) and the
// -device, whose id is `alias`. Throws unsupported() for what the builder
// refuses. `bootIndex` 0 means no bootindex.
struct DiskArgs {
  std::string alias;
  std::optional<JsonArgWriter> storage, format;
  JsonArgWriter device;
};
DiskArgs diskArgs(const BuildState& st, const conf::DiskDef& d, unsigned nodeIndex, unsigned bootIndex);

// qemu_command_net.cc
void buildNets(BuildState& st);

// Throws unsupported() for an interface the builder cannot express.
void checkNetSupported(const conf::NetDef& n);
// The descriptors of a tap interface as QEMU names them: numbers on the
// command line, getfd names over QMP. One entry per queue.
struct NetFdNames {
  std::vector<std::string> tap, vhost;
};
// The -netdev of interface `n` whose device id is `alias` (the netdev id is
// "host" + alias). Tap-based types need `fds.tap`.
JsonArgWriter netdevArgs(const conf::NetDef& n, const std::string& alias, const NetFdNames& fds);
// The -device of the guest NIC.
JsonArgWriter nicArgs(const BuildState& st, const conf::NetDef& n, const std::string& alias, unsigned bootIndex);

// qemu_command_chardev.cc
// The -chardev argument for the source of `chr`, with id `charAlias`.
std::string chardevArg(const conf::ChrDef& chr, const std::string& charAlias);
// The -device of a serial port with a target type (isa-serial, usb-serial,
// pci-serial, isa-debugcon) and of a virtio channel (virtserialport), whose
// chardev is "char" + alias.
JsonArgWriter serialDeviceArgs(const BuildState& st, const conf::ChrDef& chr, const std::string& alias);
JsonArgWriter channelDeviceArgs(const BuildState& st, const conf::ChrDef& chr, const std::string& alias);
void buildSerials(BuildState& st);
void buildParallels(BuildState& st);
void buildChannels(BuildState& st);
void buildConsoles(BuildState& st);

// qemu_command_display.cc
void buildAudio(BuildState& st);
void buildGraphics(BuildState& st);
void buildVideos(BuildState& st);
// "audioN" for audio backend `id` (0 = the first one), as devices name it.
std::string audioIdFor(const BuildState& st, unsigned id);

// qemu_command_devices.cc
void buildHubs(BuildState& st);
void buildFilesystems(BuildState& st);
void buildInputs(BuildState& st);
void buildSounds(BuildState& st);
void buildWatchdogs(BuildState& st);
void buildMemballoon(BuildState& st);
void buildRngs(BuildState& st);
void buildPanics(BuildState& st);
void checkDevicesSupported(const BuildState& st);

}  // namespace vireo::qemu::cmd
