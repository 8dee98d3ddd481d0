// How the C++ values of the driver tables travel in libvirt's remote
// program: one codec per wire type of remote_protocol.x's vocabulary.
//
// A codec is a type with
//   static void put(rpc::Xdr&, VALUE)   the argument side, and/or
//   static VALUE get(rpc::Xdr&)         the reply side,
// overloaded where several C++ types map to one wire type (a name may be a
// std::string_view, a std::string or a const char*). remote_call.h strings
// codecs together into a procedure call; a wrong pairing of a C++ argument
// with a codec is a compile error there, not a runtime surprise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libvirt/libvirt.h>

#include "lib/conf/cpu_set.h"
#include "lib/driver/domain_identity.h"
#include "lib/driver/hypervisor_driver.h"
#include "lib/driver/network_driver.h"
#include "lib/driver/object_identity.h"
#include "lib/driver/secret_driver.h"
#include "lib/driver/typed_params.h"
#include "lib/rpc/protocol.h"
#include "lib/rpc/xdr.h"

namespace vireo::remote::wire {

using rpc::Xdr;

// void: no field. The reply of a procedure that returns nothing.
struct None {
  static void get(Xdr&) {}
};

struct Int {  // int
  static void put(Xdr& x, int v) { x.i32(v); }
  static int get(Xdr& x) {
    int32_t v = 0;
    x.i32(v);
    return v;
  }
};

struct UInt {  // unsigned int
  static void put(Xdr& x, unsigned int v) {
    uint32_t w = v;
    x.u32(w);
  }
  static unsigned int get(Xdr& x) {
    uint32_t v = 0;
    x.u32(v);
    return v;
  }
};

struct Hyper {  // hyper: long long, and the C API's long
  static void put(Xdr& x, long long v) {
    int64_t w = v;
    x.i64(w);
  }
  static long long get(Xdr& x) {
    int64_t v = 0;
    x.i64(v);
    return v;
  }
};

struct UHyper {  // unsigned hyper: unsigned long long, and the C API's unsigned long
  static void put(Xdr& x, unsigned long long v) {
    uint64_t w = v;
    x.u64(w);
  }
  static unsigned long long get(Xdr& x) {
    uint64_t v = 0;
    x.u64(v);
    return v;
  }
};

// remote_nonnull_string.
struct Str {
  static void put(Xdr& x, std::string_view v) {
    std::string s(v);
    x.string(s, rpc::kStringMax);
  }
  static void put(Xdr& x, const char* v) { put(x, std::string_view(v ? v : "")); }
  static std::string get(Xdr& x) {
    std::string s;
    x.string(s, rpc::kStringMax);
    return s;
  }
};

// remote_string: a string that may be absent (NULL).
struct OptStr {
  static void put(Xdr& x, const char* v) {
    std::optional<std::string> s;
    if (v) s = v;
    x.optString(s, rpc::kStringMax);
  }
  static void put(Xdr& x, const std::optional<std::string>& v) {
    std::optional<std::string> s = v;
    x.optString(s, rpc::kStringMax);
  }
  // A string the entry always has, sent where the wire allows none.
  static void put(Xdr& x, const std::string& v) { put(x, std::optional<std::string>(v)); }
  static void put(Xdr& x, std::optional<std::string_view> v) {
    std::optional<std::string> s;
    if (v) s.emplace(*v);
    x.optString(s, rpc::kStringMax);
  }
  static std::optional<std::string> get(Xdr& x) {
    std::optional<std::string> s;
    x.optString(s, rpc::kStringMax);
    return s;
  }
};

// remote_uuid.
struct UuidCodec {
  static void put(Xdr& x, const Uuid& u) {
    Uuid copy = u;
    x.fixedOpaque(copy.bytes.data(), 16);
  }
  static Uuid get(Xdr& x) {
    Uuid u;
    x.fixedOpaque(u.bytes.data(), 16);
    return u;
  }
};

// remote_nonnull_domain {name; uuid; int id}.
struct Dom {
  static void put(Xdr& x, const driver::DomainIdentity& d) {
    Str::put(x, d.name);
    UuidCodec::put(x, d.uuid);
    Int::put(x, d.id);
  }
  static driver::DomainIdentity get(Xdr& x) {
    driver::DomainIdentity d;
    d.name = Str::get(x);
    d.uuid = UuidCodec::get(x);
    d.id = Int::get(x);
    return d;
  }
};

// remote_nonnull_network {name; uuid} (storage pools have the same layout).
template <class Identity>
struct NamedUuid {
  static void put(Xdr& x, const Identity& n) {
    Str::put(x, n.name);
    UuidCodec::put(x, n.uuid);
  }
  static Identity get(Xdr& x) {
    Identity n;
    n.name = Str::get(x);
    n.uuid = UuidCodec::get(x);
    return n;
  }
};
using Net = NamedUuid<driver::NetworkIdentity>;
using Pool = NamedUuid<driver::StoragePoolIdentity>;
using NWFilter = NamedUuid<driver::NWFilterIdentity>;

// remote_nonnull_nwfilter_binding {portdev; filtername}.
struct NWFilterBinding {
  static void put(Xdr& x, const driver::NWFilterBindingIdentity& b) {
    Str::put(x, b.portDev);
    Str::put(x, b.filterName);
  }
  static driver::NWFilterBindingIdentity get(Xdr& x) {
    driver::NWFilterBindingIdentity b;
    b.portDev = Str::get(x);
    b.filterName = Str::get(x);
    return b;
  }
};

// remote_nonnull_storage_vol {pool; name; key}.
struct Vol {
  static void put(Xdr& x, const driver::StorageVolIdentity& v) {
    Str::put(x, v.pool);
    Str::put(x, v.name);
    Str::put(x, v.key);
  }
  static driver::StorageVolIdentity get(Xdr& x) {
    driver::StorageVolIdentity v;
    v.pool = Str::get(x);
    v.name = Str::get(x);
    v.key = Str::get(x);
    return v;
  }
};

// remote_nonnull_interface {name; mac}.
struct Iface {
  static void put(Xdr& x, const driver::InterfaceIdentity& i) {
    Str::put(x, i.name);
    Str::put(x, i.mac);
  }
  static driver::InterfaceIdentity get(Xdr& x) {
    driver::InterfaceIdentity i;
    i.name = Str::get(x);
    i.mac = Str::get(x);
    return i;
  }
};

// remote_nonnull_node_device {name}: the parent is not on the wire (the
// handle asks virNodeDeviceGetParent when it needs it).
struct NodeDev {
  static void put(Xdr& x, const driver::NodeDeviceIdentity& d) { Str::put(x, d.name); }
  static driver::NodeDeviceIdentity get(Xdr& x) {
    driver::NodeDeviceIdentity d;
    d.name = Str::get(x);
    return d;
  }
};

// remote_nonnull_secret {uuid; int usageType; usageID}.
struct Secret {
  static void put(Xdr& x, const driver::SecretIdentity& s) {
    UuidCodec::put(x, s.uuid);
    Int::put(x, s.usageType);
    Str::put(x, s.usageId);
  }
  static driver::SecretIdentity get(Xdr& x) {
    driver::SecretIdentity s;
    s.uuid = UuidCodec::get(x);
    s.usageType = Int::get(x);
    s.usageId = Str::get(x);
    return s;
  }
};

// A secret's value, opaque value<REMOTE_SECRET_VALUE_MAX> (remote_wire.cc);
// the temporary copies are wiped.
struct SecretBytes {
  static void put(Xdr& x, const driver::SecretValue& v);
  static driver::SecretValue get(Xdr& x);
};

// remote_nonnull_domain_snapshot / _checkpoint {name; dom}. The driver
// entries return only the name: the facade makes the handle on the
// caller's domain handle.
struct Moment {
  static void put(Xdr& x, const driver::DomainMomentIdentity& m) {
    Str::put(x, m.name);
    Dom::put(x, m.domain);
  }
  static std::string get(Xdr& x) {
    std::string name = Str::get(x);
    Dom::get(x);
    return name;
  }
};

// virNodeDeviceGetParent's reply, a remote_string. The daemon sends none,
// and no error, for a device without a parent (libvirt's client then returns
// NULL with no error set); vireo says why.
struct ParentName {
  static std::string get(Xdr& x) {
    std::optional<std::string> parent = OptStr::get(x);
    if (!parent) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV, "no parent for this device");
    return *parent;
  }
};

// A counted array `T items<Max>`.
template <class Item, uint32_t Max>
struct Array {
  template <class Vector>
  static void put(Xdr& x, const Vector& items) {
    if (items.size() > Max) fail(VIR_ERR_RPC, VIR_FROM_RPC, "too many items to send: " + std::to_string(items.size()));
    uint32_t n = static_cast<uint32_t>(items.size());
    x.u32(n);
    for (const auto& item : items) Item::put(x, item);
  }
  static auto get(Xdr& x) {
    uint32_t n = 0;
    x.u32(n);
    if (n > Max) fail(VIR_ERR_RPC, VIR_FROM_RPC, "too many items received: " + std::to_string(n));
    std::vector<decltype(Item::get(x))> items;
    items.reserve(n);
    for (uint32_t i = 0; i < n; i++) items.push_back(Item::get(x));
    return items;
  }
};

// remote_typed_param params<Max>; replies decode to a TypedParamList.
template <uint32_t Max>
struct Params {
  static void put(Xdr& x, const driver::TypedParamList& params);
  static driver::TypedParamList get(Xdr& x);
};
void putTypedParams(Xdr& x, const driver::TypedParamList& params, uint32_t max);
driver::TypedParamList getTypedParams(Xdr& x, uint32_t max);
template <uint32_t Max>
void Params<Max>::put(Xdr& x, const driver::TypedParamList& params) { putTypedParams(x, params, Max); }
template <uint32_t Max>
driver::TypedParamList Params<Max>::get(Xdr& x) { return getTypedParams(x, Max); }

// A constant int the client sends with no argument behind it: the
// `maxnames` of the old list calls (the facade trims the list itself).
template <int Value>
struct ConstInt {
  static void put(Xdr& x) { Int::put(x, Value); }
};

// The list calls' arguments {int need_results; unsigned int flags}: vireo
// always wants the objects.
struct ListAllFlags {
  static void put(Xdr& x, unsigned int flags) {
    Int::put(x, 1);
    UInt::put(x, flags);
  }
};

// The list calls' replies {T items<Max>; unsigned int ret}.
template <class Item, uint32_t Max>
struct ListAll {
  static auto get(Xdr& x) {
    auto items = Array<Item, Max>::get(x);
    UInt::get(x);  // the count, which equals the array's
    return items;
  }
};

// {remote_typed_param params<Max>; int nparams}: the tuning getters' reply.
template <uint32_t Max>
struct ParamsWithCount {
  static driver::TypedParamList get(Xdr& x) {
    driver::TypedParamList params = getTypedParams(x, Max);
    Int::get(x);  // how many the daemon has; it sent them all
    return params;
  }
};

// opaque x<Max>: bytes.
template <uint32_t Max>
struct Opaque {
  static void put(Xdr& x, const std::vector<unsigned char>& bytes) {
    std::string s(bytes.begin(), bytes.end());
    x.string(s, Max);
  }
  static std::vector<unsigned char> get(Xdr& x) {
    std::string s;
    x.string(s, Max);
    return {s.begin(), s.end()};
  }
};

// opaque cpumap<REMOTE_CPUMAP_MAX>: a set of host CPUs as libvirt's bitmap
// (CPU n is bit n % 8 of byte n / 8), as few bytes as hold its highest CPU.
struct CpuMap {
  static void put(Xdr& x, const conf::CpuSet& cpus);
  static conf::CpuSet get(Xdr& x);
};

// The reply {opaque cpumaps<REMOTE_CPUMAPS_MAX>; int ret} of
// virDomainGetEmulatorPinInfo: one map.
struct EmulatorPin {
  static conf::CpuSet get(Xdr& x);
};

// remote_domain_iothread_info {unsigned int iothread_id; opaque cpumap<>}.
struct IOThreadInfo {
  static driver::IOThreadState get(Xdr& x);
};

// remote_domain_fsinfo {mountpoint; name; fstype; dev_aliases<>}.
struct FsInfo {
  static driver::GuestFilesystem get(Xdr& x);
};

// remote_domain_interface {name; remote_string hwaddr; addrs<>}.
struct GuestInterfaceCodec {
  static driver::GuestInterface get(Xdr& x);
};

// remote_network_get_dhcp_leases_ret {remote_network_dhcp_lease leases<>;
// unsigned int ret}: the leases (asked for with need_results = 1).
struct DhcpLeases {
  static std::vector<driver::NetworkDhcpLease> get(Xdr& x);
};

// remote_node_get_cpu_map_ret {opaque cpumap<>; unsigned int online; int ret}.
struct NodeCpuMapReply {
  static driver::NodeCpuMap get(Xdr& x);
};

// remote_node_get_cpu_stats_ret {remote_node_get_cpu_stats params<>; int nparams}.
struct NodeCpuStats {
  static std::vector<virNodeCPUStats> get(Xdr& x);
};

// Replies with a fixed structure of the C API.
struct NodeInfo {  // remote_node_get_info_ret
  static virNodeInfo get(Xdr& x);
};
struct DomainInfo {  // remote_domain_get_info_ret
  static virDomainInfo get(Xdr& x);
};
struct DomainState {  // remote_domain_get_state_ret
  static driver::DomainStateInfo get(Xdr& x);
};
struct SecurityModel {  // remote_node_get_security_model_ret
  static virSecurityModel get(Xdr& x);
};
struct SecurityLabel {  // remote_domain_get_security_label_ret
  static virSecurityLabel get(Xdr& x);
};
struct BlockStats {  // remote_domain_block_stats_ret
  static virDomainBlockStatsStruct get(Xdr& x);
};
struct InterfaceStats {  // remote_domain_interface_stats_ret
  static virDomainInterfaceStatsStruct get(Xdr& x);
};
struct MemoryStats {  // remote_domain_memory_stats_ret
  static std::vector<virDomainMemoryStatStruct> get(Xdr& x);
};
struct BlockInfo {  // remote_domain_get_block_info_ret
  static virDomainBlockInfo get(Xdr& x);
};
struct Time {  // remote_domain_get_time_ret
  static driver::DomainTime get(Xdr& x);
};
struct BlockJobInfo {  // remote_domain_get_block_job_info_ret {int found; type; bandwidth; cur; end}
  static std::optional<virDomainBlockJobInfo> get(Xdr& x);
};
struct StatsRecord {  // remote_domain_stats_record {remote_nonnull_domain dom; remote_typed_param params<>}
  static driver::DomainStatsRecord get(Xdr& x);
};
struct JobInfo {  // remote_domain_get_job_info_ret
  static virDomainJobInfo get(Xdr& x);
};
struct JobStats {  // remote_domain_get_job_stats_ret {int type; remote_typed_param params<64>}
  static driver::DomainJobStats get(Xdr& x);
};
struct SecurityLabelList {  // remote_domain_get_security_label_list_ret {labels<64>; int ret}
  static std::vector<virSecurityLabel> get(Xdr& x);
};
// remote_node_get_memory_stats_ret {remote_node_get_memory_stats params<16>; int nparams}:
// the statistics sent and how many the daemon has.
struct NodeMemoryStats {
  static driver::NodeMemoryStats get(Xdr& x);
};
struct ControlInfo {  // remote_domain_get_control_info_ret
  static virDomainControlInfo get(Xdr& x);
};
struct DiskErrors {  // remote_domain_get_disk_errors_ret
  static std::vector<driver::DiskError> get(Xdr& x);
};
struct PoolInfo {  // remote_storage_pool_get_info_ret
  static virStoragePoolInfo get(Xdr& x);
};
struct VolInfo {  // remote_storage_vol_get_info_ret
  static virStorageVolInfo get(Xdr& x);
};

}  // namespace vireo::remote::wire
