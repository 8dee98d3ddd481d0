/*
 * test_remote_ssh.c: the ssh transport, end to end.
 *
 * Run by tests/remote/ssh_test.py, which starts a private libvirtd and a
 * real sshd (in inetd mode, behind the real ssh client's ProxyCommand, so
 * no port is needed) and passes two URIs: VIREO_SSH_URI, whose key the
 * sshd accepts, and VIREO_SSH_BAD_URI, whose key it refuses. Through the
 * first, the calls reach the daemon's test driver (ssh runs `nc -U` on the
 * far side, libvirt's netcat proxy); the second fails cleanly.
 */
#include "reach_check.h"

#include <sys/wait.h>

int main(void)
{
    const char *uri = getenv("VIREO_SSH_URI");
    const char *bad = getenv("VIREO_SSH_BAD_URI");
    virConnectPtr conn;
    char *host;

    if (!uri || !bad) {
        fprintf(stderr, "SKIP: run through tests/remote/ssh_test.py\n");
        return 77;
    }
    conn = virConnectOpen(uri);
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("test_remote_ssh");
    CHECK_STR(virConnectGetType(conn), "TEST");
    host = virConnectGetHostname(conn);
    CHECK(host != NULL && *host);
    free(host);
    CHECK_INT(virConnectIsSecure(conn), 1); /* libvirt trusts the ssh transport */
    CHECK_INT(virConnectIsEncrypted(conn), 0);
    check_reaches_test_domain(conn);
    CHECK_INT(virConnectClose(conn), 0);
    /* the ssh process is ended and reaped with the connection */
    CHECK_INT(waitpid(-1, NULL, WNOHANG), -1);

    conn = virConnectOpen(bad);
    CHECK(conn == NULL);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC);
    if (conn)
        virConnectClose(conn);
    CHECK_INT(waitpid(-1, NULL, WNOHANG), -1);
    return check_finish("test_remote_ssh");
}
