#include "lib/util/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace vireo {
namespace {

// How libvirt joins the generic text of an error number with the detail.
enum class Join {
  Colon,   // "generic: detail"
  Space,   // "generic detail"   (e.g. "unknown host example.com")
  In,      // "generic in detail" (the invalid-pointer family names the function)
  Detail,  // the detail alone (XML_DETAIL, SYSTEM_ERROR, RPC, ...)
  Custom,  // a pattern with "%s" somewhere else (e.g. "domain %s exists already")
};

struct MessageShape {
  virErrorNumber code;
  const char* generic;  // message used when there is no detail
  Join join;
  const char* pattern;  // only for Join::Custom
};

// Only the numbers whose shape is not "generic: detail" with a generic text
// known below need an entry with a special join; everything is listed so that
// the generic text is right for each number.
constexpr MessageShape kShapes[] = {
    {VIR_ERR_INTERNAL_ERROR, "internal error", Join::Colon, nullptr},
    {VIR_ERR_NO_MEMORY, "out of memory", Join::Colon, nullptr},
    {VIR_ERR_NO_SUPPORT, "this function is not supported by the connection driver", Join::Colon, nullptr},
    {VIR_ERR_UNKNOWN_HOST, "unknown host", Join::Space, nullptr},
    {VIR_ERR_NO_CONNECT, "no connection driver available", Join::Custom, "no connection driver available for %s"},
    {VIR_ERR_INVALID_CONN, "invalid connection pointer in", Join::In, nullptr},
    {VIR_ERR_INVALID_DOMAIN, "invalid domain pointer in", Join::In, nullptr},
    {VIR_ERR_INVALID_ARG, "invalid argument", Join::Colon, nullptr},
    {VIR_ERR_OPERATION_FAILED, "operation failed", Join::Colon, nullptr},
    {VIR_ERR_GET_FAILED, "GET operation failed", Join::Colon, nullptr},
    {VIR_ERR_POST_FAILED, "POST operation failed", Join::Colon, nullptr},
    {VIR_ERR_HTTP_ERROR, "got unknown HTTP error code", Join::Space, nullptr},
    {VIR_ERR_SEXPR_SERIAL, "failed to serialize S-Expr", Join::Colon, nullptr},
    {VIR_ERR_NO_XEN, "could not use Xen hypervisor entry", Join::Space, nullptr},
    {VIR_ERR_XEN_CALL, "failed Xen syscall", Join::Space, nullptr},
    {VIR_ERR_OS_TYPE, "unknown OS type", Join::Space, nullptr},
    {VIR_ERR_NO_KERNEL, "missing kernel information", Join::Colon, nullptr},
    {VIR_ERR_NO_ROOT, "missing root device information", Join::Custom, "missing root device information in %s"},
    {VIR_ERR_NO_SOURCE, "missing source information for device", Join::Space, nullptr},
    {VIR_ERR_NO_TARGET, "missing target information for device", Join::Space, nullptr},
    {VIR_ERR_NO_NAME, "missing name information", Join::Custom, "missing name information in %s"},
    {VIR_ERR_NO_OS, "missing operating system information", Join::Custom, "missing operating system information for %s"},
    {VIR_ERR_NO_DEVICE, "missing devices information", Join::Custom, "missing devices information for %s"},
    {VIR_ERR_NO_XENSTORE, "could not connect to Xen Store", Join::Space, nullptr},
    {VIR_ERR_DRIVER_FULL, "too many drivers registered", Join::Custom, "too many drivers registered in %s"},
    {VIR_ERR_CALL_FAILED, "library call failed", Join::Colon, nullptr},
    {VIR_ERR_XML_ERROR, "XML description is invalid or not well formed", Join::Custom, "XML error: %s"},
    {VIR_ERR_DOM_EXIST, "this domain exists already", Join::Custom, "domain %s exists already"},
    {VIR_ERR_OPERATION_DENIED, "operation forbidden for read only access", Join::Custom, "operation forbidden: %s"},
    {VIR_ERR_OPEN_FAILED, "failed to open configuration file", Join::Space, nullptr},
    {VIR_ERR_READ_FAILED, "failed to read configuration file", Join::Space, nullptr},
    {VIR_ERR_PARSE_FAILED, "failed to parse configuration file", Join::Space, nullptr},
    {VIR_ERR_CONF_SYNTAX, "configuration file syntax error", Join::Colon, nullptr},
    {VIR_ERR_WRITE_FAILED, "failed to write configuration file", Join::Colon, nullptr},
    {VIR_ERR_XML_DETAIL, "parser error", Join::Detail, nullptr},
    {VIR_ERR_INVALID_NETWORK, "invalid network pointer in", Join::In, nullptr},
    {VIR_ERR_NETWORK_EXIST, "this network exists already", Join::Custom, "network %s exists already"},
    {VIR_ERR_SYSTEM_ERROR, "system call error", Join::Detail, nullptr},
    {VIR_ERR_RPC, "RPC error", Join::Detail, nullptr},
    {VIR_ERR_GNUTLS_ERROR, "GNUTLS call error", Join::Detail, nullptr},
    {VIR_WAR_NO_NETWORK, "Failed to find the network", Join::Colon, nullptr},
    {VIR_ERR_NO_DOMAIN, "Domain not found", Join::Colon, nullptr},
    {VIR_ERR_NO_NETWORK, "Network not found", Join::Colon, nullptr},
    {VIR_ERR_INVALID_MAC, "invalid MAC address", Join::Colon, nullptr},
    {VIR_ERR_AUTH_FAILED, "authentication failed", Join::Colon, nullptr},
    {VIR_ERR_INVALID_STORAGE_POOL, "invalid storage pool pointer in", Join::In, nullptr},
    {VIR_ERR_INVALID_STORAGE_VOL, "invalid storage volume pointer in", Join::In, nullptr},
    {VIR_WAR_NO_STORAGE, "Failed to find a storage driver", Join::Colon, nullptr},
    {VIR_ERR_NO_STORAGE_POOL, "Storage pool not found", Join::Colon, nullptr},
    {VIR_ERR_NO_STORAGE_VOL, "Storage volume not found", Join::Colon, nullptr},
    {VIR_WAR_NO_NODE, "Failed to find a node driver", Join::Colon, nullptr},
    {VIR_ERR_INVALID_NODE_DEVICE, "invalid node device pointer", Join::Custom, "invalid node device pointer in %s"},
    {VIR_ERR_NO_NODE_DEVICE, "Node device not found", Join::Colon, nullptr},
    {VIR_ERR_NO_SECURITY_MODEL, "Security model not found", Join::Colon, nullptr},
    {VIR_ERR_OPERATION_INVALID, "Requested operation is not valid", Join::Colon, nullptr},
    {VIR_WAR_NO_INTERFACE, "Failed to find the interface", Join::Colon, nullptr},
    {VIR_ERR_NO_INTERFACE, "Interface not found", Join::Colon, nullptr},
    {VIR_ERR_INVALID_INTERFACE, "invalid interface pointer in", Join::In, nullptr},
    {VIR_ERR_MULTIPLE_INTERFACES, "multiple matching interfaces found", Join::Colon, nullptr},
    {VIR_WAR_NO_NWFILTER, "Failed to start the nwfilter driver", Join::Colon, nullptr},
    {VIR_ERR_INVALID_NWFILTER, "Invalid network filter", Join::Colon, nullptr},
    {VIR_ERR_NO_NWFILTER, "Network filter not found", Join::Colon, nullptr},
    {VIR_ERR_BUILD_FIREWALL, "Error while building firewall", Join::Colon, nullptr},
    {VIR_WAR_NO_SECRET, "Failed to find a secret storage driver", Join::Colon, nullptr},
    {VIR_ERR_INVALID_SECRET, "Invalid secret", Join::Colon, nullptr},
    {VIR_ERR_NO_SECRET, "Secret not found", Join::Colon, nullptr},
    {VIR_ERR_CONFIG_UNSUPPORTED, "unsupported configuration", Join::Colon, nullptr},
    {VIR_ERR_OPERATION_TIMEOUT, "Timed out during operation", Join::Colon, nullptr},
    {VIR_ERR_MIGRATE_PERSIST_FAILED, "Failed to make domain persistent after migration", Join::Colon, nullptr},
    {VIR_ERR_HOOK_SCRIPT_FAILED, "Hook script execution failed", Join::Colon, nullptr},
    {VIR_ERR_INVALID_DOMAIN_SNAPSHOT, "Invalid domain snapshot", Join::Colon, nullptr},
    {VIR_ERR_NO_DOMAIN_SNAPSHOT, "Domain snapshot not found", Join::Colon, nullptr},
    {VIR_ERR_INVALID_STREAM, "invalid stream pointer", Join::Custom, "invalid stream pointer in %s"},
    {VIR_ERR_ARGUMENT_UNSUPPORTED, "argument unsupported", Join::Colon, nullptr},
    {VIR_ERR_STORAGE_PROBE_FAILED, "Storage pool probe failed", Join::Colon, nullptr},
    {VIR_ERR_STORAGE_POOL_BUILT, "Storage pool already built", Join::Colon, nullptr},
    {VIR_ERR_SNAPSHOT_REVERT_RISKY, "revert requires force", Join::Colon, nullptr},
    {VIR_ERR_OPERATION_ABORTED, "operation aborted", Join::Colon, nullptr},
    {VIR_ERR_AUTH_CANCELLED, "authentication cancelled", Join::Colon, nullptr},
    {VIR_ERR_NO_DOMAIN_METADATA, "metadata not found", Join::Colon, nullptr},
    {VIR_ERR_MIGRATE_UNSAFE, "Unsafe migration", Join::Colon, nullptr},
    {VIR_ERR_OVERFLOW, "numerical overflow", Join::Colon, nullptr},
    {VIR_ERR_BLOCK_COPY_ACTIVE, "block copy still active", Join::Colon, nullptr},
    {VIR_ERR_OPERATION_UNSUPPORTED, "Operation not supported", Join::Colon, nullptr},
    {VIR_ERR_SSH, "SSH transport error", Join::Colon, nullptr},
    {VIR_ERR_AGENT_UNRESPONSIVE, "Guest agent is not responding", Join::Colon, nullptr},
    {VIR_ERR_RESOURCE_BUSY, "resource busy", Join::Colon, nullptr},
    {VIR_ERR_ACCESS_DENIED, "access denied", Join::Colon, nullptr},
    {VIR_ERR_DBUS_SERVICE, "error from service", Join::Colon, nullptr},
    {VIR_ERR_STORAGE_VOL_EXIST, "this storage volume exists already", Join::Custom, "storage volume %s exists already"},
    {VIR_ERR_CPU_INCOMPATIBLE, "the CPU is incompatible with host CPU", Join::Colon, nullptr},
    {VIR_ERR_XML_INVALID_SCHEMA, "XML document failed to validate against schema", Join::Colon, nullptr},
    {VIR_ERR_MIGRATE_FINISH_OK, "migration successfully aborted", Join::Colon, nullptr},
    {VIR_ERR_AUTH_UNAVAILABLE, "authentication unavailable", Join::Colon, nullptr},
    {VIR_ERR_NO_SERVER, "Server not found", Join::Colon, nullptr},
    {VIR_ERR_NO_CLIENT, "Client not found", Join::Colon, nullptr},
    {VIR_ERR_AGENT_UNSYNCED, "guest agent replied with wrong id to guest-sync command", Join::Colon, nullptr},
    {VIR_ERR_LIBSSH, "libssh transport error", Join::Colon, nullptr},
    {VIR_ERR_DEVICE_MISSING, "device not found", Join::Colon, nullptr},
    {VIR_ERR_INVALID_NWFILTER_BINDING, "Invalid network filter binding", Join::Colon, nullptr},
    {VIR_ERR_NO_NWFILTER_BINDING, "Network filter binding not found", Join::Colon, nullptr},
    {VIR_ERR_INVALID_DOMAIN_CHECKPOINT, "Invalid domain checkpoint", Join::Colon, nullptr},
    {VIR_ERR_NO_DOMAIN_CHECKPOINT, "Domain checkpoint not found", Join::Colon, nullptr},
    {VIR_ERR_NO_DOMAIN_BACKUP, "Domain backup job id not found", Join::Colon, nullptr},
    {VIR_ERR_INVALID_NETWORK_PORT, "Invalid network port pointer", Join::Colon, nullptr},
    {VIR_ERR_NETWORK_PORT_EXIST, "this network port exists already", Join::Custom, "network port %s exists already"},
    {VIR_ERR_NO_NETWORK_PORT, "network port not found", Join::Colon, nullptr},
    {VIR_ERR_NO_HOSTNAME, "no hostname found", Join::Colon, nullptr},
    {VIR_ERR_CHECKPOINT_INCONSISTENT, "checkpoint inconsistent", Join::Colon, nullptr},
    {VIR_ERR_MULTIPLE_DOMAINS, "multiple matching domains found", Join::Colon, nullptr},
};

const MessageShape* shapeOf(virErrorNumber code) {
  for (const auto& s : kShapes)
    if (s.code == code) return &s;
  return nullptr;
}

}  // namespace

std::string errorMessage(virErrorNumber code, std::string_view detail) {
  const MessageShape* shape = shapeOf(code);
  if (!shape) return detail.empty() ? std::string("unknown error") : std::string(detail);
  if (detail.empty()) return shape->generic;
  std::string out;
  switch (shape->join) {
    case Join::Colon:
      out.append(shape->generic).append(": ").append(detail);
      break;
    case Join::Space:
    case Join::In:
      out.append(shape->generic).append(" ").append(detail);
      break;
    case Join::Detail:
      out.assign(detail);
      break;
    case Join::Custom: {
      std::string_view pattern = shape->pattern;
      size_t at = pattern.find("%s");
      out.append(pattern.substr(0, at)).append(detail).append(pattern.substr(at + 2));
      break;
    }
  }
  return out;
}

Error::Error(virErrorNumber code, virErrorDomain domain, std::string_view detail)
    : code_(code), domain_(domain), message_(errorMessage(code, detail)) {}

Error Error::verbatim(virErrorNumber code, virErrorDomain domain, std::string message) {
  Error e;
  e.code_ = code;
  e.domain_ = domain;
  e.message_ = std::move(message);
  return e;
}

void fail(virErrorNumber code, virErrorDomain domain, std::string_view detail) {
  throw Error(code, domain, detail);
}

void failSystem(virErrorDomain domain, int errnum, std::string_view what) {
  std::string detail(what);
  detail.append(": ").append(std::strerror(errnum));
  Error e(VIR_ERR_SYSTEM_ERROR, domain, detail);
  e.int1 = errnum;
  throw e;
}

void failUnsupported(virErrorDomain domain, std::string_view function) {
  throw Error(VIR_ERR_NO_SUPPORT, domain, function);
}

void checkFlags(unsigned int flags, unsigned int supported, virErrorDomain domain,
                std::string_view function) {
  unsigned int unknown = flags & ~supported;
  if (unknown == 0) return;
  char hex[32];
  std::snprintf(hex, sizeof hex, "0x%x", unknown);
  // libvirt words this one without the "invalid argument: " prefix.
  std::string message = "unsupported flags (";
  message.append(hex).append(") in function ").append(function);
  throw Error::verbatim(VIR_ERR_INVALID_ARG, domain, message);
}

}  // namespace vireo
