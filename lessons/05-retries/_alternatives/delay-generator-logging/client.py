"""A learner's version: the waits come from a generator, the messages from logging (stderr)."""
import logging
import random
import socket
import sys
import time

logging.basicConfig(format="%(message)s", level=logging.INFO)
log = logging.getLogger(__name__)

RETRYABLE = (ConnectionRefusedError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


def full_jitter(base=0.2, cap=2.0):
    n = 0
    while True:
        yield random.uniform(0, min(cap, base * (2 ** n)))
        n += 1


def fetch(host, port):
    conn = socket.create_connection((host, port), timeout=2)
    try:
        conn.sendall(b"hello\n")
        return conn.recv(1024)
    finally:
        conn.close()


def main(argv):
    host = argv[1] if len(argv) > 1 else "127.0.0.1"
    port = int(argv[2]) if len(argv) > 2 else 65432
    waits = full_jitter()
    for n in range(1, 6):
        try:
            data = fetch(host, port)
        except RETRYABLE as e:
            if n == 5:
                log.error("attempt %d failed: %s (no more attempts)", n, type(e).__name__)
                return 1
            pause = next(waits)
            log.warning("attempt %d failed: %s; sleeping %.2f s", n, type(e).__name__, pause)
            time.sleep(pause)
        except OSError as e:
            log.error("attempt %d failed: %s: %s", n, type(e).__name__, e)
            return 1
        else:
            print("Received: " + data.decode().strip())
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
