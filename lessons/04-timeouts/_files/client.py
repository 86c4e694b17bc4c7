"""Ask a server for an echo and print the answer.

usage: python3 client.py HOST PORT
"""
import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432


def main() -> int:
    # No timeout anywhere: if the other side stays silent, so does this program, for a long time.
    with socket.create_connection((HOST, PORT)) as sock:
        sock.sendall(b"hello\n")
        reply = sock.recv(1024)
    print(f"Received: {reply.decode().strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
