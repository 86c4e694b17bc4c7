"""A learner's version: errors through logging (stderr), one handler per failure, a helper class."""
import logging
import socket
import sys

logging.basicConfig(format="%(levelname)s: %(message)s")
log = logging.getLogger("client")


class Conversation:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port

    def __str__(self):
        return f"{self.host}:{self.port}"

    def say(self, line: str) -> str:
        with socket.create_connection((self.host, self.port), timeout=2.0) as s:
            s.sendall(line.encode("utf-8") + b"\n")
            buf = bytearray()
            while data := s.recv(2048):
                buf += data
        return buf.decode("utf-8")


def main(argv) -> int:
    talk = Conversation(argv[1], int(argv[2]))
    try:
        reply = talk.say(argv[3])
    except socket.gaierror:
        log.error("unknown host %s", talk.host)
    except ConnectionRefusedError:
        log.error("nothing is listening on %s", talk)
    except ConnectionResetError:
        log.error("%s reset the connection", talk)
    except socket.timeout:
        log.error("no answer from %s in time", talk)
    except OSError as e:
        log.error("network trouble with %s: %s", talk, e)
    else:
        print("Received:", reply)
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
