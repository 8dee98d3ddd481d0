#include "drivers/qemu/qemu_namespace.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "lib/ns/dev_hotplug.h"
#include "lib/ns/dev_plan.h"
#include "lib/util/error.h"
#include "lib/util/log.h"

namespace vireo::qemu {

namespace {

constexpr char kLogModule[] = "qemu.qemu_namespace";

bool underDev(const std::string& path) { return path.rfind("/dev/", 0) == 0; }

void addIfDev(std::vector<std::string>& out, const std::string& path) {
  if (underDev(path)) out.push_back(path);
}

std::string sourceAttr(const std::vector<xml::Element>& sources, const char* name) {
  return sources.empty() ? std::string() : sources.front().attrOr(name);
}

void chrPaths(const conf::ChrDef& c, std::vector<std::string>& out) {
  if (c.type == "dev" || c.type == "pipe" || c.type == "file") addIfDev(out, sourceAttr(c.sources, "path"));
}

// <rng><backend model='random'>/dev/urandom</backend></rng> and
// <input type='evdev'><source dev='/dev/input/event3'/></input> live in
// preserved XML; take the paths out of it.
void genericPaths(const conf::GenericDeviceDef& g, std::vector<std::string>& out) {
  for (const xml::Element& child : g.rest.children) {
    if (g.kind == "rng" && child.name == "backend" && child.attrOr("model") == "random")
      addIfDev(out, child.textContent().empty() ? "/dev/random" : child.textContent());
    if (g.kind == "tpm" && child.name == "backend")
      if (const xml::Element* dev = child.child("device")) addIfDev(out, dev->attrOr("path", "/dev/tpm0"));
  }
}

// The nodes (not directories: lib/ns never removes those) that `paths`
// bring into a /dev, symlink chains included, relative to /dev.
std::vector<std::string> relativeNodes(const std::vector<std::string>& paths) {
  std::vector<std::string> rel;
  for (const ns::DevNode& n : ns::planDevNodes(paths, {}, VIR_FROM_QEMU))
    if (n.type != ns::DevNodeType::Directory) rel.push_back(n.path);
  return rel;
}

// The same for paths that may no longer exist on the host (a device that
// went away): those count as their own node.
std::vector<std::string> relativeNodesTolerant(const std::vector<std::string>& paths) {
  std::vector<std::string> rel;
  for (const std::string& p : paths) {
    try {
      for (auto& r : relativeNodes({p})) rel.push_back(std::move(r));
    } catch (const Error& e) {
      // Gone from the host (the expected case): it stands for itself.
      VIREO_DEBUG(kLogModule, "%s taken as its own node: %s", p.c_str(), e.message().c_str());
      if (underDev(p)) rel.push_back(p.substr(5));
    }
  }
  return rel;
}

}  // namespace

bool namespaceWanted(const QemuDriver& driver) {
  const auto& ns = driver.config.namespaces;
  return driver.privileged && std::find(ns.begin(), ns.end(), "mount") != ns.end();
}

std::vector<std::string> devicePaths(const conf::DeviceDef& device) {
  std::vector<std::string> out;
  std::visit(
      [&](const auto& dev) {
        using T = std::decay_t<decltype(dev)>;
        if constexpr (std::is_same_v<T, conf::DiskDef>) {
          if (dev.type == "block") addIfDev(out, dev.source.dev);
          else addIfDev(out, dev.source.file);
        } else if constexpr (std::is_same_v<T, conf::ChrDef>) {
          chrPaths(dev, out);
        } else if constexpr (std::is_same_v<T, conf::NetDef>) {
          if (dev.type == "ethernet" || dev.type == "bridge" || dev.type == "network") {
            out.push_back("/dev/net/tun");
            out.push_back("/dev/vhost-net");
          }
        } else if constexpr (std::is_same_v<T, conf::InputDef>) {
          if (dev.type == "evdev" || dev.type == "passthrough")
            for (const xml::Element& c : dev.rest.children)
              if (c.name == "source") addIfDev(out, c.attrOr(dev.type == "evdev" ? "dev" : "evdev"));
        } else if constexpr (std::is_same_v<T, conf::GenericDeviceDef>) {
          genericPaths(dev, out);
        }
      },
      device);
  return out;
}

std::vector<std::string> domainDevicePaths(const conf::DomainDef& def) {
  std::vector<std::string> out;
  auto take = [&](conf::DeviceDef d) {
    for (auto& p : devicePaths(d)) out.push_back(std::move(p));
  };
  for (const auto& d : def.disks) take(d);
  for (const auto& n : def.nets) take(n);
  for (const auto* list : {&def.serials, &def.parallels, &def.consoles, &def.channels})
    for (const auto& c : *list) take(c);
  for (const auto& i : def.inputs) take(i);
  for (const auto& g : def.otherDevices) take(g);
  // /dev/vhost-net is optional: a host without it runs virtio-net in QEMU.
  std::vector<std::string> required;
  for (auto& p : out)
    if (p != "/dev/vhost-net" || access("/dev/vhost-net", F_OK) == 0) required.push_back(std::move(p));
  std::sort(required.begin(), required.end());
  required.erase(std::unique(required.begin(), required.end()), required.end());
  return required;
}

void namespaceAddPaths(QemuDriver& driver, QemuDomain& dom, const std::vector<std::string>& paths) {
  if (!dom.run.privateDev || paths.empty()) return;
  ns::DevPlanOptions opts;
  opts.runDir = driver.paths.stateDir;
  ns::addDevNodes(dom.run.pid, paths, opts, VIR_FROM_QEMU);
  MutexLock lock(driver.mu);
  for (std::string& rel : relativeNodes(paths))
    if (std::find(dom.run.devNodes.begin(), dom.run.devNodes.end(), rel) == dom.run.devNodes.end())
      dom.run.devNodes.push_back(std::move(rel));
}

void namespaceRemovePaths(QemuDriver& driver, QemuDomain& dom, const std::vector<std::string>& paths) {
  if (!dom.run.privateDev || paths.empty()) return;
  try {
    // What the domain still needs: the configured list and its devices.
    std::vector<std::string> stillUsed;
    for (const auto& p : driver.config.cgroupDeviceAcl)
      if (access(p.c_str(), F_OK) == 0) stillUsed.push_back(p);
    conf::DomainDef def;
    {
      MutexLock lock(driver.mu);
      def = dom.def;
    }
    for (auto& p : domainDevicePaths(def)) stillUsed.push_back(std::move(p));
    std::set<std::string> keep;
    for (auto& rel : relativeNodesTolerant(stillUsed)) keep.insert(std::move(rel));
    std::vector<std::string> drop;
    for (auto& rel : relativeNodesTolerant(paths)) {
      bool ours = std::find(dom.run.devNodes.begin(), dom.run.devNodes.end(), rel) != dom.run.devNodes.end();
      if (ours && !keep.count(rel)) drop.push_back(rel);
    }
    // Deepest first, so a symlink goes before what it points into.
    std::sort(drop.begin(), drop.end(), [](const std::string& a, const std::string& b) { return a > b; });
    ns::removeDevNodes(dom.run.pid, drop, VIR_FROM_QEMU);
    MutexLock lock(driver.mu);
    for (const auto& rel : drop)
      dom.run.devNodes.erase(std::remove(dom.run.devNodes.begin(), dom.run.devNodes.end(), rel), dom.run.devNodes.end());
  } catch (const Error& e) {
    VIREO_WARN(kLogModule, "device nodes of domain '%s' left in its /dev: %s", dom.def.name.c_str(),
               e.message().c_str());
  }
}

}  // namespace vireo::qemu
