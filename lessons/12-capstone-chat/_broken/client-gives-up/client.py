"""Broken on purpose (it is the starter): the client gives up when the connection ends.

usage: python3 client.py [NAME] [--listen] [--port N]
  --listen   only print what arrives (no typing): handy in a second terminal; the checks use it
Ctrl-D (end of input) or Ctrl-C quits.
"""
import argparse
import queue
import socket
import sys
import threading

parser = argparse.ArgumentParser()
parser.add_argument("name", nargs="?", default="anon")
parser.add_argument("--listen", action="store_true")
parser.add_argument("--port", type=int, default=65432)
args = parser.parse_args()
ADDRESS = ("127.0.0.1", args.port)

outbox: "queue.Queue[bytes]" = queue.Queue()  # lines typed, waiting to be sent
quitting = threading.Event()


def read_keyboard() -> None:
    """Runs in its own thread. It never touches the socket: it only hands lines to the main thread."""
    for line in sys.stdin:
        text = line.strip()
        if text:
            outbox.put(f"{args.name}: {text}\n".encode())
    quitting.set()  # Ctrl-D


def talk(sock: socket.socket) -> None:
    """Sends what was typed and prints what arrives, until the connection ends or the user quits."""
    sock.settimeout(0.2)  # wake up five times a second to look at the outbox
    pending = bytearray()  # the start of a line whose end has not arrived yet
    while not quitting.is_set():
        while not outbox.empty():
            sock.sendall(outbox.get())
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
    # TODO: when the connection fails or ends, try again with backoff instead of giving up.
    try:
        with socket.create_connection(ADDRESS, timeout=3) as sock:
            print(f"Connected to {ADDRESS[0]}:{ADDRESS[1]}", flush=True)
            talk(sock)
    except (ConnectionError, TimeoutError) as e:
        print(f"Connection lost: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nBye.")
