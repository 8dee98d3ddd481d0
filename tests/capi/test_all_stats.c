/*
 * test_all_stats.c: virConnectGetAllDomainStats and virDomainListGetStats on
 * test:///default (libvirt 9.0's test driver has the state and I/O thread
 * groups).
 *
 * Asserts: with no groups asked, the running "test" domain has one record
 * with state.state RUNNING and state.reason GetState's reason and nothing else (it
 * has no I/O threads); an I/O thread added live shows as iothread.count 1
 * and its polling parameters (poll-max-ns 32768, grow and shrink 0); the
 * STATE group alone leaves the I/O thread out; a group the driver lacks is
 * ignored, or refused with ENFORCE_STATS (VIR_ERR_ARGUMENT_UNSUPPORTED);
 * the ACTIVE / INACTIVE filters select the running domain or none; an
 * unknown flag is refused; the record's domain handle names the domain
 * and virDomainStatsRecordListFree frees it all; virDomainListGetStats
 * takes the given domains, refuses an empty array, NULL doms and NULL
 * retStats. Passes against libvirt 9.0 (capi-all-stats-libvirt).
 */
#include "check.h"

static const char *find_field(virDomainStatsRecordPtr r, const char *field, int type)
{
    int i;
    for (i = 0; i < r->nparams; i++)
        if (strcmp(r->params[i].field, field) == 0 && r->params[i].type == type)
            return "";
    return NULL;
}

static long long int_field(virDomainStatsRecordPtr r, const char *field)
{
    int i;
    for (i = 0; i < r->nparams; i++) {
        if (strcmp(r->params[i].field, field) != 0)
            continue;
        switch (r->params[i].type) {
        case VIR_TYPED_PARAM_INT: return r->params[i].value.i;
        case VIR_TYPED_PARAM_UINT: return r->params[i].value.ui;
        case VIR_TYPED_PARAM_ULLONG: return (long long)r->params[i].value.ul;
        default: return -2;
        }
    }
    return -1;
}

static void test_all(virConnectPtr conn, virDomainPtr dom)
{
    virDomainStatsRecordPtr *stats = NULL;
    int state = -1, reason = -1;

    CHECK_INT(virDomainGetState(dom, &state, &reason, 0), 0);
    CHECK_INT(virConnectGetAllDomainStats(conn, 0, &stats, 0), 1);
    if (stats && stats[0]) {
        CHECK_STR(virDomainGetName(stats[0]->dom), "test");
        CHECK_INT(stats[0]->nparams, 2);
        CHECK(find_field(stats[0], "state.state", VIR_TYPED_PARAM_INT) != NULL);
        CHECK_INT(int_field(stats[0], "state.state"), VIR_DOMAIN_RUNNING);
        CHECK_INT(int_field(stats[0], "state.reason"), reason);
        CHECK(stats[1] == NULL);
    }
    virDomainStatsRecordListFree(stats);

    CHECK_INT(virDomainAddIOThread(dom, 5, VIR_DOMAIN_AFFECT_LIVE), 0);
    stats = NULL;
    CHECK_INT(virConnectGetAllDomainStats(conn, 0, &stats, 0), 1);
    if (stats && stats[0]) {
        CHECK_INT(stats[0]->nparams, 6);
        CHECK(find_field(stats[0], "iothread.count", VIR_TYPED_PARAM_UINT) != NULL);
        CHECK_INT(int_field(stats[0], "iothread.count"), 1);
        CHECK(find_field(stats[0], "iothread.5.poll-max-ns", VIR_TYPED_PARAM_ULLONG) != NULL);
        CHECK_INT(int_field(stats[0], "iothread.5.poll-max-ns"), 32768);
        CHECK_INT(int_field(stats[0], "iothread.5.poll-grow"), 0);
        CHECK_INT(int_field(stats[0], "iothread.5.poll-shrink"), 0);
    }
    virDomainStatsRecordListFree(stats);

    stats = NULL;
    CHECK_INT(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_STATE, &stats, 0), 1);
    if (stats && stats[0])
        CHECK_INT(stats[0]->nparams, 2);
    virDomainStatsRecordListFree(stats);

    stats = NULL;
    CHECK_INT(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_BLOCK, &stats, 0), 1);
    if (stats && stats[0])
        CHECK_INT(stats[0]->nparams, 0);
    virDomainStatsRecordListFree(stats);
    CHECK_INT(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_BLOCK | VIR_DOMAIN_STATS_STATE, &stats,
                                          VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS), -1);
    CHECK_ERR_MSG(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_TEST,
                  "Stats types bits 0x20 are not supported by this daemon");

    stats = NULL;
    CHECK_INT(virConnectGetAllDomainStats(conn, 0, &stats, VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE), 0);
    CHECK(stats != NULL && stats[0] == NULL);
    virDomainStatsRecordListFree(stats);
    stats = NULL;
    CHECK_INT(virConnectGetAllDomainStats(conn, 0, &stats, VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE), 1);
    virDomainStatsRecordListFree(stats);

    CHECK_INT(virConnectGetAllDomainStats(conn, 0, &stats, 1u << 20), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x100000) in function testConnectGetAllDomainStats");
    CHECK_INT(virConnectGetAllDomainStats(conn, 0, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainDelIOThread(dom, 5, VIR_DOMAIN_AFFECT_LIVE), 0);
}

static void test_list(virDomainPtr dom)
{
    virDomainPtr doms[2] = {dom, NULL};
    virDomainPtr none[1] = {NULL};
    virDomainStatsRecordPtr *stats = NULL;

    CHECK_INT(virDomainListGetStats(doms, VIR_DOMAIN_STATS_STATE, &stats, 0), 1);
    if (stats && stats[0]) {
        CHECK_STR(virDomainGetName(stats[0]->dom), "test");
        CHECK_INT(int_field(stats[0], "state.state"), VIR_DOMAIN_RUNNING);
    }
    virDomainStatsRecordListFree(stats);
    stats = NULL;
    CHECK_INT(virDomainListGetStats(doms, 0, &stats, VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF), 0);
    virDomainStatsRecordListFree(stats);

    CHECK_INT(virDomainListGetStats(none, 0, &stats, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                  "doms array in virDomainListGetStats must contain at least one domain");
    CHECK_INT(virDomainListGetStats(NULL, 0, &stats, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    CHECK_INT(virDomainListGetStats(doms, 0, NULL, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN);
    virDomainStatsRecordListFree(NULL);
}

int main(void)
{
    virConnectPtr conn;
    virDomainPtr dom;

    check_init();
    conn = virConnectOpen(check_default_uri());
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("test_all_stats");
    dom = virDomainLookupByName(conn, "test");
    CHECK(dom != NULL);
    if (dom) {
        test_all(conn, dom);
        test_list(dom);
        virDomainFree(dom);
    }
    virConnectClose(conn);
    return check_finish("test_all_stats");
}
