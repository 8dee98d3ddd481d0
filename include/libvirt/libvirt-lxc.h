/*
 * libvirt-lxc.h: LXC driver specific extensions
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef VIREO_LIBVIRT_LXC_H
#define VIREO_LIBVIRT_LXC_H

#include <libvirt/libvirt.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Move the calling process into the control groups of a container.
 *
 * @param domain  domain handle
 * @param flags   must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainLxcEnterCGroup(virDomainPtr domain, unsigned int flags);

/**
 * Move the calling process into the namespaces given by @p fdlist,
 * optionally first saving descriptors for its current namespaces.
 *
 * @param domain      domain handle
 * @param nfdlist     number of entries in @p fdlist
 * @param fdlist      namespace descriptors from virDomainLxcOpenNamespace()
 * @param noldfdlist  if non-NULL, receives the number of saved descriptors
 * @param oldfdlist   if non-NULL, receives a newly allocated array of
 *                    descriptors for the previous namespaces
 * @param flags       must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainLxcEnterNamespace(
        virDomainPtr domain,
        unsigned int nfdlist,
        int *fdlist,
        unsigned int *noldfdlist,
        int **oldfdlist,
        unsigned int flags);

/**
 * Switch the calling process to a container's security label, optionally
 * saving the current label.
 *
 * @param model     security model, from virNodeGetSecurityModel()
 * @param label     label to apply, from virDomainGetSecurityLabel()
 * @param oldlabel  if non-NULL, receives the previous label
 * @param flags     must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainLxcEnterSecurityLabel(
        virSecurityModelPtr model,
        virSecurityLabelPtr label,
        virSecurityLabelPtr oldlabel,
        unsigned int flags);

/**
 * Open file descriptors referring to the namespaces of a running container's
 * init process, for use with virDomainLxcEnterNamespace().
 *
 * @param domain  domain handle
 * @param fdlist  receives a newly allocated array of descriptors; close each
 *                and free() the array
 * @param flags   must be 0
 *
 * @return the number of descriptors returned, or -1 on error.
 */
VIREO_API int virDomainLxcOpenNamespace(virDomainPtr domain,
                                        int **fdlist,
                                        unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_LXC_H */
