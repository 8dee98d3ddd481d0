/*
 * libvirt.h: umbrella header pulling in the whole client API
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef VIREO_LIBVIRT_H
#define VIREO_LIBVIRT_H

#include <sys/types.h>

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# define __VIR_LIBVIRT_H_INCLUDES__
#endif
#include <libvirt/libvirt-common.h>
#include <libvirt/libvirt-host.h>
#include <libvirt/libvirt-domain.h>
#include <libvirt/libvirt-domain-checkpoint.h>
#include <libvirt/libvirt-domain-snapshot.h>
#include <libvirt/libvirt-event.h>
#include <libvirt/libvirt-interface.h>
#include <libvirt/libvirt-network.h>
#include <libvirt/libvirt-nodedev.h>
#include <libvirt/libvirt-nwfilter.h>
#include <libvirt/libvirt-secret.h>
#include <libvirt/libvirt-storage.h>
#include <libvirt/libvirt-stream.h>

#endif /* VIREO_LIBVIRT_H */
