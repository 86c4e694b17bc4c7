# A learner's version: handlers attached by hand, exc_info=True instead of log.exception.
import logging
import socket
import sys
from logging.handlers import RotatingFileHandler

logger = logging.getLogger("commands")


def init_logging():
    logger.setLevel(logging.DEBUG if "--debug" in sys.argv else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(message)s", datefmt="%Y-%m-%d %H:%M:%S")
    for handler in (RotatingFileHandler("server.log", maxBytes=10000, backupCount=3), logging.StreamHandler(sys.stderr)):
        handler.setFormatter(fmt)
        logger.addHandler(handler)


def handle_line(line):
    parts = line.split()
    if not parts:
        return "ERR empty"
    if parts[0] == "ADD":
        return str(int(parts[1]) + int(parts[2]))
    if parts[0] == "DIV":
        return str(int(parts[1]) // int(parts[2]))
    if parts[0] == "LOGIN":
        logger.info("login by %s", parts[1])
        return "welcome " + parts[1]
    return "ERR unknown command"


def client_loop(sock, name):
    pending = b""
    while True:
        data = sock.recv(1024)
        if not data:
            return
        pending += data
        *complete, pending = pending.split(b"\n")
        for line in complete:
            sock.sendall(handle_line(line.decode()).encode() + b"\n")


init_logging()
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 65432))
listener.listen()
logger.info("server up")
while True:
    sock, address = listener.accept()
    name = "%s:%d" % address
    logger.info("client %s connected", name)
    try:
        client_loop(sock, name)
        logger.info("client %s disconnected", name)
    except ConnectionResetError:
        logger.warning("client %s: connection reset", name)
    except Exception as exc:
        logger.error("internal error with %s: %r", name, exc, exc_info=True)
    finally:
        sock.close()
