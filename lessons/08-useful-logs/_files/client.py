"""Send command lines to the server and print each answer.

usage: python3 client.py [--port PORT] [--repeat N] [--reset] COMMAND ...

Commands:  ADD a b   DIV a b   LOGIN user password
--repeat N  runs the same session N times, a new connection each time (to fill a log quickly)
--reset     sends the commands, then aborts the connection with a reset instead of reading answers
"""
import argparse
import socket
import struct

parser = argparse.ArgumentParser()
parser.add_argument("commands", nargs="+")
parser.add_argument("--port", type=int, default=65432)
parser.add_argument("--repeat", type=int, default=1)
parser.add_argument("--reset", action="store_true")
args = parser.parse_args()

for _ in range(args.repeat):
    with socket.create_connection(("127.0.0.1", args.port), timeout=5) as sock:
        sock.sendall("".join(c + "\n" for c in args.commands).encode())
        if args.reset:
            # SO_LINGER with a zero timeout: close() sends a reset (RST), not a polite FIN.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            continue
        try:
            sock.shutdown(socket.SHUT_WR)  # no more commands: the server answers, then closes
        except OSError:
            pass  # a connection already reset cannot be shut down (ENOTCONN): the recv() below says what happened
        answers = b""
        while chunk := sock.recv(4096):
            answers += chunk
    if args.repeat == 1 and not args.reset:
        lines = answers.decode().splitlines()
        for command, answer in zip(args.commands, lines):
            print(f"{command!r} -> {answer}")
        if len(lines) < len(args.commands):
            print(f"(the server closed after {len(lines)} of {len(args.commands)} answers)")
print("done")
