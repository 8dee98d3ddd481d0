// What a container definition asks for, read from the domain XML
// (conf::DomainDef): the root, the other filesystems, the init. Everything
// the driver does not implement yet is refused here, naming the element,
// rather than ignored.
//
//   <domain type='lxc'>
//     <os><type>exe</type><init>/sbin/init</init><initarg>-v</initarg>
//         <initenv name='K'>V</initenv><initdir>/srv</initdir></os>
//     <devices>
//       <filesystem type='mount'><source dir='/srv/ct1'/><target dir='/'/></filesystem>
//       <filesystem type='mount'><source dir='/data'/><target dir='/data'/><readonly/></filesystem>
//       <filesystem type='ram'><source usage='1024' units='KiB'/><target dir='/run'/></filesystem>
//       <filesystem type='block'><source dev='/dev/loop0'/><target dir='/mnt'/><readonly/></filesystem>
//       <hostdev mode='capabilities' type='storage'><source><block>/dev/sdb</block></source></hostdev>
//       <disk type='block' device='disk'><source dev='/dev/loop3'/><target dev='sda'/><readonly/></disk>
//       <hostdev mode='capabilities' type='misc'><source><char>/dev/fuse</char></source></hostdev>
//     </devices>
//     <devices><interface type='bridge'><source bridge='br0'/><mac address='..'/>
//         <guest dev='eth0'/><ip address='..' prefix='24'/><route address='0.0.0.0' gateway='..'/>
//       </interface></devices>
//     <features><privnet/></features>
//     <idmap><uid start='0' target='100000' count='65536'/><gid .../></idmap>
//     <memtune><hard_limit unit='KiB'>..</hard_limit><soft_limit/><swap_hard_limit/></memtune>
//     <cputune><shares>1024</shares><period>100000</period><quota>50000</quota></cputune>
//   </domain>
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "drivers/lxc/lxc_idmap.h"
#include "drivers/lxc/lxc_interface.h"
#include "lib/cgroup/machine_cgroup.h"
#include "lib/conf/domain_def.h"

namespace vireo::lxc {

struct ContainerMount {
  std::string source;    // host directory (type='mount')
  std::string target;    // path in the container
  bool readonly = false;
};

// <filesystem type='block'>: a block device's filesystem.
struct ContainerBlock {
  std::string device;    // <source dev>: host path
  std::string target;
  bool readonly = false;
};

// <hostdev mode='capabilities' type='storage'> (<source><block>) or
// type='misc' (<source><char>): a host device node, at the same path in the
// container's /dev.
struct ContainerHostdev {
  std::string path;
  bool block = false;    // storage: a block device; misc: a character device
};

// <disk>: libvirt's LXC driver makes a node /dev/<target dev> in the
// container with the numbers of <source dev>. Only type='block' works (the
// start refuses other types, with libvirt's words, as libvirt does then).
struct ContainerDisk {
  std::string type;      // "block" works
  std::string source;    // <source dev>; empty: no media
  std::string target;    // <target dev>: the node's name
  bool readonly = false;
};

struct ContainerRam {
  std::string target;
  unsigned long long sizeKiB = 0;
};

struct ContainerConfig {
  ContainerMount root;                  // the filesystem with target dir='/'
  std::vector<ContainerMount> binds;    // the other type='mount' filesystems
  std::vector<ContainerBlock> blocks;   // type='block'
  std::vector<ContainerRam> rams;       // type='ram'
  std::vector<ContainerHostdev> hostdevs;
  std::vector<ContainerDisk> disks;
  std::string init;
  std::vector<std::string> initArgs;
  std::vector<std::pair<std::string, std::string>> initEnv;
  std::string initDir;
  cgroup::CgroupLimits limits;         // <memory>, <memtune>, <cputune>
  std::vector<ContainerInterface> interfaces;  // one per <interface>, in order
  bool privnet = false;                // <features><privnet/>
  IdMap idmap;                         // <idmap>; empty: no user namespace
  // A network namespace of its own: with interfaces, privnet or a user
  // namespace; otherwise the container shares the host's network.
  bool privateNetwork() const { return privnet || !interfaces.empty() || !idmap.empty(); }
};

// Fills in libvirt's default init (/sbin/init) when a definition names none.
void applyContainerDefaults(conf::DomainDef& def);

// The container a definition describes. Throws VIR_ERR_CONFIG_UNSUPPORTED
// (VIR_FROM_LXC) for another domain or OS type, a missing root filesystem, a
// relative path, and every element not implemented yet (naming it:
// "unsupported configuration: <interface> is not supported by the container
// driver yet"); VIR_ERR_XML_ERROR for a filesystem without source or target.
ContainerConfig containerConfigOf(const conf::DomainDef& def);

}  // namespace vireo::lxc
