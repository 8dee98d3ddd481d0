// The on-disk cache of probed QEMU capabilities (private to drivers/qemu).
//
// One JSON file per binary, CACHEDIR/<hash of the binary's path>.json. The
// file records the binary's path and modification time; it is valid only
// for that same path and time, and in this code's own format version.
#pragma once

#include <optional>
#include <string>

#include "drivers/qemu/qemu_caps.h"
#include "lib/util/json.h"

namespace vireo::qemu {

// The cache file that holds the capabilities of `binary`.
std::string qemuCapsCachePath(const std::string& cacheDir, const std::string& binary);

// The cached capabilities of `binary`, or nullopt when there is no cache
// file, it is unreadable or corrupt, or it was made for another mtime (the
// caller then probes again and overwrites it). Never throws for a bad file.
std::optional<QemuCaps> loadCachedQemuCaps(const std::string& cacheDir, const std::string& binary,
                                           long long binaryMtime);

// Writes `caps` to the cache atomically (temporary file, fsync, rename),
// creating `cacheDir` if needed. Throws vireo::Error (VIR_ERR_SYSTEM_ERROR,
// naming the path) when the directory or file cannot be written.
void saveCachedQemuCaps(const std::string& cacheDir, const QemuCaps& caps);

// The cache file's content, and back. qemuCapsFromJson throws vireo::Error
// (VIR_ERR_INTERNAL_ERROR) for a document that lacks a field.
json::Value qemuCapsToJson(const QemuCaps& caps);
QemuCaps qemuCapsFromJson(const json::Value& doc);

}  // namespace vireo::qemu
