// libvirt's names of CPU architectures (virArch), as they appear in domain
// XML (<type arch=...>), capabilities and the API.
#pragma once

#include <string_view>

namespace vireo::conf {

// Whether `name` is one of libvirt 9.0's architecture names, exactly
// ("x86_64"; not "X86_64" or "i386").
bool isKnownArch(std::string_view name);

}  // namespace vireo::conf
