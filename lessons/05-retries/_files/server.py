"""A small echo server for the experiments. Start it with a delay to play a slow server.

usage: python3 server.py [DELAY_SECONDS]
"""
import socket
import sys
import time

DELAY = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 65432))
    server.listen()
    # A timeout on the listening socket keeps accept() from blocking forever, so Ctrl-C is noticed
    # at least once a second even on systems where signals do not interrupt accept().
    server.settimeout(1.0)
    print(f"Listening on 127.0.0.1:65432 (answering after {DELAY} s)")
    try:
        while True:
            try:
                conn, addr = server.accept()
            except TimeoutError:
                continue  # nobody came this second: loop, and notice Ctrl-C if it was pressed
            with conn:
                data = conn.recv(1024)
                time.sleep(DELAY)
                conn.sendall(data)
    except KeyboardInterrupt:
        print("\nServer stopped.")
