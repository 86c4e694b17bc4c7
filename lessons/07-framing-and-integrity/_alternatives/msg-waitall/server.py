"""A learner's version: recv with MSG_WAITALL lets the kernel collect exactly n bytes (fewer only at the end)."""
import hashlib
import socket

MAX_LEN = 1024 * 1024


def exactly(conn, n):
    data = conn.recv(n, socket.MSG_WAITALL) if n else b""
    return data


def to_frame(data):
    return len(data).to_bytes(4, "big") + hashlib.sha256(data).digest() + data


def handle(conn, name):
    while True:
        head = exactly(conn, 36)
        if head == b"":
            return
        if len(head) < 36:
            print(f"{name} truncated in the header")
            return
        n = int.from_bytes(head[:4], "big")
        if n > MAX_LEN:
            conn.sendall(to_frame(b"ERR too big"))
            return
        body = exactly(conn, n)
        if len(body) < n:
            print(f"{name} truncated in the payload")
            return
        conn.sendall(to_frame(body) if hashlib.sha256(body).digest() == head[4:] else to_frame(b"ERR checksum"))


server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 65432))
server.listen()
while True:
    conn, (host, port) = server.accept()
    try:
        handle(conn, f"{host}:{port}")
    except OSError as problem:
        print(problem)
    finally:
        conn.close()
