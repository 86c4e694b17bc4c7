"""Talk to several servers at once from one thread: non-blocking connects and one selector.

usage: python3 fanout.py [HOST:PORT ...]   (default: your server and the Break it peers)

Each target gets "ping" and we print whatever comes back within DEADLINE seconds. A slow or silent
server only delays its own line: the others are reported as soon as they answer.
"""
import errno
import selectors
import socket
import sys
import time

DEFAULT_TARGETS = ["127.0.0.1:65432", "127.0.0.1:65441", "127.0.0.1:65442", "127.0.0.1:65443", "closed.lab:65432", "silent.lab:65432"]
DEADLINE = 4.0
MESSAGE = b"ping"


def report(started: float, name: str, text: str) -> None:
    print(f"{time.monotonic() - started:5.2f} s  {name:<18} {text}", flush=True)


def main(targets: list[str]) -> None:
    sel = selectors.DefaultSelector()
    started = time.monotonic()
    for target in targets:
        host, _, port = target.rpartition(":")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        try:
            # connect_ex returns an error number instead of raising. Careful: the name lookup inside it
            # still blocks, and an unknown name still raises socket.gaierror.
            code = sock.connect_ex((host, int(port)))
        except socket.gaierror as e:
            report(started, target, f"no such host ({e})")
            sock.close()
            continue
        if code not in (0, errno.EINPROGRESS):
            report(started, target, f"failed at once: {type(OSError(code, '')).__name__}")
            sock.close()
            continue
        # The handshake is under way. The socket becomes *writable* when it has finished, either way.
        sel.register(sock, selectors.EVENT_WRITE, {"name": target, "state": "connecting", "got": b""})

    while sel.get_map():
        left = DEADLINE - (time.monotonic() - started)
        if left <= 0:
            break
        for key, mask in sel.select(timeout=left):
            sock, conv = key.fileobj, key.data
            if conv["state"] == "connecting":
                code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)  # 0 = connected
                if code != 0:
                    # OSError(code, text) builds the matching subclass, e.g. ConnectionRefusedError.
                    report(started, conv["name"], f"connect failed: {type(OSError(code, '')).__name__}")
                    sel.unregister(sock)
                    sock.close()
                    continue
                report(started, conv["name"], "connected")
                sock.send(MESSAGE)  # 4 bytes into an empty send buffer: it fits (check the count in real code)
                conv["state"] = "reading"
                sel.modify(sock, selectors.EVENT_READ, conv)
            else:
                try:
                    data = sock.recv(4096)
                except ConnectionResetError:
                    data = b""
                conv["got"] += data
                if not data or len(conv["got"]) >= len(MESSAGE):
                    report(started, conv["name"], f"answered {conv['got']!r}")
                    sel.unregister(sock)
                    sock.close()

    for key in list(sel.get_map().values()):
        what = "still connecting" if key.data["state"] == "connecting" else f"got only {key.data['got']!r}"
        report(started, key.data["name"], f"no answer within {DEADLINE:g} s ({what})")
        sel.unregister(key.fileobj)
        key.fileobj.close()


if __name__ == "__main__":
    main(sys.argv[1:] or DEFAULT_TARGETS)
