"""An echo server, one client at a time.

usage: python3 server.py

Try it with two clients at once, with a client that says nothing, and stop it with Ctrl-C and
start it again right away. The lesson shows what goes wrong.
"""
import socket

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.bind(("127.0.0.1", 65432))
    server.listen()
    print("Listening on 127.0.0.1:65432")
    try:
        while True:
            conn, addr = server.accept()
            who = f"{addr[0]}:{addr[1]}"
            print(f"{who} connected")
            with conn:
                try:
                    while data := conn.recv(4096):
                        conn.sendall(data)
                except ConnectionError as e:
                    print(f"{who}: {type(e).__name__}")
            print(f"{who} gone")
    except KeyboardInterrupt:
        print("\nServer stopped.")
