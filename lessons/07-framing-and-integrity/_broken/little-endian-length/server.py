"""A frame server: answers every frame with the same payload, checked end to end.

usage: python3 server.py

Frames are a 36-byte header (4-byte big-endian length, 32-byte SHA-256 of the payload) and the
payload. A frame whose digest does not match gets an "ERR checksum" frame back; a length over the
limit gets "ERR too big" and the connection is closed (the stream cannot be trusted after it); a
connection that ends in the middle of a frame is reported as truncated. Nothing a client sends can
stop the server.
"""
import hashlib
import socket
import struct

HEADER = struct.Struct("<I32s")  # length, digest (this machine is little-endian, so the length is too)
MAX_PAYLOAD = 1024 * 1024


class Truncated(ConnectionError):
    """The connection closed in the middle of a frame."""


class TooBig(ValueError):
    """A length over MAX_PAYLOAD: never allocate or wait for it."""


def recv_exact(sock, n):
    """Exactly n bytes, however many recv() calls that takes. b"" if the peer closed before the first byte."""
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            if buf:
                raise Truncated(f"got {len(buf)} of {n} bytes")
            return b""
        buf += chunk
    return bytes(buf)


def send_frame(sock, payload):
    sock.sendall(HEADER.pack(len(payload), hashlib.sha256(payload).digest()) + payload)


def recv_frame(sock):
    """(payload, digest_ok) for the next frame, or None when the client closed between frames."""
    header = recv_exact(sock, HEADER.size)
    if not header:
        return None
    length, digest = HEADER.unpack(header)
    if length > MAX_PAYLOAD:
        raise TooBig(f"a frame of {length} bytes")
    payload = recv_exact(sock, length)
    if len(payload) < length:
        raise Truncated(f"got 0 of {length} payload bytes")
    return payload, hashlib.sha256(payload).digest() == digest


def serve(conn, who):
    while (frame := recv_frame(conn)) is not None:
        payload, digest_ok = frame
        if digest_ok:
            print(f"{who}: frame of {len(payload)} bytes, checksum OK", flush=True)
            send_frame(conn, payload)
        else:
            print(f"{who}: frame of {len(payload)} bytes, checksum mismatch", flush=True)
            send_frame(conn, b"ERR checksum")


with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 65432))
    server.listen()
    server.settimeout(1.0)  # wake up every second, so Ctrl-C is noticed
    print("Listening on 127.0.0.1:65432", flush=True)
    try:
        while True:
            try:
                conn, addr = server.accept()
            except TimeoutError:
                continue
            who = f"{addr[0]}:{addr[1]}"
            with conn:
                conn.settimeout(10.0)
                try:
                    serve(conn, who)
                except TooBig as e:
                    print(f"{who}: {e} is over the {MAX_PAYLOAD} byte limit: closing", flush=True)
                    send_frame(conn, b"ERR too big")
                except Truncated as e:
                    print(f"{who}: truncated frame ({e}): closing", flush=True)
                except (ConnectionError, TimeoutError) as e:
                    print(f"{who}: {type(e).__name__}: {e}", flush=True)
    except KeyboardInterrupt:
        print("\nServer stopped.")
