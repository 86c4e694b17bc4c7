"""Send messages to the server as frames, and check every answer.

usage: python3 client.py [--port PORT] [--binary N] [MESSAGE ...]

A frame is a 36-byte header, then the payload:
    4 bytes   payload length, big-endian ("!I")
    32 bytes  SHA-256 digest of the payload
    N bytes   payload: any bytes at all, "|", newlines and zero bytes included
The server answers each frame with a frame (the same payload back, or an ERR message).
--binary N adds a message of N random bytes.
"""
import argparse
import hashlib
import os
import socket
import struct

HEADER = struct.Struct("!I32s")  # length, digest
MAX_PAYLOAD = 1024 * 1024


class Truncated(ConnectionError):
    """The connection closed in the middle of a frame."""


def recv_exact(sock, n):
    """Exactly n bytes, however many recv() calls that takes. b"" if the peer closed before the first byte."""
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            if buf:
                raise Truncated(f"connection closed after {len(buf)} of {n} bytes")
            return b""
        buf += chunk
    return bytes(buf)


def send_frame(sock, payload):
    sock.sendall(HEADER.pack(len(payload), hashlib.sha256(payload).digest()) + payload)


def recv_frame(sock):
    """The next payload, or None when the peer closed cleanly between frames."""
    header = recv_exact(sock, HEADER.size)
    if not header:
        return None
    length, digest = HEADER.unpack(header)
    if length > MAX_PAYLOAD:
        raise ValueError(f"frame of {length} bytes is over the {MAX_PAYLOAD} limit")
    payload = recv_exact(sock, length)
    if len(payload) < length:
        raise Truncated(f"connection closed before the payload ({length} bytes)")
    if hashlib.sha256(payload).digest() != digest:
        raise ValueError("checksum mismatch: the payload is not what was sent")
    return payload


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("messages", nargs="*", default=["hello|world\nwith a newline"])
    parser.add_argument("--port", type=int, default=65432)
    parser.add_argument("--binary", type=int, metavar="N")
    args = parser.parse_args()
    payloads = [m.encode() for m in args.messages]
    if args.binary:
        payloads.append(os.urandom(args.binary))
    with socket.create_connection(("127.0.0.1", args.port), timeout=5) as sock:
        for payload in payloads:
            send_frame(sock, payload)
            answer = recv_frame(sock)
            if answer == payload:
                print(f"OK: {len(payload)} bytes came back intact")
            else:
                print(f"answer: {answer!r}")


if __name__ == "__main__":
    main()
