// buildQemuCommand(): the environment and the arguments of QEMU for a
// domain, in the order libvirt 9.0 writes them; and the two shell renderings
// of a command: one line for virConnectDomainXMLToNative, one option per
// line for the domain log.
#include "drivers/qemu/qemu_command.h"
#include "drivers/qemu/qemu_command_internal.h"

#include <cstdlib>
#include <string_view>

namespace vireo::qemu {

namespace {

using cmd::BuildState;

// libvirt's order: LC_ALL=C, the variables passed from the caller (HOME
// taking the domain's directory in its place, or after them when the caller
// has none), then the XDG directories. HOME and XDG_* point into the private
// directory so that libraries inside QEMU never touch the user's home.
void buildEnvironment(BuildState& st) {
  const std::string& lib = st.ctx.domainLibDir;
  st.env("LC_ALL", "C");
  bool home = false;
  for (const auto& [name, value] : st.ctx.inheritedEnv) {
    if (name == "HOME") {
      st.env("HOME", lib);
      home = true;
    } else {
      st.env(name, value);
    }
  }
  if (!home) st.env("HOME", lib);
  st.env("XDG_DATA_HOME", lib + "/.local/share");
  st.env("XDG_CACHE_HOME", lib + "/.cache");
  st.env("XDG_CONFIG_HOME", lib + "/.config");
}

void buildVmcoreinfo(BuildState& st) {
  const xml::Element& f = st.def.features;
  const xml::Element* v = f.name.empty() ? nullptr : f.child("vmcoreinfo");
  if (!v || v->attrOr("state", "on") != "on") return;
  cmd::JsonArgWriter p;
  p.str("driver", "vmcoreinfo");
  st.device(p);
}

// libvirt's virBufferEscapeShell: quote only words with shell
// metacharacters, in single quotes, a quote itself written as '\''.
std::string shellQuote(const std::string& word) {
  if (word.empty()) return "''";
  if (word.find_first_of("\r\t\n !\"#$&'()*;<>?[\\]^`{|}~") == std::string::npos) return word;
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

}  // namespace

QemuCommand buildQemuCommand(const conf::DomainDef& def, const CommandContext& ctx) {
  QemuCommand out;
  CommandContext resolved = ctx;
  if (resolved.emulator.empty()) resolved.emulator = def.emulator;
  if (resolved.emulator.empty()) cmd::internalError("no emulator binary for domain '" + def.name + "'");
  BuildState s{def, resolved, out};

  // Refuse what cannot be expressed before writing anything.
  cmd::checkTopLevelSupported(s);
  cmd::checkDevicesSupported(s);

  out.argv.push_back(resolved.emulator);

  buildEnvironment(s);
  cmd::buildName(s);
  s.arg("-S");  // the CPUs start once the driver has set the domain up
  cmd::buildMasterKey(s);
  cmd::buildMachine(s);
  cmd::buildAccel(s);
  cmd::buildCpu(s);
  cmd::buildLoader(s);
  cmd::buildMemory(s);
  cmd::buildSmp(s);
  cmd::buildIOThreads(s);
  cmd::buildUuidAndGenid(s);
  // -display none must precede the serial and monitor options: without it
  // QEMU would put its own console on stdio.
  if (def.graphics.empty()) s.arg("-display", "none");
  s.arg("-no-user-config");
  s.arg("-nodefaults");
  cmd::buildMonitor(s);
  cmd::buildClock(s);
  cmd::buildPowerManagement(s);
  cmd::buildBoot(s);
  cmd::buildGlobalControllerOptions(s);
  cmd::buildControllers(s);
  cmd::buildHubs(s);
  cmd::buildControllersOfType(s, "ccid");
  cmd::buildDisks(s);
  cmd::buildFilesystems(s);
  cmd::buildNets(s);
  cmd::buildSerials(s);
  cmd::buildParallels(s);
  cmd::buildChannels(s);
  cmd::buildConsoles(s);
  cmd::buildInputs(s);
  cmd::buildAudio(s);
  cmd::buildGraphics(s);
  cmd::buildVideos(s);
  cmd::buildSounds(s);
  cmd::buildWatchdogs(s);
  cmd::buildMemballoon(s);
  cmd::buildRngs(s);
  buildVmcoreinfo(s);
  cmd::buildSandbox(s);
  cmd::buildPanics(s);
  s.arg("-msg", "timestamp=on");
  return out;
}

namespace {

// 'A=b c' is fine in a shell, 'A="b c"' is not: quote the value only.
std::string quoteAssignment(const std::string& e) {
  std::size_t eq = e.find('=');
  if (eq == std::string::npos) return shellQuote(e);
  return e.substr(0, eq + 1) + shellQuote(e.substr(eq + 1));
}

}  // namespace

std::string QemuCommand::toNativeString() const {
  std::string out;
  for (const auto& e : env) out += quoteAssignment(e) + " ";
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (i > 0) out += " ";
    out += shellQuote(argv[i]);
  }
  return out;
}

std::string QemuCommand::toLogString() const {
  std::string out;
  for (const auto& e : env) out += quoteAssignment(e) + " \\\n";
  // A value stays on its option's line; an option, or a second value in a
  // row, starts a new one (the emulator counts as a value).
  bool previousWasOption = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    bool option = !argv[i].empty() && argv[i][0] == '-';
    if (i > 0) out += (option || !previousWasOption) ? " \\\n" : " ";
    out += shellQuote(argv[i]);
    previousWasOption = option;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> inheritedEnvironment() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* name : {"LD_PRELOAD", "LD_LIBRARY_PATH", "PATH", "HOME", "USER", "LOGNAME", "TMPDIR"}) {
    // A set-user-ID caller must not hand its user's LD_PRELOAD, PATH, ...
    // to QEMU (secure_getenv hides them then); who the user is may pass,
    // as in libvirt.
    bool identity = std::string_view(name) == "USER" || std::string_view(name) == "LOGNAME";
    const char* value = identity ? std::getenv(name) : secure_getenv(name);
    if (value) out.emplace_back(name, value);
  }
  return out;
}

}  // namespace vireo::qemu
