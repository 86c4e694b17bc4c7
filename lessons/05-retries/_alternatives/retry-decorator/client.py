"""A learner's version: a hand-written retry decorator around one request."""
import functools
import random
import socket
import sys
import time


class GiveUp(Exception):
    pass


def retry(attempts, base, cap, on=(ConnectionRefusedError, ConnectionResetError, ConnectionAbortedError, TimeoutError)):
    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args):
            for i in range(attempts):
                try:
                    return fn(*args)
                except on as exc:
                    print(f"attempt {i + 1} failed: {type(exc).__name__}", file=sys.stderr)
                    if i + 1 == attempts:
                        raise GiveUp() from exc
                    time.sleep(random.uniform(0, min(cap, base * 2 ** i)))
        return inner
    return wrap


@retry(attempts=5, base=0.2, cap=2.0)
def request(host, port):
    with socket.create_connection((host, port), timeout=2) as sock:
        sock.sendall(b"hello\n")
        return sock.recv(1024)


if __name__ == "__main__":
    host = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 65432
    try:
        reply = request(host, port)
    except GiveUp:
        print("giving up after 5 attempts", file=sys.stderr)
        sys.exit(1)
    except OSError as exc:
        print(f"attempt 1 failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
    print(f"Received: {reply.decode().strip()}")
