# A learner's version: the message goes through logging (stderr by default), and the read
# timeout is set separately from the connect timeout.
import logging
import socket
import sys

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
log = logging.getLogger("client")

CONNECT_TIMEOUT = 2
READ_TIMEOUT = 2


def main(host: str, port: int) -> int:
    try:
        sock = socket.create_connection((host, port), timeout=CONNECT_TIMEOUT)
    except TimeoutError:
        log.error("connect to %s:%d timed out", host, port)
        return 1
    except OSError as e:
        log.error("connect failed: %s", e)
        return 1
    with sock:
        sock.settimeout(READ_TIMEOUT)
        try:
            sock.sendall(b"hello\n")
            reply = sock.recv(1024)
        except TimeoutError:
            log.error("no reply within %d s", READ_TIMEOUT)
            return 1
    print("Received: " + reply.decode().strip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
