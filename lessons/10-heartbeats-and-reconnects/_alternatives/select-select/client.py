# A learner's version: select.select on the socket and stdin's file descriptor, deadlines as numbers.
import os
import random
import select
import socket
import sys
import time

host, port = (sys.argv[1], int(sys.argv[2])) if len(sys.argv) > 2 else ("127.0.0.1", 65432)
STDIN = sys.stdin.fileno()


def connect_with_backoff():
    n = 0
    while True:
        try:
            return socket.create_connection((host, port), timeout=2)
        except OSError as e:
            wait = random.uniform(0, min(2, 0.2 * 2 ** n))
            print(f"connect failed ({e.__class__.__name__}), next try in {wait:.2f}s", flush=True)
            time.sleep(wait)
            n += 1


stdin_open = True
while True:
    s = connect_with_backoff()
    print(f"connected to {host}:{port}", flush=True)
    pending = b""
    ping_at = time.monotonic() + 1.0
    dead_at = None
    quit_at = None
    lost = None
    while lost is None:
        watch = [s] + ([STDIN] if stdin_open else [])
        ready, _, _ = select.select(watch, [], [], 0.1)
        if STDIN in ready:
            chunk = os.read(STDIN, 4096)
            if chunk:
                s.sendall(chunk)
            else:
                stdin_open = False
                quit_at = time.monotonic() + 2.0
                s.shutdown(socket.SHUT_WR)
        if s in ready:
            try:
                chunk = s.recv(4096)
            except OSError as e:
                lost = repr(e)
                break
            if not chunk:
                if quit_at is not None:
                    sys.exit(0)
                lost = "server closed"
                break
            ping_at, dead_at = time.monotonic() + 1.0, None
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                if line.strip() != b"PONG":
                    print("reply: " + line.decode(), flush=True)
        now = time.monotonic()
        if quit_at is not None and now > quit_at:
            sys.exit(0)
        if quit_at is None and dead_at is None and now >= ping_at:
            s.sendall(b"PING\n")
            dead_at = now + 2.0
        elif dead_at is not None and now >= dead_at:
            lost = "no answer to PING"
    print("connection lost:", lost, flush=True)
    s.close()
