"""A retry loop with a trap in it: it makes ONE socket and calls connect() on it again and again.

Run it with nothing listening on 65432 and read the errno of each attempt.
"""
import socket
import time

sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.settimeout(5)  # a timeout makes Python run connect() non-blocking under the hood

for attempt in range(1, 4):
    try:
        sock.connect(("127.0.0.1", 65432))
        print(f"attempt {attempt}: connected")
        break
    except OSError as e:  # every class here is an OSError: print which one, and its errno
        print(f"attempt {attempt}: {type(e).__name__}: {e}")
        time.sleep(0.5)
sock.close()
