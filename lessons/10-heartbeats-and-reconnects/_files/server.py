"""A line server for this lesson: answers "PING" with "PONG" and echoes every other line.

usage: python3 server.py

A thread per client, SO_REUSEADDR, and a clean stop on Ctrl-C, as in lesson 9.
"""
import socket
import threading


def handle(conn, who):
    with conn:
        buffer = b""
        try:
            while chunk := conn.recv(4096):
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    conn.sendall(b"PONG\n" if line == b"PING" else line + b"\n")
        except OSError as e:
            print(f"{who}: {type(e).__name__}", flush=True)
    print(f"{who} gone", flush=True)


with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 65432))
    server.listen()
    server.settimeout(0.5)
    print("Listening on 127.0.0.1:65432", flush=True)
    try:
        while True:
            try:
                conn, addr = server.accept()
            except TimeoutError:
                continue
            who = f"{addr[0]}:{addr[1]}"
            print(f"{who} connected", flush=True)
            threading.Thread(target=handle, args=(conn, who), daemon=True).start()
    except KeyboardInterrupt:
        print("\nServer stopped.")
