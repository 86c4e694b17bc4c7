"""A learner's version: read big chunks into a buffer and cut frames out of it (no recv_exact)."""
import hashlib
import socket
import struct

LIMIT = 1 << 20
HEAD = 36


def frame(payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + hashlib.sha256(payload).digest() + payload


class FrameReader:
    def __init__(self, sock):
        self.sock = sock
        self.buffer = bytearray()

    def frames(self):
        """Yields (payload, ok) until the client closes; raises ValueError for a frame cut short."""
        while True:
            while len(self.buffer) >= HEAD:
                (length,) = struct.unpack(">I", self.buffer[:4])
                if length > LIMIT:
                    raise OverflowError(length)
                if len(self.buffer) < HEAD + length:
                    break
                digest = bytes(self.buffer[4:HEAD])
                payload = bytes(self.buffer[HEAD:HEAD + length])
                del self.buffer[:HEAD + length]
                yield payload, hashlib.sha256(payload).digest() == digest
            chunk = self.sock.recv(65536)
            if not chunk:
                if self.buffer:
                    raise ValueError(f"{len(self.buffer)} bytes of an unfinished frame")
                return
            self.buffer += chunk


srv = socket.create_server(("127.0.0.1", 65432))
print("frames on 65432", flush=True)
while True:
    conn, addr = srv.accept()
    with conn:
        try:
            for payload, ok in FrameReader(conn).frames():
                conn.sendall(frame(payload if ok else b"ERR checksum"))
        except OverflowError as big:
            print(f"{addr}: length {big} refused", flush=True)
            conn.sendall(frame(b"ERR too big"))
        except ValueError as cut:
            print(f"{addr}: truncated: {cut}", flush=True)
        except OSError as err:
            print(f"{addr}: {err!r}", flush=True)
