// The <source> of a storage pool: where its storage comes from.
#include "lib/conf/storage_pool_internal.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

[[noreturn]] void xmlError(const std::string& msg) { fail(VIR_ERR_XML_ERROR, VIR_FROM_STORAGE, msg); }
[[noreturn]] void unsupported(const std::string& msg) {
  fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_STORAGE, msg);
}

PoolAuth parseAuth(const xml::Element& e) {
  PoolAuth a;
  const std::string* type = e.attr("type");
  if (!type) unsupported("storage pool missing auth type");
  if (*type != "chap" && *type != "ceph") unsupported("unknown auth type '" + *type + "'");
  a.type = *type;
  a.username = e.attrOr("username");
  if (a.username.empty()) xmlError("missing username for auth");
  const xml::Element* secret = e.child("secret");
  if (!secret) xmlError("Missing <secret> element in auth");
  a.secret = parseSecretRef(*secret);
  return a;
}

void parseHosts(const xml::Element& e, PoolSource& s) {
  for (const xml::Element* h : e.childrenNamed("host")) {
    PoolHost host;
    host.name = h->attrOr("name");
    if (host.name.empty()) xmlError("missing storage pool host name");
    host.port = static_cast<int>(intAttr(*h, "port", false).value_or(0));
    s.hosts.push_back(host);
  }
}

void parseDevices(const xml::Element& e, PoolSource& s) {
  // Free extents inside <device> are the driver's report: not read.
  for (const xml::Element* d : e.childrenNamed("device")) {
    PoolDevice dev;
    dev.path = d->attrOr("path");
    if (dev.path.empty()) xmlError("missing storage pool source device path");
    dev.partSeparator = yesNoAttr(*d, "part_separator");
    s.devices.push_back(dev);
  }
}

std::string parseFormat(const xml::Element& e, const PoolTypeInfo& info) {
  if (info.poolFormats.empty()) return {};
  const xml::Element* f = e.child("format");
  const std::string* type = f ? f->attr("type") : nullptr;
  if (!type) return std::string(info.defaultPoolFormat);
  if (enumIndex(info.poolFormats, *type) < 0) unsupported("unknown pool format type " + *type);
  return *type;
}

// Forgets what a pool of `info`'s type neither reads nor writes.
void dropUnused(PoolSource& s, const PoolTypeInfo& info) {
  if (!info.sourceHost) s.hosts.clear();
  if (!info.sourceDevice) s.devices.clear();
  if (!info.sourceDir) s.dir.clear();
  if (!info.sourceAdapter) s.adapter.reset();
  if (!info.sourceName) s.name.clear();
  if (!info.initiatorIqn) s.initiatorIqn.clear();
}

}  // namespace

PoolSource parsePoolSource(const xml::Element* e, PoolType type) {
  const PoolTypeInfo& info = poolTypeInfo(type);
  PoolSource s;
  if (!e) {
    s.format = info.defaultPoolFormat;
    return s;
  }
  s.name = e->child("name") ? e->child("name")->textContent() : "";
  s.format = parseFormat(*e, info);
  parseHosts(*e, s);
  if (const xml::Element* i = e->child("initiator"))
    if (const xml::Element* iqn = i->child("iqn")) s.initiatorIqn = iqn->attrOr("name");
  parseDevices(*e, s);
  if (const xml::Element* d = e->child("dir")) s.dir = sanitizePath(d->attrOr("path"));
  if (const xml::Element* a = e->child("adapter")) s.adapter = parsePoolAdapter(*a);
  if (const xml::Element* a = e->child("auth")) s.auth = parseAuth(*a);
  if (const xml::Element* v = e->child("vendor")) s.vendor = v->attrOr("name");
  if (const xml::Element* p = e->child("product")) s.product = p->attrOr("name");
  if (const xml::Element* p = e->child("protocol")) s.protocolVer = p->attrOr("ver");
  // Only NFS has protocol versions.
  if (!s.protocolVer.empty() && type == PoolType::Netfs && s.format != "auto" && s.format != "nfs")
    unsupported("storage pool protocol ver unsupported for pool type '" + s.format + "'");
  dropUnused(s, info);
  return s;
}

void completePoolSource(PoolSource& s, PoolType type, const std::string& poolName) {
  const PoolTypeInfo& info = poolTypeInfo(type);
  if (info.sourceHost && s.hosts.empty()) xmlError("missing storage pool source host name");
  // A gluster pool without <dir> serves the volume's root.
  if (type == PoolType::Gluster && s.dir.empty()) s.dir = "/";
  if (info.sourceDir && s.dir.empty()) xmlError("missing storage pool source path");
  if (info.sourceAdapter && !s.adapter) xmlError("missing storage pool source adapter");
  if (info.sourceName && s.name.empty()) {
    if (type == PoolType::Rbd) xmlError("element 'name' is mandatory for RBD pool");
    s.name = poolName;
  }
  // Pools named after their source (a volume group, a zpool) need no device.
  if (info.sourceDevice && !info.sourceName && s.devices.empty())
    xmlError("missing storage pool source device name");
  if (type == PoolType::IscsiDirect && s.initiatorIqn.empty()) unsupported("missing initiator IQN");
}

void writePoolSource(xml::Writer& w, const PoolSource& s, PoolType type) {
  const PoolTypeInfo& info = poolTypeInfo(type);
  // libvirt writes <source> with an end tag even when it is empty.
  w.openBlock("source");
  for (const PoolHost& h : s.hosts) {
    w.open("host").attr("name", h.name);
    if (h.port) w.attr("port", h.port);
    w.close();
  }
  for (const PoolDevice& d : s.devices) {
    w.open("device").attr("path", d.path);
    if (d.partSeparator) w.attr("part_separator", *d.partSeparator ? "yes" : "no");
    w.close();
  }
  if (!s.dir.empty()) w.open("dir").attr("path", s.dir).close();
  if (s.adapter) writePoolAdapter(w, *s.adapter);
  if (!s.name.empty()) w.textElement("name", s.name);
  if (!s.initiatorIqn.empty()) w.open("initiator").open("iqn").attr("name", s.initiatorIqn).close().close();
  if (!info.poolFormats.empty() && !s.format.empty()) w.open("format").attr("type", s.format).close();
  if (s.auth) {
    w.open("auth").attr("type", s.auth->type).attr("username", s.auth->username);
    w.open("secret");
    writeSecretRef(w, s.auth->secret);
    w.close().close();
  }
  if (!s.vendor.empty()) w.open("vendor").attr("name", s.vendor).close();
  if (!s.product.empty()) w.open("product").attr("name", s.product).close();
  if (!s.protocolVer.empty()) w.open("protocol").attr("ver", s.protocolVer).close();
  w.close();
}

}  // namespace vireo::conf
