// The filesystem types tried, in order, when a container's block device is
// mounted without a known type: the rules of libvirt's LXC driver (and of
// util-linux's mount), read in the parent so that the child only calls
// mount(2) with each in turn.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vireo::ns {

// From the text of /etc/filesystems (std::nullopt when the file does not
// exist) and of /proc/filesystems: the types of /etc/filesystems, and those
// of /proc/filesystems when there is no /etc/filesystems or it has a "*"
// line (meant to be its last). Lines naming "nodev" are skipped (such a
// filesystem needs no device), and so are empty lines and "*" itself.
// Leading blanks are ignored; the order is the files' order, each type
// listed once.
std::vector<std::string> blockFilesystemTypes(const std::optional<std::string>& etcFilesystems,
                                              const std::string& procFilesystems);

// The same from this host's /etc/filesystems and /proc/filesystems. Throws
// VIR_ERR_SYSTEM_ERROR (`errorDomain`) naming the file that cannot be read.
std::vector<std::string> hostBlockFilesystemTypes(int errorDomain);

}  // namespace vireo::ns
