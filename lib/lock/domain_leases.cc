#include "lib/lock/domain_leases.h"

#include <nettle/sha2.h>

#include "lib/lock/lock_program.h"
#include "lib/util/error.h"

namespace vireo::lock {

namespace {

std::string diskPath(const conf::DiskDef& disk) {
  if (disk.type == "file") return disk.source.file;
  if (disk.type == "block") return disk.source.dev;
  if (disk.type == "dir") return disk.source.dir;
  return "";  // network, volume, nvme, vhostuser: nothing on this host to lock
}

const xml::Element* unparsedChild(const conf::Unparsed& rest, std::string_view name) {
  for (const xml::Element& e : rest.children)
    if (e.isElement() && e.name == name) return &e;
  return nullptr;
}

bool writableExclusive(const conf::DiskDef& disk) {
  return !disk.readonly && !disk.shareable && !diskPath(disk).empty();
}

}  // namespace

std::string sha256Hex(const std::string& text) {
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, text.size(), reinterpret_cast<const uint8_t*>(text.data()));
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, sizeof digest, digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sizeof digest);
  for (uint8_t b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::optional<Lease> diskLease(const conf::DiskDef& disk, const LockdConfig& config) {
  if (!config.autoDiskLeases || disk.readonly) return std::nullopt;
  std::string path = diskPath(disk);
  if (path.empty()) return std::nullopt;
  Lease l;
  l.describe = "disk " + disk.targetDev + " (" + path + ")";
  if (disk.shareable) l.flags |= kAcquireShared;
  if (config.fileLockspaceDir.empty()) {
    l.name = path;  // the daemon locks the image itself; it must exist
  } else {
    l.lockspace = config.fileLockspaceDir;
    l.name = sha256Hex(path);
    l.flags |= kAcquireAutocreate;
  }
  return l;
}

Lease leaseElement(const conf::GenericDeviceDef& lease) {
  const xml::Element* lockspace = unparsedChild(lease.rest, "lockspace");
  const xml::Element* key = unparsedChild(lease.rest, "key");
  const xml::Element* target = unparsedChild(lease.rest, "target");
  std::string path = target ? target->attrOr("path") : "";
  std::string offset = target ? target->attrOr("offset", "0") : "0";
  if (offset.find_first_not_of('0') != std::string::npos)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LOCKING, "Offset must be zero for this lock manager");
  std::string space = lockspace ? lockspace->textContent() : "";
  if (path.empty() || space.empty())
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LOCKING, "Missing path or lockspace for lease resource");
  std::string name = key ? key->textContent() : "";
  if (name.empty()) fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LOCKING, "Missing key for lease resource");
  Lease l;
  l.lockspace = path + "/" + space;
  l.name = name;
  l.ensureFile = true;
  l.describe = "lease " + name + " (" + l.lockspace + ")";
  return l;
}

std::vector<Lease> domainLeases(const conf::DomainDef& def, const LockdConfig& config) {
  std::vector<Lease> out;
  bool unleasedExclusive = false;
  for (const conf::DiskDef& disk : def.disks) {
    if (std::optional<Lease> l = diskLease(disk, config))
      out.push_back(std::move(*l));
    else if (writableExclusive(disk))
      unleasedExclusive = true;
  }
  bool anyLeaseElement = false;
  for (const conf::GenericDeviceDef* lease : def.devicesOfKind("lease")) {
    out.push_back(leaseElement(*lease));
    anyLeaseElement = true;
  }
  if (config.requireLeaseForDisks && unleasedExclusive && !anyLeaseElement)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LOCKING,
         "Read/write, exclusive access, disks were present, but no leases specified");
  return out;
}

std::vector<Lease> heldLeases(const conf::DomainDef& def, const LockdConfig& config) {
  std::vector<Lease> out;
  for (const conf::DiskDef& disk : def.disks)
    if (std::optional<Lease> l = diskLease(disk, config)) out.push_back(std::move(*l));
  for (const conf::GenericDeviceDef* lease : def.devicesOfKind("lease")) {
    try {
      out.push_back(leaseElement(*lease));
    } catch (const Error&) {
      // refused at start, so never held
    }
  }
  return out;
}

}  // namespace vireo::lock
