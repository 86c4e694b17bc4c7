"""The lab's scripted chat client (the checks use it; you can too). It connects, optionally says some
lines, and reports every complete line it receives as "got: …", for a fixed time.

usage: python3 chat_probe.py [--port N] [--say LINE]... [--raw TEXT] [--delay S] [--for S] [--reset]
  --say LINE  send LINE followed by a newline (repeat for several; all go out in one send)
  --raw TEXT  then send TEXT as it is, without a newline (an unfinished line)
  --delay S   wait S seconds after connecting before sending (default 0)
  --for S     stay connected S seconds in all (default 3), then close politely
  --reset     after sending, abort the connection with a reset (RST) instead
"""
import argparse
import socket
import struct
import time

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, default=65432)
p.add_argument("--say", action="append", default=[])
p.add_argument("--raw", default="")
p.add_argument("--delay", type=float, default=0.0)
p.add_argument("--for", dest="duration", type=float, default=3.0)
p.add_argument("--reset", action="store_true")
a = p.parse_args()

start = time.monotonic()
try:
    sock = socket.create_connection(("127.0.0.1", a.port), timeout=3)
except OSError as e:
    print(f"connect failed: {type(e).__name__}", flush=True)
    raise SystemExit(1)
print("connected", flush=True)
time.sleep(a.delay)
payload = "".join(f"{line}\n" for line in a.say) + a.raw
if payload:
    sock.sendall(payload.encode())
    print(f"sent {len(payload.encode())} bytes", flush=True)
if a.reset:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
    print("reset the connection", flush=True)
    raise SystemExit(0)
pending = b""
try:
    while (left := a.duration - (time.monotonic() - start)) > 0:
        sock.settimeout(left)
        try:
            data = sock.recv(65536)
        except TimeoutError:
            break
        if not data:
            print("closed by the server", flush=True)
            break
        pending += data
        *lines, pending = pending.split(b"\n")
        for line in lines:
            print(f"got: {line.decode('utf-8', errors='replace')}", flush=True)
except ConnectionResetError:
    print("reset by the server", flush=True)
if pending:
    print(f"unfinished: {pending.decode('utf-8', errors='replace')}", flush=True)
sock.close()
print("done", flush=True)
