"""Connect to a server that may not be up yet, send hello, print the answer.

usage: python3 client.py [HOST] [PORT]
"""
import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432


def main() -> int:
    # One attempt: if the server is restarting right now, we fail with a traceback.
    with socket.create_connection((HOST, PORT), timeout=2) as sock:
        sock.sendall(b"hello\n")
        reply = sock.recv(1024)
    print(f"Received: {reply.decode().strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
