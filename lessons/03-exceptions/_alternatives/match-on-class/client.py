"""A learner's version: one except OSError, then structural pattern matching on the class."""
import socket
import sys


def ask(host, port, message):
    with socket.create_connection((host, port), timeout=2) as sock:
        sock.sendall(message.encode() + b"\n")
        answer = b""
        while chunk := sock.recv(1024):
            answer += chunk
        return answer.decode()


def describe(error: OSError, where: str) -> str:
    match error:
        case socket.gaierror():
            return f"unknown host in {where}"
        case ConnectionRefusedError():
            return f"nothing is listening at {where}"
        case ConnectionResetError():
            return f"{where} decided to reset the connection"
        case TimeoutError():
            return f"no answer from {where}"
        case _:
            return f"{where}: {error}"


if __name__ == "__main__":
    host, port, message = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    try:
        print("Received:", ask(host, port, message))
    except OSError as error:
        print(describe(error, f"{host}:{port}"), file=sys.stderr)
        sys.exit(1)
