#!/usr/bin/env python3
"""Several RPC messages in one TLS record.

libvirtd writes each message in records of its own, so a client that
decrypts more than one message per read is never tested against it. This
stands in for a daemon that packs them: a TLS server (Python's ssl, with
tls_pki.py's certificates) that speaks just enough of libvirt's protocol for
a client to open a connection, then sends
  1. the reply to CONNECT_GET_HOSTNAME and a keepalive PING in one record
     (a caller reads the reply; the PING is left decrypted in the session),
  2. once the client is idle, two PINGs in one record (its event loop
     wakes for the first; the second never makes the socket readable).
A client must answer the three PINGs with three PONGs: a message left
inside the TLS session would wait for socket activity that never comes.

usage: tls_packed_test.py CLIENT   (run as CLIENT packed, with
                                    VIREO_LIBVIRTD_TLS and VIREO_LIBVIRTD_PKI)
"""
import os
import shutil
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading

from skip_or_fail import skip_or_fail
import tls_pki

REMOTE_PROGRAM, REMOTE_VERSION = 0x20008086, 1
KEEPALIVE_PROGRAM, KEEPALIVE_VERSION = 0x6B656570, 1
PING, PONG = 1, 2
CALL, REPLY, MESSAGE = 0, 1, 2
PROC_CONNECT_OPEN, PROC_CONNECT_CLOSE, PROC_GET_HOSTNAME = 1, 2, 59
PROC_SUPPORTS_FEATURE, PROC_AUTH_LIST = 60, 66
FEATURE_KEEPALIVE = 10


def packet(prog, vers, proc, kind, serial, payload=b""):
    header = struct.pack(">IIiiIi", prog, vers, proc, kind, serial, 0)
    return struct.pack(">I", 4 + len(header) + len(payload)) + header + payload


def xdr_string(s):
    data = s.encode()
    return struct.pack(">I", len(data)) + data + b"\0" * (-len(data) % 4)


def read_packet(conn):
    def exact(n):
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data
    (length,) = struct.unpack(">I", exact(4))
    body = exact(length - 4)
    return struct.unpack(">IIiiIi", body[:24]), body[24:]


class FakeDaemon:
    def __init__(self, pki):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(os.path.join(pki, "servercert.pem"), os.path.join(pki, "serverkey.pem"))
        ctx.load_verify_locations(os.path.join(pki, "cacert.pem"))
        ctx.verify_mode = ssl.CERT_REQUIRED
        # No TLS 1.3 session tickets: libvirt's client reads the confirmation
        # byte without blocking and takes a ticket record for a failure.
        ctx.num_tickets = 0
        self.ctx = ctx
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(1)
        self.port = self.listener.getsockname()[1]
        self.pongs = 0
        self.error = None
        self.idle = threading.Event()

    def ping(self):
        return packet(KEEPALIVE_PROGRAM, KEEPALIVE_VERSION, PING, MESSAGE, 0)

    def answer(self, conn, header, payload):
        prog, _, proc, kind, serial, _ = header
        if prog == KEEPALIVE_PROGRAM:
            if proc == PONG:
                self.pongs += 1
                if self.pongs == 1:
                    # The client is idle now: two PINGs in one record.
                    conn.sendall(self.ping() + self.ping())
            return True
        if kind != CALL:
            return True
        # Keepalive is the one feature we claim: libvirt's client answers a
        # PING only once it knows the daemon does keepalive.
        feature = struct.unpack(">i", payload[:4])[0] if proc == PROC_SUPPORTS_FEATURE else None
        reply = {PROC_AUTH_LIST: struct.pack(">II", 1, 0),  # one auth type: none
                 PROC_SUPPORTS_FEATURE: struct.pack(">i", 1 if feature == FEATURE_KEEPALIVE else 0),
                 PROC_GET_HOSTNAME: xdr_string("fake")}.get(proc, b"")
        message = packet(REMOTE_PROGRAM, REMOTE_VERSION, proc, REPLY, serial, reply)
        if proc == PROC_GET_HOSTNAME:
            message += self.ping()  # the reply and a PING in one record
        conn.sendall(message)
        return proc != PROC_CONNECT_CLOSE

    def serve(self):
        try:
            raw, _ = self.listener.accept()
            with self.ctx.wrap_socket(raw, server_side=True) as conn:
                conn.sendall(b"\x01")  # libvirt's confirmation: certificate accepted
                while self.answer(conn, *read_packet(conn)):
                    pass
        except EOFError:
            pass
        except Exception as e:  # reported by the main thread
            self.error = e


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    if not shutil.which("certtool"):
        return skip_or_fail("certtool is not installed (Debian package gnutls-bin)")
    state = tempfile.mkdtemp(prefix="vireo-tls-packed-")
    try:
        pki = os.path.join(state, "pki")
        tls_pki.make(pki, ["127.0.0.1"])
        daemon = FakeDaemon(pki)
        server = threading.Thread(target=daemon.serve, daemon=True)
        server.start()
        env = dict(os.environ, VIREO_LIBVIRTD_TLS=f"127.0.0.1:{daemon.port}", VIREO_LIBVIRTD_PKI=pki)
        result = subprocess.run([argv[1], "packed"], env=env, timeout=60)
        server.join(timeout=10)
        if daemon.error:
            print(f"FAIL: the fake daemon: {daemon.error!r}", file=sys.stderr)
            return 1
        if daemon.pongs != 3:
            print(f"FAIL: {daemon.pongs} PONGs for 3 PINGs", file=sys.stderr)
            return 1
        print("tls_packed_test: 3 PINGs in packed records, 3 PONGs")
        return result.returncode
    finally:
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
