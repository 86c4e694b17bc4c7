"""A client for the echo server: send one message, print the reply."""
import socket

HOST = "127.0.0.1"
PORT = 65432
MESSAGE = b"Hello, sockets!"  # try changing this

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    sock.sendall(MESSAGE)
    reply = sock.recv(1024)

print(f"Received: {reply}")  # "tidied up" the client
