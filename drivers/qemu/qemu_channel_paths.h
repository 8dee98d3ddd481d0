// Socket paths of virtio channels that the definition leaves to the driver.
//
// <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/>
// without a <source path> (what virt-install writes for the guest agent) is
// a listening socket that libvirt places in a per-domain directory under
// libDir/channel/target. vireo does the same, for a start and for the
// qemu-argv conversion, so that both name the socket where libvirt does.
#pragma once

#include <string>
#include <vector>

#include "lib/conf/domain_def.h"

namespace vireo::qemu {

// libDir/channel/target/<basename of domainDir>: the directory of a domain's
// channel sockets (domainDir is libDir/domain-ID-NAME).
std::string channelTargetDir(const std::string& libDir, const std::string& domainDir);

// The directories above every domain's channel directory: libDir/channel
// and libDir/channel/target, in that order.
std::vector<std::string> channelParentDirs(const std::string& libDir);

// Gives every virtio channel of type 'unix' that has no source path the
// source <source mode='bind' path='DIR/NAME'/>, NAME being the target name
// or, without one, vioser-CC-BB-PP.sock from its virtio-serial address.
// Returns true when at least one channel got a path (the caller then creates
// DIR before QEMU starts).
bool assignChannelPaths(conf::DomainDef& def, const std::string& dir);

}  // namespace vireo::qemu
