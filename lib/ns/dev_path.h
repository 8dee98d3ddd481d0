// The path policy of the private /dev: which host paths may be copied into
// it, and the lexical rules every comparison goes by.
//
// All checks work on path COMPONENTS, never on string prefixes: "/devfoo" is
// not under "/dev", and "/dev/shmfoo" is not inside the mount "/dev/shm".
// Requested paths are refused rather than repaired: "." and ".." components,
// empty components ("//") and a trailing slash are errors, so that what the
// configuration names is exactly what gets created. Symlink targets, which
// are written by the host and routinely contain "..", are normalised
// lexically instead (normalizeAbsolutePath), always against a directory that
// is known to contain no symlink.
//
// A refusal is vireo::Error VIR_ERR_CONFIG_UNSUPPORTED in the caller's error
// domain (VIR_FROM_QEMU, VIR_FROM_LXC):
// the paths come from a domain definition, and the definition asks for
// something the private /dev will not do. The message names the path and why:
// "unsupported configuration: device path '/dev/../etc/shadow' has a '..' component".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vireo::ns {

// The components of an absolute path, without empty ones ("/a//b/" gives a, b).
std::vector<std::string_view> pathComponents(std::string_view path);

// True when `path` is `dir` or lies below it, compared component by
// component. Both must be absolute; neither is normalised.
bool pathIsWithin(std::string_view path, std::string_view dir);

// True when `path` lies strictly below /dev ("/dev" itself is not).
bool pathIsUnderDev(std::string_view path);

// Checks a requested device path: absolute, strictly under /dev by
// components, no ".", "..", empty component or trailing slash. Returns it
// unchanged; throws VIR_ERR_CONFIG_UNSUPPORTED naming the path and the rule.
std::string checkDevPath(std::string_view path, int errorDomain);

// Checks a path relative to /dev ("disk/by-id/x"): not empty, not absolute,
// no ".", ".." or empty component, no trailing slash. Returns "/dev/" + rel.
std::string checkDevRelativePath(std::string_view rel, int errorDomain);

// The path below /dev of an absolute path under /dev ("/dev/disk/x" gives
// "disk/x"); the path must satisfy pathIsUnderDev and be in canonical form.
std::string devRelativePath(std::string_view path);

// Lexical normalisation of an absolute path: removes empty and "."
// components, resolves ".." against the previous component ("/.." is "/").
// Correct only when no component before a ".." is a symlink; the planner
// guarantees that by resolving symlinks one component at a time.
std::string normalizeAbsolutePath(std::string_view path);

// A symlink's target as an absolute normalised path: a relative target is
// taken relative to `linkDir`, the directory that holds the link.
std::string resolveLinkTarget(std::string_view linkDir, std::string_view target);

}  // namespace vireo::ns
