// Guest memory against the guest NUMA cells: huge pages per node
// (<memoryBacking><hugepages>), per-cell host binding (<numatune><memnode>)
// and the cells' own switches, read, defaulted and checked as libvirt does.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "lib/conf/cpu_set.h"
#include "lib/conf/domain_internal.h"
#include "lib/conf/units.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const xml::Element* topLevelOf(const DomainDef& def, std::string_view name) {
  for (const auto& e : def.otherTopLevel)
    if (e.isElement() && e.name == name) return &e;
  return nullptr;
}

xml::Element* topLevelOf(DomainDef& def, std::string_view name) {
  return const_cast<xml::Element*>(topLevelOf(static_cast<const DomainDef&>(def), name));
}

[[noreturn]] void badEnum(std::string_view attr, std::string_view element, const std::string& value) {
  fail(VIR_ERR_XML_ERROR, VIR_FROM_XML,
       "Invalid value for attribute '" + std::string(attr) + "' in element '" + std::string(element) +
           "': '" + value + "'.");
}

// One <page>: size in KiB (required, not zero), then its nodeset. Without
// guest NUMA cells a nodeset of just node 0 means the whole guest.
void normalizePage(xml::Element& page, unsigned cells) {
  const std::string* size = page.attr("size");
  if (!size) fail(VIR_ERR_XML_ERROR, VIR_FROM_XML, "missing element or attribute './@size'");
  if (size->empty() || !std::all_of(size->begin(), size->end(), [](char c) { return std::isdigit(c); }))
    fail(VIR_ERR_XML_ERROR, VIR_FROM_XML, "Invalid value '" + *size + "' for element or attribute './@size'");
  unsigned long long kib = parseMemoryKiB(*size, page.attrOr("unit"), "./@size");
  if (kib == 0) fail(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "hugepage size can't be zero");
  std::string nodeset;
  if (const std::string* text = page.attr("nodeset")) {
    CpuSet nodes = parseCpuSet(*text);
    if (cells > 0 || nodes != CpuSet{0}) nodeset = formatCpuSet(nodes);
  }
  page.attrs.clear();
  page.setAttr("size", std::to_string(kib));
  page.setAttr("unit", "KiB");
  if (!nodeset.empty()) page.setAttr("nodeset", nodeset);
}

// Each <memnode> names an existing cell once, in a mode libvirt knows, with
// a non-empty nodeset; they are kept in cell order, mode spelled out.
void normalizeMemnodes(xml::Element& numatune, unsigned cells, bool memoryAuto) {
  std::vector<xml::Element> memnodes;
  std::vector<xml::Element> others;
  for (auto& c : numatune.children)
    (c.isElement() && c.name == "memnode" ? memnodes : others).push_back(std::move(c));
  numatune.children = std::move(others);
  if (memnodes.empty()) return;
  if (memoryAuto)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
         "Per-node binding is not compatible with automatic NUMA placement.");
  if (cells == 0)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "Element 'memnode' is invalid without any guest NUMA cells");
  std::vector<bool> seen(cells);
  for (auto& m : memnodes) {
    const std::string* id = m.attr("cellid");
    if (!id)
      fail(VIR_ERR_XML_ERROR, VIR_FROM_XML, "Missing required attribute 'cellid' in element 'memnode'");
    if (id->empty() || id->size() > 9 ||
        !std::all_of(id->begin(), id->end(), [](char c) { return std::isdigit(c); }))
      fail(VIR_ERR_XML_ERROR, VIR_FROM_XML,
           "Invalid value for attribute 'cellid' in element 'memnode': '" + *id +
               "'. Expected non-negative integer value");
    const unsigned cell = static_cast<unsigned>(std::stoul(*id));
    if (cell >= cells)
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
           "Argument 'cellid' in memnode element must correspond to existing guest's NUMA cell");
    if (seen[cell])
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
           "Multiple memnode elements with cellid " + std::to_string(cell));
    seen[cell] = true;
    std::string mode = m.attrOr("mode", "strict");
    if (mode != "strict" && mode != "preferred" && mode != "interleave" && mode != "restrictive")
      badEnum("mode", "memnode", mode);
    const std::string* nodesetText = m.attr("nodeset");
    if (!nodesetText)
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "Missing required nodeset attribute in memnode element");
    CpuSet nodes = parseCpuSet(*nodesetText);
    if (nodes.empty())
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "Invalid value of 'nodeset': " + *nodesetText);
    m.attrs = {{"cellid", std::to_string(cell)}, {"mode", mode}, {"nodeset", formatCpuSet(nodes)}};
    m.children.clear();
  }
  std::stable_sort(memnodes.begin(), memnodes.end(), [](const xml::Element& a, const xml::Element& b) {
    return std::stoul(a.attrOr("cellid")) < std::stoul(b.attrOr("cellid"));
  });
  for (auto& m : memnodes) numatune.children.push_back(std::move(m));
}

}  // namespace

unsigned numaCellCount(const DomainDef& def) {
  const xml::Element* numa = def.cpu.name.empty() ? nullptr : def.cpu.child("numa");
  return numa ? static_cast<unsigned>(numa->childrenNamed("cell").size()) : 0;
}

void checkNumaCellSwitches(const xml::Element& cell) {
  if (const std::string* a = cell.attr("memAccess"); a && *a != "shared" && *a != "private")
    badEnum("memAccess", "cell", *a);
  if (const std::string* d = cell.attr("discard"); d && *d != "yes" && *d != "no")
    badEnum("discard", "cell", *d);
}

void normalizeGuestNumaMemory(DomainDef& def) {
  unsigned cells = numaCellCount(def);
  if (xml::Element* backing = topLevelOf(def, "memoryBacking"))
    if (xml::Element* pages = backing->child("hugepages"))
      for (auto& p : pages->children)
        if (p.isElement() && p.name == "page") normalizePage(p, cells);
  if (xml::Element* numatune = topLevelOf(def, "numatune")) {
    const xml::Element* memory = numatune->child("memory");
    normalizeMemnodes(*numatune, cells, memory && memory->attrOr("placement") == "auto");
  }
}

void validateGuestNumaMemory(const DomainDef& def) {
  const unsigned cells = numaCellCount(def);
  const xml::Element* backing = topLevelOf(def, "memoryBacking");
  const xml::Element* pages = backing ? backing->child("hugepages") : nullptr;
  struct Page {
    std::string size;
    bool master;
    CpuSet nodes;
  };
  std::vector<Page> list;
  for (const xml::Element* p : pages ? pages->childrenNamed("page") : std::vector<const xml::Element*>{})
    list.push_back({p->attrOr("size"), !p->hasAttr("nodeset"),
                    p->hasAttr("nodeset") ? parseCpuSet(p->attrOr("nodeset")) : CpuSet{}});
  for (std::size_t i = 0; i < list.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const bool overlap = std::any_of(list[i].nodes.begin(), list[i].nodes.end(),
                                       [&](unsigned n) { return list[j].nodes.count(n) > 0; });
      if (!list[i].master && !list[j].master && overlap)
        fail(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN,
             "nodeset attribute of hugepages of sizes " + list[i].size + " and " + list[j].size +
                 " intersect");
      if (list[i].master && list[j].master)
        fail(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN,
             "two master hugepages detected: " + list[i].size + " and " + list[j].size);
    }
    // The first node past the last cell (libvirt's bitmap search from cells - 1).
    for (unsigned n : list[i].nodes)
      if (cells == 0 || n > cells - 1)
        fail(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "hugepages: node " + std::to_string(n) + " not found");
  }

  // Cells bound on their own must be 'restrictive' too when the domain's
  // memory is (libvirt 9.0 does not check the other way round).
  const xml::Element* numatune = topLevelOf(def, "numatune");
  if (!numatune) return;
  const xml::Element* memory = numatune->child("memory");
  if (!memory || memory->attrOr("mode") != "restrictive") return;
  for (const xml::Element* m : numatune->childrenNamed("memnode"))
    if (m->attrOr("mode") != "restrictive")
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
           "'restrictive' mode is required in memnode element when mode is 'restrictive' in memory element");
}

}  // namespace vireo::conf
