# A learner's version: a buffered file over the socket; read(n) returns n bytes unless the stream ended.
import hashlib
import socket
import struct
import threading

MAX = 1048576


def reply(out, payload):
    out.write(struct.pack("!I", len(payload)) + hashlib.sha256(payload).digest() + payload)
    out.flush()


def client(conn, addr):
    with conn, conn.makefile("rb") as inp, conn.makefile("wb") as out:
        try:
            while True:
                head = inp.read(36)
                if not head:
                    return
                if len(head) < 36:
                    print(addr, "truncated header", flush=True)
                    return
                size, digest = struct.unpack("!I32s", head)
                if size > MAX:
                    reply(out, b"ERR too big")
                    return
                body = inp.read(size)
                if len(body) < size:
                    print(addr, "truncated payload", flush=True)
                    return
                reply(out, body if hashlib.sha256(body).digest() == digest else b"ERR checksum")
        except OSError as e:
            print(addr, "gone:", e, flush=True)


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 65432))
listener.listen()
while True:
    c, a = listener.accept()
    threading.Thread(target=client, args=(c, a), daemon=True).start()
