#include "lib/security/security_stack.h"

#include <libvirt/virterror.h>

#include "lib/util/error.h"

namespace vireo::security {

namespace {

[[noreturn]] void failSecurity(virErrorNumber code, const std::string& detail) {
  fail(code, VIR_FROM_SECURITY, detail);
}

// libvirt's DAC GenLabel: the label is the configured "+uid:+gid" unless
// static, and the image label follows it.
void generateDacLabel(SecLabelDef& l, const SecurityConfig& config, const conf::DomainDef& def) {
  if (!l.imageLabel.empty()) failSecurity(VIR_ERR_INTERNAL_ERROR, "security image label already defined for VM");
  // libvirt's own wording, "selinux" included.
  if (!l.model.empty() && l.model != "dac")
    failSecurity(VIR_ERR_INTERNAL_ERROR, "security label model " + l.model + " is not supported with selinux");
  switch (l.type) {
    case SecLabelType::Static:
      if (l.label.empty())
        failSecurity(VIR_ERR_INTERNAL_ERROR, "missing label for static security driver in domain " + def.name);
      break;
    case SecLabelType::Dynamic:
      l.label = formatOwnershipIds(config.uid, config.gid);
      break;
    case SecLabelType::None:
      return;
    case SecLabelType::Default:
      failSecurity(VIR_ERR_INTERNAL_ERROR, "unexpected security label type 'default'");
  }
  if (l.relabel && l.imageLabel.empty()) l.imageLabel = l.label;
}

// Every model named by a <seclabel> below `children` (a device's <source>).
void collectDeviceModels(const std::vector<xml::Element>& children, std::vector<std::string>& out) {
  for (const DeviceSecLabel& l : parseDeviceSecLabels(children))
    if (!l.model.empty()) out.push_back(l.model);
}

}  // namespace

SecurityStack SecurityStack::create(const SecurityConfig& config, bool selinuxEnabled,
                                    const selinux::Contexts& contexts) {
  SecurityStack s;
  s.config_ = config;
  s.contexts_ = contexts;
  s.mcs_ = std::make_unique<selinux::McsRegistry>();
  std::vector<std::string> names = config.drivers;
  // Probing: the first driver the host supports; "none" always does.
  if (names.empty()) names.push_back(selinuxEnabled ? "selinux" : "none");
  for (const std::string& name : names) {
    if (name == "selinux") {
      if (!selinuxEnabled) failSecurity(VIR_ERR_CONFIG_UNSUPPORTED, "Security driver selinux not enabled");
    } else if (name != "none") {
      failSecurity(VIR_ERR_INTERNAL_ERROR, "Security driver " + name + " not found");
    }
    Driver d{name, config.defaultConfined, config.requireConfined};
    if (name == "none") {
      if (config.requireConfined)
        failSecurity(VIR_ERR_CONFIG_UNSUPPORTED, "Security driver \"none\" cannot create confined guests");
      d.defaultConfined = false;  // nothing to confine with
    }
    s.drivers_.push_back(d);
  }
  s.drivers_.push_back({"dac", config.defaultConfined, config.requireConfined});
  if (s.selinuxActive()) s.range_ = selinux::processRange();
  return s;
}

std::vector<std::string> SecurityStack::models() const {
  std::vector<std::string> out;
  for (const Driver& d : drivers_) out.push_back(d.model);
  return out;
}

bool SecurityStack::selinuxActive() const {
  for (const Driver& d : drivers_)
    if (d.model == "selinux") return true;
  return false;
}

std::vector<SecModel> SecurityStack::capabilityModels() const {
  std::vector<SecModel> out;
  for (const Driver& d : drivers_) {
    SecModel m{d.model, "0", {}};
    if (d.model == "selinux") {
      m.baseLabels = {{"kvm", contexts_.domain},
                      {"qemu", contexts_.altDomain.empty() ? contexts_.domain : contexts_.altDomain}};
    } else if (d.model == "dac") {
      std::string ids = formatOwnershipIds(config_.uid, config_.gid);
      m.baseLabels = {{"kvm", ids}, {"qemu", ids}};
    }
    out.push_back(std::move(m));
  }
  return out;
}

void SecurityStack::checkModels(const conf::DomainDef& def) const {
  std::vector<std::string> used;
  for (const SecLabelDef& l : parseDomainSecLabels(def, false, primaryModel())) used.push_back(l.model);
  for (const conf::DiskDef& disk : def.disks) collectDeviceModels(disk.source.rest.children, used);
  for (const auto* list : {&def.serials, &def.parallels, &def.channels, &def.consoles})
    for (const conf::ChrDef& chr : *list)
      for (const xml::Element& source : chr.sources) collectDeviceModels(source.children, used);
  for (const std::string& model : used) {
    if (model == "none") continue;
    bool known = false;
    for (const Driver& d : drivers_) known = known || d.model == model;
    if (!known) failSecurity(VIR_ERR_CONFIG_UNSUPPORTED, "Security driver model '" + model + "' is not available");
  }
}

void SecurityStack::generate(SecLabelDef& label, const Driver& driver, const conf::DomainDef& def,
                             std::string_view processContext) {
  if (driver.model == "selinux")
    selinux::generateLabel(label, contexts_, range_, *mcs_, def.type, processContext);
  else if (driver.model == "dac")
    generateDacLabel(label, config_, def);
  // "none" generates nothing.
}

void SecurityStack::prepareDomain(conf::DomainDef& def, std::string_view processContext) {
  checkModels(def);
  std::vector<SecLabelDef> labels = parseDomainSecLabels(def, false, primaryModel());
  std::vector<std::string> allocated;
  try {
    for (const Driver& driver : drivers_) {
      SecLabelDef* label = findSecLabel(labels, driver.model);
      if (!label) {
        // Only drivers that confine by default add a label of their own.
        if (!driver.defaultConfined) continue;
        SecLabelDef implicit;
        implicit.model = driver.model;
        implicit.type = SecLabelType::Dynamic;
        implicit.implicit = true;
        labels.push_back(implicit);
        label = &labels.back();
      } else if (label->type == SecLabelType::Default) {
        label->type = driver.defaultConfined ? SecLabelType::Dynamic : SecLabelType::None;
        label->relabel = driver.defaultConfined;
      }
      if (label->type == SecLabelType::None && driver.requireConfined)
        failSecurity(VIR_ERR_CONFIG_UNSUPPORTED, "Unconfined guests are not allowed on this host");
      generate(*label, driver, def, processContext);
      if (driver.model == "selinux" && label->type == SecLabelType::Dynamic)
        allocated.push_back(selinux::contextRange(label->label));
    }
  } catch (...) {
    for (const std::string& mcs : allocated) mcs_->release(mcs);
    throw;
  }
  storeDomainSecLabels(def, labels);
}

void SecurityStack::reserveDomain(const conf::DomainDef& liveDef) {
  for (const SecLabelDef& l : parseDomainSecLabels(liveDef, true, primaryModel()))
    if (l.model == "selinux") selinux::reserveLabel(l, *mcs_);
}

void SecurityStack::releaseDomain(conf::DomainDef& liveDef) {
  std::vector<SecLabelDef> labels = parseDomainSecLabels(liveDef, true, primaryModel());
  for (SecLabelDef& l : labels)
    if (l.model == "selinux") selinux::releaseLabel(l, *mcs_);
  storeDomainSecLabels(liveDef, labels);
}

std::string SecurityStack::mountOptions(const conf::DomainDef& liveDef) const {
  std::vector<SecLabelDef> labels = parseDomainSecLabels(liveDef, true, primaryModel());
  return selinux::mountOptions(findSecLabel(labels, "selinux"));
}

}  // namespace vireo::security
