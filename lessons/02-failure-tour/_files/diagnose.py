"""Try to connect to HOST:PORT and say, in one line, what happened.

usage: python3 diagnose.py HOST PORT
"""
import socket
import sys

host, port = sys.argv[1], int(sys.argv[2])
try:
    socket.create_connection((host, port)).close()
    print("connected")
except Exception as e:
    print("error:", e)
