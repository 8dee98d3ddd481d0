"""A minimal client of the virtlockd protocol (program 0xEA7BEEF v1), written
from the wire format alone (4-byte length, 24-byte header, XDR payload) with
struct, so that it checks vireo-lockd independently of vireo's own codec."""
import socket
import struct

PROG = 0xEA7BEEF
VERS = 1
REGISTER, RESTRICT, NEW, CREATE_RESOURCE, DELETE_RESOURCE, ACQUIRE, RELEASE, CREATE_LOCKSPACE = range(1, 9)
SHARED = 1
AUTOCREATE = 2


def xdr_u32(v):
    return struct.pack(">I", v & 0xFFFFFFFF)


def xdr_string(s):
    b = s.encode() if isinstance(s, str) else s
    return xdr_u32(len(b)) + b + b"\0" * (-len(b) % 4)


def xdr_opt_string(s):
    return xdr_u32(0) if s is None else xdr_u32(1) + xdr_string(s)


class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def u32(self):
        v = struct.unpack_from(">I", self.data, self.pos)[0]
        self.pos += 4
        return v

    def i32(self):
        v = struct.unpack_from(">i", self.data, self.pos)[0]
        self.pos += 4
        return v

    def string(self):
        n = self.u32()
        s = self.data[self.pos:self.pos + n].decode()
        self.pos += n + (-n % 4)
        return s

    def opt_string(self):
        return self.string() if self.u32() else None


class RpcError(Exception):
    def __init__(self, code, domain, message):
        super().__init__(f"{code}/{domain}: {message}")
        self.code, self.domain, self.message = code, domain, message


class Conn:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.serial = 0

    def close(self):
        self.sock.close()

    def send_raw(self, data):
        self.sock.sendall(data)

    def recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise EOFError("connection closed by the daemon")
            buf += chunk
        return buf

    def call(self, proc, payload=b""):
        """Returns None on success, or (code, domain, message) of the error reply."""
        serial = self.serial
        self.serial += 1
        header = struct.pack(">IIiiIi", PROG, VERS, proc, 0, serial, 0)
        self.send_raw(struct.pack(">I", 4 + len(header) + len(payload)) + header + payload)
        length = struct.unpack(">I", self.recv_exact(4))[0]
        body = self.recv_exact(length - 4)
        prog, vers, rproc, mtype, rserial, status = struct.unpack_from(">IIiiIi", body)
        assert (prog, vers, rproc, mtype, rserial) == (PROG, VERS, proc, 1, serial), \
            (prog, vers, rproc, mtype, rserial)
        if status == 0:
            assert len(body) == 24, "void reply with a payload"
            return None
        assert status == 1, status
        r = Reader(body[24:])
        code, domain = r.i32(), r.i32()
        message = r.opt_string()
        return (code, domain, message)

    def register(self, uuid, name, id_, pid, flags=0):
        return self.call(REGISTER, uuid + xdr_string(name) + xdr_u32(id_) + xdr_u32(pid) + xdr_u32(flags))

    def restrict(self, flags=0):
        return self.call(RESTRICT, xdr_u32(flags))

    def new(self, path, flags=0):
        return self.call(NEW, xdr_string(path) + xdr_u32(flags))

    def create_resource(self, path, name, flags=0):
        return self.call(CREATE_RESOURCE, xdr_string(path) + xdr_string(name) + xdr_u32(flags))

    def delete_resource(self, path, name, flags=0):
        return self.call(DELETE_RESOURCE, xdr_string(path) + xdr_string(name) + xdr_u32(flags))

    def acquire(self, path, name, flags=0):
        return self.call(ACQUIRE, xdr_string(path) + xdr_string(name) + xdr_u32(flags))

    def release(self, path, name, flags=0):
        return self.call(RELEASE, xdr_string(path) + xdr_string(name) + xdr_u32(flags))

    def create_lockspace(self, path):
        return self.call(CREATE_LOCKSPACE, xdr_string(path))
