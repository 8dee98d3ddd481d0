/*
 * reach_check.h: that calls through a remote connection reach the daemon's
 * test driver (suspend and resume its domain "test", reading the state
 * between), shared by the transport tests.
 */
#ifndef VIREO_TESTS_REMOTE_REACH_CHECK_H
#define VIREO_TESTS_REMOTE_REACH_CHECK_H

#include "../capi/check.h"

static inline void check_reaches_test_domain(virConnectPtr conn)
{
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    int state, reason;

    CHECK(dom != NULL);
    if (!dom)
        return;
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainGetState(dom, &state, &reason, 0), 0);
    CHECK_INT(state, VIR_DOMAIN_PAUSED);
    CHECK_INT(virDomainResume(dom), 0);
    virDomainFree(dom);
}

#endif /* VIREO_TESTS_REMOTE_REACH_CHECK_H */
