// Parsing and formatting of each device family. One pair per family; the
// implementations live in devices_<family>.cc.
//
// parseX() reads one device element (throwing vireo::Error on bad input);
// writeX() writes the element as libvirt formats it, straight into the
// writer (format_order.h says how typed and preserved parts are merged).
// `secure` asks for secrets (graphics passwords) to be included.
#pragma once

#include "lib/conf/domain_def.h"
#include "lib/conf/format_order.h"
#include "lib/util/xml.h"

namespace vireo::conf {

DiskDef parseDisk(const xml::Element& e);
// `secure`: include the HTTP cookies of a network source.
void writeDisk(xml::Writer& w, const DiskDef& d, bool secure);

ControllerDef parseController(const xml::Element& e);
void writeController(xml::Writer& w, const ControllerDef& c);

// A PCI host device's source address (the <address> among `sourceChildren`,
// of a <hostdev> or a hostdev <interface>) as libvirt keeps it: numbers read
// in any base libvirt accepts, written in hex, with libvirt's range checks.
void normaliseHostPciAddress(std::vector<xml::Element>& sourceChildren);

NetDef parseNet(const xml::Element& e);
void writeNet(xml::Writer& w, const NetDef& n);
// Whether an interface <model type=> is one of virtio's (libvirt's
// virtio-only <driver> settings depend on it).
bool isVirtioNetModel(const std::string& model);

ChrDef parseChr(const xml::Element& e);
// The backend of a character device of `type` (serial, channel, ... and the
// smartcard, redirdev and rng that embed one): its <source> elements and
// <protocol> as libvirt formats them. Throws libvirt's error when the type's
// endpoint is missing; `pathOptional`: a unix socket may leave its path out.
std::vector<xml::Element> parseChrBackend(const std::string& type,
                                          const std::vector<const xml::Element*>& sources,
                                          const xml::Element* protocol, bool pathOptional);
// `live`: include runtime details (a pty's path) of a running domain.
void writeChr(xml::Writer& w, const ChrDef& c, bool live = false);

InputDef parseInput(const xml::Element& e);
void writeInput(xml::Writer& w, const InputDef& i);

GraphicsDef parseGraphics(const xml::Element& e);
void writeGraphics(xml::Writer& w, const GraphicsDef& g, bool secure);

VideoDef parseVideo(const xml::Element& e);
void writeVideo(xml::Writer& w, const VideoDef& v);

HostdevDef parseHostdev(const xml::Element& e);
void writeHostdev(xml::Writer& w, const HostdevDef& h);

MemballoonDef parseMemballoon(const xml::Element& e);
void writeMemballoon(xml::Writer& w, const MemballoonDef& m);

GenericDeviceDef parseGenericDevice(const xml::Element& e);
void writeGenericDevice(xml::Writer& w, const GenericDeviceDef& g);

// Any device element, dispatched on its name. Throws VIR_ERR_XML_ERROR
// ("unknown device type") for names that are not devices.
DeviceDef parseDevice(const xml::Element& e);
void writeDevice(xml::Writer& w, const DeviceDef& d, bool secure);

// The device element names in the order libvirt formats <devices>.
extern const std::vector<std::string_view> kDeviceOrder;

}  // namespace vireo::conf
