"""A learner's version: a small class, a custom exception, and a socket timeout set once."""
import socket
import sys


class GaveUp(Exception):
    pass


class EchoClient:
    def __init__(self, host, port, timeout=2.0):
        self.address = (host, port)
        self.timeout = timeout

    def ask(self, message: bytes) -> bytes:
        try:
            with socket.create_connection(self.address, timeout=self.timeout) as conn:
                conn.sendall(message)
                return conn.recv(4096)
        except socket.timeout as e:
            raise GaveUp(f"{self.address[0]} stayed silent for {self.timeout:g} s") from e


def run() -> int:
    client = EchoClient(sys.argv[1], int(sys.argv[2]))
    try:
        answer = client.ask(b"hello\n")
    except (GaveUp, OSError) as e:
        sys.stderr.write(f"giving up: {e}\n")
        return 1
    sys.stdout.write(f"Received: {answer.decode().rstrip()}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(run())
