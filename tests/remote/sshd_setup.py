"""What the ssh and libssh transport tests share: their prerequisites and a
private sshd configuration (a host key, user keys of which `good_key` is the
one authorized, root allowed by key only) in a directory of the test's."""
import os
import shutil
import subprocess

from skip_or_fail import skip_or_fail

SSHD = "/usr/sbin/sshd"


def missing_prerequisite(tools):
    """None when root and every tool is there; else the exit status to return.
    `tools` is a list of (program, Debian package) besides sshd and ssh-keygen."""
    if os.geteuid() != 0:
        return skip_or_fail("sshd in inetd mode needs root")
    for tool, package in [(SSHD, "openssh-server"), ("ssh-keygen", "openssh-client")] + list(tools):
        if not shutil.which(tool):
            return skip_or_fail(f"{tool} is not installed (Debian package {package})")
    os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # sshd's privilege separation directory
    return None


def make_sshd_config(d, keys, passwords=False):
    """Makes the ed25519 keys named in `keys` (host_key and good_key among
    them) and d/sshd_config; returns the config's path. With `passwords`
    the server offers password authentication too, which always fails
    for root (PermitRootLogin prohibit-password)."""
    for name in keys:
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", f"{d}/{name}"], check=True)
    shutil.copy(f"{d}/good_key.pub", f"{d}/authorized_keys")
    config = f"{d}/sshd_config"
    with open(config, "w") as f:
        f.write(f"HostKey {d}/host_key\nAuthorizedKeysFile {d}/authorized_keys\nStrictModes no\n"
                "UsePAM no\nPermitRootLogin prohibit-password\n"
                f"PasswordAuthentication {'yes' if passwords else 'no'}\n"
                "KbdInteractiveAuthentication no\nPidFile none\nLogLevel ERROR\n")
    return config
