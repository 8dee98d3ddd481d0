// Which definition of a test domain a call reads or changes, with the
// checks libvirt's drivers share (virDomainObjCheckActive,
// virDomainObjGetDefs, virDomainObjGetOneDef).
#pragma once

#include "drivers/test/test_state.h"

namespace vireo::test {

// VIR_ERR_OPERATION_INVALID "domain is not running" for an inactive domain.
void requireActive(const TestDomain& dom);

// The definitions an AFFECT_LIVE / AFFECT_CONFIG / AFFECT_CURRENT request
// touches, with libvirt's errors for impossible combinations. Changing the
// config of a running domain creates its pending definition.
struct Targets {
  conf::DomainDef* live = nullptr;
  conf::DomainDef* config = nullptr;
};
Targets affected(TestDomain& dom, unsigned int flags);

// The one definition a request names: LIVE and CONFIG together are refused
// (VIR_ERR_INVALID_ARG), as libvirt's virDomainObjGetOneDef does.
conf::DomainDef& oneDef(TestDomain& dom, unsigned int flags);

// The number of host CPUs the node reports (nodes * sockets * cores * threads).
unsigned int nodeCpuCount(const TestNode& node);

}  // namespace vireo::test
