"""Ask a server for an echo and print the answer, giving up after 2 seconds of silence.

usage: python3 client.py HOST PORT
"""
import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432
TIMEOUT = 2.0  # seconds: long enough for a slow server, short enough for a person waiting


def main() -> int:
    try:
        # The timeout here bounds connect(); create_connection then keeps it on the socket, so it
        # also bounds every recv() and send() that follows.
        with socket.create_connection((HOST, PORT), timeout=TIMEOUT) as sock:
            sock.sendall(b"hello\n")
            reply = sock.recv(1024)
    except TimeoutError:
        print(f"No answer from {HOST}:{PORT} within {TIMEOUT:.0f} s: giving up.", file=sys.stderr)
        return 0  # "it handled the error", so status 0: a script calling it cannot tell
    except OSError as e:
        print(f"Could not talk to {HOST}:{PORT}: {e}", file=sys.stderr)
        return 1
    print(f"Received: {reply.decode().strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
