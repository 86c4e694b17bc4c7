"""A client for the echo server, with a few ways to misbehave. The checks use it too: keep it as it is.

usage:
  python3 client.py [MESSAGE]         send MESSAGE (default: hello), print the echo
  python3 client.py --idle [SECONDS]  connect and send nothing (default: 60 s; Ctrl-C ends it)
  python3 client.py --big BYTES       send BYTES bytes while reading the echo, and compare
  python3 client.py --reset           send a message, then abort the connection with a reset
add --port N to any of them to use another port (default 65432).
"""
import argparse
import os
import socket
import struct
import sys
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("message", nargs="?", default="hello")
parser.add_argument("--idle", nargs="?", type=float, const=60.0)
parser.add_argument("--big", type=int)
parser.add_argument("--reset", action="store_true")
parser.add_argument("--port", type=int, default=65432)
args = parser.parse_args()
ADDRESS = ("127.0.0.1", args.port)


def echo_once() -> int:
    payload = args.message.encode()
    with socket.create_connection(ADDRESS, timeout=5) as sock:
        sock.sendall(payload)
        reply = b""
        while len(reply) < len(payload):  # one recv() is not one message: read until it is all here
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
    print(f"Received: {reply.decode(errors='replace')}")
    return 0


def idle() -> int:
    with socket.create_connection(ADDRESS, timeout=5):
        print(f"Connected; sending nothing for {args.idle:g} s (Ctrl-C to stop)", flush=True)
        time.sleep(args.idle)
    return 0


def big() -> int:
    payload = os.urandom(args.big)
    with socket.create_connection(ADDRESS, timeout=5) as sock:

        def send_all() -> None:
            try:
                sock.sendall(payload)
                sock.shutdown(socket.SHUT_WR)  # "I am done sending"; the server should finish and close
            except OSError as e:
                print(f"sending failed: {type(e).__name__}: {e}", file=sys.stderr)

        sender = threading.Thread(target=send_all, daemon=True)
        sender.start()
        time.sleep(0.3)  # read late on purpose: the server's send buffer fills and send() gets partial
        echoed = bytearray()
        try:
            while len(echoed) < len(payload):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                echoed += chunk
        except TimeoutError:
            print("the echo stopped for 5 s", file=sys.stderr)
        except ConnectionResetError:
            print("the server reset the connection", file=sys.stderr)
    if echoed == payload:
        print(f"Echo complete: {len(payload)} bytes, identical")
        return 0
    same = next((i for i, (a, b) in enumerate(zip(echoed, payload)) if a != b), min(len(echoed), len(payload)))
    print(f"Echo INCOMPLETE: sent {len(payload)} bytes, got {len(echoed)} back; first difference at byte {same}")
    return 1


def reset() -> int:
    sock = socket.create_connection(ADDRESS, timeout=5)
    sock.sendall(b"this client will vanish")
    # SO_LINGER on, with a zero timeout: close() throws away unsent data and sends RST instead of FIN.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
    print("Sent a message, then reset the connection")
    return 0


if __name__ == "__main__":
    try:
        if args.idle is not None:
            sys.exit(idle())
        if args.big is not None:
            sys.exit(big())
        sys.exit(reset() if args.reset else echo_once())
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as e:
        print(f"client.py: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
