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


def emit(event, at=None, **fields):
    """One event line; `at` is when it happened, if known better than now (a packet's kernel timestamp)."""
    with print_lock:
        sys.stdout.write(json.dumps({"t": at if at is not None else time.time(), "event": event, **fields}) + "\n")
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


SO_TIMESTAMPNS = 35  # Linux: SO_TIMESTAMPNS_OLD, delivered as SCM_TIMESTAMPNS with the same number


def arrival_time(ancillary):
    """The kernel's receive time of a packet (Unix seconds), or now when the kernel gave none."""
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(data) >= 16:
            seconds, nanoseconds = struct.unpack("qq", data[:16])
            return seconds + nanoseconds / 1e9
    return time.time()


# A "sync" line on stdin is answered with a "synced" event once every packet that arrived before it
# has been handled: the peer knocks on SYNC_PORT, and the raw socket reads packets in arrival order.
# So a check reads every attempt a finished client made, however late this process runs.
SYNC_PORT = 9


def knock():
    """Sends one SYN to SYNC_PORT (nothing listens there; the kernel answers with a reset)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setblocking(False)
        try:
            s.connect(("127.0.0.1", SYNC_PORT))
        except OSError:
            pass


def answer_syncs(knocks):
    """Reads "sync" lines on stdin; with raw sockets, knocks (answered by the watcher), else answers at once."""
    for line in sys.stdin:
        if line.strip() != "sync":
            continue
        if knocks:
            knock()
        else:
            emit("synced")


def watch_syns(port, on_syn):
    """Calls on_syn() for each connection attempt (a SYN without ACK) to `port`.

    Needs a raw socket (CAP_NET_RAW in the session's namespace). Returns False if there is none.
    """
    try:
        raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    except PermissionError:
        return False

    # The kernel stamps each packet on arrival: a busy host may run this thread late, and checks
    # measure the client's waits between attempts from these times.
    raw.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)

    def loop():
        while True:
            packet, ancillary, _flags, _addr = raw.recvmsg(65535, socket.CMSG_SPACE(16))
            ihl = (packet[0] & 0x0F) * 4
            dport = struct.unpack("!H", packet[ihl + 2:ihl + 4])[0]
            flags = packet[ihl + 13]
            if dport == port and flags & 0x02 and not flags & 0x10:
                on_syn(arrival_time(ancillary))
            elif dport == SYNC_PORT and flags & 0x02 and not flags & 0x10:
                emit("synced")

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
    counting = False
    if refused_left:
        # Bound but not listening: the kernel answers each SYN with a reset (a real refusal).
        # A raw socket counts the attempts; after `count` of them we start listening.
        listening = threading.Event()

        listened_at = None

        def on_syn(at):
            nonlocal refused_left, listened_at
            # SYNs are handled after they arrive: one that came before listen() was refused too,
            # even if it is read after (a client retrying without a pause sends several at once).
            if listened_at is not None and at >= listened_at:
                return
            refused_left = max(0, refused_left - 1)
            emit("attempt", at=at, refused=True, left=refused_left)
            if refused_left == 0 and listened_at is None:
                server.listen(16)
                listened_at = time.time()
                listening.set()
                emit("listening", at=listened_at, port=args.port)

        if watch_syns(args.port, on_syn):
            counting = True
            emit("refusing", port=args.port, count=args.count)
        else:
            emit("note", message="no raw sockets here: refusals are not counted; accepting now")
            refused_left = 0
    threading.Thread(target=answer_syncs, args=(counting,), daemon=True).start()
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
