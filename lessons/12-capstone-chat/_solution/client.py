"""A chat client: type a line and press Enter to send it; lines from the others appear as they arrive.
When the connection is lost it reconnects, with backoff, until you quit.

usage: python3 client.py [NAME] [--listen] [--port N]
  --listen   only print what arrives (no typing): handy in a second terminal; the checks use it
Ctrl-D (end of input) or Ctrl-C quits.
"""
import argparse
import queue
import random
import socket
import sys
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("name", nargs="?", default="anon")
parser.add_argument("--listen", action="store_true")
parser.add_argument("--port", type=int, default=65432)
args = parser.parse_args()
ADDRESS = ("127.0.0.1", args.port)
BASE_DELAY = 0.2
MAX_DELAY = 2.0

outbox: "queue.Queue[bytes]" = queue.Queue()  # lines typed, waiting to be sent
quitting = threading.Event()


def read_keyboard() -> None:
    """Runs in its own thread. It never touches the socket: it only hands lines to the main thread."""
    for line in sys.stdin:
        text = line.strip()
        if text:
            outbox.put(f"{args.name}: {text}\n".encode())
    quitting.set()  # Ctrl-D


def connect() -> socket.socket | None:
    """Connects, retrying transient failures with exponential backoff and full jitter; None if we quit."""
    attempt = 0
    while not quitting.is_set():
        try:
            return socket.create_connection(ADDRESS, timeout=3)
        except (ConnectionError, TimeoutError) as e:
            attempt += 1
            delay = random.uniform(0, min(MAX_DELAY, BASE_DELAY * 2 ** attempt))
            print(f"attempt {attempt} failed: {type(e).__name__}; retrying in {delay:.2f} s", file=sys.stderr)
            quitting.wait(delay)  # like time.sleep, but Ctrl-D ends it early
    return None


def talk(sock: socket.socket) -> None:
    """Sends what was typed and prints what arrives, until the connection ends or the user quits."""
    sock.settimeout(0.2)  # wake up five times a second to look at the outbox
    pending = bytearray()  # the start of a line whose end has not arrived yet
    while not quitting.is_set():
        while not outbox.empty():
            sock.sendall(outbox.get())  # a line lost here when the server dies is lost: chat is at-most-once
        try:
            data = sock.recv(4096)
        except TimeoutError:
            continue
        if not data:
            raise ConnectionError("the server closed the connection")
        pending += data
        *lines, rest = pending.split(b"\n")  # the last piece is an unfinished line (or b"")
        pending = bytearray(rest)
        for line in lines:
            print(line.decode("utf-8", errors="replace"), flush=True)
    while not outbox.empty():  # quitting: send what was typed last before we go
        sock.sendall(outbox.get())


def main() -> int:
    if not args.listen:
        threading.Thread(target=read_keyboard, daemon=True).start()
    while not quitting.is_set():
        sock = connect()
        if sock is None:
            break
        with sock:
            print(f"Connected to {ADDRESS[0]}:{ADDRESS[1]}", flush=True)
            try:
                talk(sock)
            except (ConnectionError, TimeoutError) as e:
                print(f"Connection lost ({type(e).__name__}: {e}); reconnecting", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nBye.")
