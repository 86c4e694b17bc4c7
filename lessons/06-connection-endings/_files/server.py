"""An echo server: sends back everything a client sends.

usage: python3 server.py

It works for a client that behaves. Try the experiments in the lesson to see what a client that
leaves does to it.
"""
import socket

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 65432))
    server.listen()
    print("Listening on 127.0.0.1:65432")
    while True:
        conn, addr = server.accept()
        with conn:
            print(f"{addr[0]}:{addr[1]} connected")
            while True:
                data = conn.recv(1024)
                conn.sendall(data)
