"""The server for this lesson: reads one line, answers it in upper case, closes.

usage: python3 server.py
"""
import socket

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 65432))
    server.listen()
    server.settimeout(1.0)  # wake up every second, so Ctrl-C is noticed
    print("Listening on 127.0.0.1:65432")
    try:
        while True:
            try:
                conn, addr = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(5.0)  # a client that never finishes its line is dropped
                try:
                    line = b""
                    while not line.endswith(b"\n"):
                        chunk = conn.recv(1024)
                        if not chunk:
                            break  # the client left without finishing its line
                        line += chunk
                    conn.sendall(line.upper())
                except (ConnectionError, TimeoutError) as e:
                    print(f"{addr[0]}:{addr[1]}: {type(e).__name__}: {e}")
    except KeyboardInterrupt:
        print("\nServer stopped.")
