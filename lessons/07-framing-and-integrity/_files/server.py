"""A server for messages with an integrity check, in the "message|md5" format.

usage: python3 server.py

It works in a quick test. The lesson shows three ways to break it; the exercise replaces the
format with binary frames (see client.py).
"""
import hashlib
import socket

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 65432))
    server.listen()
    print("Listening on 127.0.0.1:65432")
    while True:
        conn, addr = server.accept()
        with conn:
            data = conn.recv(4096).decode()  # the whole message... hopefully
            message, digest = data.split("|")
            if hashlib.md5(message.encode()).hexdigest() == digest:
                print(f"{addr[0]}:{addr[1]}: {len(message)} characters, checksum OK")
                conn.sendall(b"OK")
            else:
                print(f"{addr[0]}:{addr[1]}: checksum mismatch")
                conn.sendall(b"CORRUPT")
