"""TCP keepalive with short timers: the kernel probes an idle connection for you.

usage: python3 keepalive_demo.py [PORT]

Connects, then waits in recv() with no timeout of its own. Switch on "Packets vanish" while it
waits: after about 1 + 3 x 1 s of unanswered probes the kernel gives up and recv() raises.
"""
import socket
import sys
import time

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 65432

with socket.create_connection(("127.0.0.1", PORT), timeout=5) as sock:
    sock.settimeout(None)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    if hasattr(socket, "TCP_KEEPIDLE"):  # Linux names; macOS has TCP_KEEPALIVE for the idle time
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)  # first probe after 1 s idle
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)  # then one every second
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 3)  # give up after 3 unanswered
    print("connected; waiting in recv() with keepalive on (switch on 'Packets vanish' now)", flush=True)
    started = time.monotonic()
    try:
        data = sock.recv(1024)
        print(f"recv() returned {data!r} after {time.monotonic() - started:.1f} s")
    except OSError as e:
        print(f"after {time.monotonic() - started:.1f} s: {type(e).__name__}: {e}")
