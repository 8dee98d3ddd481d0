// Reading a <domain> document into a DomainDef (before defaults are applied).
#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "lib/conf/devices.h"
#include "lib/conf/domain.h"
#include "lib/conf/domain_internal.h"
#include "lib/conf/domain_schema.h"
#include "lib/conf/units.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

[[noreturn]] void xmlError(const std::string& msg) { fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, msg); }

const std::vector<std::string_view> kVirtTypes = {
    "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test", "vmware", "hyperv",
    "vbox", "phyp", "parallels", "bhyve", "vz", "hvf"};

unsigned parseUnsigned(const std::string& s, const std::string& what) {
  errno = 0;
  char* end = nullptr;
  std::string t = s;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\n' || t.back() == '\t')) t.pop_back();
  std::size_t start = t.find_first_not_of(" \n\t");
  t = start == std::string::npos ? "" : t.substr(start);
  unsigned long v = std::strtoul(t.c_str(), &end, 10);
  if (t.empty() || t[0] == '-' || *end || errno || v > 0xffffffffUL) xmlError(what);
  return static_cast<unsigned>(v);
}

void parseMemory(NodeReader& r, DomainDef& def) {
  if (const xml::Element* m = r.child("memory")) {
    def.memory.maxKiB = parseMemoryKiB(m->textContent(), m->attrOr("unit"), "memory");
    if (const std::string* dc = m->attr("dumpCore")) {
      def.memory.dumpCoreSet = true;
      def.memory.dumpCore = *dc;
    }
  }
  if (const xml::Element* m = r.child("currentMemory"))
    def.memory.currentKiB = parseMemoryKiB(m->textContent(), m->attrOr("unit"), "currentMemory");
  if (const xml::Element* m = r.child("maxMemory")) {
    def.memory.maxMemoryKiB = parseMemoryKiB(m->textContent(), m->attrOr("unit"), "maxMemory");
    def.memory.maxMemorySlots = parseUnsigned(m->attrOr("slots", "0"), "Failed to parse memory slot count");
  }
}

void parseVcpu(NodeReader& r, DomainDef& def) {
  if (const xml::Element* v = r.child("vcpu")) {
    std::string text = v->textContent();
    def.vcpu.max = text.empty() ? 1 : parseUnsigned(text, "maximum vcpus count must be an integer");
    if (const std::string* cur = v->attr("current"))
      def.vcpu.current = parseUnsigned(*cur, "current vcpus count must be an integer");
    def.vcpu.cpuset = v->attrOr("cpuset");
    std::string placement = v->attrOr("placement");
    if (!placement.empty() && placement != "static" && placement != "auto")
      xmlError("Invalid value for attribute 'placement' in element 'vcpu': '" + placement + "'.");
    def.vcpu.placement = placement.empty() ? "static" : placement;
  }
  if (const xml::Element* vs = r.child("vcpus")) def.vcpu.vcpus = *vs;
}

// <bootmenu timeout=''> counts only when the menu is enabled: libvirt reads
// it then (a decimal in [0,65535]) and drops it otherwise.
void parseBootMenu(xml::Element& menu) {
  const std::string* timeout = menu.attr("timeout");
  if (!timeout) return;
  if (menu.attrOr("enable") != "yes") {
    menu.removeAttr("timeout");
    return;
  }
  bool digits = !timeout->empty() && timeout->size() <= 10 &&
                std::all_of(timeout->begin(), timeout->end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_XML, "Invalid value for attribute 'timeout' in element 'bootmenu': '" +
                                              *timeout + "'. Expected non-negative integer value");
  if (std::stoull(*timeout) > 65535)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
         "invalid value for boot menu timeout, must be in range [0,65535]");
}

void parseOs(const xml::Element& e, DomainDef& def) {
  NodeReader r(e);
  OsDef& os = def.os;
  os.firmware = r.attrOr("firmware");
  if (const xml::Element* t = r.child("type")) {
    os.type = t->textContent();
    os.arch = t->attrOr("arch");
    os.machine = t->attrOr("machine");
  } else {
    os.type.clear();
  }
  for (const xml::Element* b : r.children("boot")) {
    std::string dev = b->attrOr("dev");
    if (dev.empty()) xmlError("missing boot device");
    if (dev != "fd" && dev != "hd" && dev != "cdrom" && dev != "network")
      xmlError("unknown boot device '" + dev + "'");
    os.bootDevs.push_back(dev);
  }
  os.kernel = r.childText("kernel").value_or("");
  os.initrd = r.childText("initrd").value_or("");
  os.cmdline = r.childText("cmdline").value_or("");
  os.dtb = r.childText("dtb").value_or("");
  os.init = r.childText("init").value_or("");
  for (const xml::Element* a : r.children("initarg")) os.initArgs.push_back(a->textContent());
  for (const xml::Element* a : r.children("initenv")) os.initEnv.emplace_back(a->attrOr("name"), a->textContent());
  os.initDir = r.childText("initdir").value_or("");
  os.initUser = r.childText("inituser").value_or("");
  os.initGroup = r.childText("initgroup").value_or("");
  if (const xml::Element* l = r.child("loader")) os.loader = *l;
  if (const xml::Element* n = r.child("nvram")) os.nvram = *n;
  os.rest = r.rest();
  for (auto& c : os.rest.children)
    if (c.isElement() && c.name == "bootmenu") parseBootMenu(c);
  readFirmware(os);
}

void parseDevices(const xml::Element& e, DomainDef& def) {
  // The bus each disk named, aligned with def.disks (libvirt orders disks by
  // these, before a disk without one gets its default bus).
  std::vector<std::string> diskBuses;
  for (const xml::Element* c : e.elements()) {
    if (c->name == "emulator") {
      def.emulator = c->textContent();
      continue;
    }
    DeviceDef dev = parseDevice(*c);
    std::visit(
        [&](auto&& d) {
          using T = std::decay_t<decltype(d)>;
          if constexpr (std::is_same_v<T, DiskDef>) {
            const xml::Element* target = c->child("target");
            insertDisk(def.disks, diskBuses, std::move(d), target ? target->attrOr("bus") : "");
          } else if constexpr (std::is_same_v<T, ControllerDef>) insertController(def, std::move(d));
          else if constexpr (std::is_same_v<T, NetDef>) def.nets.push_back(std::move(d));
          else if constexpr (std::is_same_v<T, ChrDef>) chrList(def, d.kind).push_back(std::move(d));
          else if constexpr (std::is_same_v<T, InputDef>) def.inputs.push_back(std::move(d));
          else if constexpr (std::is_same_v<T, GraphicsDef>) def.graphics.push_back(std::move(d));
          else if constexpr (std::is_same_v<T, VideoDef>) def.videos.push_back(std::move(d));
          else if constexpr (std::is_same_v<T, HostdevDef>) def.hostdevs.push_back(std::move(d));
          else if constexpr (std::is_same_v<T, MemballoonDef>) {
            // libvirt keeps the first balloon only.
            if (!def.memballoon) def.memballoon = std::move(d);
          } else def.otherDevices.push_back(std::move(d));
        },
        std::move(dev));
  }
}

}  // namespace

std::vector<ChrDef>& chrList(DomainDef& def, std::string_view kind) {
  if (kind == "serial") return def.serials;
  if (kind == "parallel") return def.parallels;
  if (kind == "console") return def.consoles;
  return def.channels;
}

DomainDef parseDomainTree(const xml::Element& root) {
  if (root.name != "domain")
    xmlError("unexpected root element <" + root.name + ">, expecting <domain>");
  NodeReader r(root);
  DomainDef def;
  auto type = r.attr("type");
  if (!type) xmlError("Missing required attribute 'type' in element 'domain'");
  bool known = false;
  for (auto t : kVirtTypes) known |= (t == *type);
  if (!known) xmlError("Invalid value for attribute 'type' in element 'domain': '" + *type + "'.");
  def.type = *type;
  r.attr("id");  // a live id means nothing in a definition

  auto name = r.childText("name");
  if (!name || name->empty()) fail(VIR_ERR_NO_NAME, VIR_FROM_DOMAIN, "");
  if (name->find('/') != std::string::npos) xmlError("name " + *name + " cannot contain '/'");
  // libvirt's define refuses a newline, with this message (the character
  // itself after the colon); its create does not, so a transient domain may
  // hold a name that no definition can. vireo refuses it on both paths, and
  // a carriage return too (only "&#13;" brings one through the parser).
  if (std::size_t bad = name->find_first_of("\n\r"); bad != std::string::npos)
    throw Error(VIR_ERR_XML_DETAIL, VIR_FROM_XML, "invalid char in name: " + name->substr(bad, 1));
  def.name = *name;

  // An empty <uuid/> asks for a generated one, as an absent element does.
  if (auto uuid = r.childText("uuid"); uuid && !uuid->empty()) {
    auto u = Uuid::parse(*uuid);
    if (!u) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "malformed uuid element");
    def.uuid = *u;
  } else {
    def.uuid = Uuid::generate();
    def.uuidGenerated = true;
  }
  if (auto genid = r.childText("genid")) {
    if (genid->empty()) {
      def.genid = Uuid::generate();
      def.genidGenerated = true;
    } else {
      auto u = Uuid::parse(*genid);
      if (!u) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "malformed genid element");
      def.genid = *u;
    }
  }
  def.title = r.childText("title").value_or("");
  if (def.title.find('\n') != std::string::npos) xmlError("Domain title can't contain newlines");
  def.description = r.childText("description").value_or("");
  if (const xml::Element* md = r.child("metadata"))
    for (const xml::Element* c : md->elements()) def.metadata.push_back(*c);

  parseMemory(r, def);
  parseVcpu(r, def);
  if (const xml::Element* os = r.child("os")) parseOs(*os, def);
  if (const xml::Element* f = r.child("features")) def.features = *f;
  if (const xml::Element* c = r.child("cpu")) def.cpu = *c;
  if (const xml::Element* c = r.child("clock")) def.clock = *c;
  def.lifecycle.onPoweroff = r.childText("on_poweroff").value_or("destroy");
  def.lifecycle.onReboot = r.childText("on_reboot").value_or("restart");
  def.lifecycle.onCrash = r.childText("on_crash").value_or("destroy");
  def.lifecycle.onLockfailure = r.childText("on_lockfailure").value_or("");
  if (const xml::Element* d = r.child("devices")) parseDevices(*d, def);

  // What is left is kept verbatim, except elements of foreign namespaces:
  // libvirt drops those unless a driver registered the namespace.
  for (auto& c : r.rest().children)
    if (c.nsUri.empty()) def.otherTopLevel.push_back(std::move(c));
  return def;
}

xml::Element readDomainDocument(std::string_view xmlText, unsigned parseFlags) {
  xml::Document doc = xml::Document::parse(xmlText, "(domain_definition)", VIR_FROM_DOMAIN);
  // As in libvirt, the schema is checked first: an invalid document is
  // reported as such even where the model would refuse it for another reason.
  if (parseFlags & ParseValidate) validateAgainstSchema(doc, kDomainSchemaPath);
  xml::Element root = doc.rootElement();
  for (auto& c : root.children)
    if (c.isElement() && c.name != "metadata") dropComments(c);
  return root;
}

DomainDef parseDomainXml(std::string_view xmlText, unsigned parseFlags) {
  DomainDef def = parseDomainTree(readDomainDocument(xmlText, parseFlags));
  postParseDomain(def, parseFlags);
  validateDomain(def, parseFlags);
  return def;
}

std::vector<const GenericDeviceDef*> DomainDef::devicesOfKind(std::string_view kind) const {
  std::vector<const GenericDeviceDef*> out;
  for (const auto& d : otherDevices)
    if (d.kind == kind) out.push_back(&d);
  return out;
}

}  // namespace vireo::conf
