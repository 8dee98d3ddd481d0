// The C++ side of a virConnectPtr: which driver serves it, the URI it was
// opened with, whether it is read-only, and the driver's private state.
#pragma once

#include <memory>
#include <string>

#include "lib/util/uri.h"

namespace vireo::driver {

struct HypervisorDriver;

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
  std::unique_ptr<ConnectionState> state_;
};

}  // namespace vireo::driver
