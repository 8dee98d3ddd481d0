// mkdir -p, for the drivers' state directories.
#pragma once

#include <string>

namespace vireo {

// Creates each missing component of `path` with `mode`. Throws
// VIR_ERR_SYSTEM_ERROR (in `errorDomain`) naming the component that could
// not be made, or VIR_ERR_OPERATION_FAILED when `path` exists but is no
// directory.
void makeDirectories(const std::string& path, unsigned mode, int errorDomain);

}  // namespace vireo
