"""A learner's version: logging configured with dictConfig; the commands in a dispatch table."""
import logging
import logging.config
import socket
import sys

COMMANDS = {
    "ADD": lambda a, b: int(a) + int(b),
    "DIV": lambda a, b: int(a) // int(b),
}


def configure(debug: bool) -> None:
    logging.config.dictConfig({
        "version": 1,
        "formatters": {"plain": {"format": "%(asctime)s [%(levelname)s] %(message)s"}},
        "handlers": {
            "file": {"class": "logging.handlers.RotatingFileHandler", "filename": "server.log",
                     "maxBytes": 10_000, "backupCount": 3, "formatter": "plain"},
            "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        },
        "root": {"level": "DEBUG" if debug else "INFO", "handlers": ["file", "console"]},
    })


def respond(text: str) -> str:
    name, *args = text.split()
    if name == "LOGIN":
        return "welcome " + args[0]
    if name not in COMMANDS:
        return "ERR unknown command"
    try:
        return str(COMMANDS[name](*args))
    except (ValueError, TypeError):
        return "ERR bad arguments"


def main() -> None:
    configure("--debug" in sys.argv)
    log = logging.getLogger("cmd")
    srv = socket.create_server(("127.0.0.1", 65432))
    log.info("ready on 65432")
    while True:
        conn, (host, port) = srv.accept()
        peer = f"{host}:{port}"
        log.info("connection from %s", peer)
        try:
            with conn, conn.makefile("rb") as lines:
                for raw in lines:
                    log.debug("%s: %d bytes", peer, len(raw))
                    conn.sendall((respond(raw.decode().strip()) + "\n").encode())
            log.info("connection from %s closed", peer)
        except ConnectionResetError:
            log.warning("%s: connection reset by peer", peer)
        except Exception:
            log.exception("bug while serving %s", peer)


if __name__ == "__main__":
    main()
