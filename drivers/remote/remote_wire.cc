#include "drivers/remote/remote_wire.h"

#include <cstring>

#include "lib/util/error.h"

namespace vireo::remote::wire {
namespace {

[[noreturn]] void badReply(const std::string& what) { fail(VIR_ERR_RPC, VIR_FROM_REMOTE, what); }

// `char x<max>`: a count, then each char in a 4-byte word. The daemon
// counts the terminating NUL.
std::string getCharArray(Xdr& x, uint32_t max) {
  uint32_t n = UInt::get(x);
  if (n > max) badReply("character array of " + std::to_string(n) + " exceeds its bound " + std::to_string(max));
  std::string s;
  for (uint32_t i = 0; i < n; i++) s += static_cast<char>(Int::get(x));
  return std::string(s.c_str());  // up to the NUL
}

// `char x[n]`: exactly n chars, 4 bytes each.
void getFixedChars(Xdr& x, char* out, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) out[i] = static_cast<char>(Int::get(x));
}

template <size_t N>
void copyInto(char (&dst)[N], const std::string& src, const char* what) {
  if (src.size() >= N) badReply(std::string(what) + " '" + src + "' exceeds maximum " + std::to_string(N - 1));
  std::memcpy(dst, src.c_str(), src.size() + 1);
}

// The host statistics' `{remote_nonnull_string field; unsigned hyper value} params<max>`
// into virNodeCPUStats or virNodeMemoryStats (the same layout), checked as
// libvirt's client checks them; `function` names the client call in its message.
template <typename Stat>
std::vector<Stat> getNodeStats(Xdr& x, uint32_t max, const char* function) {
  uint32_t n = UInt::get(x);
  if (n > max) badReply(std::string(function) + ": returned number of stats exceeds limit");
  std::vector<Stat> stats(n);
  for (Stat& st : stats) {
    std::string field = Str::get(x);
    if (field.size() >= sizeof st.field)
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_REMOTE, "Stats " + field + " too big for destination");
    std::memcpy(st.field, field.c_str(), field.size() + 1);
    st.value = UHyper::get(x);
  }
  return stats;
}

uint64_t doubleBits(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return bits;
}

double bitsDouble(uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

}  // namespace

void putTypedParams(Xdr& x, const driver::TypedParamList& params, uint32_t max) {
  if (params.size() > max)
    fail(VIR_ERR_RPC, VIR_FROM_REMOTE,
         "too many parameters '" + std::to_string(params.size()) + "' for limit '" + std::to_string(max) + "'");
  UInt::put(x, static_cast<unsigned int>(params.size()));
  for (const driver::TypedParam& p : params) {
    Str::put(x, p.field);
    Int::put(x, p.type());
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          // libvirt's client refuses a made-up type number the same way.
          if constexpr (std::is_same_v<T, std::monostate>)
            fail(VIR_ERR_RPC, VIR_FROM_NONE, "unknown parameter type: " + std::to_string(p.unknownType));
          else if constexpr (std::is_same_v<T, int>) Int::put(x, v);
          else if constexpr (std::is_same_v<T, unsigned int>) UInt::put(x, v);
          else if constexpr (std::is_same_v<T, long long>) Hyper::put(x, v);
          else if constexpr (std::is_same_v<T, unsigned long long>) UHyper::put(x, v);
          else if constexpr (std::is_same_v<T, double>) UHyper::put(x, doubleBits(v));
          else if constexpr (std::is_same_v<T, bool>) Int::put(x, v ? 1 : 0);
          else Str::put(x, v);
        },
        p.value);
  }
}

driver::TypedParamList getTypedParams(Xdr& x, uint32_t max) {
  uint32_t n = UInt::get(x);
  if (n > max)
    badReply("returned number of parameters exceeds limit");
  driver::TypedParamList params;
  for (uint32_t i = 0; i < n; i++) {
    driver::TypedParam p;
    p.field = Str::get(x);
    if (p.field.size() >= VIR_TYPED_PARAM_FIELD_LENGTH)
      badReply("Parameter " + p.field + " too big for destination");
    int type = Int::get(x);
    switch (type) {
      case VIR_TYPED_PARAM_INT: p.value = Int::get(x); break;
      case VIR_TYPED_PARAM_UINT: p.value = UInt::get(x); break;
      case VIR_TYPED_PARAM_LLONG: p.value = Hyper::get(x); break;
      case VIR_TYPED_PARAM_ULLONG: p.value = UHyper::get(x); break;
      case VIR_TYPED_PARAM_DOUBLE: p.value = bitsDouble(UHyper::get(x)); break;
      case VIR_TYPED_PARAM_BOOLEAN: p.value = Int::get(x) != 0; break;
      case VIR_TYPED_PARAM_STRING: p.value = Str::get(x); break;
      default: badReply("unknown parameter type: " + std::to_string(type));
    }
    params.push_back(std::move(p));
  }
  return params;
}

virNodeInfo NodeInfo::get(Xdr& x) {
  virNodeInfo info{};
  getFixedChars(x, info.model, sizeof info.model);
  info.model[sizeof info.model - 1] = '\0';
  info.memory = UHyper::get(x);
  info.cpus = Int::get(x);
  info.mhz = Int::get(x);
  info.nodes = Int::get(x);
  info.sockets = Int::get(x);
  info.cores = Int::get(x);
  info.threads = Int::get(x);
  return info;
}

virDomainInfo DomainInfo::get(Xdr& x) {
  virDomainInfo info{};
  info.state = static_cast<unsigned char>(Int::get(x));
  info.maxMem = UHyper::get(x);
  info.memory = UHyper::get(x);
  info.nrVirtCpu = static_cast<unsigned short>(Int::get(x));
  info.cpuTime = UHyper::get(x);
  return info;
}

driver::DomainStateInfo DomainState::get(Xdr& x) {
  driver::DomainStateInfo s;
  s.state = Int::get(x);
  s.reason = Int::get(x);
  return s;
}

virSecurityModel SecurityModel::get(Xdr& x) {
  virSecurityModel m{};
  copyInto(m.model, getCharArray(x, VIR_SECURITY_MODEL_BUFLEN), "security model");
  copyInto(m.doi, getCharArray(x, VIR_SECURITY_DOI_BUFLEN), "security doi model");
  return m;
}

virSecurityLabel SecurityLabel::get(Xdr& x) {
  virSecurityLabel l{};
  copyInto(l.label, getCharArray(x, VIR_SECURITY_LABEL_BUFLEN), "security label");
  l.enforcing = Int::get(x);
  return l;
}

virDomainBlockStatsStruct BlockStats::get(Xdr& x) {
  virDomainBlockStatsStruct s{};
  s.rd_req = Hyper::get(x);
  s.rd_bytes = Hyper::get(x);
  s.wr_req = Hyper::get(x);
  s.wr_bytes = Hyper::get(x);
  s.errs = Hyper::get(x);
  return s;
}

virDomainInterfaceStatsStruct InterfaceStats::get(Xdr& x) {
  virDomainInterfaceStatsStruct s{};
  s.rx_bytes = Hyper::get(x);
  s.rx_packets = Hyper::get(x);
  s.rx_errs = Hyper::get(x);
  s.rx_drop = Hyper::get(x);
  s.tx_bytes = Hyper::get(x);
  s.tx_packets = Hyper::get(x);
  s.tx_errs = Hyper::get(x);
  s.tx_drop = Hyper::get(x);
  return s;
}

std::vector<virDomainMemoryStatStruct> MemoryStats::get(Xdr& x) {
  uint32_t n = UInt::get(x);
  if (n > 1024) badReply("too many memory statistics: " + std::to_string(n));
  std::vector<virDomainMemoryStatStruct> stats(n);
  for (auto& st : stats) {
    st.tag = Int::get(x);
    st.val = UHyper::get(x);
  }
  return stats;
}

virDomainBlockInfo BlockInfo::get(Xdr& x) {
  virDomainBlockInfo i{};
  i.allocation = UHyper::get(x);
  i.capacity = UHyper::get(x);
  i.physical = UHyper::get(x);
  return i;
}

driver::DomainTime Time::get(Xdr& x) {
  driver::DomainTime t;
  t.seconds = Hyper::get(x);
  t.nseconds = UInt::get(x);
  return t;
}

std::optional<virDomainBlockJobInfo> BlockJobInfo::get(Xdr& x) {
  bool found = Int::get(x) != 0;
  virDomainBlockJobInfo job{};
  job.type = Int::get(x);
  job.bandwidth = UHyper::get(x);
  job.cur = UHyper::get(x);
  job.end = UHyper::get(x);
  if (!found) return std::nullopt;
  return job;
}

driver::DomainStatsRecord StatsRecord::get(Xdr& x) {
  constexpr uint32_t kStatsMax = 262144;  // REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX
  driver::DomainStatsRecord r;
  r.domain = Dom::get(x);
  r.params = getTypedParams(x, kStatsMax);
  return r;
}

virDomainJobInfo JobInfo::get(Xdr& x) {
  virDomainJobInfo j{};
  j.type = Int::get(x);
  for (unsigned long long* field : {&j.timeElapsed, &j.timeRemaining, &j.dataTotal, &j.dataProcessed,
                                    &j.dataRemaining, &j.memTotal, &j.memProcessed, &j.memRemaining, &j.fileTotal,
                                    &j.fileProcessed, &j.fileRemaining})
    *field = UHyper::get(x);
  return j;
}

driver::DomainJobStats JobStats::get(Xdr& x) {
  constexpr uint32_t kJobStatsMax = 64;  // REMOTE_DOMAIN_JOB_STATS_MAX
  driver::DomainJobStats stats;
  stats.type = Int::get(x);
  stats.params = getTypedParams(x, kJobStatsMax);
  return stats;
}

std::vector<virSecurityLabel> SecurityLabelList::get(Xdr& x) {
  constexpr uint32_t kLabelListMax = 64;  // REMOTE_SECURITY_LABEL_LIST_MAX
  std::vector<virSecurityLabel> labels = Array<SecurityLabel, kLabelListMax>::get(x);
  Int::get(x);  // the count, which equals the array's
  return labels;
}

driver::NodeMemoryStats NodeMemoryStats::get(Xdr& x) {
  constexpr uint32_t kNodeMemoryStatsMax = 16;  // REMOTE_NODE_MEMORY_STATS_MAX
  driver::NodeMemoryStats reply;
  reply.stats = getNodeStats<virNodeMemoryStats>(x, kNodeMemoryStatsMax, "remoteNodeGetMemoryStats");
  reply.count = Int::get(x);
  return reply;
}

virDomainControlInfo ControlInfo::get(Xdr& x) {
  virDomainControlInfo i{};
  i.state = UInt::get(x);
  i.details = UInt::get(x);
  i.stateTime = UHyper::get(x);
  return i;
}

std::vector<driver::DiskError> DiskErrors::get(Xdr& x) {
  uint32_t n = UInt::get(x);
  if (n > 256) badReply("too many disk errors: " + std::to_string(n));
  std::vector<driver::DiskError> errors(n);
  for (auto& e : errors) {
    e.disk = Str::get(x);
    e.error = Int::get(x);
  }
  Int::get(x);  // nerrors
  return errors;
}

virStoragePoolInfo PoolInfo::get(Xdr& x) {
  virStoragePoolInfo i{};
  i.state = Int::get(x);  // an unsigned char on the wire, in a 4-byte word
  i.capacity = UHyper::get(x);
  i.allocation = UHyper::get(x);
  i.available = UHyper::get(x);
  return i;
}

virStorageVolInfo VolInfo::get(Xdr& x) {
  virStorageVolInfo i{};
  i.type = Int::get(x);  // a char on the wire
  i.capacity = UHyper::get(x);
  i.allocation = UHyper::get(x);
  return i;
}

namespace {
// REMOTE_CPUMAP_MAX, REMOTE_CPUMAPS_MAX and the list bounds of the replies below.
constexpr uint32_t kCpuMapMax = 2048;
constexpr uint32_t kCpuMapsMax = 8388608;
constexpr uint32_t kFsInfoDisksMax = 256;
constexpr uint32_t kIpAddrMax = 2048;
constexpr uint32_t kNodeCpuStatsMax = 16;

conf::CpuSet mapToSet(const std::vector<unsigned char>& map) {
  return conf::cpuSetFromMap(map.data(), static_cast<int>(map.size()));
}
}  // namespace

void CpuMap::put(Xdr& x, const conf::CpuSet& cpus) {
  int bytes = cpus.empty() ? 1 : static_cast<int>(*cpus.rbegin() / 8 + 1);
  Opaque<kCpuMapMax>::put(x, conf::cpuSetToMap(cpus, bytes));
}

conf::CpuSet CpuMap::get(Xdr& x) { return mapToSet(Opaque<kCpuMapMax>::get(x)); }

conf::CpuSet EmulatorPin::get(Xdr& x) {
  conf::CpuSet cpus = mapToSet(Opaque<kCpuMapsMax>::get(x));
  Int::get(x);  // 1: the one map is filled
  return cpus;
}

driver::IOThreadState IOThreadInfo::get(Xdr& x) {
  driver::IOThreadState t;
  t.id = UInt::get(x);
  std::vector<unsigned char> map = Opaque<kCpuMapMax>::get(x);
  t.cpus = mapToSet(map);
  t.cpumapLen = static_cast<int>(map.size());
  return t;
}

driver::GuestFilesystem FsInfo::get(Xdr& x) {
  driver::GuestFilesystem fs;
  fs.mountpoint = Str::get(x);
  fs.name = Str::get(x);
  fs.fstype = Str::get(x);
  fs.devAliases = Array<Str, kFsInfoDisksMax>::get(x);
  return fs;
}

namespace {
struct IpAddress {  // remote_domain_ip_addr {int type; addr; unsigned int prefix}
  static driver::GuestInterface::Address get(Xdr& x) {
    driver::GuestInterface::Address a;
    a.type = Int::get(x);
    a.addr = Str::get(x);
    a.prefix = UInt::get(x);
    return a;
  }
};
}  // namespace

driver::GuestInterface GuestInterfaceCodec::get(Xdr& x) {
  driver::GuestInterface g;
  g.name = Str::get(x);
  g.hwaddr = OptStr::get(x).value_or("");  // the facade gives NULL for none
  g.addrs = Array<IpAddress, kIpAddrMax>::get(x);
  return g;
}

namespace {
constexpr uint32_t kDhcpLeasesMax = 65536;  // REMOTE_NETWORK_DHCP_LEASES_MAX

struct DhcpLease {  // remote_network_dhcp_lease
  static driver::NetworkDhcpLease get(Xdr& x) {
    driver::NetworkDhcpLease l;
    l.iface = Str::get(x);
    l.expiryTime = Hyper::get(x);
    l.type = Int::get(x);
    l.mac = OptStr::get(x);
    l.iaid = OptStr::get(x);
    l.ipAddr = Str::get(x);
    l.prefix = UInt::get(x);
    l.hostname = OptStr::get(x);
    l.clientId = OptStr::get(x);
    return l;
  }
};
}  // namespace

std::vector<driver::NetworkDhcpLease> DhcpLeases::get(Xdr& x) {
  std::vector<driver::NetworkDhcpLease> leases = Array<DhcpLease, kDhcpLeasesMax>::get(x);
  if (UInt::get(x) != leases.size()) badReply("remoteNetworkGetDHCPLeases: the lease count and the list differ");
  return leases;
}

driver::NodeCpuMap NodeCpuMapReply::get(Xdr& x) {
  driver::NodeCpuMap map;
  map.online = mapToSet(Opaque<kCpuMapMax>::get(x));
  UInt::get(x);  // the number online, which the map says
  map.cpus = Int::get(x);
  return map;
}

std::vector<virNodeCPUStats> NodeCpuStats::get(Xdr& x) {
  std::vector<virNodeCPUStats> stats = getNodeStats<virNodeCPUStats>(x, kNodeCpuStatsMax, "remoteNodeGetCPUStats");
  Int::get(x);  // how many the daemon has; it sent them all
  return stats;
}

namespace {

constexpr uint32_t kSecretValueMax = 65536;  // REMOTE_SECRET_VALUE_MAX

// Wipes a string that held a secret's bytes.
struct WipedString {
  std::string s;
  ~WipedString() {
    if (!s.empty()) explicit_bzero(s.data(), s.size());
  }
};

}  // namespace

// Opaque data and strings share XDR's encoding: a length, the bytes, padding.
void SecretBytes::put(Xdr& x, const driver::SecretValue& v) {
  WipedString w{std::string(v.bytes.begin(), v.bytes.end())};
  x.string(w.s, kSecretValueMax);
}

driver::SecretValue SecretBytes::get(Xdr& x) {
  WipedString w;
  x.string(w.s, kSecretValueMax);
  return driver::SecretValue(std::vector<unsigned char>(w.s.begin(), w.s.end()));
}

}  // namespace vireo::remote::wire
