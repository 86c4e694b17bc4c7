"""A tiny command server: ADD a b, DIV a b, LOGIN user password, one command per line.

usage: python3 server.py

It reports what happens with print(). The exercise turns that into real logging.
"""
import socket


def answer(line):
    command, *args = line.split()
    if command == "ADD":
        return str(int(args[0]) + int(args[1]))
    if command == "DIV":
        return str(int(args[0]) // int(args[1]))
    if command == "LOGIN":
        return f"welcome {args[0]}"
    return "ERR unknown command"


def serve(conn, who):
    buffer = b""
    while chunk := conn.recv(4096):
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            text = line.decode()
            print("received", text, "from", who)
            try:
                reply = answer(text)
            except (ValueError, IndexError):
                reply = "ERR bad arguments"
            conn.sendall(reply.encode() + b"\n")


with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 65432))
    server.listen()
    print("Listening on 127.0.0.1:65432")
    while True:
        conn, addr = server.accept()
        who = f"{addr[0]}:{addr[1]}"
        print("connection from", who)
        with conn:
            try:
                serve(conn, who)
            except ConnectionError as e:
                print("error:", e)
