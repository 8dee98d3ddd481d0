#include "drivers/lxc/lxc_idmap.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include <libvirt/virterror.h>

#include "lib/util/error.h"
#include "lib/util/fd.h"

namespace vireo::lxc {

namespace {

// The kernel takes at most this many lines in a uid_map or gid_map.
constexpr size_t kMaxRanges = 340;

unsigned long rangeValue(const xml::Element& e, const char* attr) {
  std::string text = e.attrOr(attr);
  char* end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || *end || errno || text[0] == '-' || v > 0xFFFFFFFFull)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC,
         "invalid idmap " + e.name + " " + attr + " '" + text + "': a number from 0 to 4294967295 is required");
  return static_cast<unsigned long>(v);
}

bool coversRoot(const std::vector<IdRange>& ranges) {
  for (const IdRange& r : ranges)
    if (r.start == 0) return true;
  return false;
}

std::string mapText(const std::vector<IdRange>& ranges) {
  std::string text;
  for (const IdRange& r : ranges)
    text += std::to_string(r.start) + " " + std::to_string(r.target) + " " + std::to_string(r.count) + "\n";
  return text;
}

// A /proc map file takes its whole content in one write().
void writeMap(pid_t pid, const char* file, const std::string& text) {
  std::string path = "/proc/" + std::to_string(pid) + "/" + file;
  UniqueFd fd(open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd) failSystem(VIR_FROM_LXC, errno, "Unable to open " + path);
  ssize_t n = write(fd.get(), text.data(), text.size());
  if (n < 0) failSystem(VIR_FROM_LXC, errno, "Unable to write the user namespace map " + path);
  if (static_cast<size_t>(n) != text.size()) failSystem(VIR_FROM_LXC, EIO, "Short write to " + path);
}

}  // namespace

IdMap idMapOf(const conf::DomainDef& def) {
  IdMap map;
  for (const xml::Element& top : def.otherTopLevel) {
    if (!top.isElement() || top.name != "idmap") continue;
    for (const xml::Element* e : top.elements()) {
      if (e->name != "uid" && e->name != "gid")
        fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "unexpected element <" + e->name + "> in <idmap>");
      IdRange r{rangeValue(*e, "start"), rangeValue(*e, "target"), rangeValue(*e, "count")};
      if (r.count == 0) fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "idmap " + e->name + " count must not be 0");
      (e->name == "uid" ? map.uids : map.gids).push_back(r);
    }
  }
  if (map.empty()) return map;
  if (map.uids.empty() || map.gids.empty())
    fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "<idmap> needs both <uid> and <gid> ranges");
  if (map.uids.size() > kMaxRanges || map.gids.size() > kMaxRanges)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "<idmap> has more than 340 uid or gid ranges");
  if (!coversRoot(map.uids) || !coversRoot(map.gids))
    fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "You must map the root user of container");
  return map;
}

void writeIdMaps(pid_t pid, const IdMap& map) {
  writeMap(pid, "uid_map", mapText(map.uids));
  writeMap(pid, "gid_map", mapText(map.gids));
}

security::ProcessCredentials namespaceRootCredentials() {
  security::ProcessCredentials c;
  c.changeIds = true;  // uid 0, gid 0, no groups
  return c;
}

}  // namespace vireo::lxc
