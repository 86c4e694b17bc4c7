"""Type lines; the server echoes them.

usage: python3 client.py [HOST] [PORT]

It connects once and trusts the connection forever. Try it with the faults in the lesson.
"""
import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432

with socket.create_connection((HOST, PORT), timeout=5) as sock:
    sock.settimeout(None)  # connected: from now on, wait as long as it takes
    print(f"connected to {HOST}:{PORT}", flush=True)
    for line in sys.stdin:
        sock.sendall(line.encode())
        reply = sock.recv(4096)
        if not reply:
            print("the server closed the connection")
            break
        print("reply:", reply.decode().rstrip("\n"), flush=True)
