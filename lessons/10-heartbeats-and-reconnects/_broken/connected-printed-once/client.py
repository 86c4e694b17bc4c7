"""Type lines; the server echoes them. Survives dead connections and server restarts.

usage: python3 client.py [HOST] [PORT]

One thread watches both stdin and the socket (selectors). When the line has been quiet for 1 s it
sends PING; if nothing at all arrives within 2 s after that, the connection is declared dead. Then
it reconnects, with exponential backoff and full jitter, until the server is back. Ctrl-D ends it.
"""
import os
import random
import selectors
import socket
import sys
import time

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432
PING_AFTER = 1.0  # seconds of silence before we ask "are you there?"
DEAD_AFTER = 2.0  # seconds to wait for any answer to that PING


class Finished(Exception):
    """The user ended the input (Ctrl-D)."""


def session(sock):
    """Talk until the connection dies (raises ConnectionError/TimeoutError) or stdin ends (Finished)."""
    sel = selectors.DefaultSelector()
    sel.register(sock, selectors.EVENT_READ)
    sel.register(sys.stdin, selectors.EVENT_READ)
    buffer = b""
    last_heard = time.monotonic()
    ping_sent = None
    finishing = None  # when stdin ended: then wait (a little) for the last replies, and stop
    try:
        while True:
            for key, _ in sel.select(timeout=0.1):
                if key.fileobj is sys.stdin:
                    typed = os.read(sys.stdin.fileno(), 4096)  # raw read: no hidden buffer behind select()
                    if typed:
                        sock.sendall(typed)
                    else:
                        sel.unregister(sys.stdin)
                        sock.shutdown(socket.SHUT_WR)  # "no more lines": the server closes when done
                        finishing = time.monotonic()
                    continue
                chunk = sock.recv(4096)
                if not chunk:
                    if finishing is not None:
                        raise Finished
                    raise ConnectionError("the server closed the connection")
                last_heard, ping_sent = time.monotonic(), None  # any bytes prove the peer is alive
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    if line != b"PONG":  # the heartbeat's answer is not a message: never show it
                        print("reply:", line.decode(errors="replace"), flush=True)
            now = time.monotonic()
            if finishing is not None:
                if now - finishing > DEAD_AFTER:
                    raise Finished  # the server never closed: do not wait for it forever
            elif ping_sent is None and now - last_heard > PING_AFTER:
                sock.sendall(b"PING\n")
                ping_sent = now
            elif ping_sent is not None and now - ping_sent > DEAD_AFTER:
                raise TimeoutError(f"no answer to PING within {DEAD_AFTER:g} s")
    finally:
        sel.close()


def main():
    attempt = 0
    print(f"connected to {HOST}:{PORT}", flush=True)  # said once, up front
    while True:
        try:
            sock = socket.create_connection((HOST, PORT), timeout=2)
        except OSError as e:
            attempt += 1
            delay = random.uniform(0, min(2.0, 0.2 * 2**attempt))  # backoff with full jitter
            print(f"cannot connect ({type(e).__name__}); retrying in {delay:.1f} s", flush=True)
            time.sleep(delay)
            continue
        attempt = 0
        with sock:
            try:
                session(sock)
            except Finished:
                return
            except (ConnectionError, TimeoutError) as e:
                print(f"connection lost: {e}", flush=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
