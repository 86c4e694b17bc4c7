"""Connect to a server that may not be up yet, send hello, print the answer.
Retries what is worth retrying, with exponential backoff and full jitter.

usage: python3 client.py [HOST] [PORT]
"""
import random
import socket
import sys
import time

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432
MAX_ATTEMPTS = 3  # three tries should be plenty
BASE_DELAY = 0.2  # seconds before the second attempt, at most
MAX_DELAY = 2.0   # no single wait longer than this

# Worth another try: the server may be restarting, busy, or the network hiccuped.
TRANSIENT = (ConnectionRefusedError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


def ask(host: str, port: int) -> bytes:
    # A new socket for every attempt: a socket whose connect failed is not reused.
    with socket.create_connection((host, port), timeout=2) as sock:
        sock.sendall(b"hello\n")
        return sock.recv(1024)


def main() -> int:
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            reply = ask(HOST, PORT)
        except TRANSIENT as e:
            if attempt == MAX_ATTEMPTS:
                print(f"attempt {attempt} failed: {type(e).__name__}; giving up", file=sys.stderr)
                return 1
            # Full jitter: a random wait up to the exponential ceiling, so many clients do not retry in step.
            delay = random.uniform(0, min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1)))
            print(f"attempt {attempt} failed: {type(e).__name__}; retrying in {delay:.2f} s", file=sys.stderr)
            time.sleep(delay)
        except OSError as e:
            # Not transient (unknown host, permission denied…): retrying would only fail again.
            print(f"attempt {attempt} failed: {type(e).__name__}: {e}; not retrying", file=sys.stderr)
            return 1
        else:
            print(f"Received: {reply.decode().strip()}")
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
