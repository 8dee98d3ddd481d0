#include "lib/security/selinux.h"

#include <sys/random.h>

#include <selinux/selinux.h>

#include <cerrno>
#include <charconv>
#include <fstream>
#include <tuple>
#include <utility>

#include <libvirt/virterror.h>

#include "lib/util/error.h"

namespace vireo::security::selinux {

namespace {

constexpr const char* kModel = "selinux";

[[noreturn]] void failInternal(const std::string& detail) { fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_SECURITY, detail); }

// The first `n` colon-separated fields of a context and the rest (the
// range may contain colons itself: "s0:c1,c2").
struct ContextParts {
  std::string user, role, type, range;
};

ContextParts splitContext(std::string_view ctx) {
  ContextParts p;
  std::string* fields[] = {&p.user, &p.role, &p.type};
  for (std::string* f : fields) {
    auto colon = ctx.find(':');
    *f = std::string(ctx.substr(0, colon));
    ctx = colon == std::string_view::npos ? std::string_view() : ctx.substr(colon + 1);
  }
  p.range = std::string(ctx);
  return p;
}

// The first two lines of a small policy file.
std::pair<std::string, std::string> readTwoLines(const std::string& path, const char* what) {
  std::ifstream in(path);
  if (!in) failSystem(VIR_FROM_SECURITY, errno, std::string("cannot read SELinux ") + what + " file '" + path + "'");
  std::string first, second;
  std::getline(in, first);
  std::getline(in, second);
  return {first, second};
}

// A decimal category number at the front of `s`, which moves past it.
bool takeNumber(std::string_view& s, int* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  if (ec != std::errc() || end == s.data()) return false;
  s.remove_prefix(static_cast<size_t>(end - s.data()));
  return true;
}

uint32_t randomBelow(uint32_t bound) {
  // Rejection sampling keeps the draw uniform.
  uint32_t limit = UINT32_MAX - UINT32_MAX % bound;
  for (;;) {
    uint32_t v = 0;
    if (getrandom(&v, sizeof v, 0) != static_cast<ssize_t>(sizeof v)) continue;
    if (v < limit) return v % bound;
  }
}

}  // namespace

bool enabled() { return is_selinux_enabled() > 0; }

Contexts defaultContexts() {
  return {"system_u:system_r:svirt_t:s0", "system_u:system_r:svirt_tcg_t:s0", "system_u:object_r:svirt_image_t:s0",
          "system_u:object_r:virt_content_t:s0"};
}

Contexts readContexts(const std::string& domainContextFile, const std::string& imageContextFile) {
  Contexts c;
  std::tie(c.domain, c.altDomain) = readTwoLines(domainContextFile, "virtual domain context");
  std::tie(c.file, c.content) = readTwoLines(imageContextFile, "virtual image context");
  return c;
}

Contexts hostContexts() {
  if (!enabled()) return defaultContexts();
  return readContexts(selinux_virtual_domain_context_path(), selinux_virtual_image_context_path());
}

McsRange parseProcessRange(std::string_view context) {
  McsRange r;
  std::string range = splitContext(context).range;
  if (range.empty()) return r;  // no MLS part: s0, c0.c1023
  std::string_view sens = range;
  std::string_view cat;
  if (auto colon = sens.find(':'); colon != std::string_view::npos) {
    cat = sens.substr(colon + 1);
    sens = sens.substr(0, colon);
  }
  // Only the low end of the sensitivity range matters.
  if (auto dash = sens.find('-'); dash != std::string_view::npos) sens = sens.substr(0, dash);
  r.sensitivity = std::string(sens);
  if (cat.empty()) return r;
  std::string whole(cat);
  auto bad = [&] { failInternal("Cannot parse category in " + whole); };
  if (cat.front() != 'c') bad();
  cat.remove_prefix(1);
  if (!takeNumber(cat, &r.catMin)) bad();
  // A single category leaves nothing to allocate from.
  if (cat.empty()) failInternal("No category range available");
  if (cat.front() != '.') bad();
  cat.remove_prefix(1);
  if (cat.empty() || cat.front() != 'c') bad();
  cat.remove_prefix(1);
  if (!takeNumber(cat, &r.catMax)) bad();
  return r;
}

McsRange processRange() {
  if (!enabled()) return {};
  char* con = nullptr;
  if (getcon_raw(&con) < 0) failSystem(VIR_FROM_SECURITY, errno, "Unable to get current process SELinux context");
  std::string context(con);
  freecon(con);
  return parseProcessRange(context);
}

std::string contextRange(std::string_view context) { return splitContext(context).range; }

std::string makeContext(std::string_view base, std::string_view range, std::string_view processContext,
                        bool isObject) {
  ContextParts b = splitContext(base);
  if (!processContext.empty()) {
    ContextParts p = splitContext(processContext);
    b.user = p.user;
    if (!isObject) b.role = p.role;
  }
  std::string out = b.user + ":" + b.role + ":" + b.type;
  if (!range.empty()) out += ":" + std::string(range);
  return out;
}

McsRegistry::McsRegistry(Random random) : random_(random ? std::move(random) : Random(randomBelow)) {}

std::string McsRegistry::allocate(const McsRange& range) {
  int span = range.catMax - range.catMin + 1;
  if (span < 8)
    failInternal("Category range c" + std::to_string(range.catMin) + "-c" + std::to_string(range.catMax) +
                 " too small");
  std::lock_guard lock(mutex_);
  for (;;) {
    int c1 = static_cast<int>(random_(static_cast<uint32_t>(span)));
    int c2 = static_cast<int>(random_(static_cast<uint32_t>(span)));
    // Equal categories would be a subset of every pair holding that one.
    if (c1 == c2) continue;
    if (c1 > c2) std::swap(c1, c2);
    std::string mcs = range.sensitivity + ":c" + std::to_string(range.catMin + c1) + ",c" +
                      std::to_string(range.catMin + c2);
    if (held_.insert(mcs).second) return mcs;
  }
}

void McsRegistry::reserve(const std::string& mcs, const std::string& label) {
  std::lock_guard lock(mutex_);
  if (!held_.insert(mcs).second) failInternal("MCS level for existing domain label " + label + " already reserved");
}

void McsRegistry::release(const std::string& mcs) {
  std::lock_guard lock(mutex_);
  held_.erase(mcs);
}

bool McsRegistry::held(const std::string& mcs) const {
  std::lock_guard lock(mutex_);
  return held_.count(mcs) != 0;
}

size_t McsRegistry::size() const {
  std::lock_guard lock(mutex_);
  return held_.size();
}

void generateLabel(SecLabelDef& label, const Contexts& contexts, const McsRange& range, McsRegistry& registry,
                   std::string_view virtType, std::string_view processContext) {
  if (label.type == SecLabelType::Dynamic && !label.label.empty())
    failInternal("security label already defined for VM");
  if (!label.imageLabel.empty()) failInternal("security image label already defined for VM");
  if (!label.model.empty() && label.model != kModel)
    failInternal("security label model " + label.model + " is not supported with selinux");

  std::string mcs;
  switch (label.type) {
    case SecLabelType::Static:
      mcs = contextRange(label.label);
      if (mcs.empty()) failInternal("unable to get selinux context range of '" + label.label + "'");
      break;
    case SecLabelType::Dynamic: {
      mcs = registry.allocate(range);
      std::string base = label.baseLabel;
      if (base.empty())
        base = virtType == "qemu" && !contexts.altDomain.empty() ? contexts.altDomain : contexts.domain;
      label.label = makeContext(base, mcs, processContext, false);
      break;
    }
    case SecLabelType::None:
      mcs = range.sensitivity;
      break;
    case SecLabelType::Default:
      failInternal("unexpected security label type 'default'");
  }
  // Always made: new files for the domain are created with it.
  label.imageLabel = makeContext(contexts.file, mcs, processContext, true);
  if (label.model.empty()) label.model = kModel;
}

void reserveLabel(const SecLabelDef& label, McsRegistry& registry) {
  if (label.type != SecLabelType::Dynamic || label.label.empty()) return;
  registry.reserve(contextRange(label.label), label.label);
}

void releaseLabel(SecLabelDef& label, McsRegistry& registry) {
  if (label.type == SecLabelType::Dynamic) {
    if (!label.label.empty()) registry.release(contextRange(label.label));
    label.label.clear();
  }
  label.imageLabel.clear();
}

std::string mountOptions(const SecLabelDef* label) {
  if (!label || label->imageLabel.empty()) return {};
  return ",context=\"" + label->imageLabel + "\"";
}

}  // namespace vireo::security::selinux
