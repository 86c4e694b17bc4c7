"""A tiny command server: ADD a b, DIV a b, LOGIN user password, one command per line.

usage: python3 server.py [--debug]

Logs to the console and to server.log (rotated at 10 kB, 3 old files kept). INFO: connections
opened and closed. WARNING: clients that misbehave. ERROR: our own bugs, with the traceback.
DEBUG (with --debug): bytes moved. Never logged: passwords, or whole payloads.
"""
import logging
import socket
import sys
from logging.handlers import RotatingFileHandler

log = logging.getLogger("server")  # one named logger per module; configured once, below


def setup_logging(debug):
    """Configure the root logger once, at startup: every module's logger inherits it."""
    file = RotatingFileHandler("server.log", maxBytes=10_000, backupCount=3, encoding="utf-8")
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.INFO,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        handlers=[file, logging.StreamHandler()],
    )


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
        log.debug("%s sent %d bytes", who, len(chunk))  # sizes, not contents
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            text = line.decode(errors="replace")
            command = text.split(" ", 1)[0]
            try:
                reply = answer(text)
            except (ValueError, IndexError):
                log.warning("%s sent %s with bad arguments", who, command)
                reply = "ERR bad arguments"
            if command == "LOGIN" and not reply.startswith("ERR"):
                log.info("%s logged in as %s", who, text.split()[1])  # the user, never the password
            conn.sendall(reply.encode() + b"\n")


def main():
    setup_logging(debug="--debug" in sys.argv)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 65432))
        server.listen()
        server.settimeout(1.0)  # wake up every second, so Ctrl-C is noticed
        log.info("listening on 127.0.0.1:65432")
        while True:
            try:
                conn, addr = server.accept()
            except TimeoutError:
                continue
            who = f"{addr[0]}:{addr[1]}"
            log.info("%s connected", who)
            with conn:
                conn.settimeout(10.0)
                try:
                    serve(conn, who)
                    log.info("%s closed the connection", who)
                except ConnectionResetError:
                    log.warning("%s reset the connection", who)
                except TimeoutError:
                    log.warning("%s was silent for 10 s: closing", who)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        log.info("stopped by Ctrl-C")
