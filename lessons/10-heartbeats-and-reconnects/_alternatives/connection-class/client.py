"""A learner's version: a Link class owns the socket, the heartbeat and the line buffer."""
import os
import random
import selectors
import socket
import sys
import time

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432


class Lost(Exception):
    pass


class Link:
    IDLE, GRACE = 1.0, 2.0

    def __init__(self, sock):
        self.sock = sock
        self.buf = bytearray()
        self.last_rx = time.monotonic()
        self.ping_sent_at = None

    def on_readable(self):
        data = self.sock.recv(4096)
        if not data:
            raise Lost("the server closed the connection")
        self.last_rx, self.ping_sent_at = time.monotonic(), None
        self.buf += data
        while (i := self.buf.find(b"\n")) >= 0:
            line = bytes(self.buf[:i])
            del self.buf[:i + 1]
            if line != b"PONG":
                print(f"reply: {line.decode()}", flush=True)

    def tick(self):
        now = time.monotonic()
        if self.ping_sent_at is None and now - self.last_rx >= self.IDLE:
            self.sock.sendall(b"PING\n")
            self.ping_sent_at = now
        elif self.ping_sent_at is not None and now - self.ping_sent_at >= self.GRACE:
            raise Lost("no PONG within 2 s")


def open_link():
    tries = 0
    while True:
        try:
            sock = socket.create_connection((HOST, PORT), timeout=2)
            print(f"connected to {HOST}:{PORT}", flush=True)
            return Link(sock)
        except OSError:
            tries += 1
            time.sleep(random.uniform(0, min(2.0, 0.2 * (2 ** tries))))


def run():
    sel = selectors.DefaultSelector()
    sel.register(sys.stdin, selectors.EVENT_READ, "stdin")
    ended_at = None
    while True:
        link = open_link()
        sel.register(link.sock, selectors.EVENT_READ, "net")
        try:
            while True:
                for key, _ in sel.select(0.1):
                    if key.data == "stdin":
                        data = os.read(sys.stdin.fileno(), 4096)
                        if data:
                            link.sock.sendall(data)
                        else:
                            sel.unregister(sys.stdin)
                            ended_at = time.monotonic()
                    else:
                        link.on_readable()
                if ended_at is not None:
                    if time.monotonic() - ended_at > 1.0:
                        return 0
                else:
                    link.tick()
        except (Lost, OSError) as why:
            print(f"connection lost: {why}", flush=True)
        finally:
            sel.unregister(link.sock)
            link.sock.close()


if __name__ == "__main__":
    sys.exit(run())
