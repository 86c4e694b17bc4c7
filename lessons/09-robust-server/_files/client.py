"""A client for the echo server.

usage: python3 client.py MESSAGE ...    send each message, print each echo with how long it took
       python3 client.py                type lines yourself (Ctrl-D to finish)
       python3 client.py --idle         connect, say nothing, and report when the server hangs up
       python3 client.py --port P ...   the same, on port P instead of 65432
"""
import socket
import sys
import time


def talk(sock, lines):
    for line in lines:
        started = time.monotonic()
        sock.sendall(line.encode() + b"\n")
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = sock.recv(4096)
            if not chunk:
                print("the server closed the connection")
                return
            reply += chunk
        print(f"{reply.decode().rstrip()}  ({time.monotonic() - started:.2f} s)")


def idle(sock):
    started = time.monotonic()
    print("connected; saying nothing")
    try:
        data = sock.recv(1)
        how = "closed the connection" if not data else f"sent {data!r}"
    except ConnectionResetError:
        how = "reset the connection"
    print(f"after {time.monotonic() - started:.1f} s the server {how}")


args = sys.argv[1:]
port = 65432
if args[:1] == ["--port"]:
    port, args = int(args[1]), args[2:]
with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
    if args == ["--idle"]:
        sock.settimeout(None)
        idle(sock)
    elif args:
        talk(sock, args)
    else:
        talk(sock, (line.rstrip("\n") for line in sys.stdin))
