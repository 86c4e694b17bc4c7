"""A learner's version of the client: one selectors loop over stdin and the socket, no threads."""
import argparse
import os
import random
import selectors
import socket
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("name", nargs="?", default="me")
ap.add_argument("--listen", action="store_true")
ap.add_argument("--port", type=int, default=65432)
opts = ap.parse_args()
HOST = "127.0.0.1"


def dial() -> socket.socket:
    tries = 0
    while True:
        try:
            s = socket.create_connection((HOST, opts.port), timeout=3)
            print(f"Connected to {HOST}:{opts.port}", flush=True)
            return s
        except OSError as err:
            tries += 1
            pause = random.uniform(0, min(2.0, 0.2 * 2 ** tries))
            print(f"no server ({err.__class__.__name__}), trying again in {pause:.1f}s", file=sys.stderr, flush=True)
            time.sleep(pause)


def chat() -> None:
    typing = not opts.listen
    while True:
        s = dial()
        sel = selectors.DefaultSelector()
        sel.register(s, selectors.EVENT_READ, "net")
        if typing:
            sel.register(sys.stdin, selectors.EVENT_READ, "keys")
        partial = b""
        try:
            while True:
                for key, _ in sel.select():
                    if key.data == "keys":
                        text = os.read(sys.stdin.fileno(), 4096)
                        if not text:
                            return
                        for line in text.decode().splitlines():
                            if line.strip():
                                s.sendall(f"{opts.name}: {line.strip()}\n".encode())
                    else:
                        data = s.recv(4096)
                        if not data:
                            raise ConnectionError("server went away")
                        partial += data
                        *done, partial = partial.split(b"\n")
                        for line in done:
                            print(line.decode(errors="replace"), flush=True)
        except OSError as err:
            print(f"lost the connection: {err}", file=sys.stderr, flush=True)
        finally:
            sel.close()
            s.close()


if __name__ == "__main__":
    try:
        chat()
    except KeyboardInterrupt:
        pass
