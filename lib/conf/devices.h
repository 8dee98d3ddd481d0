// Parsing and formatting of each device family. One pair per family; the
// implementations live in devices_<family>.cc.
//
// parseX() reads one device element (throwing vireo::Error on bad input);
// formatX() returns the element as libvirt formats it, ready for the writer.
// `secure` asks for secrets (graphics passwords) to be included.
#pragma once

#include "lib/conf/domain_def.h"
#include "lib/util/xml.h"

namespace vireo::conf {

DiskDef parseDisk(const xml::Element& e);
xml::Element formatDisk(const DiskDef& d);

ControllerDef parseController(const xml::Element& e);
xml::Element formatController(const ControllerDef& c);

NetDef parseNet(const xml::Element& e);
xml::Element formatNet(const NetDef& n);

ChrDef parseChr(const xml::Element& e);
// `live`: include runtime details (a pty's path) of a running domain.
xml::Element formatChr(const ChrDef& c, bool live = false);

InputDef parseInput(const xml::Element& e);
xml::Element formatInput(const InputDef& i);

GraphicsDef parseGraphics(const xml::Element& e);
xml::Element formatGraphics(const GraphicsDef& g, bool secure);

VideoDef parseVideo(const xml::Element& e);
xml::Element formatVideo(const VideoDef& v);

HostdevDef parseHostdev(const xml::Element& e);
xml::Element formatHostdev(const HostdevDef& h);

MemballoonDef parseMemballoon(const xml::Element& e);
xml::Element formatMemballoon(const MemballoonDef& m);

GenericDeviceDef parseGenericDevice(const xml::Element& e);
xml::Element formatGenericDevice(const GenericDeviceDef& g);

// Any device element, dispatched on its name. Throws VIR_ERR_XML_ERROR
// ("unknown device type") for names that are not devices.
DeviceDef parseDevice(const xml::Element& e);
xml::Element formatDevice(const DeviceDef& d, bool secure);

// The device element names in the order libvirt formats <devices>.
extern const std::vector<std::string_view> kDeviceOrder;

}  // namespace vireo::conf
