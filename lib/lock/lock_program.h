// virtlockd's lock program (0xEA7BEEF, version 1), described once for both
// vireo-lockd and vireo's client: procedure numbers, argument layouts,
// flags. Every reply is void.
#pragma once

#include <cstdint>
#include <string>

#include "lib/rpc/xdr.h"

namespace vireo::lock {

inline constexpr uint32_t kProgram = 0xEA7BEEF;
inline constexpr uint32_t kVersion = 1;
// All strings of the lock program are string<65536>.
inline constexpr uint32_t kStringMax = 65536;

enum Proc : int32_t {
  kRegister = 1,
  kRestrict = 2,
  kNew = 3,
  kCreateResource = 4,
  kDeleteResource = 5,
  kAcquireResource = 6,
  kReleaseResource = 7,
  kCreateLockspace = 8,
};

// ACQUIRE_RESOURCE flags.
inline constexpr uint32_t kAcquireShared = 1;
inline constexpr uint32_t kAcquireAutocreate = 2;

struct Owner {
  unsigned char uuid[16] = {};
  std::string name;
  uint32_t id = 0;
  uint32_t pid = 0;
  void xdr(rpc::Xdr& x) {
    x.fixedOpaque(uuid, 16);
    x.string(name, kStringMax);
    x.u32(id);
    x.u32(pid);
  }
};

struct RegisterArgs {
  Owner owner;
  uint32_t flags = 0;
  void xdr(rpc::Xdr& x) {
    x.field(owner);
    x.u32(flags);
  }
};

struct RestrictArgs {
  uint32_t flags = 0;
  void xdr(rpc::Xdr& x) { x.u32(flags); }
};

struct NewArgs {
  std::string path;
  uint32_t flags = 0;
  void xdr(rpc::Xdr& x) {
    x.string(path, kStringMax);
    x.u32(flags);
  }
};

// CREATE_RESOURCE, DELETE_RESOURCE, ACQUIRE_RESOURCE and RELEASE_RESOURCE.
struct ResourceArgs {
  std::string path;  // the lockspace; "" is the default lockspace
  std::string name;
  uint32_t flags = 0;
  void xdr(rpc::Xdr& x) {
    x.string(path, kStringMax);
    x.string(name, kStringMax);
    x.u32(flags);
  }
};

struct CreateLockspaceArgs {
  std::string path;
  void xdr(rpc::Xdr& x) { x.string(path, kStringMax); }
};

}  // namespace vireo::lock
