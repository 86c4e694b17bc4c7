"""The lab's test client: one TCP client run, reported as JSON on stdout. Checks use it to play
the client against a learner's server; the integration tests use it as "a learner's client".

usage: probe.py PORT [--host H] [--send N | --message TEXT | --hex BYTES] [--expect N] [--messages K]
                [--timeout S] [--half-close] [--chunk N [--chunk-delay S]] [--reset] [--bind] [--hold S]
                [--stay S]

Connects (with a timeout), then K times: sends N bytes (or TEXT) and reads until N (or --expect)
bytes came back, EOF or an exception. --half-close sends everything, shuts down writing and reads
to EOF. --bind only tries to bind HOST:PORT. The report says at which stage an exception happened
and, with --message, the text received (first 4 KB). --hold connects, prints {"connected": true} at
once, keeps the connection open for S seconds without sending (an idle client), then reports.
--hex sends raw bytes (binary frames); --chunk sends them N bytes at a time with a pause between
(partial reads); --reset closes with a reset (SO_LINGER 0) right after sending, reading nothing.
--stay keeps the connection open S seconds after the exchange, before closing it.
"""
import argparse, errno, json, socket, struct, time

p = argparse.ArgumentParser()
p.add_argument("port", type=int)
p.add_argument("--host", default="127.0.0.1")
p.add_argument("--send", type=int, default=100)
p.add_argument("--message")
p.add_argument("--hex")
p.add_argument("--chunk", type=int)
p.add_argument("--chunk-delay", type=float, default=0.2)
p.add_argument("--reset", action="store_true")
p.add_argument("--expect", type=int)
p.add_argument("--messages", type=int, default=1)
p.add_argument("--timeout", type=float, default=3)
p.add_argument("--half-close", action="store_true")
p.add_argument("--bind", action="store_true")
p.add_argument("--hold", type=float)
p.add_argument("--stay", type=float)
a = p.parse_args()

if a.hex is not None:
    payload = bytes.fromhex(a.hex)
elif a.message is not None:
    payload = a.message.encode()
else:
    payload = b"x" * a.send


def send(sock, data):
    if not a.chunk:
        return sock.sendall(data)
    for i in range(0, len(data), a.chunk):
        if i:
            time.sleep(a.chunk_delay)
        sock.sendall(data[i : i + a.chunk])

result = {"stage": "done", "exception": None, "received": 0, "chunks": 0, "eof": False}
text = bytearray()
start = time.monotonic()
stage = "connect"
try:
    if a.bind:
        stage = "bind"
        with socket.socket() as s:
            s.bind((a.host, a.port))
    else:
        with socket.create_connection((a.host, a.port), timeout=a.timeout) as sock:
            result["connected_after"] = round(time.monotonic() - start, 3)
            if a.hold is not None:
                print(json.dumps({"connected": True}), flush=True)
                time.sleep(a.hold)
                a.messages = 0
            for _ in range(a.messages):
                stage = "send"
                send(sock, payload)
                if a.reset:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    break
                if a.half_close:
                    sock.shutdown(socket.SHUT_WR)
                stage = "recv"
                wanted = float("inf") if a.half_close else (a.expect or len(payload))
                got = 0
                while got < wanted:
                    data = sock.recv(65536)
                    if not data:
                        result["eof"] = True
                        break
                    got += len(data)
                    result["received"] += len(data)
                    result["chunks"] += 1
                    if len(text) < 4096:
                        text += data[: 4096 - len(text)]
                if result["eof"]:
                    break
            if a.stay and not a.reset:
                time.sleep(a.stay)
except OSError as e:
    result["stage"] = stage
    result["exception"] = type(e).__name__
    result["errno"] = errno.errorcode.get(e.errno) if isinstance(e.errno, int) else None
result["elapsed"] = round(time.monotonic() - start, 3)
if a.message is not None or a.hex is not None:
    result["text"] = text.decode("utf-8", "replace")
if a.hex is not None:
    result["hex"] = text.hex()
print(json.dumps(result))
