// Pieces of the storage pool parser and formatter that live in their own
// files; not for drivers.
#pragma once

#include "lib/conf/storage_pool.h"
#include "lib/util/xml.h"

namespace vireo::conf {

// Reads <adapter> and checks it (libvirt's messages; VIR_ERR_XML_ERROR in
// the storage domain, VIR_ERR_INTERNAL_ERROR "Malformed wwn: X").
PoolAdapter parsePoolAdapter(const xml::Element& e);
void writePoolAdapter(xml::Writer& w, const PoolAdapter& a);

// Reads <source> (`e` may be null) for a pool of `type`: every element
// libvirt reads, checked; the ones the type does not use are dropped.
PoolSource parsePoolSource(const xml::Element* e, PoolType type);
// Checks what `type` requires of the source and fills in its defaults;
// `poolName` is the default source name.
void completePoolSource(PoolSource& s, PoolType type, const std::string& poolName);
void writePoolSource(xml::Writer& w, const PoolSource& s, PoolType type);

}  // namespace vireo::conf
