// The table libvireo hands to its companion libraries (capi/companion.h).
#include "capi/companion.h"

namespace {

constexpr VireoCompanionApi kCompanionApi = {
    .size = sizeof(VireoCompanionApi),
    .qemuMonitorCommand = vireo::capi::qemuMonitorCommand,
    .qemuMonitorCommandWithFiles = vireo::capi::qemuMonitorCommandWithFiles,
    .qemuAttach = vireo::capi::qemuAttach,
    .qemuAgentCommand = vireo::capi::qemuAgentCommand,
    .qemuMonitorEventRegister = vireo::capi::qemuMonitorEventRegister,
    .qemuMonitorEventDeregister = vireo::capi::qemuMonitorEventDeregister,
    .lxcOpenNamespace = vireo::capi::lxcOpenNamespace,
    .lxcEnterNamespace = vireo::capi::lxcEnterNamespace,
    .lxcEnterSecurityLabel = vireo::capi::lxcEnterSecurityLabel,
    .lxcEnterCGroup = vireo::capi::lxcEnterCGroup,
};

}  // namespace

extern "C" const VireoCompanionApi* vireoCompanionApi(void) { return &kCompanionApi; }
