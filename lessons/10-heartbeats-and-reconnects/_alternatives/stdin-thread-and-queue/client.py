"""A learner's version: a thread reads stdin into a queue; the main loop polls the socket with a short timeout."""
import queue
import random
import socket
import sys
import threading
import time

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432
typed = queue.Queue()
EOF_MARK = None


def read_stdin():
    for line in sys.stdin.buffer:
        typed.put(line)
    typed.put(EOF_MARK)


def talk(sock):
    """Returns 'eof' when the user is done, raises OSError when the connection is lost."""
    sock.settimeout(0.1)
    inbox = b""
    heard = time.monotonic()
    pinged = None
    input_ended = None
    while True:
        try:
            while True:
                item = typed.get_nowait()
                if item is EOF_MARK:
                    input_ended = time.monotonic()
                    sock.shutdown(socket.SHUT_WR)
                    break
                sock.sendall(item)
        except queue.Empty:
            pass
        try:
            data = sock.recv(4096)
            if not data:
                if input_ended is not None:
                    return "eof"
                raise ConnectionError("closed by the server")
            heard, pinged = time.monotonic(), None
            inbox += data
            *lines, inbox = inbox.split(b"\n")
            for line in lines:
                if line != b"PONG":
                    print("reply:", line.decode(), flush=True)
        except socket.timeout:
            pass
        now = time.monotonic()
        if input_ended is not None:
            if now - input_ended > 2:
                return "eof"
        elif pinged is None and now - heard >= 1:
            sock.sendall(b"PING\n")
            pinged = now
        elif pinged is not None and now - pinged >= 2:
            raise TimeoutError("no PONG")


threading.Thread(target=read_stdin, daemon=True).start()
failures = 0
while True:
    try:
        conn = socket.create_connection((HOST, PORT), timeout=2)
    except OSError:
        failures += 1
        time.sleep(random.uniform(0, min(2.0, 0.2 * 2 ** failures)))
        continue
    failures = 0
    print(f"connected to {HOST}:{PORT}", flush=True)
    try:
        if talk(conn) == "eof":
            conn.close()
            break
    except OSError as problem:
        print(f"connection lost ({problem})", flush=True)
    conn.close()
