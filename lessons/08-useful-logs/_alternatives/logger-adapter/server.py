"""A learner's version: a LoggerAdapter puts the client's address on every line; a handler class."""
import logging
import socket
import sys
from logging.handlers import RotatingFileHandler


class AddressAdapter(logging.LoggerAdapter):
    def process(self, msg, kwargs):
        return f"[{self.extra['addr']}] {msg}", kwargs


class CommandHandler:
    def __init__(self, conn, addr):
        self.conn = conn
        self.log = AddressAdapter(logging.getLogger("srv"), {"addr": f"{addr[0]}:{addr[1]}"})

    def run(self):
        self.log.info("opened")
        try:
            with self.conn.makefile("r", encoding="utf-8", newline="\n") as reader:
                for line in reader:
                    self.conn.sendall(self.reply(line.rstrip("\n")).encode() + b"\n")
        except ConnectionResetError:
            self.log.warning("reset by the client")
        except Exception:
            self.log.exception("crashed while serving")
        else:
            self.log.info("closed")
        finally:
            self.conn.close()

    def reply(self, line):
        op, *rest = line.split(" ")
        if op == "LOGIN":
            self.log.info("login user=%s", rest[0])
            return f"welcome {rest[0]}"
        if op in ("ADD", "DIV"):
            if len(rest) != 2:
                self.log.warning("bad arguments for %s", op)
                return "ERR bad arguments"
            a, b = map(int, rest)
            return str(a + b if op == "ADD" else a // b)
        return "ERR unknown command"


logging.basicConfig(
    level=logging.DEBUG if "--debug" in sys.argv else logging.INFO,
    format="%(asctime)s %(levelname)s %(message)s",
    handlers=[RotatingFileHandler("server.log", maxBytes=10_000, backupCount=3), logging.StreamHandler()],
)
server = socket.create_server(("127.0.0.1", 65432))
while True:
    CommandHandler(*server.accept()).run()
