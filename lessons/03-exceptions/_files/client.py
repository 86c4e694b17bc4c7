"""Send one line to the server and print its answer.

usage: python3 client.py [HOST] [PORT] [MESSAGE]

This version copies a pattern found in many tutorials. Try it against the lab hosts
(closed.lab, silent.lab, nowhere.lab) and see what it tells you.
"""
import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432
MESSAGE = sys.argv[3] if len(sys.argv) > 3 else "hello"


def ask(host, port, message):
    """Send one line, return the whole answer (the server closes when it is done)."""
    with socket.create_connection((host, port), timeout=2) as sock:
        sock.sendall(message.encode() + b"\n")
        answer = b""
        while chunk := sock.recv(1024):
            answer += chunk
        return answer.decode()


try:
    print("Received:", ask(HOST, PORT, MESSAGE))
except socket.error as e:
    print("Socket error:", e)
except ConnectionRefusedError:
    print("The server is not running")
except socket.timeout:
    print("Timed out")
except:
    print("Something went wrong")
