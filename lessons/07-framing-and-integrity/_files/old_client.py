"""The format many tutorials use: the message, "|", and its MD5 in hex, in one send.

usage: python3 old_client.py [--port PORT] MESSAGE
"""
import argparse
import hashlib
import socket

parser = argparse.ArgumentParser()
parser.add_argument("message")
parser.add_argument("--port", type=int, default=65432)
args = parser.parse_args()

text = args.message + "|" + hashlib.md5(args.message.encode()).hexdigest()
with socket.create_connection(("127.0.0.1", args.port), timeout=5) as sock:
    sock.sendall(text.encode())
    print("answer:", sock.recv(1024).decode())
