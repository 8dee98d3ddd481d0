// The URI → driver registry.
//
// A connection driver says which URIs it serves and opens a connection for
// one. virConnectOpen* asks the registered drivers in order; the first that
// accepts the URI opens it. Built-in drivers are registered once, by
// registerBuiltinDrivers(), which lives in drivers/ (the registry never
// includes a driver: the dependency is a link-time table, not an include).
#pragma once

#include <memory>
#include <string>

#include <libvirt/libvirt.h>

#include "lib/driver/connection.h"

namespace vireo::driver {

struct ConnectionDriver {
  const char* name;
  // True when this driver serves the URI (usually: the scheme matches and
  // there is no server part or +transport).
  bool (*accepts)(const Uri& uri);
  // Sets up `conn`: its hypervisor table and driver state. Throws on failure.
  void (*open)(Connection& conn, virConnectAuthPtr auth, unsigned int flags);
  // The URI this driver offers as the default when the application passes
  // NULL and LIBVIRT_DEFAULT_URI is unset; "" when it cannot serve one here
  // (its hypervisor is not installed). May be null.
  std::string (*defaultUri)() = nullptr;
};

void registerDriver(const ConnectionDriver* driver);

// Defined in drivers/builtin_drivers.cc.
void registerBuiltinDrivers();

// The URI used when the application passes NULL: LIBVIRT_DEFAULT_URI, else
// the first driver's default (the QEMU driver's embedded root when QEMU is
// installed), else test:///default.
std::string defaultUri();

// Parses `name` (NULL or "": the default URI), finds the driver and opens it.
// Errors: VIR_ERR_NO_CONNECT naming the URI when no driver serves it.
std::unique_ptr<Connection> openConnection(const char* name, virConnectAuthPtr auth, unsigned int flags);

}  // namespace vireo::driver
