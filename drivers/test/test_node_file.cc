// test:///ABSOLUTE/PATH.xml: a node description in libvirt's test-driver
// format (libvirt-api.md §3.3). <domain> elements are inline or point to a
// file (relative paths resolve against the node file's directory); the
// test: namespace carries each domain's runtime state. <network> elements,
// inline or file=, are networks that run; so are <interface> elements, and
// <device> elements are node devices (test_interface.cc, test_nodedev.cc).
#include <cerrno>
#include <cstring>
#include <string>

#include "drivers/test/test_interface.h"
#include "drivers/test/test_nodedev.h"
#include "drivers/test/test_state.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/xml.h"

namespace vireo::test {
namespace {

constexpr std::string_view kTestNamespace = "http://libvirt.org/schemas/domain/test/1.0";

// At most kMaxXmlFileBytes: test:///dev/zero, or a FIFO that never ends,
// fails at once instead of growing without bound.
std::string readFile(const std::string& path) {
  try {
    return readWholeFile(path, VIR_FROM_TEST, kMaxXmlFileBytes);
  } catch (const Error& e) {
    if (e.int1 == EFBIG) throw;
    // libvirt reports a node file it cannot read as one it cannot parse.
    fail(VIR_ERR_XML_ERROR, VIR_FROM_TEST, "failed to parse xml document '" + path + "'");
  }
}

std::string directoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

// The element itself, or the document a file= attribute names.
xml::Element resolve(const xml::Element& e, const std::string& baseDir) {
  const std::string* file = e.attr("file");
  if (!file) return e;
  std::string path = (*file)[0] == '/' ? *file : baseDir + "/" + *file;
  return xml::parseElement(readFile(path), path, VIR_FROM_TEST);
}

unsigned long parseNumber(const xml::Element& e, const char* what) {
  std::string text = e.textContent();
  char* end = nullptr;
  errno = 0;
  unsigned long v = std::strtoul(text.c_str(), &end, 10);
  if (text.empty() || *end || errno)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_TEST, std::string("invalid node ") + what + " '" + text + "'");
  return v;
}

void loadCpu(TestNode& node, const xml::Element& cpu) {
  virNodeInfo& info = node.info;
  if (auto* e = cpu.child("nodes")) info.nodes = static_cast<unsigned>(parseNumber(*e, "cpu nodes"));
  if (auto* e = cpu.child("sockets")) info.sockets = static_cast<unsigned>(parseNumber(*e, "cpu sockets"));
  if (auto* e = cpu.child("cores")) info.cores = static_cast<unsigned>(parseNumber(*e, "cpu cores"));
  if (auto* e = cpu.child("threads")) info.threads = static_cast<unsigned>(parseNumber(*e, "cpu threads"));
  if (auto* e = cpu.child("active")) info.cpus = static_cast<unsigned>(parseNumber(*e, "cpu active"));
  else info.cpus = info.nodes * info.sockets * info.cores * info.threads;
  if (auto* e = cpu.child("mhz")) info.mhz = static_cast<unsigned>(parseNumber(*e, "cpu mhz"));
  if (auto* e = cpu.child("model")) {
    std::memset(info.model, 0, sizeof info.model);
    std::strncpy(info.model, e->textContent().c_str(), sizeof info.model - 1);
  }
}

// Splits the test: runtime-state elements off a domain element.
struct RunState {
  int state = VIR_DOMAIN_RUNNING;
  bool transient = false;
  bool hasManagedSave = false;
};

RunState takeRunState(xml::Element& dom) {
  RunState rs;
  std::vector<xml::Element> kept;
  for (auto& child : dom.children) {
    if (child.isElement() && child.nsUri == kTestNamespace) {
      std::string_view name = child.localName();
      if (name == "runstate") {
        rs.state = static_cast<int>(parseNumber(child, "runstate"));
        if (rs.state <= VIR_DOMAIN_NOSTATE || rs.state > VIR_DOMAIN_PMSUSPENDED)
          fail(VIR_ERR_XML_ERROR, VIR_FROM_TEST, "runstate '" + child.textContent() + "' out of range");
      } else if (name == "transient") {
        rs.transient = true;
      } else if (name == "hasmanagedsave") {
        rs.hasManagedSave = true;
      }
      continue;
    }
    kept.push_back(std::move(child));
  }
  dom.children = std::move(kept);
  if (rs.transient && rs.state == VIR_DOMAIN_SHUTOFF)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_TEST, "transient domain cannot have runstate 'shutoff'");
  if (rs.hasManagedSave && rs.state != VIR_DOMAIN_SHUTOFF)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_TEST, "domain with managedsave data can only have runstate 'shutoff'");
  return rs;
}

void loadDomain(TestDriverState& state, xml::Element e) REQUIRES(state.mu) {
  RunState rs = takeRunState(e);
  xml::Writer w;
  w.element(e);
  auto dom = std::make_unique<TestDomain>();
  dom->def = parseDefinition(w.str(), conf::ParseInactive);
  if (state.domains.findByName(dom->def.name) || state.domains.findByUuid(dom->def.uuid))
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, "domain '" + dom->def.name + "' already exists");
  dom->persistent = !rs.transient;
  dom->hasManagedSave = rs.hasManagedSave;
  TestDomain& added = state.domains.add(std::move(dom));
  if (rs.state != VIR_DOMAIN_SHUTOFF) {
    state.start(added, 0);
    added.state = rs.state;
  }
}

// As libvirt's test driver, a network of the node file is defined and
// running.
void loadNetwork(TestDriverState& state, const xml::Element& e) REQUIRES(state.mu) {
  conf::NetworkDef def = conf::parseNetworkTree(e);
  bool created = false;
  TestNetwork& net = state.assignNetwork(def, created);
  if (!created) fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_NETWORK, "network '" + def.name + "' already exists");
  net.active = true;
}

}  // namespace

void loadNodeFile(TestDriverState& state, const std::string& path) {
  xml::Element root = xml::parseElement(readFile(path), path, VIR_FROM_TEST);
  if (root.localName() != "node")
    fail(VIR_ERR_XML_ERROR, VIR_FROM_XML,
         "expecting root element of 'node', not '" + std::string(root.localName()) + "'");

  // Anything the file does not say keeps the default node's value.
  loadDefaultNodeInfo(state.node);
  state.node.numa = false;
  state.node.freeMemoryKiB = 0;
  if (auto* cpu = root.child("cpu")) loadCpu(state.node, *cpu);
  if (auto* mem = root.child("memory")) state.node.info.memory = parseNumber(*mem, "memory");

  std::string baseDir = directoryOf(path);
  for (const xml::Element* d : root.childrenNamed("domain")) loadDomain(state, resolve(*d, baseDir));
  for (const xml::Element* n : root.childrenNamed("network")) loadNetwork(state, resolve(*n, baseDir));
  for (const xml::Element* i : root.childrenNamed("interface")) loadInterface(state, resolve(*i, baseDir));
  for (const xml::Element* d : root.childrenNamed("device")) loadNodeDevice(state, resolve(*d, baseDir));

  if (auto* auth = root.child("auth")) {
    for (const xml::Element* u : auth->childrenNamed("user"))
      state.users.push_back({u->textContent(), u->attrOr("password")});
  }
}

}  // namespace vireo::test
