// SELinux label computation (MCS categories, contexts), <seclabel> parsing
// and formatting, and the security driver stack — all without an SELinux
// kernel.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <deque>
#include <memory>
#include <fstream>
#include <functional>
#include <set>
#include <string>

#include <libvirt/virterror.h>

#include "lib/conf/domain.h"
#include "lib/security/seclabel.h"
#include "lib/security/security_stack.h"
#include "lib/security/selinux.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/xml.h"

using namespace vireo::security;
using vireo::Error;

namespace {

// A predictable random source: hands out `values` in order.
selinux::McsRegistry::Random scripted(std::deque<uint32_t> values) {
  auto queue = std::make_shared<std::deque<uint32_t>>(std::move(values));
  return [queue](uint32_t bound) {
    REQUIRE_FALSE(queue->empty());
    uint32_t v = queue->front();
    queue->pop_front();
    REQUIRE(v < bound);
    return v;
  };
}

int errorCode(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (message) *message = e.message();
    return e.code();
  }
  return 0;
}

vireo::conf::DomainDef domain(const std::string& extra, const std::string& type = "kvm",
                              const std::string& devices = "") {
  return vireo::conf::parseDomainXml("<domain type='" + type +
                                         "'><name>d</name><memory unit='MiB'>64</memory>"
                                         "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>" +
                                         devices + "</devices>" + extra + "</domain>",
                                     vireo::conf::ParseInactive);
}

std::string formatted(const vireo::conf::DomainDef& def) {
  std::string out;
  for (const auto& e : def.otherTopLevel) {
    if (e.name != "seclabel") continue;
    vireo::xml::Writer w;
    w.element(e);
    out += w.str();
  }
  return out;
}

vireo::xml::Element element(const std::string& xml) {
  return vireo::xml::parseElement(xml, "seclabel", VIR_FROM_DOMAIN);
}

}  // namespace

// ---- contexts and ranges ----------------------------------------------------

TEST_CASE("the category range comes from the process context", "[security][selinux]") {
  using selinux::McsRange;
  using selinux::parseProcessRange;
  CHECK(parseProcessRange("system_u:system_r:virtd_t") == McsRange{"s0", 0, 1023});
  CHECK(parseProcessRange("system_u:system_r:virtd_t:s0") == McsRange{"s0", 0, 1023});
  CHECK(parseProcessRange("system_u:system_r:virtd_t:s0-s0") == McsRange{"s0", 0, 1023});
  CHECK(parseProcessRange("system_u:system_r:virtd_t:s0-s0:c0.c1023") == McsRange{"s0", 0, 1023});
  CHECK(parseProcessRange("system_u:system_r:virtd_t:s2-s15:c100.c200") == McsRange{"s2", 100, 200});
  std::string msg;
  CHECK(errorCode([] { parseProcessRange("u:r:t:s0:c5"); }, &msg) == VIR_ERR_INTERNAL_ERROR);
  CHECK(msg == "internal error: No category range available");
  CHECK(errorCode([] { parseProcessRange("u:r:t:s0:x1.c5"); }, &msg) == VIR_ERR_INTERNAL_ERROR);
  CHECK(msg == "internal error: Cannot parse category in x1.c5");
}

TEST_CASE("contexts take the range and the labelling process's user and role", "[security][selinux]") {
  using selinux::makeContext;
  CHECK(makeContext("system_u:system_r:svirt_t:s0", "s0:c1,c2", "", false) == "system_u:system_r:svirt_t:s0:c1,c2");
  CHECK(makeContext("system_u:system_r:svirt_t:s0", "s0:c1,c2", "unconfined_u:unconfined_r:virtd_t:s0-s0:c0.c1023",
                    false) == "unconfined_u:unconfined_r:svirt_t:s0:c1,c2");
  // Objects keep object_r.
  CHECK(makeContext("system_u:object_r:svirt_image_t:s0", "s0:c1,c2", "unconfined_u:unconfined_r:virtd_t:s0",
                    true) == "unconfined_u:object_r:svirt_image_t:s0:c1,c2");
  CHECK(selinux::contextRange("system_u:object_r:svirt_image_t:s0:c1,c2") == "s0:c1,c2");
  CHECK(selinux::contextRange("system_u:object_r:svirt_image_t") == "");
}

TEST_CASE("the policy's context files, or defaults without SELinux", "[security][selinux]") {
  char tmpl[] = "/tmp/vireo-selinux-XXXXXX";
  REQUIRE(mkdtemp(tmpl) != nullptr);
  std::string dir = tmpl;
  std::ofstream(dir + "/domain") << "system_u:system_r:svirt_t:s0\nsystem_u:system_r:svirt_tcg_t:s0\n";
  std::ofstream(dir + "/image") << "system_u:object_r:svirt_image_t:s0\nsystem_u:object_r:virt_content_t:s0\n";
  auto c = selinux::readContexts(dir + "/domain", dir + "/image");
  CHECK(c == selinux::defaultContexts());
  std::string msg;
  CHECK(errorCode([&] { selinux::readContexts(dir + "/absent", dir + "/image"); }, &msg) == VIR_ERR_SYSTEM_ERROR);
  CHECK(msg == "cannot read SELinux virtual domain context file '" + dir + "/absent': No such file or directory");
  vireo::removeTree(dir);
  if (!selinux::enabled()) {
    CHECK(selinux::hostContexts() == selinux::defaultContexts());
    CHECK(selinux::processRange() == selinux::McsRange{});
  } else {
    WARN("SELinux is enabled on this host: the defaults are not used");
  }
}

// ---- MCS categories ---------------------------------------------------------

TEST_CASE("MCS pairs: two different categories, ordered, never one held", "[security][selinux]") {
  selinux::McsRange range{"s0", 100, 109};
  // (5,5) is refused, (9,3) becomes c103,c109, then the held pair is skipped.
  selinux::McsRegistry reg(scripted({5, 5, 9, 3, 3, 9, 0, 1}));
  CHECK(reg.allocate(range) == "s0:c103,c109");
  CHECK(reg.allocate(range) == "s0:c100,c101");
  CHECK(reg.held("s0:c103,c109"));
  CHECK(reg.size() == 2);

  // A pair reserved for a running domain is never handed out again.
  selinux::McsRegistry reg2(scripted({0, 1, 1, 2}));
  reg2.reserve("s0:c100,c101", "system_u:system_r:svirt_t:s0:c100,c101");
  CHECK(reg2.allocate(range) == "s0:c101,c102");
  std::string msg;
  CHECK(errorCode([&] { reg2.reserve("s0:c101,c102", "L"); }, &msg) == VIR_ERR_INTERNAL_ERROR);
  CHECK(msg == "internal error: MCS level for existing domain label L already reserved");
  reg2.release("s0:c101,c102");
  CHECK_FALSE(reg2.held("s0:c101,c102"));

  CHECK(errorCode([&] { reg2.allocate({"s0", 0, 6}); }, &msg) == VIR_ERR_INTERNAL_ERROR);
  CHECK(msg == "internal error: Category range c0-c6 too small");
}

TEST_CASE("MCS pairs are unique across many domains", "[security][selinux]") {
  // 16 categories make 120 pairs: every one of them, each exactly once.
  selinux::McsRange range{"s0", 500, 515};
  selinux::McsRegistry reg;
  std::set<std::string> seen;
  for (int i = 0; i < 120; ++i) {
    std::string mcs = reg.allocate(range);
    CHECK(seen.insert(mcs).second);
    int a = 0, b = 0;
    REQUIRE(sscanf(mcs.c_str(), "s0:c%d,c%d", &a, &b) == 2);
    CHECK(a < b);
    CHECK(a >= 500);
    CHECK(b <= 515);
  }
  CHECK(reg.size() == 120);
}

// ---- labels -------------------------------------------------------------------

TEST_CASE("dynamic, static and none SELinux labels", "[security][selinux]") {
  auto contexts = selinux::defaultContexts();
  selinux::McsRange range;
  selinux::McsRegistry reg(scripted({62, 911, 1, 2, 3, 4}));

  SecLabelDef dyn;
  dyn.model = "selinux";
  selinux::generateLabel(dyn, contexts, range, reg, "kvm");
  CHECK(dyn.label == "system_u:system_r:svirt_t:s0:c62,c911");
  CHECK(dyn.imageLabel == "system_u:object_r:svirt_image_t:s0:c62,c911");
  CHECK(selinux::mountOptions(&dyn) == ",context=\"system_u:object_r:svirt_image_t:s0:c62,c911\"");

  SecLabelDef tcg;  // no model: gets selinux
  selinux::generateLabel(tcg, contexts, range, reg, "qemu");
  CHECK(tcg.model == "selinux");
  CHECK(tcg.label == "system_u:system_r:svirt_tcg_t:s0:c1,c2");

  SecLabelDef based;
  based.baseLabel = "system_u:system_r:svirt_custom_t:s0";
  selinux::generateLabel(based, contexts, range, reg, "qemu");
  CHECK(based.label == "system_u:system_r:svirt_custom_t:s0:c3,c4");

  SecLabelDef fixed;
  fixed.type = SecLabelType::Static;
  fixed.relabel = false;
  fixed.label = "system_u:system_r:svirt_t:s0:c392,c662";
  selinux::generateLabel(fixed, contexts, range, reg, "kvm");
  CHECK(fixed.imageLabel == "system_u:object_r:svirt_image_t:s0:c392,c662");
  CHECK_FALSE(reg.held("s0:c392,c662"));  // static labels are the user's business

  SecLabelDef none;
  none.type = SecLabelType::None;
  none.relabel = false;
  selinux::generateLabel(none, contexts, range, reg, "kvm");
  CHECK(none.label.empty());
  CHECK(none.imageLabel == "system_u:object_r:svirt_image_t:s0");

  std::string msg;
  CHECK(errorCode([&] { selinux::generateLabel(dyn, contexts, range, reg, "kvm"); }, &msg) == VIR_ERR_INTERNAL_ERROR);
  CHECK(msg == "internal error: security label already defined for VM");
  SecLabelDef dac;
  dac.model = "dac";
  CHECK(errorCode([&] { selinux::generateLabel(dac, contexts, range, reg, "kvm"); }, &msg) == VIR_ERR_INTERNAL_ERROR);
  CHECK(msg == "internal error: security label model dac is not supported with selinux");

  selinux::releaseLabel(dyn, reg);
  CHECK_FALSE(reg.held("s0:c62,c911"));
  CHECK(dyn.label.empty());
  CHECK(dyn.imageLabel.empty());
}

// ---- <seclabel> XML -------------------------------------------------------------

TEST_CASE("<seclabel> parses and formats as libvirt", "[security][seclabel]") {
  const std::string live =
      "<seclabel type='dynamic' model='selinux' relabel='yes'>\n"
      "  <label>system_u:system_r:svirt_t:s0:c62,c911</label>\n"
      "  <imagelabel>system_u:object_r:svirt_image_t:s0:c62,c911</imagelabel>\n"
      "</seclabel>\n";
  SecLabelDef l = parseSecLabel(element(live), true);
  CHECK(l.type == SecLabelType::Dynamic);
  CHECK(l.relabel);
  CHECK(l.label == "system_u:system_r:svirt_t:s0:c62,c911");
  vireo::xml::Writer w;
  w.element(formatSecLabel(l));
  CHECK(w.str() == live);

  // A persistent definition ignores generated labels of a dynamic one.
  SecLabelDef inactive = parseSecLabel(element(live), false);
  CHECK(inactive.label.empty());
  CHECK(inactive.imageLabel.empty());
  vireo::xml::Writer w2;
  w2.element(formatSecLabel(inactive));
  CHECK(w2.str() == "<seclabel type='dynamic' model='selinux' relabel='yes'/>\n");

  // Static and none default to relabel='no'; none has nothing else.
  SecLabelDef st = parseSecLabel(element("<seclabel type='static' model='selinux'><label>a:b:c:s0</label></seclabel>"),
                                 false);
  CHECK_FALSE(st.relabel);
  st.imageLabel = "x:object_r:y:s0";  // generated, but not shown without relabelling
  vireo::xml::Writer w3;
  w3.element(formatSecLabel(st));
  CHECK(w3.str() ==
        "<seclabel type='static' model='selinux' relabel='no'>\n  <label>a:b:c:s0</label>\n</seclabel>\n");
  vireo::xml::Writer w4;
  w4.element(formatSecLabel(parseSecLabel(element("<seclabel type='none' model='dac'/>"), false)));
  CHECK(w4.str() == "<seclabel type='none' model='dac'/>\n");

  SecLabelDef base = parseSecLabel(
      element("<seclabel type='dynamic' model='selinux'><baselabel>u:r:svirt_custom_t:s0</baselabel></seclabel>"),
      false);
  CHECK(base.baseLabel == "u:r:svirt_custom_t:s0");

  SecLabelDef implicitDac{"dac", SecLabelType::Dynamic, true, "+0:+0", "+0:+0", "", true};
  CHECK(formatSecLabel(implicitDac, true).name.empty());  // left out of migratable XML
  CHECK(formatSecLabel(implicitDac, false).name == "seclabel");
}

TEST_CASE("<seclabel> errors are libvirt's", "[security][seclabel]") {
  auto code = [](const std::string& xml, bool live, std::string* msg) {
    return errorCode([&] { parseSecLabel(element(xml), live); }, msg);
  };
  std::string msg;
  CHECK(code("<seclabel type='dynamic' relabel='no'/>", false, &msg) == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(msg == "unsupported configuration: dynamic label type must use resource relabeling");
  CHECK(code("<seclabel type='none' relabel='yes'/>", false, &msg) == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(msg == "unsupported configuration: resource relabeling is not compatible with 'none' label type");
  CHECK(code("<seclabel type='static' model='selinux'/>", false, &msg) == VIR_ERR_XML_ERROR);
  CHECK(msg == "XML error: security label is missing");
  CHECK(code("<seclabel type='dynamic' model='selinux'><label>x</label></seclabel>", true, &msg) ==
        VIR_ERR_XML_ERROR);
  CHECK(msg == "XML error: security imagelabel is missing");
  CHECK(code("<seclabel type='bogus'/>", false, &msg) == VIR_ERR_XML_ERROR);
  CHECK(code("<seclabel relabel='maybe'/>", false, &msg) == VIR_ERR_XML_ERROR);
  CHECK(code("<seclabel type='dynamic' model='none'/>", true, &msg) == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(msg == "unsupported configuration: unsupported type='dynamic' to model 'none'");

  // The definition's parse (lib/conf) already refuses these, as libvirt's does.
  auto two = "<seclabel type='dynamic' model='dac'/><seclabel type='none' model='dac'/>";
  CHECK(errorCode([&] { parseDomainSecLabels(domain(two), false, "none"); }, &msg) == VIR_ERR_XML_DETAIL);
  CHECK(msg == "seclabel for model dac is already provided");
  auto noModel = "<seclabel type='dynamic' model='dac'/><seclabel type='none'/>";
  CHECK(errorCode([&] { parseDomainSecLabels(domain(noModel), false, "none"); }, &msg) == VIR_ERR_XML_ERROR);
  CHECK(msg == "XML error: missing security model when using multiple labels");
  auto lone = domain("<seclabel type='none'/>");
  CHECK(parseDomainSecLabels(lone, false, "none").at(0).model == "none");

  std::vector<vireo::xml::Element> children{
      element("<seclabel model='dac' relabel='no'><label>+1:+1</label></seclabel>")};
  CHECK(errorCode([&] { parseDeviceSecLabels(children); }, &msg) == VIR_ERR_XML_ERROR);
  CHECK(msg == "XML error: Cannot specify a label if relabelling is turned off. model=dac");
}

TEST_CASE("DAC labels name ids or accounts", "[security][seclabel]") {
  CHECK(parseOwnershipIds("+107:+108") == OwnerIds{107, 108});
  CHECK(parseOwnershipIds("root:root") == OwnerIds{0, 0});
  CHECK(parseOwnershipIds("4242:4343") == OwnerIds{4242, 4343});  // digits that name no account
  CHECK(formatOwnershipIds(107, 108) == "+107:+108");
  CHECK_THROWS_AS(parseOwnershipIds("+x:+1"), Error);
  CHECK_THROWS_AS(parseOwnershipIds("no-such-user-here:+1"), Error);
}

// ---- the stack ------------------------------------------------------------------

TEST_CASE("a host without SELinux: models none and dac", "[security][stack]") {
  SecurityConfig config;
  config.uid = 107;
  config.gid = 108;
  SecurityStack stack = SecurityStack::create(config, false);
  CHECK(stack.models() == std::vector<std::string>{"none", "dac"});
  CHECK(stack.primaryModel() == "none");
  CHECK_FALSE(stack.selinuxActive());
  auto caps = stack.capabilityModels();
  REQUIRE(caps.size() == 2);
  CHECK(caps[0].model == "none");
  CHECK(caps[0].doi == "0");
  CHECK(caps[0].baseLabels.empty());
  CHECK(caps[1].model == "dac");
  CHECK(caps[1].baseLabels == std::vector<std::pair<std::string, std::string>>{{"kvm", "+107:+108"},
                                                                               {"qemu", "+107:+108"}});

  auto def = domain("");
  stack.prepareDomain(def);
  CHECK(formatted(def) ==
        "<seclabel type='dynamic' model='dac' relabel='yes'>\n  <label>+107:+108</label>\n"
        "  <imagelabel>+107:+108</imagelabel>\n</seclabel>\n");
  CHECK(stack.mountOptions(def).empty());

  std::string msg;
  auto wantsSelinux = domain("<seclabel type='dynamic' model='selinux'/>");
  CHECK(errorCode([&] { stack.prepareDomain(wantsSelinux); }, &msg) == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(msg == "unsupported configuration: Security driver model 'selinux' is not available");
  auto diskLabel = domain("", "kvm",
                          "<disk type='file' device='disk'><source file='/x'><seclabel model='apparmor' "
                          "relabel='no'/></source><target dev='vda' bus='virtio'/></disk>");
  CHECK(errorCode([&] { stack.checkModels(diskLabel); }, &msg) == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(msg == "unsupported configuration: Security driver model 'apparmor' is not available");
}

TEST_CASE("which security drivers a configuration gets", "[security][stack]") {
  SecurityConfig config;
  std::string msg;
  config.drivers = {"selinux"};
  CHECK(errorCode([&] { SecurityStack::create(config, false); }, &msg) == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(msg == "unsupported configuration: Security driver selinux not enabled");
  config.drivers = {"apparmor"};
  CHECK(errorCode([&] { SecurityStack::create(config, false); }, &msg) == VIR_ERR_INTERNAL_ERROR);
  CHECK(msg == "internal error: Security driver apparmor not found");
  config.drivers = {"none"};
  config.requireConfined = true;
  CHECK(errorCode([&] { SecurityStack::create(config, false); }, &msg) == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(msg == "unsupported configuration: Security driver \"none\" cannot create confined guests");
  config.drivers = {};
  config.requireConfined = false;
  CHECK(SecurityStack::create(config, true).models() == std::vector<std::string>{"selinux", "dac"});

  // Not confined by default: no implicit labels at all.
  config.defaultConfined = false;
  SecurityStack unconfined = SecurityStack::create(config, false);
  auto def = domain("");
  unconfined.prepareDomain(def);
  CHECK(formatted(def).empty());
}

TEST_CASE("an SELinux host: labels for running domains, unique, given back", "[security][stack]") {
  SecurityConfig config;
  config.uid = 107;
  config.gid = 107;
  SecurityStack stack = SecurityStack::create(config, true);
  auto a = domain("");
  auto b = domain("", "qemu");
  stack.prepareDomain(a);
  stack.prepareDomain(b);
  auto la = parseDomainSecLabels(a, true, "selinux");
  auto lb = parseDomainSecLabels(b, true, "selinux");
  REQUIRE(la.size() == 2);
  CHECK(la[0].model == "selinux");
  CHECK(la[1].model == "dac");
  CHECK(la[1].label == "+107:+107");
  std::string mcsA = selinux::contextRange(la[0].label);
  std::string mcsB = selinux::contextRange(findSecLabel(lb, "selinux")->label);
  CHECK(mcsA != mcsB);
  CHECK(la[0].label == "system_u:system_r:svirt_t:" + mcsA);
  CHECK(la[0].imageLabel == "system_u:object_r:svirt_image_t:" + mcsA);
  CHECK(findSecLabel(lb, "selinux")->label == "system_u:system_r:svirt_tcg_t:" + mcsB);
  CHECK(stack.mcs().size() == 2);
  CHECK(stack.mountOptions(a) == ",context=\"system_u:object_r:svirt_image_t:" + mcsA + "\"");
  CHECK(formatted(a).rfind("<seclabel type='dynamic' model='selinux' relabel='yes'>\n  <label>", 0) == 0);

  // A new process reconnecting finds the pairs of running domains held.
  SecurityStack restarted = SecurityStack::create(config, true);
  restarted.reserveDomain(a);
  CHECK(restarted.mcs().held(mcsA));
  std::string msg;
  CHECK(errorCode([&] { restarted.reserveDomain(a); }, &msg) == VIR_ERR_INTERNAL_ERROR);

  stack.releaseDomain(a);
  CHECK_FALSE(stack.mcs().held(mcsA));
  CHECK(stack.mcs().held(mcsB));

  // security_require_confined refuses a domain that asks for none.
  config.requireConfined = true;
  SecurityStack strict = SecurityStack::create(config, true);
  // The SELinux pair is drawn first, then DAC refuses: the pair goes back.
  auto none = domain("<seclabel type='none' model='dac'/>");
  CHECK(errorCode([&] { strict.prepareDomain(none); }, &msg) == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(msg == "unsupported configuration: Unconfined guests are not allowed on this host");
  CHECK(strict.mcs().size() == 0);
}
