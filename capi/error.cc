// virterror.h: the thread's last error, per-connection errors and the error
// handlers.
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "capi/facade.h"

namespace vireo::capi {
namespace {

// Process-wide handler, as libvirt's virSetErrorFunc sets it.
std::mutex gHandlerMutex;
virErrorFunc gHandler = nullptr;
void* gHandlerData = nullptr;

// The thread's last error. The wrapper frees its strings when the thread ends.
struct ThreadError {
  virError error{};
  ~ThreadError() { resetErrorStruct(&error); }
};
thread_local ThreadError tlsHolder;

char* dupOrNull(const std::string& s) { return s.empty() ? nullptr : strdup(s.c_str()); }

// The short names libvirt's default handler prints for error domains.
const char* domainName(int domain) {
  switch (domain) {
    case VIR_FROM_NONE: return "";
    case VIR_FROM_QEMU: return "QEMU Driver";
    case VIR_FROM_DOM: return "Domain";
    case VIR_FROM_RPC: return "RPC";
    case VIR_FROM_REMOTE: return "Remote Driver";
    case VIR_FROM_TEST: return "Test Driver";
    case VIR_FROM_DOMAIN: return "Domain Config";
    case VIR_FROM_LXC: return "Linux Container Driver";
    case VIR_FROM_NETWORK: return "Network Driver";
    case VIR_FROM_STORAGE: return "Storage Driver";
    case VIR_FROM_SECURITY: return "Security Driver";
    case VIR_FROM_EVENT: return "Events";
    case VIR_FROM_LOCKING: return "Locking";
    case VIR_FROM_AUDIT: return "Audit Utils";
    case VIR_FROM_URI: return "URI Utils";
    case VIR_FROM_CONF: return "Config File";
    default: return "";
  }
}

}  // namespace

virError* threadError() { return &tlsHolder.error; }

void resetErrorStruct(virError* err) {
  if (!err) return;
  std::free(err->message);
  std::free(err->str1);
  std::free(err->str2);
  std::free(err->str3);
  std::memset(err, 0, sizeof *err);  // (assignment would touch the deprecated fields)
}

void copyErrorStruct(const virError* from, virError* to) {
  resetErrorStruct(to);
  to->code = from->code;
  to->domain = from->domain;
  to->level = from->level;
  to->int1 = from->int1;
  to->int2 = from->int2;
  to->message = from->message ? strdup(from->message) : nullptr;
  to->str1 = from->str1 ? strdup(from->str1) : nullptr;
  to->str2 = from->str2 ? strdup(from->str2) : nullptr;
  to->str3 = from->str3 ? strdup(from->str3) : nullptr;
}

void resetThreadError() { resetErrorStruct(&tlsHolder.error); }

void dispatchError(const Error& e, virConnectPtr conn) {
  virError* err = &tlsHolder.error;
  resetErrorStruct(err);
  err->code = e.code();
  err->domain = e.domain();
  err->level = VIR_ERR_ERROR;
  err->message = strdup(e.message().c_str());
  err->str1 = dupOrNull(e.str1);
  err->int1 = e.int1;
  err->int2 = -1;

  virErrorFunc handler;
  void* data;
  {
    std::lock_guard lock(gHandlerMutex);
    handler = gHandler;
    data = gHandlerData;
  }
  if (conn) {
    std::lock_guard lock(conn->errorMutex);
    copyErrorStruct(err, &conn->error);
    if (conn->errorHandler) {
      handler = conn->errorHandler;
      data = conn->errorHandlerData;
    }
  }
  if (handler)
    handler(data, err);
  else
    virDefaultErrorFunc(err);
}

}  // namespace vireo::capi

using namespace vireo::capi;

extern "C" {

virErrorPtr virGetLastError(void) { return tlsHolder.error.code == VIR_ERR_OK ? nullptr : &tlsHolder.error; }

int virGetLastErrorCode(void) { return tlsHolder.error.code; }

int virGetLastErrorDomain(void) { return tlsHolder.error.code == VIR_ERR_OK ? VIR_FROM_NONE : tlsHolder.error.domain; }

const char* virGetLastErrorMessage(void) {
  if (tlsHolder.error.code == VIR_ERR_OK) return "no error";
  return tlsHolder.error.message ? tlsHolder.error.message : "unknown error";
}

void virResetLastError(void) { resetThreadError(); }

int virCopyLastError(virErrorPtr to) {
  if (!to) return -1;
  if (tlsHolder.error.code == VIR_ERR_OK) {
    resetErrorStruct(to);
    return 0;
  }
  copyErrorStruct(&tlsHolder.error, to);
  return to->code;
}

virErrorPtr virSaveLastError(void) {
  auto* copy = static_cast<virErrorPtr>(std::calloc(1, sizeof(virError)));
  if (!copy) return nullptr;
  virCopyLastError(copy);
  return copy;
}

void virResetError(virErrorPtr err) { resetErrorStruct(err); }

void virFreeError(virErrorPtr err) {
  resetErrorStruct(err);
  std::free(err);
}

void virSetErrorFunc(void* userData, virErrorFunc handler) {
  std::lock_guard lock(gHandlerMutex);
  gHandler = handler;
  gHandlerData = userData;
}

void virDefaultErrorFunc(virErrorPtr err) {
  if (!err || err->code == VIR_ERR_OK) return;
  const char* level = err->level == VIR_ERR_WARNING ? "warning" : "error";
  std::fprintf(stderr, "libvirt: %s %s : %s\n", domainName(err->domain), level,
               err->message ? err->message : "unknown error");
}

virErrorPtr virConnGetLastError(virConnectPtr conn) {
  if (!conn || conn->magic != kConnectMagic) return nullptr;
  // libvirt hands out the connection's error object even when it holds no
  // error (code VIR_ERR_OK).
  std::lock_guard lock(conn->errorMutex);
  return &conn->error;
}

int virConnCopyLastError(virConnectPtr conn, virErrorPtr to) {
  if (!conn || conn->magic != kConnectMagic || !to) return -1;
  std::lock_guard lock(conn->errorMutex);
  if (conn->error.code == VIR_ERR_OK) return 0;
  copyErrorStruct(&conn->error, to);
  return to->code;
}

void virConnResetLastError(virConnectPtr conn) {
  if (!conn || conn->magic != kConnectMagic) return;
  std::lock_guard lock(conn->errorMutex);
  resetErrorStruct(&conn->error);
}

void virConnSetErrorFunc(virConnectPtr conn, void* userData, virErrorFunc handler) {
  if (!conn || conn->magic != kConnectMagic) return;
  std::lock_guard lock(conn->errorMutex);
  conn->errorHandler = handler;
  conn->errorHandlerData = userData;
}

}  // extern "C"
