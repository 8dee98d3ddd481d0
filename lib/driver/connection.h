// The C++ side of a virConnectPtr: which driver serves it, the URI it was
// opened with, whether it is read-only, and the driver's private state.
#pragma once

#include <memory>
#include <string>
#include <type_traits>

#include "lib/util/uri.h"

namespace vireo::driver {

struct HypervisorDriver;
struct NetworkDriver;
struct StorageDriver;
struct InterfaceDriver;
struct NodeDeviceDriver;
struct SecretDriver;
struct NWFilterDriver;

// The tables of the object kinds a connection may serve besides domains (as
// libvirt's secondary drivers). A null table means that no function of that
// kind is supported: the facade reports VIR_ERR_NO_SUPPORT for all of them,
// exactly as for a null entry.
struct SecondaryDrivers {
  const NetworkDriver* network = nullptr;
  const StorageDriver* storage = nullptr;
  const InterfaceDriver* interface = nullptr;
  const NodeDeviceDriver* nodeDevice = nullptr;
  const SecretDriver* secret = nullptr;
  const NWFilterDriver* nwfilter = nullptr;
};

// Base class of whatever a driver keeps per connection. The driver downcasts
// it with Connection::state<T>().
class ConnectionState {
 public:
  virtual ~ConnectionState() = default;
};

class Connection {
 public:
  Connection(Uri uri, bool readOnly) : uri_(std::move(uri)), readOnly_(readOnly) {}

  const Uri& uri() const { return uri_; }
  // The URI as the application sees it (virConnectGetURI).
  const std::string& canonicalUri() const { return canonicalUri_; }
  void setCanonicalUri(std::string uri) { canonicalUri_ = std::move(uri); }

  bool readOnly() const { return readOnly_; }

  const HypervisorDriver& hypervisor() const { return *hypervisor_; }
  void setHypervisor(const HypervisorDriver* driver) { hypervisor_ = driver; }
  void setSecondaryDrivers(const SecondaryDrivers& drivers) { secondary_ = drivers; }

  // The table of type T (HypervisorDriver, NetworkDriver, ...), or null when
  // the connection's driver has none of that kind.
  template <typename T>
  const T* table() const {
    if constexpr (std::is_same_v<T, HypervisorDriver>) return hypervisor_;
    else if constexpr (std::is_same_v<T, NetworkDriver>) return secondary_.network;
    else if constexpr (std::is_same_v<T, StorageDriver>) return secondary_.storage;
    else if constexpr (std::is_same_v<T, InterfaceDriver>) return secondary_.interface;
    else if constexpr (std::is_same_v<T, NodeDeviceDriver>) return secondary_.nodeDevice;
    else if constexpr (std::is_same_v<T, SecretDriver>) return secondary_.secret;
    else {
      static_assert(std::is_same_v<T, NWFilterDriver>, "not a driver table");
      return secondary_.nwfilter;
    }
  }

  template <typename T>
  T& state() const { return static_cast<T&>(*state_); }
  void setState(std::unique_ptr<ConnectionState> state) { state_ = std::move(state); }
  // Drops the driver state; called once, when the last reference goes.
  void resetState() { state_.reset(); }

 private:
  Uri uri_;
  std::string canonicalUri_;
  bool readOnly_;
  const HypervisorDriver* hypervisor_ = nullptr;
  SecondaryDrivers secondary_;
  std::unique_ptr<ConnectionState> state_;
};

}  // namespace vireo::driver
