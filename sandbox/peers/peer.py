"""A scripted peer: a small TCP server with one known bad habit, played by the lab.

usage: peer.py BEHAVIOUR PORT [--count N] [--delay MS] [--host ADDR]

It prints one JSON object per line on stdout, each with "t" (Unix time, seconds) and "event":
refusing, listening, attempt (a connect it refused), accept, recv, send, reset, close, note. The lab turns
these into the Break-it event log, and checks use them to see what the learner's client did.
"""
import argparse
import json
import socket
import struct
import sys
import threading
import time

print_lock = threading.Lock()


def emit(event, **fields):
    with print_lock:
        sys.stdout.write(json.dumps({"t": time.time(), "event": event, **fields}) + "\n")
        sys.stdout.flush()


def reset(conn):
    """Close with a reset (RST) instead of an orderly FIN."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def serve(conn, peer, args):
    """One connection, answered according to the behaviour."""
    name = "%s:%d" % peer
    first = True
    try:
        while True:
            data = conn.recv(65536)
            if not data:
                emit("close", peer=name, by="client")
                break
            emit("recv", peer=name, bytes=len(data))
            behaviour = args.behaviour
            if behaviour == "never-answer":
                continue
            if behaviour == "slow":
                time.sleep(args.delay / 1000)
            if behaviour == "one-byte":
                for i in range(len(data)):
                    conn.sendall(data[i:i + 1])
                    time.sleep(args.delay / 1000)
            elif behaviour == "close-mid-message":
                half = data[: max(1, len(data) // 2)]
                conn.sendall(half)
                emit("send", peer=name, bytes=len(half))
                conn.close()
                emit("close", peer=name, by="peer", note="mid-message")
                return
            else:
                conn.sendall(data)
            emit("send", peer=name, bytes=len(data))
            if behaviour == "reset-after-first" and first:
                reset(conn)
                emit("reset", peer=name)
                return
            first = False
    except OSError as e:
        emit("reset" if isinstance(e, ConnectionResetError) else "close", peer=name, error=type(e).__name__)
    finally:
        conn.close()


def watch_syns(port, on_syn):
    """Calls on_syn() for each connection attempt (a SYN without ACK) to `port`.

    Needs a raw socket (CAP_NET_RAW in the session's namespace). Returns False if there is none.
    """
    try:
        raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    except PermissionError:
        return False

    def loop():
        while True:
            packet = raw.recv(65535)
            ihl = (packet[0] & 0x0F) * 4
            dport = struct.unpack("!H", packet[ihl + 2:ihl + 4])[0]
            flags = packet[ihl + 13]
            if dport == port and flags & 0x02 and not flags & 0x10:
                on_syn()

    threading.Thread(target=loop, daemon=True).start()
    return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("behaviour")
    parser.add_argument("port", type=int)
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--delay", type=int, default=500)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()

    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        server.bind((args.host, args.port))
    except OSError as e:
        emit("error", message="cannot bind %s:%d: %s" % (args.host, args.port, e.strerror))
        sys.exit(2)

    refused_left = args.count if args.behaviour == "refuse-first" else 0
    if refused_left:
        # Bound but not listening: the kernel answers each SYN with a reset (a real refusal).
        # A raw socket counts the attempts; after `count` of them we start listening.
        listening = threading.Event()

        def on_syn():
            nonlocal refused_left
            if listening.is_set():
                return
            refused_left -= 1
            emit("attempt", refused=True, left=refused_left)
            if refused_left <= 0:
                server.listen(16)
                listening.set()
                emit("listening", port=args.port)

        if watch_syns(args.port, on_syn):
            emit("refusing", port=args.port, count=args.count)
        else:
            emit("note", message="no raw sockets here: refusals are not counted; accepting now")
            refused_left = 0
    if not refused_left:
        server.listen(16)
        emit("listening", port=args.port)
    if args.behaviour == "hold-port":
        threading.Event().wait()  # hold the port; accept nothing
    while True:
        if refused_left:
            listening.wait()
        conn, peer = server.accept()
        emit("accept", peer="%s:%d" % peer)
        threading.Thread(target=serve, args=(conn, peer, args), daemon=True).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
