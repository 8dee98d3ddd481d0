// Reading a <volume> document as virStorageVolCreateXML does in a pool.
#include "lib/conf/storage_vol.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

[[noreturn]] void xmlError(const std::string& msg) { fail(VIR_ERR_XML_ERROR, VIR_FROM_STORAGE, msg); }
[[noreturn]] void unsupported(const std::string& msg) {
  fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_STORAGE, msg);
}

const std::vector<std::string_view> kVolTypes = {"file", "block", "dir", "network", "netdir", "ploop"};
const std::vector<std::string_view> kFeatures = {"lazy_refcounts", "extended_l2"};

// The <format type=...> under `parent` in a pool of `info`'s type: empty
// where the pool's volumes have no format, its default when absent.
std::string parseFormat(const xml::Element* parent, const PoolTypeInfo& info) {
  if (info.volFormats.empty()) return {};
  const xml::Element* f = parent ? parent->child("format") : nullptr;
  const std::string* type = f ? f->attr("type") : nullptr;
  if (!type) return std::string(info.defaultVolFormat);
  if (enumIndex(info.volFormats, *type) < 0) unsupported("unknown volume format type " + *type);
  return *type;
}

// "MAJOR.MINOR", each a decimal number, as qemu-img's compat takes it.
void checkCompat(const std::string& compat) {
  std::size_t dot = compat.find('.');
  auto number = [](std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == s.npos; };
  if (dot == std::string::npos || !number(std::string_view(compat).substr(0, dot)) ||
      !number(std::string_view(compat).substr(dot + 1)))
    xmlError("forbidden characters in 'compat' attribute");
}

void parseSizes(const xml::Element& root, StorageVolDef& vol) {
  const xml::Element* capacity = root.child("capacity");
  std::string text = capacity ? capacity->textContent() : "";
  if (text.empty()) xmlError("missing capacity element");
  vol.capacity = parseStorageBytes(text, capacity->attrOr("unit"), "capacity");
  // Without <allocation> the volume is fully allocated. libvirt names the
  // capacity in the allocation's error message too.
  const xml::Element* allocation = root.child("allocation");
  vol.allocation = allocation
                       ? parseStorageBytes(allocation->textContent(), allocation->attrOr("unit"), "capacity")
                       : vol.capacity;
}

VolTarget parseTarget(const xml::Element* e, const PoolTypeInfo& info) {
  VolTarget t;
  if (e) {
    if (const xml::Element* p = e->child("path")) t.path = p->textContent();
  }
  t.format = parseFormat(e, info);
  if (!e) return t;
  t.perms = parseStoragePerms(e->child("permissions"));
  if (const xml::Element* c = e->child("compat")) {
    t.compat = c->textContent();
    checkCompat(t.compat);
  }
  t.nocow = e->child("nocow") != nullptr;
  if (const xml::Element* f = e->child("features")) {
    t.features.emplace();
    for (const xml::Element* feature : f->elements()) {
      if (enumIndex(kFeatures, feature->name) < 0) unsupported("unsupported feature " + feature->name);
      t.features->push_back(feature->name);
    }
    // Features are a qcow2 v3 (compat 1.1) thing.
    if (t.compat.empty()) t.compat = "1.1";
  }
  if (const xml::Element* enc = e->child("encryption")) t.encryption = parseVolEncryption(*enc);
  return t;
}

std::optional<VolBackingStore> parseBackingStore(const xml::Element* e, const PoolTypeInfo& info) {
  const xml::Element* path = e ? e->child("path") : nullptr;
  // A backing store without a path is no backing store.
  if (!path || path->textContent().empty()) return std::nullopt;
  VolBackingStore b;
  b.path = path->textContent();
  b.format = parseFormat(e, info);
  b.perms = parseStoragePerms(e->child("permissions"));
  return b;
}

}  // namespace

StorageVolDef parseStorageVolXml(std::string_view xml, const StoragePoolDef& pool) {
  xml::Element root = parseRoot(xml, "(storage_volume_definition)", "volume", VIR_FROM_STORAGE);
  const PoolTypeInfo& info = poolTypeInfo(pool.type);
  StorageVolDef vol;
  const xml::Element* name = root.child("name");
  vol.name = name ? name->textContent() : "";
  if (vol.name.empty()) xmlError("missing volume name element");
  if (const std::string* type = root.attr("type")) {
    if (enumIndex(kVolTypes, *type) < 0) unsupported("unknown volume type '" + *type + "'");
    vol.type = *type;
  }
  if (const xml::Element* key = root.child("key")) vol.key = key->textContent();
  parseSizes(root, vol);
  vol.target = parseTarget(root.child("target"), info);
  vol.backingStore = parseBackingStore(root.child("backingStore"), info);
  return vol;
}

void placeVolumeInPool(StorageVolDef& vol, const StoragePoolDef& pool) {
  if (pool.targetPath.empty()) return;
  // The pool path is sanitized: it never ends in '/' unless it is "/".
  vol.target.path = pool.targetPath + (pool.targetPath.ends_with('/') ? "" : "/") + vol.name;
  vol.key = vol.target.path;
}

}  // namespace vireo::conf
