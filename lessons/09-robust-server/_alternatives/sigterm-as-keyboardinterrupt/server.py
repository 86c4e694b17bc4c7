# A learner's version: SIGTERM raises KeyboardInterrupt like Ctrl-C, so one except handles both.
import signal
import socket
import sys
import threading

signal.signal(signal.SIGTERM, signal.default_int_handler)
conns = []


def echo(conn):
    conn.settimeout(3.0)
    try:
        while True:
            chunk = conn.recv(1024)
            if not chunk:
                break
            conn.sendall(chunk)
    except (socket.timeout, OSError):
        pass
    finally:
        conn.close()


srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 65432))
srv.listen()
try:
    while True:
        c, _ = srv.accept()
        conns.append(c)
        threading.Thread(target=echo, args=(c,), daemon=True).start()
except KeyboardInterrupt:
    print("shutting down", file=sys.stderr)
finally:
    srv.close()
    for c in conns:
        try:
            c.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
sys.exit(0)
